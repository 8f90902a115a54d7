package forms

import (
	"os"
	"testing"
	"time"
)

func sampleSpec() *Spec {
	return &Spec{
		Kind: "atpreg-test", Version: "1", Lang: "en",
		Title: "Sample form 樣本表格", Subtitle: "Hong Kong Science and Technology Parks Corporation",
		Intro:  []string{"Please complete every item below. 請填寫以下各項。"},
		Footer: "Return to gmp.atp@hkstp.org",
		Sections: []Section{{
			Title: "Entity",
			Items: []Item{
				{Label: "Name of entity", Hint: "機構名稱", Fields: []Field{Text("entity_name", 1, "Harbour Cell 港灣細胞")}},
				{Label: "Address", Fields: []Field{Text("entity_address", 3, "1 Science Park West Ave\n沙田")}},
				{Label: "Route of Administration", Hint: "Tick all that apply", Fields: []Field{
					Check("p1.routes.intravenous", "Intravenous", true),
					Check("p1.routes.intradermal", "Intradermal", false),
					Check("p1.routes.other", "Others", true).WithText(Text("p1.route_other", 1, "Intrathecal")),
					Note("If No, how much further process development would be required?"),
					Text("p1.pd_further", 4, ""),
				}},
			},
		}},
	}
}

func TestSamplePDF(t *testing.T) {
	b, err := sampleSpec().PDF(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile("/tmp/forms/sample.pdf", b, 0o600)
}

func TestSampleRead(t *testing.T) {
	for _, f := range []string{"/tmp/forms/sample.pdf", "/tmp/forms/filled.pdf"} {
		b, _ := os.ReadFile(f)
		v, err := ReadPDF(b)
		t.Logf("%s: %+v %v", f, v, err)
	}
}

func TestSampleDOCX(t *testing.T) {
	b, err := sampleSpec().DOCX(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile("/tmp/forms/sample.docx", b, 0o600)
	v, err := ReadDOCX(b)
	t.Logf("%+v %v", v, err)
}

func TestSampleReadLO(t *testing.T) {
	b, err := os.ReadFile("/tmp/forms/lo/out/in.docx")
	if err != nil {
		t.Skip()
	}
	v, err := ReadDOCX(b)
	t.Logf("%+v %v", v, err)
}
