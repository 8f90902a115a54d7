//go:build windows

package vault

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// SyncDir is a no-op on Windows: Windows documents no way to flush a
// folder's entries (FlushFileBuffers takes a file or volume handle); each
// rename is made durable by replaceFile instead. See docs/windows.md.
func SyncDir(dir string) error { return nil }

// replaceFile renames from to to, replacing to, and returns only once the
// rename is on disk (MoveFileEx with MOVEFILE_REPLACE_EXISTING and
// MOVEFILE_WRITE_THROUGH; os.Rename does not ask for write-through). It fails
// if another handle holds to open without FILE_SHARE_DELETE, which every
// file Go opens does: close the old file first.
func replaceFile(from, to string) error {
	f, err := windows.UTF16PtrFromString(from)
	if err != nil {
		return &os.LinkError{Op: "rename", Old: from, New: to, Err: err}
	}
	t, err := windows.UTF16PtrFromString(to)
	if err != nil {
		return &os.LinkError{Op: "rename", Old: from, New: to, Err: err}
	}
	if err := windows.MoveFileEx(f, t, windows.MOVEFILE_REPLACE_EXISTING|windows.MOVEFILE_WRITE_THROUGH); err != nil {
		return &os.LinkError{Op: "rename", Old: from, New: to, Err: err}
	}
	return nil
}

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
