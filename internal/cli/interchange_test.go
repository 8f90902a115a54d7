package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

const cliImport = "\ufeffentity_name,contact_email,product_name,atp_type,composition\r\n" +
	"九龍細胞 Kowloon Cell,ada@kowloon-cell.example.com,KC-1,Cell therapy product,\"a, b\r\nc\"\r\n" +
	"九龍細胞 Kowloon Cell,ada@kowloon-cell.example.com,KC-2,gene_therapy,\r\n"

func TestImportExportTemplateCLI(t *testing.T) {
	reg := filepath.Join(t.TempDir(), "r.atpreg")
	env := testEnv(strongPass)
	if code, _, errs := run(t, env, "--register", reg, "init"); code != 0 {
		t.Fatalf("init: %d %s", code, errs)
	}
	file := writeTemp(t, "replies.csv", cliImport)

	code, out, errs := run(t, env, "--register", reg, "import", file, "--dry-run")
	if code != 0 || !strings.Contains(out, "1 would be created") || !strings.Contains(out, "Nothing was changed") {
		t.Fatalf("dry run: %d\n%s\n%s", code, out, errs)
	}
	if _, out, _ := run(t, env, "--register", reg, "list", "--json"); strings.Contains(out, "Kowloon") {
		t.Fatal("the dry run imported")
	}
	code, out, errs = run(t, env, "--register", reg, "import", file)
	if code != 0 || !strings.Contains(out, "Entities: 1 created") {
		t.Fatalf("import: %d\n%s\n%s", code, out, errs)
	}
	code, out, _ = run(t, env, "--register", reg, "import", file)
	if code != 0 || !strings.Contains(out, "0 created, 0 merged, 1 unchanged") {
		t.Fatalf("re-import: %d\n%s", code, out)
	}

	dir := t.TempDir()
	for _, f := range []string{"csv", "xlsx", "json"} {
		p := filepath.Join(dir, "out."+f)
		code, out, errs := run(t, env, "--register", reg, "export", "--format", f, "-o", p)
		if code != 0 || !strings.Contains(out, "Exported 1 entities") {
			t.Fatalf("export %s: %d %s %s", f, code, out, errs)
		}
		if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != 0o600 {
			t.Fatalf("export %s file: %v %v", f, fi, err)
		}
	}
	// An exported CSV imports into a new register as the same entity.
	reg2 := filepath.Join(t.TempDir(), "r2.atpreg")
	run(t, env, "--register", reg2, "init")
	if code, out, errs := run(t, env, "--register", reg2, "import", filepath.Join(dir, "out.xlsx")); code != 0 || !strings.Contains(out, "2 added") {
		t.Fatalf("import of an export: %d %s %s", code, out, errs)
	}

	tpl := filepath.Join(dir, "template.xlsx")
	if code, _, errs := run(t, map[string]string{}, "template", "-o", tpl); code != 0 {
		t.Fatalf("template: %d %s", code, errs)
	}
	if code, out, errs := run(t, env, "--register", reg, "import", tpl, "--dry-run"); code != 0 || !strings.Contains(out, "0 rows") {
		t.Fatalf("dry run of the blank template: %d %s %s", code, out, errs)
	}
}

func TestImportRejectsCLI(t *testing.T) {
	reg := filepath.Join(t.TempDir(), "r.atpreg")
	env := testEnv(strongPass)
	run(t, env, "--register", reg, "init")
	for _, tc := range []struct {
		name, content string
		code          int
		err           string
	}{
		{"empty.csv", "", 4, "empty"},
		{"unknown.csv", "entity_name,product_name,colour\r\nA,B,red\r\n", 4, `row 1, colour "colour": "colour" is not a column`},
		{"dup.csv", "entity_name,product_name,entity_name\r\nA,B,A\r\n", 4, "twice"},
		{"badcell.csv", "entity_name,product_name,received_on\r\nA,B,31/12/2025\r\n", 4, `row 2, received_on "31/12/2025"`},
		{"doc.pdf", "%PDF-1.5", 4, "PDF"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errs := run(t, env, "--register", reg, "import", writeTemp(t, tc.name, tc.content))
			if code != tc.code || !strings.Contains(errs, tc.err) || !strings.HasPrefix(errs, "atpreg: ") {
				t.Fatalf("exit %d, stderr:\n%s", code, errs)
			}
		})
	}
	big := filepath.Join(t.TempDir(), "big.csv")
	if err := os.WriteFile(big, make([]byte, 50<<20), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := run(t, env, "--register", reg, "import", big); code != 4 || !strings.Contains(errs, "50.0 MB") {
		t.Fatalf("50 MB file: exit %d %s", code, errs)
	}
	for _, args := range [][]string{
		{"export", "--format", "pdf", "-o", "x.pdf"},
		{"export", "--format", "csv"},
		{"export", "-o", filepath.Join(t.TempDir(), "x.txt")},
		{"template"},
		{"template", "-o"},
		{"import"},
	} {
		if code, _, errs := run(t, env, append([]string{"--register", reg}, args...)...); code != 2 || !strings.HasPrefix(errs, "atpreg: ") {
			t.Errorf("%v: exit %d (%s), want 2", args, code, errs)
		}
	}
	if _, out, _ := run(t, env, "--register", reg, "list", "--json"); strings.TrimSpace(out) != "[]" {
		t.Fatalf("rejected imports changed the register: %s", out)
	}
}

// TestImportGolden holds the wording of import's typical output: a dry run,
// the import, a merge into what is there (flags and the file in any order),
// and a rejected file on standard error.
func TestImportGolden(t *testing.T) {
	reg := filepath.Join(t.TempDir(), "r.atpreg")
	env := testEnv(strongPass)
	if code, _, errs := run(t, env, "--register", reg, "init"); code != 0 {
		t.Fatalf("init: %d %s", code, errs)
	}
	file := func(name string) string { return filepath.Join("testdata", "import", name) }
	for _, tc := range []struct {
		golden string
		args   []string
		code   int
	}{
		{"import-dry-run.txt", []string{"import", "--dry-run", file("replies.csv")}, 0},
		{"import-applied.txt", []string{"import", file("replies.csv")}, 0},
		{"import-merge.txt", []string{"import", file("more.csv"), "--dry-run"}, 0},
		{"import-merged.txt", []string{"import", file("more.csv")}, 0},
		{"import-again.txt", []string{"import", file("more.csv")}, 0},
		{"import-rejected.txt", []string{"import", file("bad.csv")}, 4},
	} {
		code, out, errs := run(t, env, append([]string{"--register", reg}, tc.args...)...)
		if code != tc.code {
			t.Fatalf("%v: exit %d, want %d\n%s%s", tc.args, code, tc.code, out, errs)
		}
		golden(t, tc.golden, out+errs)
	}
}
