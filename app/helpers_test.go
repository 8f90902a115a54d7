package app_test

import (
	"path/filepath"
	"testing"

	"atpreg/app"
	"atpreg/internal/service/servicetest"
)

// testPassphrase is strong enough for passphrase.Check.
var testPassphrase = string(servicetest.Passphrase)

// newTestSession returns a session on a new register in t.TempDir() (filled
// with the demo data when demo is true), cheap key derivation and a fixed
// clock; the register is locked when the test ends.
func newTestSession(t testing.TB, demo bool) *app.Session {
	t.Helper()
	s := app.NewSession(app.Config{
		RegisterPath: filepath.Join(t.TempDir(), "register.atpreg"),
		Options:      servicetest.Options(),
	})
	if _, err := s.CreateRegister(testPassphrase, testPassphrase, demo); err != nil {
		t.Fatalf("create register: %v", err)
	}
	t.Cleanup(func() {
		if _, err := s.Lock(); err != nil {
			t.Errorf("lock: %v", err)
		}
	})
	return s
}
