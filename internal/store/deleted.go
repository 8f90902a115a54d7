package store

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"atpreg/internal/apperr"
)

// Deleted is what one delete took away (a meeting, a partner or an
// evaluation): every row the DELETE removed, the rows ON DELETE CASCADE
// removed with it included, read inside the same transaction just before
// it. Restore puts them back. It is opaque, and held in memory only: it is
// never written to disk, and it prints as its kind and number alone (never
// the rows), so that it cannot reach a log by accident. The zero Deleted
// holds nothing (Restore refuses it).
type Deleted struct {
	kind      deletedKind
	id        int64
	label     string  // the title, the name, or the evaluation's summary (for the history)
	evaluator string  // an evaluation's evaluator
	entities  []int64 // the entities whose history recorded the delete
	tables    []deletedRows
	// names are the display names of the records the rows refer to outside
	// what was deleted (table -> id -> name), read at the delete, for a
	// refusal to name what has gone since.
	names map[string]map[int64]string
}

type deletedKind string

const (
	deletedMeeting    deletedKind = "meeting"
	deletedPartner    deletedKind = "partner"
	deletedEvaluation deletedKind = "evaluation"
)

// deletedRows are the rows taken from one table, as SELECT * gave them.
type deletedRows struct {
	table string
	cols  []string
	rows  [][]any
}

// String names what was deleted (never its content).
func (d Deleted) String() string {
	if d.kind == "" {
		return "store.Deleted{}"
	}
	return fmt.Sprintf("store.Deleted{%s %d}", d.kind, d.id)
}

// GoString is String (so %#v shows no content either).
func (d Deleted) GoString() string { return d.String() }

// Format prints d as String, whatever the verb: the rows never reach a log.
func (d Deleted) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(d.String())) }

// IsZero reports whether d holds nothing.
func (d Deleted) IsZero() bool { return d.kind == "" }

// freshKeys are the key columns a restore leaves to SQLite: numbers that
// nothing refers to and that the store itself renumbers (a meeting's
// follow-up actions are written afresh at every save of any meeting, so
// their old numbers may well have been taken by another meeting's).
var freshKeys = map[string]string{"meeting_actions": "id"}

// displayNames says which column names a record of a table for a person.
var displayNames = map[string]string{"entities": "name", "partners": "name", "meetings": "title", "evaluations": "evaluator"}

// foreignKey is one REFERENCES clause of a table.
type foreignKey struct {
	Parent   string `db:"table"`
	From     string `db:"from"`
	To       string `db:"to"`
	OnDelete string `db:"on_delete"`
}

func foreignKeys(r *Reader, table string) ([]foreignKey, error) {
	var fks []foreignKey
	err := r.Select(&fks, `SELECT "table", "from", coalesce("to", 'id') AS "to", on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq`, table)
	return fks, err
}

// childKey is a table whose rows go when a row of its parent goes (ON
// DELETE CASCADE), by the column that refers to the parent's column.
type childKey struct {
	table, from, to string
}

// cascades returns the tables whose rows go with a row of parent.
func cascades(r *Reader, parent string) ([]childKey, error) {
	var tables []string
	if err := r.Select(&tables, `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`); err != nil {
		return nil, err
	}
	var out []childKey
	for _, t := range tables {
		fks, err := foreignKeys(r, t)
		if err != nil {
			// A virtual table (the search indexes) has no foreign keys to list.
			continue
		}
		for _, fk := range fks {
			if fk.Parent == parent && strings.EqualFold(fk.OnDelete, "CASCADE") {
				out = append(out, childKey{table: t, from: fk.From, to: fk.To})
			}
		}
	}
	return out, nil
}

