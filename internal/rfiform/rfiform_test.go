package rfiform_test

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"atpreg/internal/apperr"
	"atpreg/internal/forms"
	"atpreg/internal/forms/formstest"
	"atpreg/internal/pdftest"
	"atpreg/internal/register"
	"atpreg/internal/rfiform"
)

var date = time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)

// entity is a fictional entity answering every item of the form, in
// English, Chinese and Cantonese.
func entity() register.Entity {
	e := register.Entity{
		ID: 42, Name: "Harbour Cell Therapeutics 港灣細胞治療有限公司", Address: "Unit 5, 2/F, Fictional Centre\n1 Example Road, 沙田",
		ContactName: "陳大文 Tai Man Chan", ContactEmail: "taiman.chan@harbour-cell.example.com", ContactPhone: "+852 5555 0123",
		Status: register.Status("received"), Notes: "officer's own notes are not on the form",
		Submissions: []register.Submission{{
			ProductName: "HC-101 CAR-T", Composition: "Autologous T cells 自體T細胞\n1×10^8 cells per bag",
			PharmaceuticalForm: "Cell suspension for infusion", TherapeuticIndication: "B-cell lymphoma; 佢哋話係淋巴瘤",
			Routes: []register.Route{register.RouteIntravenous, register.RouteOther}, RouteOther: "Intrathecal 鞘內注射",
			ATPType: register.ATPGeneTherapy, GeneVector: register.VectorViral,
			IntendedUse:       register.UsePhase1,
			StartingMaterials: []register.StartingMaterial{register.MaterialPeripheralBlood, register.MaterialOther}, StartingMaterialsOther: "Leukapheresis 白血球分離",
			ProcessType: register.ProcessClosedSystem, PDCompleted: register.No, PDFurther: "About six months 大約六個月嘅工作",
			GMPBefore: register.Yes, HasAuthorizedPerson: register.No, NeedsTraining: register.Yes,
			TrainingRoles: []register.TrainingRole{register.RoleAuthorizedPerson, register.RoleHeadOfQC}, TrainingDetails: "PIC/S GMP Annex 2A 培訓",
			ExpectedStart: "2027-03", Notes: "not on the form",
		}, {
			ProductName: "HC-202 skin graft 皮膚移植", Composition: "Keratinocytes on a scaffold",
			PharmaceuticalForm: "Sheet", TherapeuticIndication: "Burns",
			Routes: []register.Route{register.RouteSubcutaneous}, ATPType: register.ATPTissueEngineered,
			IntendedUse: register.UseOther, IntendedUseOther: "Compassionate use 恩恤用藥",
			StartingMaterials: []register.StartingMaterial{register.MaterialAdiposeTissue},
			ProcessType:       register.ProcessOpenManual, PDCompleted: register.Yes,
			GMPBefore: register.No, HasAuthorizedPerson: register.Yes, NeedsTraining: register.No,
			ExpectedStart: "2027-09-15",
		}},
	}
	e.Normalize()
	return e
}

// onForm returns what the form carries of e: the items of the RFI's table.
func onForm(e register.Entity) register.Entity {
	out := register.Entity{Name: e.Name, Address: e.Address, ContactName: e.ContactName, ContactEmail: e.ContactEmail, ContactPhone: e.ContactPhone}
	for _, s := range e.Submissions {
		s.ID, s.EntityID, s.Notes = 0, 0, ""
		out.Submissions = append(out.Submissions, s)
	}
	out.Normalize()
	return out
}

func sameEntity(t *testing.T, what string, got, want register.Entity) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got %#v\nwant %#v", what, got, want)
	}
}

func noProblems(t *testing.T, what string, ps []rfiform.Problem) {
	t.Helper()
	for _, p := range ps {
		t.Errorf("%s: problem %s", what, p)
	}
}

