package demand

// Complementary suppression. A "<3" alone in a group of counts that add up to
// a total the report shows exactly could be worked out by subtracting the
// others from the total; protect withholds the smallest further counts of such
// a group until it cannot.

// unbounded stands for "no upper bound known" in a span; sums of a few of
// them stay far from overflow.
const unbounded = 1 << 40

// span is the range in which a reader can tell a hidden count lies.
type span struct{ lo, hi int }

// group is a set of counts that add up to a total the report shows: the exact
// counts and the figures that show them.
type group struct {
	vals []int
	figs []*Figure
	// bound narrows what a reader can tell of the withheld figure i beyond
	// the group itself (nil: nothing more).
	bound func(i int) span
	// also is called for every figure the group withholds (to withhold the
	// entity count beside it); nil for nothing.
	also func(i int)
}

// smallestShown returns the index of the smallest count shown exactly and
// not zero, or -1 when there is none.
func (g *group) smallestShown() int {
	best := -1
	for i, f := range g.figs {
		if f.Exact() && g.vals[i] > 0 && (best < 0 || g.vals[i] < g.vals[best]) {
			best = i
		}
	}
	return best
}

// hiddenSpan is the range a reader can tell the hidden figure i lies in: 1 to
// 2 for a "<3"; for a withheld count from Threshold up to the smallest count
// still shown (the smallest is withheld first), narrowed by bound.
func (g *group) hiddenSpan(i int) span {
	if g.figs[i].Suppressed() {
		return span{1, Threshold - 1}
	}
	sp := span{Threshold, unbounded}
	if j := g.smallestShown(); j >= 0 {
		sp.hi = g.vals[j]
	}
	if g.bound != nil {
		b := g.bound(i)
		sp = span{max(sp.lo, b.lo), min(sp.hi, b.hi)}
	}
	return sp
}

// total is the range a reader can tell the group's sum lies in from its
// figures alone.
func (g *group) total() span {
	var t span
	for i, f := range g.figs {
		if f.Exact() {
			t.lo += int(*f)
			t.hi += int(*f)
			continue
		}
		sp := g.hiddenSpan(i)
		t.lo += sp.lo
		t.hi += sp.hi
	}
	return t
}

// leaks reports whether a reader who knows the group's exact sum can work out
// a count shown as "<3": whether some value from 1 to 2 no longer fits once
// the others take values in their spans.
func (g *group) leaks() bool {
	small, rest, lo, hi := 0, 0, 0, 0
	for i, f := range g.figs {
		if f.Exact() {
			continue
		}
		if f.Suppressed() {
			small++
		}
		sp := g.hiddenSpan(i)
		rest += g.vals[i]
		lo += sp.lo
		hi += sp.hi
	}
	if small == 0 {
		return false
	}
	// The others of one "<3" lie in [lo-1, hi-(Threshold-1)].
	for v := 1; v < Threshold; v++ {
		if x := rest - v; x < lo-1 || x > hi-(Threshold-1) {
			return true
		}
	}
	return false
}

// withhold withholds one more count: the smallest shown. It reports false
// when none is left to withhold.
func (g *group) withhold() bool {
	i := g.smallestShown()
	if i < 0 {
		return false
	}
	*g.figs[i] = withheldFigure
	if g.also != nil {
		g.also(i)
	}
	return true
}

// protect withholds counts until no "<3" can be worked out by subtraction.
func (g *group) protect() {
	for g.leaks() {
		if !g.withhold() {
			return
		}
	}
}

// protect withholds, in r made from s, the counts that would let a reader
// work out a "<3" by subtraction from a total the report shows exactly: in
// each single-answer question (its products add up to all products), in
// each quarter of the timeline (its types add up to the quarter's products)
// and across the quarters (with the undated products they add up to all
// products). A withheld product count takes its entity count with it.
// Totals below Threshold are themselves "<3", so their groups are left.
func protect(s Summary, r *Report) {
	exact := func(f Figure) bool { return f.Exact() }
	if exact(r.Totals.Submissions) {
		for i, d := range s.Dimensions {
			if d.Multi {
				continue
			}
			rd := &r.Dimensions[i]
			g := &group{also: func(j int) { withholdEntities(&rd.Rows[j].Entities) }}
			for j, row := range d.Rows {
				g.vals = append(g.vals, row.Submissions)
				g.figs = append(g.figs, &rd.Rows[j].Submissions)
			}
			g.protect()
		}
	}

	tl, rt := s.Timeline, &r.Timeline
	quarters := make([]*group, len(tl.Quarters))
	for j := range tl.Quarters {
		g := &group{also: func(i int) { withholdEntities(&rt.Series[i].Entities[j]) }}
		for i, se := range tl.Series {
			g.vals = append(g.vals, se.Cells[j].Submissions)
			g.figs = append(g.figs, &rt.Series[i].Submissions[j])
		}
		quarters[j] = g
		if exact(rt.TotalSubmissions[j]) {
			g.protect()
		}
	}
	if !exact(r.Totals.Submissions) {
		return
	}
	undated := len(tl.Quarters)
	across := &group{
		// A withheld quarter's products are also its types' products added up.
		bound: func(j int) span {
			if j == undated {
				return span{0, unbounded}
			}
			return quarters[j].total()
		},
		also: func(j int) {
			if j == undated {
				withholdEntities(&rt.UndatedEntities)
				return
			}
			withholdEntities(&rt.TotalEntities[j])
			// Its types would add up to it: hide one of them too.
			q := quarters[j]
			for _, f := range q.figs {
				if !f.Exact() {
					return
				}
			}
			q.withhold()
		},
	}
	for j := range tl.Quarters {
		across.vals = append(across.vals, tl.Totals[j].Submissions)
		across.figs = append(across.figs, &rt.TotalSubmissions[j])
	}
	across.vals = append(across.vals, tl.Undated.Submissions)
	across.figs = append(across.figs, &rt.UndatedSubmissions)
	across.protect()
}

// withholdEntities withholds the entity count beside a withheld product
// count, which would bound it (a row has at least as many products as
// entities); a "<3" stays as it is.
func withholdEntities(f *Figure) {
	if f.Exact() {
		*f = withheldFigure
	}
}
