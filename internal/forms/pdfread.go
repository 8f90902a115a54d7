package forms

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"atpreg/internal/apperr"
)

func init() {
	// pdfcpu would otherwise create ~/.config/pdfcpu on first use.
	model.ConfigPath = "disable"
}

// Limits on what ReadPDF accepts.
const (
	// MaxPDFBytes is the largest PDF ReadPDF reads. A blank form is about
	// 2.2 MB (most of it the field font); a reader that saves the whole file
	// again stays well under this.
	MaxPDFBytes  = 32 << 20
	maxPDFFields = 5000 // fields and widgets walked
	maxPDFDepth  = 12   // levels of the field tree
	maxValueLen  = 100000
)

// ReadPDF returns the values of the form in the PDF data: the text of each
// text field, which checkboxes are ticked (in any state but Off), the
// form's kind and version. It reads what readers write on saving: a file
// saved whole (pypdf, pdfcpu) or with incremental updates, cross-reference
// streams and object streams (Acrobat, poppler, pdf.js). A file that is not a
// PDF, is protected with a password, is too large or carries no form_kind
// gives an *apperr.Error saying what to do.
func ReadPDF(data []byte) (v Values, err error) {
	if len(data) > MaxPDFBytes {
		return Values{}, apperr.New(apperr.Invalid, "The PDF is too large to be a filled form: %d MB, at most %d MB. Send the form itself, not a scan or a file with attachments.", len(data)>>20, MaxPDFBytes>>20)
	}
	if !bytes.HasPrefix(bytes.TrimLeft(data[:min(len(data), 1024)], "\x00\t\n\r "), []byte("%PDF-")) {
		return Values{}, apperr.New(apperr.Invalid, "This file is not a PDF. Send the filled form as the PDF it came as, or as a Word document.")
	}
	defer func() {
		// pdfcpu recovers its own panics; this is a second net for a damaged file
		if r := recover(); r != nil {
			v, err = Values{}, damagedPDF(fmt.Errorf("panic: %v", r))
		}
	}()
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	conf.Offline = true
	ctx, err := pdfcpu.Read(bytes.NewReader(data), conf)
	if err != nil {
		if errors.Is(err, pdfcpu.ErrWrongPassword) || strings.Contains(err.Error(), "password") {
			return Values{}, apperr.Wrap(err, apperr.Invalid, "This PDF is protected with a password, so its answers cannot be read. Ask the entity to save the form again without a password (or to send it as a Word document).")
		}
		return Values{}, damagedPDF(err)
	}
	r := &pdfReader{x: ctx.XRefTable, v: Values{Text: map[string]string{}, Checked: map[string]bool{}}, seen: map[int]bool{}}
	if err := r.read(); err != nil {
		return Values{}, err
	}
	return r.v, nil
}

func damagedPDF(err error) error {
	return apperr.Wrap(err, apperr.Invalid, "This PDF is damaged or not complete, so its form cannot be read. Ask the entity to save the filled form again and send it.")
}

type pdfReader struct {
	x     *model.XRefTable
	v     Values
	seen  map[int]bool // objects walked, against loops
	count int
}

// field is what a field inherits down the tree.
type inherited struct {
	name string
	ft   string
	val  types.Object
	has  bool // val was set on the way down
}

func (r *pdfReader) read() error {
	cat, err := r.x.Catalog()
	if err != nil {
		return damagedPDF(err)
	}
	infoKind, infoVersion := r.info()
	if obj, ok := cat.Find("AcroForm"); ok {
		acro, err := r.x.DereferenceDict(obj)
		if err != nil {
			return damagedPDF(err)
		}
		if acro != nil {
			fields, err := r.x.DereferenceArray(acro["Fields"])
			if err != nil {
				return damagedPDF(err)
			}
			for _, f := range fields {
				if err := r.walk(f, inherited{}, 0); err != nil {
					return err
				}
			}
		}
	}
	r.v.Kind = strings.TrimSpace(r.v.Text[KindField])
	r.v.Version = strings.TrimSpace(r.v.Text[VersionField])
	if r.v.Kind == "" {
		r.v.Kind, r.v.Version = infoKind, infoVersion
	}
	if r.v.Kind == "" {
		return notOurs("PDF")
	}
	if len(r.v.Text) == 0 && len(r.v.Checked) == 0 {
		return apperr.New(apperr.Invalid, "This PDF was made from an atpreg form but holds no form fields any more: it was probably printed to PDF, scanned or flattened. Ask the entity to fill in the form itself and save it (File > Save), not print it.")
	}
	return nil
}

