package cli_test

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestEvaluatorCommand manages the panel from the command line on a new
// register: add (a bad email refused, exit 4, nothing changed), edit,
// conflict (left off the sheet, with a notice), list (golden, and --json),
// unconflict, remove; usage errors exit 2; an email draft to an evaluator
// without email is refused in words.
func TestEvaluatorCommand(t *testing.T) {
	dir := t.TempDir()
	reg := filepath.Join(dir, "register.atpreg")
	env := testEnv(pass)
	if code, _, errs := run(t, env, "--register", reg, "init"); code != 0 {
		t.Fatalf("init: %s", errs)
	}
	imp := writeFile(t, dir, "in.csv", []byte("entity_name,product_name\nFictional Alpha Cells Ltd,AX-1\nFictional Beta Gene Ltd,BG-2\n"))
	if code, _, errs := run(t, env, "--register", reg, "import", imp); code != 0 {
		t.Fatalf("import: %s", errs)
	}
	before := registerState(t, env, reg)
	code, _, errs := run(t, env, "--register", reg, "evaluator", "add", "Dr Fictional Chow", "--email", "chow at panel")
	if code != 4 || !strings.Contains(errs, "not an email address") {
		t.Fatalf("bad email: %d %s", code, errs)
	}
	if registerState(t, env, reg) != before {
		t.Fatal("a refused evaluator changed the register")
	}
	for _, args := range [][]string{
		{"evaluator", "add", "Dr Fictional Chow", "--role", "Panel member", "--email", "chow@panel.example"},
		{"evaluator", "add", "Prof Fictional Lau", "--role", "External adviser"},
		{"evaluator", "edit", "dr fictional chow", "--role", "Panel chair"},
		{"evaluator", "conflict", "Prof Fictional Lau", "--entity", "1", "--reason", "Holds shares (fictional)"},
	} {
		if code, _, errs := run(t, env, append([]string{"--register", reg}, args...)...); code != 0 {
			t.Fatalf("%v: %d %s", args, code, errs)
		}
	}
	code, out, errs := run(t, env, "--register", reg, "evaluator", "list")
	if code != 0 {
		t.Fatalf("list: %s", errs)
	}
	golden(t, "evaluator-list.txt", out)

	code, out, errs = run(t, env, "--register", reg, "sheet", "--evaluator", "prof fictional lau", "--entity", "1,2", "-o", filepath.Join(dir, "lau.pdf"))
	if code != 0 || !strings.Contains(errs, "left out entity 1") || !strings.Contains(out, "1 entity (") {
		t.Fatalf("sheet: %d %s %s", code, out, errs)
	}
	code, _, errs = run(t, env, "--register", reg, "sheet", "--evaluator", "prof fictional lau", "--entity", "2", "-o", filepath.Join(dir, "lau.eml"))
	if code == 0 || !strings.Contains(errs, "has no email in Settings") {
		t.Fatalf("draft without email: %d %s", code, errs)
	}
	code, out, _ = run(t, env, "--register", reg, "evaluator", "list", "--json")
	var items []struct {
		Name      string `json:"name"`
		Sent      int    `json:"sheets_sent"`
		Conflicts []struct {
			EntityID int64 `json:"entity_id"`
		} `json:"conflicts"`
	}
	if err := json.Unmarshal([]byte(out), &items); code != 0 || err != nil || len(items) != 2 || items[1].Sent != 1 || len(items[1].Conflicts) != 1 {
		t.Fatalf("list --json: %v\n%s", err, out)
	}
	for _, args := range [][]string{
		{"evaluator", "unconflict", "Prof Fictional Lau", "--entity", "1"},
		{"evaluator", "remove", "Prof Fictional Lau"},
	} {
		if code, _, errs := run(t, env, append([]string{"--register", reg}, args...)...); code != 0 {
			t.Fatalf("%v: %d %s", args, code, errs)
		}
	}
	if _, out, _ = run(t, env, "--register", reg, "evaluator"); strings.Contains(out, "Lau") || !strings.Contains(out, "Panel chair") {
		t.Errorf("after the removal:\n%s", out)
	}
	for _, args := range [][]string{
		{"evaluator", "fire", "X"},
		{"evaluator", "add"},
		{"evaluator", "add", "Dr", "Fictional"},
		{"evaluator", "remove", "Dr Fictional Chow", "--email", "x@y.example"},
		{"evaluator", "conflict", "Dr Fictional Chow", "--reason", "why"},
	} {
		if code, _, errs := run(t, env, append([]string{"--register", reg}, args...)...); code != 2 || !strings.HasPrefix(errs, "atpreg: ") {
			t.Errorf("%v: exit %d, %s", args, code, errs)
		}
	}
	if code, _, errs := run(t, env, "--register", reg, "evaluator", "remove", "Nobody Fictional"); code != 1 || !strings.Contains(errs, "no evaluator named") {
		t.Errorf("unknown: %d %s", code, errs)
	}
}
