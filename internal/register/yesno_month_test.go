package register_test

import (
	"encoding/json"
	"testing"
	"time"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
)

func TestParseYesNo(t *testing.T) {
	tests := []struct {
		in   string
		want register.YesNo
		bad  bool
	}{
		{"yes", register.Yes, false},
		{" Y ", register.Yes, false},
		{"TRUE", register.Yes, false},
		{"no", register.No, false},
		{"n", register.No, false},
		{"False", register.No, false},
		{"", register.Unanswered, false},
		{"maybe", "", true},
		{"是", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := register.ParseYesNo(tt.in)
			if tt.bad {
				if !apperr.Is(err, apperr.Invalid) {
					t.Fatalf("ParseYesNo(%q) error = %v, want invalid", tt.in, err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("ParseYesNo(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestYesNoJSON(t *testing.T) {
	type doc struct {
		A register.YesNo `json:"a"`
		B register.YesNo `json:"b"`
		C register.YesNo `json:"c"`
	}
	b, err := json.Marshal(doc{A: register.Yes, B: register.No})
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"a":true,"b":false,"c":null}` {
		t.Fatalf("encoded %s", b)
	}
	var d doc
	if err := json.Unmarshal([]byte(`{"a":"no","b":true,"c":null}`), &d); err != nil {
		t.Fatal(err)
	}
	if d != (doc{A: register.No, B: register.Yes}) {
		t.Fatalf("decoded %+v", d)
	}
	if err := json.Unmarshal([]byte(`{"a":3}`), &d); err == nil {
		t.Error("3 decoded as a yes/no answer")
	}
	if _, err := json.Marshal(doc{A: "perhaps"}); err == nil {
		t.Error("an invalid YesNo encoded without error")
	}
	if p := register.Yes.Ptr(); p == nil || !*p {
		t.Error("Yes.Ptr() is not true")
	}
	if register.Unanswered.Ptr() != nil {
		t.Error("Unanswered.Ptr() is not nil")
	}
	f := false
	if register.YesNoPtr(&f) != register.No || register.YesNoPtr(nil) != register.Unanswered {
		t.Error("YesNoPtr round trip")
	}
}

func TestParseMonth(t *testing.T) {
	tests := []struct {
		in      string
		want    register.Month
		quarter string
		bad     bool
	}{
		{"2027-03", "2027-03", "2027-Q1", false},
		{" 2027-3 ", "2027-03", "2027-Q1", false},
		{"2027-04-15", "2027-04-15", "2027-Q2", false},
		{"2028-2-29", "2028-02-29", "2028-Q1", false},
		{"2026-12", "2026-12", "2026-Q4", false},
		{"2026-09", "2026-09", "2026-Q3", false},
		{"", "", "", false},
		{"2027-02-29", "", "", true},
		{"2027-13", "", "", true},
		{"2027-00", "", "", true},
		{"27-03", "", "", true},
		{"2027/03", "", "", true},
		{"March 2027", "", "", true},
		{"1200-01", "", "", true},
		{"2027-03-01-01", "", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := register.ParseMonth(tt.in)
			if tt.bad {
				if !apperr.Is(err, apperr.Invalid) {
					t.Fatalf("ParseMonth(%q) = %q, %v; want invalid", tt.in, got, err)
				}
				if register.Month(tt.in).Valid() {
					t.Fatalf("Month(%q).Valid() = true", tt.in)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("ParseMonth(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
			if q := got.Quarter(); q != tt.quarter {
				t.Errorf("Quarter() = %q, want %q", q, tt.quarter)
			}
			if !got.Valid() {
				t.Errorf("Valid() = false for %q", got)
			}
		})
	}
	if got := register.Month("2027-03").Label(); got != "Mar 2027" {
		t.Errorf("Label = %q", got)
	}
	if got := register.Month("2027-03-05").MonthOnly(); got != "2027-03" {
		t.Errorf("MonthOnly = %q", got)
	}
	if got := register.MonthOf(time.Date(2029, 11, 3, 0, 0, 0, 0, time.UTC)); got != "2029-11" {
		t.Errorf("MonthOf = %q", got)
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in, want string
		bad      bool
	}{
		{"2026-03-15", "2026-03-15", false},
		{" 2026-3-5", "2026-03-05", false},
		{"", "", false},
		{"2026-03", "", true},
		{"2026-02-30", "", true},
		{"15/03/2026", "", true},
	}
	for _, tt := range tests {
		got, err := register.ParseDate(tt.in)
		if (err != nil) != tt.bad || got != tt.want {
			t.Errorf("ParseDate(%q) = %q, %v; want %q (bad %v)", tt.in, got, err, tt.want, tt.bad)
		}
	}
	if register.ValidDate("2026-3-5") {
		t.Error("ValidDate accepts an unpadded date")
	}
}
