package cli_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLifecycleGolden holds the typical output of init, verify, backup,
// restore and passwd, and the wording of the mistakes an officer makes
// with them and with the other commands: usage errors (a line, the
// command's usage line, where its help is), a file that exists, a restore
// of a file that is no register. Each step shows its exit status.
func TestLifecycleGolden(t *testing.T) {
	dir := t.TempDir()
	reg := filepath.Join(dir, "register.atpreg")
	csv := filepath.Join(dir, "entities.csv")
	if err := os.WriteFile(csv, []byte("entity_name,product_name\nFictional Cells Ltd,FC-1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	step := func(env map[string]string, args ...string) {
		t.Helper()
		code, out, errs := run(t, env, append([]string{"--register", reg}, args...)...)
		fmt.Fprintf(&b, "$ atpreg %s\n%s%s[exit %d]\n\n", strings.Join(args, " "), out, errs, code)
	}
	env := testEnv(pass)
	newPass := testEnv(pass)
	newPass["ATPREG_NEW_PASSPHRASE"] = "another fictional passphrase for the golden file"
	step(env, "init")
	step(env, "init")
	step(map[string]string{}, "verify")
	step(env, "verify")
	step(env, "backup", "-o", filepath.Join(dir, "copy.atpreg"))
	step(env, "backup", "-o", filepath.Join(dir, "copy.atpreg"))
	step(env, "backup", "--force", "-o", filepath.Join(dir, "copy.atpreg"))
	step(env, "restore", csv)
	step(env, "restore", filepath.Join(dir, "none.atpreg"))
	step(env, "restore", filepath.Join(dir, "copy.atpreg"))
	step(env, "passwd")
	step(newPass, "passwd")
	step(env, "export", "--format", "pdf", "-o", filepath.Join(dir, "x.pdf"))
	step(env, "export", "--bogus")
	step(env, "export", "-o")
	step(env, "import")
	step(env, "brief", "--entity", "1", "-o", filepath.Join(dir, "pack.pdf"))
	step(env, "show", "one")
	step(env, "template", "-o", csv)
	reg = filepath.Join(dir, "demo.atpreg")
	step(env, "demo")
	golden(t, "lifecycle.txt", strings.ReplaceAll(b.String(), dir, "DIR"))
}
