package store_test

import (
	"context"
	"math"
	"slices"
	"strings"
	"testing"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
	"atpreg/internal/store"
	"atpreg/internal/store/storetest"
)

const officer = "Fictional Officer"

// addEntity registers a fictional entity with one product of atp type in
// status st and returns its id.
func addEntity(t *testing.T, db *store.DB, name string, st register.Status, atp register.ATPType) int64 {
	t.Helper()
	e := register.Entity{Name: name, Status: st, ContactName: "Pat Example", ContactEmail: "pat@" + strings.ToLower(strings.ReplaceAll(name, " ", "")) + ".example.com",
		Submissions: []register.Submission{{ProductName: name + " product", ATPType: atp}}}
	id, err := db.CreateEntity(context.Background(), e, officer)
	if err != nil {
		t.Fatalf("create entity %q: %v", name, err)
	}
	return id
}

// eval returns a valid evaluation of entity id with every aspect scored v
// except those in over.
func eval(id int64, evaluator string, v int, over map[register.Aspect]int) register.Evaluation {
	ev := register.Evaluation{EntityID: id, Evaluator: evaluator, Date: "2026-02-10", Scores: map[register.Aspect]register.Score{},
		Recommendation: register.RecommendInvite, Reason: "Fictional reason."}
	for _, a := range register.Aspects() {
		s := v
		if o, ok := over[a]; ok {
			s = o
		}
		ev.Scores[a] = register.Score{Value: s, Note: "note " + string(a)}
	}
	return ev
}

func TestEvaluationCRUD(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	id := addEntity(t, db, "Fictional Cell Co", register.StatusEvaluation, register.ATPCellTherapy)

	ev := eval(id, "Dr A Tester", 4, map[register.Aspect]int{register.AspectJobs: 2})
	evID, err := db.CreateEvaluation(ctx, ev, officer)
	if err != nil {
		t.Fatal(err)
	}
	got, err := db.Evaluation(ctx, evID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Scores[register.AspectJobs].Value != 2 || got.Scores[register.AspectReadiness].Note != "note readiness" || got.Evaluator != "Dr A Tester" {
		t.Fatalf("stored evaluation differs: %+v", got)
	}

	got.Scores[register.AspectJobs] = register.Score{Value: 5, Note: "revised"}
	got.Reason = "Revised after the call."
	if err := db.UpdateEvaluation(ctx, got, officer); err != nil {
		t.Fatal(err)
	}
	evs, err := db.EntityEvaluations(ctx, id)
	if err != nil || len(evs) != 1 || evs[0].Scores[register.AspectJobs].Value != 5 {
		t.Fatalf("after update: %v %+v", err, evs)
	}

	hist, err := db.History(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	fields := map[string]store.AuditEntry{}
	for _, h := range hist {
		if h.Action == "evaluate" {
			fields[h.Field] = h
		}
	}
	if h, ok := fields["evaluation.scores.jobs"]; !ok || h.Old != "2" || h.New != "5" || h.By != officer {
		t.Errorf("score change not audited as 2 -> 5 by the officer: %+v", fields)
	}
	if _, ok := fields["evaluation"]; !ok {
		t.Error("creation not audited")
	}

	if err := db.DeleteEvaluation(ctx, evID, officer); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Evaluation(ctx, evID); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("deleted evaluation: err %v, want NotFound", err)
	}
	page, err := db.ListEntities(ctx, store.ListQuery{})
	if err != nil || len(page.Rows) != 1 || page.Rows[0].Score != nil {
		t.Fatalf("list after the last evaluation was deleted: %v %+v", err, page.Rows)
	}
}

func TestEvaluationRejected(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	id := addEntity(t, db, "Fictional Gene Co", register.StatusEvaluation, register.ATPGeneTherapy)
	tests := []struct {
		name  string
		ev    register.Evaluation
		code  apperr.Code
		field string
	}{
		{"ScoreOutOfScale", eval(id, "Dr A", 6, nil), apperr.Invalid, "scores.readiness"},
		{"AspectMissing", func() register.Evaluation {
			e := eval(id, "Dr A", 3, nil)
			delete(e.Scores, register.AspectPipeline)
			return e
		}(), apperr.Invalid, "scores.pipeline"},
		{"NoEvaluator", eval(id, " ", 3, nil), apperr.Invalid, "evaluator"},
		{"NoEntity", eval(id+100, "Dr A", 3, nil), apperr.NotFound, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := db.CreateEvaluation(ctx, tc.ev, officer)
			if !apperr.Is(err, tc.code) {
				t.Fatalf("err %v, want %s", err, tc.code)
			}
			if tc.field != "" {
				found := false
				for _, f := range apperr.FieldsOf(err) {
					found = found || f.Field == tc.field
				}
				if !found {
					t.Errorf("no problem named %q in %+v", tc.field, apperr.FieldsOf(err))
				}
			}
		})
	}
	evs, err := db.EntityEvaluations(ctx, id)
	if err != nil || len(evs) != 0 {
		t.Fatalf("rejected evaluations were stored: %v %+v", err, evs)
	}
}

