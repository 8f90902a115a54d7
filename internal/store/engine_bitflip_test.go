package store_test

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"testing"

	"atpreg/internal/apperr"
	"atpreg/internal/store"
	"atpreg/internal/store/storetest"
	"atpreg/internal/vault/vaulttest"
)

// memRegister creates a register on a MemFS with a notes table and n notes
// saved in the journal after its last snapshot, and closes it as a crash
// would (the journal keeps its records). It returns the file layer and path.
func memRegister(t *testing.T, n int) (*vaulttest.MemFS, string) {
	t.Helper()
	m := vaulttest.NewMemFS()
	opt := storetest.Options()
	opt.FS = m
	path := "/reg/register.atpreg"
	db, err := store.Create(path, storetest.Passphrase, opt)
	if err != nil {
		t.Fatal(err)
	}
	mustUpdate(t, db, exec(`CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT`))
	if err := db.Snapshot(); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		mustUpdate(t, db, exec(`INSERT INTO notes(id, body) VALUES (?, ?)`, i+1, fmt.Sprintf("fictional note %d", i+1)))
	}
	c := m.Clone() // the files as they are, before Close compacts them
	db.Close()
	return c, path
}

// TestOpenJournalBitFlips flips bits of a 10-record journal and opens the
// register each time: a flip in any record but the last must be refused as
// damage (apperr.Damaged, the CLI's exit status 5) with no file changed; a
// flip in the last record may instead drop it as a torn tail, keeping the
// other 9 changes. Every bit of every record's length field is flipped (the
// case of issue 18: a length pointing past the end of the file was taken for
// a torn tail), and one bit of every 7th other byte; the vault's own test
// flips every bit of a journal without opening a database each time.
func TestOpenJournalBitFlips(t *testing.T) {
	base, path := memRegister(t, 10)
	jpath := path + "-journal"
	orig, err := base.ReadFile(jpath)
	if err != nil {
		t.Fatal(err)
	}
	// Record boundaries: each record is a 20-byte header and a body whose
	// length is in header bytes 12..16.
	var starts []int
	for off := 36; off < len(orig); {
		starts = append(starts, off)
		off += 20 + int(uint32(orig[off+12])<<24|uint32(orig[off+13])<<16|uint32(orig[off+14])<<8|uint32(orig[off+15]))
	}
	if len(starts) != 10 {
		t.Fatalf("%d records in the journal, want 10", len(starts))
	}
	last := starts[len(starts)-1]
	inLength := func(i int) bool {
		for _, s := range starts {
			if i >= s+12 && i < s+16 {
				return true
			}
		}
		return false
	}
	opt := storetest.Options()
	flips, damaged, torn := 0, 0, 0
	for bit := range len(orig) * 8 {
		i := bit / 8
		if !inLength(i) && (bit%8 != i%8 || i%7 != 0) {
			continue
		}
		flips++
		m := base.Clone()
		b := bytes.Clone(orig)
		b[i] ^= 1 << (bit % 8)
		m.WriteFile(jpath, b, 0o600)
		before := memFiles(m)
		opt.FS = m
		db, err := store.Open(path, storetest.Passphrase, opt)
		if err != nil {
			if !apperr.Is(err, apperr.Damaged) {
				t.Fatalf("bit %d (byte %d): %v (%s), want damage", bit, i, err, apperr.CodeOf(err))
			}
			if memFiles(m) != before {
				t.Fatalf("bit %d: opening a damaged register changed its files", bit)
			}
			damaged++
			continue
		}
		rows := count(t, db, `SELECT count(*) FROM notes`)
		db.Close()
		if i < last || rows != 9 {
			t.Fatalf("bit %d (byte %d, last record from byte %d) opened with %d notes", bit, i, last, rows)
		}
		torn++
	}
	t.Logf("%d flips: %d refused as damage, %d dropped the torn last record", flips, damaged, torn)
}

// memFiles describes the files of m (names and contents) but the lock.
func memFiles(m *vaulttest.MemFS) string {
	var b bytes.Buffer
	for _, n := range m.Names() {
		if bytes.HasSuffix([]byte(n), []byte(".lock")) {
			continue
		}
		data, _ := m.ReadFile(n)
		fmt.Fprintf(&b, "%s:%x\n", n, sha256.Sum256(data))
	}
	return b.String()
}
