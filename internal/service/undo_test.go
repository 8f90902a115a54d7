package service_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
	"atpreg/internal/service"
	"atpreg/internal/service/servicetest"
)

// undoRegister is a fresh register whose clock the test moves, with one
// entity, one partner (in conflict with it), one meeting with both, and
// one evaluation of the entity.
type undoRegister struct {
	r                               *service.Register
	clock                           *time.Time
	entity, partner, meeting, evalu int64
}

func newUndoRegister(t *testing.T) undoRegister {
	t.Helper()
	ctx := context.Background()
	clock := servicetest.Now
	opt := servicetest.Options()
	opt.Now = func() time.Time { return clock }
	r, err := service.Create(filepath.Join(t.TempDir(), "register.atpreg"), servicetest.Passphrase, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = r.Close() })
	u := undoRegister{r: r, clock: &clock}
	if u.entity, err = r.CreateEntity(ctx, sparseEntity()); err != nil {
		t.Fatal(err)
	}
	if u.partner, err = r.SavePartner(ctx, register.Partner{Name: "Fictional Harbour University"}); err != nil {
		t.Fatal(err)
	}
	if err := r.SetConflict(ctx, u.partner, u.entity, "A fictional board seat."); err != nil {
		t.Fatal(err)
	}
	if u.meeting, err = r.SaveMeeting(ctx, register.MeetingRecord{Meeting: register.Meeting{Title: "Fictional dialogue",
		StartsAt: time.Date(2025, 3, 10, 14, 30, 0, 0, hkt), PartnerIDs: []int64{u.partner}, EntityIDs: []int64{u.entity}}}); err != nil {
		t.Fatal(err)
	}
	ev := register.Evaluation{EntityID: u.entity, Evaluator: "Dr Fictional Evaluator", Date: "2025-03-01",
		Recommendation: register.RecommendInvite, Reason: "Fictional reason.", Scores: map[register.Aspect]register.Score{}}
	for _, a := range register.Aspects() {
		ev.Scores[a] = register.Score{Value: 4}
	}
	if u.evalu, err = r.SaveEvaluation(ctx, ev); err != nil {
		t.Fatal(err)
	}
	return u
}

// TestUndeleteEachKind: each undoable delete gives a token that puts the
// record back once; a second Undelete of the same token is NotFound.
func TestUndeleteEachKind(t *testing.T) {
	ctx := context.Background()
	u := newUndoRegister(t)
	r := u.r
	checks := []struct {
		what   string
		delete func() (string, error)
		there  func() error
	}{
		{"evaluation", func() (string, error) { return r.DeleteEvaluationUndoable(ctx, u.evalu) },
			func() error {
				d, err := r.EvaluationDossier(ctx, u.entity)
				if err == nil && len(d.Evaluations) != 1 {
					return apperr.New(apperr.NotFound, "no evaluation")
				}
				return err
			}},
		{"meeting", func() (string, error) { return r.DeleteMeetingUndoable(ctx, u.meeting) },
			func() error { _, err := r.Meeting(ctx, u.meeting); return err }},
		{"partner", func() (string, error) { return r.DeletePartnerUndoable(ctx, u.partner) },
			func() error {
				ps, err := r.Partners(ctx)
				if err == nil && (len(ps) != 1 || len(ps[0].Conflicts) != 1) {
					return apperr.New(apperr.NotFound, "no partner")
				}
				return err
			}},
	}
	for _, c := range checks {
		token, err := c.delete()
		if err != nil || token == "" {
			t.Fatalf("delete %s: %q %v", c.what, token, err)
		}
		if c.there() == nil {
			t.Fatalf("the %s is still there after its delete", c.what)
		}
		if err := r.Undelete(ctx, token); err != nil {
			t.Fatalf("undelete %s: %v", c.what, err)
		}
		if err := c.there(); err != nil {
			t.Fatalf("the %s is not back: %v", c.what, err)
		}
		err = r.Undelete(ctx, token)
		if !apperr.Is(err, apperr.NotFound) || err.Error() != "That can no longer be undone." {
			t.Fatalf("second undelete of the %s: %v", c.what, err)
		}
	}
	if m, err := r.Meeting(ctx, u.meeting); err != nil || len(m.Meeting.PartnerIDs) != 1 {
		t.Fatalf("meeting after its partner came back: %v %+v", err, m)
	}
}

