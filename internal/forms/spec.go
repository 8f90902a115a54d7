// Package forms turns a description of a fillable form into a PDF with
// AcroForm fields and into a Word document with content controls, and reads
// the answers back out of either file once a person has filled it in.
//
// A Spec is the form in order: a title, what the form is (its kind and
// version), sections of labelled items, and in each item text fields,
// checkboxes, notes and read-only fields, each input under its fixed name.
// PDF and DOCX render a Spec; ReadPDF and ReadDOCX return the Values found
// in a file: its kind and version, the text of every text field and which
// checkboxes are ticked. The package knows nothing of the RFI: package
// rfiform builds the RFI's Spec and turns Values into register entities.
//
// Every form carries its kind and version twice: in read-only fields named
// form_kind and form_version, and in the file's metadata (the PDF's document
// information, the Word document's custom properties). A reader that finds
// neither says the file is not one of atpreg's forms.
//
// docs/forms.md says which readers and word processors were checked and the
// quirks the files are built around.
package forms

import (
	"fmt"
	"strings"

	"atpreg/internal/apperr"
)

// The names of the read-only fields every form carries.
const (
	KindField    = "form_kind"
	VersionField = "form_version"
)

// Spec is a fillable form, in the order it is read.
type Spec struct {
	Kind     string    // what the form is, e.g. "atpreg-rfi"; lower-case letters, digits and '-'
	Version  string    // the form's version, e.g. "1"
	Lang     string    // the document's language: "en" or "zh-HK"
	Title    string    // printed at the top of the first page and in the metadata
	Subtitle string    // a line under the title, e.g. who asks
	Intro    []string  // paragraphs under the title: what the form is for, how to return it
	Sections []Section // the form's parts, in order
	Footer   string    // a short line at the foot of every page, e.g. where to return the form
}

// Section is a titled part of a form.
type Section struct {
	Title   string // printed in a band across the page
	Note    string // an optional paragraph under the title
	NewPage bool   // start the section on a new page
	Items   []Item // the section's questions, in order
}

// Item is one question of a form: its label on the left and its inputs on
// the right, one under the other.
type Item struct {
	Label  string  // the question
	Hint   string  // smaller text under the label: an instruction, or the label in English
	Fields []Field // the inputs, in order
}

// FieldKind says what a Field is.
type FieldKind int

// The kinds of Field.
const (
	TextField FieldKind = iota + 1 // a box to type in
	CheckBox                       // a box to tick
	NoteText                       // printed text between inputs, e.g. "If No, ..."
)

// Field is one input of an Item, or a note between inputs. Build them with
// Text, Check and Note.
type Field struct {
	Kind     FieldKind
	Name     string // the field's name in the file (text fields and checkboxes); see ValidName
	Label    string // a checkbox's option label; a note's text; a text field's tooltip
	Value    string // a text field's pre-filled value
	Checked  bool   // whether a checkbox is pre-ticked
	Lines    int    // a text field's visible lines; more than one makes it multi-line
	ReadOnly bool   // the field shows a value that cannot be changed
	Indent   int    // nesting under the option above (0 or 1), e.g. a vector under "Gene therapy product"
	Inline   *Field // a checkbox's text field on the same line, e.g. "Others ____"
}

// Text returns a text field named name showing lines lines (1 for a
// one-line field) pre-filled with value.
func Text(name string, lines int, value string) Field {
	return Field{Kind: TextField, Name: name, Lines: max(lines, 1), Value: value}
}

// Check returns a checkbox named name for the option label, ticked when
// checked.
func Check(name, label string, checked bool) Field {
	return Field{Kind: CheckBox, Name: name, Label: label, Checked: checked}
}

// Note returns printed text placed among the inputs.
func Note(text string) Field { return Field{Kind: NoteText, Label: text} }

// Fixed returns f made read-only.
func (f Field) Fixed() Field { f.ReadOnly = true; return f }

// Indented returns f nested n levels under the option above it.
func (f Field) Indented(n int) Field { f.Indent = n; return f }

// WithText returns the checkbox f with the one-line text field t after its
// label, as for "Others ____".
func (f Field) WithText(t Field) Field { f.Inline = &t; return f }

// Tooltip returns the text field f with the tooltip label (what a screen
// reader says for the field).
func (f Field) Tooltip(label string) Field { f.Label = label; return f }

// Limits on a Spec, so that a bad one fails early rather than producing a
// file no reader can fill.
const (
	MaxNameLen = 64 // Word's limit on a content control's tag
	maxFields  = 2000
	maxLines   = 30
)