// contractNames lists the field names of shared/CLI.md "Forms: the field
// names", built from the contract's words, not from the form.
func contractNames() (text, check []string) {
	text = []string{"entity_name", "entity_address", "contact_name", "contact_email", "contact_phone", "form_kind", "form_version"}
	choices := register.Choices()
	for n := 1; n <= 3; n++ {
		for _, f := range []string{"product_name", "composition", "pharmaceutical_form", "therapeutic_indication", "route_other",
			"intended_use_other", "starting_materials_other", "pd_further", "training_details", "expected_start"} {
			text = append(text, fmt.Sprintf("p%d.%s", n, f))
		}
		for _, col := range []string{"routes", "atp_type", "gene_vector", "intended_use", "starting_materials", "process_type", "training_roles"} {
			for _, c := range choices[col] {
				check = append(check, fmt.Sprintf("p%d.%s.%s", n, col, c.Code))
			}
		}
		for _, col := range []string{"pd_completed", "gmp_before", "has_authorized_person", "needs_training"} {
			check = append(check, fmt.Sprintf("p%d.%s.yes", n, col), fmt.Sprintf("p%d.%s.no", n, col))
		}
	}
	sort.Strings(text)
	sort.Strings(check)
	return text, check
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func TestFieldNamesAreTheContract(t *testing.T) {
	text, check := contractNames()
	for _, lang := range []string{"en", "zh-HK"} {
		pdf, err := rfiform.PDF(nil, lang, date)
		if err != nil {
			t.Fatal(err)
		}
		docx, err := rfiform.DOCX(nil, lang, date)
		if err != nil {
			t.Fatal(err)
		}
		pv, err := forms.ReadPDF(pdf)
		if err != nil {
			t.Fatal(err)
		}
		dv, err := forms.ReadDOCX(docx)
		if err != nil {
			t.Fatal(err)
		}
		for what, v := range map[string]forms.Values{"PDF": pv, "DOCX": dv} {
			if got := keys(v.Text); !reflect.DeepEqual(got, text) {
				t.Errorf("%s %s text fields:\n got %v\nwant %v", lang, what, got, text)
			}
			if got := keys(v.Checked); !reflect.DeepEqual(got, check) {
				t.Errorf("%s %s checkboxes:\n got %v\nwant %v", lang, what, got, check)
			}
			if v.Kind != "atpreg-rfi" || v.Version != "1" {
				t.Errorf("%s %s: kind %q version %q", lang, what, v.Kind, v.Version)
			}
		}
	}
}

// TestPrefilledRoundTrip: entity -> pre-filled form -> read -> Parse gives
// the entity's answers back, for both files and both languages.
func TestPrefilledRoundTrip(t *testing.T) {
	e := entity()
	for _, lang := range []string{"en", "zh-HK"} {
		pdf, err := rfiform.PDF(&e, lang, date)
		if err != nil {
			t.Fatal(err)
		}
		docx, err := rfiform.DOCX(&e, lang, date)
		if err != nil {
			t.Fatal(err)
		}
		for what, data := range map[string][]byte{"PDF": pdf, "DOCX": docx} {
			got, problems, err := rfiform.Read(data)
			if err != nil {
				t.Fatal(err)
			}
			noProblems(t, lang+" "+what, problems)
			sameEntity(t, lang+" "+what, got, onForm(e))
		}
	}
}

func TestPDFLooksRight(t *testing.T) {
	e := entity()
	for lang, words := range map[string][]string{
		"en": {"Pre-requisite Information", "Name of entity", "Qualitative & quantitative composition", "Route of Administration", "Intravenous",
			"non-viral vector", "As HK Department of Health Registered Pharmaceutical Product", "Adipose tissue", "Closed system",
			"If No, how much further process development would be required?", "Head of Quality Control", "Expected date of commencement",
			"Product 3", "gmp.atp@hkstp.org"},
		"zh-HK": {"先決資料", "機構名稱", "定性及定量成分", "給藥途徑", "靜脈注射 Intravenous", "香港衞生署註冊藥劑製品", "如否，尚需進行多少工藝開發？",
			"質量控制主管", "預計項目開始日期", "產品 3", "第 1 頁"},
	} {
		for _, prefilled := range []*register.Entity{nil, &e} {
			pdf, err := rfiform.PDF(prefilled, lang, date)
			if err != nil {
				t.Fatal(err)
			}
			formstest.QPDFCheck(t, pdf)
			path := pdftest.WriteTemp(t, "rfi.pdf", pdf)
			text, err := pdftest.Text(t, path)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range words {
				if !strings.Contains(text, w) {
					t.Errorf("%s form lacks %q", lang, w)
				}
			}
			if prefilled != nil && !strings.Contains(text, "大約六個月嘅工作") {
				t.Errorf("%s pre-filled form does not show a Cantonese answer", lang)
			}
			if n := pdftest.Pages(t, path); n < 5 || n > 8 {
				t.Errorf("%s form has %d pages", lang, n)
			}
		}
	}
}

// answers returns the form values that answer like e, for a filler.
func answers(e register.Entity) (map[string]string, map[string]bool) {
	text := map[string]string{"entity_name": e.Name, "entity_address": e.Address, "contact_name": e.ContactName, "contact_email": e.ContactEmail, "contact_phone": e.ContactPhone}
	check := map[string]bool{}
	for i, s := range e.Submissions {
		p := fmt.Sprintf("p%d.", i+1)
		for k, v := range map[string]string{"product_name": s.ProductName, "composition": s.Composition, "pharmaceutical_form": s.PharmaceuticalForm,
			"therapeutic_indication": s.TherapeuticIndication, "route_other": s.RouteOther, "intended_use_other": s.IntendedUseOther,
			"starting_materials_other": s.StartingMaterialsOther, "pd_further": s.PDFurther, "training_details": s.TrainingDetails, "expected_start": string(s.ExpectedStart)} {
			if v != "" {
				text[p+k] = v
			}
		}
		for _, r := range s.Routes {
			check[p+"routes."+string(r)] = true
		}
		for _, m := range s.StartingMaterials {
			check[p+"starting_materials."+string(m)] = true
		}
		for _, r := range s.TrainingRoles {
			check[p+"training_roles."+string(r)] = true
		}
		for col, v := range map[string]string{"atp_type": string(s.ATPType), "gene_vector": string(s.GeneVector), "intended_use": string(s.IntendedUse), "process_type": string(s.ProcessType),
			"pd_completed": string(s.PDCompleted), "gmp_before": string(s.GMPBefore), "has_authorized_person": string(s.HasAuthorizedPerson), "needs_training": string(s.NeedsTraining)} {
			if v != "" {
				check[p+col+"."+v] = true
			}
		}
	}
	return text, check
}

// TestBlankFormFilledByPeoplesTools fills the blank forms as an entity would
// (pypdf for the PDF; Word's way and LibreOffice for the DOCX) and takes the
// entity back in.
func TestBlankFormFilledByPeoplesTools(t *testing.T) {
	e := entity()
	text, check := answers(e)
	pdf, err := rfiform.PDF(nil, "zh-HK", date)
	if err != nil {
		t.Fatal(err)
	}
	filled, _ := formstest.FillPDF(t, pdf, text, check)
	formstest.QPDFCheck(t, filled)
	got, problems, err := rfiform.Read(filled)
	if err != nil {
		t.Fatal(err)
	}
	noProblems(t, "pypdf", problems)
	sameEntity(t, "filled with pypdf", got, onForm(e))

	docx, err := rfiform.DOCX(nil, "en", date)
	if err != nil {
		t.Fatal(err)
	}
	for what, data := range map[string][]byte{
		"as Word does":     formstest.FillDOCXAsWord(t, docx, text, check),
		"with LibreOffice": formstest.FillDOCXWithLibreOffice(t, docx, text, check),
	} {
		got, problems, err := rfiform.Read(data)
		if err != nil {
			t.Fatal(err)
		}
		noProblems(t, what, problems)
		sameEntity(t, "filled "+what, got, onForm(e))
	}
}

func blankValues(t *testing.T) forms.Values {
	t.Helper()
	docx, err := rfiform.DOCX(nil, "en", date)
	if err != nil {
		t.Fatal(err)
	}
	v, err := forms.ReadDOCX(docx)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func findProblem(t *testing.T, ps []rfiform.Problem, field string, words ...string) {
	t.Helper()
	for _, p := range ps {
		if p.Field != field {
			continue
		}
		for _, w := range words {
			if !strings.Contains(p.Message+" "+p.Value, w) {
				t.Errorf("problem on %s %q lacks %q", field, p, w)
			}
		}
		if p.Label == "" || p.Label == field {
			t.Errorf("problem on %s has no RFI wording: %+v", field, p)
		}
		return
	}
	t.Errorf("no problem on %s among %v", field, ps)
}

func TestParseReportsProblems(t *testing.T) {
	v := blankValues(t)
	v.Text["entity_name"] = "Fictional Bio Ltd"
	v.Text["contact_email"] = "someone at example dot com"
	v.Text["p1.product_name"] = "FB-1"
	v.Checked["p1.atp_type.cell_therapy"] = true
	v.Checked["p1.atp_type.gene_therapy"] = true
	v.Checked["p1.pd_completed.yes"] = true
	v.Checked["p1.pd_completed.no"] = true
	v.Checked["p1.intended_use.phase_1"] = true
	v.Checked["p1.intended_use.phase_3"] = true
	v.Text["p1.expected_start"] = "next spring"
	v.Checked["p1.routes.other"] = true // without saying what
	v.Text["p3.composition"] = "cells without a product name"
	_, ps := rfiform.Parse(v)
	findProblem(t, ps, "p1.atp_type", "2 boxes are ticked", "Cell therapy product; Gene therapy product", "tick only one")
	findProblem(t, ps, "p1.pd_completed", "Both Yes and No are ticked")
	findProblem(t, ps, "p1.intended_use", "2 boxes", "First-in-human Phase I trial")
	findProblem(t, ps, "p1.expected_start", "next spring", "YYYY-MM")
	findProblem(t, ps, "contact_email", "not an email address")
	findProblem(t, ps, "p1.route_other", "Others")
	findProblem(t, ps, "p3.product_name", "name of the product is required")
	if len(ps) != 7 {
		t.Errorf("%d problems, want 7: %v", len(ps), ps)
	}
}

func TestParseSkipsEmptyProducts(t *testing.T) {
	v := blankValues(t)
	v.Text["entity_name"] = "Fictional Bio Ltd"
	v.Text["p2.product_name"] = "Only product"
	v.Checked["p2.gmp_before.no"] = true
	e, ps := rfiform.Parse(v)
	noProblems(t, "one product", ps)
	if len(e.Submissions) != 1 || e.Submissions[0].ProductName != "Only product" || e.Submissions[0].GMPBefore != register.No {
		t.Fatalf("submissions %+v", e.Submissions)
	}
	// a problem in that product names the form's p2, not the first submission
	v.Text["p2.expected_start"] = "2027-13"
	_, ps = rfiform.Parse(v)
	findProblem(t, ps, "p2.expected_start", "2027-13")
	v.Text["p2.expected_start"] = ""
	v.Text["p2.training_details"] = "training asked for without Yes"
	v.Checked["p2.needs_training.no"] = true
	_, ps = rfiform.Parse(v)
	findProblem(t, ps, "p2.training_details", "answered No")
}

func TestOtherFormsAndFiles(t *testing.T) {
	for field, change := range map[string]func(*forms.Spec){
		"form_version": func(s *forms.Spec) { s.Version = "99" },
		"form_kind":    func(s *forms.Spec) { s.Kind = "atpreg-sheet" },
	} {
		s, err := rfiform.Spec(nil, "en")
		if err != nil {
			t.Fatal(err)
		}
		change(s)
		pdf, err := s.PDF(date)
		if err != nil {
			t.Fatal(err)
		}
		_, ps, err := rfiform.Read(pdf)
		if err != nil {
			t.Fatal(err)
		}
		if len(ps) != 1 || ps[0].Field != field {
			t.Fatalf("%s: problems %v", field, ps)
		}
		if field == "form_version" && !strings.Contains(ps[0].Message, `version "99"`) {
			t.Errorf("version problem: %s", ps[0].Message)
		}
		if field == "form_kind" && !strings.Contains(ps[0].Message, "not the RFI form") {
			t.Errorf("kind problem: %s", ps[0].Message)
		}
	}
	_, _, err := rfiform.Read([]byte("Name,Email\nX,y@example.com\n"))
	if !apperr.Is(err, apperr.Invalid) || !strings.Contains(apperr.Message(err), "neither a PDF nor a Word document") {
		t.Errorf("a CSV: %v", err)
	}
	if _, err := rfiform.Spec(nil, "fr"); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("language fr: %v", err)
	}
}

func TestPrefillPicksIncompleteProductsFirst(t *testing.T) {
	e := entity()
	complete := e.Submissions[1]
	complete.ProductName = "Complete"
	var subs []register.Submission
	for i := range 3 {
		c := complete
		c.ProductName = fmt.Sprintf("Complete %d", i+1)
		subs = append(subs, c)
	}
	incomplete := register.Submission{ProductName: "Incomplete"}
	e.Submissions = append(subs, incomplete)
	s, err := rfiform.Spec(&e, "en")
	if err != nil {
		t.Fatal(err)
	}
	docx, err := s.DOCX(date)
	if err != nil {
		t.Fatal(err)
	}
	v, err := forms.ReadDOCX(docx)
	if err != nil {
		t.Fatal(err)
	}
	if v.Text["p1.product_name"] != "Incomplete" || v.Text["p2.product_name"] != "Complete 1" || v.Text["p3.product_name"] != "Complete 2" {
		t.Errorf("products on the form: %q %q %q", v.Text["p1.product_name"], v.Text["p2.product_name"], v.Text["p3.product_name"])
	}
}
