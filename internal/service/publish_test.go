package service_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
	"atpreg/internal/service"
	"atpreg/internal/service/servicetest"
)

// TestNewDocumentID: prefix, the register's date (UTC), 13 Crockford base32
// characters; no collision among 200,000 ids of one day.
func TestNewDocumentID(t *testing.T) {
	re := regexp.MustCompile(`^DS-20250301-[0-9A-HJKMNP-TV-Z]{13}$`)
	seen := map[string]bool{}
	for range 200_000 {
		id := service.NewDocumentID(service.DocPrefixDemand, servicetest.Now)
		if !re.MatchString(id) {
			t.Fatalf("document id %q", id)
		}
		if seen[id] {
			t.Fatalf("document id %s made twice", id)
		}
		seen[id] = true
	}
}

func ledgerCount(t *testing.T, r *service.Register) int {
	t.Helper()
	es, err := r.Ledger(context.Background(), "", 0)
	if err != nil {
		t.Fatal(err)
	}
	return len(es)
}

// TestPublishRefusesLeavesNothing: a name taken (not to be replaced), a
// missing folder and two files of one name are refused before anything is
// recorded or left in the folder.
func TestPublishRefusesLeavesNothing(t *testing.T) {
	ctx := context.Background()
	r := servicetest.New(t)
	dir := t.TempDir()
	taken := filepath.Join(dir, "taken.txt")
	if err := os.WriteFile(taken, []byte("the officer's own file"), 0o600); err != nil {
		t.Fatal(err)
	}
	pub := func(name string) service.Publication {
		return service.Publication{Kind: register.LedgerExport, DocID: "EX-1", Path: filepath.Join(dir, name), Data: []byte("fictional " + name)}
	}
	tests := []struct {
		name  string
		files []service.Publication
		code  apperr.Code
	}{
		{"Taken", []service.Publication{pub("a.txt"), pub("taken.txt")}, apperr.Conflict},
		{"MissingFolder", []service.Publication{pub("a.txt"), pub(filepath.Join("missing", "b.txt"))}, apperr.Invalid},
		{"SameName", []service.Publication{pub("a.txt"), pub("a.txt")}, apperr.Invalid},
		{"NoPath", []service.Publication{{Kind: register.LedgerExport, DocID: "EX-1"}}, apperr.Invalid},
		{"Nothing", nil, apperr.Invalid},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := r.Publish(ctx, tc.files)
			if apperr.CodeOf(err) != tc.code {
				t.Fatalf("err %v, want code %s", err, tc.code)
			}
			es, _ := os.ReadDir(dir)
			if len(es) != 1 {
				t.Errorf("%d files in the folder, want only the officer's", len(es))
			}
			if b, _ := os.ReadFile(taken); string(b) != "the officer's own file" {
				t.Error("the officer's file was changed")
			}
			if n := ledgerCount(t, r); n != 0 {
				t.Errorf("%d ledger entries", n)
			}
		})
	}
	// Published and delivered: nothing to write again.
	es, err := r.Publish(ctx, []service.Publication{pub("a.txt"), pub("b.txt")})
	if err != nil || len(es) != 2 || !es[0].Delivered || es[0].Folder != dir || es[1].FileName != "b.txt" {
		t.Fatalf("publish: %v %+v", err, es)
	}
	if _, err := r.WriteAgain(ctx, es[0].ID); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("write a delivered file again: %v", err)
	}
	if _, err := r.WriteAgain(ctx, 999); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("write an unknown entry again: %v", err)
	}
	if u, _ := r.Undelivered(ctx); len(u) != 0 {
		t.Errorf("undelivered %+v", u)
	}
}

// TestExportRegister publishes the demo register in every format and checks
// the files (0600, SHA-256) and their ledger entries; an export into a
// missing folder records nothing.
func TestExportRegister(t *testing.T) {
	ctx := context.Background()
	r := servicetest.NewDemo(t)
	dir := t.TempDir()
	for _, f := range service.ExportFormats() {
		path := filepath.Join(dir, "register."+f)
		res, err := r.ExportRegister(ctx, "", path, false)
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
		if res.Format != f || res.SHA256 != hex.EncodeToString(sum[:]) || res.Entities == 0 || res.Submissions == 0 || !strings.HasPrefix(res.DocID, "EX-") || res.Path != path {
			t.Fatalf("%s result %+v", f, res)
		}
	}
	led, err := r.Ledger(ctx, register.LedgerExport, 0)
	if err != nil || len(led) != 3 {
		t.Fatalf("%d exports in the ledger (%v), want 3", len(led), err)
	}
	if e := led[0]; e.FileName != "register.json" || e.Folder != dir || !e.Delivered || len(e.EntityIDs) == 0 || e.Options["format"] != "json" {
		t.Errorf("ledger entry %+v", e)
	}
	if _, err := r.ExportRegister(ctx, "pdf", filepath.Join(dir, "x.pdf"), false); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("export as pdf: %v", err)
	}
	if _, err := r.ExportRegister(ctx, "csv", filepath.Join(dir, "nowhere", "x.csv"), false); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("export into a missing folder: %v", err)
	}
	if n := ledgerCount(t, r); n != 3 {
		t.Errorf("a failed export was recorded (%d entries)", n)
	}
	tpl := filepath.Join(dir, "template.xlsx")
	if err := service.SaveTemplate(tpl, false); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(tpl); err != nil || !strings.HasPrefix(string(b), "PK") {
		t.Errorf("template: %v", err)
	}
	if err := service.SaveTemplate(filepath.Join(dir, "nowhere", "t.xlsx"), false); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("template into a missing folder: %v", err)
	}
}

