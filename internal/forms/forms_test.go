package forms_test

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"atpreg/internal/apperr"
	"atpreg/internal/forms"
	"atpreg/internal/forms/formstest"
	"atpreg/internal/pdftest"
)

var date = time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)

// sample returns a small form of every kind of input, pre-filled when
// filled is true. The texts are fictional.
func sample(filled bool) *forms.Spec {
	v := func(s string) string {
		if filled {
			return s
		}
		return ""
	}
	return &forms.Spec{
		Kind: "atpreg-test", Version: "1", Lang: "en",
		Title:    "Sample form 樣本表格",
		Subtitle: "A fictional organisation",
		Intro:    []string{"Please complete every item below. 請填寫以下各項。"},
		Footer:   "Return to forms@example.com",
		Sections: []forms.Section{{
			Title: "Who you are",
			Items: []forms.Item{
				{Label: "Name of organisation", Hint: "機構名稱", Fields: []forms.Field{forms.Text("org_name", 1, v("Harbour Cell 港灣細胞"))}},
				{Label: "Address", Fields: []forms.Field{forms.Text("org_address", 3, v("1 Fictional Avenue\n沙田"))}},
			},
		}, {
			Title:   "What you make",
			NewPage: true,
			Items: []forms.Item{
				{Label: "Route", Hint: "Tick all that apply", Fields: []forms.Field{
					forms.Check("p1.routes.intravenous", "Intravenous", filled),
					forms.Check("p1.routes.intradermal", "Intradermal", false),
					forms.Check("p1.routes.other", "Others", filled).WithText(forms.Text("p1.route_other", 1, v("Intrathecal 鞘內"))),
				}},
				{Label: "Done?", Fields: []forms.Field{
					forms.Check("p1.done.yes", "Yes", false),
					forms.Check("p1.done.no", "No", filled),
					forms.Note("If No, how much more is needed?"),
					forms.Text("p1.more", 4, v("Two more runs.\n還需要兩次。")).Indented(1),
				}},
				{Label: "Reference", Fields: []forms.Field{forms.Text("ref", 1, "R-1").Fixed()}},
			},
		}},
	}
}

// want returns the values ReadPDF and ReadDOCX should find in sample(filled).
func want(filled bool) forms.Values {
	v := forms.Values{Kind: "atpreg-test", Version: "1",
		Text:    map[string]string{"form_kind": "atpreg-test", "form_version": "1", "org_name": "", "org_address": "", "p1.route_other": "", "p1.more": "", "ref": "R-1"},
		Checked: map[string]bool{"p1.routes.intravenous": false, "p1.routes.intradermal": false, "p1.routes.other": false, "p1.done.yes": false, "p1.done.no": false},
	}
	if filled {
		v.Text["org_name"] = "Harbour Cell 港灣細胞"
		v.Text["org_address"] = "1 Fictional Avenue\n沙田"
		v.Text["p1.route_other"] = "Intrathecal 鞘內"
		v.Text["p1.more"] = "Two more runs.\n還需要兩次。"
		v.Checked["p1.routes.intravenous"] = true
		v.Checked["p1.routes.other"] = true
		v.Checked["p1.done.no"] = true
	}
	return v
}

func mustPDF(t testing.TB, s *forms.Spec) []byte {
	t.Helper()
	b, err := s.PDF(date)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mustDOCX(t testing.TB, s *forms.Spec) []byte {
	t.Helper()
	b, err := s.DOCX(date)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func sameValues(t *testing.T, what string, got, want forms.Values) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got %+v\nwant %+v", what, got, want)
	}
}

func TestCheckRejectsBadSpecs(t *testing.T) {
	for name, change := range map[string]func(*forms.Spec){
		"bad kind":           func(s *forms.Spec) { s.Kind = "RFI form" },
		"no version":         func(s *forms.Spec) { s.Version = "" },
		"language":           func(s *forms.Spec) { s.Lang = "fr" },
		"name twice":         func(s *forms.Spec) { s.Sections[0].Items[1].Fields[0].Name = "org_name" },
		"reserved name":      func(s *forms.Spec) { s.Sections[0].Items[0].Fields[0].Name = forms.KindField },
		"upper case":         func(s *forms.Spec) { s.Sections[0].Items[0].Fields[0].Name = "Org" },
		"double underscore":  func(s *forms.Spec) { s.Sections[0].Items[0].Fields[0].Name = "org__name" },
		"field and a parent": func(s *forms.Spec) { s.Sections[0].Items[0].Fields[0].Name = "p1.routes" },
		"too many lines":     func(s *forms.Spec) { s.Sections[0].Items[1].Fields[0].Lines = 99 },
	} {
		s := sample(false)
		change(s)
		if err := s.Check(); err == nil {
			t.Errorf("%s: Check accepted it", name)
		}
		if _, err := s.PDF(date); err == nil {
			t.Errorf("%s: PDF made it", name)
		}
		if _, err := s.DOCX(date); err == nil {
			t.Errorf("%s: DOCX made it", name)
		}
	}
	if err := sample(true).Check(); err != nil {
		t.Fatal(err)
	}
}

