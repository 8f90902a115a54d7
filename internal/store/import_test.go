package store_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"

	"atpreg/internal/interchange"
	"atpreg/internal/store"
	"atpreg/internal/store/storetest"
)

func TestExportRegisterIsLedgered(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	if err := store.LoadDemo(ctx, db, "Test Officer"); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range []interchange.Format{interchange.CSV, interchange.XLSX, interchange.JSON} {
		path := filepath.Join(dir, "register"+f.Extension())
		entry, err := db.ExportRegister(ctx, f, path, "Test Officer")
		if err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
			t.Fatalf("%s export mode %v, want 0600", f, info.Mode().Perm())
		}
		sum := sha256.Sum256(data)
		if entry.Kind != store.LedgerExport || entry.SHA256 != hex.EncodeToString(sum[:]) || entry.FileName != "register"+f.Extension() || len(entry.EntityIDs) == 0 {
			t.Fatalf("%s ledger entry %+v", f, entry)
		}
	}
	led, err := db.Ledger(ctx, store.LedgerFilter{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, l := range led {
		if l.Kind == store.LedgerExport {
			n++
		}
	}
	if n != 3 {
		t.Fatalf("%d exports in the ledger, want 3", n)
	}
	t.Run("ErrFolderMissing", func(t *testing.T) {
		_, err := db.ExportRegister(ctx, interchange.CSV, filepath.Join(dir, "nowhere", "x.csv"), "Test Officer")
		if err == nil {
			t.Fatal("export into a missing folder succeeded")
		}
		led2, _ := db.Ledger(ctx, store.LedgerFilter{})
		if len(led2) != len(led) {
			t.Fatal("a failed export was recorded in the ledger")
		}
	})
}
