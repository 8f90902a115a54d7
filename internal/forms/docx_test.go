package forms_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"atpreg/internal/forms"
	"atpreg/internal/forms/formstest"
	"atpreg/internal/pdftest"
)

func TestDOCXIsWellFormedAndReadsBack(t *testing.T) {
	for _, filled := range []bool{false, true} {
		docx := mustDOCX(t, sample(filled))
		if again := mustDOCX(t, sample(filled)); !bytes.Equal(docx, again) {
			t.Error("the same spec and date gave different documents")
		}
		zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range zr.File {
			if !strings.HasSuffix(f.Name, ".xml") && !strings.HasSuffix(f.Name, ".rels") {
				continue
			}
			rc, _ := f.Open()
			dec := xml.NewDecoder(rc)
			for {
				if _, err := dec.Token(); err == io.EOF {
					break
				} else if err != nil {
					t.Fatalf("%s is not well-formed XML: %v", f.Name, err)
				}
			}
			rc.Close()
		}
		doc := string(formstest.DOCXPart(t, docx, "word/document.xml"))
		for _, s := range []string{`<w:tag w:val="p1.routes.intravenous"/>`, `<w:tag w:val="org_address"/>`, `<w14:checkbox>`, `w14:checkedState w14:val="2612"`,
			`<w:bookmarkStart w:id="1003" w:name="p1__routes__intravenous"/>`, `<w:tag w:val="form_kind"/><w:id w:val="`, `<w:lock w:val="sdtContentLocked"/>`} {
			if !strings.Contains(doc, s) {
				t.Errorf("document.xml lacks %s", s)
			}
		}
		custom := string(formstest.DOCXPart(t, docx, "docProps/custom.xml"))
		if !strings.Contains(custom, `name="atpreg_form_kind"><vt:lpwstr>atpreg-test</vt:lpwstr>`) || !strings.Contains(custom, `name="atpreg_form_version"><vt:lpwstr>1</vt:lpwstr>`) {
			t.Errorf("custom.xml lacks the kind and version: %s", custom)
		}
		v, err := forms.ReadDOCX(docx)
		if err != nil {
			t.Fatal(err)
		}
		sameValues(t, "read back", v, want(filled))
	}
}

// fillValues are typed into the blank form in the DOCX tests.
func fillValues() (map[string]string, map[string]bool) {
	return map[string]string{
			"org_name":       "港灣細胞有限公司 嘅咗啲喺",
			"org_address":    "Flat 3, 1 Fictional Road\n九龍",
			"p1.route_other": "鞘內注射 & <more>",
			"p1.more":        "佢哋話仲要做兩次",
		}, map[string]bool{
			"p1.routes.intradermal": true, "p1.routes.other": true, "p1.done.no": true,
		}
}

func filledWant(text map[string]string, check map[string]bool) forms.Values {
	w := want(false)
	for k, s := range text {
		w.Text[k] = s
	}
	for k, on := range check {
		w.Checked[k] = on
	}
	return w
}

func TestDOCXFilledAsWordDoes(t *testing.T) {
	text, check := fillValues()
	docx := formstest.FillDOCXAsWord(t, mustDOCX(t, sample(false)), text, check)
	v, err := forms.ReadDOCX(docx)
	if err != nil {
		t.Fatal(err)
	}
	sameValues(t, "filled as Word does", v, filledWant(text, check))
}

