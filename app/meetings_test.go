package app_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"atpreg/app"
	"atpreg/internal/register"
	"atpreg/internal/service/servicetest"
)

func TestMeetingServiceLifecycle(t *testing.T) {
	sv := newServices(t, false)
	e1 := sv.entity(t, "Alpha Fictional Ltd", register.StatusInvited)
	e2 := sv.entity(t, "Beta Fictional Ltd", register.StatusEvaluation)

	_, err := sv.meet.SavePartner(app.Partner{Name: "Fictional University", Facility: "Fictional GMP Suite",
		Contacts: []register.Contact{{Name: "Dr Contact", Email: "not-an-email"}}})
	if w := decodeFail(t, err); w.Code != "invalid" || !hasWireField(w, "contacts[0].email") {
		t.Fatalf("bad contact email: %+v", w)
	}
	pid, err := sv.meet.SavePartner(app.Partner{Name: "Fictional University", Facility: "Fictional GMP Suite",
		Contacts: []register.Contact{{Name: "Dr Contact", Email: "contact@uni.example.org"}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := sv.meet.SetConflict(pid, e1, "Fictional board seat."); err != nil {
		t.Fatal(err)
	}
	ps, err := sv.meet.Partners()
	if err != nil || len(ps) != 1 || len(ps[0].Conflicts) != 1 || ps[0].Conflicts[0].EntityName != "Alpha Fictional Ltd" {
		t.Fatalf("partners: %v %+v", err, ps)
	}

	yesterday := servicetest.Now.AddDate(0, 0, -1).Format(time.DateOnly) // by the register clock
	in := app.MeetingInput{Title: "Fictional dialogue", StartsAt: "2026-03-12T14:30", Place: "Room 3, Building 17W",
		PartnerIDs: []int64{pid}, Attendees: []string{"Officer One"}, EntityIDs: []int64{e1}, Agenda: "1. Capacity\n2. Next steps",
		Actions: []register.Action{{Text: "Send questionnaire", Owner: "Officer One", Due: yesterday}}}
	if _, err := sv.meet.Save(app.MeetingInput{Title: "No time"}); !hasWireField(decodeFail(t, err), "starts_at") {
		t.Fatalf("meeting without time: %v", err)
	}
	id, err := sv.meet.Save(in)
	if err != nil {
		t.Fatal(err)
	}
	v, err := sv.meet.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	if v.Meeting.StartsAt != "2026-03-12T14:30" || len(v.Entities) != 1 || len(v.Entities[0].Excluded) != 1 ||
		v.Entities[0].Excluded[0].PartnerName != "Fictional University" || !v.Actions[0].Overdue {
		t.Fatalf("meeting view: %+v", v)
	}

	over, err := sv.meet.Overdue()
	if err != nil || len(over) != 1 || over[0].MeetingID != id {
		t.Fatalf("overdue: %v %+v", err, over)
	}

	// Adding an entity: the officer is asked first; no confirmation, no move.
	prop, err := sv.meet.ProposedMove(e2)
	if err != nil || prop.To != "invited" || prop.FromLabel == "" {
		t.Fatalf("proposed move: %v %+v", err, prop)
	}
	if to, err := sv.meet.AddEntity(id, e2, false); err != nil || to.Status != "" || len(to.Recusals) != 0 {
		t.Fatalf("add without move: %v %+v", err, to)
	}
	if ev, _ := sv.reg.Get(e2); ev.Entity.Status != register.StatusEvaluation {
		t.Fatalf("moved without confirmation: %s", ev.Entity.Status)
	}
	if to, err := sv.meet.AddEntity(id, e2, true); err != nil || to.Status != "invited" {
		t.Fatalf("add with move: %v %+v", err, to)
	}
	if ev, _ := sv.reg.Get(e2); ev.Entity.Status != register.StatusInvited {
		t.Fatalf("not moved after confirmation: %s", ev.Entity.Status)
	}

	// Minutes per entity and the outcome.
	v, _ = sv.meet.Get(id)
	in = v.Meeting
	in.EntityMinutes = map[int64]string{e2: "Discussed the fictional timeline."}
	in.Outcome = "Fictional outcome."
	if _, err := sv.meet.Save(in); err != nil {
		t.Fatal(err)
	}
	v, _ = sv.meet.Get(id)
	if v.Entities[1].Minutes != "Discussed the fictional timeline." || v.Meeting.Outcome != "Fictional outcome." {
		t.Fatalf("minutes: %+v", v)
	}
	if err := sv.meet.SetActionDone(id, 0, true); err != nil {
		t.Fatal(err)
	}
	if over, _ := sv.meet.Overdue(); len(over) != 0 {
		t.Fatalf("done action still overdue: %+v", over)
	}

	// Calendar export.
	text, err := sv.meet.CalendarText(id)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"BEGIN:VCALENDAR\r\n", "SUMMARY:Fictional dialogue\r\n", "CLASS:CONFIDENTIAL\r\n", "DTSTAMP:", "UID:atpreg-meeting-"} {
		if !strings.Contains(text, want) {
			t.Errorf("calendar lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "Alpha Fictional") {
		t.Error("the calendar file names an entity")
	}
	// Writing the file goes through the save dialog (the publishing itself
	// is tested in internal/service).
	if _, err := sv.meet.ExportCalendar(id); err == nil || !strings.Contains(err.Error(), "only available in the window") {
		t.Fatalf("calendar export without a window: %v", err)
	}

	rows, err := sv.meet.List()
	if err != nil || len(rows) != 1 || rows[0].Conflicts != 1 || rows[0].Entities != 2 {
		t.Fatalf("list: %v %+v", err, rows)
	}
	opts, err := sv.meet.FindEntities("Fictional")
	if err != nil || len(opts) != 2 || opts[0].Status != "invited" {
		t.Fatalf("find entities: %v %+v", err, opts)
	}
	if err := sv.meet.RemoveEntity(id, e1); err != nil {
		t.Fatal(err)
	}
	if _, err := sv.meet.Delete(id); err != nil {
		t.Fatal(err)
	}
	if _, err := sv.meet.Get(id); decodeFail(t, err).Code != "notfound" {
		t.Fatalf("deleted meeting: %v", err)
	}
}

func TestMeetingServiceDemo(t *testing.T) {
	// The register clock reads a day after the demo's follow-ups fell due.
	opt := servicetest.Options()
	opt.Now = func() time.Time { return time.Date(2026, 6, 1, 9, 0, 0, 0, servicetest.Now.Location()) }
	s := app.NewSession(app.Config{RegisterPath: filepath.Join(t.TempDir(), "register.atpreg"), Options: opt})
	if _, err := s.CreateRegister(testPassphrase, testPassphrase, true); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _, _ = s.Lock() })
	sv := servicesOf(t, s)
	rows, err := sv.meet.List()
	if err != nil || len(rows) != 2 {
		t.Fatalf("demo meetings: %v %+v", err, rows)
	}
	over, err := sv.meet.Overdue()
	if err != nil || len(over) == 0 {
		t.Fatalf("demo overdue follow-ups: %v %+v", err, over)
	}
	rank, err := sv.eval.Ranking(app.RankingQuery{})
	if err != nil || len(rank.Rows) == 0 {
		t.Fatalf("demo ranking: %v", err)
	}
}
