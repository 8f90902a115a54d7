package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strconv"

	"atpreg/internal/register"
)

// Settings are the officer's preferences (the domain's register.Settings;
// this name stays while the other areas move onto it).
type Settings = register.Settings

// DefaultAutoLockMinutes is register.DefaultAutoLockMinutes.
const DefaultAutoLockMinutes = register.DefaultAutoLockMinutes

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
	s := register.DefaultSettings()
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
				if err := json.Unmarshal([]byte(row.Value), &w); err == nil {
					if fit, ok := w.Fit(); ok {
						s.Weights = fit
					}
				}
			}
		}
		return nil
	}()
	return s, err
}

// SaveSettings stores s, normalized and validated by the domain's rules
// (register.Settings); every setting that changes is recorded in the history
// (who, when, old and new), weights in the same words as SaveWeights. by is
// who changed them.
func (db *DB) SaveSettings(ctx context.Context, s Settings, by string) error {
	s.Normalize()
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
