package briefing_test

import (
	"bytes"
	"flag"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"atpreg/internal/apperr"
	"atpreg/internal/briefing"
	"atpreg/internal/pdftest"
	"atpreg/internal/register"
)

var update = flag.Bool("update", false, "rewrite testdata/golden files")

var clock = time.Date(2026, 3, 10, 9, 30, 0, 0, time.FixedZone("HKT", 8*3600))

const longTail = "END-OF-COMPOSITION-MARKER"

// fixtureEntities returns three fictional entities: one English with two
// products, one with a Traditional Chinese name and address, and one
// incomplete with an emoji in a field.
func fixtureEntities() []briefing.EntityInput {
	sub := func(name string) register.Submission {
		return register.Submission{
			ProductName:           name,
			Composition:           strings.Repeat("Autologous CD3+ T cells transduced with a lentiviral vector encoding an anti-CD19 CAR; cryopreserved in 5% DMSO. ", 6) + longTail,
			PharmaceuticalForm:    "Suspension for infusion",
			TherapeuticIndication: "Relapsed or refractory large B-cell lymphoma",
			Routes:                []register.Route{register.RouteIntravenous, register.RouteOther},
			RouteOther:            "Intrathecal (planned)",
			ATPType:               register.ATPGeneTherapy,
			GeneVector:            register.VectorViral,
			IntendedUse:           register.UsePhase1,
			StartingMaterials:     []register.StartingMaterial{register.MaterialPeripheralBlood},
			ProcessType:           register.ProcessClosedSystem,
			PDCompleted:           register.No,
			PDFurther:             "Scale-up of transduction to 10 patients per month.",
			GMPBefore:             register.Yes,
			HasAuthorizedPerson:   register.No,
			NeedsTraining:         register.Yes,
			TrainingRoles:         []register.TrainingRole{register.RoleAuthorizedPerson},
			TrainingDetails:       "Batch release of gene-modified cells",
			ExpectedStart:         "2026-09",
		}
	}
	a := register.Entity{
		ID: 7, Name: "Harbourline Cell Therapeutics Ltd", Address: "Unit 301, 3/F, Building 9W, Science Park West Avenue",
		ContactName: "Dr Ada Fung", ContactEmail: "ada.fung@harbourline-cell.example.com", ContactPhone: "+852 3111 2222",
		Status: register.StatusInvited, ReceivedOn: "2025-10-02",
		Submissions: []register.Submission{sub("HLC-101 anti-CD19 CAR-T"), sub("HLC-205 MSC")},
	}
	a.Submissions[0].Notes = "Harbourline Cell Therapeutics said the vector comes from overseas."
	b := register.Entity{
		ID: 12, Name: "翠峰細胞醫學有限公司", Address: "新界沙田香港科學園科技大道東8號生物科技中心2座5樓501室",
		ContactName: "陳家豪博士", ContactEmail: "kaho.chan@tsuifung-cell.example.com", ContactPhone: "+852 3222 3333",
		Status: register.StatusInvited, ReceivedOn: "2025-11-20",
		Submissions: []register.Submission{sub("TFC-110 抗CD19 CAR-T細胞")},
	}
	c := register.Entity{
		ID: 31, Name: "Kowloon Bay Biologics Ltd", Address: "Room 12, 8/F, Innovation Tower, Hung To Road",
		ContactName: "Ms Winnie Chan", ContactEmail: "winnie.chan@kbbiologics.example.net",
		Status: register.StatusScreening, ReceivedOn: "2026-01-05",
		Submissions: []register.Submission{{ProductName: "KBB-101 keratinocyte sheet", Composition: "Cultured keratinocytes 🧬 on a fibrin matrix", ATPType: register.ATPTissueEngineered}},
	}
	eval := func(entity int64, who string, base int, note string) register.Evaluation {
		ev := register.Evaluation{EntityID: entity, Evaluator: who, Date: "2026-02-01", Scores: map[register.Aspect]register.Score{},
			Recommendation: register.RecommendInvite, Reason: "Ready for dialogue; Harbourline Cell Therapeutics has a GMP partner."}
		for i, asp := range register.Aspects() {
			ev.Scores[asp] = register.Score{Value: 1 + (base+i)%5, Note: note}
		}
		return ev
	}
	return []briefing.EntityInput{
		{Entity: a, Evaluations: []register.Evaluation{eval(7, "Dr Evelyn Tam", 2, "Strong process data from Dr Ada Fung's team."), eval(7, "Marcus Yip", 4, "")}},
		{Entity: b, Evaluations: []register.Evaluation{eval(12, "Dr Evelyn Tam", 1, "團隊經驗豐富")}},
		{Entity: c},
	}
}