func TestValidName(t *testing.T) {
	for name, ok := range map[string]bool{
		"entity_name": true, "p1.routes.intravenous": true, "e12.readiness.5": true,
		"": false, "p1..x": false, ".a": false, "a.": false, "A": false, "a-b": false, "_a": false, "a_": false, "a__b": false,
		strings.Repeat("a", 65): false,
	} {
		if forms.ValidName(name) != ok {
			t.Errorf("ValidName(%q) = %v", name, !ok)
		}
	}
}

func TestPDFIsValidAndReadsBack(t *testing.T) {
	for _, filled := range []bool{false, true} {
		pdf := mustPDF(t, sample(filled))
		formstest.QPDFCheck(t, pdf)
		if again := mustPDF(t, sample(filled)); !bytes.Equal(pdf, again) {
			t.Error("the same spec and date gave different PDFs")
		}
		v, err := forms.ReadPDF(pdf)
		if err != nil {
			t.Fatal(err)
		}
		sameValues(t, fmt.Sprintf("read back (filled %v)", filled), v, want(filled))

		path := pdftest.WriteTemp(t, "form.pdf", pdf)
		info, err := pdftest.Info(t, path)
		if err != nil || !strings.Contains(info, "atpreg-test version 1") || !strings.Contains(info, "AcroForm") {
			t.Errorf("pdfinfo: %v\n%s", err, info)
		}
		text, err := pdftest.Text(t, path)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []string{"Sample form 樣本表格", "機構名稱", "Tick all that apply", "Intravenous", "Others", "If No, how much more is needed?", "Page 1 of 2", "Return to forms@example.com"} {
			if !strings.Contains(text, s) {
				t.Errorf("pdftotext lacks %q", s)
			}
		}
		if filled && !strings.Contains(text, "還需要兩次") {
			t.Error("pdftotext lacks a pre-filled Chinese value")
		}
		if pages := pdftest.Pages(t, path); pages != 2 {
			t.Errorf("%d pages, want 2 (the second section starts a page)", pages)
		}
	}
}

// render returns page 2 of the PDF at 72 dpi as poppler draws it.
func render(t *testing.T, pdf []byte, page int) image.Image {
	t.Helper()
	tool, err := exec.LookPath("pdftoppm")
	if err != nil {
		t.Fatal("pdftoppm not found: install poppler-utils")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, "-png", "-r", "72", "-f", fmt.Sprint(page), "-l", fmt.Sprint(page), "-singlefile", in, filepath.Join(dir, "p")).CombinedOutput()
	if err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	f, err := os.Open(filepath.Join(dir, "p.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// darkPixels counts pixels darker than mid-grey.
func darkPixels(img image.Image) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if (r+g+bl)/3 < 0x8000 {
				n++
			}
		}
	}
	return n
}

// TestAppearanceStreamsShowValues holds the promise to viewers that ignore
// /NeedAppearances (macOS Preview, pdf.js, Chrome): with the flag taken
// away, poppler draws only the fields' own appearance streams, and the
// ticks and values must be there.
func TestAppearanceStreamsShowValues(t *testing.T) {
	noNeed := func(pdf []byte) []byte {
		out := bytes.Replace(pdf, []byte("/NeedAppearances true"), []byte("/NeedAppearances null"), 1) // same length: offsets hold
		if bytes.Equal(out, pdf) {
			t.Fatal("no /NeedAppearances true in the form")
		}
		return out
	}
	blank, filled := noNeed(mustPDF(t, sample(false))), noNeed(mustPDF(t, sample(true)))
	formstest.QPDFCheck(t, filled)
	// page 2 holds checkboxes and text fields; only the fields differ
	b, f := darkPixels(render(t, blank, 2)), darkPixels(render(t, filled, 2))
	if f < b+150 {
		t.Errorf("the filled form's page 2 has %d dark pixels, the blank one %d: the appearance streams show no ticks or values", f, b)
	}
	b, f = darkPixels(render(t, blank, 1)), darkPixels(render(t, filled, 1))
	if f < b+150 {
		t.Errorf("the filled form's page 1 has %d dark pixels, the blank one %d: the text appearance streams show nothing", f, b)
	}
}

