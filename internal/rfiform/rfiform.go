// Package rfiform is the RFI's Pre-requisite Information table as a
// fillable form: Spec lays it out (in English, or in Traditional Chinese
// with the English beside it), blank or pre-filled from an entity so that
// the entity completes only what is missing; PDF and DOCX render it; Parse
// and Read turn a filled form back into an entity with its submissions and
// a list of problems in words. Field names are the contract of
// shared/CLI.md, "Forms: the field names". It does no I/O and knows nothing
// of the store.
package rfiform

import (
	"fmt"
	"strings"
	"time"

	"atpreg/internal/apperr"
	"atpreg/internal/forms"
	"atpreg/internal/register"
)

// The form's identity, in its form_kind and form_version fields.
const (
	Kind    = "atpreg-rfi"
	Version = "1"
)

// Products is how many products the form has room for (prefixes p1. to p3.).
const Products = 3

// The yes/no columns, each answer a checkbox "pN.COLUMN.yes" or ".no".
var yesNoColumns = []string{"pd_completed", "gmp_before", "has_authorized_person", "needs_training"}

// Lines of the multi-line fields.
const (
	linesAddress = 3
	linesLong    = 4
	linesMedium  = 3
)

func wordsFor(lang string) (*words, error) {
	switch lang {
	case "", "en":
		return english(), nil
	case "zh-HK":
		return chinese(), nil
	}
	return nil, apperr.New(apperr.Invalid, "%q is not a language of the forms; use en or zh-HK.", lang)
}

// form builds the spec in one language, bilingual for Chinese.
type form struct {
	w, en *words
	zh    bool
}

// label is an item's label: the language's wording.
func (f *form) label(key string) string { return f.w.item[key] }

// hint is an item's smaller text: for Chinese the English wording first,
// then the instruction.
func (f *form) hint(key, instruction string) string {
	if !f.zh {
		return instruction
	}
	if instruction == "" {
		return f.en.item[key]
	}
	return f.en.item[key] + "\n" + instruction
}

// option is a checkbox's label: the language's, with the English after it
// for Chinese.
func (f *form) option(col, code string) string {
	en := f.en.option[col+"."+code]
	if !f.zh {
		return en
	}
	zh := f.w.option[col+"."+code]
	if zh == "" {
		zh = f.w.option[code] // yes, no
	}
	return zh + " " + en
}

// Spec returns the RFI form in lang ("en" or "zh-HK"), blank when e is nil,
// else pre-filled with e and its submissions. The form has room for three
// products: of an entity with more, the first three incomplete ones are
// used, then complete ones.
func Spec(e *register.Entity, lang string) (*forms.Spec, error) {
	w, err := wordsFor(lang)
	if err != nil {
		return nil, err
	}
	if lang == "" {
		lang = "en"
	}
	f := &form{w: w, en: english(), zh: lang == "zh-HK"}
	var ent register.Entity
	if e != nil {
		ent = *e
	}
	s := &forms.Spec{
		Kind: Kind, Version: Version, Lang: lang,
		Title: w.title, Subtitle: w.subtitle, Intro: w.intro, Footer: w.footer,
	}
	text := func(key string, lines int, value string) forms.Item {
		hint := f.hint(key, "")
		return forms.Item{Label: f.label(key), Hint: hint, Fields: []forms.Field{forms.Text(key, lines, value).Tooltip(f.label(key))}}
	}
	s.Sections = append(s.Sections, forms.Section{Title: w.entity, Items: []forms.Item{
		text("entity_name", 1, ent.Name),
		text("entity_address", linesAddress, ent.Address),
		text("contact_name", 1, ent.ContactName),
		text("contact_email", 1, ent.ContactEmail),
		text("contact_phone", 1, ent.ContactPhone),
	}})
	subs := pick(ent.Submissions)
	for n := 1; n <= Products; n++ {
		var sub register.Submission
		if n <= len(subs) {
			sub = subs[n-1]
		}
		s.Sections = append(s.Sections, f.product(n, sub))
	}
	return s, nil
}

// pick returns at most Products submissions: incomplete ones first, each
// group in its order.
func pick(subs []register.Submission) []register.Submission {
	if len(subs) <= Products {
		return subs
	}
	var out []register.Submission
	for _, complete := range []bool{false, true} {
		for _, s := range subs {
			if s.Complete() == complete && len(out) < Products {
				out = append(out, s)
			}
		}
	}
	return out
}

