// Package recent keeps the window's list of the registers the officer used
// lately, and each one's backup plan, in one small JSON file in the user's
// config folder (file 0600, folder 0700). It holds file and folder paths
// and times only: nothing from inside a register.
package recent

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// MaxEntries is how many registers the list remembers; beyond it the least
// recently used are forgotten (those without a backup plan first).
const MaxEntries = 12

// Entry is one register the window opened or created.
type Entry struct {
	// Path is the register file (absolute).
	Path string `json:"path"`
	// Used is when it was last unlocked, created or restored.
	Used time.Time `json:"used"`
	// Backup is its backup plan (zero: none).
	Backup Plan `json:"backup,omitzero"`
}

// Plan is where and how a register's backups are made.
type Plan struct {
	// Folder is where backups go (absolute; "" until chosen).
	Folder string `json:"folder,omitempty"`
	// Keep is how many backups to keep in the folder (0: all).
	Keep int `json:"keep,omitempty"`
	// Daily makes a backup at the first unlock of a day when none was made
	// in the last 24 hours.
	Daily bool `json:"daily,omitempty"`
	// Last is when the last backup was made and read back.
	Last time.Time `json:"last,omitzero"`
}

// file is the JSON file's shape.
type file struct {
	Version   int     `json:"version"`
	Registers []Entry `json:"registers"`
}

// List is the list kept in one file. The zero List (no file) remembers
// nothing: Load returns nothing and Update does nothing.
type List struct {
	// File is the JSON file; "" keeps no list.
	File string
}

// Load returns the entries, most recently used first. A missing file is an
// empty list; an unreadable or damaged one is an error (and Update starts
// it again).
func (l List) Load() ([]Entry, error) {
	if l.File == "" {
		return nil, nil
	}
	b, err := os.ReadFile(l.File)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var f file
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, err
	}
	out := f.Registers[:0]
	for _, e := range f.Registers {
		if e.Path != "" && filepath.IsAbs(e.Path) {
			out = append(out, e)
		}
	}
	sortByUse(out)
	return out, nil
}

// Find returns the entry for path, if the list has it.
func (l List) Find(path string) (Entry, bool) {
	entries, _ := l.Load()
	path = clean(path)
	for _, e := range entries {
		if e.Path == path {
			return e, true
		}
	}
	return Entry{}, false
}

// Update changes the list with fn and writes it (a new file put in place of
// the old in one rename, 0600). fn gets the entries most recently used
// first and may change them in place; the result is sorted and trimmed to
// MaxEntries.
func (l List) Update(fn func([]Entry) []Entry) error {
	if l.File == "" {
		return nil
	}
	entries, _ := l.Load() // a damaged list starts again
	entries = fn(entries)
	sortByUse(entries)
	entries = trim(entries)
	b, err := json.MarshalIndent(file{Version: 1, Registers: entries}, "", "  ")
	if err != nil {
		return err
	}
	dir := filepath.Dir(l.File)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".registers-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(append(b, '\n')); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), l.File)
}

// Used notes that the register at path was used at now: it moves to the top.
func (l List) Used(path string, now time.Time) error {
	path = clean(path)
	return l.Update(func(es []Entry) []Entry {
		for i := range es {
			if es[i].Path == path {
				es[i].Used = now
				return es
			}
		}
		return append(es, Entry{Path: path, Used: now})
	})
}

// Forget removes path from the list (the register file is not touched).
func (l List) Forget(path string) error {
	path = clean(path)
	return l.Update(func(es []Entry) []Entry {
		return slices.DeleteFunc(es, func(e Entry) bool { return e.Path == path })
	})
}

// SetPlan changes the backup plan of path with fn (adding path to the list
// if it is not there).
func (l List) SetPlan(path string, fn func(*Plan)) error {
	path = clean(path)
	return l.Update(func(es []Entry) []Entry {
		for i := range es {
			if es[i].Path == path {
				fn(&es[i].Backup)
				return es
			}
		}
		e := Entry{Path: path}
		fn(&e.Backup)
		return append(es, e)
	})
}

// clean makes path absolute and clean, as the list keeps it.
func clean(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return filepath.Clean(path)
}

// Clean is path as the list keeps it (absolute, clean), for comparing.
func Clean(path string) string { return clean(path) }

// sortByUse puts the most recently used first (stable for equal times).
func sortByUse(es []Entry) {
	slices.SortStableFunc(es, func(a, b Entry) int { return b.Used.Compare(a.Used) })
}

// trim keeps MaxEntries entries: the least recently used go first, those
// without a backup plan before those with one.
func trim(es []Entry) []Entry {
	for len(es) > MaxEntries {
		drop := len(es) - 1
		for i := len(es) - 1; i >= 0; i-- {
			if es[i].Backup.Folder == "" {
				drop = i
				break
			}
		}
		es = slices.Delete(es, drop, drop+1)
	}
	return es
}
