package vault

import (
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
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

	// journalVersion is the journal format this version writes. Format 1
	// (records framed by a bare length) is still read, and appended to
	// until the next snapshot starts a journal of format 2.
	journalVersion = 2

	// recordMarker starts every record header of format 2.
	recordMarker = "\xA7REC"
	// recordHeaderLen is the size of a format-2 record header: marker,
	// sequence number, body length, CRC-32C.
	recordHeaderLen = 20
)

// ErrForeignJournal is the cause (errors.Is) of the damage error ReadJournal
// returns for a journal whose file id is not the register's.
var ErrForeignJournal = errors.New("vault: journal of another register")

// JournalPath returns the journal path of the register at path.
func JournalPath(path string) string { return path + journalSuffix }

// Journal is the open, append-only journal of one register generation.
type Journal struct {
	fsys    FS
	path    string
	f       File
	k       *Keyring
	version byte
	gen     uint64
	seq     uint64 // sequence number of the next record
	size    int64  // bytes in the file
	buf     []byte
	broken  error // a failed append could not be cut off again: no more appends
}

// JournalState says what opening a journal found.
type JournalState struct {
	Records     int   // good records read
	DroppedTail bool  // a torn last record was dropped
	Stale       bool  // the journal was of an older generation and was discarded
	Missing     bool  // there was no journal file (or an empty one)
	GoodSize    int64 // bytes up to the end of the last good record
	Version     int   // the journal's format version (0 when missing or stale)
}

func journalHeader(id FileID, gen uint64) []byte {
	h := make([]byte, 0, journalHeaderLen)
	h = append(h, journalMagic...)
	h = append(h, journalVersion)
	h = append(h, id[:]...)
	h = binary.BigEndian.AppendUint64(h, gen)
	return binary.BigEndian.AppendUint32(h, crc32.Checksum(h, crcTable))
}

// recordAAD is the associated data of a format-1 record.
func recordAAD(id FileID, gen, seq uint64) []byte {
	a := make([]byte, 0, fileIDLen+16)
	a = append(a, id[:]...)
	a = binary.BigEndian.AppendUint64(a, gen)
	return binary.BigEndian.AppendUint64(a, seq)
}

// recordHeader builds the 20-byte header of format-2 record seq with a body
// of n bytes: marker, sequence number, body length, and a CRC-32C of the
// journal's file id and generation and those 16 bytes. The CRC catches every
// flipped bit in the header (so a damaged length is never mistaken for a
// record cut short by a crash), and the file id and generation in it keep a
// record copied from another journal from passing for a header.
func recordHeader(id FileID, gen, seq uint64, n int) []byte {
	h := make([]byte, 0, recordHeaderLen)
	h = append(h, recordMarker...)
	h = binary.BigEndian.AppendUint64(h, seq)
	h = binary.BigEndian.AppendUint32(h, uint32(n))
	return binary.BigEndian.AppendUint32(h, recordHeaderCRC(id, gen, h))
}

func recordHeaderCRC(id FileID, gen uint64, h []byte) uint32 {
	var pre [fileIDLen + 8]byte
	copy(pre[:], id[:])
	binary.BigEndian.PutUint64(pre[fileIDLen:], gen)
	c := crc32.Update(0, crcTable, pre[:])
	return crc32.Update(c, crcTable, h[:16])
}

// recordAAD2 is the associated data of a format-2 record: the file id, the
// generation and the record's header up to its CRC (marker, sequence number,
// length).
func recordAAD2(id FileID, gen uint64, h []byte) []byte {
	a := make([]byte, 0, fileIDLen+8+16)
	a = append(a, id[:]...)
	a = binary.BigEndian.AppendUint64(a, gen)
	return append(a, h[:16]...)
}

// header2 is a format-2 record header that checks (marker and CRC).
type header2 struct {
	seq uint64
	n   int // body length
}

// parseRecordHeader reads a format-2 record header at the start of b, and
// reports whether it is intact (its marker and CRC check). It does not look
// at the sequence number or the length.
func parseRecordHeader(id FileID, gen uint64, b []byte) (header2, bool) {
	if len(b) < recordHeaderLen || string(b[:4]) != recordMarker {
		return header2{}, false
	}
	if recordHeaderCRC(id, gen, b) != binary.BigEndian.Uint32(b[16:20]) {
		return header2{}, false
	}
	return header2{seq: binary.BigEndian.Uint64(b[4:12]), n: int(binary.BigEndian.Uint32(b[12:16]))}, true
}

