package vault

import (
	"bufio"
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
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
	snapMagic     = "ATPREG\x00"
	formatVersion = 1

	// ChunkSize is the plaintext size of a snapshot chunk.
	ChunkSize = 1 << 20

	offContent = 44  // end of the content fields (chunk AAD hashes bytes 0..44)
	offKDF     = 44  // start of the KDF fields
	offKDFEnd  = 70  // end of KDF fields (incl. salt)
	offMAC     = 130 // start of the header MAC
	offCRC     = 162 // start of the CRC
	headerLen  = 166 // total header length

	maxPayload = 1 << 32 // the in-memory database caps at 1 GiB; allow headroom
)

var crcTable = crc32.MakeTable(crc32.Castagnoli)

// Snapshot is an opened snapshot file.
type Snapshot struct {
	Keyring    *Keyring
	Generation uint64
	Payload    []byte // the serialized SQLite database (plaintext: zero it after use)
}

func appendKDF(b []byte, p KDFParams, salt [saltLen]byte) []byte {
	b = append(b, 1) // Argon2id
	b = binary.BigEndian.AppendUint32(b, p.Time)
	b = binary.BigEndian.AppendUint32(b, p.MemoryKiB)
	b = append(b, p.Threads)
	return append(b, salt[:]...)
}

// header builds the 166-byte header for a snapshot of payloadLen bytes.
func (k *Keyring) header(gen uint64, payloadLen int) []byte {
	h := make([]byte, 0, headerLen)
	h = append(h, snapMagic...)
	h = append(h, formatVersion)
	h = append(h, k.fileID[:]...)
	h = binary.BigEndian.AppendUint64(h, gen)
	h = binary.BigEndian.AppendUint32(h, ChunkSize)
	h = binary.BigEndian.AppendUint64(h, uint64(payloadLen))
	h = appendKDF(h, k.kdf, k.salt)
	h = append(h, k.wrapNonce[:]...)
	h = append(h, k.wrapped[:]...)
	h = append(h, k.headerMAC(h)...)
	return binary.BigEndian.AppendUint32(h, crc32.Checksum(h, crcTable))
}

func (k *Keyring) headerMAC(h []byte) []byte {
	m := hmac.New(sha256.New, k.macKey)
	m.Write(h[:offMAC])
	return m.Sum(nil)
}

func chunkAAD(contentHash []byte, index uint64, final bool) []byte {
	a := make([]byte, 0, len(contentHash)+9)
	a = append(a, contentHash...)
	a = binary.BigEndian.AppendUint64(a, index)
	if final {
		return append(a, 1)
	}
	return append(a, 0)
}

// WriteSnapshot seals payload as generation gen of the register k belongs to.
func WriteSnapshot(w io.Writer, k *Keyring, gen uint64, payload []byte) error {
	if !k.usable() {
		return errClosed
	}
	if len(payload) == 0 || len(payload) > maxPayload {
		return fmt.Errorf("vault: payload of %d bytes", len(payload))
	}
	h := k.header(gen, len(payload))
	if _, err := w.Write(h); err != nil {
		return err
	}
	ch := sha256.Sum256(h[:offContent])
	buf := make([]byte, 0, nonceLen+ChunkSize+tagLen)
	for i, off := uint64(0), 0; off < len(payload); i++ {
		end := min(off+ChunkSize, len(payload))
		buf = buf[:nonceLen]
		if _, err := rand.Read(buf); err != nil {
			return err
		}
		buf = k.payload.Seal(buf, buf[:nonceLen], payload[off:end], chunkAAD(ch[:], i, end == len(payload)))
		if _, err := w.Write(buf); err != nil {
			return err
		}
		off = end
	}
	return nil
}

// ErrNotRegister is in the chain of the error for a file that does not
// begin as an atpreg register does (another kind of file altogether, not a
// damaged register): a caller that was handed the file (a restore) can
// word it as rejected input.
var ErrNotRegister = errors.New("not an atpreg register")

