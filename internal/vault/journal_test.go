package vault_test

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"atpreg/internal/apperr"
	"atpreg/internal/vault"
)

func writeJournal(t *testing.T, k *vault.Keyring, gen uint64, n int) (string, [][]byte) {
	t.Helper()
	path := vault.JournalPath(filepath.Join(t.TempDir(), "r.atpreg"))
	j, err := vault.CreateJournal(vault.OS, path, k, gen)
	if err != nil {
		t.Fatal(err)
	}
	var recs [][]byte
	for i := range n {
		r := []byte(fmt.Sprintf("record %d of a fictional register", i))
		if err := j.Append(r); err != nil {
			t.Fatal(err)
		}
		recs = append(recs, r)
	}
	if err := j.Close(); err != nil {
		t.Fatal(err)
	}
	return path, recs
}

func TestJournalRoundTripAndAppendAfterOpen(t *testing.T) {
	k := newKeyring(t)
	path, recs := writeJournal(t, k, 3, 5)
	j, got, st, err := vault.OpenJournal(vault.OS, path, k, 3)
	if err != nil || st.Records != 5 || st.DroppedTail || len(got) != 5 {
		t.Fatalf("open: %v %+v", err, st)
	}
	for i := range recs {
		if !bytes.Equal(got[i], recs[i]) {
			t.Fatalf("record %d differs", i)
		}
	}
	if err := j.Append([]byte("sixth")); err != nil {
		t.Fatal(err)
	}
	j.Close()
	got, st, err = vault.ReadJournal(vault.OS, path, k, 3)
	if err != nil || len(got) != 6 || string(got[5]) != "sixth" {
		t.Fatalf("after append: %v %+v", err, st)
	}
}

func TestJournalTornTail(t *testing.T) {
	k := newKeyring(t)
	path, _ := writeJournal(t, k, 1, 3)
	full, _ := os.ReadFile(path)
	_, st2, err := vault.ReadJournal(vault.OS, func() string { p, _ := writeJournal(t, k, 1, 2); return p }(), k, 1)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		data []byte
		want int
	}{
		{"CutInLength", full[:st2.GoodSize+2], 2},
		{"CutInBody", full[:len(full)-3], 2},
		{"ZerosAppended", append(bytes.Clone(full), make([]byte, 40)...), 3},
		{"LastRecordGarbled", func() []byte { b := bytes.Clone(full); b[len(b)-1] ^= 0xff; return b }(), 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if err := os.WriteFile(path, c.data, 0o600); err != nil {
				t.Fatal(err)
			}
			j, recs, st, err := vault.OpenJournal(vault.OS, path, k, 1)
			if err != nil {
				t.Fatal(err)
			}
			j.Close()
			if len(recs) != c.want || !st.DroppedTail {
				t.Fatalf("got %d records %+v, want %d with the tail dropped", len(recs), st, c.want)
			}
			recs, st, err = vault.ReadJournal(vault.OS, path, k, 1)
			if err != nil || len(recs) != c.want || st.DroppedTail {
				t.Fatalf("after truncation: %d %+v %v", len(recs), st, err)
			}
		})
	}
}

