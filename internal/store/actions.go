package store

import (
	"context"
	"errors"
	"fmt"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
)

// OpenAction is a follow-up action of a meeting that is not done yet.
// Deprecated: use register.OpenAction; the alias stays while other areas
// move.
type OpenAction = register.OpenAction

// OpenActions returns the follow-up actions not done yet, those with the
// earliest due date first (actions without a due date last).
func (db *DB) OpenActions(ctx context.Context) ([]OpenAction, error) {
	out := []OpenAction{}
	err := db.View(ctx, func(r *Reader) error {
		var rows []struct {
			MeetingID    int64  `db:"meeting_id"`
			MeetingTitle string `db:"meeting_title"`
			MeetingAt    string `db:"meeting_at"`
			Index        int    `db:"position"`
			Text         string `db:"text"`
			Owner        string `db:"owner"`
			Due          string `db:"due"`
		}
		if err := r.Select(&rows, `SELECT a.meeting_id, m.title AS meeting_title, m.starts_at AS meeting_at, a.position, a.text, a.owner, a.due
			FROM meeting_actions a JOIN meetings m ON m.id = a.meeting_id
			WHERE a.done = 0 ORDER BY a.due = '', a.due, m.starts_at, a.position`); err != nil {
			return err
		}
		for _, row := range rows {
			a := OpenAction{MeetingID: row.MeetingID, MeetingTitle: row.MeetingTitle, Index: row.Index, Text: row.Text, Owner: row.Owner, Due: row.Due}
			a.MeetingAt, _ = ParseTime(row.MeetingAt)
			out = append(out, a)
		}
		return nil
	})
	return out, err
}

// OverdueActions returns the open actions that are overdue on today
// ("YYYY-MM-DD", the officer's local date; register.Action.Overdue), the
// most overdue first.
func (db *DB) OverdueActions(ctx context.Context, today string) ([]OpenAction, error) {
	if !register.ValidDate(today) || today == "" {
		return nil, apperr.New(apperr.Invalid, "The date %q is not a date; write it as YYYY-MM-DD.", today)
	}
	open, err := db.OpenActions(ctx)
	if err != nil {
		return nil, err
	}
	out := []OpenAction{}
	for _, a := range open {
		if a.Overdue(today) {
			out = append(out, a)
		}
	}
	return out, nil
}

// SetActionDone marks the index-th action of meeting meetingID done (or not
// done), recorded in the audit trail. Errors: apperr.NotFound.
func (db *DB) SetActionDone(ctx context.Context, meetingID int64, index int, done bool, officer string) error {
	now := db.opt.now()
	return db.Update(ctx, func(tx *Tx) error {
		var acts []struct {
			Text string `db:"text"`
			Done bool   `db:"done"`
		}
		if err := tx.Select(&acts, `SELECT text, done FROM meeting_actions WHERE meeting_id = ? AND position = ?`, meetingID, index); err != nil {
			return err
		}
		if len(acts) == 0 {
			return apperr.New(apperr.NotFound, "That follow-up action is not in the register (the meeting may have changed); reload the meeting.")
		}
		if acts[0].Done == done {
			return nil
		}
		if _, err := tx.Exec(`UPDATE meeting_actions SET done = ? WHERE meeting_id = ? AND position = ?`, done, meetingID, index); err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE meetings SET updated_at = ? WHERE id = ?`, now, meetingID); err != nil {
			return err
		}
		return recordTx(tx, AuditEntry{At: TimeText(now), By: officer, Action: meetingAction, Field: fmt.Sprintf("meeting.actions[%d].done", index),
			Old: fmt.Sprint(acts[0].Done), New: fmt.Sprint(done), Detail: fmt.Sprintf("Meeting %d: follow-up action %q.", meetingID, acts[0].Text)})
	})
}

// recordTx records e in the audit trail inside tx. Entries about one entity
// go through AuditTx; entries about the register's partners and meetings as
// a whole (EntityID 0) are stored in the same table with entity_id 0, so
// AuditLog shows them beside the entities' histories.
func recordTx(tx *Tx, e AuditEntry) error {
	e.By = who(e.By)
	if e.EntityID != 0 {
		return AuditTx(tx, e)
	}
	if e.At == "" || e.Action == "" {
		return errors.New("store: a register audit entry needs a time and an action")
	}
	_, err := tx.Exec(`INSERT INTO audit(entity_id, at, by, action, field, old, new, detail) VALUES (0, ?, ?, ?, ?, ?, ?, ?)`,
		e.At, e.By, e.Action, e.Field, e.Old, e.New, e.Detail)
	return err
}
