package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRollbackNoticed: with a home folder, the CLI remembers the newest state
// of the register in the config folder; a copy from before a passphrase
// change put back in place is refused (exit 5, with words that explain)
// until it is brought back with restore.
func TestRollbackNoticed(t *testing.T) {
	home := t.TempDir()
	env := testEnv(pass)
	env["HOME"] = home
	dir := t.TempDir()
	reg := filepath.Join(dir, "register.atpreg")
	if code, _, errs := run(t, env, "--register", reg, "init"); code != 0 {
		t.Fatalf("init: %d %s", code, errs)
	}
	if ents, _ := os.ReadDir(filepath.Join(home, ".config", "atpreg", "seen")); len(ents) == 0 {
		t.Fatal("nothing remembered in the config folder")
	}
	old, err := os.ReadFile(reg)
	if err != nil {
		t.Fatal(err)
	}
	env2 := testEnv(pass)
	env2["HOME"] = home
	env2["ATPREG_NEW_PASSPHRASE"] = "another fictional passphrase"
	if code, _, errs := run(t, env2, "--register", reg, "passwd"); code != 0 {
		t.Fatalf("passwd: %d %s", code, errs)
	}
	copyOld := filepath.Join(t.TempDir(), "old.atpreg")
	for _, p := range []string{reg, copyOld} {
		if err := os.WriteFile(p, old, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	os.Remove(reg + "-journal")
	code, _, errs := run(t, env, "--register", reg, "verify")
	if code != 5 || !strings.Contains(errs, "older copy") || !strings.Contains(errs, "atpreg restore") {
		t.Fatalf("verify of the older copy: %d %s", code, errs)
	}
	if code, _, errs := run(t, env, "--register", reg, "restore", copyOld); code != 0 {
		t.Fatalf("restore: %d %s", code, errs)
	}
	if code, _, errs := run(t, env, "--register", reg, "verify"); code != 0 {
		t.Fatalf("verify after restore: %d %s", code, errs)
	}
}
