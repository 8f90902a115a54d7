package demand

// Coarsening before suppression: merging answers with small counts and
// grouping the timeline by longer periods leaves fewer small counts, and so
// fewer counts to hide.

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// Groupings of the timeline.
const (
	PeriodQuarter = "quarter"   // "2027-Q1"
	PeriodHalf    = "half-year" // "2027-H1"
	PeriodYear    = "year"      // "2027"
	// PeriodWhole puts every dated product in one period, named by its
	// years ("2026–2028"); the last resort of a sparse register.
	PeriodWhole = "whole span"
)

// mergeSep joins the codes of merged answers into the code of their row.
const mergeSep = "+"

// mergedCodes returns the answers behind a merged row's code, or nil for a
// row of one answer.
func mergedCodes(code string) []string {
	if !strings.Contains(code, mergeSep) {
		return nil
	}
	return strings.Split(code, mergeSep)
}

// sparse reports whether a row shows a small count.
func sparse(r Row) bool {
	return r.Submissions > 0 && r.Submissions < Threshold || r.Entities > 0 && r.Entities < Threshold
}

// mergeable reports whether row r of d may be merged with another row and
// still be counted exactly: any row of a single-answer question; in a
// multiple-answer question only an exclusive one (no product in it is in
// another row, so the products of the merged row are the sum).
func mergeable(d Dimension, r Row) bool {
	if !d.Multi {
		return true
	}
	for _, c := range strings.Split(r.Code, mergeSep) {
		if !exclusiveCodes[c] {
			return false
		}
	}
	return true
}

// mergeSparse returns a copy of s in which each mergeable answer with a small
// count is merged with another answer of its question: with another small
// one if there is one, else with the smallest answer that has products. A
// merged row keeps the place of its first answer; its products are the sum
// and its entities those with a product in any of its answers. It also
// returns a line for every merged row ("question: A; or b"). s is not
// changed.
func mergeSparse(s Summary, w *words) (Summary, []string) {
	out := s
	out.Dimensions = make([]Dimension, len(s.Dimensions))
	notes := []string{}
	for di, d := range s.Dimensions {
		rows := slices.Clone(d.Rows)
		parts := make([][]string, len(rows)) // the labels behind each row
		for i, r := range rows {
			parts[i] = []string{r.Label}
		}
		for {
			i := -1
			for j, r := range rows {
				if sparse(r) && mergeable(d, r) && (i < 0 || r.Submissions < rows[i].Submissions) {
					i = j
				}
			}
			if i < 0 {
				break
			}
			p := -1
			better := func(j int) bool {
				if p < 0 {
					return true
				}
				if sparse(rows[j]) != sparse(rows[p]) {
					return sparse(rows[j])
				}
				return rows[j].Submissions < rows[p].Submissions
			}
			for j, r := range rows {
				if j != i && r.Submissions > 0 && better(j) {
					p = j
				}
			}
			if p < 0 {
				break
			}
			a, b := min(i, p), max(i, p)
			rows[a], parts[a] = mergeRows(rows[a], rows[b], parts[a], parts[b], w)
			rows, parts = slices.Delete(rows, b, b+1), slices.Delete(parts, b, b+1)
		}
		for _, r := range rows {
			if strings.Contains(r.Code, mergeSep) {
				notes = append(notes, fmt.Sprintf(w.mergedNote, d.Title, r.Label))
			}
		}
		d.Rows = rows
		out.Dimensions[di] = d
	}
	return out, notes
}

// mergeRows merges two rows, whose labels list the answers pa and pb, into
// one: codes joined, answers listed ("A; or b"; "A; b; or c"; in Chinese
// 「甲、乙或丙」), products added, entities counted once. It returns the row
// and the answers behind it.
func mergeRows(a, b Row, pa, pb []string, w *words) (Row, []string) {
	labels := append(slices.Clone(pa), pb...)
	label := w.orJoin(slices.Clone(labels[:len(labels)-1]), labels[len(labels)-1])
	ids := union(a.EntityIDs, b.EntityIDs)
	return Row{Code: a.Code + mergeSep + b.Code, Label: label, Entities: len(ids), Submissions: a.Submissions + b.Submissions, EntityIDs: ids}, labels
}

// lowerFirst lowers the first letter of a label unless it starts an
// abbreviation ("HK").
func lowerFirst(s string) string {
	r := []rune(s)
	if len(r) > 1 && unicode.IsUpper(r[1]) {
		return s
	}
	if len(r) > 0 {
		r[0] = unicode.ToLower(r[0])
	}
	return string(r)
}

// union returns the entity ids in a or b, each once (a and b each hold an
// id once).
func union(a, b []int64) []int64 {
	in := make(map[int64]bool, len(a))
	for _, id := range a {
		in[id] = true
	}
	out := slices.Clone(a)
	for _, id := range b {
		if !in[id] {
			out = append(out, id)
		}
	}
	return out
}

// periodOf names the period of grouping g that holds quarter q ("2027-Q3"):
// the quarter itself, "2027-H2" or "2027".
func periodOf(q, g string) string {
	switch g {
	case PeriodHalf:
		if q[6] <= '2' {
			return q[:4] + "-H1"
		}
		return q[:4] + "-H2"
	case PeriodYear:
		return q[:4]
	}
	return q
}

// regroup returns tl with its quarters grouped into periods of g: products
// added up, entities counted once per period.
func regroup(tl Timeline, g string) Timeline {
	if g == PeriodQuarter {
		return tl
	}
	out := Timeline{Quarters: []string{}, Undated: tl.Undated}
	at := map[string]int{}
	var from []int // period of each quarter
	for _, q := range tl.Quarters {
		p := periodOf(q, g)
		if g == PeriodWhole {
			p = tl.Quarters[0][:4]
			if last := tl.Quarters[len(tl.Quarters)-1][:4]; last != p {
				p += "–" + last
			}
		}
		if _, ok := at[p]; !ok {
			at[p] = len(out.Quarters)
			out.Quarters = append(out.Quarters, p)
		}
		from = append(from, at[p])
	}
	group := func(cells []Cell) []Cell {
		out := make([]Cell, len(at))
		for i := range out {
			out[i].EntityIDs = []int64{}
		}
		for j, c := range cells {
			o := &out[from[j]]
			o.Submissions += c.Submissions
			o.EntityIDs = union(o.EntityIDs, c.EntityIDs)
			o.Entities = len(o.EntityIDs)
		}
		return out
	}
	for _, se := range tl.Series {
		out.Series = append(out.Series, Series{Code: se.Code, Label: se.Label, Cells: group(se.Cells)})
	}
	out.Totals = group(tl.Totals)
	return out
}
