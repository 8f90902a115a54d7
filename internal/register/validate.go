package register

import (
	"fmt"
	"net/mail"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"atpreg/internal/apperr"
)

// Length limits, in characters (runes).
const (
	MaxNameLen  = 300   // names: entity, product, people, tags' whole list entry
	MaxShortLen = 1000  // one-line texts: pharmaceutical form, "Others" texts, source
	MaxLongText = 20000 // long texts: composition, notes, minutes, reasons
	MaxEmailLen = 254   // RFC 5321 path limit
	MaxPhoneLen = 40    // a telephone number with extension
	MaxTagLen   = 50    // one tag
	MaxTags     = 50    // tags on one entity
	maxProducts = 200   // submissions on one entity
	minPhoneLen = 6     // digits in a plausible telephone number
	maxPhoneDig = 20    // digits in a plausible telephone number
)

// problems collects field problems in the order found.
type problems struct {
	prefix string
	list   []apperr.FieldError
}

func (p *problems) add(field, format string, args ...any) {
	p.list = append(p.list, apperr.Field(p.prefix+field, format, args...))
}

func (p *problems) required(field, value, msg string) {
	if strings.TrimSpace(value) == "" {
		p.add(field, msg)
	}
}

// disguising names the invisible characters a name or one-line field refuses
// because they can make a text look like another: the bidirectional
// controls (which reorder what follows them, so "Moonfield\u202eLtd" shows
// reversed) and the zero-width characters (which make two names that look
// the same differ). Long texts keep them: they belong to some scripts'
// writing, and the window shows them.
var disguising = map[rune]apperr.Fixed{
	'\u061c': apperr.Fixed("an Arabic letter mark"),
	'\u200b': apperr.Fixed("a zero-width space"),
	'\u200c': apperr.Fixed("a zero-width non-joiner"),
	'\u200d': apperr.Fixed("a zero-width joiner"),
	'\u200e': apperr.Fixed("a left-to-right mark"),
	'\u200f': apperr.Fixed("a right-to-left mark"),
	'\u202a': apperr.Fixed("a left-to-right embedding"),
	'\u202b': apperr.Fixed("a right-to-left embedding"),
	'\u202c': apperr.Fixed("a pop directional formatting"),
	'\u202d': apperr.Fixed("a left-to-right override"),
	'\u202e': apperr.Fixed("a right-to-left override"),
	'\u2060': apperr.Fixed("a word joiner"),
	'\u2066': apperr.Fixed("a left-to-right isolate"),
	'\u2067': apperr.Fixed("a right-to-left isolate"),
	'\u2068': apperr.Fixed("a first strong isolate"),
	'\u2069': apperr.Fixed("a pop directional isolate"),
	'\u180e': apperr.Fixed("a Mongolian vowel separator"),
}

// text checks that value is valid UTF-8, at most max characters, and free of
// control characters (newline, carriage return and tab allowed when long);
// a name or one-line text (not long) is also free of bidirectional controls
// and zero-width characters.
func (p *problems) text(field, value string, max int, long bool) {
	if value == "" {
		return
	}
	if !utf8.ValidString(value) {
		p.add(field, "This text holds bytes that are not valid UTF-8 text; re-type it or save the file as UTF-8.")
		return
	}
	if n := utf8.RuneCountInString(value); n > max {
		p.add(field, "This text is too long: %d characters, at most %d.", n, max)
	}
	for _, r := range value {
		if long && (r == '\n' || r == '\t' || r == '\r') {
			continue
		}
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || r == '\ufeff' {
			if long || (r != '\n' && r != '\r') {
				p.add(field, "This text holds an invisible control character (U+%04X); remove it.", r)
			} else {
				p.add(field, "This text must be on one line; remove the line break.")
			}
			return
		}
		if what, ok := disguising[r]; ok && !long {
			p.add(field, "This text holds an invisible character, %s (U+%04X), which can make it look like another text; remove it (retype the text if you pasted it).", what, r)
			return
		}
	}
}

func (p *problems) err(msg string) error {
	if len(p.list) == 0 {
		return nil
	}
	n := len(p.list)
	if n == 1 {
		return apperr.New(apperr.Invalid, "%s 1 problem: %s", apperr.T(msg), p.list[0]).With(p.list...)
	}
	return apperr.New(apperr.Invalid, "%s %d problems; the first: %s", apperr.T(msg), n, p.list[0]).With(p.list...)
}

