package register

import (
	"fmt"
	"strings"
	"time"

	"atpreg/internal/apperr"
)

// Contact is a person at a university partner.
type Contact struct {
	Name  string `json:"name"`
	Role  string `json:"role"`
	Email string `json:"email"`
	Phone string `json:"phone"`
}

// Partner is a university partner that runs one of the PIC/S GMP facilities.
type Partner struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	Facility  string    `json:"facility"` // the GMP facility's name
	Address   string    `json:"address"`
	Contacts  []Contact `json:"contacts"`
	Notes     string    `json:"notes"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Validate checks p: a name is required; each contact has a name and a
// well-formed email and telephone when given; texts are bounded. All problems
// come at once as an *apperr.Error with code Invalid; a contact's field is
// "contacts[i].field".
func (p Partner) Validate() error {
	v := &problems{}
	v.required("name", p.Name, "The name of the partner is required.")
	v.text("name", p.Name, MaxNameLen, false)
	v.text("facility", p.Facility, MaxNameLen, false)
	v.text("address", p.Address, MaxShortLen*2, true)
	v.text("notes", p.Notes, MaxLongText, true)
	for i, c := range p.Contacts {
		f := fmt.Sprintf("contacts[%d].", i)
		v.required(f+"name", c.Name, "Each contact needs a name.")
		v.text(f+"name", c.Name, MaxNameLen, false)
		v.text(f+"role", c.Role, MaxNameLen, false)
		if c.Email != "" && !ValidEmail(c.Email) {
			v.add(f+"email", "This is not an email address: %q. Write one address like name@university.edu.hk.", c.Email)
		}
		if c.Phone != "" && !ValidPhone(c.Phone) {
			v.add(f+"phone", "This is not a telephone number: %q. Use digits, spaces, +, -, brackets and an optional extension.", c.Phone)
		}
	}
	return v.err("The partner cannot be saved.")
}

// Normalize trims the partner's texts and drops blank contacts.
func (p *Partner) Normalize() {
	p.Name = strings.TrimSpace(p.Name)
	p.Facility = strings.TrimSpace(p.Facility)
	p.Address = strings.TrimSpace(p.Address)
	p.Notes = strings.TrimSpace(p.Notes)
	cs := []Contact{}
	for _, c := range p.Contacts {
		c.Name, c.Role = strings.TrimSpace(c.Name), strings.TrimSpace(c.Role)
		c.Email, c.Phone = strings.TrimSpace(c.Email), strings.TrimSpace(c.Phone)
		if c == (Contact{}) {
			continue
		}
		cs = append(cs, c)
	}
	p.Contacts = cs
}

// Action is a follow-up action agreed at a meeting.
type Action struct {
	Text  string `json:"text"`
	Owner string `json:"owner"`
	Due   string `json:"due"` // "YYYY-MM-DD" or ""
	Done  bool   `json:"done"`
}

// Meeting is a confidential dialogue meeting with university partners about
// some entities. A briefing pack for it holds only EntityIDs.
type Meeting struct {
	ID         int64     `json:"id"`
	Title      string    `json:"title"`
	StartsAt   time.Time `json:"starts_at"`
	Place      string    `json:"place"`
	PartnerIDs []int64   `json:"partner_ids"`
	Attendees  []string  `json:"attendees"` // HKSTP attendees
	EntityIDs  []int64   `json:"entity_ids"`
	Agenda     string    `json:"agenda"`
	Minutes    string    `json:"minutes"`
	Outcome    string    `json:"outcome"`
	Actions    []Action  `json:"actions"`
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
}

// Validate checks m: a title and a date and time are required; partners and
// entities are listed at most once (ids > 0); attendees are non-empty names;
// each action has a text and a valid due date when given. All problems come
// at once as an *apperr.Error with code Invalid; an action's field is
// "actions[i].field".
func (m Meeting) Validate() error {
	v := &problems{}
	v.required("title", m.Title, "Give the meeting a title.")
	v.text("title", m.Title, MaxNameLen, false)
	if m.StartsAt.IsZero() {
		v.add("starts_at", "The date and time of the meeting are required.")
	}
	v.text("place", m.Place, MaxShortLen, false)
	checkIDs(v, "partner_ids", apperr.Fixed("partner"), m.PartnerIDs)
	checkIDs(v, "entity_ids", apperr.Fixed("entity"), m.EntityIDs)
	for _, a := range m.Attendees {
		if strings.TrimSpace(a) == "" {
			v.add("attendees", "An attendee's name is empty; remove it.")
			continue
		}
		v.text("attendees", a, MaxNameLen, false)
	}
	v.text("agenda", m.Agenda, MaxLongText, true)
	v.text("minutes", m.Minutes, MaxLongText*5, true)
	v.text("outcome", m.Outcome, MaxLongText, true)
	for i, a := range m.Actions {
		f := fmt.Sprintf("actions[%d].", i)
		v.required(f+"text", a.Text, "Say what the action is.")
		v.text(f+"text", a.Text, MaxShortLen*2, true)
		v.text(f+"owner", a.Owner, MaxNameLen, false)
		if !ValidDate(a.Due) {
			v.add(f+"due", "The due date %q is not a date; write it as YYYY-MM-DD.", a.Due)
		}
	}
	return v.err("The meeting cannot be saved.")
}

func checkIDs(v *problems, field string, what apperr.Fixed, ids []int64) {
	seen := map[int64]bool{}
	for _, id := range ids {
		switch {
		case id <= 0:
			v.add(field, "A %s is not chosen properly (id %d); choose it again.", what, id)
		case seen[id]:
			v.add(field, "The same %s is listed twice; keep it once.", what)
		}
		seen[id] = true
	}
}
