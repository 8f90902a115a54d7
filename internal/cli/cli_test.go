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

// run runs one command line with the given environment and returns the exit
// status, stdout and stderr.
func run(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := cli.Env{
		Stdin:  strings.NewReader(""),
		Stdout: &out,
		Stderr: &errb,
		Getenv: func(k string) string { return env[k] },
		// cheap key derivation: these tests are about the commands, not Argon2's cost
		Options: service.Options{TestingKDF: true},
	}
	code := cli.Run(args, e)
	return code, out.String(), errb.String()
}

// testEnv is an environment with a passphrase and cheap key derivation.
func testEnv(pass string) map[string]string {
	return map[string]string{"ATPREG_PASSPHRASE": pass, "ATPREG_INSECURE_TEST_KDF": "1"}
}

const pass = "fictional test passphrase"

func TestUsage(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		code int
		out  string
		err  string
		// cmd is the command whose usage line follows a usage error ("":
		// the error is about the command line as a whole, one line).
		cmd string
	}{
		{"Version", []string{"version"}, 0, "atpreg ", "", ""},
		{"VersionFlag", []string{"--version"}, 0, "atpreg ", "", ""},
		{"Help", []string{"--help"}, 0, "Commands:", "", ""},
		{"HelpShort", []string{"-h"}, 0, "Commands:", "", ""},
		{"HelpCommand", []string{"help", "init"}, 0, "Usage: atpreg init", "", ""},
		{"CommandHelpFlag", []string{"backup", "--help"}, 0, "Usage: atpreg backup [--force] -o FILE", "", ""},
		{"ErrUnknownCommand", []string{"bogus"}, 2, "", "atpreg: unknown command \"bogus\"", ""},
		{"ErrUnknownFlag", []string{"--bogus", "list"}, 2, "", "atpreg: unknown flag --bogus", ""},
		{"ErrNoCommand", []string{"--register", "x"}, 2, "", "no command given", ""},
		{"ErrPassphraseFlag", []string{"--passphrase", "secret", "verify"}, 2, "", "never taken from a flag", ""},
		{"ErrHelpUnknown", []string{"help", "bogus"}, 2, "", "no such command", "help"},
		{"ErrVersionArgs", []string{"version", "x"}, 2, "", "takes no arguments", "version"},
		{"ErrBackupNoOutput", []string{"backup"}, 2, "", "needs -o FILE", "backup"},
		{"ErrCommandFlag", []string{"export", "--bogus", "-o", "x.csv"}, 2, "", "export: unknown flag --bogus", "export"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := run(t, nil, tc.args...)
			if code != tc.code || !strings.Contains(out, tc.out) || !strings.Contains(errs, tc.err) {
				t.Fatalf("exit %d (want %d)\nstdout: %s\nstderr: %s", code, tc.code, out, errs)
			}
			if tc.code == 0 {
				return
			}
			// One line; a command's usage error is followed by its usage
			// line and where its help is, not by the whole help.
			lines := strings.Split(strings.TrimSuffix(errs, "\n"), "\n")
			want := 1
			if tc.cmd != "" {
				want = 3
			}
			if len(lines) != want || !strings.HasPrefix(lines[0], "atpreg: ") ||
				want == 3 && (!strings.HasPrefix(lines[1], "Usage: atpreg "+tc.cmd) || lines[2] != "See 'atpreg help "+tc.cmd+"' for more.") {
				t.Fatalf("usage error: %q", errs)
			}
		})
	}
}

