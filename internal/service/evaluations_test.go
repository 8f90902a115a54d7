package service_test

import (
	"context"
	"testing"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
	"atpreg/internal/service"
	"atpreg/internal/service/servicetest"
)

// TestRankingAndDossierAgree: each evaluated entity's dossier gives the
// rank, total and count of its ranking row; tied rows share a rank and are
// marked; every row's consensus is one of its recommendations with the
// highest count.
func TestRankingAndDossierAgree(t *testing.T) {
	ctx := context.Background()
	r := servicetest.NewDemo(t)
	rank, err := r.Ranking(ctx, service.RankingQuery{})
	if err != nil || len(rank.Rows) == 0 {
		t.Fatalf("ranking: %v %d", err, len(rank.Rows))
	}
	if len(rank.Weights) != len(register.Aspects()) {
		t.Errorf("ranking weights %v", rank.Weights)
	}
	for i, row := range rank.Rows {
		tied := (i > 0 && rank.Rows[i-1].Rank == row.Rank) || (i+1 < len(rank.Rows) && rank.Rows[i+1].Rank == row.Rank)
		if row.Tied != tied {
			t.Errorf("row %d (rank %d): tied %v, want %v", i, row.Rank, row.Tied, tied)
		}
		c := row.Consensus()
		for rec, n := range row.Recommendations {
			if n > row.Recommendations[c] {
				t.Errorf("row %d: consensus %q (%d) but %q was given %d times", i, c, row.Recommendations[c], rec, n)
			}
		}
		if i > 3 {
			continue // the dossier of a few rows is enough
		}
		d, err := r.EvaluationDossier(ctx, row.EntityID)
		if err != nil {
			t.Fatal(err)
		}
		if d.Rank != row.Rank || d.Ranked != len(rank.Rows) || d.Total != row.Rounded() || len(d.Evaluations) != row.Evaluations {
			t.Errorf("entity %d: dossier rank %d of %d, total %v, %d evaluations; ranking %d of %d, %v, %d",
				row.EntityID, d.Rank, d.Ranked, d.Total, len(d.Evaluations), row.Rank, len(rank.Rows), row.Rounded(), row.Evaluations)
		}
	}
}

// TestSaveEvaluationDefaultsAndWeights: a blank evaluator becomes the
// officer's name from settings, and is refused while settings name none
// (an evaluation is never recorded as by "Officer"); weights change the totals at once; refused weights change
// nothing.
func TestSaveEvaluationDefaultsAndWeights(t *testing.T) {
	ctx := context.Background()
	r := servicetest.NewDemo(t)
	rank, err := r.Ranking(ctx, service.RankingQuery{})
	if err != nil || len(rank.Rows) == 0 {
		t.Fatal(err)
	}
	id := rank.Rows[0].EntityID
	setup, err := r.EvaluationSetup(ctx)
	if err != nil || setup.Today != servicetest.Now.Format("2006-01-02") {
		t.Fatalf("setup: %v %+v", err, setup)
	}
	ev := register.Evaluation{EntityID: id, Date: setup.Today, Scores: map[register.Aspect]register.Score{},
		Recommendation: register.RecommendHold, Reason: "Fictional reason."}
	for _, a := range register.Aspects() {
		ev.Scores[a] = register.Score{Value: 3}
	}
	if setup.Evaluator == "" {
		_, err := r.SaveEvaluation(ctx, ev)
		if !apperr.Is(err, apperr.Invalid) || len(apperr.FieldsOf(err)) == 0 || apperr.FieldsOf(err)[0].Field != "evaluator" {
			t.Fatalf("blank evaluator without an officer name: %v", err)
		}
		setup.Evaluator = "Dr Fictional Evaluator"
		ev.Evaluator = setup.Evaluator
	}
	evID, err := r.SaveEvaluation(ctx, ev)
	if err != nil {
		t.Fatal(err)
	}
	d, err := r.EvaluationDossier(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	var saved *service.ScoredEvaluation
	for i := range d.Evaluations {
		if d.Evaluations[i].ID == evID {
			saved = &d.Evaluations[i]
		}
	}
	if saved == nil || saved.Evaluator != setup.Evaluator || saved.Evaluator == "" || saved.Total != 3 {
		t.Fatalf("saved evaluation %+v, want evaluator %q and total 3", saved, setup.Evaluator)
	}

	heavy := register.Weights{"readiness": 40, "technical": 10, "credibility": 10, "pipeline": 10, "investment": 10, "jobs": 10, "intangibles": 10}
	got, err := r.SaveWeights(ctx, heavy)
	if err != nil || got["readiness"] != 40 {
		t.Fatalf("save weights: %v %v", err, got)
	}
	live, err := r.WeightedTotal(ctx, map[register.Aspect]int{"readiness": 5, "technical": 1, "nonsense": 5, "jobs": 9})
	if err != nil || live != 4.2 { // (40*5 + 10*1) / 50; unknown and out-of-scale scores left out
		t.Fatalf("weighted total %v %v, want 4.2", live, err)
	}
	bad := register.Weights{"readiness": 90, "technical": 10, "credibility": 10, "pipeline": 10, "investment": 10, "jobs": 10, "intangibles": 10}
	if _, err := r.SaveWeights(ctx, bad); err == nil {
		t.Fatal("weights totalling 140% were saved")
	}
	if w, _ := r.Weights(ctx); w["readiness"] != 40 {
		t.Errorf("refused weights changed readiness to %v", w["readiness"])
	}
	if err := r.DeleteEvaluation(ctx, evID); err != nil {
		t.Fatal(err)
	}
}
