//go:build e2e

package e2e

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"
)

// newPartner adds a fictional university partner through the real backend.
func newPartner(p *Page, name string) int64 {
	p.T.Helper()
	return int64(Eval[float64](p, fmt.Sprintf(`window.go.app.MeetingService.SavePartner({id: 0, name: %q, facility: %q,
	  address: '', notes: '', contacts: [{name: 'Dr Fictional Contact', role: 'Director', email: 'contact@uni.example.org', phone: ''}]})`,
		name, name+" GMP Facility")))
}

// newEntityIn registers a fictional entity in status st.
func newEntityIn(p *Page, name, st string) int64 {
	p.T.Helper()
	return int64(Eval[float64](p, fmt.Sprintf(`window.go.app.RegisterService.Create({name: %q, status: %q,
	  submissions: [{product_name: %q, atp_type: 'cell_therapy'}]})`, name, st, name+" product")))
}

// TestMeetingConflictExcludesEntity records a conflict of interest in the
// partners screen: the meeting page then says the entity is excluded from that
// partner's pack (and only that entity, only for that partner), the briefing
// packs' setup leaves it out of that partner's materials, and the meeting
// page's Briefing packs button opens the export set to this meeting.
func TestMeetingConflictExcludesEntity(t *testing.T) {
	p := NewUnlockedPage(t, false)
	harbour := newPartner(p, "Fictional Harbour University")
	tide := newPartner(p, "Fictional Tide Cove University")
	alpha := newEntityIn(p, "Alpha Fictional Cell Ltd", "invited")
	beta := newEntityIn(p, "Beta Fictional Gene Ltd", "invited")
	meeting := int64(Eval[float64](p, fmt.Sprintf(`window.go.app.MeetingService.Save({id: 0, title: 'Fictional dialogue meeting',
	  startsAt: '2026-12-10T14:30', durationMinutes: 90, place: 'Fictional Room 3', partnerIds: [%d, %d], attendees: ['Fictional Officer'],
	  entityIds: [%d, %d], agenda: '1. Capacity', minutes: '', outcome: '', actions: [], entityMinutes: {}})`, harbour, tide, alpha, beta)))

	p.Click(`.sidebar [data-area="meetings"]`)
	p.Click(`[data-testid="open-partners"]`)
	p.Click(fmt.Sprintf(`[data-testid="add-conflict-%d"]`, harbour))
	p.WaitVisible(`[data-testid="conflict-dialog"]`)
	// Without a reason the conflict is refused, beside the field.
	p.Fill(`[data-testid="conflict-search"]`, "Alpha")
	p.Click(fmt.Sprintf(`[data-testid="conflict-pick-%d"]`, alpha))
	p.Click(`[data-testid="save-conflict"]`)
	p.WaitVisible(`[data-testid="conflict-dialog"] .field-error`)
	p.Fill(`[data-testid="conflict-reason"]`, "The partner's fictional director sits on the entity's board.")
	p.Click(`[data-testid="save-conflict"]`)
	p.WaitText(fmt.Sprintf(`[data-testid="partner-card"][data-id="%d"]`, harbour), "Alpha Fictional Cell Ltd")
	p.Screenshot("meetings-partners-conflict")

	// The briefing side leaves alpha out of Harbour's materials only.
	conflicted := Eval[map[string][]float64](p, `window.go.app.BriefingService.Setup().then(s => Object.fromEntries(s.partners.map(p => [String(p.id), p.conflicted || []])))`)
	if got := conflicted[fmt.Sprint(harbour)]; len(got) != 1 || int64(got[0]) != alpha {
		t.Fatalf("Harbour's conflicted entities %v, want [%d]", got, alpha)
	}
	if got := conflicted[fmt.Sprint(tide)]; len(got) != 0 {
		t.Fatalf("Tide Cove's conflicted entities %v, want none", got)
	}

	// The meeting page says so where it matters.
	Eval[bool](p, fmt.Sprintf(`location.hash = '#/meetings/%d'; true`, meeting))
	p.WaitVisible(`[data-testid="meeting-entities"]`)
	alphaSel := fmt.Sprintf(`[data-testid="meeting-entity"][data-id="%d"]`, alpha)
	p.WaitText(alphaSel, "conflict: excluded from Fictional Harbour University's pack")
	notes := Eval[int](p, `document.querySelectorAll('[data-testid="conflict-note"]').length`)
	betaNotes := Eval[int](p, fmt.Sprintf(`document.querySelectorAll('[data-testid="meeting-entity"][data-id="%d"] [data-testid="conflict-note"]').length`, beta))
	if notes != 1 || betaNotes != 0 {
		t.Errorf("conflict notes: %d in all, %d on beta; want 1 and 0", notes, betaNotes)
	}
	if strings.Contains(p.Text(alphaSel), "Tide Cove") {
		t.Error("alpha is said to be excluded from Tide Cove's pack too")
	}
	p.Screenshot("meetings-conflict-on-meeting")

	// From the meeting page, its briefing packs: the export page opens on this
	// meeting and says which copy leaves alpha out.
	p.Click(`[data-testid="make-packs"]`)
	p.WaitJS(fmt.Sprintf(`location.hash === '#/packs/new/%d'`, meeting), defaultWait)
	p.WaitVisible(`[data-testid="pack-meeting"]`)
	if got := Eval[string](p, `document.querySelector('[data-testid="pack-meeting"]').value`); got != fmt.Sprint(meeting) {
		t.Errorf("export page set to meeting %q, want %d", got, meeting)
	}
	p.WaitText(`[data-testid="pack-left-out"]`, "Alpha Fictional Cell Ltd")
	if n := Eval[int](p, `document.querySelectorAll('[data-testid="pack-left-out"]').length`); n != 1 {
		t.Errorf("%d copies leave an entity out, want 1 (Harbour's)", n)
	}
}

