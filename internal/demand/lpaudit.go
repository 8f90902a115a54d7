package demand

// The disclosure audit. An attacker who reads an anonymised summary knows
// every count it prints exactly, that each "<3" is 1 or 2, that each withheld
// count is Threshold or more, and the relations by which the counts are
// made (see relations). Linear programming over all of them gives, for each
// hidden count, the smallest and the largest value it can take. A "<3" is
// pinned when that range no longer holds both 1 and 2. The audit solves
// these programs with the simplex of simplex.go (checked in the tests
// against an attack that uses gonum's optimize/convex/lp) and refuses a
// report with any pinned "<3"; protect uses the same programs to choose what
// to withhold.

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"atpreg/internal/apperr"
)

// noCount is the upper bound the programs give every hidden count (no
// register holds a million products); it keeps every program bounded.
const noCount = 1e6

// lpTol is the tolerance of the simplex and of the pinned test: values are
// small whole numbers, so anything closer than this is equal.
const lpTol = 1e-7

// term is coef times the figure with index k of a system.
type term struct {
	k    int
	coef float64
}

// relation is Σ coef·x ≤ rhs, or = rhs when eq, over the figures of a system.
type relation struct {
	terms []term
	eq    bool
	rhs   float64
}

// system is the figures of a report and the relations that hold between
// them: what an attacker knows. The figures are pointers into the report, so
// withholding one updates both.
type system struct {
	figs  []*Figure
	names []string // where each figure is printed, for messages
	rels  []relation
	byFig map[*Figure]int
	// relsOf lists the relations of each figure; built on first use, after
	// every relation is added.
	relsOf [][]int
}

func (sy *system) add(f *Figure, name string) int {
	if k, ok := sy.byFig[f]; ok {
		return k
	}
	sy.figs = append(sy.figs, f)
	sy.names = append(sy.names, name)
	sy.byFig[f] = len(sy.figs) - 1
	return len(sy.figs) - 1
}

func (sy *system) le(rhs float64, ts ...term) {
	sy.rels = append(sy.rels, relation{terms: ts, rhs: rhs})
}

func (sy *system) eq(rhs float64, ts ...term) {
	sy.rels = append(sy.rels, relation{terms: ts, eq: true, rhs: rhs})
}

// exclusiveCodes are the rows of a multiple-answer question that no other
// row of it shares a product with: a product that names no answer, or that
// needs no training, or needs it without naming a role.
var exclusiveCodes = map[string]bool{CodeUnanswered: true, CodeNoTraining: true, CodeRoleUnstated: true}

// exclusive reports whether every choice behind a row is exclusive.
func exclusive(row ReportRow) bool {
	for _, c := range row.codes() {
		if !exclusiveCodes[c] {
			return false
		}
	}
	return true
}

// codes returns the RFI choices behind a row: its merged choices, or its code.
func (row ReportRow) codes() []string {
	if len(row.Merged) > 0 {
		return row.Merged
	}
	return []string{row.Code}
}

// partition adds the relations of counts that split the products (a
// single-answer question, or the timeline's periods with the undated
// products): the products add up to all products; each row has at most as
// many entities as products, and no more products beyond one per entity
// than the whole register has; every entity with a product is in some row.
// For a multiple-answer question (multi) the products add up to at least all
// products, and products in an exclusive row are in no other (excl).
func (sy *system) partition(n, t, w int, es, ss []int, multi bool, excl []bool) {
	sum := make([]term, 0, len(ss)+1)
	ents := []term{{n, 1}, {w, -1}}
	spare := []term{{t, -1}, {n, 1}, {w, -1}}
	for i := range ss {
		e, s := es[i], ss[i]
		sy.le(0, term{e, 1}, term{s, -1})
		sy.le(0, term{e, 1}, term{n, -1}, term{w, 1})
		sy.le(0, term{s, 1}, term{t, -1})
		// Products beyond one per entity: at most the register's.
		sy.le(0, term{s, 1}, term{e, -1}, term{t, -1}, term{n, 1}, term{w, -1})
		sum = append(sum, term{s, 1})
		ents = append(ents, term{e, -1})
		spare = append(spare, term{s, 1}, term{e, -1})
	}
	sy.le(0, ents...)
	if !multi {
		sy.eq(0, append(sum, term{t, -1})...)
		sy.le(0, spare...)
		return
	}
	neg := make([]term, len(sum), len(sum)+1)
	for i, x := range sum {
		neg[i] = term{x.k, -1}
	}
	sy.le(0, append(neg, term{t, 1})...)
	var ex []term
	for i, s := range ss {
		if excl[i] {
			ex = append(ex, term{s, 1})
		}
	}
	if len(ex) == 0 {
		return
	}
	for i, s := range ss {
		if !excl[i] {
			sy.le(0, append(append([]term{}, ex...), term{s, 1}, term{t, -1})...)
		}
	}
}