// damaged builds the error for a damaged file.
func damaged(path, what string) error {
	return apperr.New(apperr.Damaged,
		"The register file %s is damaged or was tampered with: %s. Nothing was changed. Keep the file as it is and restore from a backup (the .bak file beside it, or a copy made with atpreg backup).",
		filepath.Base(path), what)
}

var errClosed = apperr.New(apperr.Locked, "The register is closed. Open it again with its passphrase.")

// wrongPass is the error for a passphrase that does not open the register.
func wrongPass() error {
	return apperr.New(apperr.WrongPass, "The passphrase is not right for this register.")
}

// parsedHeader holds a header's fields once checked for damage.
type parsedHeader struct {
	raw        []byte
	fileID     FileID
	gen        uint64
	chunkSize  uint32
	payloadLen uint64
	keyring    *Keyring // without the data key
}

// parseHeader reads and checks the fixed header, without the passphrase.
func parseHeader(path string, r io.Reader) (*parsedHeader, error) {
	h := make([]byte, headerLen)
	n, err := io.ReadFull(r, h)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, readError(path, err)
	}
	if n >= 7 && string(h[:7]) != snapMagic || n < 7 && n > 0 && !bytes.HasPrefix([]byte(snapMagic), h[:n]) {
		return nil, apperr.Wrap(ErrNotRegister, apperr.Damaged, "The file %s is not an atpreg register.", filepath.Base(path))
	}
	if n == 0 {
		return nil, damaged(path, "the file is empty")
	}
	if n == headerLen && h[7] > formatVersion && crc32.Checksum(h[:offCRC], crcTable) == binary.BigEndian.Uint32(h[offCRC:]) {
		// Later versions keep a CRC-32C of bytes 0..162 at offset 162, so a
		// newer file is told apart from a damaged version byte.
		return nil, apperr.New(apperr.Conflict, "The register file %s was written by a newer version of atpreg (format %d; this version reads format %d). Update atpreg to open it.", filepath.Base(path), h[7], formatVersion)
	}
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, damaged(path, "the file is cut short (truncated inside its header)")
		}
		return nil, err
	}
	if crc32.Checksum(h[:offCRC], crcTable) != binary.BigEndian.Uint32(h[offCRC:]) || h[7] != formatVersion {
		return nil, damaged(path, "the header is damaged or was edited (its checksum does not match)")
	}
	p := &parsedHeader{raw: h, keyring: &Keyring{}}
	copy(p.fileID[:], h[8:24])
	p.gen = binary.BigEndian.Uint64(h[24:32])
	p.chunkSize = binary.BigEndian.Uint32(h[32:36])
	p.payloadLen = binary.BigEndian.Uint64(h[36:44])
	k := p.keyring
	k.fileID = p.fileID
	if h[offKDF] != 1 {
		return nil, damaged(path, "the header names an unknown key-derivation method")
	}
	k.kdf = KDFParams{
		Time:      binary.BigEndian.Uint32(h[45:49]),
		MemoryKiB: binary.BigEndian.Uint32(h[49:53]),
		Threads:   h[53],
	}
	copy(k.salt[:], h[54:70])
	copy(k.wrapNonce[:], h[70:82])
	copy(k.wrapped[:], h[82:130])
	if !k.kdf.valid() {
		return nil, damaged(path, "the header's key-derivation settings are out of range")
	}
	if p.chunkSize == 0 || p.chunkSize > 64<<20 || p.payloadLen == 0 || p.payloadLen > maxPayload {
		return nil, damaged(path, "the header's sizes are out of range")
	}
	return p, nil
}

// openHeader unwraps the data key and checks the header MAC.
func (p *parsedHeader) open(path string, passphrase []byte) (*Keyring, error) {
	ok, err := p.keyring.unwrap(passphrase)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, wrongPass()
	}
	if !hmac.Equal(p.keyring.headerMAC(p.raw), p.raw[offMAC:offCRC]) {
		p.keyring.Zero()
		return nil, damaged(path, "the header was edited (its authentication code does not match)")
	}
	return p.keyring, nil
}

