package vault

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"atpreg/internal/apperr"
)

// Lock is an exclusive lock on one register, held by one process (an OS file
// lock on path+".lock", released by the OS if the process dies).
type Lock struct {
	f *os.File
}

// LockRegister takes the lock of the register at path. If another process
// (or another open in this process) holds it, the error is apperr.Locked.
func LockRegister(path string) (*Lock, error) {
	f, err := os.OpenFile(path+".lock", os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, apperr.Wrap(err, apperr.NotFound, "There is no register at %s (its folder does not exist).", path)
		}
		return nil, apperr.Wrap(err, apperr.Internal, "The register %s cannot be locked: %v.", filepath.Base(path), errors.Unwrap(err))
	}
	if err := lockFile(f); err != nil {
		f.Close()
		if errors.Is(err, errBusy) {
			return nil, apperr.New(apperr.Locked, "The register %s is already open in another atpreg window or command. Close it there first.", path)
		}
		return nil, apperr.Wrap(err, apperr.Internal, "The register %s cannot be locked: %v.", filepath.Base(path), err)
	}
	// The pid is a hint for people; the OS lock is what counts.
	if err := f.Truncate(0); err == nil {
		_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return &Lock{f: f}, nil
}

// Unlock releases the lock. It is safe to call more than once.
func (l *Lock) Unlock() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := unlockFile(l.f)
	if cerr := l.f.Close(); err == nil {
		err = cerr
	}
	l.f = nil
	if err != nil {
		return fmt.Errorf("vault: unlock: %w", err)
	}
	return nil
}
