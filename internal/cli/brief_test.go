package cli_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"atpreg/internal/pdfdoc"
	"atpreg/internal/register"
	"atpreg/internal/service"
)

func TestBrief(t *testing.T) {
	dir := t.TempDir()
	reg := filepath.Join(dir, "register.atpreg")
	env := testEnv(pass)
	if code, _, errs := run(t, env, "--register", reg, "demo"); code != 0 {
		t.Fatalf("demo: %d %s", code, errs)
	}
	r, err := service.Open(reg, []byte(pass), service.Options{TestingKDF: true})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	choices, err := r.PackChoices(ctx)
	if err != nil || len(choices.Meetings) == 0 || len(choices.Partners) == 0 {
		t.Fatalf("meetings and partners: %v", err)
	}
	meetings, partners := choices.Meetings, choices.Partners
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	meeting := strconv.FormatInt(meetings[0].ID, 10)
	passFile := filepath.Join(dir, "pw.txt")
	if err := os.WriteFile(passFile, []byte("fictional pack password\n"), 0o600); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
		check  func(t *testing.T, pdf []byte)
	}{
		{"Meeting", []string{"--meeting", meeting, "--recipient", strings.ToUpper(partners[0].Name), "--copy", "3", "-o", "meeting.pdf"}, 0,
			"copy 3 for " + strings.ToUpper(partners[0].Name), "", func(t *testing.T, pdf []byte) {
				if !bytes.HasPrefix(pdf, []byte("%PDF-")) || bytes.Contains(pdf, []byte("/Encrypt")) {
					t.Error("not a plain PDF")
				}
			}},
		{"EntitiesAnonymisedEncrypted", []string{"--entity", "1,2", "--entity=3", "--recipient", "Dr Someone", "--anonymise", "--password-file", passFile, "-o", "anon.pdf"}, 0,
			"3 entities", "", func(t *testing.T, pdf []byte) {
				if !bytes.Contains(pdf, []byte("/Encrypt")) {
					t.Error("the pack is not encrypted")
				}
			}},
		{"Chinese", []string{"--meeting", meeting, "--recipient", "Dr Someone", "--lang", "zh-HK", "-o", "zh.pdf"}, 0,
			"copy 1 for Dr Someone", "", func(t *testing.T, pdf []byte) {
				text := pdfdoc.ExtractText(pdf)
				if !strings.Contains(text, "簡報文件") || !strings.Contains(text, "第 1 份") || strings.Contains(text, "Briefing pack") {
					t.Errorf("the pack is not in Chinese:\n%.600s", text)
				}
			}},
		{"ErrNoRecipient", []string{"--meeting", meeting, "-o", "x.pdf"}, 2, "", "needs --recipient", nil},
		{"ErrLang", []string{"--meeting", meeting, "--recipient", "A", "--lang", "fr", "-o", "x.pdf"}, 2, "", "--lang: \"fr\" is not a language", nil},
		{"ErrNoOutput", []string{"--meeting", meeting, "--recipient", "A"}, 2, "", "needs -o", nil},
		{"ErrBoth", []string{"--meeting", meeting, "--entity", "1", "--recipient", "A", "-o", "x.pdf"}, 2, "", "not both", nil},
		{"ErrNeither", []string{"--recipient", "A", "-o", "x.pdf"}, 2, "", "needs --meeting ID or --entity ID", nil},
		{"ErrBadCopy", []string{"--meeting", meeting, "--recipient", "A", "--copy", "0", "-o", "x.pdf"}, 2, "", "--copy", nil},
		{"ErrUnknownFlag", []string{"--meeting", meeting, "--bogus"}, 2, "", "unknown flag --bogus", nil},
		{"ErrUnknownMeeting", []string{"--meeting", "999", "--recipient", "A", "-o", "x.pdf"}, 1, "", "atpreg: ", nil},
		{"ErrUnknownEntity", []string{"--entity", "999", "--recipient", "A", "-o", "x.pdf"}, 1, "", "atpreg: ", nil},
		{"ErrPasswordFile", []string{"--entity", "1", "--recipient", "A", "--password-file", filepath.Join(dir, "none"), "-o", "x.pdf"}, 4, "", "password file", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out string
			args := append([]string(nil), tc.args...)
			for i, a := range args {
				if strings.HasSuffix(a, ".pdf") {
					out = filepath.Join(dir, a)
					args[i] = out
				}
			}
			code, stdout, stderr := run(t, env, append([]string{"--register", reg, "brief"}, args...)...)
			if code != tc.code || !strings.Contains(stdout, tc.stdout) || !strings.Contains(stderr, tc.stderr) {
				t.Fatalf("exit %d (want %d)\nstdout: %s\nstderr: %s", code, tc.code, stdout, stderr)
			}
			if tc.check == nil {
				if _, err := os.Stat(out); err == nil {
					t.Errorf("a failed brief left %s", out)
				}
				return
			}
			st, err := os.Stat(out)
			if err != nil || st.Mode().Perm() != 0o600 {
				t.Fatalf("output %s: %v %v", out, st, err)
			}
			b, _ := os.ReadFile(out)
			tc.check(t, b)
		})
	}

	r, err = service.Open(reg, []byte(pass), service.Options{TestingKDF: true})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	ledger, err := r.Ledger(ctx, register.LedgerBrief, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(ledger) != 3 {
		t.Fatalf("%d briefs in the ledger, want 3", len(ledger))
	}
	for _, l := range ledger {
		if l.SHA256 == "" || l.DocID == "" || len(l.EntityIDs) == 0 {
			t.Errorf("ledger entry %+v", l)
		}
	}
}
