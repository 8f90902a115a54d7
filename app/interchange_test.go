package app_test

import (
	"context"
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"atpreg/app"
	"atpreg/internal/apperr"
	"atpreg/internal/service"
)

func interchangeService(t *testing.T, s *app.Session) *app.InterchangeService {
	t.Helper()
	for _, b := range app.Bindings(s) {
		if x, ok := b.(*app.InterchangeService); ok {
			return x
		}
	}
	t.Fatal("InterchangeService is not bound")
	return nil
}

const importFile = "entity_name,contact_email,product_name,atp_type\r\n" +
	"Harbour Cell Ltd,ada@harbour.example.com,HC-001,Cell therapy product\r\n" +
	"Harbour Cell Ltd,ada@harbour.example.com,HC-002,gene_therapy\r\n" +
	"Kowloon Tissue,ops@ktw.example.org,KT-1,tissue_engineered\r\n"

func TestDryRunThenConfirm(t *testing.T) {
	s := newTestSession(t, false)
	x := interchangeService(t, s)
	p, err := x.DryRun("replies.csv", base64.StdEncoding.EncodeToString([]byte(importFile)))
	if err != nil {
		t.Fatal(err)
	}
	if p.Token == "" || p.Report.Created != 2 || p.Report.Added != 3 || p.Report.Applied || len(p.Rows) != 3 || p.Rows[0].Action != "create" {
		t.Fatalf("dry run %+v", p)
	}
	reg, _ := app.OpenRegister(s)
	count := func() int {
		page, err := reg.ListEntities(context.Background(), service.ListQuery{Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		return page.Total
	}
	if count() != 0 {
		t.Fatal("the dry run changed the register")
	}
	done, err := x.Confirm(p.Token)
	if err != nil || !done.Report.Applied || done.Report.Created != 2 {
		t.Fatalf("confirm %+v, %v", done.Report, err)
	}
	if n := count(); n != 2 {
		t.Fatalf("%d entities after the import", n)
	}
	if _, err := x.Confirm(p.Token); err == nil {
		t.Fatal("a token confirmed twice")
	}
}

// TestLateDiscardKeepsNewerCheck: the window's calls run concurrently, so
// the Discard sent when the officer chooses another file can arrive after
// that file's DryRun; it must not forget the newer check.
func TestLateDiscardKeepsNewerCheck(t *testing.T) {
	s := newTestSession(t, false)
	x := interchangeService(t, s)
	data := base64.StdEncoding.EncodeToString([]byte(importFile))
	first, err := x.DryRun("first.csv", data)
	if err != nil {
		t.Fatal(err)
	}
	second, err := x.DryRun("second.csv", data)
	if err != nil {
		t.Fatal(err)
	}
	x.Discard(first.Token) // late: meant for the first check
	done, err := x.Confirm(second.Token)
	if err != nil || !done.Report.Applied || done.Report.File.Name != "second.csv" {
		t.Fatalf("confirm after a late discard: %+v, %v", done.Report, err)
	}

	third, err := x.DryRun("third.csv", base64.StdEncoding.EncodeToString([]byte(strings.Replace(importFile, "HC-002", "HC-003", 1))))
	if err != nil {
		t.Fatal(err)
	}
	x.Discard(third.Token)
	if _, err := x.Confirm(third.Token); err == nil || !strings.Contains(err.Error(), `"code":"conflict"`) {
		t.Fatalf("confirm of a discarded check: %v", err)
	}
}

func TestDryRunShowsProblems(t *testing.T) {
	s := newTestSession(t, false)
	x := interchangeService(t, s)
	bad := strings.Replace(importFile, "tissue_engineered", "stem cells", 1)
	// The page sends a chosen file's bytes; the dialog gives a path.
	path := filepath.Join(t.TempDir(), "bad.csv")
	if err := os.WriteFile(path, []byte(bad), 0o600); err != nil {
		t.Fatal(err)
	}
	picked, err := app.CheckPicked(x, path)
	if err != nil {
		t.Fatal(err)
	}
	sent, err := x.DryRun(`C:\fakepath\bad.csv`, base64.StdEncoding.EncodeToString([]byte(bad)))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []app.ImportPreview{*picked, sent} {
		if len(p.Report.Problems) != 1 || len(p.Rows) != 3 || len(p.Rows[2].Problems) != 1 || p.Rows[2].Problems[0].Column != "atp_type" ||
			p.Rows[2].Action != "rejected" || p.Report.File.Name != "bad.csv" {
			t.Fatalf("rows %+v problems %+v", p.Rows, p.Report.Problems)
		}
	}
	res, err := x.Confirm(sent.Token)
	if err != nil || res.Report.Applied || len(res.Report.Problems) != 1 {
		t.Fatalf("import of a bad file: %+v, %v", res.Report, err)
	}
}

func TestUnreadableFiles(t *testing.T) {
	s := newTestSession(t, false)
	x := interchangeService(t, s)
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"empty.csv", nil, "empty"},
		{"big.csv", make([]byte, 50<<20), "MB"},
		{"scan.pdf", []byte("%PDF-1.4 ..."), "PDF"},
	} {
		path := filepath.Join(dir, tc.name)
		if err := os.WriteFile(path, tc.data, 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := app.CheckPicked(x, path)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), `"code":"invalid"`) {
			t.Errorf("%s picked: err = %v", tc.name, err)
		}
		_, err = x.DryRun(tc.name, base64.StdEncoding.EncodeToString(tc.data))
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), `"code":"invalid"`) {
			t.Errorf("%s sent: err = %v", tc.name, err)
		}
	}
}

// TestExportAndTemplate: the window's export and template go through the
// save dialog (the writing itself is tested in internal/service).
func TestExportAndTemplate(t *testing.T) {
	s := newTestSession(t, true)
	x := interchangeService(t, s)
	if _, err := x.ExportAs("pdf"); err == nil || !strings.Contains(err.Error(), "invalid") {
		t.Fatalf("export as pdf: %v", err)
	}
	if _, err := x.ExportAs("csv"); err == nil || !strings.Contains(err.Error(), "only available in the window") {
		t.Fatalf("export without a window: %v", err)
	}
	if _, err := x.SaveTemplateAs(); err == nil || !strings.Contains(err.Error(), "only available in the window") {
		t.Fatalf("template without a window: %v", err)
	}
	if len(x.Columns()) != 31 {
		t.Fatalf("%d columns", len(x.Columns()))
	}
}

func TestInterchangeLocked(t *testing.T) {
	s := newTestSession(t, false)
	x := interchangeService(t, s)
	if _, err := s.Lock(); err != nil {
		t.Fatal(err)
	}
	_, err := x.DryRun("a.csv", base64.StdEncoding.EncodeToString([]byte(importFile)))
	if err == nil || !strings.Contains(err.Error(), string(apperr.Locked)) {
		t.Fatalf("err = %v", err)
	}
}