func fixtureInput() briefing.PackInput {
	m := &register.Meeting{
		ID: 3, Title: "Dialogue meeting 2: newly invited entities", StartsAt: time.Date(2026, 3, 12, 14, 30, 0, 0, clock.Location()),
		Place: "Conference Room 3, Building 17W", Attendees: []string{"Joyce Lam (contact officer)", "Dr Evelyn Tam"},
		Agenda: "1. Introductions\n2. Harbourline Cell Therapeutics: capacity need\n3. Lion Rock Gene Medicine follow-up\n4. Indicative timelines",
	}
	return briefing.PackInput{
		Meeting: m, Partners: []string{"Harbour University Centre for Cell Therapy", "Tide Cove University Institute for Regenerative Medicine"},
		Recipient: "Prof. Martin Ho (Harbour University)", CopyNo: 2, DocumentID: "BP-20260310-0001",
		Date: clock, PreparedBy: "Joyce Lam", Entities: fixtureEntities(),
		Withheld: []string{"Lion Rock Gene Medicine Ltd"},
		// The first phrasing everywhere (copies differ: see variants_test.go).
		Variants: make(briefing.Variants, 64),
	}
}

func render(t testing.TB, in briefing.PackInput, opt briefing.PackOptions) briefing.Pack {
	t.Helper()
	p, err := briefing.Render(in, opt)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestRenderRejects(t *testing.T) {
	ok := fixtureInput()
	tests := []struct {
		name   string
		modify func(*briefing.PackInput)
	}{
		{"ErrNoRecipient", func(in *briefing.PackInput) { in.Recipient = " " }},
		{"ErrNoDocumentID", func(in *briefing.PackInput) { in.DocumentID = "" }},
		{"ErrCopyZero", func(in *briefing.PackInput) { in.CopyNo = 0 }},
		{"ErrNoEntities", func(in *briefing.PackInput) { in.Entities = nil }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := ok
			tc.modify(&in)
			if _, err := briefing.Render(in, briefing.PackOptions{}); !apperr.Is(err, apperr.Invalid) {
				t.Fatalf("err = %v, want invalid", err)
			}
		})
	}
}

func TestRenderReproducible(t *testing.T) {
	a := render(t, fixtureInput(), briefing.PackOptions{})
	b := render(t, fixtureInput(), briefing.PackOptions{})
	if !bytes.Equal(a.PDF, b.PDF) {
		t.Fatal("the same pack rendered twice differs")
	}
	in := fixtureInput()
	in.CopyNo = 3
	c := render(t, in, briefing.PackOptions{})
	if bytes.Equal(a.PDF, c.PDF) {
		t.Fatal("copies 2 and 3 are identical")
	}
	if !slices.Equal(a.EntityIDs, []int64{7, 12, 31}) {
		t.Errorf("EntityIDs = %v", a.EntityIDs)
	}
}

// TestNoEvaluationByDefault: a pack without IncludeEvaluation has no
// evaluation at all: no evaluator, note, reason, score, mean or
// recommendation.
func TestNoEvaluationByDefault(t *testing.T) {
	p := render(t, fixtureInput(), briefing.PackOptions{})
	text, err := pdftest.Text(t, pdftest.WriteTemp(t, "pack.pdf", p.PDF))
	if err != nil {
		t.Fatal(err)
	}
	flat := pdftest.Flat(text)
	if !strings.Contains(flat, "Harbourline Cell Therapeutics Ltd") || !strings.Contains(flat, "Summary of entities") {
		t.Fatalf("the pack lacks its entities:\n%s", flat)
	}
	for _, leak := range []string{"Evelyn Tam", "Marcus Yip", "團隊經驗豐富", "Strong process data", "Ready for dialogue; Harbourline",
		"Weighted score", "Mean score", "Evaluation", "Recommendation", "Invite to dialogue", "Not evaluated", "out of 5"} {
		if strings.Contains(flat, leak) {
			t.Errorf("the default pack shows %q", leak)
		}
	}
}

