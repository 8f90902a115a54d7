package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// ledgerRows is the number of documents in the register's ledger (verify --json).
func ledgerRows(t *testing.T, env map[string]string, reg string) int {
	t.Helper()
	code, out, errs := run(t, env, "--register", reg, "verify", "--json")
	if code != 0 {
		t.Fatalf("verify: exit %d: %s", code, errs)
	}
	var rep struct {
		Tables []struct {
			Table string `json:"table"`
			Rows  int    `json:"rows"`
		} `json:"tables"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	for _, tb := range rep.Tables {
		if tb.Table == "ledger" {
			return tb.Rows
		}
	}
	t.Fatal("verify --json counts no ledger")
	return 0
}

// TestForce: every command that writes a file the officer names refuses to
// replace an existing one (exit 1, a message that says to add --force, the
// file untouched, nothing recorded in the ledger), and replaces it with
// --force.
func TestForce(t *testing.T) {
	reg := demoRegister(t)
	env := testEnv(strongPass)
	dir := t.TempDir()
	const mine = "the officer's own file, not to be lost\n"
	for _, tc := range []struct {
		name string
		file string // the existing file
		args []string
	}{
		{"export", "register.csv", []string{"export"}},
		{"template", "template.xlsx", []string{"template"}},
		{"backup", "copy.atpreg", []string{"backup"}},
		{"brief", "pack.pdf", []string{"brief", "--entity", "1", "--recipient", "Dr Fictional Reader"}},
		{"demand", "demand.json", []string{"demand"}},
		{"form", "form.docx", []string{"form", "--entity", "1"}},
		{"sheet", "sheet.pdf", []string{"sheet", "--evaluator", "Marcus Yip", "--entity", "1"}},
		{"letter", "letter.eml", []string{"letter", "--entity", "37", "--kind", "acknowledge"}},
		// The form beside a missing letter's PDF is what exists: the
		// service refuses it, after the passphrase.
		{"letter-form", "missing form.pdf", []string{"letter", "--entity", "37", "--kind", "missing"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.file)
			if err := os.WriteFile(path, []byte(mine), 0o600); err != nil {
				t.Fatal(err)
			}
			out := path
			if tc.name == "letter-form" {
				out = filepath.Join(dir, "missing.pdf")
			}
			before := ledgerRows(t, env, reg)
			args := append(append([]string{"--register", reg}, tc.args...), "-o", out)
			code, stdout, errs := run(t, env, args...)
			if code != 1 || stdout != "" || errs != "atpreg: "+path+" already exists; nothing was written. Add --force to replace it, or choose another name.\n" {
				t.Fatalf("over an existing file: exit %d\nstdout: %s\nstderr: %s", code, stdout, errs)
			}
			if b, _ := os.ReadFile(path); string(b) != mine {
				t.Fatal("the existing file was changed")
			}
			if after := ledgerRows(t, env, reg); after != before {
				t.Fatalf("a refused file was recorded: %d ledger entries, were %d", after, before)
			}
			if left, _ := filepath.Glob(filepath.Join(dir, ".*")); len(left) != 0 {
				t.Fatalf("staging files left: %v", left)
			}
			if tc.name == "letter-form" {
				if _, err := os.Stat(out); err == nil {
					t.Fatal("the letter was written though its form was refused")
				}
			}
			code, stdout, errs = run(t, env, append(args, "--force")...)
			if code != 0 {
				t.Fatalf("--force: exit %d\nstdout: %s\nstderr: %s", code, stdout, errs)
			}
			if b, _ := os.ReadFile(path); string(b) == mine {
				t.Fatal("--force did not replace the file")
			}
			if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
				t.Fatalf("replaced file mode %v", st.Mode().Perm())
			}
		})
	}
	t.Run("BeforeThePassphrase", func(t *testing.T) {
		// Refused before anything is asked: no passphrase is needed to learn it.
		path := filepath.Join(dir, "register.csv")
		code, _, errs := run(t, map[string]string{}, "--register", reg, "export", "-o", path)
		if code != 1 || !strings.Contains(errs, "Add --force") {
			t.Fatalf("exit %d: %s", code, errs)
		}
	})
	t.Run("BackupNotOverTheRegister", func(t *testing.T) {
		before, _ := os.ReadFile(reg)
		code, _, errs := run(t, env, "--register", reg, "backup", "--force", "-o", reg)
		if after, _ := os.ReadFile(reg); code != 4 || !strings.Contains(errs, "the register's own file") || string(before) != string(after) {
			t.Fatalf("backup --force over the register: exit %d: %s", code, errs)
		}
	})
}

// TestRestoreNotARegister: restoring a file that is not a register is
// rejected input (exit 4), said before the passphrase is asked, and changes
// nothing; a register file that is damaged stays exit 5 (TestRegisterLifecycle).
func TestRestoreNotARegister(t *testing.T) {
	dir := t.TempDir()
	reg := filepath.Join(dir, "register.atpreg")
	env := testEnv(pass)
	if code, _, errs := run(t, env, "--register", reg, "init"); code != 0 {
		t.Fatalf("init: %s", errs)
	}
	before, _ := os.ReadFile(reg)
	csv := writeTemp(t, "entities.csv", "entity_name,product_name\nFictional Cells Ltd,FC-1\n")
	for name, e := range map[string]map[string]string{"WithPassphrase": env, "WithoutPassphrase": {}} {
		t.Run(name, func(t *testing.T) {
			code, out, errs := run(t, e, "--register", reg, "restore", csv)
			if code != 4 || out != "" || errs != "atpreg: "+csv+" is not an atpreg register or backup. Nothing was changed; choose a backup atpreg made (or a register's .bak file).\n" {
				t.Fatalf("restore of a CSV: exit %d\nstdout: %s\nstderr: %s", code, out, errs)
			}
			if after, _ := os.ReadFile(reg); string(after) != string(before) {
				t.Fatal("the register changed")
			}
			if _, err := os.Stat(reg + ".bak"); err == nil {
				t.Fatal("a .bak was made")
			}
		})
	}
}

// TestImportQuiet: --quiet prints the totals and no line per entity.
func TestImportQuiet(t *testing.T) {
	dir := t.TempDir()
	reg := filepath.Join(dir, "register.atpreg")
	env := testEnv(pass)
	if code, _, errs := run(t, env, "--register", reg, "init"); code != 0 {
		t.Fatalf("init: %s", errs)
	}
	csv := writeTemp(t, "entities.csv", "entity_name,contact_email,product_name\nFictional Cells Ltd,a@fictional.example.com,FC-1\nOther Fictional Ltd,b@fictional.example.com,OF-1\n")
	code, out, errs := run(t, env, "--register", reg, "import", "--quiet", csv)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if code != 0 || errs != "" || len(lines) != 2 || !strings.HasPrefix(lines[0], "Imported entities.csv") ||
		!strings.HasPrefix(lines[1], "Entities: 2 created, 0 merged, 0 unchanged. Products: 2 added") {
		t.Fatalf("import --quiet: exit %d\nstdout: %s\nstderr: %s", code, out, errs)
	}
	code, out, _ = run(t, env, "--register", reg, "import", csv)
	if code != 0 || !strings.Contains(out, "unchanged Fictional Cells Ltd #1 (1 product, incomplete") {
		t.Fatalf("import without --quiet lists the entities: %s", out)
	}
}
