package store_test

import (
	"path/filepath"
	"strings"
	"testing"

	"atpreg/internal/apperr"
	"atpreg/internal/store"
	"atpreg/internal/store/storetest"
	"atpreg/internal/vault"
)

// production is store.Options as the CLI and the window pass them (no cheap
// keys allowed), with the tests' clock.
func production() store.Options {
	o := storetest.Options()
	o.KDF, o.AllowWeakKDF = vault.KDFParams{}, false
	return o
}

// TestWeakKDFRefusedForNewPassphrases: below OWASP's minimum, a register is
// not created, backed up or given a new passphrase unless the options say
// explicitly that weak keys are allowed (the tests' cheap keys), and nothing
// is written.
func TestWeakKDFRefusedForNewPassphrases(t *testing.T) {
	weak := production()
	weak.KDF = vault.KDFParams{Time: 3, MemoryKiB: 12 << 10, Threads: 1} // OWASP's 12 MiB t=3 is below atpreg's floor
	dir := t.TempDir()
	_, err := store.Create(filepath.Join(dir, "r.atpreg"), storetest.Passphrase, weak)
	if !apperr.Is(err, apperr.Invalid) || !strings.Contains(err.Error(), "below the minimum") {
		t.Fatalf("create: %v", err)
	}
	if files := filesIn(t, dir); len(files) != 0 {
		t.Fatalf("files written: %v", files)
	}
	path := copyLegacy(t)
	db, err := store.Open(path, legacyV1Pass, weak)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	before := snapshotDir(t, filepath.Dir(path))
	if err := db.Backup(filepath.Join(dir, "b.atpreg"), storetest.Passphrase); !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("backup: %v", err)
	}
	if err := db.ChangePassphrase(newPass); !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("passwd: %v", err)
	}
	if snapshotDir(t, filepath.Dir(path)) != before || len(filesIn(t, dir)) != 0 {
		t.Fatal("a refused command wrote files")
	}
}

// TestWeakRegisterOpensWithWarning opens the register written by the earlier
// version with the tests' cheap keys (Argon2id t=1, 8 KiB) as production
// would: it opens, with a warning that says how to strengthen it, and verify
// reports the settings in KiB (never "m=0 MiB"). A passphrase change then
// writes the current defaults, and the warning is gone.
func TestWeakRegisterOpensWithWarning(t *testing.T) {
	path := copyLegacy(t)
	rep, err := store.Verify(path, legacyV1Pass, production())
	if err != nil {
		t.Fatal(err)
	}
	if rep.KDF != "Argon2id t=1 m=8 KiB p=1" || !strings.Contains(rep.KDFWarning, "atpreg passwd") {
		t.Fatalf("verify: kdf %q, warning %q", rep.KDF, rep.KDFWarning)
	}
	db, err := store.Open(path, legacyV1Pass, production())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if w := db.KDFWarning(); !strings.Contains(w, "atpreg passwd") || !strings.Contains(w, "m=8 KiB") {
		t.Fatalf("warning %q", w)
	}
	if err := db.ChangePassphrase(newPass); err != nil {
		t.Fatal(err)
	}
	if w := db.KDFWarning(); w != "" {
		t.Fatalf("warning after passwd: %q", w)
	}
	got, err := vault.KDFOf(vault.OS, path)
	if err != nil || got != vault.DefaultKDF {
		t.Fatalf("after passwd the register's key derivation is %v (%v), want the defaults %v", got, err, vault.DefaultKDF)
	}
	if n := count(t, db, `SELECT count(*) FROM entities`); n != 15 {
		t.Fatalf("%d entities", n)
	}
}
