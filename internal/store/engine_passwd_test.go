package store_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"atpreg/internal/apperr"
	"atpreg/internal/store"
	"atpreg/internal/store/storetest"
	"atpreg/internal/vault"
	"atpreg/internal/vault/vaulttest"
)

var newPass = []byte("a new fictional passphrase")

// filesIn returns the files in dir (but the lock) with their contents.
func filesIn(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".lock") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = b
	}
	return out
}

// oldKeyOpensNothing checks that nothing in files opens with the old
// passphrase, nor with the old data key (which whoever kept a copy of the
// register from before the change, and knows the old passphrase, has):
// no snapshot opens, and no journal record decrypts.
func oldKeyOpensNothing(t *testing.T, dir string, files map[string][]byte, oldKeys *vault.Keyring) {
	t.Helper()
	if len(files) == 0 {
		t.Fatal("no files")
	}
	for name := range files {
		p := filepath.Join(dir, name)
		if strings.HasSuffix(name, "-journal") {
			for gen := range uint64(10) {
				recs, _, _ := vault.ReadJournal(vault.OS, p, oldKeys, gen)
				if len(recs) > 0 {
					t.Errorf("%s: %d records decrypt with the old data key", name, len(recs))
				}
			}
			continue
		}
		if _, err := vault.ReadSnapshotFile(vault.OS, p, storetest.Passphrase); !apperr.Is(err, apperr.WrongPass) {
			t.Errorf("%s with the old passphrase: %v, want it refused", name, err)
		}
		if _, err := vault.ReadSnapshotFileWithKey(vault.OS, p, oldKeys); err == nil {
			t.Errorf("%s opens with the old data key", name)
		}
	}
}

// TestChangePassphraseRotatesKey changes the passphrase of a register that
// has a .bak and changes in its journal, copying every file before: after
// the change (and after more changes), the old passphrase and the old data
// key open no file of the register, the new passphrase opens the register
// and its .bak with every change, the journal is compacted, and nothing was
// left behind.
func TestChangePassphraseRotatesKey(t *testing.T) {
	db := newWithTable(t)
	mustUpdate(t, db, exec(`INSERT INTO notes(body) VALUES ('in the .bak')`))
	if err := db.Snapshot(); err != nil {
		t.Fatal(err)
	}
	mustUpdate(t, db, exec(`INSERT INTO notes(body) VALUES ('in the snapshot')`))
	if err := db.Snapshot(); err != nil {
		t.Fatal(err)
	}
	mustUpdate(t, db, exec(`INSERT INTO notes(body) VALUES ('in the journal')`))
	path, dir := db.Path(), filepath.Dir(db.Path())
	before := filesIn(t, dir)
	if len(before) != 3 {
		t.Fatalf("files before: %d", len(before))
	}
	old, err := vault.ReadSnapshotFile(vault.OS, path, storetest.Passphrase)
	if err != nil {
		t.Fatal(err)
	}
	oldKeys := old.Keyring
	defer oldKeys.Zero()
	gen := db.Generation()

	if err := db.ChangePassphraseWith([]byte("not the passphrase"), newPass); !apperr.Is(err, apperr.WrongPass) {
		t.Fatalf("with a wrong current passphrase: %v", err)
	}
	if err := db.ChangePassphraseWith(storetest.Passphrase, newPass); err != nil {
		t.Fatal(err)
	}
	if db.Generation() != gen+1 || db.JournalRecords() != 0 {
		t.Fatalf("generation %d, %d journal records: the journal was not compacted", db.Generation(), db.JournalRecords())
	}
	after := filesIn(t, dir)
	for name := range after {
		if _, ok := before[name]; !ok {
			t.Errorf("new file %s left behind", name)
		}
	}
	oldKeyOpensNothing(t, dir, after, oldKeys)
	for i := range 3 {
		mustUpdate(t, db, exec(`INSERT INTO notes(body) VALUES (?)`, fmt.Sprintf("after the change %d", i)))
	}
	oldKeyOpensNothing(t, dir, filesIn(t, dir), oldKeys)

	// The new passphrase opens the register (as after a crash now) and the
	// .bak, which kept its content.
	if n := count(t, openPass(t, crashCopy(t, path), newPass), `SELECT count(*) FROM notes`); n != 6 {
		t.Fatalf("%d notes, want 6", n)
	}
	rep, err := store.Verify(path+".bak", newPass, storetest.Options())
	if err != nil || rowsOf(rep, "notes") != 1 {
		t.Fatalf(".bak with the new passphrase: %v, %d notes", err, rowsOf(rep, "notes"))
	}
}

