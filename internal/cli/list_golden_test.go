package cli_test

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"atpreg/internal/cli"
	"atpreg/internal/service/servicetest"
)

// runFixed runs a command line with the passphrase given, cheap keys and
// the fixed clock servicetest.Now, so that output is the same every day.
func runFixed(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := map[string]string{"ATPREG_PASSPHRASE": strongPass}
	code := cli.Run(args, cli.Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		Getenv: func(k string) string { return env[k] }, Options: servicetest.Options()})
	return code, out.String(), errb.String()
}

// localMinute is a time as show prints it (the machine's zone, to the
// minute): masked in golden files, which must not depend on the zone.
var localMinute = regexp.MustCompile(`\d{4}-\d{2}-\d{2} \d{2}:\d{2}`)

// TestListShowGolden holds the typical output of list and show on the demo
// register, and that their flags and arguments may come in any order.
func TestListShowGolden(t *testing.T) {
	reg := filepath.Join(t.TempDir(), "demo.atpreg")
	if code, _, errs := runFixed(t, "--register", reg, "demo"); code != 0 {
		t.Fatalf("demo: exit %d: %s", code, errs)
	}
	for _, tc := range []struct {
		golden string
		orders [][]string // the same command written in several orders
		mask   bool
	}{
		{"list.txt", [][]string{{"list"}}, false},
		{"list-status-search.json", [][]string{
			{"list", "--status", "evaluation,invited", "--search", "cell", "--json"},
			{"list", "--json", "--search=cell", "--status", "evaluation", "--status=Invited to dialogue"},
		}, false},
		{"list-declined.txt", [][]string{{"list", "--status", "declined"}}, false},
		{"show-1.txt", [][]string{{"show", "1"}}, true},
		{"show-2.json", [][]string{{"show", "2", "--json"}, {"show", "--json", "2"}}, false},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			var first string
			for i, args := range tc.orders {
				code, out, errs := runFixed(t, append([]string{"--register", reg}, args...)...)
				if code != 0 {
					t.Fatalf("%v: exit %d: %s", args, code, errs)
				}
				if tc.mask {
					out = localMinute.ReplaceAllString(out, "YYYY-MM-DD hh:mm")
				}
				if i == 0 {
					first = out
					golden(t, tc.golden, out)
				} else if out != first {
					t.Errorf("%v prints otherwise than %v:\n%s", args, tc.orders[0], out)
				}
			}
		})
	}
}
