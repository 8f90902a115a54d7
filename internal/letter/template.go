// Package letter writes the letters the officer sends to entities' contacts
// (acknowledge, missing, more-info, invite, decline, hold) in English or
// Traditional Chinese: templates with {{placeholders}} (a fixed, documented
// set; Check refuses any other, naming it), the default wording of each kind
// as HKSTP would write it, the letter as a PDF on the letterhead (through
// pdfdoc) and an email draft (.eml) with the PDF and other files attached.
// It takes domain values and returns bytes: no store, no files.
package letter

import (
	"sort"
	"strings"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
)

// Placeholder is one name a template may use as {{name}}.
type Placeholder struct {
	Name        string `json:"name"`
	Description string `json:"description"`
}

// placeholders is the fixed set, in the order the Settings card lists them.
var placeholders = []Placeholder{
	{"contact_name", "The contact person's name (\"Sir or Madam\" / 「貴機構負責人」 when the register has none)."},
	{"entity_name", "The entity's name."},
	{"entity_address", "The entity's address."},
	{"products", "The names of the entity's products, e.g. \"CT-101 and CT-102\"."},
	{"received_on", "The date the submission was received (blank when not recorded)."},
	{"date", "The letter's date."},
	{"reference", "The letter's reference (its document id)."},
	{"missing_items", "The RFI items the register flags as missing, per product, one a line (missing letters)."},
	{"questions", "The officer's questions (more-info letters)."},
	{"meeting", "The meeting's date, time and place, one a line; without a meeting, a sentence saying a date will be proposed (invite letters)."},
	{"meeting_title", "The meeting's title."},
	{"meeting_date", "The meeting's date."},
	{"meeting_time", "The meeting's start and end time."},
	{"meeting_place", "The meeting's place."},
	{"reason", "The reason the officer gave for the move that goes with the letter (it is sent to the entity)."},
	{"organisation", "HKSTP's name, from the letterhead."},
	{"officer_name", "The officer's name (Settings)."},
	{"officer_title", "The officer's title (Settings)."},
	{"officer_email", "The officer's email address (Settings)."},
	{"officer_phone", "The officer's telephone number (Settings)."},
}

// Placeholders returns the placeholders a template may use, documented.
func Placeholders() []Placeholder { return append([]Placeholder(nil), placeholders...) }

func known(name string) bool {
	for _, p := range placeholders {
		if p.Name == name {
			return true
		}
	}
	return false
}

// piece is literal text or a placeholder of a parsed template.
type piece struct {
	text string
	name string // placeholder name; "" for text
}

// parse splits a template into text and placeholders. An unknown
// placeholder, or "{{" without "}}", is an apperr.Invalid naming it; field
// is the template's part for the message ("subject", "text").
func parse(s, field string) ([]piece, error) {
	var out []piece
	for {
		i := strings.Index(s, "{{")
		if i < 0 {
			if s != "" {
				out = append(out, piece{text: s})
			}
			return out, nil
		}
		if i > 0 {
			out = append(out, piece{text: s[:i]})
		}
		rest := s[i+2:]
		j := strings.Index(rest, "}}")
		if j < 0 || strings.Contains(rest[:j], "{{") || strings.Contains(rest[:j], "\n") {
			snippet := []rune(s[i:])
			if len(snippet) > 24 {
				snippet = snippet[:24]
			}
			return nil, apperr.New(apperr.Invalid, "The %s has %q without a closing }}: write a placeholder as {{name}}.", templatePart(field), string(snippet)).
				With(apperr.Field(field, "A {{ is not closed with }}."))
		}
		name := strings.TrimSpace(rest[:j])
		if !known(name) {
			return nil, apperr.New(apperr.Invalid, "The %s uses the placeholder {{%s}}, which the letters do not know. Use one of: %s.", templatePart(field), name, names()).
				With(apperr.Field(field, "Unknown placeholder {{%s}}.", name))
		}
		out = append(out, piece{name: name})
		s = rest[j+2:]
	}
}

// templatePart is the name of a template's part (field "subject" or
// "body") in a message, in the message's language.
func templatePart(field string) apperr.Label {
	switch field {
	case "subject":
		return apperr.Fixed("subject")
	case "body": // fieldAs: the error names the letter's text
		return apperr.Fixed("letter's text")
	}
	return apperr.Fixed("text")
}

func names() string {
	ns := make([]string, len(placeholders))
	for i, p := range placeholders {
		ns[i] = "{{" + p.Name + "}}"
	}
	return strings.Join(ns, ", ")
}

// Check parses a template's subject and body and reports an unknown
// placeholder (naming it) or an unclosed one, as apperr.Invalid with the
// field "subject" or "body".
func Check(t register.LetterTemplate) error {
	if _, err := parse(t.Subject, "subject"); err != nil {
		return fieldAs(err, "subject")
	}
	if _, err := parse(t.Body, "body"); err != nil {
		return fieldAs(err, "body")
	}
	return nil
}

func fieldAs(err error, field string) error {
	var e *apperr.Error
	if ae, ok := err.(*apperr.Error); ok {
		e = ae
		for i := range e.Fields {
			e.Fields[i].Field = field
		}
	}
	return err
}

// fill replaces the placeholders of s with values (every known one is in
// values, possibly ""). s must parse.
func fill(s, field string, values map[string]string) (string, error) {
	ps, err := parse(s, field)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, p := range ps {
		if p.name == "" {
			b.WriteString(p.text)
		} else {
			b.WriteString(values[p.name])
		}
	}
	return b.String(), nil
}

// Used returns the placeholders s uses, sorted, each once (nil when it does
// not parse).
func Used(s string) []string {
	ps, err := parse(s, "text")
	if err != nil {
		return nil
	}
	seen := map[string]bool{}
	var out []string
	for _, p := range ps {
		if p.name != "" && !seen[p.name] {
			seen[p.name] = true
			out = append(out, p.name)
		}
	}
	sort.Strings(out)
	return out
}