// ValidName reports whether name can name a field: 1 to 64 characters of
// lower-case letters, digits, '_' and '.', made of parts separated by single
// dots, each starting and ending with a letter or digit, without "__" (so
// that a Word bookmark can carry the name, see bookmarkName).
func ValidName(name string) bool {
	if name == "" || len(name) > MaxNameLen {
		return false
	}
	for _, part := range strings.Split(name, ".") {
		if part == "" || part[0] == '_' || part[len(part)-1] == '_' || strings.Contains(part, "__") {
			return false
		}
		for _, c := range part {
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
				return false
			}
		}
	}
	return true
}

// validKind reports whether s can be a kind or version: 1 to 40 lower-case
// letters, digits, '-' and '.'.
func validKind(s string) bool {
	if s == "" || len(s) > 40 {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}

// input is a named input of a spec, in order.
type input struct {
	f    Field
	item *Item
}

// inputs returns the spec's text fields and checkboxes in order (inline
// fields after their checkbox), kind and version first.
func (s *Spec) inputs() []input {
	out := []input{
		{f: Text(KindField, 1, s.Kind).Fixed()},
		{f: Text(VersionField, 1, s.Version).Fixed()},
	}
	for si := range s.Sections {
		for ii := range s.Sections[si].Items {
			it := &s.Sections[si].Items[ii]
			for _, f := range it.Fields {
				if f.Kind == NoteText {
					continue
				}
				out = append(out, input{f: f, item: it})
				if f.Inline != nil {
					out = append(out, input{f: *f.Inline, item: it})
				}
			}
		}
	}
	return out
}

// Check reports the first thing wrong with s: a bad kind or version, a
// field without a valid name, a name used twice or used both for a field
// and as the start of another's name ("a.b" and "a.b.c": a PDF names
// fields as a tree), too many fields. The error is for the programmer.
func (s *Spec) Check() error {
	if !validKind(s.Kind) || !validKind(s.Version) {
		return fmt.Errorf("forms: bad kind %q or version %q", s.Kind, s.Version)
	}
	if s.Lang != "" && s.Lang != "en" && s.Lang != "zh-HK" {
		return fmt.Errorf("forms: unknown language %q", s.Lang)
	}
	ins := s.inputs()
	if len(ins) > maxFields {
		return fmt.Errorf("forms: %d fields, at most %d", len(ins), maxFields)
	}
	names := map[string]bool{}
	for _, in := range ins {
		f := in.f
		if f.Kind != TextField && f.Kind != CheckBox {
			return fmt.Errorf("forms: field %q of unknown kind %d (an inline field must be a text field)", f.Name, f.Kind)
		}
		if !ValidName(f.Name) {
			return fmt.Errorf("forms: bad field name %q", f.Name)
		}
		if names[f.Name] {
			return fmt.Errorf("forms: field name %q used twice", f.Name)
		}
		names[f.Name] = true
		if f.Kind == TextField && (f.Lines < 1 || f.Lines > maxLines) {
			return fmt.Errorf("forms: field %q has %d lines", f.Name, f.Lines)
		}
		if f.Indent < 0 || f.Indent > 2 {
			return fmt.Errorf("forms: field %q indented %d levels", f.Name, f.Indent)
		}
	}
	for n := range names {
		for i := range n {
			if n[i] == '.' && names[n[:i]] {
				return fmt.Errorf("forms: field name %q is also the start of %q", n[:i], n)
			}
		}
	}
	for _, in := range ins {
		if in.f.Kind == TextField && in.f.Inline != nil {
			return fmt.Errorf("forms: text field %q has an inline field", in.f.Name)
		}
		if in.f.Inline != nil && in.f.Inline.Kind != TextField {
			return fmt.Errorf("forms: inline field %q is not a text field", in.f.Inline.Name)
		}
	}
	return nil
}

// Values is what a filled form holds.
type Values struct {
	Kind    string            // the form's kind, from form_kind or the metadata
	Version string            // the form's version
	Text    map[string]string // every text field's value by name (read-only ones too), line ends as "\n"
	Checked map[string]bool   // every checkbox by name: true when ticked
}

// Ticked reports whether the checkbox name is ticked.
func (v Values) Ticked(name string) bool { return v.Checked[name] }

// Expect checks that v is a form of the given kind and version, with a
// message for the officer otherwise (what names the form, in any language:
// apperr.Fixed("the RFI form")).
func (v Values) Expect(kind, version string, what apperr.Label) error {
	if v.Kind != kind {
		return apperr.New(apperr.Invalid, "This is not %s: it is an atpreg form of another kind (%q). Use the file made for it.", what, v.Kind)
	}
	if v.Version != version {
		return apperr.New(apperr.Invalid, "This %s is version %q, but this atpreg reads version %q. Send the entity a new form made by this atpreg, or read this one with the atpreg that made it.", what, v.Version, version)
	}
	return nil
}

// notOurs is the error for a file without our form's kind and version.
func notOurs(format string) error {
	return apperr.New(apperr.Invalid, "This %s is not a form made by atpreg: it says nothing of which form it is (no form_kind field). Use the form atpreg made, filled in and saved.", format)
}
