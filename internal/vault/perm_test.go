package vault_test

import (
	"os"
	"path/filepath"
	"testing"

	"atpreg/internal/vault"
)

// TestLeftoverTempFileDoesNotLoosenModes checks that a readable temporary
// file left by a crash (or by another program) beside the register does not
// pass its mode on to the snapshot, the journal or a backup written through it.
func TestLeftoverTempFileDoesNotLoosenModes(t *testing.T) {
	dir := t.TempDir()
	k := newKeyring(t)
	for _, tc := range []struct {
		name, path string
		write      func(path string) error
	}{
		{"Snapshot", filepath.Join(dir, "r.atpreg"), func(p string) error { return vault.WriteSnapshotFile(vault.OS, p, k, 1, []byte("x")) }},
		{"Backup", filepath.Join(dir, "b.atpreg"), func(p string) error { return vault.WriteNewSnapshotFile(vault.OS, p, k, 1, []byte("x")) }},
		{"Journal", filepath.Join(dir, "r.atpreg-journal"), func(p string) error {
			j, err := vault.CreateJournal(vault.OS, p, k, 1)
			if err == nil {
				err = j.Close()
			}
			return err
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := os.WriteFile(tc.path+".tmp", []byte("leftover"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(tc.path+".tmp", 0o644); err != nil {
				t.Fatal(err)
			}
			if err := tc.write(tc.path); err != nil {
				t.Fatal(err)
			}
			fi, err := os.Stat(tc.path)
			if err != nil {
				t.Fatal(err)
			}
			if fi.Mode().Perm() != 0o600 {
				t.Errorf("%s is %v, want -rw-------", filepath.Base(tc.path), fi.Mode().Perm())
			}
		})
	}
}
