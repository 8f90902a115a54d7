package store_test

import (
	"bytes"
	"encoding/binary"
	"flag"
	"hash/crc32"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"atpreg/internal/apperr"
	"atpreg/internal/store"
	"atpreg/internal/store/storetest"
)

var update = flag.Bool("update", false, "regenerate the broken-register fixtures under testdata/registers")

const fixtureDir = "testdata/registers"

var fixturePass = []byte("fixture passphrase (fictional)")

// fixtures lists the registers under testdata/registers and what opening each
// must give. Each folder holds register.atpreg and maybe register.atpreg-journal.
var fixtures = []struct {
	name string
	pass []byte
	code apperr.Code // "" = opens
	msg  string      // part of the message
	rows int         // rows in notes when it opens
}{
	{"good", fixturePass, "", "", 3},
	{"good", []byte("not the passphrase"), apperr.WrongPass, "passphrase is not right", 0},
	{"torn-journal-tail", fixturePass, "", "", 2},
	{"bit-flipped", fixturePass, apperr.Damaged, "chunk 1 of 1 does not authenticate", 0},
	{"truncated", fixturePass, apperr.Damaged, "cut short", 0},
	{"truncated-header", fixturePass, apperr.Damaged, "cut short", 0},
	{"header-edited", fixturePass, apperr.Damaged, "header is damaged or was edited", 0},
	{"header-forged", fixturePass, apperr.Damaged, "header was edited", 0},
	{"not-a-register", fixturePass, apperr.Damaged, "not an atpreg register", 0},
	{"journal-of-another-register", fixturePass, apperr.Damaged, "belongs to another register", 0},
	{"journal-damaged-record", fixturePass, apperr.Damaged, "record 1 does not authenticate", 0},
	{"journal-newer-than-snapshot", fixturePass, apperr.Damaged, "replaced by an older copy", 0},
	{"newer-format", fixturePass, apperr.Conflict, "newer version of atpreg", 0},
	{"newer-schema", fixturePass, apperr.Conflict, "newer version of atpreg", 0},
}

func TestFixtures(t *testing.T) {
	if *update {
		generateFixtures(t)
	}
	for _, f := range fixtures {
		name := f.name
		if f.code != "" {
			name += "/" + string(f.code)
		}
		t.Run(name, func(t *testing.T) {
			path := copyFixture(t, f.name)
			before := snapshotDir(t, filepath.Dir(path))
			db, err := store.Open(path, f.pass, storetest.Options())
			if f.code == "" {
				if err != nil {
					t.Fatalf("open: %v", err)
				}
				defer db.Close()
				if n := count(t, db, `SELECT count(*) FROM notes`); n != f.rows {
					t.Fatalf("%d rows, want %d", n, f.rows)
				}
				if err := db.Check(); err != nil {
					t.Fatal(err)
				}
				return
			}
			if apperr.CodeOf(err) != f.code || !strings.Contains(err.Error(), f.msg) {
				t.Fatalf("got %v (%s), want %s with %q", err, apperr.CodeOf(err), f.code, f.msg)
			}
			if after := snapshotDir(t, filepath.Dir(path)); after != before {
				t.Fatal("opening a broken register changed its files")
			}
			if _, err := store.Verify(path, f.pass, storetest.Options()); apperr.CodeOf(err) != f.code {
				t.Fatalf("verify: %v, want %s", err, f.code)
			}
			if err := store.Restore(filepath.Join(t.TempDir(), "r.atpreg"), path, f.pass, storetest.Options()); apperr.CodeOf(err) != f.code {
				t.Fatalf("restore from it: %v, want %s", err, f.code)
			}
		})
	}
}

