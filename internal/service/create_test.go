package service_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"atpreg/internal/apperr"
	"atpreg/internal/service"
	"atpreg/internal/service/servicetest"
)

// TestCreateReportingSteps: making a register tells its steps in order as
// they begin (the window says each), a demo register one more, and a
// refused passphrase or path none, with nothing written.
func TestCreateReportingSteps(t *testing.T) {
	for _, tc := range []struct {
		demo bool
		want []service.Step
	}{
		{false, []service.Step{service.StepKey, service.StepWrite}},
		{true, []service.Step{service.StepKey, service.StepWrite, service.StepDemo}},
	} {
		path := filepath.Join(t.TempDir(), "register.atpreg")
		var got []service.Step
		r, err := service.CreateReporting(context.Background(), path, servicetest.Passphrase, servicetest.Options(), tc.demo,
			func(s service.Step) {
				// Each step is told as it begins: the file is there only
				// once it has been written, before the demo data.
				if _, err := os.Stat(path); (s == service.StepDemo) == os.IsNotExist(err) {
					t.Errorf("step %q told with the file in the wrong state: %v", s, err)
				}
				got = append(got, s)
			})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("demo %v: steps %v, want %v", tc.demo, got, tc.want)
		}
		if err := r.Close(); err != nil {
			t.Fatal(err)
		}
		// A second register at the same path is refused before any step.
		got = nil
		if _, err := service.CreateReporting(context.Background(), path, servicetest.Passphrase, servicetest.Options(), tc.demo,
			func(s service.Step) { got = append(got, s) }); !apperr.Is(err, apperr.Conflict) || len(got) != 0 {
			t.Errorf("an existing register: %v, steps %v", err, got)
		}
	}
	path := filepath.Join(t.TempDir(), "weak.atpreg")
	var got []service.Step
	if _, err := service.CreateReporting(context.Background(), path, []byte("short"), servicetest.Options(), true,
		func(s service.Step) { got = append(got, s) }); !apperr.Is(err, apperr.Invalid) || len(got) != 0 {
		t.Errorf("a weak passphrase: %v, steps %v", err, got)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("a refused create left %s: %v", path, err)
	}
}
