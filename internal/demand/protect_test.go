package demand_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"atpreg/internal/demand"
	"atpreg/internal/register"
)

// products makes one fictional entity per product, each product built by
// one of the given functions, n times over.
func products(groups ...struct {
	n   int
	set func(*register.Submission)
}) []register.Entity {
	var es []register.Entity
	for _, g := range groups {
		for range g.n {
			s := register.Submission{ProductName: fmt.Sprintf("FICT-%d", len(es)+1)}
			g.set(&s)
			es = append(es, register.Entity{ID: int64(len(es) + 1), Name: fmt.Sprintf("Fictional Entity %d", len(es)+1),
				Status: register.StatusReceived, Submissions: []register.Submission{s}})
		}
	}
	return es
}

type part = struct {
	n   int
	set func(*register.Submission)
}

func gmp(y register.YesNo) func(*register.Submission) {
	return func(s *register.Submission) { s.GMPBefore = y }
}

// TestWithheldByHand checks the withheld counts of hand-made registers: a
// "<3" alone among exact counts of a single-answer question takes the
// smallest other count with it, and more while the "<3" can still be worked
// out.
func TestWithheldByHand(t *testing.T) {
	tests := []struct {
		name          string
		yes, no, none int
		want          string // yes, no, not answered as shown
	}{
		{"no small count", 5, 4, 3, "5 4 3"},
		{"zero is no secret", 6, 4, 0, "6 4 0"},
		{"one small, others large", 9, 7, 1, "9 withheld <3"},
		// 3 withheld beside a "<3" summing to 4 can only be 3+1: withhold 6 too.
		{"the smallest would still tell", 6, 3, 1, "withheld withheld <3"},
		{"two small that could be 1+2 or 2+1", 8, 2, 1, "8 <3 <3"},
		// Two "<3" adding up to 2 can only be 1 and 1.
		{"two small that must be 1+1", 8, 1, 1, "withheld <3 <3"},
		{"two small that must be 2+2", 8, 2, 2, "withheld <3 <3"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			es := products(part{tc.yes, gmp(register.Yes)}, part{tc.no, gmp(register.No)}, part{tc.none, gmp(register.Unanswered)})
			r := demand.Anonymise(demand.Aggregate(es, nil), meta)
			d := reportDim(t, r, demand.DimGMPBefore)
			var got []string
			for _, row := range d.Rows {
				got = append(got, row.Submissions.String())
				if row.Submissions.Withheld() != row.Entities.Withheld() {
					t.Errorf("row %s: products %s but entities %s; a withheld product count takes its entity count", row.Code, row.Submissions, row.Entities)
				}
			}
			if strings.Join(got, " ") != tc.want {
				t.Errorf("shown %q, want %q", strings.Join(got, " "), tc.want)
			}
		})
	}
}

func reportDim(t *testing.T, r demand.Report, key string) demand.ReportDim {
	t.Helper()
	for _, d := range r.Dimensions {
		if d.Key == key {
			return d
		}
	}
	t.Fatalf("no dimension %s", key)
	return demand.ReportDim{}
}

// TestWithheldAcrossQuarters checks the timeline: one quarter with a single
// product, beside quarters with many, cannot be worked out from all products
// less the other quarters and the undated ones.
func TestWithheldAcrossQuarters(t *testing.T) {
	at := func(m register.Month) func(*register.Submission) {
		return func(s *register.Submission) { s.ATPType, s.ExpectedStart = register.ATPCellTherapy, m }
	}
	es := products(part{1, at("2027-01")}, part{5, at("2027-04")}, part{6, at("2027-07")}, part{4, at("")})
	r := demand.Anonymise(demand.Aggregate(es, nil), meta)
	tl := r.Timeline
	if got := fmt.Sprint(tl.Quarters); got != "[2027-Q1 2027-Q2 2027-Q3]" {
		t.Fatalf("quarters %s", got)
	}
	shown := fmt.Sprint(tl.TotalSubmissions, " ", tl.UndatedSubmissions)
	// 1 + 5 + 6 + 4 undated = 16: withholding the undated 4 leaves the
	// "<3" in [1, 2] and the undated in [3, 5]: both fit either way.
	if shown != "[<3 5 6] withheld" {
		t.Errorf("quarters and undated shown as %s, want [<3 5 6] withheld", shown)
	}
	if !tl.UndatedEntities.Withheld() {
		t.Errorf("undated entities %s, want withheld with their products", tl.UndatedEntities)
	}
	// Within 2027-Q1 the one type equals the quarter's "<3": nothing to add.
	if got := tl.Series[0].Submissions[0]; !got.Suppressed() {
		t.Errorf("cell therapy in 2027-Q1 = %s, want <3", got)
	}
}

// TestWithheldQuarterHidesAType checks that withholding a quarter's total
// also hides one of its types, which would otherwise add up to it.
func TestWithheldQuarterHidesAType(t *testing.T) {
	at := func(a register.ATPType, m register.Month) func(*register.Submission) {
		return func(s *register.Submission) { s.ATPType, s.ExpectedStart = a, m }
	}
	es := products(part{1, at(register.ATPCellTherapy, "2027-01")},
		part{4, at(register.ATPCellTherapy, "2027-04")}, part{4, at(register.ATPTissueEngineered, "2027-04")},
		part{20, at(register.ATPCellTherapy, "2027-07")})
	r := demand.Anonymise(demand.Aggregate(es, nil), meta)
	tl := r.Timeline
	// 2027-Q2 (4 + 4) is withheld beside 2027-Q1's "<3", and so is one of
	// its types: the other 4 shown and the hidden one from 3 to 4 put the
	// quarter at 7 or 8, and the "<3" at 2 or 1.
	if got := fmt.Sprint(tl.TotalSubmissions, " ", tl.UndatedSubmissions); got != "[<3 withheld 20] 0" {
		t.Fatalf("quarters and undated shown as %s", got)
	}
	hidden := 0
	for _, se := range tl.Series {
		if !se.Submissions[1].Exact() {
			hidden++
		}
	}
	if hidden != 1 {
		t.Errorf("2027-Q2 is withheld but all its types are shown: %v", tl.Series)
	}
}

