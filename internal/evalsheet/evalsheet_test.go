package evalsheet_test

import (
	"strings"
	"testing"
	"time"

	"atpreg/internal/evalsheet"
	"atpreg/internal/forms"
	"atpreg/internal/forms/formstest"
	"atpreg/internal/pdftest"
	"atpreg/internal/register"
)

var date = time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)

func entities() []register.Entity {
	es := register.DemoEntities(1)[:2]
	for i := range es {
		es[i].ID = int64(i + 7)
	}
	return es
}

// TestFieldNamesAreTheContract: the sheet's fields are exactly CLI.md's.
func TestFieldNamesAreTheContract(t *testing.T) {
	s, err := evalsheet.Spec("Dr Fictional Reviewer", entities(), "en")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{forms.KindField: true, forms.VersionField: true, "evaluator": true}
	for _, p := range []string{"e1.", "e2."} {
		want[p+"entity_id"] = true
		for _, a := range []string{"readiness", "technical", "credibility", "pipeline", "investment", "jobs", "intangibles"} {
			for _, n := range []string{"1", "2", "3", "4", "5", "note"} {
				want[p+a+"."+n] = true
			}
		}
		for _, r := range []string{"invite", "decline", "hold", "more_info"} {
			want[p+"recommendation."+r] = true
		}
		want[p+"reason"] = true
	}
	for _, lang := range []string{"en", "zh-HK"} {
		pdf, err := evalsheet.PDF("Dr Fictional Reviewer", entities(), lang, date)
		if err != nil {
			t.Fatal(err)
		}
		v, err := forms.ReadPDF(pdf)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]bool{}
		for n := range v.Text {
			got[n] = true
		}
		for n := range v.Checked {
			got[n] = true
		}
		for n := range want {
			if !got[n] {
				t.Errorf("%s: field %s missing", lang, n)
			}
		}
		for n := range got {
			if !want[n] {
				t.Errorf("%s: field %s not in the contract", lang, n)
			}
		}
	}
}

// TestFilledByPypdfReadsBack: a sheet filled and saved by pypdf reads back
// as the evaluations ticked; a second entity left blank is skipped; the
// text of the sheet holds the anchors and the evaluator's name.
func TestFilledByPypdfReadsBack(t *testing.T) {
	es := entities()
	pdf, err := evalsheet.PDF("Dr Fictional Reviewer", es, "en", date)
	if err != nil {
		t.Fatal(err)
	}
	formstest.QPDFCheck(t, pdf)
	txt, err := pdftest.Text(t, pdftest.WriteTemp(t, "sheet.pdf", pdf))
	if err != nil {
		t.Fatal(err)
	}
	flat := pdftest.Flat(txt)
	for _, want := range []string{"Dr Fictional Reviewer", es[0].Name, register.AspectReadiness.Anchor(5), "Invite to dialogue", register.AspectJobs.Label()} {
		if !strings.Contains(flat, want) {
			t.Errorf("the sheet's text lacks %q", want)
		}
	}
	check := map[string]bool{"e1.recommendation.hold": true, "e1.technical.5": true}
	for _, a := range register.Aspects() {
		if a != register.AspectTechnical && a != register.AspectJobs {
			check["e1."+string(a)+".3"] = true
		}
	}
	filled, _ := formstest.FillPDF(t, pdf, map[string]string{"e1.reason": "Strong team, 數據 unclear.\nWait for data.", "e1.technical.note": "GMP runs before."}, check)
	s, ps, err := evalsheet.Read(filled)
	if err != nil || len(ps) > 0 {
		t.Fatalf("read: %v %v", err, ps)
	}
	if s.Evaluator != "Dr Fictional Reviewer" || len(s.Evaluations) != 1 || len(s.Skipped) != 1 || s.Skipped[0] != es[1].ID {
		t.Fatalf("sheet %+v", s)
	}
	ev := s.Evaluations[0]
	if ev.EntityID != es[0].ID || ev.Recommendation != register.RecommendHold || ev.Reason != "Strong team, 數據 unclear.\nWait for data." ||
		ev.Scores[register.AspectTechnical] != (register.Score{Value: 5, Note: "GMP runs before."}) || ev.Scores[register.AspectReadiness].Value != 3 {
		t.Fatalf("evaluation %+v", ev)
	}
	if u := ev.Unscored(); len(u) != 1 || u[0] != register.AspectJobs {
		t.Fatalf("unscored %v, want jobs", u)
	}
	if err := ev.ValidateSheet(); err == nil {
		t.Fatal("no date: ValidateSheet should refuse")
	}
	ev.Date = "2026-03-10"
	if err := ev.ValidateSheet(); err != nil {
		t.Fatalf("valid with one aspect unscored: %v", err)
	}

	// Two scores ticked, two recommendations: each in words.
	check["e1.readiness.4"] = true
	check["e1.recommendation.invite"] = true
	filled, _ = formstest.FillPDF(t, pdf, map[string]string{"e1.reason": "x"}, check)
	_, ps, err = evalsheet.Read(filled)
	if err != nil || len(ps) != 2 {
		t.Fatalf("problems %v (%v), want two", ps, err)
	}
	if !strings.Contains(ps[0].Message, "2 scores are ticked (3 and 4)") || !strings.Contains(ps[1].Message, "2 recommendations") {
		t.Fatalf("problems %v", ps)
	}
}

