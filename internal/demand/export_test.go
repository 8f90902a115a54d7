package demand_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"atpreg/internal/apperr"
	"atpreg/internal/demand"
	"atpreg/internal/register"
	"atpreg/internal/store"
	"atpreg/internal/store/storetest"
)

func demoDB(t *testing.T) *store.DB {
	t.Helper()
	db := storetest.New(t)
	if err := store.LoadDemo(context.Background(), db, "Fictional Officer"); err != nil {
		t.Fatal(err)
	}
	return db
}

func TestExportRecordsLedger(t *testing.T) {
	db := demoDB(t)
	ctx := context.Background()
	dir := t.TempDir()
	for _, format := range []string{"pdf", "JSON"} {
		path := filepath.Join(dir, "summary."+format)
		res, err := demand.Export(ctx, db, demand.ExportInput{Format: format, Path: path,
			Statuses: []register.Status{register.StatusInvited, register.StatusInDialogue}, By: "Fictional Officer", Generator: "atpreg test"})
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		if res.SHA256 != hex.EncodeToString(sum[:]) || res.Size != len(data) {
			t.Errorf("%s: result %+v does not describe the file", format, res)
		}
		if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, want 0600", format, fi.Mode().Perm())
		}
		entries, err := db.Ledger(ctx, store.LedgerFilter{DocID: res.DocumentID})
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 1 {
			t.Fatalf("%s: %d ledger entries for %s, want 1", format, len(entries), res.DocumentID)
		}
		e := entries[0]
		if e.Kind != store.LedgerDemand || e.SHA256 != res.SHA256 || e.FileName != filepath.Base(path) || e.By != "Fictional Officer" || e.ID != res.LedgerID {
			t.Errorf("%s: ledger entry %+v does not match %+v", format, e, res)
		}
		if len(e.EntityIDs) != 0 {
			t.Errorf("%s: the ledger names entities %v for an anonymised summary", format, e.EntityIDs)
		}
	}
	var rep map[string]any
	b, _ := os.ReadFile(filepath.Join(dir, "summary.JSON"))
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	if f := rep["filter"].(map[string]any); len(f["statuses"].([]any)) != 2 {
		t.Errorf("filter = %v, want invited and in dialogue", f)
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".*.tmp"))
	if len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

func TestExportErrors(t *testing.T) {
	db := demoDB(t)
	ctx := context.Background()
	tests := []struct {
		name string
		in   demand.ExportInput
		code apperr.Code
	}{
		{"ErrFormat", demand.ExportInput{Format: "xlsx", Path: filepath.Join(t.TempDir(), "x")}, apperr.Invalid},
		{"ErrNoPath", demand.ExportInput{Format: "pdf"}, apperr.Invalid},
		{"ErrNoFolder", demand.ExportInput{Format: "json", Path: filepath.Join(t.TempDir(), "missing", "x.json")}, apperr.Invalid},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := demand.Export(ctx, db, tc.in)
			if apperr.CodeOf(err) != tc.code {
				t.Fatalf("error %v (code %v), want code %v", err, apperr.CodeOf(err), tc.code)
			}
			entries, _ := db.Ledger(ctx, store.LedgerFilter{Kind: store.LedgerDemand})
			if len(entries) != 0 {
				t.Errorf("a failed export was recorded: %+v", entries)
			}
		})
	}
}

func TestParseStatuses(t *testing.T) {
	got, err := demand.ParseStatuses([]string{"invited", "In dialogue", ""})
	if err != nil || len(got) != 2 || got[1] != register.StatusInDialogue {
		t.Errorf("ParseStatuses = %v, %v", got, err)
	}
	if _, err := demand.ParseStatuses([]string{"bogus"}); apperr.CodeOf(err) != apperr.Invalid {
		t.Errorf("unknown status: %v, want invalid", err)
	}
}
