package demand_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"atpreg/internal/demand"
	"atpreg/internal/register"
)

var meta = demand.Meta{
	DocumentID:  "DS-20260314-0930",
	GeneratedAt: time.Date(2026, 3, 14, 9, 30, 0, 0, time.FixedZone("HKT", 8*3600)),
	Generator:   "atpreg test",
}

func TestMask(t *testing.T) {
	tests := []struct {
		n          int
		text, json string
		suppressed bool
	}{
		{0, "0", "0", false},
		{1, "<3", "<3", true},
		{2, "<3", "<3", true},
		{3, "3", "3", false},
		{40, "40", "40", false},
	}
	for _, tc := range tests {
		f := demand.Mask(tc.n)
		b, err := json.Marshal(f)
		if err != nil {
			t.Fatal(err)
		}
		var back any
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		if f.String() != tc.text || fmt.Sprint(back) != tc.json || f.Suppressed() != tc.suppressed {
			t.Errorf("Mask(%d) = %q, JSON %s, suppressed %v; want %q, %s, %v", tc.n, f, b, f.Suppressed(), tc.text, tc.json, tc.suppressed)
		}
	}
}

// TestAnonymiseSuppressesSmallCounts checks every count of the fixture's
// report against the exact counts (1 and 2 become "<3", merged rows show
// the sum of their answers, withheld counts are 3 or more) and that the JSON
// carries no exact small count, name or free text.
func TestAnonymiseSuppressesSmallCounts(t *testing.T) {
	s := demand.Aggregate(fixture(), nil)
	r := demand.Anonymise(s, meta)
	checkTruthful(t, "fixture", s, r)
	if !r.Totals.Entities.Exact() || int(r.Totals.Entities) != 5 || !r.Totals.Submissions.Exact() || int(r.Totals.Submissions) != 6 {
		t.Errorf("totals %v, want 5 entities and 6 products shown", r.Totals)
	}
	suppressed := 0
	for _, d := range r.Dimensions {
		for _, row := range d.Rows {
			if row.Submissions.Suppressed() {
				suppressed++
			}
		}
	}
	if suppressed == 0 {
		t.Error("the fixture has small counts, but none was suppressed")
	}
	b, err := r.JSON()
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{`": 1,`, `": 2,`, `": 1\n`, `": 2\n`, "entityIds", "Fictional", "ALPHA", "scaffold", "Compassionate"} {
		if bytes.Contains(b, []byte(bad)) {
			t.Errorf("anonymised JSON contains %q", bad)
		}
	}
	if !bytes.Contains(b, []byte(`"<3"`)) || !bytes.Contains(b, []byte(demand.SuppressionRule[:40])) {
		t.Error("anonymised JSON lacks the suppressed figures or the rule")
	}
}

func TestReportJSONShape(t *testing.T) {
	r := demand.Anonymise(demand.Aggregate(fixture(), []register.Status{register.StatusInvited, register.StatusScreening}), meta)
	b, err := r.JSON()
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"title", "documentId", "generatedAt", "generator", "filter", "suppression", "counting", "totals", "dimensions", "timeline"} {
		if _, ok := got[k]; !ok {
			t.Errorf("JSON lacks %q", k)
		}
	}
	if got["generatedAt"] != "2026-03-14T09:30:00+08:00" || got["documentId"] != meta.DocumentID {
		t.Errorf("metadata = %v, %v", got["generatedAt"], got["documentId"])
	}
	f := got["filter"].(map[string]any)
	if f["allStatuses"] != false || len(f["statuses"].([]any)) != 2 || f["statuses"].([]any)[0] != "screening" {
		t.Errorf("filter = %v, want screening and invited in pipeline order", f)
	}
	sup := got["suppression"].(map[string]any)
	if sup["threshold"] != float64(3) || sup["shownAs"] != "<3" || sup["withheldAs"] != "withheld" {
		t.Errorf("suppression = %v", sup)
	}
}

// demoLeaks lists what must never appear in an anonymised output of the demo
// register: names, contact names, emails and their domains, products and the
// free texts.
func demoLeaks(es []register.Entity) []string {
	var out []string
	add := func(s string) {
		s = strings.Join(strings.Fields(s), " ")
		if len([]rune(s)) >= 4 {
			out = append(out, s)
		}
	}
	for _, e := range es {
		add(e.Name)
		add(e.ContactName)
		add(e.ContactEmail)
		if _, domain, ok := strings.Cut(e.ContactEmail, "@"); ok {
			add(domain)
		}
		add(e.ContactPhone)
		for _, s := range e.Submissions {
			add(s.ProductName)
			add(s.TherapeuticIndication)
			add(s.IntendedUseOther)
			add(s.StartingMaterialsOther)
			add(s.RouteOther)
			add(s.PDFurther)
			add(s.TrainingDetails)
		}
	}
	return out
}