// info returns the form's kind and version from the document information.
func (r *pdfReader) info() (kind, version string) {
	if r.x.Info == nil {
		return "", ""
	}
	d, err := r.x.DereferenceDict(*r.x.Info)
	if err != nil || d == nil {
		return "", ""
	}
	kind, _ = r.text(d["AtpregFormKind"])
	version, _ = r.text(d["AtpregFormVersion"])
	return strings.TrimSpace(kind), strings.TrimSpace(version)
}

// text returns a string object's text ("" for anything else).
func (r *pdfReader) text(o types.Object) (string, bool) {
	o, err := r.x.Dereference(o)
	if err != nil || o == nil {
		return "", false
	}
	switch t := o.(type) {
	case types.StringLiteral, types.HexLiteral:
		s, err := model.Text(t)
		return s, err == nil
	case types.Name:
		return t.Value(), true
	case types.StreamDict: // a text field's value may be a text stream
		if err := t.Decode(); err != nil || len(t.Content) > maxValueLen*4 {
			return "", false
		}
		b := t.Content
		if types.IsUTF16BE(b) {
			s, err := types.DecodeUTF16String(string(b))
			return s, err == nil
		}
		return strings.ToValidUTF8(string(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))), "\uFFFD"), true
	}
	return "", false
}

// walk reads one field and its kids.
func (r *pdfReader) walk(o types.Object, in inherited, depth int) error {
	if depth > maxPDFDepth {
		return apperr.New(apperr.Invalid, "This PDF's form fields are nested more than %d deep; it is not a form made by atpreg.", maxPDFDepth)
	}
	if ref, ok := o.(types.IndirectRef); ok {
		n := ref.ObjectNumber.Value()
		if r.seen[n] {
			return nil
		}
		r.seen[n] = true
	}
	r.count++
	if r.count > maxPDFFields {
		return apperr.New(apperr.Invalid, "This PDF has more than %d form fields; it is not a form made by atpreg.", maxPDFFields)
	}
	d, err := r.x.DereferenceDict(o)
	if err != nil || d == nil {
		return nil // a dangling field: skip it as viewers do
	}
	if t, ok := r.text(d["T"]); ok {
		if in.name != "" {
			in.name += "."
		}
		in.name += t
	}
	if ft, ok := d.Find("FT"); ok {
		if n, err := r.x.Dereference(ft); err == nil {
			if name, ok := n.(types.Name); ok {
				in.ft = name.Value()
			}
		}
	}
	if v, ok := d.Find("V"); ok {
		in.val, in.has = v, true
	}
	kids, _ := r.x.DereferenceArray(d["Kids"])
	// kids with a /T are fields; kids without are this field's widgets
	var widgets []types.Dict
	for _, k := range kids {
		kd, err := r.x.DereferenceDict(k)
		if err != nil || kd == nil {
			continue
		}
		if _, ok := kd.Find("T"); ok {
			if err := r.walk(k, in, depth+1); err != nil {
				return err
			}
			continue
		}
		if ref, ok := k.(types.IndirectRef); ok {
			if r.seen[ref.ObjectNumber.Value()] {
				continue
			}
			r.seen[ref.ObjectNumber.Value()] = true
		}
		widgets = append(widgets, kd)
	}
	if in.name == "" || (len(kids) > 0 && len(widgets) == 0) {
		return nil // a node of the tree only
	}
	if len(widgets) == 0 {
		widgets = []types.Dict{d} // field and widget merged
	}
	switch in.ft {
	case "Tx":
		s := ""
		if in.has {
			s, _ = r.text(in.val)
		}
		s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
		if len(s) > maxValueLen {
			s = s[:maxValueLen]
		}
		r.v.Text[in.name] = s
	case "Btn":
		r.v.Checked[in.name] = r.ticked(in, widgets)
	}
	return nil
}

// ticked reports whether a checkbox is on: its value, else any widget's
// appearance state, in any state but Off.
func (r *pdfReader) ticked(in inherited, widgets []types.Dict) bool {
	on := func(o types.Object) (bool, bool) {
		s, ok := r.text(o)
		if !ok {
			return false, false
		}
		s = strings.TrimPrefix(strings.TrimSpace(s), "/")
		return s != "" && s != "Off", true
	}
	if in.has {
		if t, ok := on(in.val); ok {
			return t
		}
	}
	for _, w := range widgets {
		if as, ok := w.Find("AS"); ok {
			if t, ok := on(as); ok && t {
				return true
			}
		}
	}
	return false
}
