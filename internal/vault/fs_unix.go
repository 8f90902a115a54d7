//go:build unix

package vault

import (
	"errors"
	"os"
	"syscall"
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
		return ErrBusy
	}
	return err
}

func unlockFile(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
}

// unlockAndClose releases the lock on f (the lock file name). With remove,
// the file is removed first, while the lock is still held: anyone who opened
// it before then finds, once they get the lock, that it is no longer the
// file at name, and tries again (osFS.Lock).
func unlockAndClose(f *os.File, name string, remove bool) error {
	var rerr error
	if remove {
		if err := os.Remove(name); err != nil && !errors.Is(err, os.ErrNotExist) {
			rerr = err
		}
	}
	err := unlockFile(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return errors.Join(err, rerr)
}
