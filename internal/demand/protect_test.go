package demand_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"atpreg/internal/apperr"
	"atpreg/internal/demand"
	"atpreg/internal/register"
)

// periodOf names the period of quarter q ("2027-Q3") in the report's
// grouping, independently of the package.
func periodOf(q, g string) string {
	switch g {
	case demand.PeriodHalf:
		if q[6] <= '2' {
			return q[:4] + "-H1"
		}
		return q[:4] + "-H2"
	case demand.PeriodYear:
		return q[:4]
	}
	return q
}

// checkTruthful fails unless every figure of r tells the truth about s: an
// exact figure is the count, "<3" is 1 or 2, withheld is 3 or more. Merged
// rows are checked against the sum of their answers (entities counted once).
func checkTruthful(t *testing.T, label string, s demand.Summary, r demand.Report) {
	t.Helper()
	check := func(where string, n int, f demand.Figure) {
		t.Helper()
		switch {
		case f.Exact() && int(f) != n, f.Suppressed() && (n < 1 || n > 2), f.Withheld() && n < demand.Threshold:
			t.Errorf("%s, %s: %d shown as %s", label, where, n, f)
		}
	}
	check("entities", s.Entities, r.Totals.Entities)
	check("products", s.Submissions, r.Totals.Submissions)
	check("without products", s.WithoutSubmissions, r.Totals.WithoutSubmissions)
	for i, d := range s.Dimensions {
		rows := 0
		for _, rr := range r.Dimensions[i].Rows {
			codes := rr.Merged
			if len(codes) == 0 {
				codes = []string{rr.Code}
			}
			subs, ids := 0, map[int64]bool{}
			for _, c := range codes {
				row, ok := d.Row(c)
				if !ok {
					t.Fatalf("%s: %s has no row %s", label, d.Key, c)
				}
				subs += row.Submissions
				for _, id := range row.EntityIDs {
					ids[id] = true
				}
				rows++
			}
			check(d.Key+"/"+rr.Code+" products", subs, rr.Submissions)
			check(d.Key+"/"+rr.Code+" entities", len(ids), rr.Entities)
		}
		if rows != len(d.Rows) {
			t.Errorf("%s: %s shows %d answers of %d", label, d.Key, rows, len(d.Rows))
		}
	}
	tl, rt := s.Timeline, r.Timeline
	at := map[string]int{}
	for j, p := range rt.Periods {
		at[p] = j
	}
	subs := make([]int, len(rt.Periods))
	ents := make([]map[int64]bool, len(rt.Periods))
	bySeries := make([][]int, len(rt.Series))
	for i := range bySeries {
		bySeries[i] = make([]int, len(rt.Periods))
	}
	for j, q := range tl.Quarters {
		name := periodOf(q, r.Disclosure.Periods)
		if r.Disclosure.Periods == demand.PeriodWhole {
			name = rt.Periods[0]
		}
		p, ok := at[name]
		if !ok {
			t.Fatalf("%s: quarter %s is in no period of %v", label, q, rt.Periods)
		}
		subs[p] += tl.Totals[j].Submissions
		if ents[p] == nil {
			ents[p] = map[int64]bool{}
		}
		for _, id := range tl.Totals[j].EntityIDs {
			ents[p][id] = true
		}
		for i, se := range tl.Series {
			bySeries[i][p] += se.Cells[j].Submissions
		}
	}
	for p, name := range rt.Periods {
		check(name+" products", subs[p], rt.TotalSubmissions[p])
		check(name+" entities", len(ents[p]), rt.TotalEntities[p])
		for i, se := range rt.Series {
			check(name+"/"+se.Code, bySeries[i][p], se.Submissions[p])
		}
	}
	check("undated products", tl.Undated.Submissions, rt.UndatedSubmissions)
	check("undated entities", tl.Undated.Entities, rt.UndatedEntities)
}

// testSeed is the seed of the random tests: DEMAND_SEED to replay one, else
// the clock.
func testSeed() uint64 {
	if v, err := strconv.ParseUint(os.Getenv("DEMAND_SEED"), 10, 64); err == nil {
		return v
	}
	return uint64(time.Now().UnixNano())
}

// demoEntities is the demo register as the store loads it.
func demoEntities() []register.Entity {
	es := register.DemoEntities(2025) // store.DemoSeed
	for i := range es {
		es[i].ID = int64(i + 1)
	}
	return es
}