// ReadSnapshot opens a sealed snapshot from r with passphrase. path is used
// in messages only.
func ReadSnapshot(path string, r io.Reader, passphrase []byte) (*Snapshot, error) {
	p, err := parseHeader(path, r)
	if err != nil {
		return nil, err
	}
	k, err := p.open(path, passphrase)
	if err != nil {
		return nil, err
	}
	payload, err := readChunks(path, r, k, p)
	if err != nil {
		k.Zero()
		return nil, err
	}
	return &Snapshot{Keyring: k, Generation: p.gen, Payload: payload}, nil
}

func readChunks(path string, r io.Reader, k *Keyring, p *parsedHeader) ([]byte, error) {
	ch := sha256.Sum256(p.raw[:offContent])
	payload := make([]byte, 0, p.payloadLen)
	cs := uint64(p.chunkSize)
	buf := make([]byte, nonceLen+min(cs, p.payloadLen)+tagLen)
	nChunks := (p.payloadLen + cs - 1) / cs
	for i := uint64(0); i < nChunks; i++ {
		plen := min(cs, p.payloadLen-i*cs)
		b := buf[:nonceLen+plen+tagLen]
		if _, err := io.ReadFull(r, b); err != nil {
			clear(payload)
			if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
				return nil, damaged(path, fmt.Sprintf("the file is cut short (truncated in chunk %d of %d)", i+1, nChunks))
			}
			return nil, readError(path, err)
		}
		out, err := k.payload.Open(payload[len(payload):], b[:nonceLen], b[nonceLen:], chunkAAD(ch[:], i, i == nChunks-1))
		if err != nil {
			clear(payload)
			return nil, damaged(path, fmt.Sprintf("chunk %d of %d does not authenticate (bytes changed on disk)", i+1, nChunks))
		}
		payload = payload[:len(payload)+len(out)]
	}
	var one [1]byte
	if n, _ := io.ReadFull(r, one[:]); n > 0 {
		clear(payload)
		return nil, damaged(path, "there are extra bytes after the end of the register")
	}
	return payload, nil
}

// ReadSnapshotFile opens the sealed snapshot at path with passphrase.
func ReadSnapshotFile(fsys FS, path string, passphrase []byte) (*Snapshot, error) {
	f, err := fsys.OpenFile(path, os.O_RDONLY, 0)
	if err != nil {
		return nil, notFoundOr(path, err)
	}
	defer f.Close()
	return ReadSnapshot(path, bufio.NewReaderSize(f, 64<<10), passphrase)
}

// ErrNotThisKey is the cause (errors.Is) of the error ReadSnapshotFileWithKey
// returns for a file sealed under another data key.
var ErrNotThisKey = errors.New("vault: sealed under another data key")

// ReadSnapshotFileWithKey opens the sealed snapshot at path with the data key
// of k instead of a passphrase: the file must carry k's file id and its
// header MAC must check under k's key (otherwise the error wraps
// ErrNotThisKey). The snapshot's keyring is a copy of k with the file's own
// passphrase wrap.
func ReadSnapshotFileWithKey(fsys FS, path string, k *Keyring) (*Snapshot, error) {
	if !k.usable() {
		return nil, errClosed
	}
	f, err := fsys.OpenFile(path, os.O_RDONLY, 0)
	if err != nil {
		return nil, notFoundOr(path, err)
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 64<<10)
	p, err := parseHeader(path, r)
	if err != nil {
		return nil, err
	}
	if p.fileID != k.fileID || !hmac.Equal(k.headerMAC(p.raw), p.raw[offMAC:offCRC]) {
		return nil, apperr.Wrap(ErrNotThisKey, apperr.Conflict, "The file %s does not belong to this register.", filepath.Base(path))
	}
	c, err := k.clone()
	if err != nil {
		return nil, err
	}
	c.kdf, c.salt, c.wrapNonce, c.wrapped = p.keyring.kdf, p.keyring.salt, p.keyring.wrapNonce, p.keyring.wrapped
	payload, err := readChunks(path, r, c, p)
	if err != nil {
		c.Zero()
		return nil, err
	}
	return &Snapshot{Keyring: c, Generation: p.gen, Payload: payload}, nil
}