// TestMeetingOverdueOnOverview starts from the empty register's Overview
// (which teaches how to begin), plans a meeting in the window, adds an entity
// (confirming the pipeline move), records a follow-up action due ten days ago,
// and finds it on the Overview as overdue; ticking it off there clears it.
func TestMeetingOverdueOnOverview(t *testing.T) {
	p := NewUnlockedPage(t, false)
	// A new register's Overview says how to bring in the first submissions.
	p.Click(`.sidebar [data-area="overview"]`)
	p.WaitVisible(`[data-testid="overview-start"]`)
	p.WaitVisible(`[data-testid="overdue-none"]`)
	p.Screenshot("overview-empty")
	partner := newPartner(p, "Fictional Harbour University")
	gamma := newEntityIn(p, "Gamma Fictional Tissue Ltd", "evaluation")

	p.Click(`.sidebar [data-area="meetings"]`)
	p.Click(`[data-testid="new-meeting"]`)
	p.Fill(`[data-testid="m-title"]`, "Fictional dialogue on tissue engineering")
	p.setValue(`[data-testid="m-when"]`, time.Now().AddDate(0, 0, -14).Format("2006-01-02")+"T10:00")
	p.Fill(`[data-testid="m-place"]`, "Fictional Conference Room 3")
	p.Click(fmt.Sprintf(`[data-testid="m-partner-%d"]`, partner))
	p.Click(`[data-testid="save-meeting"]`)
	p.WaitJS(`/^#\/meetings\/\d+$/.test(location.hash)`, defaultWait)
	p.WaitVisible(`[data-testid="entity-search"]`)
	meeting := int64(Eval[float64](p, `Number(location.hash.split('/')[2])`))

	// Adding the entity asks before moving it; confirming moves it.
	p.Fill(`[data-testid="entity-search"]`, "Gamma")
	p.Click(fmt.Sprintf(`[data-testid="add-entity-%d"]`, gamma))
	p.WaitVisible(`[data-testid="move-dialog"]`)
	if st := getEntity(p, gamma).Entity.Status; st != "evaluation" {
		t.Fatalf("status changed before the officer confirmed: %s", st)
	}
	p.Screenshot("meetings-move-dialog")
	p.Click(`[data-testid="add-and-move"]`)
	p.WaitVisible(`[data-testid="meeting-notice"]`)
	if st := getEntity(p, gamma).Entity.Status; st != "invited" {
		t.Fatalf("status after confirming: %s, want invited", st)
	}

	due := time.Now().AddDate(0, 0, -10).Format("2006-01-02")
	p.Click(`[data-testid="add-action"]`)
	p.Fill(`[data-testid="action-text-0"]`, "Send the fictional technical questionnaire")
	p.Fill(`[data-testid="action-owner-0"]`, "Fictional Officer")
	p.setValue(`[data-testid="action-due-0"]`, due)
	p.Fill(fmt.Sprintf(`[data-testid="entity-minutes-%d"]`, gamma), "Fictional minutes: closed-system process discussed.")
	p.Click(`[data-testid="save-meeting"]`)
	p.WaitVisible(`[data-testid="action-overdue"]`)
	p.Screenshot("meetings-page")

	view := Eval[string](p, fmt.Sprintf(`window.go.app.MeetingService.Get(%d).then(v => v.entities[0].minutes + '|' + v.actions[0].due)`, meeting))
	if view != "Fictional minutes: closed-system process discussed.|"+due {
		t.Fatalf("stored minutes and due date: %q", view)
	}
	ics := Eval[string](p, fmt.Sprintf(`window.go.app.MeetingService.CalendarText(%d)`, meeting))
	if !strings.Contains(ics, "SUMMARY:Fictional dialogue on tissue engineering\r\n") || strings.Contains(ics, "Gamma") {
		t.Fatalf("calendar text:\n%s", ics)
	}

	p.Click(`.sidebar [data-area="overview"]`)
	// The register holds only gamma: no teaching card, one entity counted.
	p.WaitText(`[data-testid="overview-pipeline"]`, "1 entity in the register")
	p.WaitText(`[data-testid="overdue-panel"]`, "Send the fictional technical questionnaire")
	p.WaitText(`[data-testid="overdue-item"]`, "10 days overdue")
	p.WaitText(`[data-testid="overdue-item"]`, "Fictional dialogue on tissue engineering")
	p.Screenshot("overview-overdue")
	p.Click(`[data-testid="overdue-item"] button.btn`)
	p.WaitVisible(`[data-testid="overdue-none"]`)
	if n := Eval[int](p, `window.go.app.MeetingService.Overdue().then(a => a.length)`); n != 0 {
		t.Fatalf("%d overdue after ticking off", n)
	}
}

