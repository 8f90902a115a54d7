package cli_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"atpreg/internal/letter"
)

var letterRef = regexp.MustCompile(`LT-\d{8}-[0-9A-Z]{13}`)

// maskLetters hides what changes from run to run: references and the folder.
func maskLetters(s, dir string) string {
	return letterRef.ReplaceAllString(strings.ReplaceAll(s, dir, "$DIR"), "LT-YYYYMMDD-XXXXXXXXXXXXX")
}

func pyDraft(t *testing.T, path string) map[string]any {
	t.Helper()
	out, err := exec.Command("python3", "-c", letter.PyReadDraft, path).CombinedOutput()
	if err != nil {
		t.Fatalf("python3: %v\n%s", err, out)
	}
	var m map[string]any
	if err := json.Unmarshal(out, &m); err != nil {
		t.Fatalf("python said %s", out)
	}
	return m
}

// The demo register's entity 37 (Cypress Gate Biologics Ltd) misses three
// items of one product; 22 is complete; 3, 23 and 26 can be declined.
func TestLetterCommand(t *testing.T) {
	reg := demoRegister(t)
	env := testEnv(strongPass)
	dir := t.TempDir()

	eml := filepath.Join(dir, "cypress.eml")
	code, out, errs := run(t, env, "--register", reg, "letter", "--entity", "37", "--kind", "missing", "-o", eml)
	if code != 0 {
		t.Fatalf("missing: exit %d: %s", code, errs)
	}
	golden(t, "letter-missing.txt", maskLetters(out+errs, dir))
	m := pyDraft(t, eml)
	if m["x_unsent"] != "1" || !strings.Contains(m["to"].(string), "<wingsze.cheung@cypressgate.example.com>") {
		t.Errorf("draft headers: %v", m)
	}
	for _, item := range []string{"Qualitative & quantitative composition", "Type of process", "Expected date of commencement of project"} {
		if !strings.Contains(m["body"].(string), "• "+item) {
			t.Errorf("the draft does not name %q", item)
		}
	}
	if atts := m["attachments"].([]any); len(atts) != 2 {
		t.Errorf("attachments: %v", atts)
	}

	code, _, errs = run(t, env, "--register", reg, "letter", "--entity", "22", "--kind", "missing", "-o", filepath.Join(dir, "x.eml"))
	if code != 4 || !strings.Contains(errs, "nothing missing") {
		t.Errorf("complete entity: exit %d: %s", code, errs)
	}

	batch := filepath.Join(dir, "batch")
	code, out, errs = run(t, env, "--register", reg, "letter", "--entity", "3,23", "--entity", "26", "--kind", "decline",
		"--move", "declined", "--reason", "Outside the scope of the RFI", "--lang", "zh-HK", "-o", batch)
	if code != 0 {
		t.Fatalf("batch: exit %d: %s", code, errs)
	}
	golden(t, "letter-batch.txt", maskLetters(out+errs, dir))
	files, _ := os.ReadDir(batch)
	if len(files) != 3 {
		t.Fatalf("%d files in the folder", len(files))
	}
	for _, f := range files {
		m := pyDraft(t, filepath.Join(batch, f.Name()))
		if !strings.Contains(m["body"].(string), "遺憾通知") {
			t.Errorf("%s is not the Chinese decline", f.Name())
		}
	}
	code, out, _ = run(t, env, "--register", reg, "show", "23")
	if code != 0 || !strings.Contains(out, "Declined (Outside the scope of the RFI)") || !strings.Contains(out, "export       Letter LT-") || strings.Contains(out, "(empty)") {
		t.Errorf("show 23 lacks the move or the letter:\n%s", out)
	}

	for _, tc := range []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"--kind", "hold", "-o", filepath.Join(dir, "h.eml")}, 2, "letter needs --entity ID"},
		{[]string{"--entity", "3", "-o", filepath.Join(dir, "h.eml")}, 2, "letter needs --kind"},
		{[]string{"--entity", "3", "--kind", "thanks", "-o", filepath.Join(dir, "h.eml")}, 2, `--kind: "thanks" is not a kind of letter`},
		{[]string{"--entity", "x", "--kind", "hold", "-o", filepath.Join(dir, "h.eml")}, 2, "entity ids are numbers"},
		{[]string{"--entity", "3,7", "--kind", "hold", "-o", filepath.Join(dir, "h.eml")}, 4, "name a folder"},
		{[]string{"--entity", "7", "--kind", "more-info", "-o", filepath.Join(dir, "h.eml")}, 4, "Write the questions"},
		{[]string{"--entity", "7", "--kind", "hold", "--lang", "fr", "-o", filepath.Join(dir, "h.eml")}, 2, "not a language"},
	} {
		code, _, errs := run(t, env, append([]string{"--register", reg, "letter"}, tc.args...)...)
		if code != tc.code || !strings.Contains(errs, tc.err) {
			t.Errorf("%v: exit %d, stderr %s", tc.args, code, errs)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "h.eml")); err == nil {
		t.Error("a refused letter left a file")
	}
}