// notFoundOr turns a missing file into apperr.NotFound, another failure
// into readError's.
func notFoundOr(path string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return apperr.Wrap(err, apperr.NotFound, "There is no register at %s.", path)
	}
	return readError(path, err)
}

// readError is the error for a register file that cannot be read (an
// input/output error, a folder in its place), with the system's words.
func readError(path string, err error) error {
	return apperr.Wrap(err, apperr.Internal, "The register file %s cannot be read (%s). Nothing was changed.", filepath.Base(path), apperr.Reason(err))
}

// WriteSnapshotFile writes a sealed snapshot to path atomically: a temporary
// file beside it is written and synced, the current file (if any) is kept as
// path+".bak" (replacing an older one), the temporary file is renamed over
// path and the folder synced. A crash at any point leaves either the old or
// the new snapshot at path.
func WriteSnapshotFile(fsys FS, path string, k *Keyring, gen uint64, payload []byte) error {
	return writeSnapshotFile(fsys, path, k, gen, payload, keepBak)
}

// ReplaceSnapshotFile is WriteSnapshotFile for a snapshot of another register
// (a restore): the journal beside path is also kept, copied to
// path+".bak-journal", so that path.bak opens with its changes.
func ReplaceSnapshotFile(fsys FS, path string, k *Keyring, gen uint64, payload []byte) error {
	return writeSnapshotFile(fsys, path, k, gen, payload, keepBakAndJournal)
}

// WriteNewSnapshotFile writes a sealed snapshot to a new file path (a
// backup) atomically, without keeping any .bak.
func WriteNewSnapshotFile(fsys FS, path string, k *Keyring, gen uint64, payload []byte) error {
	return writeSnapshotFile(fsys, path, k, gen, payload, noBak)
}

// WriteSnapshotTemp seals payload into path+".tmp" and syncs it, for a
// caller that renames it into place later (CommitTemp), after other steps.
func WriteSnapshotTemp(fsys FS, path string, k *Keyring, gen uint64, payload []byte) error {
	return writeFileSync(fsys, path+".tmp", func(w io.Writer) error { return WriteSnapshot(w, k, gen, payload) })
}

// CommitTemp renames path+".tmp" (written by WriteSnapshotTemp) over path
// and syncs the folder.
func CommitTemp(fsys FS, path string) error {
	if err := fsys.Rename(path+".tmp", path); err != nil {
		return err
	}
	return fsys.SyncDir(filepath.Dir(path))
}

// RemoveTemp removes path+".tmp" if it is there.
func RemoveTemp(fsys FS, path string) { fsys.Remove(path + ".tmp") }

type bakMode int

const (
	keepBak bakMode = iota
	keepBakAndJournal
	noBak
)

func writeSnapshotFile(fsys FS, path string, k *Keyring, gen uint64, payload []byte, mode bakMode) error {
	tmp := path + ".tmp"
	if err := writeFileSync(fsys, tmp, func(w io.Writer) error { return WriteSnapshot(w, k, gen, payload) }); err != nil {
		return err
	}
	if mode != noBak && exists(fsys, path) {
		if err := keepBackup(fsys, path, mode == keepBakAndJournal); err != nil {
			fsys.Remove(tmp)
			return err
		}
	}
	if err := fsys.Rename(tmp, path); err != nil {
		fsys.Remove(tmp)
		return err
	}
	return fsys.SyncDir(filepath.Dir(path))
}