// TestMeetingsDemoPlanner opens the demo register's meeting planner and its
// first meeting: it lists partners and entities, shows the demo conflict of
// interest on the meeting page and its overdue follow-ups.
func TestMeetingsDemoPlanner(t *testing.T) {
	p := NewUnlockedPage(t, true)
	p.Click(`.sidebar [data-area="meetings"]`)
	p.WaitJS(`document.querySelectorAll('[data-testid="meeting-row"]').length === 2`, defaultWait)
	p.Screenshot("meetings-demo-planner")
	past := Eval[float64](p, `window.go.app.MeetingService.List().then(rows => rows.find(r => r.conflicts > 0 && r.overdue > 0).id)`)
	p.Click(fmt.Sprintf(`[data-testid="meeting-row"][data-id="%d"] button.title`, int64(past)))
	p.WaitVisible(`[data-testid="conflict-note"]`)
	p.WaitVisible(`[data-testid="action-overdue"]`)
	p.Screenshot("meetings-demo-meeting")
	// The demo reads as of today: one follow-up a few days overdue (not
	// months), the next meeting ahead on the Overview.
	p.Click(`.sidebar [data-area="overview"]`)
	p.WaitJS(`document.querySelectorAll('[data-testid="overdue-item"]').length === 1`, defaultWait)
	if late := Eval[string](p, `document.querySelector('[data-testid="overdue-item"]').textContent`); !regexp.MustCompile(`\b([5-9]|1[01]) days overdue`).MatchString(late) {
		t.Errorf("the demo's overdue follow-up reads %q, want 5 to 11 days overdue", late)
	}
	p.WaitText(`[data-testid="overview-meetings"]`, "Dialogue meeting 2")
	// The pipeline counts add up to the register's entities.
	p.WaitVisible(`[data-testid="overview-pipeline"] .step`)
	sum := Eval[int](p, `[...document.querySelectorAll('[data-testid="overview-pipeline"] .step .n')].reduce((s, n) => s + Number(n.textContent), 0)`)
	total := Eval[int](p, `window.go.app.RegisterService.List({limit: 1}).then(p => p.total)`)
	if sum != total || total == 0 {
		t.Errorf("pipeline counts add up to %d, the register holds %d", sum, total)
	}
	p.Screenshot("overview-demo")
	invited := Eval[int](p, `window.go.app.RegisterService.List({statuses: ['invited'], limit: 1}).then(p => p.total)`)
	p.Click(`[data-testid="overview-pipeline"] .step[data-status="invited"]`)
	p.WaitJS(`location.hash === '#/register'`, defaultWait)
	p.WaitJS(fmt.Sprintf(`document.querySelectorAll('[data-testid="entity-row"]').length === %d`, invited), defaultWait)
}