// TestChineseAndWord: the Chinese sheet says the aspects in Chinese with the
// English beside them; the Word sheet reads back.
func TestChineseAndWord(t *testing.T) {
	pdf, err := evalsheet.PDF("陳大文", entities(), "zh-HK", date)
	if err != nil {
		t.Fatal(err)
	}
	txt, err := pdftest.Text(t, pdftest.WriteTemp(t, "zh.pdf", pdf))
	if err != nil {
		t.Fatal(err)
	}
	// The anchors in Chinese with the English beside them, for every
	// aspect.
	for _, want := range []string{"評審表", "技術能力及水平", "邀請對話", "陳大文", "早期研究；沒有臨床前資料", "Early research; no preclinical package",
		"團隊曾運行GMP先進療法產品工藝及放行檢測", "只有種子資金", "大量技術職位", "效益重大", "產品線廣泛", "在審批、臨床成果"} {
		if !strings.Contains(pdftest.Squeeze(txt), pdftest.Squeeze(want)) {
			t.Errorf("the Chinese sheet lacks %q", want)
		}
	}
	docx, err := evalsheet.DOCX("陳大文", entities(), "zh-HK", date)
	if err != nil {
		t.Fatal(err)
	}
	filled := formstest.FillDOCXAsWord(t, docx, map[string]string{"e2.reason": "資料不足"}, map[string]bool{"e2.recommendation.more_info": true, "e2.jobs.2": true})
	s, ps, err := evalsheet.Read(filled)
	if err != nil || len(ps) > 0 || len(s.Evaluations) != 1 || s.Evaluations[0].Recommendation != register.RecommendMoreInfo || s.Evaluator != "陳大文" {
		t.Fatalf("word sheet: %+v %v %v", s, ps, err)
	}
	if _, _, err := evalsheet.Read([]byte("plain text")); err == nil {
		t.Fatal("plain text read as a sheet")
	}
}

// TestSummaryInTheSheetsLanguage: an entity's summary on the sheet gives the
// RFI's wording and the expected start in the house style of the sheet's
// language.
func TestSummaryInTheSheetsLanguage(t *testing.T) {
	es := entities()
	es[0].Submissions[0].ExpectedStart = "2027-03"
	start := es[0].Submissions[0].ExpectedStart
	for lang, want := range map[string][]string{
		"en":    {"Expected date of commencement of project: " + start.LabelIn("en"), "Type of ATP product: "},
		"zh-HK": {"預計項目開始日期：" + start.LabelIn("zh-HK"), "先進療法產品類別："},
	} {
		s, err := evalsheet.Spec("Dr Fictional Reviewer", es, lang)
		if err != nil {
			t.Fatal(err)
		}
		note := s.Sections[1].Note
		for _, w := range want {
			if !strings.Contains(note, w) {
				t.Errorf("%s: the summary lacks %q:\n%s", lang, w, note)
			}
		}
		if strings.Contains(note, string(start)+".") || strings.Contains(note, string(start)+"。") {
			t.Errorf("%s: the expected start is written as %s", lang, start)
		}
	}
}