// CreateJournal atomically replaces the journal at path with an empty one for
// generation gen (temporary file, sync, rename, folder sync) and opens it.
func CreateJournal(fsys FS, path string, k *Keyring, gen uint64) (*Journal, error) {
	if !k.usable() {
		return nil, errClosed
	}
	tmp := path + ".tmp"
	h := journalHeader(k.fileID, gen)
	if err := writeFileSync(fsys, tmp, func(w io.Writer) error { _, err := w.Write(h); return err }); err != nil {
		return nil, err
	}
	if err := fsys.Rename(tmp, path); err != nil {
		fsys.Remove(tmp)
		return nil, err
	}
	if err := fsys.SyncDir(filepath.Dir(path)); err != nil {
		return nil, err
	}
	f, err := fsys.OpenFile(path, os.O_RDWR, 0o600)
	if err != nil {
		return nil, err
	}
	if _, err := f.Seek(0, io.SeekEnd); err != nil {
		f.Close()
		return nil, err
	}
	return &Journal{fsys: fsys, path: path, f: f, k: k, version: journalVersion, gen: gen, size: journalHeaderLen}, nil
}

// ReadJournal reads the journal at path for the register k at snapshot
// generation gen and returns its records (plaintext). A torn last record is
// left out (see JournalState); it does not write anything.
//
// A record that fails to read is a torn tail (a write cut short by a crash)
// only if nothing that could be a later record follows it; otherwise the
// journal is damaged (apperr.Damaged), so that a flipped bit never silently
// drops the changes saved after it.
func ReadJournal(fsys FS, path string, k *Keyring, gen uint64) ([][]byte, JournalState, error) {
	var st JournalState
	data, err := readFile(fsys, path)
	if errors.Is(err, fs.ErrNotExist) {
		st.Missing = true
		return nil, st, nil
	}
	if err != nil {
		return nil, st, apperr.Wrap(err, apperr.Internal, "The journal %s cannot be read (%s). Nothing was changed.", filepath.Base(path), apperr.Reason(err))
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
	if h[7] > journalVersion && crcOK {
		return nil, st, apperr.New(apperr.Conflict, "The journal %s was written by a newer version of atpreg. Update atpreg to open this register.", filepath.Base(path))
	}
	if !crcOK || h[7] < 1 {
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
	st.Version = int(h[7])
	var recs [][]byte
	var off int
	if h[7] == 1 {
		recs, off, err = readRecords1(data, k, gen, &st, jdamaged)
	} else {
		recs, off, err = readRecords2(data, k, gen, &st, jdamaged)
	}
	if err != nil {
		for _, r := range recs {
			clear(r)
		}
		return nil, st, err
	}
	st.Records = len(recs)
	st.GoodSize = int64(off)
	return recs, st, nil
}

// readRecords2 reads the records of a format-2 journal.
func readRecords2(data []byte, k *Keyring, gen uint64, st *JournalState, jdamaged func(string) error) ([][]byte, int, error) {
	var recs [][]byte
	off := journalHeaderLen
	for seq := uint64(0); off < len(data); seq++ {
		rest := data[off:]
		hd, ok := parseRecordHeader(k.fileID, gen, rest)
		switch {
		case ok && hd.seq == seq && hd.n >= minRecordLen && hd.n <= MaxRecord+minRecordLen:
			if recordHeaderLen+hd.n <= len(rest) {
				body := rest[recordHeaderLen : recordHeaderLen+hd.n]
				pt, err := k.journal.Open(nil, body[:nonceLen], body[nonceLen:], recordAAD2(k.fileID, gen, rest))
				if err == nil {
					recs = append(recs, pt)
					off += recordHeaderLen + hd.n
					continue
				}
			}
			// The body is cut short or does not authenticate.
			if laterHeader(data, off+1, k.fileID, gen) {
				return recs, off, jdamaged(fmt.Sprintf("record %d does not authenticate and more records follow it", seq+1))
			}
		case ok:
			// An intact header that cannot be this record's (another
			// sequence number, an impossible length) is no torn write.
			return recs, off, jdamaged(fmt.Sprintf("record %d is out of place (its header names record %d, or an impossible length)", seq+1, hd.seq+1))
		case laterHeader(data, off+1, k.fileID, gen):
			return recs, off, jdamaged(fmt.Sprintf("record %d is damaged (its header does not check) and more records follow it", seq+1))
		}
		// Nothing that could be a record follows: a write torn by a crash.
		st.DroppedTail = true
		break
	}
	return recs, off, nil
}

// laterHeader reports whether an intact format-2 record header of this
// journal starts anywhere in data at or after from. Only a crash during the
// last append can leave a record unreadable, and nothing is ever written
// after such a record (opening cuts it off first), so a record header after
// an unreadable record proves damage, not a torn write. The CRC over the file
// id, generation, marker, sequence number and length makes a false match in
// the random bytes of a torn record vanishingly unlikely (2^-64 per place).
func laterHeader(data []byte, from int, id FileID, gen uint64) bool {
	for p := from; p+recordHeaderLen <= len(data); {
		i := bytes.Index(data[p:], []byte(recordMarker))
		if i < 0 || p+i+recordHeaderLen > len(data) {
			return false
		}
		p += i
		if _, ok := parseRecordHeader(id, gen, data[p:]); ok {
			return true
		}
		p++
	}
	return false
}

// readRecords1 reads the records of a format-1 journal (a 4-byte length,
// then the body). A format-1 record has no header checksum; a record that
// fails is taken for a torn tail only if it reaches the end of the file and
// no one-bit change of its length makes it read (a flipped bit in a length
// is damage, not a crash).
func readRecords1(data []byte, k *Keyring, gen uint64, st *JournalState, jdamaged func(string) error) ([][]byte, int, error) {
	var recs [][]byte
	off := journalHeaderLen
	for seq := uint64(0); off < len(data); seq++ {
		rest := data[off:]
		if len(rest) < 4 {
			st.DroppedTail = true
			break
		}
		n := int(binary.BigEndian.Uint32(rest))
		fits := func(n int) bool {
			return n >= minRecordLen && n <= MaxRecord+minRecordLen && 4+n <= len(rest)
		}
		opens := func(n int) ([]byte, bool) {
			if !fits(n) {
				return nil, false
			}
			body := rest[4 : 4+n]
			pt, err := k.journal.Open(nil, body[:nonceLen], body[nonceLen:], recordAAD(k.fileID, gen, seq))
			return pt, err == nil
		}
		if pt, ok := opens(n); ok {
			recs = append(recs, pt)
			off += 4 + n
			continue
		}
		if allZero(rest) {
			st.DroppedTail = true
			break
		}
		for b := range 32 {
			if pt, ok := opens(n ^ 1<<b); ok {
				clear(pt)
				return recs, off, jdamaged(fmt.Sprintf("record %d has a damaged length and more records follow it", seq+1))
			}
		}
		if 4+n < len(rest) {
			if fits(n) {
				return recs, off, jdamaged(fmt.Sprintf("record %d does not authenticate and more records follow it", seq+1))
			}
			return recs, off, jdamaged(fmt.Sprintf("record %d has an impossible length", seq+1))
		}
		st.DroppedTail = true
		break
	}
	return recs, off, nil
}

func allZero(b []byte) bool { return len(bytes.Trim(b, "\x00")) == 0 }

// OpenJournal reads the journal like ReadJournal, then makes it ready for
// appending with ResumeJournal.
func OpenJournal(fsys FS, path string, k *Keyring, gen uint64) (*Journal, [][]byte, JournalState, error) {
	recs, st, err := ReadJournal(fsys, path, k, gen)
	if err != nil {
		return nil, nil, st, err
	}
	j, err := ResumeJournal(fsys, path, k, gen, st)
	return j, recs, st, err
}

// ResumeJournal opens the journal that ReadJournal found in state st for
// appending: a missing or stale journal is replaced by an empty one, and a
// torn tail is cut off (and synced). A journal of format 1 is appended to in
// format 1.
func ResumeJournal(fsys FS, path string, k *Keyring, gen uint64, st JournalState) (*Journal, error) {
	if st.Missing || st.Stale {
		return CreateJournal(fsys, path, k, gen)
	}
	f, err := fsys.OpenFile(path, os.O_RDWR, 0o600)
	if err != nil {
		return nil, err
	}
	fail := func(err error) (*Journal, error) {
		f.Close()
		return nil, err
	}
	// A journal put in place by hand may be readable by all: atpreg's files
	// are 0600. (Best effort: some file systems, such as FAT on a memory
	// stick, have no modes to change.)
	_ = f.Chmod(0o600)
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
	return &Journal{fsys: fsys, path: path, f: f, k: k, version: byte(st.Version), gen: gen, seq: uint64(st.Records), size: st.GoodSize}, nil
}

// RecordOverhead is the room AppendInPlace needs past the end of a record
// (cap(rec)-len(rec)) to encrypt it where it lies: the authentication tag.
const RecordOverhead = tagLen

// Append encrypts rec, appends it and syncs the file before returning. When
// it returns nil the record survives a crash. When it fails, the record is
// cut off again; if even that fails, the journal refuses further appends.
// rec is not changed.
func (j *Journal) Append(rec []byte) error { return j.append(rec, false) }

// AppendInPlace is Append for a record the caller has no further use for:
// when rec has RecordOverhead bytes of room past its end, it is encrypted
// where it lies instead of into a copy (a record of many megabytes, such as
// attached files, is then not copied once more). rec's content is
// undefined afterwards.
func (j *Journal) AppendInPlace(rec []byte) error { return j.append(rec, true) }

func (j *Journal) append(rec []byte, inPlace bool) error {
	if j.f == nil || !j.k.usable() {
		return errClosed
	}
	if j.broken != nil {
		return j.broken
	}
	if len(rec) > MaxRecord {
		return apperr.New(apperr.Invalid, "This change is too large to save at once (%d MiB). Split it into smaller parts.", len(rec)>>20)
	}
	n := nonceLen + len(rec) + tagLen
	b := j.buf[:0]
	var aad []byte
	if j.version == 1 {
		b = binary.BigEndian.AppendUint32(b, uint32(n))
		aad = recordAAD(j.k.fileID, j.gen, j.seq)
	} else {
		b = append(b, recordHeader(j.k.fileID, j.gen, j.seq, n)...)
		aad = recordAAD2(j.k.fileID, j.gen, b)
	}
	hl := len(b)
	b = append(b, make([]byte, nonceLen)...)
	if _, err := rand.Read(b[hl : hl+nonceLen]); err != nil {
		return err
	}
	// The record is written as the header and nonce, then the ciphertext
	// with its tag: sealed into b after them, or, in place, where rec lies
	// (two writes, one sync: a crash between them leaves a torn last
	// record, which is dropped like any other).
	var sealed []byte
	if inPlace && cap(rec)-len(rec) >= tagLen {
		sealed = j.k.journal.Seal(rec[:0], b[hl:hl+nonceLen], rec, aad)
	} else {
		b = j.k.journal.Seal(b, b[hl:hl+nonceLen], rec, aad)
	}
	if cap(b) <= 1<<20 {
		j.buf = b
	}
	written := int64(len(b) + len(sealed))
	_, err := j.f.Write(b)
	if err == nil && sealed != nil {
		_, err = j.f.Write(sealed)
	}
	if err != nil {
		j.cutBack()
		return err
	}
	if err := j.f.Sync(); err != nil {
		j.cutBack()
		return err
	}
	j.size += written
	j.seq++
	return nil
}

// cutBack removes a record whose append failed; if that fails too, the
// journal is broken: a later record after the half-written one would make
// the journal read as damaged.
func (j *Journal) cutBack() {
	if err := j.truncate(j.size); err != nil {
		j.broken = apperr.Wrap(err, apperr.Internal, "The journal could not be repaired after a failed write (%s). Close atpreg and open the register again.", apperr.Reason(err))
	}
}

// UndoLast removes the last appended record (used when the change it holds
// could not be committed after all) and syncs.
func (j *Journal) UndoLast(prevSize int64) error {
	if j.f == nil {
		return errClosed
	}
	if err := j.truncate(prevSize); err != nil {
		j.broken = apperr.Wrap(err, apperr.Internal, "The journal could not be repaired after a failed change (%s). Close atpreg and open the register again.", apperr.Reason(err))
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

// Broken returns why the journal refuses appends (a failed append that could
// not be cut off again: the record may be in the file), or nil.
func (j *Journal) Broken() error { return j.broken }

// Size returns the journal's length in bytes.
func (j *Journal) Size() int64 { return j.size }

// Records returns the number of records in the journal.
func (j *Journal) Records() int { return int(j.seq) }

// Generation returns the snapshot generation the journal applies to.
func (j *Journal) Generation() uint64 { return j.gen }

// Version returns the journal's format version.
func (j *Journal) Version() int { return int(j.version) }

// Close closes the file.
func (j *Journal) Close() error {
	if j.f == nil {
		return nil
	}
	err := j.f.Close()
	j.f = nil
	return err
}