// TestMeetingLeaveDialog leaves a meeting page with an unsaved agenda: the
// app's own dialog asks (never the browser's confirm()); "Keep editing"
// stays with the text kept, "Discard changes" goes where the officer was
// going and nothing is saved.
func TestMeetingLeaveDialog(t *testing.T) {
	p := NewUnlockedPage(t, true)
	id := int64(Eval[float64](p, `window.go.app.MeetingService.List().then(rows => rows[0].id)`))
	page := fmt.Sprintf(`#/meetings/%d`, id)
	Eval[bool](p, `location.hash = '`+page+`'; true`)
	p.WaitJS(`!!document.querySelector('[data-testid="m-agenda"]')?.value`, defaultWait) // the demo meeting has loaded
	watchNativeConfirm(p)
	before := Eval[string](p, `document.querySelector('[data-testid="m-agenda"]').value`)
	p.Fill(`[data-testid="m-agenda"]`, "Fictional agenda item not to be kept")

	// The page's own back button: asked, "Keep editing" stays.
	p.Click(`[data-testid="meeting-page"] .back`)
	p.WaitVisible(`[data-testid="leave-dialog"]`)
	p.WaitText(`[data-testid="leave-dialog"]`, "the meeting")
	p.Screenshot("meeting-leave-dialog")
	p.Click(`[data-testid="leave-stay"]`)
	p.WaitJS(`!document.querySelector('[data-testid="leave-dialog"]')`, defaultWait)
	if h := Eval[string](p, `location.hash`); h != page {
		t.Fatalf("after Keep editing the address is %q, want %q", h, page)
	}
	if v := Eval[string](p, `document.querySelector('[data-testid="m-agenda"]').value`); v != "Fictional agenda item not to be kept" {
		t.Fatalf("after Keep editing the agenda is %q", v)
	}

	// The window's back (a changed address): asked as well, the address
	// returns to the meeting; then the sidebar, and "Discard changes" goes on.
	Eval[bool](p, `location.hash = '#/overview'; true`)
	p.WaitVisible(`[data-testid="leave-dialog"]`)
	p.WaitJS(`location.hash === '`+page+`'`, defaultWait)
	p.Click(`[data-testid="leave-stay"]`)
	p.WaitJS(`!document.querySelector('[data-testid="leave-dialog"]')`, defaultWait)
	p.Click(`.sidebar [data-area="register"]`)
	p.WaitVisible(`[data-testid="leave-dialog"]`)
	p.Click(`[data-testid="leave-discard"]`)
	p.WaitJS(`location.hash === '#/register' && !document.querySelector('[data-testid="leave-dialog"]')`, defaultWait)
	if v := Eval[string](p, fmt.Sprintf(`window.go.app.MeetingService.Get(%d).then(v => v.meeting.agenda)`, id)); v != before {
		t.Errorf("the discarded agenda was saved: %q", v)
	}
	if n := nativeConfirms(p); n != 0 {
		t.Errorf("the browser's confirm() was called %d times", n)
	}
}

