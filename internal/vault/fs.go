package vault

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"strconv"
)

// FS is the file layer the vault (and the store above it) reads and writes
// a register through. Production code uses OS; tests pass a layer that
// simulates power cuts (see the vaulttest package), so that every write,
// sync and rename the vault does can be lost, torn or reordered as a real
// disk would at a power cut.
type FS interface {
	// OpenFile opens name like os.OpenFile.
	OpenFile(name string, flag int, perm fs.FileMode) (File, error)
	// Rename renames like os.Rename (replacing newpath atomically).
	Rename(oldpath, newpath string) error
	// Remove removes a file like os.Remove.
	Remove(name string) error
	// Link makes newname a hard link to oldname like os.Link.
	Link(oldname, newname string) error
	// Lstat describes name like os.Lstat.
	Lstat(name string) (fs.FileInfo, error)
	// MkdirAll creates a folder and its parents like os.MkdirAll.
	MkdirAll(dir string, perm fs.FileMode) error
	// SyncDir makes the folder's entries (files created, renamed, removed)
	// durable.
	SyncDir(dir string) error
	// Lock takes an exclusive, non-blocking lock on the file name, creating
	// it (0600) if needed; ErrBusy when someone else holds it. created says
	// whether this call created the file. unlock releases the lock; with
	// remove it also deletes the file, safely for others who try to lock it
	// at the same moment.
	Lock(name string) (unlock func(remove bool) error, created bool, err error)
}

// File is an open file of an FS.
type File interface {
	io.Reader
	io.Writer
	io.Seeker
	// Truncate changes the file's size like os.File.Truncate.
	Truncate(size int64) error
	// Sync makes the file's content durable (fsync).
	Sync() error
	// Chmod changes the file's mode like os.File.Chmod.
	Chmod(mode fs.FileMode) error
	// Close closes the file.
	Close() error
}

// ErrBusy is what FS.Lock returns when another process (or another open in
// this one) holds the lock.
var ErrBusy = errors.New("vault: lock held elsewhere")

// OS is the operating system's file layer.
var OS FS = osFS{}

type osFS struct{}

func (osFS) OpenFile(name string, flag int, perm fs.FileMode) (File, error) {
	f, err := os.OpenFile(name, flag, perm)
	if err != nil {
		return nil, err
	}
	return f, nil
}

func (osFS) Rename(oldpath, newpath string) error        { return replaceFile(oldpath, newpath) }
func (osFS) Remove(name string) error                    { return os.Remove(name) }
func (osFS) Link(oldname, newname string) error          { return os.Link(oldname, newname) }
func (osFS) Lstat(name string) (fs.FileInfo, error)      { return os.Lstat(name) }
func (osFS) MkdirAll(dir string, perm fs.FileMode) error { return os.MkdirAll(dir, perm) }
func (osFS) SyncDir(dir string) error                    { return SyncDir(dir) }

func (osFS) Lock(name string) (func(remove bool) error, bool, error) {
	// A lock file may be removed by its holder (see unlock); whoever locked
	// the removed file then holds a lock nobody else can see, so check that
	// the file locked is still the one at name, and try again if not.
	for range 20 {
		created := true
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) {
			created = false
			f, err = os.OpenFile(name, os.O_RDWR, 0o600)
			if errors.Is(err, fs.ErrNotExist) {
				continue // removed in between
			}
		}
		if err != nil {
			return nil, false, err
		}
		if err := lockFile(f); err != nil {
			f.Close()
			return nil, false, err
		}
		fi, err1 := f.Stat()
		ni, err2 := os.Stat(name)
		if err1 != nil || err2 != nil || !os.SameFile(fi, ni) {
			unlockFile(f)
			f.Close()
			continue
		}
		// The pid is a hint for people; the OS lock is what counts.
		if err := f.Truncate(0); err == nil {
			_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
		}
		unlock := func(remove bool) error {
			return unlockAndClose(f, name, remove)
		}
		return unlock, created, nil
	}
	return nil, false, ErrBusy
}

// readFile reads the whole file name from fsys.
func readFile(fsys FS, name string) ([]byte, error) {
	f, err := fsys.OpenFile(name, os.O_RDONLY, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// ReadFile reads the whole file name from fsys (os.ReadFile through an FS).
func ReadFile(fsys FS, name string) ([]byte, error) { return readFile(fsys, name) }

// exists reports whether name exists in fsys (an error other than "does
// not exist" counts as existing, so nothing is overwritten by mistake).
func exists(fsys FS, name string) bool {
	_, err := fsys.Lstat(name)
	return !errors.Is(err, fs.ErrNotExist)
}

// Exists reports whether name exists in fsys; an error other than "does not
// exist" counts as existing, so that nothing is overwritten by mistake.
func Exists(fsys FS, name string) bool { return exists(fsys, name) }
