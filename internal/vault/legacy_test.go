package vault_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"atpreg/internal/vault"
)

// v1Pass opens testdata/v1: a snapshot (generation 5) and a journal of 12
// records written by atpreg's format version 1, kept to prove that files of
// that version keep opening.
var v1Pass = []byte("vault v1 fixture passphrase (fictional)")

// copyV1 copies the format-1 fixture into a temporary folder and returns the
// snapshot's path and its keyring.
func copyV1(t *testing.T) (string, *vault.Keyring) {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "register.atpreg")
	for _, suf := range []string{"", "-journal"} {
		b, err := os.ReadFile(filepath.Join("testdata", "v1", "register.atpreg"+suf))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst+suf, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	s, err := vault.ReadSnapshotFile(vault.OS, dst, v1Pass)
	if err != nil {
		t.Fatal(err)
	}
	if s.Generation != 5 || string(s.Payload) != "fictional payload of a v1 snapshot" {
		t.Fatalf("v1 snapshot: generation %d, payload %q", s.Generation, s.Payload)
	}
	t.Cleanup(s.Keyring.Zero)
	return dst, s.Keyring
}

func v1Record(i int) string { return fmt.Sprintf("v1 journal record %02d of a fictional register", i) }

func TestV1JournalOpensAndAppends(t *testing.T) {
	path, k := copyV1(t)
	j, recs, st, err := vault.OpenJournal(vault.OS, vault.JournalPath(path), k, 5)
	if err != nil || len(recs) != 12 || st.DroppedTail {
		t.Fatalf("open: %v, %d records, %+v", err, len(recs), st)
	}
	for i, r := range recs {
		if string(r) != v1Record(i) {
			t.Fatalf("record %d is %q", i, r)
		}
	}
	if err := j.Append([]byte("appended after reopening")); err != nil {
		t.Fatal(err)
	}
	j.Close()
	recs, _, err = vault.ReadJournal(vault.OS, vault.JournalPath(path), k, 5)
	if err != nil || len(recs) != 13 || string(recs[12]) != "appended after reopening" {
		t.Fatalf("after append: %v, %d records", err, len(recs))
	}
}