func TestGolden(t *testing.T) {
	tests := []struct {
		name string
		in   func() briefing.PackInput
		opt  briefing.PackOptions
	}{
		{"meeting", fixtureInput, briefing.PackOptions{IncludeEvaluation: true}},
		{"meeting-zh", fixtureInput, briefing.PackOptions{IncludeEvaluation: true, Lang: register.LangChinese}},
		{"anonymised", fixtureInput, briefing.PackOptions{Anonymise: true}},
		{"entities", func() briefing.PackInput {
			in := fixtureInput()
			in.Meeting, in.Partners, in.Purpose = nil, nil, "Screening of new entities"
			in.Entities = in.Entities[1:2]
			return in
		}, briefing.PackOptions{IncludeNotes: true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := render(t, tc.in(), tc.opt).PDF
			pdftest.Golden(t, filepath.Join("testdata", "golden", tc.name+".pdf"), got, *update)
		})
	}
}

func TestContent(t *testing.T) {
	in := fixtureInput()
	// Minutes and outcome are the dialogue's record, written during and after
	// the meeting: the pack prepares it and never carries them.
	in.Meeting.Minutes = "MINUTES-MARKER: partners discussed Harbourline's capacity."
	in.Meeting.Outcome = "OUTCOME-MARKER"
	p := render(t, in, briefing.PackOptions{IncludeEvaluation: true})
	path := pdftest.WriteTemp(t, "pack.pdf", p.PDF)
	text, err := pdftest.Text(t, path)
	if err != nil {
		t.Fatal(err)
	}
	info, err := pdftest.Info(t, path)
	if err != nil {
		t.Fatalf("pdfinfo: %v\n%s", err, info)
	}
	if n := pdftest.Pages(t, path); n != p.Pages {
		t.Fatalf("Pack.Pages = %d but pdfinfo says %d", p.Pages, n)
	}
	if !strings.Contains(info, "(A4)") {
		t.Errorf("the pages are not A4:\n%s", info)
	}
	flat := pdftest.Flat(text)
	for _, want := range []string{
		"Briefing pack", "Prof. Martin Ho (Harbour University)", "BP-20260310-0001",
		"Harbourline Cell Therapeutics Ltd", "翠峰細胞醫學有限公司", "新界沙田香港科學園科技大道東8號生物科技中心2座5樓501室",
		"陳家豪博士", "ada.fung@harbourline-cell.example.com", "TFC-110 抗CD19 CAR-T細胞",
		"Type of ATP product", "Gene therapy product (viral vector)", "First-in-human Phase I trial",
		"Others: Intrathecal (planned)", "Expected date of commencement of project", "Sep 2026",
		longTail, "Incomplete", "Evaluation panel's result", "Recommendations Invite to dialogue (2)", "Evaluations 2", "Mean score per aspect", "Clinical readiness",
		"Readiness of product for clinical translation", "Summary of entities", "Weighted score",
		"Agenda", "Discussion notes", "Tide Cove University Institute for Regenerative Medicine",
		"3. [withheld] follow-up", "Notes",
		"Copy 2", "Document id BP-20260310-0001", "Date 10 Mar 2026",
		"Meeting Thursday, 12 Mar 2026, 14:30", "Prepared by Joyce Lam, HKSTP", "Return or destroy it after use.",
		"Entity Product ATP type Intended use Status Completeness Weighted score", "Incomplete (12 missing)", "Not evaluated",
		"Incomplete: 12 item(s)", "Missing item",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("pdftotext output lacks %q", want)
		}
	}
	if strings.Contains(text, "Lion Rock") {
		t.Error("a withheld entity is named in the pack")
	}
	if strings.Contains(text, "MINUTES-MARKER") || strings.Contains(text, "OUTCOME-MARKER") {
		t.Error("the meeting's minutes or outcome are in the pack")
	}
	// What is missing is listed item by item in the incomplete entity's section.
	kbb := in.Entities[2].Entity
	start := strings.Index(flat, "Missing item")
	end := strings.Index(flat, "Product 1: "+kbb.Submissions[0].ProductName)
	if start < 0 || end < start {
		t.Fatalf("no list of missing items before %q's product", kbb.Name)
	}
	for _, m := range kbb.Missing() {
		if !strings.Contains(flat[start:end], m.Label) {
			t.Errorf("the missing item %q is not listed", m.Label)
		}
	}
	for _, leak := range []string{"Evelyn Tam", "Marcus Yip", "團隊經驗豐富", "Strong process data", "Ready for dialogue; Harbourline"} {
		if strings.Contains(text, leak) {
			t.Errorf("the pack with the panel's result quotes the internal evaluation: %q", leak)
		}
	}
	if strings.Contains(text, "vector comes from overseas") {
		t.Error("officer's notes printed without IncludeNotes")
	}
	// Every page: the header, the footer with document id, recipient, copy and
	// page number, and the watermark (rotated text comes one character a line).
	for page := 1; page <= p.Pages; page++ {
		n := strconv.Itoa(page)
		raw, err := pdftest.Text(t, path, "-raw", "-f", n, "-l", n)
		if err != nil {
			t.Fatal(err)
		}
		flat := pdftest.Flat(raw)
		for _, want := range []string{"CONFIDENTIAL", "BP-20260310-0001", "For Prof. Martin Ho (Harbour University) · Copy 2",
			fmt.Sprintf("Page %d of %d", page, p.Pages)} {
			if !strings.Contains(flat, want) {
				t.Errorf("page %d lacks %q", page, want)
			}
		}
		if !strings.Contains(pdftest.Squeeze(raw), "CONFIDENTIAL·Prof.MartinHo(HarbourUniversity)·Copy2") {
			t.Errorf("page %d lacks the watermark", page)
		}
	}
	if !bytes.Contains(p.PDF, []byte("/Outlines")) {
		t.Error("no outline (bookmarks)")
	}
}

