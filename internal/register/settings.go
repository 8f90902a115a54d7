package register

import (
	"strings"
	"unicode/utf8"

	"atpreg/internal/apperr"
)

// DefaultOfficer is who a change is recorded as while the settings name no
// officer.
const DefaultOfficer = "Officer"

// Bounds and defaults of the settings.
const (
	// DefaultAutoLockMinutes is the idle time before the window locks, in a
	// new register.
	DefaultAutoLockMinutes = 10
	// MaxAutoLockMinutes is the longest auto-lock idle time (a day); 0 is never.
	MaxAutoLockMinutes = 24 * 60
	// MaxOfficerNameLen is the longest officer's name, in characters.
	MaxOfficerNameLen = 120
)

// Settings are the officer's preferences, kept inside the register (so they
// are encrypted with it and travel with its backups).
type Settings struct {
	// OfficerName is recorded as "who" on every change ("" until set: see Officer).
	OfficerName string `json:"officerName"`
	// AutoLockMinutes locks the window after this many idle minutes (0: never).
	AutoLockMinutes int `json:"autoLockMinutes"`
	// Weights of the seven evaluation aspects, in percent (total 100).
	Weights Weights `json:"weights"`
}

// DefaultSettings are the settings of a new register.
func DefaultSettings() Settings {
	return Settings{AutoLockMinutes: DefaultAutoLockMinutes, Weights: DefaultWeights()}
}

// Officer returns who changes are recorded as: the officer's name, or
// DefaultOfficer while none is set.
func (s Settings) Officer() string {
	if name := strings.TrimSpace(s.OfficerName); name != "" {
		return name
	}
	return DefaultOfficer
}

// Normalize trims the officer's name.
func (s *Settings) Normalize() { s.OfficerName = strings.TrimSpace(s.OfficerName) }

// Validate reports every problem with s at once (apperr.Invalid, fields by
// their JSON names): the name at most MaxOfficerNameLen characters on one
// line, without invisible characters that could disguise it, the
// auto-lock time from 0 (never) to MaxAutoLockMinutes, valid weights.
func (s Settings) Validate() error {
	var fields []apperr.FieldError
	if utf8.RuneCountInString(s.OfficerName) > MaxOfficerNameLen {
		fields = append(fields, apperr.Field("officerName", "Keep the name under 120 characters."))
	} else {
		// A name: no control, bidirectional or zero-width characters.
		var v problems
		v.text("officerName", s.OfficerName, MaxOfficerNameLen, false)
		fields = append(fields, v.list...)
	}
	if s.AutoLockMinutes < 0 || s.AutoLockMinutes > MaxAutoLockMinutes {
		fields = append(fields, apperr.Field("autoLockMinutes", "Choose between 0 (never) and 1440 minutes."))
	}
	if err := s.Weights.Validate(); err != nil {
		fields = append(fields, apperr.Field("weights", "%s", apperr.Say(err)))
	}
	if len(fields) > 0 {
		return apperr.New(apperr.Invalid, "The settings were not saved: %s", fields[0]).With(fields...)
	}
	return nil
}

// Who returns by trimmed, or DefaultOfficer when it names nobody: who a
// change is recorded as.
func Who(by string) string {
	if by = strings.TrimSpace(by); by != "" {
		return by
	}
	return DefaultOfficer
}