// randomEntities returns n fictional entities with 1 to 3 products each,
// answers drawn at random (some left unanswered), starts over three years.
func randomEntities(rng *rand.Rand, n int, firstID int64) []register.Entity {
	yn := []register.YesNo{register.Yes, register.No, register.Yes, register.No, register.Unanswered}
	types := append(register.ATPTypes(), register.ATPCellTherapy, register.ATPCellTherapy, "")
	vectors := []register.GeneVector{register.VectorViral, register.VectorNonViral, ""}
	uses := append(register.IntendedUses(), "")
	procs := append(register.ProcessTypes(), "")
	mats, roles := register.StartingMaterials(), register.TrainingRoles()
	var es []register.Entity
	for i := range n {
		var subs []register.Submission
		for range 1 + rng.IntN(3) {
			s := register.Submission{
				ATPType: types[rng.IntN(len(types))], GeneVector: vectors[rng.IntN(len(vectors))],
				IntendedUse: uses[rng.IntN(len(uses))], ProcessType: procs[rng.IntN(len(procs))],
				PDCompleted: yn[rng.IntN(len(yn))], GMPBefore: yn[rng.IntN(len(yn))],
				HasAuthorizedPerson: yn[rng.IntN(len(yn))], NeedsTraining: yn[rng.IntN(len(yn))],
			}
			for range rng.IntN(3) {
				s.StartingMaterials = append(s.StartingMaterials, mats[rng.IntN(len(mats))])
			}
			if s.NeedsTraining == register.Yes {
				for range rng.IntN(3) {
					s.TrainingRoles = append(s.TrainingRoles, roles[rng.IntN(len(roles))])
				}
			}
			if rng.IntN(8) > 0 {
				s.ExpectedStart = register.Month(fmt.Sprintf("%d-%02d", 2026+rng.IntN(3), 1+rng.IntN(12)))
			}
			subs = append(subs, s)
		}
		es = append(es, register.Entity{ID: firstID + int64(i), Name: fmt.Sprintf("Fictional Random %d", i),
			Status: register.StatusReceived, Submissions: subs})
	}
	return es
}

// TestDemoAttackPinsNothing attacks the demo register's JSON with gonum's
// simplex (see attack_test.go): no "<3" can be pinned, the figures are
// truthful, and at most a fifth of the counts are hidden.
func TestDemoAttackPinsNothing(t *testing.T) {
	es := demoEntities()
	for _, filter := range [][]register.Status{nil, {register.StatusInvited, register.StatusInDialogue, register.StatusEngaged}} {
		s := demand.Aggregate(es, filter)
		r := demand.Anonymise(s, meta)
		checkTruthful(t, fmt.Sprint(filter), s, r)
		b, err := r.JSON()
		if err != nil {
			t.Fatalf("%v: %v", filter, err)
		}
		if p := attack(t, b); len(p) > 0 {
			t.Errorf("%v: the attack pins %s", filter, strings.Join(p, "; "))
		}
		if !strings.Contains(string(b), `"<3"`) {
			t.Errorf("%v: the demo summary shows no \"<3\", so the attack proves nothing", filter)
		}
		d := r.Disclosure
		t.Logf("demo %v: %d counts, %d <3, %d withheld, hidden %.1f%%, by %s, merged %d",
			filter, d.Counts, d.Small, d.Withheld, 100*d.HiddenShare, d.Periods, len(d.Merged))
		if filter == nil && d.HiddenShare > demand.MaxHiddenShare {
			t.Errorf("the demo summary hides %.1f%% of its counts, more than %.0f%%", 100*d.HiddenShare, 100*demand.MaxHiddenShare)
		}
	}
}

// TestDemoWithImportsHidesLittle adds a few dozen random fictional entities
// to the demo register, as an import would: the summary stays safe against
// the attack and hides at most a fifth of its counts.
func TestDemoWithImportsHidesLittle(t *testing.T) {
	seed := testSeed()
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 15))
	for trial := range 5 {
		es := append(demoEntities(), randomEntities(rng, 20+rng.IntN(40), 1000)...)
		s := demand.Aggregate(es, nil)
		r := demand.Anonymise(s, meta)
		checkTruthful(t, fmt.Sprint("trial ", trial), s, r)
		b, err := r.JSON()
		if err != nil {
			t.Fatalf("seed %d trial %d: %v", seed, trial, err)
		}
		if p := attack(t, b); len(p) > 0 {
			t.Errorf("seed %d trial %d: the attack pins %s", seed, trial, strings.Join(p, "; "))
		}
		d := r.Disclosure
		t.Logf("demo + %d imported: %d counts, %d <3, %d withheld, hidden %.1f%%, by %s, merged %d",
			len(es)-40, d.Counts, d.Small, d.Withheld, 100*d.HiddenShare, d.Periods, len(d.Merged))
		if d.HiddenShare > demand.MaxHiddenShare {
			t.Errorf("seed %d trial %d: hides %.1f%% of its counts", seed, trial, 100*d.HiddenShare)
		}
	}
}

