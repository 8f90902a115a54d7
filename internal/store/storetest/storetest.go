// Package storetest gives tests a fresh register in a temporary folder.
package storetest

import (
	"path/filepath"
	"testing"
	"time"

	"atpreg/internal/store"
	"atpreg/internal/vault"
)

// Passphrase is the passphrase of registers made by New.
var Passphrase = []byte("fictional test passphrase")

// Options are cheap options for tests: vault.TestingKDF (explicitly
// allowed) and a fixed clock (2025-03-01 09:00 Hong Kong time).
func Options() store.Options {
	t := time.Date(2025, 3, 1, 9, 0, 0, 0, time.FixedZone("HKT", 8*3600))
	return store.Options{KDF: vault.TestingKDF, AllowWeakKDF: true, Now: func() time.Time { return t }}
}

// New creates an open register in tb.TempDir() with Passphrase and Options,
// closed when the test ends. The register's path is db.Path().
func New(tb testing.TB) *store.DB {
	tb.Helper()
	db, err := store.Create(filepath.Join(tb.TempDir(), "register.atpreg"), Passphrase, Options())
	if err != nil {
		tb.Fatalf("storetest: create register: %v", err)
	}
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Errorf("storetest: close register: %v", err)
		}
	})
	return db
}

// Reopen closes db and opens its register again (as after a restart),
// returning the new handle, also closed when the test ends.
func Reopen(tb testing.TB, db *store.DB) *store.DB {
	tb.Helper()
	if err := db.Close(); err != nil {
		tb.Fatalf("storetest: close register: %v", err)
	}
	db2, err := store.Open(db.Path(), Passphrase, Options())
	if err != nil {
		tb.Fatalf("storetest: reopen register: %v", err)
	}
	tb.Cleanup(func() {
		if err := db2.Close(); err != nil {
			tb.Errorf("storetest: close register: %v", err)
		}
	})
	return db2
}