// TestNoSmallCountWorkedOut builds random small registers and checks, by
// counting every way the hidden counts could be filled in, that no "<3" of a
// single-answer question or of a quarter can be worked out by subtraction
// from its exact total, unless the group has no exact count left to withhold;
// and that every shown count is exact, every "<3" is 1 or 2 and every
// withheld count is 3 or more.
func TestNoSmallCountWorkedOut(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	yn := []register.YesNo{register.Yes, register.No, register.Unanswered}
	types := append(register.ATPTypes(), "")
	months := []register.Month{"2027-01", "2027-05", "2027-08", "2027-11", "2028-02", ""}
	for trial := range 400 {
		n := 1 + rng.IntN(30)
		skew := 1 + rng.IntN(4) // larger: answers gather in the first choices
		pick := func(k int) int { return min(rng.IntN(k), rng.IntN(k*skew)/skew) }
		var es []register.Entity
		for i := range n {
			var subs []register.Submission
			for range 1 + rng.IntN(2) {
				subs = append(subs, register.Submission{
					ATPType: types[pick(len(types))], GMPBefore: yn[pick(3)], HasAuthorizedPerson: yn[pick(3)],
					PDCompleted: yn[pick(3)], ExpectedStart: months[pick(len(months))],
				})
			}
			es = append(es, register.Entity{ID: int64(i + 1), Status: register.StatusReceived, Submissions: subs})
		}
		s := demand.Aggregate(es, nil)
		r := demand.Anonymise(s, meta)
		for i, d := range s.Dimensions {
			var vals []int
			var figs []demand.Figure
			for j, row := range d.Rows {
				vals = append(vals, row.Submissions)
				figs = append(figs, r.Dimensions[i].Rows[j].Submissions)
				checkFigure(t, trial, d.Key+" entities", row.Entities, r.Dimensions[i].Rows[j].Entities)
			}
			if !d.Multi && r.Totals.Submissions.Exact() {
				checkGroup(t, trial, d.Key, vals, figs)
			}
		}
		tl := s.Timeline
		for j, q := range tl.Quarters {
			var vals []int
			var figs []demand.Figure
			for i, se := range tl.Series {
				vals = append(vals, se.Cells[j].Submissions)
				figs = append(figs, r.Timeline.Series[i].Submissions[j])
				checkFigure(t, trial, q+" entities", se.Cells[j].Entities, r.Timeline.Series[i].Entities[j])
			}
			if r.Timeline.TotalSubmissions[j].Exact() {
				checkGroup(t, trial, q, vals, figs)
			}
		}
	}
}

// checkFigure fails unless f shows n truthfully.
func checkFigure(t *testing.T, trial int, where string, n int, f demand.Figure) {
	t.Helper()
	switch {
	case f.Exact() && int(f) != n, f.Suppressed() && (n < 1 || n > 2), f.Withheld() && n < demand.Threshold:
		t.Errorf("trial %d, %s: %d shown as %s", trial, where, n, f)
	}
}

// checkGroup counts the ways to fill in the hidden counts of a group whose
// total is known ("<3" as 1 or 2; withheld as 3 up to the smallest count
// still shown) and fails when a "<3" has only one possible value while some
// exact count was left to withhold.
func checkGroup(t *testing.T, trial int, where string, vals []int, figs []demand.Figure) {
	t.Helper()
	total, upper, canWithhold := 0, 0, false
	for i, f := range figs {
		checkFigure(t, trial, where, vals[i], f)
		total += vals[i]
		if f.Exact() && vals[i] > 0 {
			canWithhold = true
			if upper == 0 || vals[i] < upper {
				upper = vals[i]
			}
		}
	}
	if upper == 0 {
		upper = total
	}
	rest := total
	var hidden [][]int // possible values of each hidden count
	for _, f := range figs {
		switch {
		case f.Exact():
			rest -= int(f)
		case f.Suppressed():
			hidden = append(hidden, []int{1, 2})
		default:
			var vs []int
			for v := demand.Threshold; v <= upper; v++ {
				vs = append(vs, v)
			}
			hidden = append(hidden, vs)
		}
	}
	// reachable returns the sums the hidden counts but one can add up to.
	reachable := func(skip int) map[int]bool {
		sums := map[int]bool{0: true}
		for k, vs := range hidden {
			if k == skip {
				continue
			}
			next := map[int]bool{}
			for x := range sums {
				for _, v := range vs {
					if x+v <= rest {
						next[x+v] = true
					}
				}
			}
			sums = next
		}
		return sums
	}
	for k, vs := range hidden {
		if len(vs) != 2 || vs[0] != 1 {
			continue
		}
		sums := reachable(k)
		if (!sums[rest-1] || !sums[rest-2]) && canWithhold {
			t.Errorf("trial %d, %s: a \"<3\" can be worked out: counts %v shown as %v", trial, where, vals, figs)
			return
		}
	}
}