var phoneRE = regexp.MustCompile(`^\+?[0-9 ()./-]+(\s*(ext\.?|x|#)\s*[0-9]{1,6})?$`)

// ValidEmail reports whether s is one well-formed email address without a
// display name (like "ada@harbour-cell.example.com").
func ValidEmail(s string) bool {
	if s == "" || len(s) > MaxEmailLen || strings.TrimSpace(s) != s {
		return false
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	domain := s[at+1:]
	return strings.Contains(domain, ".") && !strings.HasPrefix(domain, ".") && !strings.HasSuffix(domain, ".") && !strings.Contains(domain, "..")
}

// ValidPhone reports whether s looks like a telephone number: digits, spaces,
// "+", "-", ".", "/", brackets and an optional extension ("ext 12", "x12"),
// with 6 to 20 digits before the extension.
func ValidPhone(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > MaxPhoneLen || !phoneRE.MatchString(strings.ToLower(s)) {
		return false
	}
	main := strings.ToLower(s)
	for _, sep := range []string{"ext", "x", "#"} {
		if i := strings.Index(main, sep); i >= 0 {
			main = main[:i]
		}
	}
	digits := 0
	for _, r := range main {
		if r >= '0' && r <= '9' {
			digits++
		}
	}
	return digits >= minPhoneLen && digits <= maxPhoneDig && strings.Count(main, "(") == strings.Count(main, ")")
}

// Validate checks every field of e and of its submissions and returns all
// problems at once as an *apperr.Error with code Invalid (nil when valid).
// Field names are the JSON names; a submission's problems are named
// "submissions[i].field" (i from 0). Empty RFI items are not problems (see
// Missing); only the entity's name and each product's name are required.
func (e Entity) Validate() error {
	v := &problems{}
	e.validateFields(v)
	for i, s := range e.Submissions {
		sv := &problems{prefix: fmt.Sprintf("submissions[%d].", i)}
		s.validateFields(sv)
		v.list = append(v.list, sv.list...)
	}
	return v.err("The entity cannot be saved.")
}

func (e Entity) validateFields(v *problems) {
	v.required("name", e.Name, "The name of the entity is required.")
	v.text("name", e.Name, MaxNameLen, false)
	v.text("address", e.Address, MaxShortLen*2, true)
	v.text("contact_name", e.ContactName, MaxNameLen, false)
	if e.ContactEmail != "" {
		if !ValidEmail(e.ContactEmail) {
			v.add("contact_email", "This is not an email address: %q. Write one address like name@company.com.", e.ContactEmail)
		}
	}
	if e.ContactPhone != "" {
		if !ValidPhone(e.ContactPhone) {
			v.add("contact_phone", "This is not a telephone number: %q. Use digits, spaces, +, -, brackets and an optional extension (ext 12).", e.ContactPhone)
		}
	}
	if e.Status != "" && !e.Status.Valid() {
		v.add("status", "%q is not a status; use one of: %s.", string(e.Status), statusEnum.codes())
	}
	if !ValidDate(e.ReceivedOn) {
		v.add("received_on", "The received date %q is not a date; write it as YYYY-MM-DD.", e.ReceivedOn)
	}
	v.text("source", e.Source, MaxShortLen, false)
	v.text("notes", e.Notes, MaxLongText, true)
	if len(e.Tags) > MaxTags {
		v.add("tags", "Too many tags: %d, at most %d.", len(e.Tags), MaxTags)
	}
	seen := map[string]bool{}
	for _, t := range e.Tags {
		k := strings.ToLower(strings.TrimSpace(t))
		switch {
		case k == "":
			v.add("tags", "A tag is empty; remove it.")
		case seen[k]:
			v.add("tags", "The tag %q is there twice; remove one.", t)
		case strings.ContainsAny(t, ";,"):
			v.add("tags", "The tag %q holds ';' or ','; tags are separated by those, so use another character.", t)
		default:
			v.text("tags", t, MaxTagLen, false)
		}
		seen[k] = true
	}
	if len(e.Submissions) > maxProducts {
		v.add("submissions", "Too many products: %d, at most %d.", len(e.Submissions), maxProducts)
	}
}

// Validate checks every field of s and returns all problems at once as an
// *apperr.Error with code Invalid (nil when valid). The product name is
// required; choices must be known values; "Others" needs its text and the text
// needs "Others"; a vector only for a gene therapy product; further process
// development only when it is not completed; training roles and details only
// when training is needed; texts within their lengths, valid UTF-8, without
// control characters. Empty RFI items are not problems (see Missing).
func (s Submission) Validate() error {
	v := &problems{}
	s.validateFields(v)
	return v.err("The product submission cannot be saved.")
}

func (s Submission) validateFields(v *problems) {
	v.required("product_name", s.ProductName, "The name of the product is required.")
	v.text("product_name", s.ProductName, MaxNameLen, false)
	v.text("composition", s.Composition, MaxLongText, true)
	v.text("pharmaceutical_form", s.PharmaceuticalForm, MaxShortLen, false)
	v.text("therapeutic_indication", s.TherapeuticIndication, MaxLongText, true)

	checkList(v, "routes", s.Routes, routeEnum)
	checkOther(v, "route_other", "route of administration", s.RouteOther, s.HasRoute(RouteOther))

	checkOne(v, "atp_type", s.ATPType, atpTypeEnum)
	checkOne(v, "gene_vector", s.GeneVector, geneVectorEnum)
	if s.GeneVector != "" && s.ATPType.Valid() && s.ATPType != ATPGeneTherapy {
		v.add("gene_vector", "A vector (%s) is asked only for a gene therapy product, but this is a %s; clear the vector or change the type.", s.GeneVector, apperr.Lower(s.ATPType))
	}

	checkOne(v, "intended_use", s.IntendedUse, intendedUseEnum)
	checkOther(v, "intended_use_other", "intended use", s.IntendedUseOther, s.IntendedUse == UseOther)

	checkList(v, "starting_materials", s.StartingMaterials, materialEnum)
	checkOther(v, "starting_materials_other", "starting material", s.StartingMaterialsOther, s.HasStartingMaterial(MaterialOther))

	checkOne(v, "process_type", s.ProcessType, processEnum)

	checkYesNo(v, "pd_completed", s.PDCompleted)
	v.text("pd_further", s.PDFurther, MaxLongText, true)
	if s.PDCompleted == Yes && strings.TrimSpace(s.PDFurther) != "" {
		v.add("pd_further", "How much further process development is needed is asked only when process development is not completed, but it is answered as completed; clear this text or answer No.")
	}
	checkYesNo(v, "gmp_before", s.GMPBefore)
	checkYesNo(v, "has_authorized_person", s.HasAuthorizedPerson)
	checkYesNo(v, "needs_training", s.NeedsTraining)
	checkList(v, "training_roles", s.TrainingRoles, trainingRoleEnum)
	v.text("training_details", s.TrainingDetails, MaxLongText, true)
	if s.NeedsTraining == No {
		if len(s.TrainingRoles) > 0 {
			v.add("training_roles", "Key personnel needing training are asked only when GMP training is required, but it is answered No; clear the roles or answer Yes.")
		}
		if strings.TrimSpace(s.TrainingDetails) != "" {
			v.add("training_details", "Which training is required is asked only when GMP training is required, but it is answered No; clear this text or answer Yes.")
		}
	}
	if !s.ExpectedStart.Valid() {
		v.add("expected_start", "The expected start %q is not a month or date; write it as YYYY-MM (e.g. 2027-03) or YYYY-MM-DD.", string(s.ExpectedStart))
	}
	v.text("notes", s.Notes, MaxLongText, true)
}

func checkOne[T ~string](v *problems, field string, val T, e *enum[T]) {
	if val != "" && !e.valid(val) {
		v.add(field, "%q is not a known %s; use one of: %s.", string(val), e.what, e.codes())
	}
}

func checkList[T ~string](v *problems, field string, vals []T, e *enum[T]) {
	seen := map[T]bool{}
	for _, x := range vals {
		switch {
		case !e.valid(x):
			v.add(field, "%q is not a known %s; use one or more of: %s.", string(x), e.what, e.codes())
		case seen[x]:
			v.add(field, "%q is chosen twice; keep it once.", e.label(x))
		}
		seen[x] = true
	}
}

func checkOther(v *problems, field, what, text string, chosen bool) {
	v.text(field, text, MaxShortLen, false)
	has := strings.TrimSpace(text) != ""
	switch {
	case chosen && !has:
		v.add(field, "\"Others\" is chosen for %s; say what it is.", what)
	case !chosen && has:
		v.add(field, "This text describes \"Others\" for %s, but \"Others\" is not chosen; choose it or clear the text.", what)
	}
}

func checkYesNo(v *problems, field string, y YesNo) {
	if !y.Valid() {
		v.add(field, "%q is not a yes/no answer; use yes or no (or leave it empty).", string(y))
	}
}