// keepBackup makes path+".bak" a copy of path (a hard link where possible),
// 0600 whatever path's mode. A journal left beside an older .bak is removed:
// it does not belong to it. With keepJournal, path's journal is copied
// beside the .bak. The copies are made under temporary names first, so that
// a failure (a full disk, where hard links are not possible) changes nothing;
// only renames and a removal follow.
func keepBackup(fsys FS, path string, keepJournal bool) error {
	bak := path + ".bak"
	bj := JournalPath(bak)
	newBak, newBJ := bak+".new", bj+".new"
	fsys.Remove(newBak)
	fsys.Remove(newBJ)
	fail := func(err error) error {
		fsys.Remove(newBak)
		fsys.Remove(newBJ)
		return err
	}
	if err := fsys.Link(path, newBak); err != nil {
		if err := copyFile(fsys, path, newBak); err != nil {
			return fail(err)
		}
	} else if err := chmod600(fsys, newBak); err != nil {
		// path is about to be replaced: its inode lives on as the .bak, and
		// a register file put in place by hand may have been readable by all.
		return fail(err)
	}
	haveBJ := false
	if keepJournal {
		err := copyFile(fsys, JournalPath(path), newBJ)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fail(err)
		}
		haveBJ = err == nil
	}
	if err := fsys.Remove(bj); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fail(err)
	}
	if err := fsys.Rename(newBak, bak); err != nil {
		return fail(err)
	}
	if haveBJ {
		if err := fsys.Rename(newBJ, bj); err != nil {
			return fail(err)
		}
	}
	return fsys.SyncDir(filepath.Dir(path))
}

// chmod600 makes the file at path 0600.
func chmod600(fsys FS, path string) error {
	f, err := fsys.OpenFile(path, os.O_RDONLY, 0)
	if err != nil {
		return err
	}
	err = f.Chmod(0o600)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// copyFile copies src to dst (0600) and syncs it.
func copyFile(fsys FS, src, dst string) error {
	f, err := fsys.OpenFile(src, os.O_RDONLY, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	return writeFileSync(fsys, dst, func(w io.Writer) error { _, err := io.Copy(w, f); return err })
}

// writeFileSync creates path (0600, replacing it), lets fill write it through
// a buffer, then syncs and closes it. On error the file is removed. A file
// already at path (a temporary file left by a crash) is made 0600 too:
// opening it would otherwise keep its mode, and the rename pass it on.
func writeFileSync(fsys FS, path string, fill func(io.Writer) error) error {
	f, err := fsys.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	err = f.Chmod(0o600)
	if err == nil {
		err = fill(bw)
	}
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		fsys.Remove(path)
	}
	return err
}

// Peek reads the header of the snapshot at path without the passphrase and
// returns its file id and generation; the header is checked for damage only.
func Peek(fsys FS, path string) (FileID, uint64, error) {
	f, err := fsys.OpenFile(path, os.O_RDONLY, 0)
	if err != nil {
		return FileID{}, 0, notFoundOr(path, err)
	}
	defer f.Close()
	p, err := parseHeader(path, f)
	if err != nil {
		return FileID{}, 0, err
	}
	return p.fileID, p.gen, nil
}

// KDFOf reads the key-derivation settings in the header of the snapshot at
// path, without the passphrase (the header is checked for damage only).
func KDFOf(fsys FS, path string) (KDFParams, error) {
	f, err := fsys.OpenFile(path, os.O_RDONLY, 0)
	if err != nil {
		return KDFParams{}, notFoundOr(path, err)
	}
	defer f.Close()
	p, err := parseHeader(path, f)
	if err != nil {
		return KDFParams{}, err
	}
	return p.keyring.kdf, nil
}

// OpenKeys unwraps the data key in the header of the snapshot at path with
// passphrase and checks the header, without reading the rest of the file
// (a passphrase check). Errors are ReadSnapshotFile's; zero the keyring
// after use.
func OpenKeys(fsys FS, path string, passphrase []byte) (*Keyring, error) {
	f, err := fsys.OpenFile(path, os.O_RDONLY, 0)
	if err != nil {
		return nil, notFoundOr(path, err)
	}
	defer f.Close()
	p, err := parseHeader(path, f)
	if err != nil {
		return nil, err
	}
	return p.open(path, passphrase)
}
