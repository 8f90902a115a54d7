package vault_test

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"atpreg/internal/apperr"
	"atpreg/internal/vault"
)

// goText matches a Go error's text in a message for a person: an operation
// on a path ("open /tmp/x: ..."), a struct, a formatting mistake.
var goText = regexp.MustCompile(`\b(open|read|write|rename|sync|truncate|mkdir|lstat|stat) /|&\{|%!`)

// TestUnreadableFileMessages: a register file, journal or lock file that
// cannot be read (here a folder in its place) is said in the system's own
// words, in brackets, without the Go error's text (the path again, the
// operation).
func TestUnreadableFileMessages(t *testing.T) {
	dir := t.TempDir()
	k := newKeyring(t)
	for name, try := range map[string]func(path string) error{
		"register": func(path string) error { _, err := vault.ReadSnapshotFile(vault.OS, path, pass); return err },
		"journal":  func(path string) error { _, _, err := vault.ReadJournal(vault.OS, path, k, 1); return err },
		"lock": func(path string) error {
			_, err := vault.LockRegister(vault.OS, strings.TrimSuffix(path, ".lock"))
			return err
		},
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, "folder-"+name+".lock")
			if err := os.Mkdir(path, 0o700); err != nil {
				t.Fatal(err)
			}
			err := try(path)
			msg := apperr.Message(err)
			why := apperr.Reason(err)
			if err == nil || !apperr.Is(err, apperr.Internal) || why == "an unexpected error" || !strings.Contains(msg, "("+string(why)+")") ||
				goText.MatchString(msg) || strings.Contains(msg, dir) {
				t.Fatalf("error %v: message %q", err, msg)
			}
		})
	}
}

// TestNotARegister: a file of another kind is told apart from a damaged
// register (vault.ErrNotRegister), so that a restore can call it the
// wrong file given.
func TestNotARegister(t *testing.T) {
	path := filepath.Join(t.TempDir(), "entities.csv")
	if err := os.WriteFile(path, []byte("entity_name,product_name\nFictional Cells Ltd,FC-1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := vault.ReadSnapshotFile(vault.OS, path, pass)
	if !errors.Is(err, vault.ErrNotRegister) || !apperr.Is(err, apperr.Damaged) {
		t.Fatalf("a CSV read as a register: %v", err)
	}
	damaged := sealed(t, newKeyring(t), []byte("fictional payload"))
	damaged[len(damaged)-1] ^= 1
	if err := os.WriteFile(path, damaged, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := vault.ReadSnapshotFile(vault.OS, path, pass); errors.Is(err, vault.ErrNotRegister) || !apperr.Is(err, apperr.Damaged) {
		t.Fatalf("a damaged register read as another kind of file: %v", err)
	}
}
