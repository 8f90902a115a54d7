package store_test

import (
	"errors"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"atpreg/internal/apperr"
	"atpreg/internal/store"
	"atpreg/internal/store/storetest"
	"atpreg/internal/vault"
	"atpreg/internal/vault/vaulttest"
)

// goInternals matches what a Go error's text puts in a message meant for a
// person: an operation on a path ("open /reg/x: ..."), a database driver's
// words, a struct or a formatting mistake.
var goInternals = regexp.MustCompile(`\b(open|write|read|rename|sync|truncate|remove|mkdir|lstat|stat|fsync) /|sqlite|&\{|%!|\*[a-z]+\.[A-Z]`)

// fullDisk makes every write to a file whose name contains one of names
// (every file when none) fail with ENOSPC, as on a full disk, until the
// returned function is called.
func fullDisk(m *vaulttest.MemFS, names ...string) (free func()) {
	m.Hook = func(op vaulttest.Op) error {
		if op.Kind != "write" && op.Kind != "open" {
			return nil
		}
		if len(names) == 0 {
			return syscall.ENOSPC
		}
		for _, n := range names {
			if strings.Contains(op.Name, n) {
				return syscall.ENOSPC
			}
		}
		return nil
	}
	return func() { m.Hook = nil }
}

// memOpen opens the register on m.
func memOpen(t *testing.T, m *vaulttest.MemFS, path string, pass []byte) *store.DB {
	t.Helper()
	opt := storetest.Options()
	opt.FS = m
	db, err := store.Open(path, pass, opt)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	return db
}

// TestDurableChangeWithoutSnapshotSucceeds: a change saved in the journal is
// a success even when the snapshot that should follow cannot be written
// (issue 18: on a full disk, import exited 1 although its change was in the
// register). Closing reports it as a warning, not an error, and the change
// is there on the next open.
func TestDurableChangeWithoutSnapshotSucceeds(t *testing.T) {
	base, path := memRegister(t, 3)
	m := base.Clone()
	db := memOpen(t, m, path, storetest.Passphrase)
	mustUpdate(t, db, exec(`INSERT INTO notes(id, body) VALUES (4, 'fourth')`))
	free := fullDisk(m, "register.atpreg.tmp")
	if err := db.Close(); err != nil {
		t.Fatalf("close with the snapshot impossible: %v, want success with a warning", err)
	}
	free()
	w := db.Warnings()
	if len(w) != 1 || !strings.Contains(w[0], "safe in the journal") {
		t.Fatalf("warnings %q", w)
	}
	db = memOpen(t, m, path, storetest.Passphrase)
	defer db.Close()
	if n := count(t, db, `SELECT count(*) FROM notes`); n != 4 {
		t.Fatalf("%d notes, want 4", n)
	}
}