func TestRegisterLifecycle(t *testing.T) {
	dir := t.TempDir()
	reg := filepath.Join(dir, "reg", "register.atpreg")
	env := testEnv(pass)

	code, out, errs := run(t, env, "--register", reg, "init")
	if code != 0 || !strings.Contains(out, "Created") {
		t.Fatalf("init: %d %s %s", code, out, errs)
	}
	info, err := os.Stat(reg)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("register file mode: %v %v", info.Mode(), err)
	}
	if d, _ := os.Stat(filepath.Dir(reg)); d.Mode().Perm() != 0o700 {
		t.Fatalf("register folder mode %v", d.Mode())
	}

	t.Run("ErrInitOverwrite", func(t *testing.T) {
		before, _ := os.ReadFile(reg)
		code, _, errs := run(t, env, "--register", reg, "init")
		after, _ := os.ReadFile(reg)
		if code != 1 || !strings.Contains(errs, "already a register") || !bytes.Equal(before, after) {
			t.Fatalf("init over an existing register: %d %s", code, errs)
		}
	})
	t.Run("Verify", func(t *testing.T) {
		code, out, errs := run(t, env, "--register", reg, "verify")
		if code != 0 || !strings.Contains(out, "integrity ok") {
			t.Fatalf("verify: %d %s %s", code, out, errs)
		}
	})
	t.Run("VerifyWeakKeyDerivation", func(t *testing.T) {
		// The register was made with the tests' cheap key derivation;
		// without the test switch, verify warns and says what to do.
		code, out, errs := run(t, map[string]string{"ATPREG_PASSPHRASE": pass}, "--register", reg, "verify")
		if code != 0 || !strings.Contains(out, "m=8 KiB") || strings.Contains(out, "m=0 MiB") ||
			!strings.Contains(out, "warning: ") || !strings.Contains(out, "atpreg passwd") {
			t.Fatalf("verify of a weak register: %d %s %s", code, out, errs)
		}
	})
	t.Run("ErrWrongPassphrase", func(t *testing.T) {
		code, _, errs := run(t, testEnv("not the passphrase at all"), "--register", reg, "verify")
		if code != 3 || !strings.Contains(errs, "passphrase") {
			t.Fatalf("wrong passphrase: %d %s", code, errs)
		}
	})
	t.Run("PassphraseFile", func(t *testing.T) {
		f := filepath.Join(dir, "pass.txt")
		if err := os.WriteFile(f, []byte(pass+"\r\nsecond line ignored\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		code, _, errs := run(t, map[string]string{"ATPREG_PASSPHRASE": "wrong one", "ATPREG_INSECURE_TEST_KDF": "1"},
			"--register", reg, "--passphrase-file", f, "verify")
		if code != 0 {
			t.Fatalf("--passphrase-file should win over the environment: %d %s", code, errs)
		}
	})
	t.Run("ErrNoPassphrase", func(t *testing.T) {
		code, _, errs := run(t, map[string]string{}, "--register", reg, "verify")
		if code == 0 || !strings.Contains(errs, "ATPREG_PASSPHRASE") {
			t.Fatalf("no passphrase source: %d %s", code, errs)
		}
	})

	backup := filepath.Join(dir, "backups", "copy.atpreg")
	t.Run("Backup", func(t *testing.T) {
		code, out, errs := run(t, env, "--register", reg, "backup", "-o", backup)
		if code != 0 || !strings.Contains(out, "verified") {
			t.Fatalf("backup: %d %s %s", code, out, errs)
		}
		code, _, errs = run(t, env, "--register", reg, "backup", "-o", backup)
		if code != 1 || !strings.Contains(errs, "already exists") {
			t.Fatalf("backup over an existing file: %d %s", code, errs)
		}
	})
	t.Run("Passwd", func(t *testing.T) {
		env2 := testEnv(pass)
		env2["ATPREG_NEW_PASSPHRASE"] = "another fictional passphrase"
		code, out, errs := run(t, env2, "--register", reg, "passwd")
		if code != 0 || !strings.Contains(out, "changed") {
			t.Fatalf("passwd: %d %s %s", code, out, errs)
		}
		if code, _, _ := run(t, env, "--register", reg, "verify"); code != 3 {
			t.Fatalf("old passphrase still opens the register (exit %d)", code)
		}
		if code, _, errs := run(t, testEnv("another fictional passphrase"), "--register", reg, "verify"); code != 0 {
			t.Fatalf("new passphrase does not open: %d %s", code, errs)
		}
	})
	t.Run("ErrPasswdWeak", func(t *testing.T) {
		env2 := testEnv("another fictional passphrase")
		env2["ATPREG_NEW_PASSPHRASE"] = "short"
		if code, _, errs := run(t, env2, "--register", reg, "passwd"); code != 4 || !strings.Contains(errs, "weak") {
			t.Fatalf("weak new passphrase: %d %s", code, errs)
		}
	})
	t.Run("Restore", func(t *testing.T) {
		// The backup has the original passphrase, which becomes the register's.
		code, out, errs := run(t, env, "--register", reg, "restore", backup)
		if code != 0 || !strings.Contains(out, "Restored") {
			t.Fatalf("restore: %d %s %s", code, out, errs)
		}
		if code, _, errs := run(t, env, "--register", reg, "verify"); code != 0 {
			t.Fatalf("verify after restore: %d %s", code, errs)
		}
		if _, err := os.Stat(reg + ".bak"); err != nil {
			t.Fatalf("previous register not kept as .bak: %v", err)
		}
	})
	t.Run("ErrRestoreDamaged", func(t *testing.T) {
		b, err := os.ReadFile(backup)
		if err != nil {
			t.Fatal(err)
		}
		b[len(b)/2] ^= 0x01
		damaged := filepath.Join(dir, "damaged.atpreg")
		if err := os.WriteFile(damaged, b, 0o600); err != nil {
			t.Fatal(err)
		}
		before, _ := os.ReadFile(reg)
		code, _, errs := run(t, env, "--register", reg, "restore", damaged)
		after, _ := os.ReadFile(reg)
		if code != 5 || !bytes.Equal(before, after) {
			t.Fatalf("restore of a damaged copy: exit %d (want 5), register changed: %v\n%s", code, !bytes.Equal(before, after), errs)
		}
		code, _, errs = run(t, env, "--register", damaged, "verify")
		if code != 5 {
			t.Fatalf("verify of a damaged register: exit %d (want 5) %s", code, errs)
		}
	})
	t.Run("ErrMissingRegister", func(t *testing.T) {
		code, _, errs := run(t, env, "--register", filepath.Join(dir, "nowhere.atpreg"), "verify")
		if code != 1 || !strings.Contains(errs, "atpreg init") {
			t.Fatalf("missing register: %d %s", code, errs)
		}
	})
}
