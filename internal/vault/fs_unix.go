//go:build unix

package vault

import (
	"errors"
	"os"
	"syscall"

	"atpreg/internal/apperr"
)

// SyncDir flushes a folder's entries (new, renamed and removed files) to disk.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// replaceFile renames from to to, replacing to; SyncDir(dir) makes it durable.
func replaceFile(from, to string) error { return os.Rename(from, to) }

// lockFile takes an exclusive, non-blocking OS lock on f (flock).
func lockFile(f *os.File) error {
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return errBusy
	}
	return err
}

func unlockFile(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
}

var errBusy = apperr.New(apperr.Locked, "busy")
