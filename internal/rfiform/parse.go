package rfiform

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"atpreg/internal/apperr"
	"atpreg/internal/forms"
	"atpreg/internal/register"
)

// Problem is something in a filled form that cannot be taken in as it is,
// in the officer's words: which field, what it holds, what to fix.
type Problem struct {
	Field   string `json:"field"`   // the form's field name, e.g. "p2.atp_type" or "contact_email"
	Label   string `json:"label"`   // the RFI's wording of the item
	Value   string `json:"value"`   // what the form holds there (ticked options joined by "; ")
	Message string `json:"message"` // what is wrong and what to fix (English)
	said    apperr.Label
}

// Text is the problem's message in any language (the window's).
func (p Problem) Text() apperr.Label {
	if p.said != nil {
		return p.said
	}
	return apperr.Verbatim(p.Message)
}

// LabelText is the RFI's wording of the problem's item in any language.
func (p Problem) LabelText() apperr.Label { return register.FieldName(item(p.Field)) }

// String returns the problem on one line: wording, field, value, message.
func (p Problem) String() string {
	if p.Value == "" {
		return fmt.Sprintf("%s (%s): %s", p.Label, p.Field, p.Message)
	}
	return fmt.Sprintf("%s (%s) %q: %s", p.Label, p.Field, p.Value, p.Message)
}

// Read reads a filled RFI form, a PDF or a Word document told apart by its
// content, and parses it (see Parse). The error is for a file that cannot be
// read as a form at all.
func Read(data []byte) (register.Entity, []Problem, error) {
	var v forms.Values
	var err error
	switch {
	case bytes.HasPrefix(bytes.TrimLeft(data[:min(len(data), 1024)], "\x00\t\n\r "), []byte("%PDF-")):
		v, err = forms.ReadPDF(data)
	case bytes.HasPrefix(data, []byte("PK\x03\x04")), bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		v, err = forms.ReadDOCX(data)
	default:
		return register.Entity{}, nil, apperr.New(apperr.Invalid, "This file is neither a PDF nor a Word document, so it cannot be the RFI form. Send the filled form as the PDF or .docx it came as.")
	}
	if err != nil {
		return register.Entity{}, nil, err
	}
	e, problems := Parse(v)
	return e, problems, nil
}

// Parse turns the values of a filled RFI form into an entity with one
// submission per product that has any answer (a product with no name and
// nothing else is skipped), and lists every problem: another form or
// version, two boxes ticked where one answer is asked for (a type, a vector,
// an intended use, a type of process, yes and no together), a month that
// cannot be read, and everything the domain's validation refuses (a
// malformed email or telephone number, "Others" ticked without saying what,
// a missing product name, ...). The entity is normalised; it is meant to be
// taken in only when there are no problems.
func Parse(v forms.Values) (register.Entity, []Problem) {
	if v.Kind != Kind || v.Version != Version {
		field, value := "form_kind", v.Kind
		if v.Kind == Kind {
			field, value = "form_version", v.Version
		}
		err := v.Expect(Kind, Version, apperr.Fixed("the RFI form"))
		return register.Entity{}, []Problem{{Field: field, Label: "Form", Value: value, Message: apperr.Message(err), said: apperr.Say(err)}}
	}
	p := &parser{v: v}
	e := register.Entity{
		Name:         p.text("entity_name"),
		Address:      p.text("entity_address"),
		ContactName:  p.text("contact_name"),
		ContactEmail: p.text("contact_email"),
		ContactPhone: p.text("contact_phone"),
	}
	var products []int // the form's product number of each submission
	for n := 1; n <= Products; n++ {
		s, any := p.product(n)
		if !any {
			continue
		}
		e.Submissions = append(e.Submissions, s)
		products = append(products, n)
	}
	e.Normalize()
	if err := e.Validate(); err != nil {
		var ae *apperr.Error
		if errors.As(err, &ae) {
			for _, fe := range ae.Fields {
				field := formField(fe.Field, products)
				if p.reported[field] {
					continue
				}
				p.add(field, p.valueOf(field), fe)
			}
		}
	}
	return e, p.problems
}

var subField = regexp.MustCompile(`^submissions\[(\d+)\]\.(.+)$`)

// formField maps a validation field name to the form's: "name" ->
// "entity_name", "submissions[1].routes" -> "p3.routes" when the second
// submission came from product 3.
func formField(f string, products []int) string {
	switch f {
	case "name":
		return "entity_name"
	case "address":
		return "entity_address"
	}
	if m := subField.FindStringSubmatch(f); m != nil {
		i, _ := strconv.Atoi(m[1])
		if i < len(products) {
			return fmt.Sprintf("p%d.%s", products[i], m[2])
		}
	}
	return f
}

type parser struct {
	v        forms.Values
	problems []Problem
	reported map[string]bool
}

func (p *parser) add(field, value string, msg apperr.Label) {
	if p.reported == nil {
		p.reported = map[string]bool{}
	}
	p.reported[field] = true
	p.problems = append(p.problems, Problem{Field: field, Label: label(field), Value: value, Message: msg.LabelIn(apperr.English), said: msg})
}

