// Package layering holds the import rules of docs/TEAM.md as a test, so
// that the layers cannot silently erode: the faces call services only, the
// store only stores, and renderers turn domain values into bytes.
package layering

import (
	"go/build"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
)

// root is the module's folder.
func root(t *testing.T) string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("cannot find the test's own file")
	}
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// imports returns the module-internal packages dir imports (tests excluded).
func imports(t *testing.T, dir string) []string {
	t.Helper()
	p, err := build.ImportDir(filepath.Join(root(t), dir), 0)
	if err != nil {
		t.Fatalf("read %s: %v", dir, err)
	}
	return p.Imports
}

func TestImportRules(t *testing.T) {
	files := []string{"atpreg/internal/fileout", "atpreg/internal/interchange", "atpreg/internal/briefing",
		"atpreg/internal/demand", "atpreg/internal/ics", "atpreg/internal/pdfdoc"}
	storage := []string{"atpreg/internal/store", "atpreg/internal/vault"}
	for _, rule := range []struct {
		dirs      []string
		forbidden []string
		why       string
	}{
		{[]string{"app", "internal/cli"}, append(slices.Clone(storage), files...),
			"a face calls internal/service only"},
		{[]string{"internal/store"}, files,
			"the store is a repository: SQL to domain values and back"},
		{[]string{"internal/briefing", "internal/demand", "internal/interchange", "internal/ics", "internal/pdfdoc", "internal/evalsheet", "internal/rfiform", "internal/forms"},
			[]string{"atpreg/internal/store", "atpreg/internal/vault", "atpreg/internal/service", "atpreg/internal/briefing/font"},
			"a renderer takes domain values and returns bytes"},
		{[]string{"internal/register"}, append(append(slices.Clone(storage), files...), "atpreg/internal/service"),
			"the domain has no I/O"},
	} {
		for _, dir := range rule.dirs {
			for _, imp := range imports(t, dir) {
				if slices.Contains(rule.forbidden, imp) {
					t.Errorf("%s imports %s: %s", dir, imp, rule.why)
				}
			}
		}
	}
}
