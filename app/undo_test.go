package app_test

import (
	"testing"

	"atpreg/app"
	"atpreg/internal/register"
)

// TestUndeleteThroughTheWindow: the window's deletes of an evaluation, a
// meeting and a partner give a token; Undelete puts each back; after a
// lock the token is "That can no longer be undone." (notfound).
func TestUndeleteThroughTheWindow(t *testing.T) {
	sv := newServices(t, false)
	e := sv.entity(t, "Fictional Cell Works Ltd", register.StatusEvaluation)
	evID, err := sv.eval.Save(toWire(scored(e, "Dr A", 4, nil)))
	if err != nil {
		t.Fatal(err)
	}
	pid, err := sv.meet.SavePartner(app.Partner{Name: "Fictional University"})
	if err != nil {
		t.Fatal(err)
	}
	if err := sv.meet.SetConflict(pid, e, "A fictional board seat."); err != nil {
		t.Fatal(err)
	}

	token, err := sv.eval.Delete(evID)
	if err != nil || token == "" {
		t.Fatalf("delete evaluation: %q %v", token, err)
	}
	if view, _ := sv.eval.Entity(e); len(view.Evaluations) != 0 {
		t.Fatal("the evaluation is still there")
	}
	if err := sv.eval.Undelete(token); err != nil {
		t.Fatal(err)
	}
	if view, _ := sv.eval.Entity(e); len(view.Evaluations) != 1 || view.Evaluations[0].Evaluation.ID != evID {
		t.Fatalf("the evaluation is not back: %+v", view.Evaluations)
	}

	token, err = sv.meet.DeletePartner(pid)
	if err != nil {
		t.Fatal(err)
	}
	if err := sv.meet.Undelete(token); err != nil {
		t.Fatal(err)
	}
	ps, _ := sv.meet.Partners()
	if len(ps) != 1 || len(ps[0].Conflicts) != 1 || ps[0].Conflicts[0].Reason != "A fictional board seat." {
		t.Fatalf("the partner is not back with its conflict: %+v", ps)
	}
	if w := decodeFail(t, sv.meet.Undelete(token)); w.Code != "notfound" || w.Message != "That can no longer be undone." {
		t.Fatalf("a token used twice: %+v", w)
	}

	// Locked since: too late, even once unlocked again.
	token, err = sv.meet.DeletePartner(pid)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sv.s.Lock(); err != nil {
		t.Fatal(err)
	}
	if w := decodeFail(t, sv.meet.Undelete(token)); w.Code != "notfound" {
		t.Fatalf("undelete while locked: %+v", w)
	}
	if _, err := sv.s.Unlock(testPassphrase); err != nil {
		t.Fatal(err)
	}
	if w := decodeFail(t, sv.meet.Undelete(token)); w.Code != "notfound" || w.Message != "That can no longer be undone." {
		t.Fatalf("undelete after a lock: %+v", w)
	}
	if ps, _ := sv.meet.Partners(); len(ps) != 0 {
		t.Fatalf("the partner came back after the lock: %+v", ps)
	}
}
