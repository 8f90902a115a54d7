package store_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"atpreg/internal/store"
	"atpreg/internal/store/storetest"
)

// TestVerifyLeavesNoLock: verifying a backup leaves no .lock beside it;
// verifying the register keeps the register's own lock file.
func TestVerifyLeavesNoLock(t *testing.T) {
	db := newWithTable(t)
	backup := filepath.Join(t.TempDir(), "backup.atpreg")
	if err := db.Backup(backup, storetest.Passphrase); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Verify(backup, storetest.Passphrase, storetest.Options()); err != nil {
		t.Fatal(err)
	}
	ents, _ := os.ReadDir(filepath.Dir(backup))
	if len(ents) != 1 {
		var names []string
		for _, e := range ents {
			names = append(names, e.Name())
		}
		t.Fatalf("beside the backup after verify: %v", names)
	}
	path := db.Path()
	db.Close()
	if _, err := store.Verify(path, storetest.Passphrase, storetest.Options()); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + ".lock"); err != nil {
		t.Fatalf("the register's own lock file: %v", err)
	}
}

// TestLooseFilesBecome0600: a register and journal put in place readable by
// all (copied by hand) are written 0600 from then on, and so is the .bak
// the next snapshot keeps of the loose file.
func TestLooseFilesBecome0600(t *testing.T) {
	db := newWithTable(t)
	mustUpdate(t, db, exec(`INSERT INTO notes(body) VALUES ('x')`))
	path := crashCopy(t, db.Path())
	for _, p := range []string{path, path + "-journal"} {
		if err := os.Chmod(p, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db2 := open(t, path)
	mustUpdate(t, db2, exec(`INSERT INTO notes(body) VALUES ('y')`))
	if err := db2.Close(); err != nil {
		t.Fatal(err)
	}
	ents, _ := os.ReadDir(filepath.Dir(path))
	seen := 0
	for _, e := range ents {
		fi, _ := e.Info()
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s is %v", e.Name(), fi.Mode().Perm())
		}
		if strings.HasSuffix(e.Name(), ".bak") {
			seen++
		}
	}
	if seen != 1 {
		t.Fatalf("%d .bak files", seen)
	}
}
