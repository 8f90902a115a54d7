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

// TestOpenReportingSteps: opening a register tells its steps in order as
// they begin (the lock screen says each): deriving the key, then reading the
// register; a wrong passphrase only the first, a missing register or an
// empty passphrase none.
func TestOpenReportingSteps(t *testing.T) {
	path := filepath.Join(t.TempDir(), "register.atpreg")
	r, err := service.CreateDemo(context.Background(), path, servicetest.Passphrase, servicetest.Options())
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	var got []service.Step
	r, err = service.OpenReporting(path, servicetest.Passphrase, servicetest.Options(), func(s service.Step) { got = append(got, s) })
	if err != nil {
		t.Fatal(err)
	}
	if want := []service.Step{service.StepKey, service.StepRead}; !slices.Equal(got, want) {
		t.Errorf("steps %v, want %v", got, want)
	}
	// Every step was told before the register was open: it holds the demo.
	if p, err := r.ListEntities(context.Background(), service.ListQuery{Limit: 1}); err != nil || p.Total != 40 {
		t.Errorf("the opened register lists %+v, %v; want 40 entities", p.Total, err)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}

	got = nil
	if _, err := service.OpenReporting(path, []byte("not the passphrase at all"), servicetest.Options(),
		func(s service.Step) { got = append(got, s) }); !apperr.Is(err, apperr.WrongPass) || !slices.Equal(got, []service.Step{service.StepKey}) {
		t.Errorf("a wrong passphrase: %v, steps %v", err, got)
	}
	got = nil
	if _, err := service.OpenReporting(path, nil, servicetest.Options(),
		func(s service.Step) { got = append(got, s) }); !apperr.Is(err, apperr.Invalid) || len(got) != 0 {
		t.Errorf("an empty passphrase: %v, steps %v", err, got)
	}
	missing := filepath.Join(t.TempDir(), "none.atpreg")
	got = nil
	if _, err := service.OpenReporting(missing, servicetest.Passphrase, servicetest.Options(),
		func(s service.Step) { got = append(got, s) }); !apperr.Is(err, apperr.NotFound) || len(got) != 0 {
		t.Errorf("a missing register: %v, steps %v", err, got)
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Errorf("a refused open left %s: %v", missing, err)
	}
	// Open, without reporting, still opens.
	if r, err = service.Open(path, servicetest.Passphrase, servicetest.Options()); err != nil {
		t.Fatal(err)
	}
	_ = r.Close()
}
