package app_test

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"atpreg/app"
)

// boundMethods lists every method Wails binds for the window: each exported
// method of each bound struct, as "Service.Method".
func boundMethods() []string {
	var out []string
	for _, b := range app.Bindings(app.NewSession(app.Config{})) {
		t := reflect.TypeOf(b)
		for i := 0; i < t.NumMethod(); i++ {
			out = append(out, t.Elem().Name()+"."+t.Method(i).Name)
		}
	}
	slices.Sort(out)
	return out
}

// TestBoundMethodsAllowlist holds the window's bound method set to
// testdata/bound-methods.txt: a method that reaches the page is a decision,
// reviewed when the list changes. Production carries no test hooks: no bound
// method writes the register to, or reads it from, a path the page names.
func TestBoundMethodsAllowlist(t *testing.T) {
	got := boundMethods()
	for _, m := range got {
		for _, hook := range []string{"ExportTo", "DryRunPath", "ImportPath", "TemplateTo", "WriteCalendar", "SaveAttachmentTo"} {
			if strings.HasSuffix(m, "."+hook) {
				t.Errorf("%s is bound: a path-taking test hook must not reach the page", m)
			}
		}
	}
	path := filepath.Join("testdata", "bound-methods.txt")
	text := strings.Join(got, "\n") + "\n"
	if os.Getenv("ATPREG_UPDATE_BOUND") == "1" {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if text != string(want) {
		t.Fatalf("the bound methods differ from %s (review, then ATPREG_UPDATE_BOUND=1 go test ./app -run TestBoundMethodsAllowlist):\n--- bound\n%s--- allowed\n%s", path, text, want)
	}
}
