// Package vaulttest has a file layer for tests of the vault and the store:
// MemFS keeps files in memory and can simulate a power cut, in the manner of
// SQLite's crash tests: every write since a file's last sync may be lost,
// cut short or applied out of order, and every change to a folder since its
// last sync (a file created, renamed, linked or removed) may be lost, the
// later ones first.
package vaulttest

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"

	"atpreg/internal/vault"
)

// SectorSize is the unit in which a write not yet synced survives a power
// cut or not: each 512-byte sector of it independently.
const SectorSize = 512

// Op names a file-layer operation, for MemFS.Hook.
type Op struct {
	Kind string // "open", "write", "truncate", "sync", "chmod", "rename", "remove", "link", "syncdir", "lock"
	Name string // the file (for rename and link, the source)
}

// MemFS is an in-memory vault.FS. The zero value is not usable: call NewMemFS.
type MemFS struct {
	mu      sync.Mutex
	nextIno int
	inodes  map[int]*inode
	names   map[string]int // the folders as the program sees them
	durable map[string]int // the folders as they would be after a power cut with nothing pending
	pending map[string][]dirOp
	dirs    map[string]bool
	locks   map[string]bool

	// Hook, if set, is called before every operation that changes
	// something (and before each sync). If it returns an error, the
	// operation fails with it and changes nothing. It must not call the
	// MemFS's file operations, but may call Crash.
	Hook func(Op) error
}

type inode struct {
	data    []byte // as the program sees it
	durable []byte // as it is on the platter (never changed in place)
	pending []contentOp
	mode    fs.FileMode
	shared  bool // data is shared with another MemFS's durable content: copy before changing it
}

// own makes in.data the inode's own before it is changed in place.
func (in *inode) own() {
	if in.shared {
		in.data = bytes.Clone(in.data)
		in.shared = false
	}
}

// contentOp is a change to a file not yet synced: a write of data at off, or
// (data == nil) a truncation to size off.
type contentOp struct {
	off  int64
	data []byte
}

type dirOp struct {
	kind     string // "create", "rename", "remove", "link"
	name, to string
	ino      int
}

// NewMemFS returns an empty MemFS. Folders exist as soon as MkdirAll names
// them; a file's folder must exist.
func NewMemFS() *MemFS {
	return &MemFS{inodes: map[int]*inode{}, names: map[string]int{}, durable: map[string]int{},
		pending: map[string][]dirOp{}, dirs: map[string]bool{}, locks: map[string]bool{}}
}

func (m *MemFS) hook(kind, name string) error {
	if m.Hook == nil {
		return nil
	}
	return m.Hook(Op{Kind: kind, Name: name})
}

func pathErr(op, name string, err error) error { return &fs.PathError{Op: op, Path: name, Err: err} }

func (m *MemFS) dirOK(name string) bool { return m.dirs[filepath.Dir(filepath.Clean(name))] }

func (m *MemFS) logDir(op dirOp) {
	d := filepath.Dir(op.name)
	m.pending[d] = append(m.pending[d], op)
}

