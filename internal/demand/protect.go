package demand

// Complementary suppression. A "<3" among counts that add up to, or are
// bounded by, counts the report shows exactly could be worked out from them.
// protect withholds further counts, chosen with the audit's own linear
// programs, until no "<3" can be pinned to one value.

import "sort"

// maxTries is how many candidate counts protect tries, one at a time, for a
// pinned "<3" before it withholds the best-placed one and looks again.
const maxTries = 3

// protect withholds exact counts of sy until no "<3" is pinned. vals are the
// exact counts of sy's figures. It reports false when some "<3" stays pinned
// with no count left to withhold (the audit then refuses the report).
// Withholding only widens what a reader can tell of every count, so a "<3"
// found safe stays safe as more is withheld.
func protect(sy *system, vals []int) bool {
	ok := true
	for k, f := range sy.figs {
		if !f.Suppressed() {
			continue
		}
		for sy.pinned(k) {
			if !sy.withholdFor(k, vals) {
				ok = false
				break
			}
		}
	}
	return ok
}

// isTotal reports whether figure k is one of the report's totals, which are
// withheld only when nothing else helps (they are the first three figures).
func isTotal(k int) bool { return k < 3 }

// withholdFor withholds one or more exact counts to free the pinned "<3" k:
// the candidates are the exact counts of Threshold or more in a relation with
// k or with a hidden count linked to it, nearest first, then smallest first,
// the report's totals last. The first candidate that alone frees k is
// withheld; when none of the first maxTries does, the first is withheld and
// the caller looks again. It reports false when there is no candidate.
func (sy *system) withholdFor(k int, vals []int) bool {
	type cand struct{ k, dist, val int }
	var cands []cand
	// Breadth-first from k through hidden figures.
	dist := map[int]int{k: 0}
	queue := []int{k}
	if sy.relsOf == nil {
		sy.component(k) // builds relsOf
	}
	for len(queue) > 0 {
		f := queue[0]
		queue = queue[1:]
		for _, ri := range sy.relsOf[f] {
			for _, tm := range sy.rels[ri].terms {
				if _, seen := dist[tm.k]; seen {
					continue
				}
				dist[tm.k] = dist[f] + 1
				fig := sy.figs[tm.k]
				switch {
				case !fig.Exact():
					queue = append(queue, tm.k)
				case vals[tm.k] >= Threshold:
					cands = append(cands, cand{tm.k, dist[tm.k], vals[tm.k]})
				}
			}
		}
	}
	if len(cands) == 0 {
		return false
	}
	sort.SliceStable(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		if isTotal(a.k) != isTotal(b.k) {
			return !isTotal(a.k)
		}
		if a.dist != b.dist {
			return a.dist < b.dist
		}
		if a.val != b.val {
			return a.val < b.val
		}
		return a.k < b.k
	})
	for i, c := range cands {
		if i == maxTries {
			break
		}
		*sy.figs[c.k] = withheldFigure
		if !sy.pinned(k) {
			return true
		}
		*sy.figs[c.k] = Figure(vals[c.k])
	}
	*sy.figs[cands[0].k] = withheldFigure
	return true
}
