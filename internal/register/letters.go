package register

import (
	"fmt"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"atpreg/internal/apperr"
)

// LetterKind is the kind of a letter to an entity's contact.
type LetterKind string

// The kinds of letters.
const (
	LetterAcknowledge LetterKind = "acknowledge" // receipt of the submission
	LetterMissing     LetterKind = "missing"     // the RFI items still missing, with a pre-filled form
	LetterMoreInfo    LetterKind = "more-info"   // the officer's questions
	LetterInvite      LetterKind = "invite"      // to a dialogue, with a meeting's date, time and place
	LetterDecline     LetterKind = "decline"     // the submission is not taken forward
	LetterHold        LetterKind = "hold"        // the submission is put on hold
)

var letterKindLabels = []struct {
	kind      LetterKind
	label, zh string
}{
	{LetterAcknowledge, "Acknowledgement of receipt", "確認收妥資料"},
	{LetterMissing, "Missing information", "補交欠缺資料"},
	{LetterMoreInfo, "More information requested", "索取更多資料"},
	{LetterInvite, "Invitation to dialogue", "邀請對話"},
	{LetterDecline, "Decline", "婉拒"},
	{LetterHold, "On hold", "暫緩處理"},
}

// LetterKinds returns every kind of letter, in the order of the officer's work.
func LetterKinds() []LetterKind {
	out := make([]LetterKind, len(letterKindLabels))
	for i, k := range letterKindLabels {
		out[i] = k.kind
	}
	return out
}

// Label returns the kind for people, e.g. "Invitation to dialogue".
func (k LetterKind) Label() string { return k.LabelIn(LangEnglish) }

// LabelIn returns the kind for people in lang, e.g. "Invitation to
// dialogue" / "邀請對話".
func (k LetterKind) LabelIn(lang string) string {
	for _, l := range letterKindLabels {
		if l.kind == k {
			if lang == LangChinese {
				return l.zh
			}
			return l.label
		}
	}
	return string(k)
}

// ParseLetterKind accepts a kind's code in any case ("more_info" and
// "moreinfo" too). The error lists the kinds.
func ParseLetterKind(s string) (LetterKind, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	t = strings.ReplaceAll(t, "_", "-")
	if t == "moreinfo" {
		t = "more-info"
	}
	for _, k := range LetterKinds() {
		if string(k) == t {
			return k, nil
		}
	}
	codes := make([]string, 0, 6)
	for _, k := range LetterKinds() {
		codes = append(codes, string(k))
	}
	return "", apperr.New(apperr.Invalid, "%q is not a kind of letter; use one of: %s.", s, strings.Join(codes, ", "))
}

// AsksForInformation reports whether a letter of kind k asks the entity for
// something (missing items or answers): sending it opens an information
// request that an intake for the entity closes.
func (k LetterKind) AsksForInformation() bool { return k == LetterMissing || k == LetterMoreInfo }

// The languages of the documents (letters, forms, sheets, briefing packs,
// the demand summary).
const (
	LangEnglish = "en"
	LangChinese = "zh-HK"
)

// ParseLang accepts "en" (or "") and "zh-HK" (any case, "zh" too).
func ParseLang(s string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "en", "en-gb", "en-hk":
		return LangEnglish, nil
	case "zh-hk", "zh", "zh-hant", "zh-tw":
		return LangChinese, nil
	}
	return "", apperr.New(apperr.Invalid, "%q is not a language of the documents; use en or zh-HK.", s)
}

// LetterTemplate is the officer's wording of one kind of letter in one
// language: the subject and the body, with {{placeholders}} (see package
// letter for the set).
type LetterTemplate struct {
	Kind    LetterKind `json:"kind"`
	Lang    string     `json:"lang"`
	Subject string     `json:"subject"`
	Body    string     `json:"body"`
}

// LetterSettings are the letterhead and the templates the officer edited
// (kinds and languages without one use the default wording). The officer's
// name comes from Settings.
type LetterSettings struct {
	Organisation   string           `json:"organisation"`   // HKSTP's name in English
	OrganisationZH string           `json:"organisationZh"` // its name in Chinese, above the English in Chinese letters
	Address        string           `json:"address"`        // lines separated by "\n"
	OfficerTitle   string           `json:"officerTitle"`
	OfficerEmail   string           `json:"officerEmail"` // From: of the drafts
	OfficerPhone   string           `json:"officerPhone"`
	Templates      []LetterTemplate `json:"templates"`
}

// DefaultLetterSettings are the letterhead of a new register.
func DefaultLetterSettings() LetterSettings {
	return LetterSettings{
		Organisation:   "Hong Kong Science and Technology Parks Corporation",
		OrganisationZH: "香港科技園公司",
		Address:        "Hong Kong Science Park\nPak Shek Kok, New Territories\nHong Kong",
		OfficerTitle:   "Contact Officer, Advanced Therapy Products",
		OfficerEmail:   "gmp.atp@hkstp.org",
		Templates:      []LetterTemplate{},
	}
}

