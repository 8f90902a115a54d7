package service

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
)

// TestSaveFormIsPublished: the RFI form leaves through Publish: a
// pre-filled one is recorded in the ledger as a form naming the entity (and
// in the entity's history), a blank one is recorded naming none; the file
// is 0600 and holds the recorded bytes; saving over a file replaces it (the
// save dialog asked); a file of another kind is refused and records
// nothing.
func TestSaveFormIsPublished(t *testing.T) {
	ctx := context.Background()
	r := testRegister(t, true)
	dir := t.TempDir()
	const id = 1
	ent, err := r.Entity(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "pre.pdf")
	f, err := r.SaveForm(ctx, id, "en", path, false)
	if err != nil {
		t.Fatal(err)
	}
	e := f.Entry
	if e.Kind != register.LedgerForm || !strings.HasPrefix(e.DocID, DocPrefixForm+"-") || !e.Delivered ||
		len(e.EntityIDs) != 1 || e.EntityIDs[0] != id || e.Recipient != ent.Name || e.FileName != "pre.pdf" || e.Folder != dir {
		t.Fatalf("ledger entry %+v", e)
	}
	checkPublishedFile(t, path, e)
	hist, err := r.History(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, h := range hist {
		found = found || h.Action == register.ActionExport && h.Field == register.LedgerForm && strings.Contains(h.Detail, e.DocID)
	}
	if !found {
		t.Fatalf("the entity's history does not record the form %s: %+v", e.DocID, hist)
	}

	blank := filepath.Join(dir, "blank.docx")
	f, err = r.SaveForm(ctx, 0, "zh-HK", blank, false)
	if err != nil {
		t.Fatal(err)
	}
	if f.Entry.Kind != register.LedgerForm || len(f.Entry.EntityIDs) != 0 || f.Entry.Recipient != "" || f.Entry.Options["lang"] != "zh-HK" {
		t.Fatalf("blank form's entry %+v", f.Entry)
	}
	checkPublishedFile(t, blank, f.Entry)

	// Saved again over the same file: refused without replace, then
	// replaced and recorded again.
	if _, err := r.SaveForm(ctx, id, "zh-HK", path, false); apperr.CodeOf(err) != apperr.Conflict {
		t.Fatalf("saving over the form without replace: %v, want a conflict", err)
	}
	again, err := r.SaveForm(ctx, id, "zh-HK", path, true)
	if err != nil {
		t.Fatal(err)
	}
	checkPublishedFile(t, path, again.Entry)
	if again.Entry.DocID == e.DocID {
		t.Fatal("two saves share a document id")
	}

	before, err := r.Ledger(ctx, register.LedgerForm, 0)
	if err != nil || len(before) != 3 {
		t.Fatalf("form entries: %d %v", len(before), err)
	}
	if _, err := r.SaveForm(ctx, id, "en", filepath.Join(dir, "form.odt"), false); !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("odt: %v", err)
	}
	if after, _ := r.Ledger(ctx, "", 0); len(after) != 3 {
		t.Fatalf("a refused form was recorded: %d entries", len(after))
	}
	if _, err := os.Stat(filepath.Join(dir, "form.odt")); err == nil {
		t.Fatal("a refused form was written")
	}
}

// checkPublishedFile checks that the file at path is private and holds the
// bytes its ledger entry records.
func checkPublishedFile(t *testing.T, path string, e register.LedgerEntry) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	if hex.EncodeToString(sum[:]) != e.SHA256 || int64(len(data)) != e.Size {
		t.Fatalf("%s does not hold the bytes its ledger entry %s records", path, e.DocID)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Fatalf("%s is %v, want 0600", path, fi.Mode().Perm())
	}
}
