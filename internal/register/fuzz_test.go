package register_test

import (
	"testing"
	"unicode/utf8"

	"atpreg/internal/register"
)

// FuzzParseMonth checks that whatever ParseMonth accepts is valid, keeps its
// form when parsed again, and has a quarter.
func FuzzParseMonth(f *testing.F) {
	for _, s := range []string{"2027-03", "2027-3-1", "", "2028-02-29", "9999-99", "-", "2027-03-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := register.ParseMonth(s)
		if err != nil || m == "" {
			return
		}
		if !m.Valid() || m.Quarter() == "" {
			t.Fatalf("ParseMonth(%q) = %q: Valid %v Quarter %q", s, m, m.Valid(), m.Quarter())
		}
		if again, err := register.ParseMonth(string(m)); err != nil || again != m {
			t.Fatalf("ParseMonth(%q) = %q, %v", m, again, err)
		}
	})
}

// FuzzValidateText checks that validation never panics and rejects invalid
// UTF-8 in any text field.
func FuzzValidateText(f *testing.F) {
	for _, s := range []string{"HC-101", "臍帶 🧬", "a\x00b", "\xff", "line\nline"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sub := register.Submission{ProductName: "P", Composition: s, RouteOther: s}
		err := sub.Validate()
		if !utf8.ValidString(s) && err == nil {
			t.Fatalf("invalid UTF-8 %q accepted", s)
		}
		_ = sub.Missing()
		e := register.Entity{Name: s, ContactEmail: s, ContactPhone: s, Submissions: []register.Submission{sub}}
		_ = e.Validate()
		_, _ = register.ParseRoutes(s)
		_, _ = register.ParseYesNo(s)
	})
}
