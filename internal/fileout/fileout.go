// Package fileout writes the files the officer chose to export (packs,
// summaries, register exports) so that a failure never leaves half a file:
// the bytes go to a private temporary file beside the destination, are
// synced, and only then renamed into place. A caller that must record the
// export first (the ledger) stages the file, records, then commits.
package fileout

import (
	"errors"
	"os"
	"path/filepath"

	"atpreg/internal/apperr"
)

// Staged is a file written and synced beside its destination, not yet in place.
type Staged struct {
	tmp, path string
	done      bool
}

// Stage writes data to a new 0600 file in path's folder and syncs it. what
// names the file for messages ("The briefing pack", "The export").
func Stage(path string, data []byte, what apperr.Label) (*Staged, error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, apperr.Wrap(err, apperr.Invalid, "%s cannot be written to %s (%s). Choose a folder you can write to.", what, dir, apperr.Reason(err))
	}
	tmp := f.Name()
	_, werr := f.Write(data)
	cerr := f.Chmod(0o600)
	serr := f.Sync()
	xerr := f.Close()
	if err := errors.Join(werr, cerr, serr, xerr); err != nil {
		_ = os.Remove(tmp)
		return nil, apperr.Wrap(err, apperr.Internal, "%s could not be written to %s (%s). Check the free space; nothing was saved.", what, dir, apperr.Reason(err))
	}
	return &Staged{tmp: tmp, path: path}, nil
}

// Commit puts the staged file in place (replacing any file of that name) and
// syncs the folder.
func (s *Staged) Commit() error {
	if s.done {
		return nil
	}
	if err := os.Rename(s.tmp, s.path); err != nil {
		_ = os.Remove(s.tmp)
		if inUse(err) {
			return apperr.Wrap(err, apperr.Conflict, "The file %s could not be replaced: another program has it open (a PDF viewer or a spreadsheet?), or it is read-only. Close it there and try again, or save under another name.", s.path)
		}
		return apperr.Wrap(err, apperr.Internal, "The file could not be saved as %s (%s).", s.path, apperr.Reason(err))
	}
	s.done = true
	if d, err := os.Open(filepath.Dir(s.path)); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
	return nil
}

// Discard removes the staged file; a no-op after Commit.
func (s *Staged) Discard() {
	if s != nil && !s.done {
		_ = os.Remove(s.tmp)
		s.done = true
	}
}

// Write stages data and commits it at once.
func Write(path string, data []byte, what apperr.Label) error {
	s, err := Stage(path, data, what)
	if err != nil {
		return err
	}
	return s.Commit()
}