// TestRandomRegistersNeverDisclose is the property: for 100 random registers
// of 1 to 40 entities (30 of 1 to 15 under -short or the race detector),
// answers drawn uniformly, so far sparser than real ones, every figure is truthful; the report passes its own audit (JSON
// writes), or, for a register too small to hide anything, is refused in
// words; and for every fifth the independent gonum attack pins no "<3".
func TestRandomRegistersNeverDisclose(t *testing.T) {
	seed := testSeed()
	t.Logf("seed %d (set it in rand.NewPCG to replay)", seed)
	rng := rand.New(rand.NewPCG(seed, 7))
	trials, size := 100, 40
	if testing.Short() || raceOn {
		trials, size = 30, 15
	}
	refused := 0
	defer func() { t.Logf("%d of %d summaries refused as too small", refused, trials) }()
	for trial := range trials {
		es := randomEntities(rng, 1+rng.IntN(size), 1)
		if rng.IntN(4) == 0 {
			es = append(es, register.Entity{ID: 999, Status: register.StatusReceived})
		}
		s := demand.Aggregate(es, nil)
		r := demand.Anonymise(s, meta)
		label := fmt.Sprintf("seed %d trial %d", seed, trial)
		checkTruthful(t, label, s, r)
		b, err := r.JSON()
		if err != nil {
			// Too few products to hide anything: refused, in words.
			if !apperr.Is(err, apperr.Invalid) || !strings.Contains(err.Error(), "too few") {
				t.Fatalf("%s: %v", label, err)
			}
			if _, err := r.PDF(); err == nil {
				t.Fatalf("%s: the JSON is refused but the PDF written", label)
			}
			refused++
			if s.Submissions > 20 {
				t.Errorf("%s: a summary of %d products is refused: %v", label, s.Submissions, err)
			}
			continue
		}
		if trial%5 == 0 {
			if p := attack(t, b); len(p) > 0 {
				t.Fatalf("%s: the attack pins %s", label, strings.Join(p, "; "))
			}
		}
	}
}

// TestAuditRefusesPinned checks that a report in which a "<3" can be worked
// out is refused: its JSON and PDF are not written, and the error names it.
func TestAuditRefusesPinned(t *testing.T) {
	at := func(y register.YesNo) func(*register.Submission) {
		return func(s *register.Submission) { s.GMPBefore = y }
	}
	es := products(part{9, at(register.Yes)}, part{7, at(register.No)}, part{1, at(register.Unanswered)})
	r := demand.Anonymise(demand.Aggregate(es, nil), meta)
	if _, err := r.Audit(); err != nil {
		t.Fatalf("the protected report fails its audit: %v", err)
	}
	// Undo the protection: show every count of the GMP question but the "<3".
	for i, d := range r.Dimensions {
		if d.Key != demand.DimGMPBefore {
			continue
		}
		r.Dimensions[i].Rows = []demand.ReportRow{
			{Code: "yes", Label: "Yes", Entities: 9, Submissions: 9},
			{Code: "no", Label: "No", Entities: 7, Submissions: 7},
			{Code: demand.CodeUnanswered, Label: "Not answered", Entities: demand.Mask(1), Submissions: demand.Mask(1)},
		}
	}
	res, err := r.Audit()
	if !apperr.Is(err, apperr.Internal) {
		t.Fatalf("audit of a leaking report: %v, want an internal error", err)
	}
	if len(res.Pinned) == 0 || !strings.Contains(err.Error(), "Not answered") {
		t.Errorf("audit result %+v, error %v: want the Not answered row named", res, err)
	}
	if _, err := r.JSON(); err == nil {
		t.Error("the JSON of a leaking report was written")
	}
	if _, err := r.PDF(); err == nil {
		t.Error("the PDF of a leaking report was written")
	}
	b, err := json.Marshal(r) // what the refused JSON would have held
	if err != nil {
		t.Fatal(err)
	}
	if len(attack(t, b)) == 0 {
		t.Error("the independent attack does not pin the leaking report's \"<3\" either")
	}
}

// TestMergesSparseAnswers checks the merge on the demo register: "Not
// answered" with 1 or 2 products is merged with another answer instead of
// withholding a large one (process development completed, GMP).
func TestMergesSparseAnswers(t *testing.T) {
	r := demand.Anonymise(demand.Aggregate(demoEntities(), nil), meta)
	for _, d := range r.Dimensions {
		for _, row := range d.Rows {
			if row.Submissions.Withheld() && (d.Key == demand.DimPDNeeded || d.Key == demand.DimGMPBefore) {
				t.Errorf("%s: %s withheld", d.Key, row.Label)
			}
		}
	}
	found := false
	for _, m := range r.Disclosure.Merged {
		found = found || strings.Contains(m, "Process development still needed: Completed; or not answered")
	}
	if !found {
		t.Errorf("merged %v: want Completed merged with Not answered", r.Disclosure.Merged)
	}
	if !strings.Contains(r.Disclosure.Note, fmt.Sprintf("prints %d counts and hides %d", r.Disclosure.Counts, r.Disclosure.Small+r.Disclosure.Withheld)) {
		t.Errorf("the methods note does not say how many counts it hides: %s", r.Disclosure.Note)
	}
}

// BenchmarkAnonymiseDemo measures the merge, grouping, protection and audit
// of the demo register's summary.
func BenchmarkAnonymiseDemo(b *testing.B) {
	s := demand.Aggregate(demoEntities(), nil)
	for b.Loop() {
		if _, err := demand.Anonymise(s, meta).Audit(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAuditDemo measures the audit alone.
func BenchmarkAuditDemo(b *testing.B) {
	r := demand.Anonymise(demand.Aggregate(demoEntities(), nil), meta)
	for b.Loop() {
		if _, err := r.Audit(); err != nil {
			b.Fatal(err)
		}
	}
}
