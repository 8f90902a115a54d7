package forms_test

import (
	"bytes"
	"fmt"
	"testing"

	"atpreg/internal/apperr"
	"atpreg/internal/forms"
)

// tinyPDF returns a small hand-made PDF form (no font, a few hundred
// bytes) with the given objects after the catalog (1) and page tree (2),
// page (3) and AcroForm (4): a seed for fuzzing that runs fast, unlike the
// real forms with their 2 MB font.
func tinyPDF(fields string, objs ...string) []byte {
	all := append([]string{
		"<</Type /Catalog /Pages 2 0 R /AcroForm 4 0 R>>",
		"<</Type /Pages /Kids [3 0 R] /Count 1>>",
		"<</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Annots [6 0 R 8 0 R 9 0 R]>>",
		"<</Fields [" + fields + "] /NeedAppearances true>>",
	}, objs...)
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	offs := make([]int, len(all))
	for i, o := range all {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(all)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d /Root 1 0 R /Info 10 0 R>>\nstartxref\n%d\n%%%%EOF\n", len(all)+1, x)
	return b.Bytes()
}

func tinyForm() []byte {
	return tinyPDF("5 0 R 9 0 R",
		"<</T (p1) /Kids [6 0 R 7 0 R]>>",
		"<</Type /Annot /Subtype /Widget /Parent 5 0 R /T (product_name) /FT /Tx /V <FEFF6E2F7063> /Rect [0 0 100 20] /P 3 0 R>>",
		"<</T (routes) /Parent 5 0 R /Kids [8 0 R]>>",
		"<</Type /Annot /Subtype /Widget /Parent 7 0 R /T (intravenous) /FT /Btn /V /Yes /AS /Yes /Rect [0 30 10 40] /P 3 0 R>>",
		"<</Type /Annot /Subtype /Widget /T (form_kind) /FT /Tx /Ff 1 /V (atpreg-test) /Rect [0 50 50 60] /P 3 0 R>>",
		"<</AtpregFormKind (atpreg-test) /AtpregFormVersion (1)>>",
	)
}

func TestTinyPDFSeedReads(t *testing.T) {
	v, err := forms.ReadPDF(tinyForm())
	if err != nil {
		t.Fatal(err)
	}
	if v.Kind != "atpreg-test" || v.Version != "" || v.Text["p1.product_name"] != "港灣" || !v.Checked["p1.routes.intravenous"] {
		t.Fatalf("read %+v", v)
	}
}

// checkRead holds what every reader promises for any input: no panic, and
// either values of a form with a kind or an Invalid error for a person.
func checkRead(t *testing.T, v forms.Values, err error) {
	if err != nil {
		if apperr.CodeOf(err) != apperr.Invalid || apperr.Message(err) == "" {
			t.Fatalf("error %v (code %s), want an Invalid error with a message", err, apperr.CodeOf(err))
		}
		return
	}
	if v.Kind == "" || v.Text == nil || v.Checked == nil {
		t.Fatalf("values without a kind or maps: %+v", v)
	}
}

func FuzzReadPDF(f *testing.F) {
	seed := tinyForm()
	f.Add(seed)
	f.Add(seed[:len(seed)/2])
	f.Add(bytes.Replace(seed, []byte("/V /Yes"), []byte("/V (Off)"), 1))
	f.Add([]byte("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj trailer<</Root 1 0 R>>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := forms.ReadPDF(data)
		checkRead(t, v, err)
	})
}

func FuzzReadDOCX(f *testing.F) {
	s := &forms.Spec{Kind: "atpreg-test", Version: "1", Title: "T", Sections: []forms.Section{{Title: "S", Items: []forms.Item{
		{Label: "A", Fields: []forms.Field{forms.Text("a", 2, "x\ny"), forms.Check("b.c", "C", true)}},
	}}}}
	docx, err := s.DOCX(date)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(docx)
	f.Add(docx[:len(docx)/2])
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := forms.ReadDOCX(data)
		checkRead(t, v, err)
	})
}