// relations returns the system of r: every figure it prints and every
// relation between them that follows from how the counts are made.
//
//   - Entities with a product are the entities less those without; they are
//     at most the products.
//   - In every question and on the timeline: a row has at most as many
//     entities as products, at most every entity with a product and at most
//     every product; its products beyond one per entity are at most the
//     register's; every entity with a product is in some row.
//   - A single-answer question's products, and the timeline's periods with
//     the undated products, add up to all products, and their products
//     beyond one per entity to at most the register's.
//   - A multiple-answer question's products add up to at least all products;
//     a product in an exclusive row ("Not answered", "No training needed",
//     "Training needed, role not stated") is in no other row.
//   - A period's types add up to the period's products.
//   - The products of an ATP type (or of types merged with it) on the
//     timeline are at most the type's products in the question on ATP
//     types, and fall short of them by at most the undated products.
func relations(r *Report) *system {
	sy := &system{byFig: map[*Figure]int{}}
	n := sy.add(&r.Totals.Entities, "entities")
	t := sy.add(&r.Totals.Submissions, "product submissions")
	w := sy.add(&r.Totals.WithoutSubmissions, "entities without a product")
	sy.le(0, term{w, 1}, term{n, -1})
	sy.le(0, term{n, 1}, term{w, -1}, term{t, -1})

	var atpRows []int // products of the ATP question's rows
	var atpCodes [][]string
	for di := range r.Dimensions {
		d := &r.Dimensions[di]
		es, ss := make([]int, len(d.Rows)), make([]int, len(d.Rows))
		excl := make([]bool, len(d.Rows))
		for i := range d.Rows {
			row := &d.Rows[i]
			es[i] = sy.add(&row.Entities, d.Title+": "+row.Label+" (entities)")
			ss[i] = sy.add(&row.Submissions, d.Title+": "+row.Label+" (products)")
			excl[i] = exclusive(*row)
			if d.Key == DimATPType {
				atpRows = append(atpRows, ss[i])
				atpCodes = append(atpCodes, row.codes())
			}
		}
		sy.partition(n, t, w, es, ss, d.MultiChoice, excl)
	}

	tl := &r.Timeline
	es, ss := make([]int, 0, len(tl.Periods)+1), make([]int, 0, len(tl.Periods)+1)
	for j, p := range tl.Periods {
		es = append(es, sy.add(&tl.TotalEntities[j], p+" (entities)"))
		ss = append(ss, sy.add(&tl.TotalSubmissions[j], p+" (products)"))
	}
	undated := sy.add(&tl.UndatedSubmissions, "products without an expected start")
	es = append(es, sy.add(&tl.UndatedEntities, "entities with a product without an expected start"))
	ss = append(ss, undated)
	sy.partition(n, t, w, es, ss, false, nil)
	cells := make([][]int, len(tl.Series))
	for i := range tl.Series {
		se := &tl.Series[i]
		for j, p := range tl.Periods {
			cells[i] = append(cells[i], sy.add(&se.Submissions[j], p+": "+se.Label))
		}
	}
	for j := range tl.Periods {
		sum := []term{{ss[j], -1}}
		for i := range tl.Series {
			sum = append(sum, term{cells[i][j], 1})
		}
		sy.eq(0, sum...)
	}

	// The timeline's types against the question on ATP types: group the
	// rows and series that share a type, and bound each group.
	if len(atpRows) == 0 || len(tl.Periods) == 0 {
		return sy
	}
	uf := map[string]string{}
	var find func(string) string
	find = func(x string) string {
		if p, ok := uf[x]; ok && p != x {
			r := find(p)
			uf[x] = r
			return r
		}
		uf[x] = x
		return x
	}
	union := func(cs []string) {
		root := find(seriesOf(cs[0]))
		for _, c := range cs[1:] {
			uf[find(seriesOf(c))] = root
		}
	}
	for _, cs := range atpCodes {
		union(cs)
	}
	for _, se := range tl.Series {
		union(se.codes())
	}
	groups := map[string][]term{}
	var order []string
	for i, cs := range atpCodes {
		g := find(seriesOf(cs[0]))
		if _, ok := groups[g]; !ok {
			order = append(order, g)
		}
		groups[g] = append(groups[g], term{atpRows[i], -1})
	}
	for i, se := range tl.Series {
		g := find(seriesOf(se.codes()[0]))
		if _, ok := groups[g]; !ok {
			order = append(order, g)
		}
		for _, k := range cells[i] {
			groups[g] = append(groups[g], term{k, 1})
		}
	}
	for _, g := range order {
		ts := groups[g]
		sy.le(0, ts...)
		neg := make([]term, len(ts), len(ts)+1)
		for i, x := range ts {
			neg[i] = term{x.k, -x.coef}
		}
		sy.le(0, append(neg, term{undated, -1})...)
	}
	return sy
}

