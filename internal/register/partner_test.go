package register_test

import (
	"reflect"
	"testing"
	"time"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
)

func TestPartnerValidate(t *testing.T) {
	ok := func() register.Partner { return register.DemoPartners()[0] }
	tests := []struct {
		name   string
		change func(*register.Partner)
		fields []string
	}{
		{"OK", func(*register.Partner) {}, nil},
		{"OK no contacts", func(p *register.Partner) { p.Contacts = nil }, nil},
		{"ErrName", func(p *register.Partner) { p.Name = " " }, []string{"name"}},
		{"ErrContact", func(p *register.Partner) {
			p.Contacts = append(p.Contacts, register.Contact{Email: "nope", Phone: "call"})
		}, []string{"contacts[3].name", "contacts[3].email", "contacts[3].phone"}},
		{"ErrFacilityNewline", func(p *register.Partner) { p.Facility = "a\nb" }, []string{"facility"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := ok()
			tt.change(&p)
			err := p.Validate()
			if got := fieldsOf(err); !reflect.DeepEqual(got, tt.fields) {
				t.Fatalf("fields = %v, want %v", got, tt.fields)
			}
			if tt.fields != nil && !apperr.Is(err, apperr.Invalid) {
				t.Fatalf("code %v", apperr.CodeOf(err))
			}
		})
	}
}

func TestMeetingValidate(t *testing.T) {
	ok := func() register.Meeting {
		return register.Meeting{
			Title: "Dialogue 1", StartsAt: time.Date(2026, 3, 12, 14, 30, 0, 0, time.UTC),
			PartnerIDs: []int64{1, 2}, EntityIDs: []int64{3, 4}, Attendees: []string{"Officer"},
			Actions: []register.Action{{Text: "Send questionnaire", Due: "2026-03-26"}},
		}
	}
	tests := []struct {
		name   string
		change func(*register.Meeting)
		fields []string
	}{
		{"OK", func(*register.Meeting) {}, nil},
		{"ErrTitle", func(m *register.Meeting) { m.Title = "" }, []string{"title"}},
		{"ErrStartsAt", func(m *register.Meeting) { m.StartsAt = time.Time{} }, []string{"starts_at"}},
		{"ErrPartnerTwice", func(m *register.Meeting) { m.PartnerIDs = []int64{1, 1} }, []string{"partner_ids"}},
		{"ErrEntityID", func(m *register.Meeting) { m.EntityIDs = []int64{0} }, []string{"entity_ids"}},
		{"ErrAttendee", func(m *register.Meeting) { m.Attendees = []string{" "} }, []string{"attendees"}},
		{"ErrAction", func(m *register.Meeting) {
			m.Actions = append(m.Actions, register.Action{Due: "soon"})
		}, []string{"actions[1].text", "actions[1].due"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := ok()
			tt.change(&m)
			if got := fieldsOf(m.Validate()); !reflect.DeepEqual(got, tt.fields) {
				t.Fatalf("fields = %v, want %v", got, tt.fields)
			}
		})
	}
}