func (f *form) product(n int, s register.Submission) forms.Section {
	w := f.w
	p := fmt.Sprintf("p%d.", n)
	text := func(key string, lines int, value string) forms.Field {
		return forms.Text(p+key, lines, value).Tooltip(f.label(key))
	}
	box := func(col, code string, on bool) forms.Field {
		return forms.Check(p+col+"."+code, f.option(col, code), on)
	}
	item := func(key, instruction string, fields ...forms.Field) forms.Item {
		return forms.Item{Label: f.label(key), Hint: f.hint(key, instruction), Fields: fields}
	}
	yesNo := func(col string, y register.YesNo) []forms.Field {
		return []forms.Field{box(col, "yes", y == register.Yes), box(col, "no", y == register.No)}
	}

	var routes []forms.Field
	for _, r := range register.Routes() {
		b := box("routes", string(r), s.HasRoute(r))
		if r == register.RouteOther {
			b = b.WithText(text("route_other", 1, s.RouteOther))
		}
		routes = append(routes, b)
	}
	var types []forms.Field
	for _, t := range register.ATPTypes() {
		types = append(types, box("atp_type", string(t), s.ATPType == t))
		if t == register.ATPGeneTherapy {
			for _, v := range register.GeneVectors() {
				types = append(types, box("gene_vector", string(v), s.GeneVector == v).Indented(1))
			}
		}
	}
	var uses []forms.Field
	for _, u := range register.IntendedUses() {
		b := box("intended_use", string(u), s.IntendedUse == u)
		if u == register.UseOther {
			b = b.WithText(text("intended_use_other", 1, s.IntendedUseOther))
		}
		uses = append(uses, b)
	}
	var materials []forms.Field
	for _, m := range register.StartingMaterials() {
		b := box("starting_materials", string(m), s.HasStartingMaterial(m))
		if m == register.MaterialOther {
			b = b.WithText(text("starting_materials_other", 1, s.StartingMaterialsOther))
		}
		materials = append(materials, b)
	}
	var process []forms.Field
	for _, t := range register.ProcessTypes() {
		process = append(process, box("process_type", string(t), s.ProcessType == t))
	}
	pd := append(yesNo("pd_completed", s.PDCompleted), forms.Note(w.ifNoFurther), text("pd_further", linesMedium, s.PDFurther))
	training := []forms.Field{box("needs_training", "yes", s.NeedsTraining == register.Yes), forms.Note(w.ifYesRoles).Indented(1)}
	for _, r := range register.TrainingRoles() {
		training = append(training, box("training_roles", string(r), s.HasTrainingRole(r)).Indented(1))
	}
	training = append(training, forms.Note(w.ifYesWhich).Indented(1), text("training_details", linesMedium, s.TrainingDetails).Indented(1),
		box("needs_training", "no", s.NeedsTraining == register.No))

	return forms.Section{
		Title:   fmt.Sprintf(w.product, n),
		Note:    w.productNote,
		NewPage: false,
		Items: []forms.Item{
			item("product_name", "", text("product_name", 1, s.ProductName)),
			item("composition", "", text("composition", linesLong, s.Composition)),
			item("pharmaceutical_form", "", text("pharmaceutical_form", 1, s.PharmaceuticalForm)),
			item("therapeutic_indication", "", text("therapeutic_indication", linesMedium, s.TherapeuticIndication)),
			item("routes", w.tickAll, routes...),
			item("atp_type", w.tickType, types...),
			item("intended_use", w.tickOne, uses...),
			item("starting_materials", w.tickAll, materials...),
			item("process_type", w.tickOne, process...),
			item("pd_completed", w.tickOne, pd...),
			item("gmp_before", w.tickOne, yesNo("gmp_before", s.GMPBefore)...),
			item("has_authorized_person", w.tickOne, yesNo("has_authorized_person", s.HasAuthorizedPerson)...),
			item("needs_training", w.tickOne, training...),
			item("expected_start", w.monthHint, text("expected_start", 1, string(s.ExpectedStart))),
		},
	}
}

// PDF returns the RFI form as a fillable PDF (see Spec). date is the
// document's date (zero: now).
func PDF(e *register.Entity, lang string, date time.Time) ([]byte, error) {
	s, err := Spec(e, lang)
	if err != nil {
		return nil, err
	}
	return s.PDF(date)
}

// DOCX returns the RFI form as a Word document with content controls (see
// Spec). date is the document's date (zero: now).
func DOCX(e *register.Entity, lang string, date time.Time) ([]byte, error) {
	s, err := Spec(e, lang)
	if err != nil {
		return nil, err
	}
	return s.DOCX(date)
}

// label returns the RFI's wording for a form field name ("p2.atp_type" ->
// "Type of ATP product").
func label(field string) string { return register.FieldLabel(item(field)) }

// item is a form field's RFI item: "p2.atp_type" -> "atp_type".
func item(field string) string {
	if i := strings.IndexByte(field, '.'); i >= 0 && strings.HasPrefix(field, "p") {
		field = field[i+1:]
	}
	return field
}