// OpenFile implements vault.FS.
func (m *MemFS) OpenFile(name string, flag int, perm fs.FileMode) (vault.File, error) {
	name = filepath.Clean(name)
	if flag&(os.O_CREATE|os.O_TRUNC) != 0 {
		if err := m.hook("open", name); err != nil {
			return nil, pathErr("open", name, err)
		}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	ino, ok := m.names[name]
	switch {
	case ok && flag&os.O_CREATE != 0 && flag&os.O_EXCL != 0:
		return nil, pathErr("open", name, fs.ErrExist)
	case !ok && flag&os.O_CREATE == 0:
		return nil, pathErr("open", name, fs.ErrNotExist)
	case !ok:
		if !m.dirOK(name) {
			return nil, pathErr("open", name, fs.ErrNotExist)
		}
		m.nextIno++
		ino = m.nextIno
		m.inodes[ino] = &inode{mode: perm.Perm()}
		m.names[name] = ino
		m.logDir(dirOp{kind: "create", name: name, ino: ino})
	}
	f := &memFile{m: m, ino: ino, name: name, flag: flag}
	if ok && flag&os.O_TRUNC != 0 {
		m.truncate(m.inodes[ino], 0)
	}
	return f, nil
}

func (m *MemFS) truncate(in *inode, size int64) {
	in.own()
	if int64(len(in.data)) > size {
		in.data = in.data[:size]
	} else {
		in.data = append(in.data, make([]byte, size-int64(len(in.data)))...)
	}
	in.pending = append(in.pending, contentOp{off: size})
}

// Rename implements vault.FS.
func (m *MemFS) Rename(oldpath, newpath string) error {
	oldpath, newpath = filepath.Clean(oldpath), filepath.Clean(newpath)
	if err := m.hook("rename", oldpath); err != nil {
		return &os.LinkError{Op: "rename", Old: oldpath, New: newpath, Err: err}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	ino, ok := m.names[oldpath]
	if !ok {
		return &os.LinkError{Op: "rename", Old: oldpath, New: newpath, Err: fs.ErrNotExist}
	}
	if filepath.Dir(oldpath) != filepath.Dir(newpath) {
		return &os.LinkError{Op: "rename", Old: oldpath, New: newpath, Err: errors.New("vaulttest: rename across folders")}
	}
	delete(m.names, oldpath)
	m.names[newpath] = ino
	m.logDir(dirOp{kind: "rename", name: oldpath, to: newpath, ino: ino})
	return nil
}

// Remove implements vault.FS.
func (m *MemFS) Remove(name string) error {
	name = filepath.Clean(name)
	if err := m.hook("remove", name); err != nil {
		return pathErr("remove", name, err)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.names[name]; !ok {
		return pathErr("remove", name, fs.ErrNotExist)
	}
	delete(m.names, name)
	m.logDir(dirOp{kind: "remove", name: name})
	return nil
}

// Link implements vault.FS.
func (m *MemFS) Link(oldname, newname string) error {
	oldname, newname = filepath.Clean(oldname), filepath.Clean(newname)
	if err := m.hook("link", oldname); err != nil {
		return &os.LinkError{Op: "link", Old: oldname, New: newname, Err: err}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	ino, ok := m.names[oldname]
	if !ok {
		return &os.LinkError{Op: "link", Old: oldname, New: newname, Err: fs.ErrNotExist}
	}
	if _, ok := m.names[newname]; ok {
		return &os.LinkError{Op: "link", Old: oldname, New: newname, Err: fs.ErrExist}
	}
	if filepath.Dir(oldname) != filepath.Dir(newname) {
		return &os.LinkError{Op: "link", Old: oldname, New: newname, Err: errors.New("vaulttest: link across folders")}
	}
	m.names[newname] = ino
	m.logDir(dirOp{kind: "link", name: newname, to: oldname, ino: ino})
	return nil
}

// Lstat implements vault.FS.
func (m *MemFS) Lstat(name string) (fs.FileInfo, error) {
	name = filepath.Clean(name)
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.dirs[name] {
		return fileInfo{name: filepath.Base(name), mode: fs.ModeDir | 0o700}, nil
	}
	ino, ok := m.names[name]
	if !ok {
		return nil, pathErr("lstat", name, fs.ErrNotExist)
	}
	in := m.inodes[ino]
	return fileInfo{name: filepath.Base(name), size: int64(len(in.data)), mode: in.mode}, nil
}

// MkdirAll implements vault.FS. Folders are durable at once.
func (m *MemFS) MkdirAll(dir string, perm fs.FileMode) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		m.dirs[d] = true
		if d == filepath.Dir(d) {
			return nil
		}
	}
}

// SyncDir implements vault.FS: the folder's changes become durable.
func (m *MemFS) SyncDir(dir string) error {
	dir = filepath.Clean(dir)
	if err := m.hook("syncdir", dir); err != nil {
		return pathErr("sync", dir, err)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, op := range m.pending[dir] {
		applyDirOp(m.durable, op)
	}
	delete(m.pending, dir)
	return nil
}

func applyDirOp(names map[string]int, op dirOp) {
	switch op.kind {
	case "create", "link":
		names[op.name] = op.ino
	case "rename":
		delete(names, op.name)
		names[op.to] = op.ino
	case "remove":
		delete(names, op.name)
	}
}

// Lock implements vault.FS with a lock table in memory (a power cut
// releases every lock).
func (m *MemFS) Lock(name string) (func(remove bool) error, bool, error) {
	name = filepath.Clean(name)
	m.mu.Lock()
	held := m.locks[name]
	_, there := m.names[name]
	m.mu.Unlock()
	if held {
		return nil, false, vault.ErrBusy
	}
	if !there {
		f, err := m.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o600)
		if err != nil {
			return nil, false, err
		}
		f.Close()
	}
	m.mu.Lock()
	m.locks[name] = true
	m.mu.Unlock()
	unlock := func(remove bool) error {
		if remove {
			m.Remove(name)
		}
		m.mu.Lock()
		delete(m.locks, name)
		m.mu.Unlock()
		return nil
	}
	return unlock, !there, nil
}

// Crash returns the files as a power cut now would leave them, in a new
// MemFS (with no locks and no hook); m is left as it is. rng decides what
// of the unsynced changes survives: for each folder, a prefix of its
// changes since its last sync (the later ones lost first, as journaling
// file systems keep them in order); for each file, each sector of each
// write since its last sync independently, applied in a random order, and
// each truncation, kept or lost.
func (m *MemFS) Crash(rng *rand.Rand) *MemFS {
	m.mu.Lock()
	defer m.mu.Unlock()
	c := NewMemFS()
	for d := range m.dirs {
		c.dirs[d] = true
	}
	names := map[string]int{}
	for n, ino := range m.durable {
		names[n] = ino
	}
	dirs := make([]string, 0, len(m.pending))
	for d := range m.pending {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	for _, d := range dirs {
		ops := m.pending[d]
		for _, op := range ops[:rng.IntN(len(ops)+1)] {
			applyDirOp(names, op)
		}
	}
	inos := map[int]int{} // old inode -> new inode
	keys := make([]string, 0, len(names))
	for n := range names {
		keys = append(keys, n)
	}
	sort.Strings(keys)
	for _, n := range keys {
		old := names[n]
		ni, ok := inos[old]
		if !ok {
			c.nextIno++
			ni = c.nextIno
			inos[old] = ni
			in := m.inodes[old]
			data := crashContent(in, rng)
			// Both MemFS share the content until one of them changes it.
			c.inodes[ni] = &inode{data: data, durable: data, mode: in.mode, shared: true}
		}
		c.names[n] = ni
		c.durable[n] = ni
	}
	return c
}

// crashContent is what a file holds after a power cut: its synced content
// with a random part of what was written since, in a random order.
func crashContent(in *inode, rng *rand.Rand) []byte {
	if len(in.pending) == 0 {
		return in.durable // shared: neither changes it in place
	}
	data := bytes.Clone(in.durable)
	var pieces []contentOp
	for _, op := range in.pending {
		if op.data == nil {
			if rng.IntN(2) == 0 {
				pieces = append(pieces, op)
			}
			continue
		}
		// Each sector the write touches survives or not.
		for off := op.off; off < op.off+int64(len(op.data)); {
			end := min((off/SectorSize+1)*SectorSize, op.off+int64(len(op.data)))
			if rng.IntN(2) == 0 {
				pieces = append(pieces, contentOp{off: off, data: op.data[off-op.off : end-op.off]})
			}
			off = end
		}
	}
	rng.Shuffle(len(pieces), func(i, j int) { pieces[i], pieces[j] = pieces[j], pieces[i] })
	for _, p := range pieces {
		if p.data == nil {
			if int64(len(data)) > p.off {
				data = data[:p.off]
			} else {
				data = append(data, make([]byte, p.off-int64(len(data)))...)
			}
			continue
		}
		if end := p.off + int64(len(p.data)); end > int64(len(data)) {
			data = append(data, make([]byte, end-int64(len(data)))...)
		}
		copy(data[p.off:], p.data)
	}
	return data
}

// Clone returns a copy of m with every change durable (as after a clean
// shutdown), no locks and no hook.
func (m *MemFS) Clone() *MemFS {
	m.mu.Lock()
	defer m.mu.Unlock()
	c := NewMemFS()
	for d := range m.dirs {
		c.dirs[d] = true
	}
	inos := map[int]int{}
	for n, old := range m.names {
		ni, ok := inos[old]
		if !ok {
			c.nextIno++
			ni = c.nextIno
			inos[old] = ni
			in := m.inodes[old]
			data := bytes.Clone(in.data)
			c.inodes[ni] = &inode{data: data, durable: data, mode: in.mode, shared: true}
		}
		c.names[n] = ni
		c.durable[n] = ni
	}
	return c
}

// WriteFile writes a file at once, durably (for setting up a test).
func (m *MemFS) WriteFile(name string, data []byte, perm fs.FileMode) error {
	name = filepath.Clean(name)
	m.mu.Lock()
	defer m.mu.Unlock()
	if !m.dirOK(name) {
		return pathErr("open", name, fs.ErrNotExist)
	}
	ino, ok := m.names[name]
	if !ok {
		m.nextIno++
		ino = m.nextIno
		m.names[name] = ino
		m.durable[name] = ino
		m.inodes[ino] = &inode{mode: perm.Perm()}
	}
	in := m.inodes[ino]
	in.data, in.durable, in.pending, in.shared = bytes.Clone(data), bytes.Clone(data), nil, false
	return nil
}

// ReadFile returns a file's content as the program sees it.
func (m *MemFS) ReadFile(name string) ([]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	ino, ok := m.names[filepath.Clean(name)]
	if !ok {
		return nil, pathErr("open", name, fs.ErrNotExist)
	}
	return bytes.Clone(m.inodes[ino].data), nil
}

// Names returns the files there are, sorted.
func (m *MemFS) Names() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []string
	for n := range m.names {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Mode returns a file's mode bits.
func (m *MemFS) Mode(name string) (fs.FileMode, error) {
	fi, err := m.Lstat(name)
	if err != nil {
		return 0, err
	}
	return fi.Mode(), nil
}

type memFile struct {
	m      *MemFS
	ino    int
	name   string
	flag   int
	off    int64
	closed bool
}

func (f *memFile) inode() (*inode, error) {
	if f.closed {
		return nil, pathErr("use", f.name, fs.ErrClosed)
	}
	return f.m.inodes[f.ino], nil
}

func (f *memFile) Read(p []byte) (int, error) {
	f.m.mu.Lock()
	defer f.m.mu.Unlock()
	in, err := f.inode()
	if err != nil {
		return 0, err
	}
	if f.flag&(os.O_WRONLY) != 0 {
		return 0, pathErr("read", f.name, errors.New("vaulttest: file not open for reading"))
	}
	if f.off >= int64(len(in.data)) {
		return 0, io.EOF
	}
	n := copy(p, in.data[f.off:])
	f.off += int64(n)
	return n, nil
}

func (f *memFile) Write(p []byte) (int, error) {
	if err := f.m.hook("write", f.name); err != nil {
		return 0, pathErr("write", f.name, err)
	}
	f.m.mu.Lock()
	defer f.m.mu.Unlock()
	in, err := f.inode()
	if err != nil {
		return 0, err
	}
	if f.flag&(os.O_WRONLY|os.O_RDWR) == 0 {
		return 0, pathErr("write", f.name, errors.New("vaulttest: file not open for writing"))
	}
	in.own()
	end := f.off + int64(len(p))
	if end > int64(len(in.data)) {
		in.data = append(in.data, make([]byte, end-int64(len(in.data)))...)
	}
	copy(in.data[f.off:], p)
	in.pending = append(in.pending, contentOp{off: f.off, data: bytes.Clone(p)})
	f.off = end
	return len(p), nil
}

func (f *memFile) Seek(offset int64, whence int) (int64, error) {
	f.m.mu.Lock()
	defer f.m.mu.Unlock()
	in, err := f.inode()
	if err != nil {
		return 0, err
	}
	switch whence {
	case io.SeekStart:
	case io.SeekCurrent:
		offset += f.off
	case io.SeekEnd:
		offset += int64(len(in.data))
	}
	if offset < 0 {
		return 0, pathErr("seek", f.name, errors.New("vaulttest: negative offset"))
	}
	f.off = offset
	return offset, nil
}

func (f *memFile) Truncate(size int64) error {
	if err := f.m.hook("truncate", f.name); err != nil {
		return pathErr("truncate", f.name, err)
	}
	f.m.mu.Lock()
	defer f.m.mu.Unlock()
	in, err := f.inode()
	if err != nil {
		return err
	}
	f.m.truncate(in, size)
	return nil
}

func (f *memFile) Sync() error {
	if err := f.m.hook("sync", f.name); err != nil {
		return pathErr("sync", f.name, err)
	}
	f.m.mu.Lock()
	defer f.m.mu.Unlock()
	in, err := f.inode()
	if err != nil {
		return err
	}
	in.durable = bytes.Clone(in.data)
	in.pending = nil
	return nil
}

// Note: in.durable is only ever replaced, never changed in place, so a
// crash image may share it.

func (f *memFile) Chmod(mode fs.FileMode) error {
	if err := f.m.hook("chmod", f.name); err != nil {
		return pathErr("chmod", f.name, err)
	}
	f.m.mu.Lock()
	defer f.m.mu.Unlock()
	in, err := f.inode()
	if err != nil {
		return err
	}
	in.mode = mode.Perm()
	return nil
}

func (f *memFile) Close() error {
	f.m.mu.Lock()
	defer f.m.mu.Unlock()
	if f.closed {
		return pathErr("close", f.name, fs.ErrClosed)
	}
	f.closed = true
	return nil
}

type fileInfo struct {
	name string
	size int64
	mode fs.FileMode
}

func (fi fileInfo) Name() string       { return fi.name }
func (fi fileInfo) Size() int64        { return fi.size }
func (fi fileInfo) Mode() fs.FileMode  { return fi.mode }
func (fi fileInfo) ModTime() time.Time { return time.Time{} }
func (fi fileInfo) IsDir() bool        { return fi.mode.IsDir() }
func (fi fileInfo) Sys() any           { return nil }
