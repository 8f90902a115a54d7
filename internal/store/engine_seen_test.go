package store_test

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"atpreg/internal/apperr"
	"atpreg/internal/store"
	"atpreg/internal/store/storetest"
)

// memSeen is a SeenStore in memory.
type memSeen struct {
	mu sync.Mutex
	m  map[string][]byte
}

func newMemSeen() *memSeen { return &memSeen{m: map[string][]byte{}} }

func (s *memSeen) Load(name string) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return bytes.Clone(s.m[name]), nil
}

func (s *memSeen) Save(name string, data []byte, sync bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[name] = bytes.Clone(data)
	return nil
}

func (s *memSeen) clone() *memSeen {
	s.mu.Lock()
	defer s.mu.Unlock()
	return &memSeen{m: maps.Clone(s.m)}
}

// copyFiles copies the register files (not the lock) from one folder to
// another, replacing what is there; with only, just those names.
func copyFiles(t *testing.T, from, to string, only ...string) {
	t.Helper()
	for name, data := range filesIn(t, from) {
		if len(only) > 0 && !contains(only, name) {
			continue
		}
		if err := os.WriteFile(filepath.Join(to, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestRollbackRefused: with the newest state seen remembered outside the
// register, every way of putting an older copy in place is refused as
// damage with words that explain, and changes nothing; a restore of the
// same copy is accepted, and so is a torn journal tail.
func TestRollbackRefused(t *testing.T) {
	seen := newMemSeen()
	opt := storetest.Options()
	opt.Seen = seen
	dir := t.TempDir()
	path := filepath.Join(dir, "register.atpreg")
	db, err := store.Create(path, storetest.Passphrase, opt)
	if err != nil {
		t.Fatal(err)
	}
	mustUpdate(t, db, exec(`CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT`))
	mustUpdate(t, db, exec(`INSERT INTO notes(body) VALUES ('first')`))
	if err := db.Snapshot(); err != nil {
		t.Fatal(err)
	}
	mustUpdate(t, db, exec(`INSERT INTO notes(body) VALUES ('second')`))
	mustUpdate(t, db, exec(`INSERT INTO notes(body) VALUES ('third')`))
	// The files now: snapshot + a journal of 2 records. Keep them, and
	// what was remembered at this point (as if the window had crashed).
	older := t.TempDir()
	copyFiles(t, dir, older)
	seenThen := seen.clone()
	mustUpdate(t, db, exec(`INSERT INTO notes(body) VALUES ('fourth')`))
	if err := db.Snapshot(); err != nil {
		t.Fatal(err)
	}
	mustUpdate(t, db, exec(`INSERT INTO notes(body) VALUES ('fifth')`))
	db.Close() // a snapshot again: the .bak holds 'fourth', not 'fifth'
	newest := t.TempDir()
	copyFiles(t, dir, newest)

	cases := []struct {
		name  string
		seen  *memSeen
		setup func(t *testing.T)
	}{
		{"OlderSnapshotAndJournal", seen, func(t *testing.T) { copyFiles(t, older, dir) }},
		{"OlderSnapshotAlone", seen, func(t *testing.T) {
			copyFiles(t, older, dir, "register.atpreg")
			os.Remove(path + "-journal")
		}},
		{"BakPutInPlace", seen, func(t *testing.T) {
			copyFiles(t, newest, dir)
			if err := os.Rename(path+".bak", path); err != nil {
				t.Fatal(err)
			}
		}},
		{"BakPutInPlaceWithoutJournal", seen, func(t *testing.T) {
			copyFiles(t, newest, dir)
			if err := os.Rename(path+".bak", path); err != nil {
				t.Fatal(err)
			}
			os.Remove(path + "-journal")
		}},
		{"JournalDeleted", seenThen, func(t *testing.T) {
			copyFiles(t, older, dir)
			os.Remove(path + "-journal")
		}},
		{"JournalEmptied", seenThen, func(t *testing.T) {
			copyFiles(t, older, dir)
			b, _ := os.ReadFile(path + "-journal")
			os.WriteFile(path+"-journal", b[:36], 0o600)
		}},
		{"JournalCutByOneRecord", seenThen, func(t *testing.T) {
			copyFiles(t, older, dir)
			b, _ := os.ReadFile(path + "-journal")
			os.WriteFile(path+"-journal", b[:recordEnd(b, 36)], 0o600)
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.setup(t)
			o := opt
			o.Seen = c.seen.clone()
			before := snapshotDir(t, dir)
			_, err := store.Open(path, storetest.Passphrase, o)
			if !apperr.Is(err, apperr.Damaged) || !strings.Contains(err.Error(), "older copy") {
				t.Fatalf("open: %v (%s), want damage explaining an older copy", err, apperr.CodeOf(err))
			}
			if _, err := store.Verify(path, storetest.Passphrase, o); !apperr.Is(err, apperr.Damaged) {
				t.Fatalf("verify: %v, want damage", err)
			}
			if snapshotDir(t, dir) != before {
				t.Fatal("refusing an older copy changed files")
			}
		})
	}

	t.Run("NewestOpens", func(t *testing.T) {
		copyFiles(t, newest, dir)
		o := opt
		o.Seen = seen.clone()
		db, err := store.Open(path, storetest.Passphrase, o)
		if err != nil {
			t.Fatal(err)
		}
		db.Close()
	})
	t.Run("TornTailIsNoRollback", func(t *testing.T) {
		copyFiles(t, older, dir)
		b, _ := os.ReadFile(path + "-journal")
		os.WriteFile(path+"-journal", append(b, 0xA7, 'R', 'E', 'C', 0, 0), 0o600)
		o := opt
		o.Seen = seenThen.clone()
		db, err := store.Open(path, storetest.Passphrase, o)
		if err != nil {
			t.Fatal(err)
		}
		if n := count(t, db, `SELECT count(*) FROM notes`); n != 3 {
			t.Fatalf("%d notes", n)
		}
		db.Close()
	})
	t.Run("RestoreBringsBack", func(t *testing.T) {
		copyFiles(t, newest, dir)
		src := filepath.Join(t.TempDir(), "register.atpreg")
		copyFiles(t, older, filepath.Dir(src))
		if err := store.Restore(path, src, storetest.Passphrase, opt); err != nil {
			t.Fatal(err)
		}
		db, err := store.Open(path, storetest.Passphrase, opt)
		if err != nil {
			t.Fatalf("after restore: %v", err)
		}
		if n := count(t, db, `SELECT count(*) FROM notes`); n != 3 {
			t.Fatalf("%d notes, want the older copy's 3", n)
		}
		db.Close()
	})
}

// TestRollbackAcrossPassphraseChange: after a passphrase change, a copy from
// before it (which only the old passphrase opens) is refused as older, even
// if it is the very state the change started from; a restore of it is not.
func TestRollbackAcrossPassphraseChange(t *testing.T) {
	seen := newMemSeen()
	opt := storetest.Options()
	opt.Seen = seen
	dir := t.TempDir()
	path := filepath.Join(dir, "register.atpreg")
	db, err := store.Create(path, storetest.Passphrase, opt)
	if err != nil {
		t.Fatal(err)
	}
	mustUpdate(t, db, exec(`CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT`))
	db.Close()
	before := t.TempDir()
	copyFiles(t, dir, before)
	db, err = store.Open(path, storetest.Passphrase, opt)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.ChangePassphrase(newPass); err != nil {
		t.Fatal(err)
	}
	mustUpdate(t, db, exec(`INSERT INTO notes(body) VALUES ('after the change')`))
	db.Close()
	copyFiles(t, before, dir)
	os.Remove(path + ".bak")
	_, err = store.Open(path, storetest.Passphrase, opt)
	if !apperr.Is(err, apperr.Damaged) || !strings.Contains(err.Error(), "before its passphrase was changed") {
		t.Fatalf("copy from before the change: %v", err)
	}
	src := filepath.Join(t.TempDir(), "register.atpreg")
	copyFiles(t, before, filepath.Dir(src))
	if err := store.Restore(path, src, storetest.Passphrase, opt); err != nil {
		t.Fatal(err)
	}
	db, err = store.Open(path, storetest.Passphrase, opt)
	if err != nil {
		t.Fatalf("after restoring it: %v", err)
	}
	db.Close()
}

// TestSeenStateLimits pins down what cannot be detected (docs/register-
// format.md says so): without the remembered state (deleted, or edited so
// that it does not authenticate), an older copy opens.
func TestSeenStateLimits(t *testing.T) {
	seen := newMemSeen()
	opt := storetest.Options()
	opt.Seen = seen
	dir := t.TempDir()
	path := filepath.Join(dir, "register.atpreg")
	db, err := store.Create(path, storetest.Passphrase, opt)
	if err != nil {
		t.Fatal(err)
	}
	older := t.TempDir()
	copyFiles(t, dir, older)
	mustUpdate(t, db, exec(`CREATE TABLE notes (id INTEGER PRIMARY KEY) STRICT`))
	db.Close()
	copyFiles(t, older, dir)
	if _, err := store.Open(path, storetest.Passphrase, opt); !apperr.Is(err, apperr.Damaged) {
		t.Fatalf("older copy: %v", err)
	}
	for name, b := range seen.m {
		b[len(b)-1] ^= 1 // edited: does not authenticate
		seen.m[name] = b
	}
	db, err = store.Open(path, storetest.Passphrase, opt)
	if err != nil {
		t.Fatalf("with the state edited, the older copy opens (cannot be told from a state lost in a power cut): %v", err)
	}
	db.Close()
}

// TestSeenDirFiles checks the real SeenStore: a folder 0700 of files 0600
// whose names say nothing about the register, rewritten atomically.
func TestSeenDirFiles(t *testing.T) {
	state := filepath.Join(t.TempDir(), "config", "atpreg", "seen")
	opt := storetest.Options()
	opt.Seen = store.SeenDir{Dir: state}
	db, err := store.Create(filepath.Join(t.TempDir(), "register.atpreg"), storetest.Passphrase, opt)
	if err != nil {
		t.Fatal(err)
	}
	mustUpdate(t, db, exec(`CREATE TABLE notes (id INTEGER PRIMARY KEY) STRICT`))
	db.Close()
	fi, err := os.Stat(state)
	if err != nil || fi.Mode().Perm() != 0o700 {
		t.Fatalf("state folder: %v %v", fi, err)
	}
	ents, _ := os.ReadDir(state)
	if len(ents) != 1 || len(ents[0].Name()) != 32 {
		t.Fatalf("state files: %v", ents)
	}
	fi, _ = ents[0].Info()
	if fi.Mode().Perm() != 0o600 {
		t.Fatalf("state file mode %v", fi.Mode())
	}
	snap, _ := os.ReadFile(db.Path())
	if bytes.Contains([]byte(ents[0].Name()), []byte(filepath.Base(db.Path()))) || strings.Contains(ents[0].Name(), string(snap[8:24])) {
		t.Fatal("the state file's name gives the register away")
	}
}

// recordEnd returns where the format-2 journal record starting at off ends.
func recordEnd(b []byte, off int) int {
	return off + 20 + int(uint32(b[off+12])<<24|uint32(b[off+13])<<16|uint32(b[off+14])<<8|uint32(b[off+15]))
}