func TestReplacedCharactersReported(t *testing.T) {
	in := fixtureInput()
	in.Entities[1].Entity.Submissions[0].TherapeuticIndication = "Lymphoma 𠀀 (rare character)"
	p := render(t, in, briefing.PackOptions{})
	want := map[string][]rune{
		"翠峰細胞醫學有限公司 / product 1 / Therapeutic indication":                                {0x20000},
		"Kowloon Bay Biologics Ltd / product 1 / Qualitative & quantitative composition": {'🧬'},
	}
	if len(p.Replaced) != len(want) {
		t.Fatalf("Replaced = %+v, want %d places", p.Replaced, len(want))
	}
	for _, r := range p.Replaced {
		if w, ok := want[r.Where]; !ok || !slices.Equal(r.Runes, w) {
			t.Errorf("unexpected replacement %q %q", r.Where, string(r.Runes))
		}
	}
	text, err := pdftest.Text(t, pdftest.WriteTemp(t, "r.pdf", p.PDF))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(text, "🧬") || !strings.Contains(text, "keratinocytes □ on") {
		t.Error("the emoji was not visibly replaced")
	}
}

// identities are every identifying string of the fixture entities.
func identities() []string {
	var out []string
	for _, ei := range fixtureEntities() {
		e := ei.Entity
		out = append(out, e.Name, e.Address, e.ContactName, e.ContactEmail, "Harbourline", "翠峰", "Kowloon Bay")
		if e.ContactPhone != "" {
			out = append(out, e.ContactPhone)
		}
		for _, s := range e.Submissions {
			out = append(out, s.ProductName)
		}
	}
	return append(out, "Lion Rock")
}

func utf16be(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return b
}

func TestAnonymised(t *testing.T) {
	in := fixtureInput()
	in.Entities[0].Entity.Notes = "Call Dr Ada Fung about the vector."
	p := render(t, in, briefing.PackOptions{Anonymise: true, IncludeNotes: true})
	path := pdftest.WriteTemp(t, "anon.pdf", p.PDF)
	text, err := pdftest.Text(t, path)
	if err != nil {
		t.Fatal(err)
	}
	info, err := pdftest.Info(t, path)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := pdftest.Text(t, path, "-raw")
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range identities() {
		for where, s := range map[string]string{"text": text, "raw text": pdftest.Squeeze(raw), "metadata": info} {
			if strings.Contains(s, id) || (where == "raw text" && strings.Contains(s, pdftest.Squeeze(id))) {
				t.Errorf("anonymised pack: %s contains %q", where, id)
			}
		}
		if bytes.Contains(p.PDF, []byte(id)) || bytes.Contains(p.PDF, utf16be(id)) {
			t.Errorf("anonymised pack: raw bytes contain %q", id)
		}
	}
	if strings.Contains(info, "Joyce Lam") {
		t.Error("anonymised metadata names the author")
	}
	flat := pdftest.Flat(text)
	for _, want := range []string{"E-0007", "E-0012", "E-0031", "E-0007-P2", "Anonymised", "[E-0007 contact]", "Gene therapy product"} {
		if !strings.Contains(flat, want) {
			t.Errorf("anonymised pack lacks %q", want)
		}
	}
}

func TestEntityCode(t *testing.T) {
	for _, tc := range []struct {
		id   int64
		want string
	}{{1, "E-0001"}, {42, "E-0042"}, {12345, "E-12345"}} {
		if got := briefing.EntityCode(tc.id); got != tc.want {
			t.Errorf("EntityCode(%d) = %q, want %q", tc.id, got, tc.want)
		}
	}
}
