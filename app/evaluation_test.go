package app_test

import (
	"math"
	"testing"

	"atpreg/app"
	"atpreg/internal/register"
)

// services returns the session's bound services of one test register.
type services struct {
	s    *app.Session
	reg  *app.RegisterService
	eval *app.EvaluationService
	meet *app.MeetingService
}

func newServices(t *testing.T, demo bool) services {
	t.Helper()
	return servicesOf(t, newTestSession(t, demo))
}

// servicesOf returns the area services bound on session s.
func servicesOf(t *testing.T, s *app.Session) services {
	t.Helper()
	sv := services{s: s}
	for _, b := range app.Bindings(sv.s) {
		switch x := b.(type) {
		case *app.RegisterService:
			sv.reg = x
		case *app.EvaluationService:
			sv.eval = x
		case *app.MeetingService:
			sv.meet = x
		}
	}
	if sv.reg == nil || sv.eval == nil || sv.meet == nil {
		t.Fatal("a service is not bound")
	}
	return sv
}

func (sv services) entity(t *testing.T, name string, st register.Status) int64 {
	t.Helper()
	e := fictionalEntity()
	e.Name, e.Status = name, st
	id, err := sv.reg.Create(e)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func scored(id int64, evaluator string, v int, over map[register.Aspect]int) register.Evaluation {
	ev := register.Evaluation{EntityID: id, Evaluator: evaluator, Date: "2026-02-10", Scores: map[register.Aspect]register.Score{},
		Recommendation: register.RecommendInvite, Reason: "Fictional reason."}
	for _, a := range register.Aspects() {
		s := v
		if o, ok := over[a]; ok {
			s = o
		}
		ev.Scores[a] = register.Score{Value: s}
	}
	return ev
}

// toWire is ev as the window sends it.
func toWire(ev register.Evaluation) app.Evaluation {
	out := app.Evaluation{ID: ev.ID, EntityID: ev.EntityID, Evaluator: ev.Evaluator, Date: ev.Date, Scores: map[string]app.Score{},
		Recommendation: string(ev.Recommendation), Reason: ev.Reason}
	for a, sc := range ev.Scores {
		out.Scores[string(a)] = app.Score{Score: sc.Value, Note: sc.Note}
	}
	return out
}

func TestEvaluationServiceScoringAndRanking(t *testing.T) {
	sv := newServices(t, false)
	a := sv.entity(t, "Alpha Fictional Ltd", register.StatusEvaluation)
	b := sv.entity(t, "Beta Fictional Ltd", register.StatusEvaluation)
	c := sv.entity(t, "Gamma Fictional Ltd", register.StatusEvaluation)

	setup, err := sv.eval.Setup()
	if err != nil {
		t.Fatal(err)
	}
	if len(setup.Aspects) != 7 || len(setup.Aspects[0].Anchors) != 5 || setup.Aspects[0].Label != register.AspectReadiness.Label() {
		t.Fatalf("setup: %+v", setup)
	}

	// Weights: readiness 40%, the rest 10% each.
	settings := sv.s.Info().Settings
	settings.Weights = register.Weights{"readiness": 40, "technical": 10, "credibility": 10, "pipeline": 10, "investment": 10, "jobs": 10, "intangibles": 10}
	if _, err := sv.s.SaveSettings(settings); err != nil {
		t.Fatal(err)
	}

	// The live total equals the stored evaluation's total.
	partial, err := sv.eval.WeightedTotal(map[string]int{"readiness": 5, "technical": 1})
	if err != nil || math.Abs(partial-4.2) > 1e-9 { // (40*5 + 10*1) / 50
		t.Fatalf("partial total %v %v, want 4.2", partial, err)
	}
	tests := []struct {
		id   int64
		ev   register.Evaluation
		want float64
	}{
		{a, scored(a, "Dr A", 3, nil), 3},
		{b, scored(b, "Dr A", 2, map[register.Aspect]int{register.AspectReadiness: 5}), 3.2},
		{c, scored(c, "Dr A", 4, map[register.Aspect]int{register.AspectReadiness: 1}), 2.8},
	}
	for _, tc := range tests {
		if _, err := sv.eval.Save(toWire(tc.ev)); err != nil {
			t.Fatal(err)
		}
		scores := map[string]int{}
		for k, s := range tc.ev.Scores {
			scores[string(k)] = s.Value
		}
		live, _ := sv.eval.WeightedTotal(scores)
		view, err := sv.eval.Entity(tc.id)
		if err != nil {
			t.Fatal(err)
		}
		if view.Total != tc.want || live != tc.want || view.Evaluations[0].Total != tc.want {
			t.Errorf("%s: total %v, live %v, evaluation %v; want %v", view.Name, view.Total, live, view.Evaluations[0].Total, tc.want)
		}
	}

	rank, err := sv.eval.Ranking(app.RankingQuery{})
	if err != nil {
		t.Fatal(err)
	}
	var order []int64
	for _, r := range rank.Rows {
		order = append(order, r.EntityID)
	}
	if len(order) != 3 || order[0] != b || order[1] != a || order[2] != c {
		t.Fatalf("ranking order %v, want [%d %d %d]", order, b, a, c)
	}
	if rank.Weights["readiness"] != 40 {
		t.Errorf("ranking weights %v", rank.Weights)
	}

	// A second evaluator of a ties it with b (3.2) and disagrees by 2 on
	// technical capacity and on jobs.
	second := scored(a, "Dr B", 3, map[register.Aspect]int{register.AspectTechnical: 5, register.AspectJobs: 5})
	second.Recommendation = register.RecommendHold
	if _, err := sv.eval.Save(toWire(second)); err != nil {
		t.Fatal(err)
	}
	view, _ := sv.eval.Entity(a)
	if len(view.Evaluations) != 2 || len(view.Summary.Disagreements) != 2 || view.Summary.Disagreements[1] != string(register.AspectJobs) {
		t.Fatalf("two evaluators: %+v", view.Summary)
	}
	rank, _ = sv.eval.Ranking(app.RankingQuery{})
	if rank.Rows[0].Rank != 1 || rank.Rows[1].Rank != 1 || !rank.Rows[0].Tied || !rank.Rows[1].Tied || rank.Rows[2].Rank != 3 {
		t.Fatalf("tie not shown: %+v", rank.Rows)
	}
	if view.Rank != 1 || view.RankedCount != 3 {
		t.Errorf("entity rank %d of %d", view.Rank, view.RankedCount)
	}

	// Invalid input comes back per field and changes nothing.
	bad := scored(a, "Dr C", 3, map[register.Aspect]int{register.AspectPipeline: 9})
	w := decodeFail(t, func() error { _, err := sv.eval.Save(toWire(bad)); return err }())
	if w.Code != "invalid" || !hasWireField(w, "scores.pipeline") {
		t.Fatalf("invalid score: %+v", w)
	}
	if view, _ := sv.eval.Entity(a); len(view.Evaluations) != 2 {
		t.Fatalf("an invalid evaluation was stored")
	}
	if _, err := sv.eval.Delete(view.Evaluations[1].Evaluation.ID); err != nil {
		t.Fatal(err)
	}
	hist, _ := sv.reg.History(a)
	if last := hist[len(hist)-1]; last.Action != "evaluate" {
		t.Errorf("deletion not in the history: %+v", last)
	}

	// The register's list carries the score.
	page, err := sv.reg.List(app.ListQuery{Sort: "score", Desc: true})
	if err != nil || page.Rows[0].ID != b || page.Rows[0].Score == nil || *page.Rows[0].Score != 3.2 {
		t.Fatalf("list score: %v %+v", err, page.Rows)
	}
}

func hasWireField(w wire, field string) bool {
	for _, f := range w.Fields {
		if f.Field == field {
			return true
		}
	}
	return false
}

func TestEvaluationServiceLocked(t *testing.T) {
	sv := newServices(t, false)
	if _, err := sv.s.Lock(); err != nil {
		t.Fatal(err)
	}
	if _, err := sv.eval.Ranking(app.RankingQuery{}); decodeFail(t, err).Code != "locked" {
		t.Fatalf("ranking on a locked register: %v", err)
	}
}

// TestEvaluationServiceSaveWeights: weights saved from the evaluation area
// reach the session's settings (so saving other settings keeps them), the
// setup and the totals; refused weights change nothing.
func TestEvaluationServiceSaveWeights(t *testing.T) {
	sv := newServices(t, false)
	a := sv.entity(t, "Alpha Fictional Ltd", register.StatusEvaluation)
	if _, err := sv.eval.Save(toWire(scored(a, "Dr A", 2, map[register.Aspect]int{register.AspectReadiness: 5}))); err != nil {
		t.Fatal(err)
	}
	heavy := map[string]float64{"readiness": 40, "technical": 10, "credibility": 10, "pipeline": 10, "investment": 10, "jobs": 10, "intangibles": 10}
	got, err := sv.eval.SaveWeights(heavy)
	if err != nil || got.Weights[register.AspectReadiness] != 40 {
		t.Fatalf("save weights: %v %+v", err, got.Weights)
	}
	if w := sv.s.Info().Settings.Weights[register.AspectReadiness]; w != 40 {
		t.Errorf("the session's settings hold readiness %v, want 40", w)
	}
	setup, _ := sv.eval.Setup()
	if setup.Aspects[0].Weight != 40 {
		t.Errorf("setup weight %v, want 40", setup.Aspects[0].Weight)
	}
	if view, _ := sv.eval.Entity(a); view.Total != 3.2 { // 0.4*5 + 0.6*2
		t.Errorf("total %v after the weights changed, want 3.2", view.Total)
	}
	bad := map[string]float64{"readiness": 90, "technical": 10, "credibility": 10, "pipeline": 10, "investment": 10, "jobs": 10, "intangibles": 10}
	w := decodeFail(t, func() error { _, err := sv.eval.SaveWeights(bad); return err }())
	if w.Code != "invalid" || !hasWireField(w, "weights") {
		t.Fatalf("weights totalling 140%%: %+v", w)
	}
	if w := sv.s.Info().Settings.Weights[register.AspectReadiness]; w != 40 {
		t.Errorf("refused weights changed readiness to %v", w)
	}
}
