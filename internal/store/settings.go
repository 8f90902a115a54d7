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
	var s Settings
	err := db.View(ctx, func(r *Reader) error {
		var err error
		s, err = readSettings(r)
		return err
	})
	return s, err
}

// readSettings reads the settings, defaults filled in.
func readSettings(r *Reader) (Settings, error) {
	s := DefaultSettings()
	err := func() error {
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
	}()
	return s, err
}

// SaveSettings validates and stores s; every setting that changes is
// recorded in the history (who, when, old and new), weights in the same words
// as SaveWeights. by is who changed them.
func (db *DB) SaveSettings(ctx context.Context, s Settings, by string) error {
	s.OfficerName = strings.TrimSpace(s.OfficerName)
	if err := s.Validate(); err != nil {
		return err
	}
	w, err := json.Marshal(s.Weights)
	if err != nil {
		return err
	}
	at := TimeText(db.opt.now())
	return db.Update(ctx, func(tx *Tx) error {
		old, err := readSettings(&tx.Reader)
		if err != nil {
			return err
		}
		for _, c := range []struct {
			key, value, oldText, newText, action, detail string
			changed                                      bool
		}{
			{"officer_name", s.OfficerName, old.OfficerName, s.OfficerName, "settings", "Officer's name changed.", old.OfficerName != s.OfficerName},
			{"autolock_minutes", strconv.Itoa(s.AutoLockMinutes), strconv.Itoa(old.AutoLockMinutes), strconv.Itoa(s.AutoLockMinutes), "settings",
				"Auto-lock idle time changed (minutes; 0 = never).", old.AutoLockMinutes != s.AutoLockMinutes},
			{"weights", string(w), weightsText(old.Weights), weightsText(s.Weights), weightsAction,
				"Evaluation weights changed; every weighted total and the ranking follow.", weightsText(old.Weights) != weightsText(s.Weights)},
		} {
			if !c.changed {
				continue
			}
			if _, err := tx.Exec(`INSERT INTO settings(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`, c.key, c.value); err != nil {
				return err
			}
			field := c.key
			if field == "autolock_minutes" {
				field = "auto-lock minutes"
			} else if field == "officer_name" {
				field = "officer's name"
			}
			if err := recordTx(tx, AuditEntry{At: at, By: who(by), Action: c.action, Field: field, Old: c.oldText, New: c.newText, Detail: c.detail}); err != nil {
				return err
			}
		}
		return nil
	})
}