func (p *parser) text(name string) string { return p.v.Text[name] }

// ticked returns the codes of column's ticked options in RFI order.
func (p *parser) ticked(prefix, col string) []string {
	var out []string
	for _, c := range register.Choices()[col] {
		if p.v.Ticked(prefix + col + "." + c.Code) {
			out = append(out, c.Code)
		}
	}
	return out
}

// valueOf describes what the form holds for a field: its text, or the
// labels of the ticked options.
func (p *parser) valueOf(field string) string {
	if t, ok := p.v.Text[field]; ok {
		return strings.TrimSpace(t)
	}
	prefix, col := "", field
	if i := strings.IndexByte(field, '.'); i >= 0 {
		prefix, col = field[:i+1], field[i+1:]
	}
	return p.labels(col, p.ticked(prefix, col))
}

func (p *parser) labels(col string, codes []string) string {
	var ls []string
	for _, c := range register.Choices()[col] {
		for _, code := range codes {
			if c.Code == code {
				ls = append(ls, c.Label)
			}
		}
	}
	return strings.Join(ls, "; ")
}

// one returns the single ticked code of a single-choice column, reporting
// two or more.
func (p *parser) one(prefix, col string) string {
	codes := p.ticked(prefix, col)
	switch len(codes) {
	case 0:
		return ""
	case 1:
		return codes[0]
	}
	var what apperr.Label = apperr.Lower(register.FieldName(col))
	if col == "gene_vector" {
		what = apperr.Fixed("the vector of a gene therapy product")
	}
	msg := apperr.T("%d boxes are ticked, but one answer is asked for (%s); tick only one.", len(codes), what)
	if slices.Contains(yesNoColumns, col) {
		msg = apperr.T("Both Yes and No are ticked; tick one.")
	}
	p.add(prefix+col, p.labels(col, codes), msg)
	return ""
}

// product reads product n; any reports whether it holds any answer.
func (p *parser) product(n int) (register.Submission, bool) {
	pre := fmt.Sprintf("p%d.", n)
	any := false
	for name, t := range p.v.Text {
		if strings.HasPrefix(name, pre) && strings.TrimSpace(t) != "" {
			any = true
		}
	}
	for name, on := range p.v.Checked {
		if strings.HasPrefix(name, pre) && on {
			any = true
		}
	}
	if !any {
		return register.Submission{}, false
	}
	t := func(key string) string { return p.text(pre + key) }
	s := register.Submission{
		ProductName:            t("product_name"),
		Composition:            t("composition"),
		PharmaceuticalForm:     t("pharmaceutical_form"),
		TherapeuticIndication:  t("therapeutic_indication"),
		RouteOther:             t("route_other"),
		IntendedUseOther:       t("intended_use_other"),
		StartingMaterialsOther: t("starting_materials_other"),
		PDFurther:              t("pd_further"),
		TrainingDetails:        t("training_details"),
	}
	// Choices go through the domain's own parsers (codes are what they
	// accept; a failure would be a bug here, reported all the same).
	bad := func(col string, err error) {
		if err != nil {
			p.add(pre+col, p.valueOf(pre+col), apperr.Say(err))
		}
	}
	var err error
	s.Routes, err = register.ParseRoutes(strings.Join(p.ticked(pre, "routes"), ";"))
	bad("routes", err)
	s.StartingMaterials, err = register.ParseStartingMaterials(strings.Join(p.ticked(pre, "starting_materials"), ";"))
	bad("starting_materials", err)
	s.TrainingRoles, err = register.ParseTrainingRoles(strings.Join(p.ticked(pre, "training_roles"), ";"))
	bad("training_roles", err)
	s.ATPType, err = register.ParseATPType(p.one(pre, "atp_type"))
	bad("atp_type", err)
	s.GeneVector, err = register.ParseGeneVector(p.one(pre, "gene_vector"))
	bad("gene_vector", err)
	s.IntendedUse, err = register.ParseIntendedUse(p.one(pre, "intended_use"))
	bad("intended_use", err)
	s.ProcessType, err = register.ParseProcessType(p.one(pre, "process_type"))
	bad("process_type", err)
	for _, yn := range []struct {
		col string
		dst *register.YesNo
	}{
		{"pd_completed", &s.PDCompleted},
		{"gmp_before", &s.GMPBefore},
		{"has_authorized_person", &s.HasAuthorizedPerson},
		{"needs_training", &s.NeedsTraining},
	} {
		*yn.dst, err = register.ParseYesNo(p.one(pre, yn.col))
		bad(yn.col, err)
	}
	if raw := strings.TrimSpace(t("expected_start")); raw != "" {
		m, err := register.ParseMonth(raw)
		if err != nil {
			p.add(pre+"expected_start", raw, apperr.Say(err))
		}
		s.ExpectedStart = m
	}
	return s, true
}
