package register

import (
	"fmt"
	"strings"
	"time"

	"atpreg/internal/apperr"
)

// Years outside this range are taken as typing mistakes.
const (
	MinYear = 1990
	MaxYear = 2100
)

// Month is a date with month precision, as "YYYY-MM", or with a day when one
// was given, as "YYYY-MM-DD". The zero value "" means no date. It is used for
// the expected date of commencement of a project.
type Month string

// ParseMonth accepts "YYYY-MM" or "YYYY-MM-DD" (surrounding space trimmed; a
// single-digit month or day is padded, so "2027-3" is "2027-03"). Blank input
// gives "" and no error.
func ParseMonth(s string) (Month, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	bad := apperr.New(apperr.Invalid, "%q is not a month or date; write it as YYYY-MM (e.g. 2027-03) or YYYY-MM-DD.", s)
	parts := strings.Split(s, "-")
	if len(parts) != 2 && len(parts) != 3 {
		return "", bad
	}
	var y, m, d int
	if !atoiRange(parts[0], 4, 4, &y) || !atoiRange(parts[1], 1, 2, &m) {
		return "", bad
	}
	if len(parts) == 3 && !atoiRange(parts[2], 1, 2, &d) {
		return "", bad
	}
	if m < 1 || m > 12 || y < MinYear || y > MaxYear {
		return "", bad
	}
	if len(parts) == 2 {
		return Month(fmt.Sprintf("%04d-%02d", y, m)), nil
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if d < 1 || t.Day() != d {
		return "", bad
	}
	return Month(t.Format(time.DateOnly)), nil
}

// MonthOf returns the month of t ("YYYY-MM").
func MonthOf(t time.Time) Month { return Month(t.Format("2006-01")) }

// atoiRange parses s of minLen..maxLen ASCII digits.
func atoiRange(s string, minLen, maxLen int, out *int) bool {
	if len(s) < minLen || len(s) > maxLen {
		return false
	}
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
		n = n*10 + int(c-'0')
	}
	*out = n
	return true
}

// Valid reports whether m is empty or a well-formed month or date.
func (m Month) Valid() bool {
	if m == "" {
		return true
	}
	p, err := ParseMonth(string(m))
	return err == nil && p == m
}

// IsZero reports whether no month is set.
func (m Month) IsZero() bool { return m == "" }

// HasDay reports whether m carries a day ("YYYY-MM-DD").
func (m Month) HasDay() bool { return len(m) == len("2006-01-02") }

// Time returns the first moment of m (of its day when it has one), in UTC, or
// the zero time if m is empty or malformed.
func (m Month) Time() time.Time {
	if !m.Valid() || m == "" {
		return time.Time{}
	}
	layout := "2006-01"
	if m.HasDay() {
		layout = time.DateOnly
	}
	t, _ := time.Parse(layout, string(m))
	return t
}

// MonthOnly returns m reduced to "YYYY-MM" ("" if empty or malformed).
func (m Month) MonthOnly() Month {
	t := m.Time()
	if t.IsZero() {
		return ""
	}
	return MonthOf(t)
}

// Quarter returns the calendar quarter of m as "2027-Q1", or "" if m is empty
// or malformed. The demand timeline groups by it.
func (m Month) Quarter() string {
	t := m.Time()
	if t.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-Q%d", t.Year(), (int(t.Month())+2)/3)
}

// Label returns m for people in English: "Mar 2027" or "15 Mar 2027"; ""
// when empty (LabelIn(LangEnglish)).
func (m Month) Label() string { return m.LabelIn(LangEnglish) }

// LabelIn returns m for people in lang, in the house style of dates
// (FormatMonth, FormatDate): "Mar 2027" / "2027年3月", "15 Mar 2027" /
// "2027年3月15日"; "" when empty, m itself when malformed.
func (m Month) LabelIn(lang string) string {
	t := m.Time()
	switch {
	case t.IsZero():
		return string(m)
	case m.HasDay():
		return FormatDate(t, lang)
	}
	return FormatMonth(t, lang)
}

// ParseDate accepts a calendar date "YYYY-MM-DD" (surrounding space trimmed)
// and returns it normalised. Blank input gives "" and no error.
func ParseDate(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	m, err := ParseMonth(s)
	if err != nil || !m.HasDay() {
		return "", apperr.New(apperr.Invalid, "%q is not a date; write it as YYYY-MM-DD (e.g. 2026-03-15).", s)
	}
	return string(m), nil
}

// ValidDate reports whether s is empty or a date as "YYYY-MM-DD" exactly.
func ValidDate(s string) bool {
	if s == "" {
		return true
	}
	d, err := ParseDate(s)
	return err == nil && d == s
}
