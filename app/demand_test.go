package app_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"atpreg/app"
	"atpreg/internal/register"
	"atpreg/internal/store"
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

func TestDemandExportTo(t *testing.T) {
	s := newTestSession(t, true)
	d := demandService(t, s)
	path := filepath.Join(t.TempDir(), "demand.json")
	res, err := d.ExportTo("json", path, []string{"invited", "in_dialogue"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var rep map[string]any
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	if rep["documentId"] != res.DocumentID {
		t.Errorf("document id in the file = %v, want %s", rep["documentId"], res.DocumentID)
	}
	db, err := app.OpenDB(s)
	if err != nil {
		t.Fatal(err)
	}
	entries, err := db.Ledger(context.Background(), store.LedgerFilter{Kind: store.LedgerDemand})
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].DocID != res.DocumentID || entries[0].SHA256 != res.SHA256 {
		t.Errorf("ledger = %+v, want the one export %s", entries, res.DocumentID)
	}
	if !strings.HasPrefix(res.DocumentID, "DS-") {
		t.Errorf("document id %q does not start with DS-", res.DocumentID)
	}
	for _, e := range register.DemoEntities(1) {
		if strings.Contains(string(b), e.Name) || strings.Contains(string(b), e.ContactEmail) {
			t.Errorf("the anonymised JSON names %q", e.Name)
		}
	}
	if _, err := d.ExportTo("docx", path, nil); err == nil {
		t.Error("an unknown format was accepted")
	}
	if _, err := d.ExportPDF(nil); err == nil {
		t.Error("the save dialog opened without a window")
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
