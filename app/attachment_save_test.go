package app_test

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"testing"

	"atpreg/app"
	"atpreg/internal/apperr"
)

// TestSaveAttachmentCopyIsPrivateAndWhole checks that a saved copy of an
// attachment is 0600 even when it replaces a readable file, and that a
// failed save leaves no file behind.
func TestSaveAttachmentCopyIsPrivateAndWhole(t *testing.T) {
	r := registerService(t, false)
	id, err := r.Create(fictionalEntity())
	if err != nil {
		t.Fatal(err)
	}
	content := []byte("%PDF-1.4 fictional CMC summary")
	info, err := r.AddAttachment(id, "cmc.pdf", base64.StdEncoding.EncodeToString(content))
	if err != nil {
		t.Fatal(err)
	}

	dir := t.TempDir()
	dst := filepath.Join(dir, "cmc.pdf")
	if err := os.WriteFile(dst, []byte("an older, readable copy"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dst, 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := app.SaveAttachmentTo(r, info.ID, dst)
	if err != nil || got != dst {
		t.Fatalf("save = %q, %v", got, err)
	}
	st, err := os.Stat(dst)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("the saved copy is %v, want -rw-------", st.Mode().Perm())
	}
	if b, _ := os.ReadFile(dst); string(b) != string(content) {
		t.Errorf("the saved copy holds %q", b)
	}

	missing := filepath.Join(dir, "no such folder", "cmc.pdf")
	if _, err := app.SaveAttachmentTo(r, info.ID, missing); wireCode(t, err) != apperr.Invalid {
		t.Errorf("saving into a missing folder: %v, want an invalid-input error", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("the folder should hold only the saved copy, got %d entries", len(entries))
	}
}
