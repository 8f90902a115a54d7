package fileout_test

import (
	"os"
	"path/filepath"
	"testing"

	"atpreg/internal/apperr"
	"atpreg/internal/fileout"
)

func TestStageCommit(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "pack.pdf")
	s, err := fileout.Stage(path, []byte("%PDF-1.7 fictional"), apperr.Fixed("The pack"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatal("the destination exists before Commit")
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("committed file: %v %v", info, err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("left %d files, want only the export", len(entries))
	}
}

func TestDiscardLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	s, err := fileout.Stage(filepath.Join(dir, "x.json"), []byte("{}"), apperr.Fixed("The export"))
	if err != nil {
		t.Fatal(err)
	}
	s.Discard()
	s.Discard()
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("Discard left %d files", len(entries))
	}
}

func TestErrFolderMissing(t *testing.T) {
	err := fileout.Write(filepath.Join(t.TempDir(), "nowhere", "x.pdf"), []byte("x"), apperr.Fixed("The pack"))
	if !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("want a clear Invalid error for a missing folder, got %v", err)
	}
}