// seriesOf maps a row of the ATP question to its series on the timeline:
// "gene_therapy.viral" to "gene_therapy".
func seriesOf(code string) string {
	s, _, _ := strings.Cut(code, ".")
	return s
}

// codes returns the ATP types behind a series: its merged types, or its code.
func (se ReportSeries) codes() []string {
	if len(se.Merged) > 0 {
		return se.Merged
	}
	return []string{se.Code}
}

// errLP is returned when the simplex cannot solve a program.
var errLP = errors.New("demand: linear program not solved")

// component returns the hidden figures linked to the hidden figure k by
// relations through hidden figures, and those relations: the rest of the
// system cannot change what k can be (its own relations hold with the
// true counts).
func (sy *system) component(k int) (vars, rels []int) {
	if sy.relsOf == nil {
		sy.relsOf = make([][]int, len(sy.figs))
		for i, rel := range sy.rels {
			for _, tm := range rel.terms {
				sy.relsOf[tm.k] = append(sy.relsOf[tm.k], i)
			}
		}
	}
	seenFig := map[int]bool{k: true}
	seenRel := map[int]bool{}
	queue := []int{k}
	for len(queue) > 0 {
		f := queue[0]
		queue = queue[1:]
		vars = append(vars, f)
		for _, ri := range sy.relsOf[f] {
			if seenRel[ri] {
				continue
			}
			seenRel[ri] = true
			rels = append(rels, ri)
			for _, tm := range sy.rels[ri].terms {
				if !seenFig[tm.k] && !sy.figs[tm.k].Exact() {
					seenFig[tm.k] = true
					queue = append(queue, tm.k)
				}
			}
		}
	}
	return vars, rels
}