// TestChangePassphraseResealsRestoredBak restores a backup made with the
// same passphrase, which leaves the replaced register as .bak with its
// journal as .bak-journal (another data key): the passphrase change seals
// that .bak again under the new key, its journal's changes included.
func TestChangePassphraseResealsRestoredBak(t *testing.T) {
	db := newWithTable(t)
	backup := filepath.Join(t.TempDir(), "backup.atpreg")
	if err := db.Backup(backup, storetest.Passphrase); err != nil {
		t.Fatal(err)
	}
	mustUpdate(t, db, exec(`INSERT INTO notes(body) VALUES ('only in the replaced register')`))
	path := db.Path()
	cp := crashCopy(t, path) // the journal keeps its record
	db.Close()
	if err := store.Restore(cp, backup, storetest.Passphrase, storetest.Options()); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(cp + ".bak-journal"); err != nil {
		t.Fatalf("no .bak-journal after the restore: %v", err)
	}
	db2 := open(t, cp)
	old, err := vault.ReadSnapshotFile(vault.OS, cp+".bak", storetest.Passphrase)
	if err != nil {
		t.Fatal(err)
	}
	defer old.Keyring.Zero()
	if err := db2.ChangePassphraseWith(storetest.Passphrase, newPass); err != nil {
		t.Fatal(err)
	}
	files := filesIn(t, filepath.Dir(cp))
	if _, ok := files["copy.atpreg.bak-journal"]; ok {
		t.Error(".bak-journal left after its .bak was sealed again")
	}
	oldKeyOpensNothing(t, filepath.Dir(cp), files, old.Keyring)
	rep, err := store.Verify(cp+".bak", newPass, storetest.Options())
	if err != nil || rowsOf(rep, "notes") != 1 {
		t.Fatalf(".bak: %v, %d notes, want its journal's 1", err, rowsOf(rep, "notes"))
	}
}

// TestChangePassphraseCrashAtEveryStep runs a passphrase change on a
// register in memory and, before every file operation it does, simulates
// power cuts (several random outcomes each): the register must then open
// with the old or the new passphrase, with every change, and its .bak with
// one of them too.
func TestChangePassphraseCrashAtEveryStep(t *testing.T) {
	seed := rand.Uint64()
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 2))
	base, path := memRegister(t, 5)
	m := base.Clone()
	opt := storetest.Options()
	opt.FS = m
	db, err := store.Open(path, storetest.Passphrase, opt)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	mustUpdate(t, db, exec(`INSERT INTO notes(id, body) VALUES (6, 'sixth')`))
	ops, cuts := 0, 0
	m.Hook = func(op vaulttest.Op) error {
		ops++
		for range 8 {
			cuts++
			checkCrashImage(t, m.Crash(rng), path, 6, fmt.Sprintf("before %s %s (op %d)", op.Kind, op.Name, ops))
		}
		return nil
	}
	if err := db.ChangePassphrase(newPass); err != nil {
		t.Fatal(err)
	}
	m.Hook = nil
	checkCrashImage(t, m.Crash(rng), path, 6, "after")
	t.Logf("%d file operations, %d power cuts", ops, cuts)
}

// checkCrashImage opens the register on m with the old, else the new
// passphrase and checks it holds notes 1..n.
func checkCrashImage(t *testing.T, m *vaulttest.MemFS, path string, n int, when string) {
	t.Helper()
	opt := storetest.Options()
	opt.FS = m
	var db *store.DB
	var err error
	for _, p := range [][]byte{storetest.Passphrase, newPass} {
		db, err = store.Open(path, p, opt)
		if !apperr.Is(err, apperr.WrongPass) {
			break
		}
	}
	if err != nil {
		t.Fatalf("power cut %s: the register does not open: %v (files %v)", when, err, m.Names())
	}
	defer db.Close()
	if got := count(t, db, `SELECT count(*) FROM notes WHERE id BETWEEN 1 AND ?`, n); got != n {
		t.Fatalf("power cut %s: %d of %d notes", when, got, n)
	}
	if !vault.Exists(m, path+".bak") {
		return
	}
	for _, p := range [][]byte{storetest.Passphrase, newPass} {
		if _, err = store.Verify(path+".bak", p, opt); !apperr.Is(err, apperr.WrongPass) {
			break
		}
	}
	if err != nil {
		t.Fatalf("power cut %s: the .bak does not open: %v", when, err)
	}
}
