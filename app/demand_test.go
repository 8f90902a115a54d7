package app_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"atpreg/app"
	"atpreg/internal/demand"
	"atpreg/internal/pdftest"
	"atpreg/internal/register"
	"atpreg/internal/version"
)

func TestDemandDashboard(t *testing.T) {
	d := demandService(t, newTestSession(t, true))
	all, err := d.Dashboard(nil)
	if err != nil {
		t.Fatal(err)
	}
	demo := register.DemoEntities(1)
	if all.RegisterTotal != len(demo) || all.Summary.Entities != len(demo) || len(all.Entities) != len(demo) {
		t.Fatalf("dashboard counts %d of %d entities (%d listed), want %d", all.Summary.Entities, all.RegisterTotal, len(all.Entities), len(demo))
	}
	subs := 0
	for _, e := range all.Entities {
		subs += e.Products
	}
	if all.Summary.Submissions != subs || subs == 0 {
		t.Errorf("summary counts %d submissions, entities list %d", all.Summary.Submissions, subs)
	}
	// Every id behind a bar is a listed entity, and a bar lists as many
	// entities as it counts.
	known := map[int64]bool{}
	for _, e := range all.Entities {
		known[e.ID] = true
	}
	for _, dim := range all.Summary.Dimensions {
		for _, r := range dim.Rows {
			if len(r.EntityIDs) != r.Entities {
				t.Errorf("%s/%s: %d ids for %d entities", dim.Key, r.Code, len(r.EntityIDs), r.Entities)
			}
			for _, id := range r.EntityIDs {
				if !known[id] {
					t.Errorf("%s/%s: id %d is not a listed entity", dim.Key, r.Code, id)
				}
			}
		}
	}

	var invited int
	for _, st := range all.Statuses {
		if st.Code == "invited" {
			invited = st.Entities
		}
	}
	if invited == 0 {
		t.Fatal("the demo register has no invited entity")
	}
	some, err := d.Dashboard([]string{"invited"})
	if err != nil {
		t.Fatal(err)
	}
	if some.Summary.Entities != invited || len(some.Entities) != invited {
		t.Errorf("filtered dashboard counts %d entities, want %d invited", some.Summary.Entities, invited)
	}
	for _, e := range some.Entities {
		if e.Status != "invited" {
			t.Errorf("filtered dashboard lists %q in status %s", e.Name, e.Status)
		}
	}

	_, err = d.Dashboard([]string{"bogus"})
	var wire struct{ Code, Message string }
	if err == nil || json.Unmarshal([]byte(err.Error()), &wire) != nil || wire.Code != "invalid" {
		t.Errorf("unknown status: %v, want an invalid error", err)
	}
}

func TestDemandExportNeedsWindow(t *testing.T) {
	s := newTestSession(t, true)
	d := demandService(t, s)
	if _, err := d.ExportPDF(nil, "en"); err == nil {
		t.Error("the save dialog opened without a window")
	}
	if _, err := d.ExportJSON([]string{"bogus"}, "en"); err == nil || !strings.Contains(err.Error(), "invalid") {
		t.Errorf("an unknown status: %v", err)
	}
}

// demandService returns the session's bound DemandService.
func demandService(t *testing.T, s *app.Session) *app.DemandService {
	t.Helper()
	for _, b := range app.Bindings(s) {
		if d, ok := b.(*app.DemandService); ok {
			return d
		}
	}
	t.Fatal("DemandService is not bound")
	return nil
}

// TestDemandExportIsAudited: the window's anonymised export (as the save
// dialog answers it) writes what the audited anonymisation makes of the
// dashboard's exact counts, no more: the same figures, merged rows,
// periods and methods note as demand.Anonymise, whose linear-programming
// audit pins no "<3", hiding at most one count in five of the demo
// register; and its PDF says so in words (pdftotext).
func TestDemandExportIsAudited(t *testing.T) {
	s := newTestSession(t, true)
	d := demandService(t, s)
	dir := t.TempDir()
	res, err := app.DemandSaveTo(d, "json", filepath.Join(dir, "demand.json"), nil, "en")
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(res.Path)
	if err != nil {
		t.Fatal(err)
	}
	r, err := app.OpenRegister(s)
	if err != nil {
		t.Fatal(err)
	}
	v, err := r.DemandDashboard(context.Background(), nil, "en")
	if err != nil {
		t.Fatal(err)
	}
	rep := demand.Anonymise(v.Summary, demand.Meta{DocumentID: res.DocumentID, GeneratedAt: time.Now(), Generator: "atpreg " + version.String()})
	audit, err := rep.Audit()
	if err != nil || len(audit.Pinned) != 0 || audit.Checked == 0 {
		t.Fatalf("audit of the demo summary: %+v, %v", audit, err)
	}
	want, err := rep.JSON()
	if err != nil {
		t.Fatal(err)
	}
	strip := func(b []byte) map[string]any {
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		delete(m, "generatedAt")
		return m
	}
	g, w := strip(got), strip(want)
	if !reflect.DeepEqual(g, w) {
		gb, _ := json.MarshalIndent(g, "", " ")
		wb, _ := json.MarshalIndent(w, "", " ")
		t.Fatalf("the window's export differs from the audited summary:\n%s\nwant\n%s", gb, wb)
	}
	disc := g["disclosure"].(map[string]any)
	if share := disc["hiddenShare"].(float64); share > demand.MaxHiddenShare || disc["small"].(float64) == 0 {
		t.Errorf("the export hides %.0f%% of its counts (%v small), want some and at most %.0f%%", 100*share, disc["small"], 100*demand.MaxHiddenShare)
	}
	if strings.Contains(string(got), `"entityIds"`) {
		t.Error("the export carries entity ids")
	}

	pdf, err := app.DemandSaveTo(d, "pdf", filepath.Join(dir, "demand.pdf"), nil, "en")
	if err != nil {
		t.Fatal(err)
	}
	text, err := pdftest.Text(t, pdf.Path)
	if err != nil {
		t.Fatal(err)
	}
	if flat := pdftest.Flat(text); !strings.Contains(flat, "linear programming") || !strings.Contains(flat, "This was checked before the summary was written.") {
		t.Error("the window's PDF export lacks the methods note on its disclosure audit")
	}

	// The window's language choice reaches the document.
	zh, err := app.DemandSaveTo(d, "pdf", filepath.Join(dir, "demand-zh.pdf"), nil, "zh-HK")
	if err != nil {
		t.Fatal(err)
	}
	if text, err := pdftest.Text(t, zh.Path); err != nil {
		t.Fatal(err)
	} else if !strings.Contains(pdftest.Flat(text), "先進療法產品生產設施的需求") {
		t.Errorf("the zh-HK demand summary is not in Chinese:\n%.400s", text)
	}
	if _, err := d.ExportPDF(nil, "fr"); err == nil || !strings.Contains(err.Error(), "not a language") {
		t.Errorf("a summary in French: %v, want refused", err)
	}
}