func TestScoresRankingAndList(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	a := addEntity(t, db, "Alpha Fictional", register.StatusEvaluation, register.ATPCellTherapy)
	b := addEntity(t, db, "Beta Fictional", register.StatusInvited, register.ATPGeneTherapy)
	c := addEntity(t, db, "Gamma Fictional", register.StatusEvaluation, register.ATPCellTherapy)
	d := addEntity(t, db, "Delta Fictional", register.StatusEvaluation, register.ATPTissueEngineered)
	addEntity(t, db, "Unscored Fictional", register.StatusEvaluation, register.ATPCellTherapy)

	mustEval := func(ev register.Evaluation) {
		t.Helper()
		if _, err := db.CreateEvaluation(ctx, ev, officer); err != nil {
			t.Fatal(err)
		}
	}
	mustEval(eval(a, "Dr A", 3, nil))
	mustEval(eval(b, "Dr A", 4, nil))
	mustEval(eval(c, "Dr A", 2, map[register.Aspect]int{register.AspectReadiness: 5})) // ties with d under equal weights
	mustEval(eval(d, "Dr A", 2, map[register.Aspect]int{register.AspectJobs: 5}))
	// A second evaluator of a disagrees by 2 on investment.
	mustEval(eval(a, "Dr B", 3, map[register.Aspect]int{register.AspectInvestment: 5}))

	scores, err := db.EntityScores(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sa := scores[a]
	if sa.Evaluations != 2 || sa.Means[register.AspectInvestment] != 4 || len(sa.Disagreements) != 1 || sa.Disagreements[0] != register.AspectInvestment {
		t.Errorf("a: %+v", sa)
	}
	if want := (3*(100-14.28) + 4*14.28) / 100; math.Abs(sa.Total-want) > 1e-9 { // investment weighs 14.28% by default
		t.Errorf("a total %v, want %v", sa.Total, want)
	}

	rank, err := db.Ranking(ctx, store.RankingQuery{})
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	var ranks []int
	for _, r := range rank {
		order = append(order, r.Name)
		ranks = append(ranks, r.Rank)
	}
	wantOrder := []string{"Beta Fictional", "Alpha Fictional", "Gamma Fictional", "Delta Fictional"}
	if strings.Join(order, ",") != strings.Join(wantOrder, ",") {
		t.Errorf("order %v, want %v", order, wantOrder)
	}
	if want := []int{1, 2, 3, 3}; !slices.Equal(ranks, want) {
		t.Errorf("ranks %v, want %v (a tie shares its rank)", ranks, want)
	}

	// Weights from settings change the order: with readiness counting most,
	// Gamma (readiness 5) overtakes Alpha.
	s, err := db.GetSettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.Weights = register.Weights{"readiness": 40, "technical": 10, "credibility": 10, "pipeline": 10, "investment": 10, "jobs": 10, "intangibles": 10}
	if err := db.SaveSettings(ctx, s, "Test Officer"); err != nil {
		t.Fatal(err)
	}
	rank, err = db.Ranking(ctx, store.RankingQuery{Statuses: []string{"evaluation"}, ATPType: "cell_therapy"})
	if err != nil {
		t.Fatal(err)
	}
	if len(rank) != 2 || rank[0].EntityID != c || rank[1].EntityID != a || rank[1].Rank != 2 {
		t.Fatalf("filtered weighted ranking: %+v", rank)
	}
	if want := 0.4*5 + 0.6*2; math.Abs(rank[0].Total-want) > 1e-9 {
		t.Errorf("c weighted total %v, want %v", rank[0].Total, want)
	}

	// The register's list carries the same score.
	if scores, err = db.EntityScores(ctx); err != nil {
		t.Fatal(err)
	}
	page, err := db.ListEntities(ctx, store.ListQuery{Sort: "score", Desc: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range page.Rows {
		sc, ok := scores[row.ID]
		switch {
		case !ok && row.Score != nil:
			t.Errorf("%s: unscored entity has score %v", row.Name, *row.Score)
		case ok && row.Score == nil:
			t.Errorf("%s: score missing in the list", row.Name)
		case ok && *row.Score != sc.Rounded():
			t.Errorf("%s: list score %v, want %v", row.Name, *row.Score, sc.Rounded())
		}
	}
	if last := page.Rows[len(page.Rows)-1]; last.Score != nil {
		t.Errorf("unscored entity not last: %+v", last)
	}
}

func TestEvaluationsSurviveReopenAndEntityDelete(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	id := addEntity(t, db, "Fictional Tissue Co", register.StatusEvaluation, register.ATPTissueEngineered)
	if _, err := db.CreateEvaluation(ctx, eval(id, "Dr A", 3, nil), officer); err != nil {
		t.Fatal(err)
	}
	db = storetest.Reopen(t, db)
	evs, err := db.EntityEvaluations(ctx, id)
	if err != nil || len(evs) != 1 || len(evs[0].Scores) != 7 {
		t.Fatalf("after reopen: %v %+v", err, evs)
	}
	if err := db.DeleteEntity(ctx, id, "Fictional duplicate", officer); err != nil {
		t.Fatal(err)
	}
	all, err := db.AllEvaluations(ctx)
	if err != nil || len(all) != 0 {
		t.Fatalf("evaluations of a deleted entity remain: %v %+v", err, all)
	}
}

func TestSaveWeights(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	heavy := register.Weights{"readiness": 40, "technical": 10, "credibility": 10, "pipeline": 10, "investment": 10, "jobs": 10, "intangibles": 10}
	tests := []struct {
		name  string
		w     register.Weights
		field string // "" = accepted
	}{
		{"Accepted", heavy, ""},
		{"Unchanged", heavy, ""},
		{"TotalNot100", register.Weights{"readiness": 50, "technical": 10, "credibility": 10, "pipeline": 10, "investment": 10, "jobs": 10, "intangibles": 10}, "weights"},
		{"Negative", register.Weights{"readiness": -10, "technical": 60, "credibility": 10, "pipeline": 10, "investment": 10, "jobs": 10, "intangibles": 10}, "weights.readiness"},
		{"AspectMissing", register.Weights{"readiness": 50, "technical": 50}, "weights.credibility"},
		{"UnknownAspect", register.Weights{"readiness": 40, "technical": 10, "credibility": 10, "pipeline": 10, "investment": 10, "jobs": 10, "intangibles": 10, "charm 😀": 0}, "weights"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := db.SaveWeights(ctx, tc.w, officer)
			if tc.field == "" {
				if err != nil {
					t.Fatal(err)
				}
			} else if !apperr.Is(err, apperr.Invalid) || !hasField(err, tc.field) {
				t.Fatalf("err %v (fields %+v), want Invalid naming %q", err, apperr.FieldsOf(err), tc.field)
			}
			// Whatever was refused, the stored weights are still heavy.
			s, err := db.GetSettings(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for a, w := range heavy {
				if s.Weights[a] != w {
					t.Fatalf("weight of %s is %v, want %v", a, s.Weights[a], w)
				}
			}
		})
	}
	log, err := db.AuditLog(ctx, store.AuditFilter{Action: "weights"})
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != 1 {
		t.Fatalf("%d weight changes in the audit trail, want 1 (unchanged and refused weights record nothing): %+v", len(log), log)
	}
	if e := log[0]; e.By != officer || !strings.HasPrefix(e.Old, "readiness 14.29%") || !strings.HasPrefix(e.New, "readiness 40%, technical 10%") {
		t.Errorf("weights audit entry: %+v", e)
	}
}
