package cli_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// golden compares got with testdata/golden/NAME (rewritten with -update).
// Golden files hold the CLI's wording: a change to it shows in review.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("no golden file %s (run go test ./internal/cli -run %s -update): %v", path, t.Name(), err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (run with -update if the change is meant):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// TestHelpGolden holds the wording of the command list and of every
// command's help.
func TestHelpGolden(t *testing.T) {
	code, out, _ := run(t, nil, "--help")
	if code != 0 {
		t.Fatalf("--help: exit %d", code)
	}
	golden(t, "help.txt", out)
	_, list, _ := strings.Cut(out, "Commands:\n")
	list, _, _ = strings.Cut(list, "\n\n")
	for _, line := range strings.Split(list, "\n") {
		name := strings.Fields(line)[0]
		t.Run(name, func(t *testing.T) {
			code, out, errs := run(t, nil, "help", name)
			if code != 0 {
				t.Fatalf("help %s: exit %d: %s", name, code, errs)
			}
			golden(t, "help-"+name+".txt", out)
		})
	}
}