// TestExistingFileNeedsReplace: an export, a template or a backup over an
// existing file is refused without replace (apperr.Conflict caused by a
// FileExistsError naming the file), writing and recording nothing; with
// replace the file is replaced.
func TestExistingFileNeedsReplace(t *testing.T) {
	ctx := context.Background()
	r := servicetest.NewDemo(t)
	dir := t.TempDir()
	const old = "the officer's own file, not to be lost\n"
	path := filepath.Join(dir, "mine.csv")
	if err := os.WriteFile(path, []byte(old), 0o600); err != nil {
		t.Fatal(err)
	}
	refused := func(what string, err error) {
		t.Helper()
		var fe *service.FileExistsError
		if !apperr.Is(err, apperr.Conflict) || !errors.As(err, &fe) || fe.Path != path || !errors.Is(err, fs.ErrExist) ||
			!strings.Contains(apperr.Message(err), "mine.csv already exists") {
			t.Fatalf("%s over an existing file: %v", what, err)
		}
		if b, _ := os.ReadFile(path); string(b) != old {
			t.Fatalf("%s over an existing file changed it", what)
		}
	}
	_, err := r.ExportRegister(ctx, "csv", path, false)
	refused("export", err)
	_, err = r.ExportDemand(ctx, service.DemandRequest{Format: "json", Path: path})
	refused("demand summary", err)
	refused("template", service.SaveTemplate(path, false))
	refused("backup", r.Backup(path, servicetest.Passphrase, false))
	if n := ledgerCount(t, r); n != 0 {
		t.Fatalf("a refused file was recorded (%d ledger entries)", n)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*")); len(left) != 0 {
		t.Fatalf("staging files left behind: %v", left)
	}
	res, err := r.ExportRegister(ctx, "csv", path, true)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) == old || res.SHA256 == "" {
		t.Fatal("export with replace did not replace the file")
	}
	if err := r.Backup(path, servicetest.Passphrase, true); err != nil {
		t.Fatal(err)
	}
	if _, err := service.Verify(path, servicetest.Passphrase, servicetest.Options()); err != nil {
		t.Fatalf("replaced backup does not verify: %v", err)
	}
	if err := r.Backup(r.Path(), servicetest.Passphrase, true); !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("backup over the register itself: %v", err)
	}
}

// TestCalendar checks the calendar's content rules (no entity names) and its
// publication: the file, its ledger entry, and nothing recorded for a
// folder that does not exist.
func TestCalendar(t *testing.T) {
	ctx := context.Background()
	r := servicetest.NewDemo(t)
	choices, err := r.PackChoices(ctx)
	if err != nil || len(choices.Meetings) == 0 {
		t.Fatalf("demo meetings: %v", err)
	}
	m := choices.Meetings[0]
	text, err := r.CalendarText(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"BEGIN:VCALENDAR\r\n", "CLASS:CONFIDENTIAL\r\n", "UID:atpreg-meeting-", "Entities to discuss: "} {
		if !strings.Contains(text, want) {
			t.Errorf("calendar lacks %q:\n%s", want, text)
		}
	}
	for _, e := range choices.Entities {
		if strings.Contains(text, e.Name) {
			t.Errorf("the calendar names entity %q", e.Name)
		}
	}
	name, err := r.CalendarFileName(ctx, m.ID)
	if err != nil || !strings.HasSuffix(name, ".ics") || strings.ContainsAny(name, `/\:`) {
		t.Errorf("file name %q, %v", name, err)
	}
	path := filepath.Join(t.TempDir(), name)
	e, err := r.ExportCalendar(ctx, m.ID, path)
	if err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(path); err != nil || string(b) != text {
		t.Errorf("the file differs from the calendar text: %v", err)
	}
	if e.Kind != register.LedgerCalendar || !strings.HasPrefix(e.DocID, "CAL-") || e.FileName != name || len(e.EntityIDs) != 0 || e.Options["meetingId"] != m.ID {
		t.Errorf("ledger entry %+v", e)
	}
	if _, err := r.ExportCalendar(ctx, m.ID, filepath.Join(t.TempDir(), "missing", "m.ics")); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("calendar into a missing folder: %v", err)
	}
	if _, err := r.ExportCalendar(ctx, 9999, path); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("unknown meeting: %v", err)
	}
	if n := ledgerCount(t, r); n != 1 {
		t.Errorf("%d ledger entries, want 1", n)
	}
}