func demoReport(t *testing.T) (demand.Report, []register.Entity) {
	t.Helper()
	es := register.DemoEntities(1)
	for i := range es {
		es[i].ID = int64(i + 1)
	}
	return demand.Anonymise(demand.Aggregate(es, nil), meta), es
}

func TestDemoJSONHasNoIdentities(t *testing.T) {
	r, es := demoReport(t)
	b, err := r.JSON()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(b)), " ")
	leaks := demoLeaks(es)
	if len(leaks) < 100 {
		t.Fatalf("only %d identifying strings collected from the demo data", len(leaks))
	}
	for _, s := range leaks {
		if strings.Contains(text, s) {
			t.Errorf("anonymised JSON contains %q", s)
		}
	}
	if strings.Contains(text, "entityIds") {
		t.Error("anonymised JSON carries entity ids")
	}
}

func TestDemoPDFHasNoIdentities(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	r, es := demoReport(t)
	pdf, err := r.PDF()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "demand.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	for _, want := range []string{"CONFIDENTIAL", "Demand for ATP manufacturing capacity", meta.DocumentID,
		"shown as \"<3\"", "Cell therapy product", "Gene therapy: viral vector", "Expected commencement by quarter"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
	for _, s := range demoLeaks(es) {
		if strings.Contains(text, s) {
			t.Errorf("anonymised PDF contains %q", s)
		}
	}
	info, err := exec.Command("pdfinfo", path).Output()
	if err == nil && strings.Contains(string(info), "Author:") {
		t.Errorf("PDF metadata names an author:\n%s", info)
	}
}

// TestPDFShowsSuppressedCounts checks that a small register's PDF prints
// "<3" and never the exact small counts in its tables.
func TestPDFShowsSuppressedCounts(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	r := demand.Anonymise(demand.Aggregate(fixture(), nil), meta)
	pdf, err := r.PDF()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "small.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := string(out)
	// The fixture's "Open manual" row counts 2 entities and 2 products.
	for _, line := range strings.Split(text, "\n") {
		if strings.Contains(line, "Open manual") && (strings.Contains(line, " 2 ") || strings.HasSuffix(strings.TrimSpace(line), " 2")) {
			t.Errorf("a small count is printed exactly: %q", line)
		}
	}
	if strings.Count(text, "<3") < 20 {
		t.Errorf("the PDF shows \"<3\" only %d times", strings.Count(text, "<3"))
	}
}

func TestPDFReproducible(t *testing.T) {
	r := demand.Anonymise(demand.Aggregate(fixture(), nil), meta)
	a, err := r.PDF()
	if err != nil {
		t.Fatal(err)
	}
	b, err := r.PDF()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) || !bytes.HasPrefix(a, []byte("%PDF-")) {
		t.Error("the same report gave different PDFs")
	}
}

// TestPDFShowsWithheldCounts checks the demo register's PDF: counts
// withheld to protect a "<3" are printed as "withheld", the methods note
// says how many counts are hidden and why, the timeline is headed by its
// grouping, and no period prints an exact small count.
func TestPDFShowsWithheldCounts(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	r, _ := demoReport(t)
	pdf, err := r.PDF()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "withheld.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	d := r.Disclosure
	if d.Withheld == 0 {
		t.Fatal("the demo summary withholds nothing: pick a register that does")
	}
	for _, want := range []string{
		fmt.Sprintf("This summary prints %d counts and hides %d of them", d.Counts, d.Small+d.Withheld),
		"What this summary hides, and why",
		"Expected commencement by " + d.Periods,
		fmt.Sprintf("%d of %d counts", d.Small+d.Withheld, d.Counts),
	} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
	if got := strings.Count(string(out), "withheld"); got < d.Withheld {
		t.Errorf("the PDF prints \"withheld\" %d times, want at least %d", got, d.Withheld)
	}
	for _, p := range r.Timeline.Periods {
		if showsSmall(string(out), p) {
			t.Errorf("the timeline prints an exact small count for %s:\n%s", p, out)
		}
	}
}

// showsSmall reports whether a line of text starts with first and shows a
// 1 or 2 as a word of its own.
func showsSmall(text, first string) bool {
	for _, line := range strings.Split(text, "\n") {
		f := strings.Fields(line)
		if len(f) > 0 && f[0] == first && (slices.Contains(f[1:], "1") || slices.Contains(f[1:], "2")) {
			return true
		}
	}
	return false
}