// TestDOCXInLibreOffice opens the forms in LibreOffice: it renders them
// (labels and values in the PDF it prints), saves them again unchanged, and
// fills the blank one; atpreg reads the same values back from each.
func TestDOCXInLibreOffice(t *testing.T) {
	blank, filled := mustDOCX(t, sample(false)), mustDOCX(t, sample(true))
	pdfs := formstest.SOffice(t, "pdf", map[string][]byte{"blank.docx": blank, "filled.docx": filled})
	for name, pdf := range pdfs {
		text, err := pdftest.Text(t, pdftest.WriteTemp(t, "lo.pdf", pdf))
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []string{"Sample form 樣本表格", "機構名稱", "Intravenous", "If No, how much more is needed?", "atpreg-test", "Page 1 of"} {
			if !strings.Contains(text, s) {
				t.Errorf("LibreOffice's PDF of %s lacks %q", name, s)
			}
		}
		if name == "filled.docx" && (!strings.Contains(text, "還需要兩次") || !strings.Contains(text, "☒")) {
			t.Errorf("LibreOffice's PDF of the filled form lacks its values or ticks:\n%s", text)
		}
		if name == "blank.docx" && !strings.Contains(text, "Type here") {
			t.Errorf("LibreOffice's PDF of the blank form lacks the placeholders")
		}
	}

	saved := formstest.SOffice(t, "docx:MS Word 2007 XML", map[string][]byte{"blank.docx": blank, "filled.docx": filled})
	for name, wantV := range map[string]forms.Values{"blank.docx": want(false), "filled.docx": want(true)} {
		v, err := forms.ReadDOCX(saved[name])
		if err != nil {
			t.Fatalf("%s saved by LibreOffice: %v", name, err)
		}
		sameValues(t, name+" saved by LibreOffice", v, wantV)
	}

	text, check := fillValues()
	v, err := forms.ReadDOCX(formstest.FillDOCXWithLibreOffice(t, blank, text, check))
	if err != nil {
		t.Fatal(err)
	}
	sameValues(t, "filled with LibreOffice", v, filledWant(text, check))
}

func zipOf(t *testing.T, files map[string][]byte) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for name, body := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(body)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestReadDOCXRejects(t *testing.T) {
	_, err := forms.ReadDOCX([]byte("%PDF-1.7 not a zip"))
	wantInvalid(t, "not a zip", err, "not a Word document")
	_, err = forms.ReadDOCX(zipOf(t, map[string][]byte{"xl/workbook.xml": []byte("<workbook/>")}))
	wantInvalid(t, "a zip that is no docx", err, "not a Word document")
	_, err = forms.ReadDOCX(append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 512)...))
	wantInvalid(t, "an encrypted (OLE) document", err, "password")

	// our form with its kind taken out of the body and the properties
	docx := mustDOCX(t, sample(true))
	doc := strings.NewReplacer(`<w:tag w:val="form_kind"/>`, "", `<w:tag w:val="form_version"/>`, "", `w:name="form_kind"`, `w:name="x1"`, `w:name="form_version"`, `w:name="x2"`).Replace(string(formstest.DOCXPart(t, docx, "word/document.xml")))
	docx = formstest.ReplacePart(t, docx, "word/document.xml", []byte(doc))
	docx = formstest.ReplacePart(t, docx, "docProps/custom.xml", []byte(`<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"/>`))
	_, err = forms.ReadDOCX(docx)
	wantInvalid(t, "no form_kind", err, "not a form made by atpreg")

	// the properties say what it is but the controls are gone
	docx = mustDOCX(t, sample(true))
	doc = regexp.MustCompile(`<w:tag w:val="[^"]*"/>|w:name="[a-z0-9_]+"`).ReplaceAllString(string(formstest.DOCXPart(t, docx, "word/document.xml")), "")
	_, err = forms.ReadDOCX(formstest.ReplacePart(t, docx, "word/document.xml", []byte(doc)))
	wantInvalid(t, "controls gone", err, "fields (content controls) are gone")

	// a zip bomb: 80 MB of spaces inside document.xml compress to about 80 kB
	bomb := append([]byte(`<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`), bytes.Repeat([]byte(" "), 80<<20)...)
	_, err = forms.ReadDOCX(zipOf(t, map[string][]byte{"word/document.xml": bomb}))
	wantInvalid(t, "a zip bomb", err, "unpacks to more than")

	many := map[string][]byte{"word/document.xml": []byte("<x/>")}
	for i := range 2100 {
		many["word/media/image"+strconv.Itoa(i)+".png"] = nil
	}
	_, err = forms.ReadDOCX(zipOf(t, many))
	wantInvalid(t, "too many parts", err, "more than 2000 parts")

	_, err = forms.ReadDOCX(make([]byte, forms.MaxDOCXBytes+1))
	wantInvalid(t, "a huge file", err, "too large")

	// a damaged document.xml
	_, err = forms.ReadDOCX(zipOf(t, map[string][]byte{"word/document.xml": []byte("<w:document><w:body><w:sdt>")}))
	wantInvalid(t, "damaged XML", err, "damaged")
}
