package briefing_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"atpreg/internal/briefing"
	"atpreg/internal/register"
	"atpreg/internal/store"
	"atpreg/internal/store/storetest"
)

// TestStoreExport exports the demo register's first meeting to both partners
// and checks the ledger and the entities' history.
func TestStoreExport(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	if err := store.LoadDemo(ctx, db, register.DemoOfficer); err != nil {
		t.Fatal(err)
	}
	meetings, err := db.Meetings(ctx)
	if err != nil || len(meetings) == 0 {
		t.Fatalf("demo meetings: %v, %d", err, len(meetings))
	}
	m := meetings[0]
	for _, mm := range meetings {
		if len(mm.EntityIDs) > len(m.EntityIDs) {
			m = mm
		}
	}
	partners, err := db.Partners(ctx)
	if err != nil || len(partners) < 2 {
		t.Fatalf("demo partners: %v, %d", err, len(partners))
	}
	conflicted := m.EntityIDs[0]
	if err := db.SetConflict(ctx, partners[1].ID, conflicted, "Fictional: an adviser of the entity", "Officer"); err != nil {
		t.Fatal(err)
	}
	svc := &briefing.Service{Src: briefing.StoreSource{DB: db}, Officer: "Joyce Lam", Now: db.Now}
	req := briefing.Request{MeetingID: m.ID, Recipients: []briefing.Recipient{{PartnerID: partners[0].ID}, {PartnerID: partners[1].ID}}, Dir: t.TempDir()}
	res, err := svc.Export(ctx, req, nil)
	if err != nil {
		t.Fatal(err)
	}
	ledger, err := db.Ledger(ctx, store.LedgerFilter{Kind: store.LedgerBrief})
	if err != nil {
		t.Fatal(err)
	}
	if len(ledger) != 2 {
		t.Fatalf("%d ledger entries, want 2", len(ledger))
	}
	byCopy := map[int]store.LedgerEntry{}
	for _, l := range ledger {
		byCopy[l.CopyNo] = l
	}
	for i, f := range res.Files {
		l := byCopy[f.CopyNo]
		if l.DocID != res.DocumentID || l.SHA256 != f.SHA256 || l.FileName != f.Path || l.Recipient != partners[i].Name || l.By != "Joyce Lam" {
			t.Errorf("ledger entry %+v for file %+v", l, f)
		}
	}
	conflicts, err := db.ConflictedEntities(ctx, partners[1].ID)
	if err != nil {
		t.Fatal(err)
	}
	var kept []int64
	for _, id := range m.EntityIDs {
		if _, ok := conflicts[id]; !ok {
			kept = append(kept, id)
		}
	}
	if !slices.Equal(byCopy[2].EntityIDs, kept) || slices.Contains(kept, conflicted) {
		t.Errorf("the conflicted partner's pack holds %v, want %v", byCopy[2].EntityIDs, kept)
	}
	if len(kept) == 0 {
		t.Fatal("no entity left in the second pack")
	}
	hist, err := db.History(ctx, kept[0])
	if err != nil {
		t.Fatal(err)
	}
	exports := 0
	for _, h := range hist {
		if h.Action == store.ActionExport && strings.Contains(h.Detail, res.DocumentID) {
			exports++
		}
	}
	if exports != 2 {
		t.Errorf("entity %d history shows %d exports of %s, want 2", kept[0], exports, res.DocumentID)
	}
}
