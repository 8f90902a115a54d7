package store_test

import (
	"context"
	"testing"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
	"atpreg/internal/store"
	"atpreg/internal/store/storetest"
)

func TestSettings(t *testing.T) {
	ctx := context.Background()
	t.Run("Defaults", func(t *testing.T) {
		db := storetest.New(t)
		s, err := db.GetSettings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if s.AutoLockMinutes != store.DefaultAutoLockMinutes || s.OfficerName != "" {
			t.Fatalf("defaults: %+v", s)
		}
		if s.Weights.Validate() != nil {
			t.Fatalf("default weights invalid: %v", s.Weights)
		}
	})
	t.Run("SavedAndReopened", func(t *testing.T) {
		db := storetest.New(t)
		w := register.DefaultWeights()
		for _, a := range register.Aspects() {
			w[a] = 10
		}
		w[register.Aspects()[0]] = 40
		want := store.Settings{OfficerName: " Dr Mei Chan ", AutoLockMinutes: 5, Weights: w}
		if err := db.SaveSettings(ctx, want, "Test Officer"); err != nil {
			t.Fatal(err)
		}
		db = storetest.Reopen(t, db)
		got, err := db.GetSettings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got.OfficerName != "Dr Mei Chan" || got.AutoLockMinutes != 5 || got.Weights[register.Aspects()[0]] != 40 {
			t.Fatalf("got %+v", got)
		}
		log, err := db.AuditLog(ctx, store.AuditFilter{})
		if err != nil {
			t.Fatal(err)
		}
		changed := map[string]bool{}
		for _, e := range log {
			if e.By == "Test Officer" {
				changed[e.Field] = true
			}
		}
		if !changed["officer's name"] || !changed["auto-lock minutes"] || !changed["weights"] {
			t.Fatalf("settings changes missing from the history: %v", changed)
		}
		// Saving the same settings again records nothing more.
		if err := db.SaveSettings(ctx, got, "Test Officer"); err != nil {
			t.Fatal(err)
		}
		if again, _ := db.AuditLog(ctx, store.AuditFilter{}); len(again) != len(log) {
			t.Fatalf("unchanged settings were recorded: %d -> %d entries", len(log), len(again))
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		db := storetest.New(t)
		w := register.DefaultWeights()
		w[register.Aspects()[0]] += 5
		err := db.SaveSettings(ctx, store.Settings{AutoLockMinutes: -1, Weights: w}, "Test Officer")
		if !apperr.Is(err, apperr.Invalid) || len(apperr.FieldsOf(err)) != 2 {
			t.Fatalf("want 2 field problems, got %v %+v", err, apperr.FieldsOf(err))
		}
		s, _ := db.GetSettings(ctx)
		if s.AutoLockMinutes != store.DefaultAutoLockMinutes {
			t.Fatal("invalid settings were stored")
		}
	})
}
