package store

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"atpreg/internal/apperr"
	"atpreg/internal/vault"
)

// SeenStore keeps, outside the register, a small record per register: the
// newest generation and journal position atpreg has seen of it, so that an
// older copy put in its place (a rollback) is noticed. The store names the
// records (a name derived from the register's data key, which says nothing
// about it) and authenticates them (an HMAC under a key derived from the
// data key); a SeenStore only keeps bytes. SeenDir is the real one.
type SeenStore interface {
	// Load returns what Save saved under name, or nil (and no error) when
	// there is nothing.
	Load(name string) ([]byte, error)
	// Save replaces what is saved under name, atomically; with sync it is
	// on disk when Save returns.
	Save(name string, data []byte, sync bool) error
}

// SeenDir is a SeenStore that keeps one small file per register in a folder
// (0700; files 0600), normally paths.StateDir(). FS is the file layer (nil:
// the operating system's).
type SeenDir struct {
	Dir string
	FS  vault.FS
}

func (s SeenDir) fs() vault.FS {
	if s.FS == nil {
		return vault.OS
	}
	return s.FS
}

// Load implements SeenStore.
func (s SeenDir) Load(name string) ([]byte, error) {
	b, err := vault.ReadFile(s.fs(), filepath.Join(s.Dir, name))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return b, err
}

// Save implements SeenStore: a temporary file renamed over the record.
func (s SeenDir) Save(name string, data []byte, sync bool) error {
	fsys := s.fs()
	if err := fsys.MkdirAll(s.Dir, 0o700); err != nil {
		return err
	}
	p := filepath.Join(s.Dir, name)
	f, err := fsys.OpenFile(p+".tmp", os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	err = f.Chmod(0o600)
	if err == nil {
		_, err = f.Write(data)
	}
	if err == nil && sync {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = fsys.Rename(p+".tmp", p)
	}
	if err != nil {
		fsys.Remove(p + ".tmp")
		return err
	}
	if sync {
		return fsys.SyncDir(s.Dir)
	}
	return nil
}

// seenPos is what is remembered of a register: the newest generation and
// journal position seen, and whether its data key was retired (replaced by a
// passphrase change: every copy sealed under it is older).
type seenPos struct {
	gen     uint64
	records uint64
	retired bool
}

// older reports whether p comes before q.
func (p seenPos) older(q seenPos) bool {
	return p.gen < q.gen || p.gen == q.gen && p.records < q.records
}

const (
	seenVersion = 1
	seenLen     = 1 + 8 + 8 + 1 + sha256.Size
)

// seenState is a register's name and key in the SeenStore.
type seenState struct {
	store SeenStore
	name  string
	key   []byte
}

func newSeenState(s SeenStore, k *vault.Keyring) (*seenState, error) {
	if s == nil {
		return nil, nil
	}
	name, key, err := k.StateKeys()
	if err != nil {
		return nil, err
	}
	return &seenState{store: s, name: name, key: key}, nil
}

func (s *seenState) zero() {
	if s != nil {
		clear(s.key)
	}
}

func (s *seenState) mac(b []byte) []byte {
	m := hmac.New(sha256.New, s.key)
	io.WriteString(m, "atpreg seen v1\x00"+s.name+"\x00")
	m.Write(b)
	return m.Sum(nil)
}

// load returns what is remembered, and whether there is anything. A record
// that does not authenticate counts as nothing (as if it had been deleted,
// which cannot be told from a record lost in a power cut).
func (s *seenState) load() (seenPos, bool, error) {
	b, err := s.store.Load(s.name)
	if err != nil || b == nil {
		return seenPos{}, false, err
	}
	if len(b) != seenLen || b[0] != seenVersion || !hmac.Equal(s.mac(b[:seenLen-sha256.Size]), b[seenLen-sha256.Size:]) {
		return seenPos{}, false, nil
	}
	return seenPos{gen: binary.BigEndian.Uint64(b[1:9]), records: binary.BigEndian.Uint64(b[9:17]), retired: b[17]&1 != 0}, true, nil
}

func (s *seenState) save(p seenPos, sync bool) error {
	b := make([]byte, 0, seenLen)
	b = append(b, seenVersion)
	b = binary.BigEndian.AppendUint64(b, p.gen)
	b = binary.BigEndian.AppendUint64(b, p.records)
	var flags byte
	if p.retired {
		flags = 1
	}
	b = append(b, flags)
	b = append(b, s.mac(b)...)
	return s.store.Save(s.name, b, sync)
}

// checkSeen refuses (apperr.Damaged) to open the register at path whose
// file is at generation gen with records journal records when an older copy
// than the newest one seen. Nothing is checked without a SeenStore.
func checkSeen(s *seenState, path string, gen uint64, records int) error {
	if s == nil {
		return nil
	}
	seen, ok, err := s.load()
	if err != nil {
		return apperr.Wrap(err, apperr.Internal, "atpreg cannot read what it remembers of the register %s (%s), so it cannot check that this is its newest copy. Nothing was changed.", filepath.Base(path), apperr.Reason(err))
	}
	if !ok {
		return nil
	}
	here := seenPos{gen: gen, records: uint64(records)}
	if seen.retired {
		return apperr.New(apperr.Damaged,
			"The register %s is an older copy, from before its passphrase was changed: atpreg has already opened a newer one on this computer. Opening it would lose every change made since. Nothing was changed. Keep the files and look for the newer copy; if you do mean to go back to this copy, bring it back with atpreg restore (or Restore in the window).",
			filepath.Base(path))
	}
	if here.older(seen) {
		return apperr.New(apperr.Damaged,
			"The register %s is an older copy than one atpreg has already opened on this computer (%s; this copy: %s): an older file or journal was put in its place, or its journal was deleted or emptied. Opening it would lose the changes made since. Nothing was changed. Keep the files and look for the newer copy; if you do mean to go back to this copy, bring it back with atpreg restore (or Restore in the window).",
			filepath.Base(path), describePos(seen), describePos(here))
	}
	return nil
}

func describePos(p seenPos) string {
	return fmt.Sprintf("snapshot %d with %d saved changes after it", p.gen, p.records)
}

// noteSeen remembers the register's current position (generation and
// journal records), if it is newer than what is remembered. A failure is a
// warning: the change itself is saved.
func (db *DB) noteSeen(sync bool) {
	if db.seen == nil {
		return
	}
	p := seenPos{gen: db.gen}
	if db.journal != nil {
		p.records = uint64(db.journal.Records())
	}
	if err := db.seen.save(p, sync); err != nil {
		db.warn(fmt.Sprintf("atpreg could not note the register's newest state outside it (%s), so an older copy put in its place may not be noticed.", apperr.Reason(err)))
	}
}
