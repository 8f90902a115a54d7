package app_test

import (
	"testing"

	"atpreg/app"
	"atpreg/internal/register"
)

// The checks the forms call on each change once an error is shown: the
// save's own rules, nothing written.
func TestChecksWriteNothing(t *testing.T) {
	sv := newServices(t, false)

	e := register.Entity{Name: "Fictional Cells Ltd", ReceivedOn: "2026-03-02", ContactEmail: "ada@"}
	if w := decodeFail(t, sv.reg.Check(e)); w.Code != "invalid" || !hasWireField(w, "contact_email") {
		t.Fatalf("half an email: %+v", w)
	}
	e.ContactEmail = "ada@fictional.example"
	if err := sv.reg.Check(e); err != nil {
		t.Fatalf("completed email still refused: %v", err)
	}
	page, err := sv.reg.List(app.ListQuery{})
	if err != nil || page.Total != 0 {
		t.Fatalf("Check wrote an entity: %+v %v", page, err)
	}

	p := app.Partner{Name: "Fictional University", Contacts: []register.Contact{{Name: "Dr Contact", Email: "dr@"}}}
	if w := decodeFail(t, sv.meet.CheckPartner(p)); w.Code != "invalid" || !hasWireField(w, "contacts[0].email") {
		t.Fatalf("partner email: %+v", w)
	}
	p.Contacts[0].Email = "dr@fictional.example"
	if err := sv.meet.CheckPartner(p); err != nil {
		t.Fatalf("completed partner email still refused: %v", err)
	}
	if ps, err := sv.meet.Partners(); err != nil || len(ps) != 0 {
		t.Fatalf("CheckPartner wrote a partner: %+v %v", ps, err)
	}

	in := app.MeetingInput{Title: "", StartsAt: "2026-12-10T14:30", DurationMinutes: 90}
	if w := decodeFail(t, sv.meet.Check(in)); w.Code != "invalid" || !hasWireField(w, "title") {
		t.Fatalf("meeting without a title: %+v", w)
	}
	in.Title = "Fictional dialogue"
	if err := sv.meet.Check(in); err != nil {
		t.Fatalf("titled meeting still refused: %v", err)
	}
	if ms, err := sv.meet.List(); err != nil || len(ms) != 0 {
		t.Fatalf("Check wrote a meeting: %+v %v", ms, err)
	}

	if w := decodeFail(t, sv.s.CheckPassphrase("fictional correct horse battery", "fictional correct horse batter")); w.Code != "invalid" || !hasWireField(w, "confirm") {
		t.Fatalf("mismatch: %+v", w)
	}
	if err := sv.s.CheckPassphrase("fictional correct horse battery", "fictional correct horse battery"); err != nil {
		t.Fatalf("matching strong passphrase refused: %v", err)
	}
}