func TestJournalDamage(t *testing.T) {
	k := newKeyring(t)
	path, _ := writeJournal(t, k, 2, 3)
	full, _ := os.ReadFile(path)
	cases := []struct {
		name string
		data []byte
		k    *vault.Keyring
		gen  uint64
		code apperr.Code
	}{
		{"MiddleRecordFlipped", func() []byte { b := bytes.Clone(full); b[60] ^= 1; return b }(), k, 2, apperr.Damaged},
		{"HeaderEdited", func() []byte { b := bytes.Clone(full); b[26] ^= 1; return b }(), k, 2, apperr.Damaged},
		{"AnotherRegister", full, newKeyring(t), 2, apperr.Damaged},
		{"NewerThanSnapshot", full, k, 1, apperr.Damaged},
		{"NotAJournal", []byte("this is not a journal at all, just text"), k, 2, apperr.Damaged},
		{"HeaderCut", full[:20], k, 2, apperr.Damaged},
		{"FirstRecordZeroed", func() []byte {
			b := bytes.Clone(full)
			clear(b[36:recordEnd(b, 36)])
			return b
		}(), k, 2, apperr.Damaged},
		{"FirstTwoSwapped", func() []byte {
			b := bytes.Clone(full)
			e1 := recordEnd(b, 36)
			e2 := recordEnd(b, e1)
			return append(append(append(b[:36:36], b[e1:e2]...), b[36:e1]...), b[e2:]...)
		}(), k, 2, apperr.Damaged},
		{"SecondLengthPastEnd", func() []byte {
			b := bytes.Clone(full)
			b[recordEnd(b, 36)+12] ^= 0x40 // the case of issue 18
			return b
		}(), k, 2, apperr.Damaged},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if err := os.WriteFile(path, c.data, 0o600); err != nil {
				t.Fatal(err)
			}
			_, _, _, err := vault.OpenJournal(vault.OS, path, c.k, c.gen)
			if apperr.CodeOf(err) != c.code {
				t.Fatalf("got %v (%s), want %s", err, apperr.CodeOf(err), c.code)
			}
			after, _ := os.ReadFile(path)
			if !bytes.Equal(after, c.data) {
				t.Fatal("a damaged journal was changed")
			}
		})
	}
}

// recordEnd returns where the format-2 record starting at off ends.
func recordEnd(b []byte, off int) int {
	return off + 20 + int(binary.BigEndian.Uint32(b[off+12:]))
}

func TestJournalStaleIsReplaced(t *testing.T) {
	k := newKeyring(t)
	path, _ := writeJournal(t, k, 1, 2)
	j, recs, st, err := vault.OpenJournal(vault.OS, path, k, 2)
	if err != nil || !st.Stale || len(recs) != 0 || j.Records() != 0 || j.Generation() != 2 {
		t.Fatalf("%v %+v", err, st)
	}
	j.Close()
}

// AppendInPlace writes the same records as Append: read back equal, in the
// order appended, whether the record had room to be encrypted where it lay
// or not (then it is left as it was).
func TestJournalAppendInPlace(t *testing.T) {
	k := newKeyring(t)
	path := vault.JournalPath(filepath.Join(t.TempDir(), "r.atpreg"))
	j, err := vault.CreateJournal(vault.OS, path, k, 4)
	if err != nil {
		t.Fatal(err)
	}
	var want [][]byte
	for i := range 6 {
		r := bytes.Repeat([]byte(fmt.Sprintf("fictional record %d;", i)), 1000*(i+1))
		want = append(want, bytes.Clone(r))
		switch i % 3 {
		case 0:
			err = j.Append(r)
		case 1: // room for the tag: encrypted where it lies
			buf := make([]byte, len(r), len(r)+vault.RecordOverhead)
			copy(buf, r)
			if err = j.AppendInPlace(buf); err == nil && bytes.Equal(buf, r) {
				t.Fatalf("record %d: not encrypted in place", i)
			}
		case 2: // no room: copied, left as it was
			r = r[:len(r):len(r)]
			if err = j.AppendInPlace(r); err == nil && !bytes.Equal(r, want[i]) {
				t.Fatalf("record %d: changed without room", i)
			}
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	size := j.Size()
	j.Close()
	if st, _ := os.Stat(path); st.Size() != size {
		t.Fatalf("journal is %d bytes, Size says %d", st.Size(), size)
	}
	got, st, err := vault.ReadJournal(vault.OS, path, k, 4)
	if err != nil || st.DroppedTail || len(got) != len(want) {
		t.Fatalf("%v %+v %d", err, st, len(got))
	}
	for i := range want {
		if !bytes.Equal(got[i], want[i]) {
			t.Fatalf("record %d differs", i)
		}
	}
}
