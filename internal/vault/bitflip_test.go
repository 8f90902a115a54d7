package vault_test

import (
	"bytes"
	"os"
	"testing"

	"atpreg/internal/apperr"
	"atpreg/internal/vault"
	"atpreg/internal/vault/vaulttest"
)

// TestJournalEveryBitFlip flips, one at a time, every bit of a journal of 12
// records, in the format this version writes and in format 1 (the fixture
// written by the earlier version). Each flip must either be reported as
// damage, with the file left as it was, or, only for a bit in the last
// record, drop that record as a torn tail and keep the 11 before it. No flip
// may lose a record but the last, or open with a changed record.
func TestJournalEveryBitFlip(t *testing.T) {
	t.Run("Format2", func(t *testing.T) {
		k := newKeyring(t)
		path, recs := writeJournal(t, k, 4, 12)
		everyBitFlip(t, path, k, 4, recs)
	})
	t.Run("Format1", func(t *testing.T) {
		path, k := copyV1(t)
		var recs [][]byte
		for i := range 12 {
			recs = append(recs, []byte(v1Record(i)))
		}
		everyBitFlip(t, vault.JournalPath(path), k, 5, recs)
	})
}

func everyBitFlip(t *testing.T, osPath string, k *vault.Keyring, gen uint64, want [][]byte) {
	t.Helper()
	orig, err := os.ReadFile(osPath)
	if err != nil {
		t.Fatal(err)
	}
	// The flipped journals live in memory: 8 flips a byte, each read
	// (and its torn tail cut and synced) would be slow on a disk.
	m := vaulttest.NewMemFS()
	m.MkdirAll("/r", 0o700)
	path := "/r/register.atpreg-journal"
	m.WriteFile(path, orig, 0o600)
	_, st, err := vault.ReadJournal(m, path, k, gen)
	if err != nil || st.Records != len(want) {
		t.Fatalf("intact journal: %v %+v", err, st)
	}
	lastStart := lastRecordStart(t, m, orig, k, gen)
	damaged, torn := 0, 0
	for bit := range len(orig) * 8 {
		b := bytes.Clone(orig)
		b[bit/8] ^= 1 << (bit % 8)
		m.WriteFile(path, b, 0o600)
		_, recs, st, err := vault.OpenJournal(m, path, k, gen)
		after, _ := m.ReadFile(path)
		switch {
		case err != nil:
			if apperr.CodeOf(err) != apperr.Damaged {
				t.Fatalf("bit %d (byte %d): %v (%s), want damage", bit, bit/8, err, apperr.CodeOf(err))
			}
			if !bytes.Equal(after, b) {
				t.Fatalf("bit %d: a damaged journal was changed", bit)
			}
			damaged++
		case bit/8 >= lastStart && st.DroppedTail && len(recs) == len(want)-1:
			for i := range recs {
				if !bytes.Equal(recs[i], want[i]) {
					t.Fatalf("bit %d: record %d changed", bit, i)
				}
			}
			if int64(len(after)) != st.GoodSize || int(st.GoodSize) != lastStart {
				t.Fatalf("bit %d: torn tail cut at %d (file %d bytes), want %d", bit, st.GoodSize, len(after), lastStart)
			}
			torn++
		default:
			t.Fatalf("bit %d (byte %d of %d, last record from %d): opened with %d records, %+v", bit, bit/8, len(orig), lastStart, len(recs), st)
		}
	}
	t.Logf("%d bits: %d damage, %d torn last record", len(orig)*8, damaged, torn)
	if damaged+torn != len(orig)*8 || torn > (len(orig)-lastStart)*8 {
		t.Fatal("miscounted")
	}
}

// lastRecordStart finds the offset of the last record: the longest prefix of
// the journal that reads as one record fewer.
func lastRecordStart(t *testing.T, m *vaulttest.MemFS, orig []byte, k *vault.Keyring, gen uint64) int {
	t.Helper()
	p := "/r/probe-journal"
	for n := len(orig) - 1; n > 0; n-- {
		m.WriteFile(p, orig[:n], 0o600)
		_, st, err := vault.ReadJournal(m, p, k, gen)
		if err == nil && !st.DroppedTail && st.GoodSize == int64(n) {
			return n
		}
	}
	t.Fatalf("no record boundary in %d bytes", len(orig))
	return 0
}