// span returns the smallest and largest value the figure k can take given
// every exact figure, the range of every hidden one and the relations.
func (sy *system) span(k int) (lo, hi float64, err error) {
	if sy.figs[k].Exact() {
		x := float64(*sy.figs[k])
		return x, x, nil
	}
	// Variables: the hidden figures linked to k, each in its range.
	comp, rels := sy.component(k)
	idx := map[int]int{}
	nv := len(comp)
	lob, hib := make([]float64, nv), make([]float64, nv)
	for j, i := range comp {
		idx[i] = j
		if sy.figs[i].Suppressed() {
			lob[j], hib[j] = 1, Threshold-1
		} else {
			lob[j], hib[j] = Threshold, noCount
		}
	}
	// Each relation as Σ a·x ≤ b over the variables (an equation as two);
	// one with a single variable narrows its range instead.
	type row struct {
		a []float64
		b float64
	}
	var rows []row
	for _, ri := range rels {
		rel := sy.rels[ri]
		a := make([]float64, nv)
		b := rel.rhs
		count, last := 0, 0
		for _, tm := range rel.terms {
			if j, ok := idx[tm.k]; ok {
				if a[j] == 0 {
					count++
				}
				a[j] += tm.coef
				last = j
			} else {
				b -= tm.coef * float64(*sy.figs[tm.k])
			}
		}
		if count == 1 && a[last] != 0 {
			x := b / a[last]
			if a[last] > 0 || rel.eq {
				hib[last] = math.Min(hib[last], x)
			}
			if a[last] < 0 || rel.eq {
				lob[last] = math.Max(lob[last], x)
			}
			continue
		}
		rows = append(rows, row{a, b})
		if rel.eq {
			neg := make([]float64, nv)
			for i := range a {
				neg[i] = -a[i]
			}
			rows = append(rows, row{neg, -b})
		}
	}
	for j := range lob {
		if lob[j] > hib[j]+lpTol {
			return 0, 0, fmt.Errorf("%w: no value fits %s", errLP, sy.names[comp[j]])
		}
	}
	if len(rows) == 0 {
		return lob[0], hib[0], nil
	}
	// Shift x = lo + y, y ≥ 0, and bound y by the range's width.
	for i := range rows {
		for j, x := range rows[i].a {
			rows[i].b -= x * lob[j]
		}
	}
	for j := range lob {
		a := make([]float64, nv)
		a[j] = 1
		rows = append(rows, row{a, hib[j] - lob[j]})
	}
	// Standard form (y, s, t): G y + s = h where h ≥ 0; where h < 0,
	// -G y - s + t = -h with an artificial t. The slacks and artificials
	// are a first feasible basis.
	m := len(rows)
	negRows := 0
	for _, r := range rows {
		if r.b < 0 {
			negRows++
		}
	}
	cols := nv + m + negRows
	A := make([][]float64, m)
	b := make([]float64, m)
	basis := make([]int, m)
	art := nv + m
	for i, r := range rows {
		A[i] = make([]float64, cols)
		sign := 1.0
		basis[i] = nv + i
		if r.b < 0 {
			sign = -1
			A[i][art] = 1
			basis[i] = art
			art++
		}
		for j, x := range r.a {
			A[i][j] = sign * x
		}
		A[i][nv+i] = sign
		b[i] = sign * r.b
	}
	stop := math.Inf(1)
	if sy.figs[k].Suppressed() {
		stop = 1 + lpTol - lob[0] // above this, k cannot be 1
	}
	ylo, yhi, err := minMax(A, b, basis, nv+m, 0, stop) // k is the first of its component
	if err == errPinnedLow {
		return 0, 0, err
	}
	if err != nil {
		return 0, 0, fmt.Errorf("%w: %v", errLP, err)
	}
	return lob[0] + ylo, lob[0] + yhi, nil
}

// pinned reports whether the "<3" k can no longer be both 1 and 2 (or the
// program could not be solved, which counts as pinned).
func (sy *system) pinned(k int) bool {
	lo, hi, err := sy.span(k)
	if err == errPinnedLow {
		return true
	}
	return err != nil || lo > 1+lpTol || hi < Threshold-1-lpTol
}

// AuditResult is what the disclosure audit found: the "<3" counts it checked
// and those an attacker could pin to one value.
type AuditResult struct {
	Checked int      `json:"checked"`
	Pinned  []string `json:"pinned"`
}

// Audit attacks r as a reader could: for every count shown as "<3" it finds
// by linear programming the smallest and largest value the count can take
// given every other count r prints and the relations between them (see
// relations). When a "<3" can be pinned to one value the report must not be
// written: the error is apperr.Invalid when Anonymise found nothing left to
// withhold (too few entities counted), else apperr.Internal naming the
// counts.
func (r Report) Audit() (AuditResult, error) {
	sy := relations(&r)
	res := AuditResult{Pinned: []string{}}
	for k, f := range sy.figs {
		if !f.Suppressed() {
			continue
		}
		res.Checked++
		if sy.pinned(k) {
			res.Pinned = append(res.Pinned, sy.names[k])
		}
	}
	if len(res.Pinned) > 0 && r.Disclosure.unsafe {
		return res, apperr.New(apperr.Invalid,
			"The demand summary was not written: it counts too few entities and products to hide its small counts (%d count(s) shown as %q could be worked out from the others). Include more statuses in the summary, or wait for more responses.",
			len(res.Pinned), Suppressed)
	}
	if len(res.Pinned) > 0 {
		return res, apperr.New(apperr.Internal,
			"The demand summary was not written: its disclosure check found that %d small count(s) shown as %q could be worked out from the other counts (%s). Please report this problem.",
			len(res.Pinned), Suppressed, strings.Join(res.Pinned, "; "))
	}
	return res, nil
}