// TestFailedCommandsChangeNothing runs each command that writes with the
// disk full (and, for a change, with the journal's write or sync failing):
// each fails with an error, and no file is changed, created or left behind,
// not even a lock file.
func TestFailedCommandsChangeNothing(t *testing.T) {
	base, path := memRegister(t, 3)
	backup := "/reg/backup.atpreg"
	{ // a backup and a .bak to restore from and to keep
		m := base.Clone()
		db := memOpen(t, m, path, storetest.Passphrase)
		if err := db.Backup(backup, storetest.Passphrase); err != nil {
			t.Fatal(err)
		}
		if err := db.Snapshot(); err != nil {
			t.Fatal(err)
		}
		mustUpdate(t, db, exec(`INSERT INTO notes(id, body) VALUES (4, 'fourth')`))
		base = m.Clone()
		db.Drop()
	}
	opt := storetest.Options()
	cases := []struct {
		name  string
		disk  []string                                    // files whose writes fail (all when empty)
		run   func(m *vaulttest.MemFS, full func()) error // calls full when the disk is to be full
		notes int                                         // notes after, in memory and on disk
	}{
		{"UpdateJournalWrite", []string{"-journal"}, func(m *vaulttest.MemFS, full func()) error {
			db := memOpen(t, m, path, storetest.Passphrase)
			defer db.Drop()
			full()
			err := db.Update(ctx, exec(`INSERT INTO notes(id, body) VALUES (5, 'fifth')`))
			if n := count(t, db, `SELECT count(*) FROM notes`); n != 4 {
				t.Errorf("%d notes in memory after a failed change", n)
			}
			return err
		}, 4},
		{"Snapshot", nil, func(m *vaulttest.MemFS, full func()) error {
			db := memOpen(t, m, path, storetest.Passphrase)
			defer db.Drop()
			full()
			return db.Snapshot()
		}, 4},
		{"ChangePassphrase", nil, func(m *vaulttest.MemFS, full func()) error {
			db := memOpen(t, m, path, storetest.Passphrase)
			defer db.Drop()
			full()
			return db.ChangePassphraseWith(storetest.Passphrase, newPass)
		}, 4},
		{"ChangePassphraseBak", []string{".bak.tmp"}, func(m *vaulttest.MemFS, full func()) error {
			db := memOpen(t, m, path, storetest.Passphrase)
			defer db.Drop()
			full()
			return db.ChangePassphrase(newPass)
		}, 4},
		{"Backup", nil, func(m *vaulttest.MemFS, full func()) error {
			db := memOpen(t, m, path, storetest.Passphrase)
			defer db.Drop()
			full()
			return db.Backup("/reg/another.atpreg", storetest.Passphrase)
		}, 4},
		{"Restore", nil, func(m *vaulttest.MemFS, full func()) error {
			full()
			o := opt
			o.FS = m
			return store.Restore(path, backup, storetest.Passphrase, o)
		}, 4},
		{"OpenWrongPassphrase", nil, func(m *vaulttest.MemFS, full func()) error {
			full()
			o := opt
			o.FS = m
			_, err := store.Open(path, []byte("not it"), o)
			return err
		}, 4},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := base.Clone()
			m.Remove(path + ".lock") // a lock file made by a failed open must go again
			before := memFiles(m)
			err := c.run(m, func() { fullDisk(m, c.disk...) })
			m.Hook = nil
			if err == nil {
				t.Fatal("the command succeeded on a full disk")
			}
			// The message says why in the system's words, without the
			// Go error's text (paths, operations, types).
			if c.name != "OpenWrongPassphrase" && (!errors.Is(err, syscall.ENOSPC) || !strings.Contains(apperr.Message(err), "(no space left on device)")) {
				t.Errorf("error %q does not say the disk is full", apperr.Message(err))
			}
			if msg := apperr.Message(err); goInternals.MatchString(msg) {
				t.Errorf("the message quotes a Go error: %q", msg)
			}
			if after := memFiles(m); after != before {
				t.Fatalf("%v\nfiles changed:\n%s\n---\n%s", err, before, after)
			}
			if vault.Exists(m, path+".lock") && (c.name == "Restore" || c.name == "OpenWrongPassphrase") {
				t.Fatal("a lock file was left behind") // (a register opened has its lock file)
			}
			db := memOpen(t, m, path, storetest.Passphrase)
			defer db.Close()
			if n := count(t, db, `SELECT count(*) FROM notes`); n != c.notes {
				t.Fatalf("%d notes, want %d", n, c.notes)
			}
		})
	}
}

// TestFailedCreateLeavesNothing: a register that cannot be created on a
// full disk leaves no file, lock file included.
func TestFailedCreateLeavesNothing(t *testing.T) {
	m := vaulttest.NewMemFS()
	m.MkdirAll("/reg", 0o700)
	free := fullDisk(m, "register.atpreg.tmp")
	opt := storetest.Options()
	opt.FS = m
	_, err := store.Create("/reg/register.atpreg", storetest.Passphrase, opt)
	free()
	if err == nil {
		t.Fatal("created on a full disk")
	}
	if msg := apperr.Message(err); !strings.Contains(msg, "no space left on device") || goInternals.MatchString(msg) {
		t.Errorf("message %q", msg)
	}
	if names := m.Names(); len(names) != 0 {
		t.Fatalf("left behind: %v", names)
	}
}