// TestMeetingRecusalWarning: a partner with a conflict of interest is warned
// about at once on the meeting page, naming the conflict: when the entity is
// added to a meeting the partner attends (next to the entity), and when the
// partner is ticked for a meeting that discusses the entity (next to the
// partner, before saving). Ticking a partner without a conflict warns of
// nothing.
func TestMeetingRecusalWarning(t *testing.T) {
	p := NewUnlockedPage(t, false)
	harbour := newPartner(p, "Fictional Harbour University")
	tide := newPartner(p, "Fictional Tide Cove University")
	alpha := newEntityIn(p, "Alpha Fictional Cell Ltd", "dialogue")
	reason := "The partner's fictional director sits on the entity's board."
	Eval[any](p, fmt.Sprintf(`window.go.app.MeetingService.SetConflict(%d, %d, %q).then(() => null)`, harbour, alpha, reason))
	save := func(partners, entities string) int64 {
		return int64(Eval[float64](p, fmt.Sprintf(`window.go.app.MeetingService.Save({id: 0, title: 'Fictional dialogue meeting',
		  startsAt: '2026-12-10T14:30', durationMinutes: 90, place: 'Fictional Room 3', partnerIds: [%s], attendees: ['Fictional Officer'],
		  entityIds: [%s], agenda: '1. Capacity', minutes: '', outcome: '', actions: [], entityMinutes: {}})`, partners, entities)))
	}

	// The entity added to a meeting Harbour attends: the warning by the entity.
	first := save(fmt.Sprintf("%d, %d", harbour, tide), "")
	p.Click(`.sidebar [data-area="meetings"]`)
	Eval[bool](p, fmt.Sprintf(`location.hash = '#/meetings/%d'; true`, first))
	p.WaitVisible(`[data-testid="entity-search"]`)
	if n := Eval[int](p, `document.querySelectorAll('[data-testid="recusal-warning"]').length`); n != 0 {
		t.Fatalf("%d recusal warnings before any entity is on the list", n)
	}
	p.Fill(`[data-testid="entity-search"]`, "Alpha Fictional")
	p.Click(fmt.Sprintf(`[data-testid="add-entity-%d"]`, alpha))
	alphaSel := fmt.Sprintf(`[data-testid="meeting-entity"][data-id="%d"] [data-testid="recusal-warning"]`, alpha)
	p.WaitText(alphaSel, "Fictional Harbour University is recused for this item")
	if got := p.Text(alphaSel); !strings.Contains(got, reason) || strings.Contains(got, "Tide Cove") {
		t.Errorf("the warning by the entity reads %q; want Harbour's conflict and its reason only", got)
	}
	p.Screenshot("meetings-recusal-entity")

	// Harbour ticked for a meeting that discusses alpha: the warning by the
	// partner at once, before saving; Tide Cove ticked: none.
	second := save("", fmt.Sprint(alpha))
	Eval[bool](p, fmt.Sprintf(`location.hash = '#/meetings/%d'; true`, second))
	p.WaitVisible(fmt.Sprintf(`[data-testid="m-partner-%d"]`, tide))
	p.Click(fmt.Sprintf(`[data-testid="m-partner-%d"]`, tide))
	time.Sleep(300 * time.Millisecond) // give a (wrong) warning time to appear
	if n := Eval[int](p, `document.querySelectorAll('[data-testid="recusal-warning"]').length`); n != 0 {
		t.Fatalf("%d recusal warnings for a partner without a conflict", n)
	}
	p.Click(fmt.Sprintf(`[data-testid="m-partner-%d"]`, harbour))
	partnerSel := fmt.Sprintf(`.partners [data-testid="recusal-warning"][data-partner="%d"]`, harbour)
	p.WaitText(partnerSel, "Conflict of interest with Alpha Fictional Cell Ltd")
	if got := p.Text(partnerSel); !strings.Contains(got, "recused") || !strings.Contains(got, reason) {
		t.Errorf("the warning by the partner reads %q", got)
	}
	p.WaitText(alphaSel, "Fictional Harbour University is recused for this item")
	p.Screenshot("meetings-recusal-partner")
}
