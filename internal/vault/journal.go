package vault

import (
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"

	"atpreg/internal/apperr"
)

const (
	journalMagic     = "ATPJRN\x00"
	journalSuffix    = "-journal"
	journalHeaderLen = 36
	minRecordLen     = nonceLen + tagLen
	// MaxRecord is the largest journal record (plaintext bytes) accepted.
	MaxRecord = 256 << 20
)

// ErrForeignJournal is the cause (errors.Is) of the damage error ReadJournal
// returns for a journal whose file id is not the register's.
var ErrForeignJournal = errors.New("vault: journal of another register")

// JournalPath returns the journal path of the register at path.
func JournalPath(path string) string { return path + journalSuffix }

// Journal is the open, append-only journal of one register generation.
type Journal struct {
	path string
	f    *os.File
	k    *Keyring
	gen  uint64
	seq  uint64 // sequence number of the next record
	size int64  // bytes in the file
	buf  []byte
}

// JournalState says what opening a journal found.
type JournalState struct {
	Records     int   // good records read
	DroppedTail bool  // a torn last record was dropped
	Stale       bool  // the journal was of an older generation and was discarded
	Missing     bool  // there was no journal file
	GoodSize    int64 // bytes up to the end of the last good record
}

func journalHeader(id FileID, gen uint64) []byte {
	h := make([]byte, 0, journalHeaderLen)
	h = append(h, journalMagic...)
	h = append(h, formatVersion)
	h = append(h, id[:]...)
	h = binary.BigEndian.AppendUint64(h, gen)
	return binary.BigEndian.AppendUint32(h, crc32.Checksum(h, crcTable))
}

func recordAAD(id FileID, gen, seq uint64) []byte {
	a := make([]byte, 0, fileIDLen+16)
	a = append(a, id[:]...)
	a = binary.BigEndian.AppendUint64(a, gen)
	return binary.BigEndian.AppendUint64(a, seq)
}

// CreateJournal atomically replaces the journal at path with an empty one for
// generation gen (temporary file, sync, rename, folder sync) and opens it.
func CreateJournal(path string, k *Keyring, gen uint64) (*Journal, error) {
	if !k.usable() {
		return nil, errClosed
	}
	tmp := path + ".tmp"
	h := journalHeader(k.fileID, gen)
	if err := writeFileSync(tmp, func(w io.Writer) error { _, err := w.Write(h); return err }); err != nil {
		return nil, err
	}
	if err := replaceFile(tmp, path); err != nil {
		os.Remove(tmp)
		return nil, err
	}
	if err := SyncDir(filepath.Dir(path)); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0o600)
	if err != nil {
		return nil, err
	}
	if _, err := f.Seek(0, io.SeekEnd); err != nil {
		f.Close()
		return nil, err
	}
	return &Journal{path: path, f: f, k: k, gen: gen, size: journalHeaderLen}, nil
}

// ReadJournal reads the journal at path for the register k at snapshot
// generation gen and returns its records (plaintext). A torn last record is
// left out (see JournalState); it does not write anything.
func ReadJournal(path string, k *Keyring, gen uint64) ([][]byte, JournalState, error) {
	var st JournalState
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		st.Missing = true
		return nil, st, nil
	}
	if err != nil {
		return nil, st, apperr.Wrap(err, apperr.Internal, "The journal %s cannot be read: %v.", filepath.Base(path), errors.Unwrap(err))
	}
	defer clear(data)
	jdamaged := func(what string) error {
		return apperr.New(apperr.Damaged,
			"The journal %s of this register is damaged or was tampered with: %s. Nothing was changed. Keep both files as they are and restore from a backup (the .bak file beside the register, or a copy made with atpreg backup).",
			filepath.Base(path), what)
	}
	if len(data) == 0 {
		st.Missing = true
		return nil, st, nil
	}
	if len(data) < journalHeaderLen {
		return nil, st, jdamaged("it is cut short inside its header")
	}
	h := data[:journalHeaderLen]
	if string(h[:7]) != journalMagic {
		return nil, st, jdamaged("it is not an atpreg journal")
	}
	crcOK := crc32.Checksum(h[:32], crcTable) == binary.BigEndian.Uint32(h[32:36])
	if h[7] > formatVersion && crcOK {
		return nil, st, apperr.New(apperr.Conflict, "The journal %s was written by a newer version of atpreg. Update atpreg to open this register.", filepath.Base(path))
	}
	if !crcOK || h[7] != formatVersion {
		return nil, st, jdamaged("its header is damaged or was edited")
	}
	var id FileID
	copy(id[:], h[8:24])
	if id != k.fileID {
		err := jdamaged("it belongs to another register")
		err.(*apperr.Error).Err = ErrForeignJournal
		return nil, st, err
	}
	jgen := binary.BigEndian.Uint64(h[24:32])
	if jgen < gen {
		st.Stale = true
		return nil, st, nil
	}
	if jgen > gen {
		return nil, st, jdamaged(fmt.Sprintf("it is newer (generation %d) than the register file (generation %d), so the register file was replaced by an older copy", jgen, gen))
	}
	var recs [][]byte
	off := journalHeaderLen
	for seq := uint64(0); off < len(data); seq++ {
		rest := data[off:]
		torn := func() bool {
			// A torn tail: nothing follows but this record's bytes, or zeros.
			return len(rest) < 4 || 4+int(binary.BigEndian.Uint32(rest)) >= len(rest) || allZero(rest)
		}
		if len(rest) < 4 {
			st.DroppedTail = true
			break
		}
		n := int(binary.BigEndian.Uint32(rest))
		if n < minRecordLen || n > MaxRecord+minRecordLen || 4+n > len(rest) {
			if torn() {
				st.DroppedTail = true
				break
			}
			return nil, st, jdamaged(fmt.Sprintf("record %d has an impossible length", seq+1))
		}
		body := rest[4 : 4+n]
		pt, err := k.journal.Open(nil, body[:nonceLen], body[nonceLen:], recordAAD(k.fileID, gen, seq))
		if err != nil {
			if torn() {
				st.DroppedTail = true
				break
			}
			return nil, st, jdamaged(fmt.Sprintf("record %d does not authenticate and more records follow it", seq+1))
		}
		recs = append(recs, pt)
		off += 4 + n
	}
	st.Records = len(recs)
	st.GoodSize = int64(off)
	return recs, st, nil
}