// captureTx reads, before a delete, the rows of table that where selects
// and, through every ON DELETE CASCADE that reaches them, the rows that
// will go with them: parents before children.
func captureTx(tx *Tx, table, where string, args ...any) ([]deletedRows, error) {
	got, err := selectRows(&tx.Reader, table, where, args...)
	if err != nil {
		return nil, err
	}
	out := []deletedRows{got}
	if len(got.rows) == 0 {
		return out, nil
	}
	children, err := cascades(&tx.Reader, table)
	if err != nil {
		return nil, err
	}
	for _, c := range children {
		keys := got.column(c.to)
		if len(keys) == 0 {
			continue
		}
		more, err := captureTx(tx, c.table, quoteIdent(c.from)+` IN (`+placeholders(len(keys))+`)`, keys...)
		if err != nil {
			return nil, err
		}
		for _, m := range more {
			if len(m.rows) > 0 {
				out = append(out, m)
			}
		}
	}
	return out, nil
}

// selectRows returns SELECT * of table where, in rowid order (or primary
// key order, for a table WITHOUT ROWID).
func selectRows(r *Reader, table, where string, args ...any) (deletedRows, error) {
	var withoutRowid int
	if err := r.Get(&withoutRowid, `SELECT count(*) FROM pragma_table_list WHERE name = ? AND wr = 1`, table); err != nil {
		return deletedRows{}, err
	}
	order := ` ORDER BY rowid`
	if withoutRowid > 0 {
		order = ``
	}
	rows, err := r.Queryx(`SELECT * FROM `+quoteIdent(table)+` WHERE `+where+order, args...)
	if err != nil {
		return deletedRows{}, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return deletedRows{}, err
	}
	out := deletedRows{table: table, cols: cols}
	for rows.Next() {
		vals, err := rows.SliceScan() // []byte values are copies (database/sql)
		if err != nil {
			return deletedRows{}, err
		}
		out.rows = append(out.rows, vals)
	}
	return out, rows.Err()
}

