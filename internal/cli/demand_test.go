package cli_test

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"atpreg/internal/register"
	"atpreg/internal/service"
)

func TestDemand(t *testing.T) {
	reg := demoRegister(t)
	dir := t.TempDir()
	tests := []struct {
		name   string
		args   []string
		file   string
		prefix string
	}{
		{"PDFDefault", nil, "summary.pdf", "%PDF-"},
		{"JSONByExtension", nil, "summary.json", "{"},
		{"JSONByFlag", []string{"--format", "json"}, "summary.out", "{"},
		{"Status", []string{"--format=JSON", "--status", "invited,In dialogue"}, "invited.json", "{"},
		{"Chinese", []string{"--lang", "zh-HK"}, "summary-zh.pdf", "%PDF-"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.file)
			args := append([]string{"--register", reg, "demand", "-o", path}, tc.args...)
			code, out, errs := run(t, testEnv(strongPass), args...)
			if code != 0 || !strings.Contains(out, "recorded in the ledger") {
				t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, out, errs)
			}
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(string(b), tc.prefix) {
				t.Errorf("%s starts %q, want %q", tc.file, b[:min(len(b), 10)], tc.prefix)
			}
			if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
				t.Errorf("mode %v, want 0600", fi.Mode().Perm())
			}
		})
	}

	var rep struct {
		Filter struct{ Statuses []string } `json:"filter"`
		Totals struct{ Entities any }      `json:"totals"`
	}
	b, _ := os.ReadFile(filepath.Join(dir, "invited.json"))
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	if strings.Join(rep.Filter.Statuses, ",") != "invited,in_dialogue" {
		t.Errorf("filter = %v", rep.Filter.Statuses)
	}

	// Four exports, four ledger entries of kind demand, naming no entity.
	r, err := service.Open(reg, []byte(strongPass), service.Options{TestingKDF: true})
	if err != nil {
		t.Fatal(err)
	}
	entries, err := r.Ledger(context.Background(), register.LedgerDemand, 0)
	if cerr := r.Close(); cerr != nil {
		t.Fatal(cerr)
	}
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(tests) {
		t.Errorf("%d demand exports in the ledger, want %d", len(entries), len(tests))
	}
	for _, e := range entries {
		if len(e.EntityIDs) != 0 || e.SHA256 == "" || !strings.HasPrefix(e.DocID, "DS-") {
			t.Errorf("ledger entry %+v", e)
		}
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		text, err := exec.Command("pdftotext", "-enc", "UTF-8", filepath.Join(dir, "summary.pdf"), "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(text), "anonymised") || strings.Contains(string(text), "Harbourline") {
			t.Error("the PDF is not the anonymised summary")
		}
		zh, err := exec.Command("pdftotext", "-enc", "UTF-8", filepath.Join(dir, "summary-zh.pdf"), "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(zh), "需求摘要（匿名）") || strings.Contains(string(zh), "anonymised") {
			t.Errorf("the --lang zh-HK summary is not in Chinese:\n%.600s", zh)
		}
	}
}

func TestDemandUsage(t *testing.T) {
	reg := demoRegister(t)
	out := filepath.Join(t.TempDir(), "x.pdf")
	tests := []struct {
		name string
		args []string
		code int
		err  string
	}{
		{"ErrNoOutput", []string{"demand"}, 2, "-o FILE"},
		{"ErrFormat", []string{"demand", "--format", "docx", "-o", out}, 2, "use pdf or json"},
		{"ErrStatus", []string{"demand", "--status", "bogus", "-o", out}, 2, "not a known status"},
		{"ErrArgument", []string{"demand", "extra", "-o", out}, 2, "unexpected argument"},
		{"ErrLang", []string{"demand", "--lang", "fr", "-o", out}, 2, "--lang: \"fr\" is not a language"},
		{"ErrWrongPassphrase", []string{"demand", "-o", out}, 3, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pass := strongPass
			if tc.code == 3 {
				pass = "not the passphrase at all, fictional"
			}
			code, _, errs := run(t, testEnv(pass), append([]string{"--register", reg}, tc.args...)...)
			if code != tc.code || !strings.Contains(errs, tc.err) {
				t.Fatalf("exit %d (want %d), stderr %s", code, tc.code, errs)
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("a failed demand command wrote its file")
			}
		})
	}
}