// TestUndeleteExpires: after UndoFor the token is gone.
func TestUndeleteExpires(t *testing.T) {
	ctx := context.Background()
	u := newUndoRegister(t)
	token, err := u.r.DeleteMeetingUndoable(ctx, u.meeting)
	if err != nil {
		t.Fatal(err)
	}
	*u.clock = u.clock.Add(service.UndoFor)
	err = u.r.Undelete(ctx, token)
	if !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("undelete after %v: %v", service.UndoFor, err)
	}
	if _, err := u.r.Meeting(ctx, u.meeting); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("the meeting came back: %v", err)
	}

	// Just inside the time it works.
	token, err = u.r.DeletePartnerUndoable(ctx, u.partner)
	if err != nil {
		t.Fatal(err)
	}
	*u.clock = u.clock.Add(service.UndoFor - time.Second)
	if err := u.r.Undelete(ctx, token); err != nil {
		t.Fatalf("undelete within the time: %v", err)
	}
}

// TestUndeleteKeepsAFew: beyond UndoKept deletes, the oldest can no longer
// be undone; the newer ones can.
func TestUndeleteKeepsAFew(t *testing.T) {
	ctx := context.Background()
	u := newUndoRegister(t)
	var ids []int64
	for i := range service.UndoKept + 1 {
		id, err := u.r.SavePartner(ctx, register.Partner{Name: "Fictional University " + string(rune('A'+i))})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	var tokens []string
	for _, id := range ids {
		token, err := u.r.DeletePartnerUndoable(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		tokens = append(tokens, token)
	}
	if err := u.r.Undelete(ctx, tokens[0]); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("the oldest of %d deletes: %v", len(tokens), err)
	}
	for i := len(tokens) - 1; i >= 1; i-- {
		if err := u.r.Undelete(ctx, tokens[i]); err != nil {
			t.Fatalf("delete %d of %d: %v", i+1, len(tokens), err)
		}
	}
	ps, err := u.r.Partners(ctx)
	if err != nil || len(ps) != 1+service.UndoKept {
		t.Fatalf("partners after undoing: %v %d", err, len(ps))
	}
}

// TestLockDropsUndo: closing the register (locking closes it) drops what
// deletes took away: the same token, on the closed register or the
// register opened again, can no longer be undone.
func TestLockDropsUndo(t *testing.T) {
	ctx := context.Background()
	u := newUndoRegister(t)
	token, err := u.r.DeleteEvaluationUndoable(ctx, u.evalu)
	if err != nil {
		t.Fatal(err)
	}
	if err := u.r.Close(); err != nil {
		t.Fatal(err)
	}
	if err := u.r.Undelete(ctx, token); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("undelete on the closed register: %v", err)
	}
	r2, err := service.Open(u.r.Path(), servicetest.Passphrase, servicetest.Options())
	if err != nil {
		t.Fatal(err)
	}
	defer r2.Close()
	if err := r2.Undelete(ctx, token); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("undelete after opening again: %v", err)
	}
	d, err := r2.EvaluationDossier(ctx, u.entity)
	if err != nil || len(d.Evaluations) != 0 {
		t.Fatalf("evaluations after the lock: %v %d", err, len(d.Evaluations))
	}
}

// TestUndeleteRefusedWhenChanged: an entity of the deleted meeting deleted
// since; Undelete refuses (conflict) and the meeting stays deleted.
func TestUndeleteRefusedWhenChanged(t *testing.T) {
	ctx := context.Background()
	u := newUndoRegister(t)
	token, err := u.r.DeleteMeetingUndoable(ctx, u.meeting)
	if err != nil {
		t.Fatal(err)
	}
	if err := u.r.DeleteEntity(ctx, u.entity, "Withdrew (fictional)."); err != nil {
		t.Fatal(err)
	}
	if err := u.r.Undelete(ctx, token); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("undelete after its entity went: %v", err)
	}
	if _, err := u.r.Meeting(ctx, u.meeting); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("the meeting came back: %v", err)
	}
}
