//go:build e2e

package e2e

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp/kb"
)

// confirmOpen waits for the app's "are you sure?" dialog with the safe
// answer focused, and checks that it says what it is about.
func confirmOpen(p *Page, about string) {
	p.T.Helper()
	p.WaitVisible(`[data-testid="confirm-dialog"]`)
	p.WaitText(`[data-testid="confirm-message"]`, about)
	waitFocus(p, "dialog:confirm-no")
}

func confirmClosed(p *Page) {
	p.T.Helper()
	p.WaitJS(`!document.querySelector('[data-testid="confirm-dialog"]')`, defaultWait)
}

// TestDeleteAsksInTheAppsDialog deletes a conflict of interest, a partner,
// an entity off a meeting, a meeting and an evaluation from the window: each
// asks in the app's own dialog (never the browser's confirm()), with the
// safe answer focused, so Enter and Escape cancel and nothing is deleted;
// Tab to the go-ahead button and Enter (or a click) deletes.
func TestDeleteAsksInTheAppsDialog(t *testing.T) {
	p := NewUnlockedPage(t, false)
	harbour := newPartner(p, "Fictional Harbour University")
	alpha := newEntityIn(p, "Alpha Fictional Cell Ltd", "invited")
	beta := newEntityIn(p, "Beta Fictional Gene Ltd", "invited")
	Eval[bool](p, fmt.Sprintf(`window.go.app.MeetingService.SetConflict(%d, %d, 'A fictional board seat.').then(() => true)`, harbour, alpha))
	meeting := int64(Eval[float64](p, fmt.Sprintf(`window.go.app.MeetingService.Save({id: 0, title: 'Fictional dialogue meeting',
	  startsAt: '2026-12-10T14:30', durationMinutes: 90, place: 'Fictional Room 3', partnerIds: [], attendees: ['Fictional Officer'],
	  entityIds: [%d, %d], agenda: '1. Capacity', minutes: '', outcome: '', actions: [], entityMinutes: {}})`, alpha, beta)))
	scored := newEvalEntity(p, "Gamma Fictional Tissue Ltd", "tissue_engineered")
	scoreViaBackend(p, scored, "Fictional Evaluator", 3, 4)
	watchNativeConfirm(p)

	conflicts := func() int {
		return Eval[int](p, `window.go.app.MeetingService.Partners().then(ps => ps.reduce((n, p) => n + (p.conflicts ?? []).length, 0))`)
	}
	partners := func() int { return Eval[int](p, `window.go.app.MeetingService.Partners().then(ps => ps.length)`) }

	// A conflict of interest: Enter on the focused Cancel, then Escape, keep
	// it; Tab to "Remove conflict" and Enter removes it.
	p.Click(`.sidebar [data-area="meetings"]`)
	p.Click(`[data-testid="open-partners"]`)
	p.Click(`[data-testid="conflict-remove"]`)
	confirmOpen(p, "Alpha Fictional Cell Ltd")
	p.Screenshot("confirm-dialog-conflict")
	press(p, kb.Enter)
	confirmClosed(p)
	p.Click(`[data-testid="conflict-remove"]`)
	confirmOpen(p, "Alpha Fictional Cell Ltd")
	press(p, kb.Escape)
	confirmClosed(p)
	if n := conflicts(); n != 1 {
		t.Fatalf("after Cancel and Escape there are %d conflicts, want 1", n)
	}
	p.Click(`[data-testid="conflict-remove"]`)
	confirmOpen(p, "Alpha Fictional Cell Ltd")
	press(p, kb.Tab)
	waitFocus(p, "dialog:confirm-yes")
	press(p, kb.Enter)
	confirmClosed(p)
	p.WaitJS(`!document.querySelector('[data-testid="conflict-row"]')`, defaultWait)
	if n := conflicts(); n != 0 {
		t.Fatalf("after Remove conflict there are %d conflicts, want 0", n)
	}

	// The partner: Cancel keeps it, "Delete partner" deletes it.
	p.Click(`[data-testid="partner-delete"]`)
	confirmOpen(p, "Fictional Harbour University")
	p.Click(`[data-testid="confirm-no"]`)
	confirmClosed(p)
	if n := partners(); n != 1 {
		t.Fatalf("after Cancel there are %d partners, want 1", n)
	}
	p.Click(`[data-testid="partner-delete"]`)
	confirmOpen(p, "Fictional Harbour University")
	p.Click(`[data-testid="confirm-yes"]`)
	p.WaitJS(`!document.querySelector('[data-testid="partner-card"]')`, defaultWait)
	if n := partners(); n != 0 {
		t.Fatalf("after Delete partner there are %d partners, want 0", n)
	}

	// An entity off a meeting: asked; going ahead takes it off the page's list.
	Eval[bool](p, fmt.Sprintf(`location.hash = '#/meetings/%d'; true`, meeting))
	p.WaitVisible(`[data-testid="meeting-entities"]`)
	p.Click(fmt.Sprintf(`[data-testid="meeting-entity"][data-id="%d"] [data-testid="meeting-entity-remove"]`, beta))
	confirmOpen(p, "Beta Fictional Gene Ltd")
	p.Screenshot("confirm-dialog-meeting-entity")
	press(p, kb.Escape)
	confirmClosed(p)
	if n := Eval[int](p, `document.querySelectorAll('[data-testid="meeting-entity"]').length`); n != 2 {
		t.Fatalf("after Escape the meeting lists %d entities, want 2", n)
	}
	p.Click(fmt.Sprintf(`[data-testid="meeting-entity"][data-id="%d"] [data-testid="meeting-entity-remove"]`, beta))
	confirmOpen(p, "Beta Fictional Gene Ltd")
	p.Click(`[data-testid="confirm-yes"]`)
	p.WaitJS(fmt.Sprintf(`!document.querySelector('[data-testid="meeting-entity"][data-id="%d"]')`, beta), defaultWait)

	// The meeting itself (with that change unsaved): deleted, back to the list.
	p.Click(`[data-testid="meeting-delete"]`)
	confirmOpen(p, "Fictional dialogue meeting")
	p.Click(`[data-testid="confirm-yes"]`)
	p.WaitJS(`location.hash === '#/meetings'`, defaultWait)
	if n := Eval[int](p, `window.go.app.MeetingService.List().then(ms => ms.length)`); n != 0 {
		t.Fatalf("after Delete meeting there are %d meetings, want 0", n)
	}

	// An evaluation.
	evaluations := func() int {
		return Eval[int](p, fmt.Sprintf(`window.go.app.EvaluationService.Entity(%d).then(v => (v.evaluations ?? []).length)`, scored))
	}
	Eval[bool](p, fmt.Sprintf(`location.hash = '#/evaluation/%d'; true`, scored))
	p.Click(`[data-testid="evaluation-delete"]`)
	confirmOpen(p, "Fictional Evaluator")
	press(p, kb.Escape)
	confirmClosed(p)
	if n := evaluations(); n != 1 {
		t.Fatalf("after Escape there are %d evaluations, want 1", n)
	}
	p.Click(`[data-testid="evaluation-delete"]`)
	confirmOpen(p, "Fictional Evaluator")
	p.Click(`[data-testid="confirm-yes"]`)
	confirmClosed(p)
	p.WaitJS(fmt.Sprintf(`window.go.app.EvaluationService.Entity(%d).then(v => (v.evaluations ?? []).length === 0)`, scored), defaultWait)

	if n := nativeConfirms(p); n != 0 {
		t.Errorf("the browser's confirm() was called %d times", n)
	}
}