// column returns the distinct values of col in the rows.
func (d deletedRows) column(col string) []any {
	i := slices.Index(d.cols, col)
	if i < 0 {
		return nil
	}
	var out []any
	for _, row := range d.rows {
		if row[i] != nil && !slices.Contains(out, row[i]) {
			out = append(out, row[i])
		}
	}
	return out
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// captureNamesTx records the display names of the records outside d that
// its rows refer to (the entities on a meeting's list, the meetings a
// partner was invited to ...).
func captureNamesTx(tx *Tx, d *Deleted) error {
	d.names = map[string]map[int64]string{}
	for _, t := range d.tables {
		fks, err := foreignKeys(&tx.Reader, t.table)
		if err != nil {
			return err
		}
		for _, fk := range fks {
			col, ok := displayNames[fk.Parent]
			if !ok {
				continue
			}
			for _, v := range t.column(fk.From) {
				id, ok := v.(int64)
				if !ok || d.holds(fk.Parent, fk.To, v) {
					continue
				}
				var name string
				if err := tx.Reader.Get(&name, `SELECT `+quoteIdent(col)+` FROM `+quoteIdent(fk.Parent)+` WHERE `+quoteIdent(fk.To)+` = ?`, id); err != nil {
					return err
				}
				if d.names[fk.Parent] == nil {
					d.names[fk.Parent] = map[int64]string{}
				}
				d.names[fk.Parent][id] = name
			}
		}
	}
	return nil
}

// holds reports whether d brings back a row of table whose col is v.
func (d Deleted) holds(table, col string, v any) bool {
	for _, t := range d.tables {
		if t.table == table && slices.Contains(t.column(col), v) {
			return true
		}
	}
	return false
}

// nameOf is how a refusal names record id of table.
func (d Deleted) nameOf(table string, id int64) string {
	if n := d.names[table][id]; n != "" {
		return n
	}
	return "#" + strconv.FormatInt(id, 10)
}

// deleteKeepingTx captures what deleting the rows of table where takes
// away (see captureTx and captureNamesTx), then deletes them.
func deleteKeepingTx(tx *Tx, d *Deleted, table, where string, args ...any) error {
	var err error
	if d.tables, err = captureTx(tx, table, where, args...); err != nil {
		return err
	}
	if err := captureNamesTx(tx, d); err != nil {
		return err
	}
	_, err = tx.Exec(`DELETE FROM `+quoteIdent(table)+` WHERE `+where, args...)
	return err
}

// Restore puts back what a delete took away (d, from DeleteMeetingUndoable,
// DeletePartnerUndoable or DeleteEvaluationUndoable), in one transaction:
// every row with its own numbers, then what is worked out from them (an
// entity's evaluation totals), and the history says it was restored (the
// register's, and each entity's whose history recorded the delete). If
// anything has changed since that the rows would clash with (a record they
// refer to has been deleted, the number has been taken), it refuses with
// apperr.Conflict and changes nothing. (Not the restore of a register from
// a backup: that is the package's Restore.)
func (db *DB) Restore(ctx context.Context, d Deleted, officer string) error {
	if d.IsZero() || len(d.tables) == 0 || len(d.tables[0].rows) == 0 {
		return apperr.New(apperr.NotFound, "There is nothing to restore.")
	}
	now := TimeText(db.opt.now())
	return db.Update(ctx, func(tx *Tx) error {
		if err := d.checkTx(tx); err != nil {
			return err
		}
		for _, t := range d.tables {
			if err := t.insertTx(tx); err != nil {
				return err
			}
		}
		return d.recordRestoredTx(tx, now, officer)
	})
}

// insertTx inserts the rows again, each with its own values (a fresh key
// where freshKeys says so).
func (t deletedRows) insertTx(tx *Tx) error {
	skip := slices.Index(t.cols, freshKeys[t.table])
	var cols []string
	for i, c := range t.cols {
		if i != skip {
			cols = append(cols, quoteIdent(c))
		}
	}
	q := `INSERT INTO ` + quoteIdent(t.table) + `(` + strings.Join(cols, ", ") + `) VALUES (` + placeholders(len(cols)) + `)`
	for _, row := range t.rows {
		args := make([]any, 0, len(cols))
		for i, v := range row {
			if i != skip {
				args = append(args, v)
			}
		}
		if _, err := tx.Exec(q, args...); err != nil {
			return err
		}
	}
	return nil
}

// checkTx refuses (apperr.Conflict) a restore that would clash: a row's
// key taken since, or a record a row refers to gone since.
func (d Deleted) checkTx(tx *Tx) error {
	for _, t := range d.tables {
		var keys []string
		if err := tx.Reader.Select(&keys, `SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk`, t.table); err != nil {
			return err
		}
		if fresh := freshKeys[t.table]; fresh != "" {
			keys = slices.DeleteFunc(keys, func(k string) bool { return k == fresh })
		}
		if len(keys) > 0 {
			var idx []int
			var conds []string
			for _, k := range keys {
				idx = append(idx, slices.Index(t.cols, k))
				conds = append(conds, quoteIdent(k)+` = ?`)
			}
			q := `SELECT count(*) FROM ` + quoteIdent(t.table) + ` WHERE ` + strings.Join(conds, ` AND `)
			for _, row := range t.rows {
				args := make([]any, len(idx))
				for i, j := range idx {
					if j < 0 {
						return fmt.Errorf("store: restore: %s has no column %s", t.table, keys[i])
					}
					args[i] = row[j]
				}
				var n int
				if err := tx.Reader.Get(&n, q, args...); err != nil {
					return err
				}
				if n > 0 {
					return d.taken()
				}
			}
		}
		fks, err := foreignKeys(&tx.Reader, t.table)
		if err != nil {
			return err
		}
		for _, fk := range fks {
			for _, v := range t.column(fk.From) {
				if d.holds(fk.Parent, fk.To, v) {
					continue
				}
				var n int
				if err := tx.Reader.Get(&n, `SELECT count(*) FROM `+quoteIdent(fk.Parent)+` WHERE `+quoteIdent(fk.To)+` = ?`, v); err != nil {
					return err
				}
				if n == 0 {
					id, _ := v.(int64)
					return d.gone(fk.Parent, id)
				}
			}
		}
	}
	return nil
}

// taken is the refusal when the deleted record's number has been given to
// a new one since.
func (d Deleted) taken() error {
	switch d.kind {
	case deletedMeeting:
		return apperr.New(apperr.Conflict, "Meeting %d (%s) can no longer be restored: a meeting added since has taken its number. Nothing was changed.", d.id, d.label)
	case deletedPartner:
		return apperr.New(apperr.Conflict, "Partner %d (%s) can no longer be restored: a partner added since has taken its number. Nothing was changed.", d.id, d.label)
	}
	return apperr.New(apperr.Conflict, "Evaluation %d by %s can no longer be restored: an evaluation added since has taken its number. Nothing was changed.", d.id, d.evaluator)
}

// gone is the refusal when record id of table, which the deleted rows
// refer to, has been deleted since.
func (d Deleted) gone(table string, id int64) error {
	name := d.nameOf(table, id)
	switch {
	case d.kind == deletedMeeting && table == "entities":
		return apperr.New(apperr.Conflict, "Meeting %d (%s) can no longer be restored: %s, on its list, has been deleted since. Nothing was changed.", d.id, d.label, name)
	case d.kind == deletedMeeting && table == "partners":
		return apperr.New(apperr.Conflict, "Meeting %d (%s) can no longer be restored: the partner %s, invited to it, has been deleted since. Nothing was changed.", d.id, d.label, name)
	case d.kind == deletedPartner && table == "entities":
		return apperr.New(apperr.Conflict, "Partner %d (%s) can no longer be restored: %s, with which it had a conflict of interest, has been deleted since. Nothing was changed.", d.id, d.label, name)
	case d.kind == deletedPartner && table == "meetings":
		return apperr.New(apperr.Conflict, "Partner %d (%s) can no longer be restored: the meeting %s, to which it was invited, has been deleted since. Nothing was changed.", d.id, d.label, name)
	case d.kind == deletedEvaluation && table == "entities":
		return apperr.New(apperr.Conflict, "Evaluation %d by %s can no longer be restored: its entity, %s, has been deleted since. Nothing was changed.", d.id, d.evaluator, name)
	}
	return apperr.New(apperr.Conflict, "This can no longer be restored: a record it was linked to has been deleted since. Nothing was changed.")
}

// recordRestoredTx refreshes what is worked out from the restored rows and
// writes the history of the restore.
func (d Deleted) recordRestoredTx(tx *Tx, at, officer string) error {
	switch d.kind {
	case deletedMeeting:
		detail := fmt.Sprintf("Meeting %d restored.", d.id)
		if err := recordTx(tx, AuditEntry{At: at, By: officer, Action: meetingAction, Field: "meeting", New: d.label, Detail: detail}); err != nil {
			return err
		}
		for _, eid := range d.entities {
			if err := recordTx(tx, AuditEntry{EntityID: eid, At: at, By: officer, Action: meetingAction, Field: "meeting", New: d.label, Detail: detail}); err != nil {
				return err
			}
		}
		return nil
	case deletedPartner:
		return recordTx(tx, AuditEntry{At: at, By: officer, Action: partnerAction, Field: "partner", New: d.label,
			Detail: fmt.Sprintf("Partner %d restored.", d.id)})
	case deletedEvaluation:
		eid := d.entities[0]
		if err := refreshTotalsTx(tx, eid); err != nil {
			return err
		}
		return recordTx(tx, AuditEntry{EntityID: eid, At: at, By: officer, Action: "evaluate", Field: "evaluation", New: d.label,
			Detail: fmt.Sprintf("Evaluation %d by %s restored.", d.id, d.evaluator)})
	}
	return fmt.Errorf("store: restore: unknown kind %q", d.kind)
}
