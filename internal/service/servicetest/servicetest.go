// Package servicetest gives tests a fresh register, opened through the
// services, in a temporary folder.
package servicetest

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"atpreg/internal/service"
)

// Passphrase is the passphrase of registers made by New; it is strong
// enough for the services' rule.
var Passphrase = []byte("fictional harbour lantern 7 crane kettle")

// Now is the fixed clock of Options: 2025-03-01 09:00 Hong Kong time.
var Now = time.Date(2025, 3, 1, 9, 0, 0, 0, time.FixedZone("HKT", 8*3600))

// Options are cheap options for tests: testing key derivation and the
// fixed clock Now.
func Options() service.Options {
	return service.Options{TestingKDF: true, Now: func() time.Time { return Now }}
}

// New creates an open, empty register in tb.TempDir(), closed when the test
// ends.
func New(tb testing.TB) *service.Register {
	tb.Helper()
	r, err := service.Create(filepath.Join(tb.TempDir(), "register.atpreg"), Passphrase, Options())
	if err != nil {
		tb.Fatalf("servicetest: create register: %v", err)
	}
	closeAtEnd(tb, r)
	return r
}

// NewDemo creates an open register filled with the demo data in
// tb.TempDir(), closed when the test ends.
func NewDemo(tb testing.TB) *service.Register {
	tb.Helper()
	r, err := service.CreateDemo(context.Background(), filepath.Join(tb.TempDir(), "register.atpreg"), Passphrase, Options())
	if err != nil {
		tb.Fatalf("servicetest: create demo register: %v", err)
	}
	closeAtEnd(tb, r)
	return r
}

// Reopen closes r and opens its register again (as after a restart),
// returning the new handle, also closed when the test ends.
func Reopen(tb testing.TB, r *service.Register) *service.Register {
	tb.Helper()
	if err := r.Close(); err != nil {
		tb.Fatalf("servicetest: close register: %v", err)
	}
	r2, err := service.Open(r.Path(), Passphrase, Options())
	if err != nil {
		tb.Fatalf("servicetest: reopen register: %v", err)
	}
	closeAtEnd(tb, r2)
	return r2
}

func closeAtEnd(tb testing.TB, r *service.Register) {
	tb.Cleanup(func() {
		if err := r.Close(); err != nil {
			tb.Errorf("servicetest: close register: %v", err)
		}
	})
}
