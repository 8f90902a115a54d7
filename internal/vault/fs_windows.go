//go:build windows

package vault

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// SyncDir is a no-op on Windows, where renames are flushed with the file
// system's metadata and folders cannot be opened for syncing.
func SyncDir(dir string) error { return nil }

// lockFile takes an exclusive, non-blocking OS lock on f (LockFileEx).
func lockFile(f *os.File) error {
	ol := new(windows.Overlapped)
	err := windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, ol)
	if errors.Is(err, windows.ERROR_LOCK_VIOLATION) || errors.Is(err, windows.ERROR_IO_PENDING) {
		return ErrBusy
	}
	return err
}

func unlockFile(f *os.File) error {
	return windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, new(windows.Overlapped))
}

// unlockAndClose releases the lock on f (the lock file name). With remove,
// the file is removed after it is closed; Windows refuses to remove a file
// that another process still has open, so a file someone else is about to
// lock stays.
func unlockAndClose(f *os.File, name string, remove bool) error {
	err := unlockFile(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if remove && err == nil {
		_ = os.Remove(name)
	}
	return err
}
