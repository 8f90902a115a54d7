package register

import (
	"strings"
	"testing"
	"time"

	"atpreg/internal/apperr"
)

func TestSettingsRules(t *testing.T) {
	d := DefaultSettings()
	if d.AutoLockMinutes != DefaultAutoLockMinutes || d.Validate() != nil || d.Officer() != DefaultOfficer {
		t.Fatalf("defaults %+v: %v, officer %q", d, d.Validate(), d.Officer())
	}
	for _, tc := range []struct {
		name   string
		s      Settings
		fields []string
	}{
		{"never locks", Settings{AutoLockMinutes: 0, Weights: DefaultWeights()}, nil},
		{"a day", Settings{AutoLockMinutes: MaxAutoLockMinutes, Weights: DefaultWeights()}, nil},
		{"negative", Settings{AutoLockMinutes: -1, Weights: DefaultWeights()}, []string{"autoLockMinutes"}},
		{"over a day", Settings{AutoLockMinutes: MaxAutoLockMinutes + 1, Weights: DefaultWeights()}, []string{"autoLockMinutes"}},
		{"long name", Settings{OfficerName: strings.Repeat("陳", MaxOfficerNameLen+1), Weights: DefaultWeights()}, []string{"officerName"}},
		{"name at the limit", Settings{OfficerName: strings.Repeat("陳", MaxOfficerNameLen), Weights: DefaultWeights()}, nil},
		{"all wrong", Settings{OfficerName: strings.Repeat("x", 200), AutoLockMinutes: -5, Weights: Weights{AspectJobs: 100}},
			[]string{"officerName", "autoLockMinutes", "weights"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.s.Validate()
			if len(tc.fields) == 0 {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			ae, ok := err.(*apperr.Error)
			if !ok || ae.Code != apperr.Invalid || len(ae.Fields) != len(tc.fields) {
				t.Fatalf("got %v, want problems with %v", err, tc.fields)
			}
			for i, f := range tc.fields {
				if ae.Fields[i].Field != f {
					t.Errorf("problem %d names %q, want %q", i, ae.Fields[i].Field, f)
				}
			}
		})
	}
	s := Settings{OfficerName: "  Dr Mei Chan \t"}
	s.Normalize()
	if s.OfficerName != "Dr Mei Chan" || s.Officer() != "Dr Mei Chan" {
		t.Errorf("normalized %q", s.OfficerName)
	}
	if Who("   ") != DefaultOfficer || Who(" Ann ") != "Ann" {
		t.Errorf("Who: %q %q", Who("   "), Who(" Ann "))
	}
}

func TestNewMove(t *testing.T) {
	at := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	if _, err := NewMove(1, StatusScreening, StatusScreening, "", "Ann", at); !apperr.Is(err, apperr.Invalid) || !strings.Contains(apperr.Message(err), "already") {
		t.Errorf("staying put: %v", err)
	}
	if _, err := NewMove(1, StatusReceived, StatusEngaged, "", "Ann", at); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("skipping the pipeline: %v", err)
	}
	if _, err := NewMove(1, StatusReceived, StatusDeclined, " ", "Ann", at); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("declining without a reason: %v", err)
	}
	c, err := NewMove(1, StatusReceived, StatusDeclined, " Out of scope ", "", at)
	if err != nil || c.Reason != "Out of scope" || c.By != DefaultOfficer || c.From != StatusReceived || c.To != StatusDeclined {
		t.Errorf("a move with a reason: %+v, %v", c, err)
	}
}

func TestPrepareNew(t *testing.T) {
	e := Entity{Name: "  Fictional Cells Ltd  "}
	if err := e.PrepareNew(); err != nil {
		t.Fatal(err)
	}
	if e.Status != StatusReceived || e.Name != "Fictional Cells Ltd" {
		t.Errorf("prepared: %q %q", e.Status, e.Name)
	}
	if err := (&Entity{}).PrepareNew(); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("a nameless entity: %v", err)
	}
}