// TestFilledWithPypdf fills the blank form with pypdf as a person's script
// would (Chinese and Cantonese text, line breaks, a box ticked and one
// unticked) and reads exactly that back.
func TestFilledWithPypdf(t *testing.T) {
	text := map[string]string{
		"org_name":       "港灣細胞有限公司 嘅咗啲喺",
		"org_address":    "Flat 3, 1 Fictional Road\n九龍",
		"p1.route_other": "鞘內注射",
		"p1.more":        "佢哋話仲要做兩次 (two runs)",
	}
	check := map[string]bool{"p1.routes.intradermal": true, "p1.done.yes": true}
	out, report := formstest.FillPDF(t, mustPDF(t, sample(false)), text, check)
	if !strings.HasPrefix(report, "api ") || strings.HasPrefix(report, "api 0 ") {
		t.Errorf("pypdf's update_page_form_field_values set no field: %s", report)
	}
	formstest.QPDFCheck(t, out)
	v, err := forms.ReadPDF(out)
	if err != nil {
		t.Fatal(err)
	}
	w := want(false)
	for k, s := range text {
		w.Text[k] = s
	}
	for k, on := range check {
		w.Checked[k] = on
	}
	sameValues(t, "filled by pypdf", v, w)

	// refill the pre-filled form: untick, change, clear
	out, _ = formstest.FillPDF(t, mustPDF(t, sample(true)), map[string]string{"org_name": "", "p1.more": "嘅"}, map[string]bool{"p1.routes.intravenous": false})
	v, err = forms.ReadPDF(out)
	if err != nil {
		t.Fatal(err)
	}
	w = want(true)
	w.Text["org_name"], w.Text["p1.more"], w.Checked["p1.routes.intravenous"] = "", "嘅", false
	sameValues(t, "pre-filled form changed by pypdf", v, w)

	// poppler draws the values typed in with the form's own field font
	txt, err := pdftest.Text(t, pdftest.WriteTemp(t, "filled.pdf", out))
	if err != nil || !strings.Contains(txt, "嘅") {
		t.Errorf("pdftotext of the pypdf-filled form lacks its Cantonese value: %v", err)
	}
}

// plainPDF returns a PDF without a form, as fpdf makes it.
func plainPDF(t *testing.T) []byte {
	p := fpdf.New("P", "mm", "A4", "")
	p.AddPage()
	p.SetFont("Helvetica", "", 12)
	p.Text(20, 20, "Not a form")
	var b bytes.Buffer
	if err := p.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func wantInvalid(t *testing.T, what string, err error, words ...string) {
	t.Helper()
	if !apperr.Is(err, apperr.Invalid) {
		t.Errorf("%s: error %v, want an Invalid error", what, err)
		return
	}
	for _, w := range words {
		if !strings.Contains(apperr.Message(err), w) {
			t.Errorf("%s: message %q lacks %q", what, apperr.Message(err), w)
		}
	}
}

func TestReadPDFRejects(t *testing.T) {
	_, err := forms.ReadPDF([]byte("PK\x03\x04 a zip"))
	wantInvalid(t, "not a PDF", err, "not a PDF")
	_, err = forms.ReadPDF(plainPDF(t))
	wantInvalid(t, "a PDF without a form", err, "not a form made by atpreg")
	// a printed (flattened) form keeps the document information, not the fields
	flat := bytes.Replace(mustPDF(t, sample(true)), []byte("/AcroForm "), []byte("/AcroFor_ "), 1)
	_, err = forms.ReadPDF(flat)
	wantInvalid(t, "a flattened form", err, "no form fields any more", "printed")
	pdf := mustPDF(t, sample(true))
	_, err = forms.ReadPDF(pdf[:len(pdf)/3])
	wantInvalid(t, "a cut-off PDF", err, "damaged")
	_, err = forms.ReadPDF(append([]byte("%PDF-1.7\n"), make([]byte, forms.MaxPDFBytes)...))
	wantInvalid(t, "a huge PDF", err, "too large")

	// encrypted with a password to open it
	qpdf := formstest.Tool(t, "qpdf", "qpdf")
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in.pdf"), filepath.Join(dir, "out.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	if msg, err := exec.Command(qpdf, "--encrypt", "open-sesame", "owner-pass", "256", "--", in, out).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --encrypt: %v\n%s", err, msg)
	}
	enc, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	_, err = forms.ReadPDF(enc)
	wantInvalid(t, "an encrypted PDF", err, "password")

	// a PDF that opens without a password (only its permissions restricted) reads
	if msg, err := exec.Command(qpdf, "--encrypt", "", "owner-pass", "256", "--", in, out).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --encrypt: %v\n%s", err, msg)
	}
	if enc, err = os.ReadFile(out); err != nil {
		t.Fatal(err)
	}
	v, err := forms.ReadPDF(enc)
	if err != nil {
		t.Fatalf("a PDF with an owner password only: %v", err)
	}
	sameValues(t, "owner password only", v, want(true))
}

func TestExpect(t *testing.T) {
	v, err := forms.ReadPDF(mustPDF(t, sample(false)))
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Expect("atpreg-test", "1", apperr.Fixed("the test form")); err != nil {
		t.Fatal(err)
	}
	wantInvalid(t, "another kind", v.Expect("atpreg-sheet", "1", apperr.Fixed("the evaluation sheet")), "not the evaluation sheet", "atpreg-test")
	s := sample(false)
	s.Version = "99"
	v, err = forms.ReadDOCX(mustDOCX(t, s))
	if err != nil {
		t.Fatal(err)
	}
	wantInvalid(t, "version 99", v.Expect("atpreg-test", "1", apperr.Fixed("the test form")), `version "99"`, `version "1"`)
}
