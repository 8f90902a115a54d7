package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
)

// Audit actions of an entity's own record (register's; these names stay
// while the other areas move onto them).
const (
	ActionCreate = register.ActionCreate
	ActionUpdate = register.ActionUpdate
	ActionDelete = register.ActionDelete
	ActionStatus = register.ActionStatus
	ActionAttach = register.ActionAttach
	ActionDetach = register.ActionDetach
	ActionExport = register.ActionExport // see RecordPublished
)

// AuditEntry is one line of an entity's history (the domain's
// register.AuditEntry; this name stays while the other areas move onto it).
// The store keeps At as TimeText.
type AuditEntry = register.AuditEntry

// auditRow is an audit row as stored.
type auditRow struct {
	ID       int64  `db:"id"`
	EntityID int64  `db:"entity_id"`
	At       string `db:"at"`
	By       string `db:"by"`
	Action   string `db:"action"`
	Field    string `db:"field"`
	Old      string `db:"old"`
	New      string `db:"new"`
	Detail   string `db:"detail"`
}

const auditColumns = `id, entity_id, at, by, action, field, old, new, detail`

func auditEntries(rows []auditRow) []AuditEntry {
	out := make([]AuditEntry, len(rows))
	for i, r := range rows {
		out[i] = AuditEntry(r)
	}
	return out
}

// RFC3339 gives a stored time (TimeText) as RFC 3339 to the second, in UTC,
// as the window and the command line show it; text that is not a time is
// returned unchanged.
func RFC3339(t string) string {
	if pt, err := ParseTime(t); err == nil {
		return pt.UTC().Format(time.RFC3339)
	}
	return t
}

// AuditTx records e inside the write transaction tx. EntityID, By and Action
// are required; At is taken as given (a TimeText or RFC 3339 time; pass the
// time of the change, e.g. from Options.Now) and set to the current time
// when empty. It is how every area records its changes in an entity's history.
func AuditTx(tx *Tx, e AuditEntry) error {
	_, err := auditTx(tx, e)
	return err
}

func auditTx(tx *Tx, e AuditEntry) (int64, error) {
	if e.EntityID == 0 || strings.TrimSpace(e.By) == "" || e.Action == "" {
		return 0, errors.New("store: an audit entry needs an entity, who and an action")
	}
	if e.At == "" {
		e.At = TimeText(time.Now())
	} else if t, err := ParseTime(e.At); err == nil {
		e.At = TimeText(t)
	} else {
		return 0, errors.New("store: an audit entry's time is not RFC 3339")
	}
	res, err := tx.Exec(`INSERT INTO audit(entity_id, at, by, action, field, old, new, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		e.EntityID, e.At, e.By, e.Action, e.Field, e.Old, e.New, e.Detail)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// History returns every audit entry of the entity with id, oldest first (a
// deleted entity's history too, ending with its tombstone).
func (db *DB) History(ctx context.Context, entityID int64) ([]AuditEntry, error) {
	var out []AuditEntry
	err := db.View(ctx, func(r *Reader) error {
		var err error
		out, err = historyOf(r, entityID)
		return err
	})
	return out, err
}

func historyOf(r *Reader, entityID int64) ([]AuditEntry, error) {
	var rows []auditRow
	err := r.Select(&rows, `SELECT `+auditColumns+` FROM audit WHERE entity_id = ? ORDER BY at, id`, entityID)
	if errors.Is(err, sql.ErrNoRows) {
		err = nil
	}
	return auditEntries(rows), err
}

// AuditFilter selects audit entries across entities.
type AuditFilter struct {
	Action string // "" for every action
	Since  string // TimeText lower bound (inclusive), "" for no bound
	Limit  int    // 0 for no limit
}

// AuditLog returns audit entries across the register, newest first.
func (db *DB) AuditLog(ctx context.Context, f AuditFilter) ([]AuditEntry, error) {
	q := `SELECT ` + auditColumns + ` FROM audit WHERE 1 = 1`
	var args []any
	if f.Action != "" {
		q += ` AND action = ?`
		args = append(args, f.Action)
	}
	if f.Since != "" {
		q += ` AND at >= ?`
		args = append(args, f.Since)
	}
	q += ` ORDER BY at DESC, id DESC`
	if f.Limit > 0 {
		q += ` LIMIT ?`
		args = append(args, f.Limit)
	}
	var rows []auditRow
	err := db.View(ctx, func(r *Reader) error { return r.Select(&rows, q, args...) })
	return auditEntries(rows), err
}

// StatusChanges returns the pipeline history of the entity with id, oldest
// first: its registration (From "") and every move, with reason, who and when.
func (db *DB) StatusChanges(ctx context.Context, entityID int64) ([]register.StatusChange, error) {
	var rows []auditRow
	err := db.View(ctx, func(r *Reader) error {
		return r.Select(&rows, `SELECT `+auditColumns+` FROM audit
			WHERE entity_id = ? AND (action = 'status' OR (action = 'create' AND field = 'status')) ORDER BY at, id`, entityID)
	})
	if err != nil {
		return nil, err
	}
	out := make([]register.StatusChange, 0, len(rows))
	for _, a := range rows {
		at, err := ParseTime(a.At)
		if err != nil {
			return nil, apperr.Wrap(err, apperr.Damaged, "The history of entity %d holds a damaged time.", entityID)
		}
		out = append(out, register.StatusChange{ID: a.ID, EntityID: a.EntityID, From: register.Status(a.Old),
			To: register.Status(a.New), Reason: a.Detail, By: a.By, At: at})
	}
	return out, nil
}
