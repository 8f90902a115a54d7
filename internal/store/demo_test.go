package store_test

import (
	"context"
	"testing"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
	"atpreg/internal/store"
	"atpreg/internal/store/storetest"
)

// newDemo returns a register filled with the demo data.
func newDemo(tb testing.TB) *store.DB {
	tb.Helper()
	db := storetest.New(tb)
	if err := store.LoadDemo(context.Background(), db, "Test Officer"); err != nil {
		tb.Fatalf("LoadDemo: %v", err)
	}
	return db
}

func TestLoadDemo(t *testing.T) {
	ctx := context.Background()
	db := newDemo(t)
	want := register.DemoEntities(store.DemoSeed)
	page, err := db.ListEntities(ctx, store.ListQuery{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if page.Total != len(want) || len(page.Rows) != len(want) {
		t.Fatalf("demo register lists %d (total %d), want %d", len(page.Rows), page.Total, len(want))
	}
	incomplete := 0
	for _, e := range want {
		if !e.Complete() {
			incomplete++
		}
	}
	got := 0
	for _, r := range page.Rows {
		if !r.Complete {
			got++
			if r.MissingCount == 0 {
				t.Errorf("%d: incomplete with no missing items", r.ID)
			}
		}
	}
	if got != incomplete || incomplete == 0 {
		t.Errorf("incomplete rows = %d, want %d (> 0)", got, incomplete)
	}

	// Every entity's pipeline history leads to its current status.
	for _, r := range page.Rows {
		changes, err := db.StatusChanges(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(changes) == 0 || changes[0].From != "" || string(changes[len(changes)-1].To) != r.Status {
			t.Fatalf("entity %d (%s): history %+v does not lead to its status", r.ID, r.Status, changes)
		}
	}

	// It survives a reopen (the journal replays deterministically).
	db2 := storetest.Reopen(t, db)
	page2, err := db2.ListEntities(ctx, store.ListQuery{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if page2.Total != page.Total {
		t.Errorf("after reopen: %d entities, want %d", page2.Total, page.Total)
	}

	if err := store.LoadDemo(ctx, db2, "x"); !apperr.Is(err, apperr.Conflict) {
		t.Errorf("second LoadDemo: %v, want a conflict", err)
	}
}
