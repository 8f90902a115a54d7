package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestRegisterArgument checks that the launcher's "atpreg %F" opens a
// register file in the window, and that commands stay commands.
func TestRegisterArgument(t *testing.T) {
	dir := t.TempDir()
	reg := filepath.Join(dir, "Register 2026.atpreg")
	if err := os.WriteFile(reg, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	if got, ok := registerArgument([]string{reg}); !ok || got != reg {
		t.Errorf("registerArgument(%q) = %q, %v; want the file", reg, got, ok)
	}
	folder := filepath.Join(dir, "folder.atpreg")
	if err := os.Mkdir(folder, 0o700); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{folder},
		{"list"},
		{"version"},
		{filepath.Join(dir, "missing.atpreg")},
		{reg, reg},
		{"show", reg},
		{},
	} {
		if got, ok := registerArgument(args); ok {
			t.Errorf("registerArgument(%q) = %q, true; want a command (or an error) instead", args, got)
		}
	}
}
