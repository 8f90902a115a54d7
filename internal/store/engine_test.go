package store_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"atpreg/internal/apperr"
	"atpreg/internal/store"
	"atpreg/internal/store/storetest"
)

var ctx = context.Background()

const marker = "Fictional Marker Biotech Ltd"

func mustUpdate(t testing.TB, db *store.DB, fn func(tx *store.Tx) error) {
	t.Helper()
	if err := db.Update(ctx, fn); err != nil {
		t.Fatalf("update: %v", err)
	}
}

func exec(q string, args ...any) func(tx *store.Tx) error {
	return func(tx *store.Tx) error { _, err := tx.Exec(q, args...); return err }
}

// newWithTable returns a register with a table notes(id, body, at).
func newWithTable(t testing.TB) *store.DB {
	t.Helper()
	db := storetest.New(t)
	mustUpdate(t, db, exec(`CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL, at TEXT) STRICT`))
	return db
}

func count(t testing.TB, db *store.DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := db.View(ctx, func(r *store.Reader) error { return r.Get(&n, q, args...) }); err != nil {
		t.Fatal(err)
	}
	return n
}

// crashCopy copies the register's files as they are on disk now (as if the
// process died) to a new folder and returns the copy's path.
func crashCopy(t *testing.T, path string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "copy.atpreg")
	for _, suf := range []string{"", "-journal"} {
		b, err := os.ReadFile(path + suf)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst+suf, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

func open(t *testing.T, path string) *store.DB {
	t.Helper()
	db, err := store.Open(path, storetest.Passphrase, storetest.Options())
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestCreateAndReopen(t *testing.T) {
	db := newWithTable(t)
	mustUpdate(t, db, exec(`INSERT INTO notes(body) VALUES (?)`, marker))
	if v := db.SchemaVersion(); v < 1 {
		t.Fatalf("schema version %d", v)
	}
	db2 := storetest.Reopen(t, db)
	if n := count(t, db2, `SELECT count(*) FROM notes WHERE body = ?`, marker); n != 1 {
		t.Fatalf("after reopen: %d rows", n)
	}
	var created string
	db2.View(ctx, func(r *store.Reader) error { return r.Get(&created, `SELECT value FROM meta WHERE key = 'created_at'`) })
	if created != "2025-03-01T01:00:00.000000000Z" {
		t.Fatalf("created_at %q", created)
	}
}

func TestCreateRefusesOverwrite(t *testing.T) {
	db := storetest.New(t)
	before, _ := os.ReadFile(db.Path())
	db.Close()
	_, err := store.Create(db.Path(), []byte("other"), storetest.Options())
	if !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("got %v, want conflict", err)
	}
	after, _ := os.ReadFile(db.Path())
	if !bytes.Equal(before, after) {
		t.Fatal("existing register changed")
	}
}

func TestCrashReplaysJournal(t *testing.T) {
	db := newWithTable(t)
	for i := range 20 {
		mustUpdate(t, db, exec(`INSERT INTO notes(id, body) VALUES (?, ?)`, i, marker))
	}
	mustUpdate(t, db, exec(`DELETE FROM notes WHERE id < 5`))
	cp := crashCopy(t, db.Path())
	if n := count(t, open(t, cp), `SELECT count(*) FROM notes`); n != 15 {
		t.Fatalf("replayed %d rows, want 15", n)
	}
}

func TestUpdateErrorRollsBack(t *testing.T) {
	db := newWithTable(t)
	boom := errors.New("boom")
	err := db.Update(ctx, func(tx *store.Tx) error {
		if _, err := tx.Exec(`INSERT INTO notes(body) VALUES ('x')`); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("got %v", err)
	}
	recs := db.JournalRecords()
	if n := count(t, db, `SELECT count(*) FROM notes`); n != 0 {
		t.Fatalf("%d rows after rollback", n)
	}
	if n := count(t, open(t, crashCopy(t, db.Path())), `SELECT count(*) FROM notes`); n != 0 || recs != db.JournalRecords() {
		t.Fatalf("rolled-back change journaled")
	}
}

// TestReplayMatchesLive covers the statements whose replay is subtle: a
// failed statement the caller recovered from, INSERT ... RETURNING through
// Get, and every argument kind.
func TestReplayMatchesLive(t *testing.T) {
	db := newWithTable(t)
	mustUpdate(t, db, exec(`CREATE TABLE kinds (i INTEGER, f REAL, s TEXT, b BLOB, n TEXT, flag INTEGER, at TEXT, p TEXT) STRICT`))
	at := time.Date(2025, 2, 3, 4, 5, 6, 7, time.FixedZone("HKT", 8*3600))
	s := "pointed"
	var id int64
	mustUpdate(t, db, func(tx *store.Tx) error {
		if _, err := tx.Exec(`INSERT INTO notes(id, body) VALUES (1, 'a')`); err != nil {
			return err
		}
		if _, err := tx.Exec(`INSERT INTO notes(id, body) VALUES (1, 'dup')`); err == nil {
			return errors.New("duplicate insert succeeded")
		}
		if err := tx.Get(&id, `INSERT INTO notes(body, at) VALUES (?, ?) RETURNING id`, marker, at); err != nil {
			return err
		}
		_, err := tx.Exec(`INSERT INTO kinds VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, int32(-7), 2.5, "text", []byte{}, nil, true, at, &s)
		return err
	})
	want := dump(t, db)
	if got := dump(t, open(t, crashCopy(t, db.Path()))); got != want {
		t.Fatalf("replay differs:\n got %s\nwant %s", got, want)
	}
	if !strings.Contains(want, "2025-02-02T20:05:06.000000007Z") {
		t.Fatalf("time not stored as UTC text: %s", want)
	}
}

func dump(t *testing.T, db *store.DB) string {
	t.Helper()
	var out []string
	err := db.View(ctx, func(r *store.Reader) error {
		return r.Select(&out, `SELECT quote(id) || '|' || body || '|' || quote(at) FROM notes UNION ALL
			SELECT quote(i)||quote(f)||quote(s)||quote(b)||quote(n)||quote(flag)||quote(at)||quote(p) FROM kinds`)
	})
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(out, "\n")
}

func TestArgsRejected(t *testing.T) {
	db := newWithTable(t)
	for _, arg := range []any{struct{}{}, []string{"a"}, map[string]int{}} {
		err := db.Update(ctx, exec(`INSERT INTO notes(body) VALUES (?)`, arg))
		if err == nil {
			t.Fatalf("%T accepted", arg)
		}
	}
}

func TestViewIsReadOnly(t *testing.T) {
	db := newWithTable(t)
	var id int
	err := db.View(ctx, func(r *store.Reader) error {
		return r.Get(&id, `INSERT INTO notes(body) VALUES ('x') RETURNING id`)
	})
	if err == nil {
		t.Fatal("View wrote")
	}
	if n := count(t, db, `SELECT count(*) FROM notes`); n != 0 {
		t.Fatalf("%d rows", n)
	}
}

func TestForeignKeysOn(t *testing.T) {
	db := newWithTable(t)
	mustUpdate(t, db, exec(`CREATE TABLE child (id INTEGER PRIMARY KEY, note_id INTEGER NOT NULL REFERENCES notes(id)) STRICT`))
	if err := db.Update(ctx, exec(`INSERT INTO child(note_id) VALUES (42)`)); err == nil {
		t.Fatal("foreign key not enforced")
	}
}

func TestLockedSecondOpen(t *testing.T) {
	db := storetest.New(t)
	_, err := store.Open(db.Path(), storetest.Passphrase, storetest.Options())
	if !apperr.Is(err, apperr.Locked) || !strings.Contains(err.Error(), "already open in another atpreg window or command") {
		t.Fatalf("got %v", err)
	}
}

func TestOpenErrorsChangeNothing(t *testing.T) {
	db := newWithTable(t)
	mustUpdate(t, db, exec(`INSERT INTO notes(body) VALUES (?)`, marker))
	path := db.Path()
	db.Close()
	cases := []struct {
		name string
		path string
		pass []byte
		code apperr.Code
	}{
		{"WrongPassphrase", path, []byte("not the passphrase"), apperr.WrongPass},
		{"Missing", filepath.Join(filepath.Dir(path), "none.atpreg"), storetest.Passphrase, apperr.NotFound},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := snapshotDir(t, filepath.Dir(path))
			_, err := store.Open(c.path, c.pass, storetest.Options())
			if apperr.CodeOf(err) != c.code {
				t.Fatalf("got %v (%s), want %s", err, apperr.CodeOf(err), c.code)
			}
			if after := snapshotDir(t, filepath.Dir(path)); after != before {
				t.Fatalf("files changed:\n%s\n%s", before, after)
			}
		})
	}
}

// snapshotDir describes the register files in dir (names, sizes, contents).
func snapshotDir(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".lock") {
			continue
		}
		data, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		b.WriteString(e.Name() + ":" + string(data) + "\n")
	}
	return b.String()
}

func TestSnapshotKeepsBakAndEmptiesJournal(t *testing.T) {
	db := newWithTable(t)
	mustUpdate(t, db, exec(`INSERT INTO notes(body) VALUES ('one')`))
	gen := db.Generation()
	if err := db.Snapshot(); err != nil {
		t.Fatal(err)
	}
	if db.JournalRecords() != 0 || db.Generation() != gen+1 {
		t.Fatalf("journal %d records, generation %d", db.JournalRecords(), db.Generation())
	}
	if _, err := os.Stat(db.Path() + ".bak"); err != nil {
		t.Fatal(err)
	}
	mustUpdate(t, db, exec(`INSERT INTO notes(body) VALUES ('two')`))
	if n := count(t, open(t, crashCopy(t, db.Path())), `SELECT count(*) FROM notes`); n != 2 {
		t.Fatalf("%d rows", n)
	}
}

func TestNoPlaintextAndModes(t *testing.T) {
	db := newWithTable(t)
	dir := filepath.Dir(db.Path())
	for i := range 50 {
		mustUpdate(t, db, exec(`INSERT INTO notes(body) VALUES (?)`, marker+strings.Repeat("!", i)))
	}
	check := func() {
		ents, _ := os.ReadDir(dir)
		for _, e := range ents {
			p := filepath.Join(dir, e.Name())
			data, _ := os.ReadFile(p)
			if bytes.Contains(data, []byte(marker)) || bytes.Contains(data, []byte("CREATE TABLE")) || bytes.Contains(data, storetest.Passphrase) {
				t.Fatalf("plaintext in %s", e.Name())
			}
			fi, _ := os.Stat(p)
			if fi.Mode().Perm() != 0o600 {
				t.Fatalf("%s has mode %v", e.Name(), fi.Mode())
			}
		}
	}
	check()
	if err := db.Snapshot(); err != nil {
		t.Fatal(err)
	}
	check()
	sub := filepath.Join(t.TempDir(), "new", "folder", "r.atpreg")
	db2, err := store.Create(sub, storetest.Passphrase, storetest.Options())
	if err != nil {
		t.Fatal(err)
	}
	db2.Close()
	fi, _ := os.Stat(filepath.Dir(sub))
	if fi.Mode().Perm() != 0o700 {
		t.Fatalf("folder mode %v", fi.Mode())
	}
}

func TestChangePassphrase(t *testing.T) {
	db := newWithTable(t)
	mustUpdate(t, db, exec(`INSERT INTO notes(body) VALUES ('one')`))
	db.Snapshot() // so that a .bak exists
	newPass := []byte("a new fictional passphrase")
	if err := db.ChangePassphrase(newPass); err != nil {
		t.Fatal(err)
	}
	mustUpdate(t, db, exec(`INSERT INTO notes(body) VALUES ('two')`))
	path := db.Path()
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, path + ".bak"} {
		if _, err := store.Verify(p, storetest.Passphrase, storetest.Options()); !apperr.Is(err, apperr.WrongPass) {
			t.Fatalf("%s with the old passphrase: %v", filepath.Base(p), err)
		}
		if _, err := store.Verify(p, newPass, storetest.Options()); err != nil {
			t.Fatalf("%s with the new passphrase: %v", filepath.Base(p), err)
		}
	}
	db2, err := store.Open(path, newPass, storetest.Options())
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	if n := count(t, db2, `SELECT count(*) FROM notes`); n != 2 {
		t.Fatalf("%d rows", n)
	}
}

func TestBackupRestoreVerify(t *testing.T) {
	db := newWithTable(t)
	mustUpdate(t, db, exec(`INSERT INTO notes(body) VALUES ('in backup')`))
	bak := filepath.Join(t.TempDir(), "copy.atpreg")
	bpass := []byte("backup fictional passphrase")
	if err := db.Backup(bak, bpass); err != nil {
		t.Fatal(err)
	}
	if err := db.Backup(bak, bpass); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("second backup to the same file: %v", err)
	}
	mustUpdate(t, db, exec(`INSERT INTO notes(body) VALUES ('after backup')`))
	path := db.Path()

	if err := store.Restore(path, bak, bpass, storetest.Options()); !apperr.Is(err, apperr.Locked) {
		t.Fatalf("restore over an open register: %v", err)
	}
	db.Close()
	if err := store.Restore(path, bak, []byte("wrong"), storetest.Options()); !apperr.Is(err, apperr.WrongPass) {
		t.Fatalf("restore with a wrong passphrase: %v", err)
	}
	if err := store.Restore(path, bak, bpass, storetest.Options()); err != nil {
		t.Fatal(err)
	}
	rep, err := store.Verify(path, bpass, storetest.Options())
	if err != nil {
		t.Fatal(err)
	}
	if rep.Integrity != "ok" || rowsOf(rep, "notes") != 1 || rowsOf(rep, "schema_migrations") < 1 {
		t.Fatalf("report %+v", rep)
	}
	// The register as it was before the restore is kept as .bak, with the
	// change made after the backup.
	old, err := store.Verify(path+".bak", storetest.Passphrase, storetest.Options())
	if err != nil || rowsOf(old, "notes") != 2 {
		t.Fatalf(".bak: %+v %v", old, err)
	}
	db2, err := store.Open(path, bpass, storetest.Options())
	if err != nil {
		t.Fatal(err)
	}
	mustUpdate(t, db2, exec(`INSERT INTO notes(body) VALUES ('after restore')`))
	if n := count(t, openPass(t, crashCopy(t, db2.Path()), bpass), `SELECT count(*) FROM notes`); n != 2 {
		t.Fatalf("%d rows", n)
	}
	db2.Close()
}

func openPass(t *testing.T, path string, pass []byte) *store.DB {
	t.Helper()
	db, err := store.Open(path, pass, storetest.Options())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func rowsOf(r store.VerifyReport, table string) int64 {
	for _, c := range r.Tables {
		if c.Table == table {
			return c.Rows
		}
	}
	return -1
}

func TestNewerSchemaRefused(t *testing.T) {
	db := storetest.New(t)
	mustUpdate(t, db, exec(`INSERT INTO schema_migrations(version, name, applied_at) VALUES (99999, '99999_future', '')`))
	path := db.Path()
	db.Close()
	before := snapshotDir(t, filepath.Dir(path))
	_, err := store.Open(path, storetest.Passphrase, storetest.Options())
	if !apperr.Is(err, apperr.Conflict) || !strings.Contains(err.Error(), "newer version of atpreg") {
		t.Fatalf("got %v", err)
	}
	if snapshotDir(t, filepath.Dir(path)) != before {
		t.Fatal("files changed")
	}
}

func TestClosedRegister(t *testing.T) {
	db := storetest.New(t)
	db.Close()
	if err := db.Update(ctx, exec(`SELECT 1`)); !apperr.Is(err, apperr.Locked) {
		t.Fatalf("update after close: %v", err)
	}
	if err := db.View(ctx, func(*store.Reader) error { return nil }); !apperr.Is(err, apperr.Locked) {
		t.Fatalf("view after close: %v", err)
	}
}

func TestGetNoRows(t *testing.T) {
	db := newWithTable(t)
	var s string
	err := db.View(ctx, func(r *store.Reader) error { return r.Get(&s, `SELECT body FROM notes WHERE id = 1`) })
	if !errors.Is(err, sql.ErrNoRows) {
		t.Fatalf("got %v", err)
	}
}

// TestInterruptedRestore leaves the register as a crash between Restore's
// snapshot rename and its new journal would: the old journal (also kept as
// .bak-journal) beside the restored snapshot. It must open as the restored copy.
func TestInterruptedRestore(t *testing.T) {
	db := newWithTable(t)
	bak := filepath.Join(t.TempDir(), "copy.atpreg")
	if err := db.Backup(bak, storetest.Passphrase); err != nil {
		t.Fatal(err)
	}
	mustUpdate(t, db, exec(`INSERT INTO notes(body) VALUES ('only in the journal')`))
	path := db.Path()
	oldJournal, err := os.ReadFile(path + "-journal")
	if err != nil {
		t.Fatal(err)
	}
	// Crash without closing: keep the files as they are, then release.
	cp := crashCopy(t, path)
	db.Close()
	if err := store.Restore(cp, bak, storetest.Passphrase, storetest.Options()); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cp+"-journal", oldJournal, 0o600); err != nil {
		t.Fatal(err)
	}
	if n := count(t, open(t, cp), `SELECT count(*) FROM notes`); n != 0 {
		t.Fatalf("%d rows, want the backup's 0", n)
	}
	if n := count(t, open(t, cp+".bak"), `SELECT count(*) FROM notes`); n != 1 {
		t.Fatalf(".bak has %d rows, want 1 (its journal kept)", n)
	}
}
