package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"atpreg/internal/cli"
	"atpreg/internal/service"
)

// runState is run with the newest state of registers remembered in state.
func runState(t *testing.T, state string, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := cli.Env{
		Stdin:   strings.NewReader(""),
		Stdout:  &out,
		Stderr:  &errb,
		Getenv:  func(k string) string { return env[k] },
		Options: service.Options{TestingKDF: true, StateDir: state},
	}
	code := cli.Run(args, e)
	return code, out.String(), errb.String()
}

// TestRollbackNoticed: with a state folder (main gives the user's config
// folder), the CLI remembers the newest state of the register; a copy from before a passphrase
// change put back in place is refused (exit 5, with words that explain)
// until it is brought back with restore.
func TestRollbackNoticed(t *testing.T) {
	state := filepath.Join(t.TempDir(), "config", "atpreg", "seen")
	env := testEnv(pass)
	dir := t.TempDir()
	reg := filepath.Join(dir, "register.atpreg")
	if code, _, errs := runState(t, state, env, "--register", reg, "init"); code != 0 {
		t.Fatalf("init: %d %s", code, errs)
	}
	if ents, _ := os.ReadDir(state); len(ents) == 0 {
		t.Fatal("nothing remembered in the config folder")
	}
	old, err := os.ReadFile(reg)
	if err != nil {
		t.Fatal(err)
	}
	env2 := testEnv(pass)
	env2["ATPREG_NEW_PASSPHRASE"] = "another fictional passphrase"
	if code, _, errs := runState(t, state, env2, "--register", reg, "passwd"); code != 0 {
		t.Fatalf("passwd: %d %s", code, errs)
	}
	copyOld := filepath.Join(t.TempDir(), "old.atpreg")
	for _, p := range []string{reg, copyOld} {
		if err := os.WriteFile(p, old, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	os.Remove(reg + "-journal")
	code, _, errs := runState(t, state, env, "--register", reg, "verify")
	if code != 5 || !strings.Contains(errs, "older copy") || !strings.Contains(errs, "atpreg restore") {
		t.Fatalf("verify of the older copy: %d %s", code, errs)
	}
	if code, _, errs := runState(t, state, env, "--register", reg, "restore", copyOld); code != 0 {
		t.Fatalf("restore: %d %s", code, errs)
	}
	if code, _, errs := runState(t, state, env, "--register", reg, "verify"); code != 0 {
		t.Fatalf("verify after restore: %d %s", code, errs)
	}
}
