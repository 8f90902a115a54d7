package store_test

import (
	"os"
	"path/filepath"
	"testing"

	"atpreg/internal/store"
	"atpreg/internal/store/storetest"
)

// legacyV1Pass opens testdata/legacy-v1, a register written by atpreg before
// the journal's format version 2 (snapshot generation 2: 3 entities in the
// snapshot, 12 more in a format-1 journal of 12 records), with the cheap
// key derivation the tests of that time used (Argon2id t=1, 8 KiB).
var legacyV1Pass = []byte("legacy v1 fixture passphrase (fictional)")

// copyLegacy copies the legacy register into a temporary folder.
func copyLegacy(t *testing.T) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "register.atpreg")
	for _, suf := range []string{"", "-journal"} {
		b, err := os.ReadFile(filepath.Join("testdata", "legacy-v1", "register.atpreg"+suf))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst+suf, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// TestLegacyV1RegisterOpens proves that a register written by the earlier
// format keeps opening, with every change of its journal, and stays usable.
func TestLegacyV1RegisterOpens(t *testing.T) {
	path := copyLegacy(t)
	rep, err := store.Verify(path, legacyV1Pass, storetest.Options())
	if err != nil {
		t.Fatal(err)
	}
	if rep.Generation != 2 || rep.JournalRecords != 12 || rowsOf(rep, "entities") != 15 {
		t.Fatalf("report: generation %d, %d journal records, %d entities; want 2, 12, 15", rep.Generation, rep.JournalRecords, rowsOf(rep, "entities"))
	}
	db, err := store.Open(path, legacyV1Pass, storetest.Options())
	if err != nil {
		t.Fatal(err)
	}
	if n := count(t, db, `SELECT count(*) FROM entities`); n != 15 {
		t.Fatalf("%d entities, want 15", n)
	}
	mustUpdate(t, db, exec(`UPDATE entities SET name = name || ' (renamed)' WHERE id = 1`))
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db, err = store.Open(path, legacyV1Pass, storetest.Options())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if n := count(t, db, `SELECT count(*) FROM entities WHERE name LIKE '%(renamed)'`); n != 1 {
		t.Fatalf("change after reopening lost: %d", n)
	}
}
