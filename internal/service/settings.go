package service

import (
	"context"

	"atpreg/internal/passphrase"
	"atpreg/internal/register"
)

// Settings returns the register's settings, defaults filled in.
func (r *Register) Settings(ctx context.Context) (register.Settings, error) {
	return r.db.GetSettings(ctx)
}

// SaveSettings stores s after the domain's rules (register.Settings:
// the name trimmed, at most 120 characters; auto-lock from 0 to 1440
// minutes; valid weights), recording each change in the history as the
// officer, and returns the settings as now stored. Invalid settings change
// nothing (apperr.Invalid naming each field).
func (r *Register) SaveSettings(ctx context.Context, s register.Settings) (register.Settings, error) {
	s.Normalize()
	if err := s.Validate(); err != nil {
		return register.Settings{}, err
	}
	if err := r.db.SaveSettings(ctx, s, r.Officer(ctx)); err != nil {
		return register.Settings{}, err
	}
	return r.db.GetSettings(ctx)
}

// Strength is how strong a passphrase is: a score from 0 to 4, a label and
// a hint for the officer.
type Strength = passphrase.Strength

// RatePassphrase rates p for a strength meter (the rule Create and
// ChangePassphrase enforce is passphrase.Check).
func RatePassphrase(p string) Strength { return passphrase.Rate(p) }
