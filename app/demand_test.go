package app_test

import (
	"encoding/json"
	"strings"
	"testing"

	"atpreg/app"
	"atpreg/internal/register"
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
	if _, err := d.ExportPDF(nil); err == nil {
		t.Error("the save dialog opened without a window")
	}
	if _, err := d.ExportJSON([]string{"bogus"}); err == nil || !strings.Contains(err.Error(), "invalid") {
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
