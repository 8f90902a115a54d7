package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
)

// Settings are the officer's preferences, kept inside the register (so they
// are encrypted with it and travel with its backups).
type Settings struct {
	// OfficerName is recorded as "who" on every change.
	OfficerName string `json:"officerName"`
	// AutoLockMinutes locks the window after this many idle minutes (0: never).
	AutoLockMinutes int `json:"autoLockMinutes"`
	// Weights of the seven evaluation aspects, in percent (total 100).
	Weights register.Weights `json:"weights"`
}

// DefaultAutoLockMinutes is the idle time before the window locks.
const DefaultAutoLockMinutes = 10

// DefaultSettings are the settings of a new register.
func DefaultSettings() Settings {
	return Settings{AutoLockMinutes: DefaultAutoLockMinutes, Weights: register.DefaultWeights()}
}

// Validate reports every problem with s.
func (s Settings) Validate() error {
	var fields []apperr.FieldError
	if len([]rune(s.OfficerName)) > 120 {
		fields = append(fields, apperr.FieldError{Field: "officerName", Message: "Keep the name under 120 characters."})
	}
	if s.AutoLockMinutes < 0 || s.AutoLockMinutes > 24*60 {
		fields = append(fields, apperr.FieldError{Field: "autoLockMinutes", Message: "Choose between 0 (never) and 1440 minutes."})
	}
	if err := s.Weights.Validate(); err != nil {
		fields = append(fields, apperr.FieldError{Field: "weights", Message: apperr.Message(err)})
	}
	if len(fields) > 0 {
		return &apperr.Error{Code: apperr.Invalid, Message: "The settings were not saved: " + fields[0].Message, Fields: fields}
	}
	return nil
}

// GetSettings returns the register's settings, defaults filled in.
func (db *DB) GetSettings(ctx context.Context) (Settings, error) {
	s := DefaultSettings()
	err := db.View(ctx, func(r *Reader) error {
		var rows []struct {
			Key   string `db:"key"`
			Value string `db:"value"`
		}
		if err := r.Select(&rows, `SELECT key, value FROM settings`); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		for _, row := range rows {
			switch row.Key {
			case "officer_name":
				s.OfficerName = row.Value
			case "autolock_minutes":
				if n, err := strconv.Atoi(row.Value); err == nil {
					s.AutoLockMinutes = n
				}
			case "weights":
				var w register.Weights
				if err := json.Unmarshal([]byte(row.Value), &w); err == nil && w.Validate() == nil {
					s.Weights = w
				}
			}
		}
		return nil
	})
	return s, err
}

// SaveSettings validates and stores s.
func (db *DB) SaveSettings(ctx context.Context, s Settings) error {
	s.OfficerName = strings.TrimSpace(s.OfficerName)
	if err := s.Validate(); err != nil {
		return err
	}
	w, err := json.Marshal(s.Weights)
	if err != nil {
		return err
	}
	return db.Update(ctx, func(tx *Tx) error {
		for k, v := range map[string]string{
			"officer_name":     s.OfficerName,
			"autolock_minutes": strconv.Itoa(s.AutoLockMinutes),
			"weights":          string(w),
		} {
			if _, err := tx.Exec(`INSERT INTO settings(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`, k, v); err != nil {
				return err
			}
		}
		return nil
	})
}
