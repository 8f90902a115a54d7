package service_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"atpreg/internal/apperr"
	"atpreg/internal/pdftest"
	"atpreg/internal/register"
	"atpreg/internal/service"
	"atpreg/internal/service/servicetest"
)

func TestExportDemandRecordsLedger(t *testing.T) {
	r := servicetest.NewDemo(t)
	ctx := context.Background()
	dir := t.TempDir()
	for _, format := range []string{"pdf", "JSON"} {
		path := filepath.Join(dir, "summary."+format)
		res, err := r.ExportDemand(ctx, service.DemandRequest{Format: format, Path: path, Statuses: []string{"invited", "in_dialogue"}})
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
		all, err := r.Ledger(ctx, register.LedgerDemand, 0)
		if err != nil {
			t.Fatal(err)
		}
		var entries []register.LedgerEntry
		for _, e := range all {
			if e.DocID == res.DocumentID {
				entries = append(entries, e)
			}
		}
		if len(entries) != 1 {
			t.Fatalf("%s: %d ledger entries for %s, want 1", format, len(entries), res.DocumentID)
		}
		e := entries[0]
		if e.Kind != register.LedgerDemand || e.SHA256 != res.SHA256 || e.FileName != filepath.Base(path) || e.By != r.Officer(ctx) || !e.Delivered || e.Folder != dir || e.ID != res.LedgerID {
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

func TestExportDemandErrors(t *testing.T) {
	r := servicetest.NewDemo(t)
	ctx := context.Background()
	tests := []struct {
		name         string
		format, path string
		statuses     []string
		code         apperr.Code
		lang         string
	}{
		{"ErrFormat", "xlsx", filepath.Join(t.TempDir(), "x"), nil, apperr.Invalid, ""},
		{"ErrNoPath", "pdf", "", nil, apperr.Invalid, ""},
		{"ErrNoFolder", "json", filepath.Join(t.TempDir(), "missing", "x.json"), nil, apperr.Invalid, ""},
		{"ErrStatus", "json", filepath.Join(t.TempDir(), "x.json"), []string{"bogus"}, apperr.Invalid, ""},
		{"ErrLang", "pdf", filepath.Join(t.TempDir(), "x.pdf"), nil, apperr.Invalid, "fr"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := r.ExportDemand(ctx, service.DemandRequest{Format: tc.format, Path: tc.path, Statuses: tc.statuses, Lang: tc.lang})
			if apperr.CodeOf(err) != tc.code {
				t.Fatalf("error %v (code %v), want code %v", err, apperr.CodeOf(err), tc.code)
			}
			entries, _ := r.Ledger(ctx, register.LedgerDemand, 0)
			if len(entries) != 0 {
				t.Errorf("a failed export was recorded: %+v", entries)
			}
		})
	}
}

// TestExportDemandChinese: the summary in zh-HK is written in Chinese and
// its ledger entry records the language.
func TestExportDemandChinese(t *testing.T) {
	r := servicetest.NewDemo(t)
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "需求摘要.pdf")
	res, err := r.ExportDemand(ctx, service.DemandRequest{Path: path, Lang: "zh-HK"})
	if err != nil {
		t.Fatal(err)
	}
	text, err := pdftest.Text(t, path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "先進療法產品生產設施的需求") || !strings.Contains(text, "所有狀態") || strings.Contains(text, "Demand") {
		t.Errorf("the summary is not in Chinese:\n%s", text)
	}
	entries, err := r.Ledger(ctx, register.LedgerDemand, 0)
	if err != nil || len(entries) != 1 || entries[0].DocID != res.DocumentID || entries[0].Options["lang"] != "zh-HK" {
		t.Fatalf("ledger: %+v, %v", entries, err)
	}
}

// TestDemandDashboardInChinese: the window's exact picture comes in its
// language: dimension titles, row labels ("Not answered" included) and the
// timeline's series; the counts are the English picture's.
func TestDemandDashboardInChinese(t *testing.T) {
	r := servicetest.NewDemo(t)
	en, err := r.DemandDashboard(context.Background(), nil, "en")
	if err != nil {
		t.Fatal(err)
	}
	zh, err := r.DemandDashboard(context.Background(), nil, "zh-HK")
	if err != nil {
		t.Fatal(err)
	}
	if len(zh.Summary.Dimensions) != len(en.Summary.Dimensions) || zh.Summary.Submissions != en.Summary.Submissions {
		t.Fatalf("the Chinese picture counts differently: %d dimensions, %d products; English %d, %d",
			len(zh.Summary.Dimensions), zh.Summary.Submissions, len(en.Summary.Dimensions), en.Summary.Submissions)
	}
	chinese := regexp.MustCompile(`\p{Han}`)
	for i, d := range zh.Summary.Dimensions {
		if !chinese.MatchString(d.Title) || d.Title == en.Summary.Dimensions[i].Title {
			t.Errorf("dimension %s's title is %q in Chinese", d.Key, d.Title)
		}
		for j, row := range d.Rows {
			if en.Summary.Dimensions[i].Rows[j].Entities != row.Entities {
				t.Errorf("%s/%s counts differ between the languages", d.Key, row.Code)
			}
			if !chinese.MatchString(row.Label) {
				t.Errorf("%s/%s reads %q in Chinese", d.Key, row.Code, row.Label)
			}
		}
	}
	for _, se := range zh.Summary.Timeline.Series {
		if !chinese.MatchString(se.Label) {
			t.Errorf("the timeline's series %s reads %q in Chinese", se.Code, se.Label)
		}
	}
}