// Template returns the officer's template for kind and lang, if any.
func (s LetterSettings) Template(kind LetterKind, lang string) (LetterTemplate, bool) {
	for _, t := range s.Templates {
		if t.Kind == kind && t.Lang == lang {
			return t, true
		}
	}
	return LetterTemplate{}, false
}

// Normalize trims the letterhead's fields, makes line ends "\n" and keeps
// one template per kind and language (the last).
func (s *LetterSettings) Normalize() {
	for _, p := range []*string{&s.Organisation, &s.OrganisationZH, &s.OfficerTitle, &s.OfficerEmail, &s.OfficerPhone} {
		*p = strings.TrimSpace(*p)
	}
	s.Address = tidyLong(s.Address)
	var out []LetterTemplate
	for _, t := range s.Templates {
		t.Subject = strings.TrimSpace(t.Subject)
		t.Body = strings.TrimRight(strings.ReplaceAll(t.Body, "\r\n", "\n"), " \n\t")
		replaced := false
		for i := range out {
			if out[i].Kind == t.Kind && out[i].Lang == t.Lang {
				out[i], replaced = t, true
			}
		}
		if !replaced {
			out = append(out, t)
		}
	}
	if out == nil {
		out = []LetterTemplate{}
	}
	s.Templates = out
}

// Validate reports every problem with the letterhead and the templates'
// kinds and languages at once (apperr.Invalid, fields by JSON name). The
// placeholders are checked by package letter.
func (s LetterSettings) Validate() error {
	var fields []apperr.FieldError
	add := func(f, format string, args ...any) {
		fields = append(fields, apperr.Field(f, format, args...))
	}
	if strings.TrimSpace(s.Organisation) == "" {
		add("organisation", "Give the organisation's name for the letterhead.")
	}
	for _, f := range []struct{ name, value string }{{"organisation", s.Organisation}, {"organisationZh", s.OrganisationZH},
		{"officerTitle", s.OfficerTitle}, {"officerPhone", s.OfficerPhone}} {
		if utf8.RuneCountInString(f.value) > MaxNameLen {
			add(f.name, "Keep this under %d characters.", MaxNameLen)
		}
	}
	if utf8.RuneCountInString(s.Address) > 500 {
		add("address", "Keep the address under 500 characters.")
	}
	if s.OfficerEmail != "" {
		if a, err := mail.ParseAddress(s.OfficerEmail); err != nil || a.Address != s.OfficerEmail {
			add("officerEmail", "%q is not an email address; write it as name@example.org.", s.OfficerEmail)
		}
	}
	for i, t := range s.Templates {
		if _, err := ParseLetterKind(string(t.Kind)); err != nil || t.Kind != LetterKind(strings.ToLower(string(t.Kind))) {
			add(fmt.Sprintf("templates[%d].kind", i), "%q is not a kind of letter.", t.Kind)
		}
		if t.Lang != LangEnglish && t.Lang != LangChinese {
			add(fmt.Sprintf("templates[%d].lang", i), "%q is not a language of the letters; use en or zh-HK.", t.Lang)
		}
		if strings.TrimSpace(t.Subject) == "" {
			add(fmt.Sprintf("templates[%d].subject", i), "The %s letter (%s) needs a subject.", t.Kind, t.Lang)
		}
		if strings.TrimSpace(t.Body) == "" {
			add(fmt.Sprintf("templates[%d].body", i), "The %s letter (%s) needs a text.", t.Kind, t.Lang)
		}
		if utf8.RuneCountInString(t.Body) > MaxLongText {
			add(fmt.Sprintf("templates[%d].body", i), "Keep the letter under %d characters.", MaxLongText)
		}
	}
	if len(fields) > 0 {
		return apperr.New(apperr.Invalid, "The letter settings were not saved: %s", fields[0]).With(fields...)
	}
	return nil
}

// InfoRequest is "more information requested" of an entity: when a letter
// asked (missing items or questions), what it asked, and when something
// came back from the entity (an intake for it closes the request).
type InfoRequest struct {
	ID           int64      `json:"id"`
	EntityID     int64      `json:"entity_id"`
	EntityName   string     `json:"entity_name"`
	Kind         LetterKind `json:"kind"`
	Asked        string     `json:"asked"` // what was asked, as the letter put it
	DocID        string     `json:"doc_id"`
	AskedAt      time.Time  `json:"asked_at"`
	AskedBy      string     `json:"asked_by"`
	AnsweredAt   *time.Time `json:"answered_at"`   // nil while awaited
	AnsweredWith string     `json:"answered_with"` // what closed it, e.g. the intake's file
}

// Open reports whether the request is still awaited.
func (q InfoRequest) Open() bool { return q.AnsweredAt == nil }
