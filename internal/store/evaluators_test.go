package store_test

import (
	"context"
	"testing"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
	"atpreg/internal/store"
	"atpreg/internal/store/storetest"
)

// TestEvaluatorsConflictsAndReplace: the panel (unique names), conflicts,
// and a sheet's evaluation replacing the evaluator's earlier one, with an
// aspect left unscored kept out of the totals.
func TestEvaluatorsConflictsAndReplace(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	ent := addEntity(t, db, "Fictional Cells", register.StatusReceived, register.ATPCellTherapy)
	id, err := db.SaveEvaluator(ctx, register.Evaluator{Name: " Dr Ada Panel ", Role: "Scientist", Email: "ada@panel.example.org"}, officer)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SaveEvaluator(ctx, register.Evaluator{Name: "dr ada panel"}, officer); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("same name again: %v, want a conflict", err)
	}
	if _, err := db.SaveEvaluator(ctx, register.Evaluator{Name: "Bo", Email: "not an address"}, officer); !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("bad email: %v, want invalid", err)
	}
	if err := db.SetEvaluatorConflict(ctx, id, ent, "Former employer", officer); err != nil {
		t.Fatal(err)
	}
	got, err := db.EvaluatorConflictsOf(ctx, id)
	if err != nil || got[ent] != "Former employer" {
		t.Fatalf("conflicts %v, %v", got, err)
	}
	ev := eval(ent, "Dr Ada Panel", 4, nil)
	delete(ev.Scores, register.AspectJobs)
	for range 2 {
		err = db.Update(ctx, func(tx *store.Tx) error {
			_, _, err := store.ReplaceEvaluationTx(tx, ev, officer, "sheet ES-TEST", db.Now())
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	evs, err := db.EntityEvaluations(ctx, ent)
	if err != nil || len(evs) != 1 {
		t.Fatalf("%d evaluations (%v), want 1 after the same sheet twice", len(evs), err)
	}
	if _, ok := evs[0].Scores[register.AspectJobs]; ok || len(evs[0].Scores) != 6 {
		t.Fatalf("scores %v: jobs should be unscored", evs[0].Scores)
	}
	s, err := db.EntityScore(ctx, ent)
	if err != nil || s.Rounded() != 4 {
		t.Fatalf("score %v (%v), want 4 from the six scored aspects", s.Rounded(), err)
	}
	ev.Scores[register.AspectReadiness] = register.Score{Value: 7}
	err = db.Update(ctx, func(tx *store.Tx) error {
		_, _, err := store.ReplaceEvaluationTx(tx, ev, officer, "sheet", db.Now())
		return err
	})
	if !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("score 7: %v, want invalid", err)
	}
	if err := db.DeleteEvaluator(ctx, id, officer); err != nil {
		t.Fatal(err)
	}
	if cs, _ := db.EvaluatorConflicts(ctx); len(cs) != 0 {
		t.Fatalf("conflicts left after removing the evaluator: %v", cs)
	}
}