// copyFixture copies a fixture into a temporary folder (opening takes a lock
// file and may cut a torn journal tail) and returns the register's path.
func copyFixture(t *testing.T, name string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "register.atpreg")
	for _, suf := range []string{"", "-journal"} {
		b, err := os.ReadFile(filepath.Join(fixtureDir, name, "register.atpreg"+suf))
		if os.IsNotExist(err) && suf != "" {
			continue
		}
		if err != nil {
			t.Fatalf("fixture %s missing (run go test -run TestFixtures -update): %v", name, err)
		}
		if err := os.WriteFile(dst+suf, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// makeRegister creates a register in dir with a notes table holding rows
// rows: the first in the snapshot, the others only in the journal.
func makeRegister(t *testing.T, dir string, rows int) (snap, journal []byte) {
	t.Helper()
	path := filepath.Join(dir, "register.atpreg")
	opt := storetest.Options()
	db, err := store.Create(path, fixturePass, opt)
	if err != nil {
		t.Fatal(err)
	}
	mustUpdate(t, db, exec(`CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT`))
	for i := range rows {
		mustUpdate(t, db, exec(`INSERT INTO notes(body) VALUES (?)`, "fictional note "+strings.Repeat("x", i)))
		if i == 0 {
			if err := db.Snapshot(); err != nil {
				t.Fatal(err)
			}
		}
	}
	snap, _ = os.ReadFile(path)
	journal, _ = os.ReadFile(path + "-journal")
	// Leave without closing (as after a crash) so the journal keeps its records.
	t.Cleanup(func() { db.Close() })
	return snap, journal
}

func recrc(b []byte) []byte {
	binary.BigEndian.PutUint32(b[162:], crc32.Checksum(b[:162], crc32.MakeTable(crc32.Castagnoli)))
	return b
}

func generateFixtures(t *testing.T) {
	snap, jrnl := makeRegister(t, t.TempDir(), 3)
	_, otherJ := makeRegister(t, t.TempDir(), 3)
	clone := bytes.Clone
	// journal header is 36 bytes; each record (format 2): a 20-byte header
	// whose bytes 12..16 are the body's length, then the body. (The
	// fixtures committed were written in format 1: 4-byte length, body.)
	firstRec := 36 + 20 + int(binary.BigEndian.Uint32(jrnl[36+12:]))
	withGen := func(b []byte, gen uint64) []byte {
		b = clone(b)
		binary.BigEndian.PutUint64(b[24:], gen)
		return b
	}
	set := map[string][2][]byte{
		"good":                        {snap, jrnl},
		"torn-journal-tail":           {snap, jrnl[:len(jrnl)-5]},
		"bit-flipped":                 {func() []byte { b := clone(snap); b[len(b)-100] ^= 0x10; return b }(), jrnl},
		"truncated":                   {snap[:len(snap)-1000], jrnl},
		"truncated-header":            {snap[:100], nil},
		"header-edited":               {func() []byte { b := clone(snap); b[31] ^= 1; return b }(), jrnl},
		"header-forged":               {recrc(withGen(snap, 77)), jrnl},
		"not-a-register":              {[]byte("Name,Address\nFictional Ltd,1 Science Park\n"), nil},
		"journal-of-another-register": {snap, otherJ},
		"journal-damaged-record":      {snap, func() []byte { b := clone(jrnl); b[firstRec-3] ^= 1; return b }()},
		"journal-newer-than-snapshot": {snap, func() []byte {
			b := withGen(jrnl, binary.BigEndian.Uint64(snap[24:])+1)
			binary.BigEndian.PutUint32(b[32:], crc32.Checksum(b[:32], crc32.MakeTable(crc32.Castagnoli)))
			return b
		}()},
		"newer-format": {func() []byte { b := clone(snap); b[7] = 2; return recrc(b) }(), nil},
	}
	// newer-schema: a register whose schema_migrations names a future step.
	dir := t.TempDir()
	path := filepath.Join(dir, "register.atpreg")
	db, err := store.Create(path, fixturePass, storetest.Options())
	if err != nil {
		t.Fatal(err)
	}
	mustUpdate(t, db, exec(`CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT`))
	mustUpdate(t, db, exec(`INSERT INTO schema_migrations(version, name, applied_at) VALUES (9999, '9999_future', '2099-01-01T00:00:00.000000000Z')`))
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	ns, _ := os.ReadFile(path)
	nj, _ := os.ReadFile(path + "-journal")
	set["newer-schema"] = [2][]byte{ns, nj}

	if err := os.RemoveAll(fixtureDir); err != nil {
		t.Fatal(err)
	}
	for name, files := range set {
		d := filepath.Join(fixtureDir, name)
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, "register.atpreg"), files[0], 0o644); err != nil {
			t.Fatal(err)
		}
		if files[1] != nil {
			if err := os.WriteFile(filepath.Join(d, "register.atpreg-journal"), files[1], 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