func allZero(b []byte) bool { return len(bytes.Trim(b, "\x00")) == 0 }

// OpenJournal reads the journal like ReadJournal, then makes it ready for
// appending with ResumeJournal.
func OpenJournal(path string, k *Keyring, gen uint64) (*Journal, [][]byte, JournalState, error) {
	recs, st, err := ReadJournal(path, k, gen)
	if err != nil {
		return nil, nil, st, err
	}
	j, err := ResumeJournal(path, k, gen, st)
	return j, recs, st, err
}

// ResumeJournal opens the journal that ReadJournal found in state st for
// appending: a missing or stale journal is replaced by an empty one, and a
// torn tail is cut off (and synced).
func ResumeJournal(path string, k *Keyring, gen uint64, st JournalState) (*Journal, error) {
	if st.Missing || st.Stale {
		return CreateJournal(path, k, gen)
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0o600)
	if err != nil {
		return nil, err
	}
	fail := func(err error) (*Journal, error) {
		f.Close()
		return nil, err
	}
	if st.DroppedTail {
		if err := f.Truncate(st.GoodSize); err != nil {
			return fail(err)
		}
		if err := f.Sync(); err != nil {
			return fail(err)
		}
	}
	if _, err := f.Seek(st.GoodSize, io.SeekStart); err != nil {
		return fail(err)
	}
	return &Journal{path: path, f: f, k: k, gen: gen, seq: uint64(st.Records), size: st.GoodSize}, nil
}

// Append encrypts rec, appends it and syncs the file before returning. When
// it returns nil the record survives a crash.
func (j *Journal) Append(rec []byte) error {
	if j.f == nil || !j.k.usable() {
		return errClosed
	}
	if len(rec) > MaxRecord {
		return apperr.New(apperr.Invalid, "This change is too large to save at once (%d MiB). Split it into smaller parts.", len(rec)>>20)
	}
	n := nonceLen + len(rec) + tagLen
	b := j.buf[:0]
	b = binary.BigEndian.AppendUint32(b, uint32(n))
	b = append(b, make([]byte, nonceLen)...)
	if _, err := rand.Read(b[4 : 4+nonceLen]); err != nil {
		return err
	}
	b = j.k.journal.Seal(b, b[4:4+nonceLen], rec, recordAAD(j.k.fileID, j.gen, j.seq))
	if cap(b) <= 1<<20 {
		j.buf = b
	}
	if _, err := j.f.Write(b); err != nil {
		j.truncate(j.size)
		return err
	}
	if err := j.f.Sync(); err != nil {
		j.truncate(j.size)
		return err
	}
	j.size += int64(len(b))
	j.seq++
	return nil
}

// UndoLast removes the last appended record (used when the change it holds
// could not be committed after all) and syncs.
func (j *Journal) UndoLast(prevSize int64) error {
	if j.f == nil {
		return errClosed
	}
	if err := j.truncate(prevSize); err != nil {
		return err
	}
	j.size = prevSize
	j.seq--
	return nil
}

func (j *Journal) truncate(size int64) error {
	if err := j.f.Truncate(size); err != nil {
		return err
	}
	if _, err := j.f.Seek(size, io.SeekStart); err != nil {
		return err
	}
	return j.f.Sync()
}

// Size returns the journal's length in bytes.
func (j *Journal) Size() int64 { return j.size }

// Records returns the number of records in the journal.
func (j *Journal) Records() int { return int(j.seq) }

// Generation returns the snapshot generation the journal applies to.
func (j *Journal) Generation() uint64 { return j.gen }

// Close closes the file.
func (j *Journal) Close() error {
	if j.f == nil {
		return nil
	}
	err := j.f.Close()
	j.f = nil
	return err
}