// TestUndoAfterTakingAway: removing a conflict of interest, or taking an
// entity off a meeting, offers Undo for a while: Undo puts the conflict back
// (with its reason) and the entity back in its place on the list.
func TestUndoAfterTakingAway(t *testing.T) {
	p := NewUnlockedPage(t, false)
	harbour := newPartner(p, "Fictional Harbour University")
	alpha := newEntityIn(p, "Alpha Fictional Cell Ltd", "invited")
	beta := newEntityIn(p, "Beta Fictional Gene Ltd", "invited")
	Eval[bool](p, fmt.Sprintf(`window.go.app.MeetingService.SetConflict(%d, %d, 'A fictional board seat.').then(() => true)`, harbour, alpha))
	meeting := int64(Eval[float64](p, fmt.Sprintf(`window.go.app.MeetingService.Save({id: 0, title: 'Fictional dialogue meeting',
	  startsAt: '2026-12-10T14:30', durationMinutes: 90, place: 'Fictional Room 3', partnerIds: [], attendees: ['Fictional Officer'],
	  entityIds: [%d, %d], agenda: '1. Capacity', minutes: '', outcome: '', actions: [], entityMinutes: {}})`, alpha, beta)))

	p.Click(`.sidebar [data-area="meetings"]`)
	p.Click(`[data-testid="open-partners"]`)
	p.Click(`[data-testid="conflict-remove"]`)
	confirmOpen(p, "Alpha Fictional Cell Ltd")
	p.Click(`[data-testid="confirm-yes"]`)
	p.WaitText(`[data-testid="undo-toast"]`, "Conflict of interest with Alpha Fictional Cell Ltd removed")
	p.WaitJS(`!document.querySelector('[data-testid="conflict-row"]')`, defaultWait)
	p.Screenshot("undo-toast")
	p.Click(`[data-testid="undo"]`)
	p.WaitText(`[data-testid="conflict-row"]`, "A fictional board seat.")
	reason := Eval[string](p, `window.go.app.MeetingService.Partners().then(ps => ps[0].conflicts[0].reason)`)
	if reason != "A fictional board seat." {
		t.Fatalf("restored conflict's reason %q", reason)
	}

	Eval[bool](p, fmt.Sprintf(`location.hash = '#/meetings/%d'; true`, meeting))
	p.WaitVisible(`[data-testid="meeting-entities"]`)
	p.Click(fmt.Sprintf(`[data-testid="meeting-entity"][data-id="%d"] [data-testid="meeting-entity-remove"]`, alpha))
	confirmOpen(p, "Alpha Fictional Cell Ltd")
	p.Click(`[data-testid="confirm-yes"]`)
	p.WaitText(`[data-testid="undo-toast"]`, "taken off this meeting's list")
	p.WaitJS(`document.querySelectorAll('[data-testid="meeting-entity"]').length === 1`, defaultWait)
	p.Click(`[data-testid="undo"]`)
	order := fmt.Sprintf(`[...document.querySelectorAll('[data-testid="meeting-entity"]')].map(e => e.dataset.id).join(',') === '%d,%d'`, alpha, beta)
	p.WaitJS(order, defaultWait)
	p.WaitJS(`!document.querySelector('[data-testid="undo-toast"]')`, defaultWait)
}

