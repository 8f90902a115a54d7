package vault

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"

	"atpreg/internal/apperr"
)

// Lock is an exclusive lock on one register, held by one process (an OS file
// lock on path+".lock", released by the OS if the process dies).
type Lock struct {
	unlock  func(remove bool) error
	remove  bool
	created bool
}

// LockRegister takes the lock of the register at path. If another process
// (or another open in this process) holds it, the error is apperr.Locked.
// The lock file stays after Unlock (it is the register's).
func LockRegister(fsys FS, path string) (*Lock, error) {
	return lockRegister(fsys, path, false)
}

// LockCopy is LockRegister for a file that is only read (a backup being
// verified): if this call created the lock file, Unlock removes it again, so
// that no stray .lock is left beside the copy.
func LockCopy(fsys FS, path string) (*Lock, error) {
	return lockRegister(fsys, path, true)
}

func lockRegister(fsys FS, path string, transient bool) (*Lock, error) {
	unlock, created, err := fsys.Lock(path + ".lock")
	if err != nil {
		if errors.Is(err, ErrBusy) {
			return nil, apperr.New(apperr.Locked, "The register %s is already open in another atpreg window or command. Close it there first.", path)
		}
		if errors.Is(err, fs.ErrNotExist) {
			return nil, apperr.Wrap(err, apperr.NotFound, "There is no register at %s (its folder does not exist).", path)
		}
		return nil, apperr.Wrap(err, apperr.Internal, "The register %s cannot be locked for this window or command (%s). Nothing was changed.", filepath.Base(path), apperr.Reason(err))
	}
	return &Lock{unlock: unlock, remove: transient && created, created: created}, nil
}

// Discard releases the lock after a command that failed and so must leave
// nothing behind: a lock file this lock created is removed.
func (l *Lock) Discard() error {
	if l != nil && l.created {
		l.remove = true
	}
	return l.Unlock()
}

// Unlock releases the lock. It is safe to call more than once.
func (l *Lock) Unlock() error {
	if l == nil || l.unlock == nil {
		return nil
	}
	err := l.unlock(l.remove)
	l.unlock = nil
	if err != nil {
		return fmt.Errorf("vault: unlock: %w", err)
	}
	return nil
}
