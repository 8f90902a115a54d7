package register

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var updateGlossary = flag.Bool("update", false, "rewrite docs/glossary.md from the register's wording")

// glossaryItems are the RFI's items in the order of its table, then the
// register's own fields.
var glossaryItems = []string{"name", "address", "contact_name", "contact_email", "contact_phone",
	"product_name", "composition", "pharmaceutical_form", "therapeutic_indication", "routes", "route_other",
	"atp_type", "gene_vector", "intended_use", "intended_use_other", "starting_materials", "starting_materials_other",
	"process_type", "pd_completed", "pd_further", "gmp_before", "has_authorized_person", "needs_training",
	"training_roles", "training_details", "expected_start", "submissions",
	"received_on", "status", "source", "notes", "tags"}

// glossaryChoices are the choice lists, with the item they answer.
var glossaryChoices = []struct{ column, item string }{
	{"routes", "routes"}, {"atp_type", "atp_type"}, {"gene_vector", "gene_vector"}, {"intended_use", "intended_use"},
	{"starting_materials", "starting_materials"}, {"process_type", "process_type"}, {"training_roles", "training_roles"},
}

// glossary writes docs/glossary.md from the register's wording in both
// languages: the one place it is kept.
func glossary() string {
	var b strings.Builder
	row := func(cells ...string) { b.WriteString("| " + strings.Join(cells, " | ") + " |\n") }
	head := func(cells ...string) {
		row(cells...)
		seps := make([]string, len(cells))
		for i := range seps {
			seps[i] = "---"
		}
		row(seps...)
	}
	b.WriteString(`# Glossary: the RFI's terms in English and Traditional Chinese

The wording every document uses (briefing packs, the demand summary, letters,
the RFI form, evaluation sheets) in both languages. English is the RFI's own;
Traditional Chinese is the wording HKSTP would use in a Chinese version of the
RFI. Both live in one place, ` + "`internal/register`" + ` (` + "`FieldLabel`" + `/` + "`FieldLabelIn`" + `,
the ` + "`Label`" + `/` + "`LabelIn`" + ` of every choice, status, aspect and recommendation);
this page is written from it: ` + "`go test ./internal/register -run TestGlossary -update`" + `
rewrites it, and ` + "`TestGlossary`" + ` fails when the two differ.

Codes are what the register stores, imports and exports; they never change
with the language.

## Items of the pre-requisite information

`)
	head("Field", "English", "繁體中文")
	for _, f := range glossaryItems {
		row("`"+f+"`", FieldLabel(f), FieldLabelIn(f, LangChinese))
	}
	b.WriteString("\nThe first 26 are the RFI's table (with the \"Others\" texts, the gene therapy vector, further process development and the training asked for when the answer calls for them); `submissions` is named when no product is given; the last five are the register's own.\n")

	b.WriteString("\n## Choices\n")
	en, zh := Choices(), ChoicesIn(LangChinese)
	for _, c := range glossaryChoices {
		fmt.Fprintf(&b, "\n### %s / %s\n\n", FieldLabel(c.item), FieldLabelIn(c.item, LangChinese))
		head("Code", "English", "繁體中文")
		for i, ch := range en[c.column] {
			row("`"+ch.Code+"`", ch.Label, zh[c.column][i].Label)
		}
	}
	b.WriteString("\n### Yes / No\n\n")
	head("Code", "English", "繁體中文")
	for _, y := range []YesNo{Yes, No} {
		row("`"+string(y)+"`", y.Label(), y.LabelIn(LangChinese))
	}

	b.WriteString("\n## Statuses of the pipeline\n\n")
	head("Code", "English", "繁體中文")
	for _, s := range Statuses() {
		row("`"+string(s)+"`", s.Label(), s.LabelIn(LangChinese))
	}

	b.WriteString("\n## Aspects of the evaluation\n\nThe seven aspects the RFI says HKSTP's evaluation takes into consideration.\n\n")
	head("Code", "English", "繁體中文")
	for _, a := range Aspects() {
		row("`"+string(a)+"`", a.Label(), a.LabelIn(LangChinese))
	}

	b.WriteString("\n## Recommendations\n\n")
	head("Code", "English", "繁體中文")
	for _, r := range Recommendations() {
		row("`"+string(r)+"`", r.Label(), r.LabelIn(LangChinese))
	}

	b.WriteString("\n## Letters\n\n")
	head("Kind", "English", "繁體中文")
	for _, k := range LetterKinds() {
		row("`"+string(k)+"`", k.Label(), k.LabelIn(LangChinese))
	}

	at := time.Date(2026, 12, 3, 15, 30, 0, 0, time.UTC)
	b.WriteString("\n## Dates\n\nOne house style per language, on a 24-hour clock (`register.FormatDate` and its kin), in every document.\n\n")
	head("What", "English", "繁體中文")
	for _, d := range []struct {
		what string
		f    func(time.Time, string) string
	}{
		{"date", FormatDate}, {"date and time", FormatDateTime}, {"day (letters, meetings)", FormatDay},
		{"day and time (meetings)", FormatDayTime}, {"month (expected start)", FormatMonth},
	} {
		row(d.what, d.f(at, LangEnglish), d.f(at, LangChinese))
	}

	b.WriteString(`
## Other terms

The names the documents give themselves and the RFI's parties (their wording
lives with each document: ` + "`internal/briefing`, `internal/demand`, `internal/rfiform`, `internal/pdfdoc`" + `).

`)
	head("English", "繁體中文")
	for _, t := range [][2]string{
		{"Hong Kong Science and Technology Parks Corporation (HKSTP)", "香港科技園公司（科技園公司）"},
		{"Request for Information (RFI)", "資料邀請"},
		{"Advanced Therapy Products (ATPs)", "先進療法產品"},
		{"Pre-requisite information", "先決資料"},
		{"Process development and GMP manufacturing capacity", "工藝開發及GMP生產設施"},
		{"Entity", "機構"},
		{"Product", "產品"},
		{"University partners", "大學合作夥伴"},
		{"Briefing pack", "簡報文件"},
		{"Demand summary (anonymised)", "需求摘要（匿名）"},
		{"Evaluation sheet", "評審表"},
		{"CONFIDENTIAL", "機密"},
		{"For NAME · Copy N", "收件人：NAME · 第 N 份"},
		{"Page N of M", "第 N 頁，共 M 頁"},
		{"Complete / Incomplete", "完整 / 不完整"},
		{"Evaluation panel's result", "評審小組結果"},
		{"Weighted score", "加權分數"},
		{"\"<3\" (a small count) / withheld", "「<3」（細小數目）/ 不予公開"},
	} {
		row(t[0], t[1])
	}
	return b.String()
}

// TestGlossary: docs/glossary.md is the register's wording, every item
// included.
func TestGlossary(t *testing.T) {
	seen := map[string]bool{}
	for _, f := range glossaryItems {
		seen[f] = true
	}
	for f := range fieldLabels {
		if !seen[f] {
			t.Errorf("the glossary leaves out the item %s", f)
		}
	}
	path := filepath.Join("..", "..", "docs", "glossary.md")
	want := glossary()
	if *updateGlossary {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("docs/glossary.md differs from the register's wording: run go test ./internal/register -run TestGlossary -update")
	}
}