// TestUndoAfterDeleting: deleting a partner, a meeting (from its page, which
// then goes back to the planner) or an evaluation offers Undo for a while;
// Undo puts each back where the officer is: the partner with its conflict
// of interest and its place in the meeting, the meeting in the planner's
// list, the evaluation on its page. Undo after something it needs has gone
// since says why in the toast, and nothing comes back.
func TestUndoAfterDeleting(t *testing.T) {
	p := NewUnlockedPage(t, false)
	harbour := newPartner(p, "Fictional Harbour University")
	alpha := newEntityIn(p, "Alpha Fictional Cell Ltd", "invited")
	beta := newEntityIn(p, "Beta Fictional Gene Ltd", "invited")
	Eval[bool](p, fmt.Sprintf(`window.go.app.MeetingService.SetConflict(%d, %d, 'A fictional board seat.').then(() => true)`, harbour, alpha))
	meeting := int64(Eval[float64](p, fmt.Sprintf(`window.go.app.MeetingService.Save({id: 0, title: 'Fictional dialogue meeting',
	  startsAt: '2026-12-10T14:30', durationMinutes: 90, place: 'Fictional Room 3', partnerIds: [%d], attendees: ['Fictional Officer'],
	  entityIds: [%d, %d], agenda: '1. Capacity', minutes: 'Fictional minutes.', outcome: '', actions: [{text: 'Send the fictional questionnaire', owner: 'Fictional Officer', due: '2026-12-20', done: false}],
	  entityMinutes: {}})`, harbour, alpha, beta)))
	scored := newEvalEntity(p, "Gamma Fictional Tissue Ltd", "tissue_engineered")
	scoreViaBackend(p, scored, "Fictional Evaluator", 3, 4)
	meetingPartners := func() string {
		return Eval[string](p, fmt.Sprintf(`window.go.app.MeetingService.Get(%d).then(v => (v.meeting.partnerIds ?? []).join(','))`, meeting))
	}

	// The partner.
	p.Click(`.sidebar [data-area="meetings"]`)
	p.Click(`[data-testid="open-partners"]`)
	p.Click(`[data-testid="partner-delete"]`)
	confirmOpen(p, "Fictional Harbour University")
	p.Click(`[data-testid="confirm-yes"]`)
	p.WaitText(`[data-testid="undo-toast"]`, "Partner Fictional Harbour University deleted.")
	p.WaitJS(`!document.querySelector('[data-testid="partner-card"]')`, defaultWait)
	if got := meetingPartners(); got != "" {
		t.Fatalf("the deleted partner is still on the meeting: %q", got)
	}
	p.Click(`[data-testid="undo"]`)
	p.WaitText(`[data-testid="partner-card"]`, "Fictional Harbour University")
	p.WaitText(`[data-testid="conflict-row"]`, "A fictional board seat.")
	p.WaitJS(`!document.querySelector('[data-testid="undo-toast"]')`, defaultWait)
	if got := meetingPartners(); got != fmt.Sprint(harbour) {
		t.Fatalf("the restored partner is not back on the meeting: %q", got)
	}

	// The meeting, from its page: back to the planner, and Undo brings it
	// back into the planner's list, whole.
	before := Eval[string](p, fmt.Sprintf(`window.go.app.MeetingService.Get(%d).then(v => JSON.stringify(v.meeting))`, meeting))
	Eval[bool](p, fmt.Sprintf(`location.hash = '#/meetings/%d'; true`, meeting))
	p.WaitVisible(`[data-testid="meeting-entities"]`)
	p.Click(`[data-testid="meeting-delete"]`)
	confirmOpen(p, "Fictional dialogue meeting")
	p.Click(`[data-testid="confirm-yes"]`)
	p.WaitJS(`location.hash === '#/meetings'`, defaultWait)
	p.WaitVisible(`[data-testid="meetings-empty"]`)
	p.WaitText(`[data-testid="undo-toast"]`, "Meeting “Fictional dialogue meeting” deleted.")
	p.Screenshot("undo-meeting-deleted")
	p.Click(`[data-testid="undo"]`)
	p.WaitText(fmt.Sprintf(`[data-testid="meeting-row"][data-id="%d"]`, meeting), "Fictional dialogue meeting")
	after := Eval[string](p, fmt.Sprintf(`window.go.app.MeetingService.Get(%d).then(v => JSON.stringify(v.meeting))`, meeting))
	if after != before {
		t.Fatalf("the restored meeting differs:\n%s\nwant\n%s", after, before)
	}

	// The evaluation: its page shows it again, with the entity's total.
	Eval[bool](p, fmt.Sprintf(`location.hash = '#/evaluation/%d'; true`, scored))
	p.WaitVisible(`[data-testid="entity-total"]`)
	total := Eval[string](p, `document.querySelector('[data-testid="entity-total"]').textContent`)
	p.Click(`[data-testid="evaluation-delete"]`)
	confirmOpen(p, "Fictional Evaluator")
	p.Click(`[data-testid="confirm-yes"]`)
	p.WaitText(`[data-testid="undo-toast"]`, "The evaluation by Fictional Evaluator")
	p.WaitJS(`!document.querySelector('[data-testid="evaluation-delete"]')`, defaultWait)
	p.Click(`[data-testid="undo"]`)
	p.WaitVisible(`[data-testid="evaluation-delete"]`)
	p.WaitText(`[data-testid="entity-total"]`, total)
	if n := Eval[int](p, fmt.Sprintf(`window.go.app.EvaluationService.Entity(%d).then(v => (v.evaluations ?? []).length)`, scored)); n != 1 {
		t.Fatalf("after Undo there are %d evaluations, want 1", n)
	}

	// Deleted again, then its entity is deleted meanwhile: Undo says why,
	// and the evaluation stays deleted.
	p.Click(`[data-testid="evaluation-delete"]`)
	confirmOpen(p, "Fictional Evaluator")
	p.Click(`[data-testid="confirm-yes"]`)
	p.WaitText(`[data-testid="undo-toast"]`, "The evaluation by Fictional Evaluator")
	Eval[bool](p, fmt.Sprintf(`window.go.app.RegisterService.Delete(%d, 'Withdrew (fictional).').then(() => true)`, scored))
	p.Click(`[data-testid="undo"]`)
	p.WaitText(`[data-testid="undo-toast"]`, "can no longer be restored")
	p.WaitText(`[data-testid="undo-toast"]`, "Gamma Fictional Tissue Ltd")
}
