package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
)

// evaluatorAction is the audit action of changes to the evaluation panel
// (entity_id 0 for an evaluator; the entity's for a conflict).
const evaluatorAction = "evaluator"

type evaluatorRow struct {
	ID    int64  `db:"id"`
	Name  string `db:"name"`
	Role  string `db:"role"`
	Email string `db:"email"`
}

// Evaluators returns the evaluation panel, by name.
func (db *DB) Evaluators(ctx context.Context) ([]register.Evaluator, error) {
	out := []register.Evaluator{}
	err := db.View(ctx, func(r *Reader) error {
		var rows []evaluatorRow
		if err := r.Select(&rows, `SELECT id, name, role, email FROM evaluators ORDER BY name COLLATE NOCASE`); err != nil {
			return err
		}
		for _, row := range rows {
			out = append(out, register.Evaluator(row))
		}
		return nil
	})
	return out, err
}

// EvaluatorByName returns the evaluator named name (case and surrounding
// space ignored). Errors: apperr.NotFound, saying how to add one.
func EvaluatorByName(r *Reader, name string) (register.Evaluator, error) {
	var rows []evaluatorRow
	if err := r.Select(&rows, `SELECT id, name, role, email FROM evaluators WHERE name = ? COLLATE NOCASE`, strings.TrimSpace(name)); err != nil {
		return register.Evaluator{}, err
	}
	if len(rows) == 0 {
		return register.Evaluator{}, apperr.New(apperr.NotFound, "There is no evaluator named %q in Settings. Add the evaluator (name, role, email) to the panel first, or check the spelling.", strings.TrimSpace(name))
	}
	return register.Evaluator(rows[0]), nil
}

// Evaluator returns the evaluator named name (see EvaluatorByName).
func (db *DB) Evaluator(ctx context.Context, name string) (register.Evaluator, error) {
	var e register.Evaluator
	err := db.View(ctx, func(r *Reader) error {
		var err error
		e, err = EvaluatorByName(r, name)
		return err
	})
	return e, err
}

// SaveEvaluator validates e and stores it: a new evaluator when e.ID is 0,
// else a change to that one. Names are unique (case ignored). It returns
// the evaluator's id. Errors: apperr.Invalid, apperr.Conflict (the name is
// taken), apperr.NotFound.
func (db *DB) SaveEvaluator(ctx context.Context, e register.Evaluator, officer string) (int64, error) {
	e.Normalize()
	if err := e.Validate(); err != nil {
		return 0, err
	}
	now := db.opt.now()
	id := e.ID
	err := db.Update(ctx, func(tx *Tx) error {
		var clash []int64
		if err := tx.Select(&clash, `SELECT id FROM evaluators WHERE name = ? COLLATE NOCASE AND id <> ?`, e.Name, e.ID); err != nil {
			return err
		}
		if len(clash) > 0 {
			return apperr.New(apperr.Conflict, "There is already an evaluator named %q; give each evaluator their own name.", e.Name).
				With(apperr.Field("name", "Another evaluator has this name."))
		}
		detail := fmt.Sprintf("Evaluator %s (%s, %s) added to the panel.", e.Name, e.Role, e.Email)
		if e.ID == 0 {
			if err := tx.Get(&id, `INSERT INTO evaluators(name, role, email, created_at, updated_at) VALUES(?, ?, ?, ?, ?) RETURNING id`,
				e.Name, e.Role, e.Email, now, now); err != nil {
				return err
			}
		} else {
			res, err := tx.Exec(`UPDATE evaluators SET name = ?, role = ?, email = ?, updated_at = ? WHERE id = ?`, e.Name, e.Role, e.Email, now, e.ID)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return apperr.New(apperr.NotFound, "Evaluator %d is not in the register (it may have been removed).", e.ID)
			}
			detail = fmt.Sprintf("Evaluator %d changed: %s (%s, %s).", e.ID, e.Name, e.Role, e.Email)
		}
		return recordTx(tx, AuditEntry{At: TimeText(now), By: officer, Action: evaluatorAction, Field: "evaluator", New: e.Name, Detail: detail})
	})
	return id, err
}

// DeleteEvaluator removes evaluator id from the panel, with their conflicts
// and sheet records; their evaluations stay (under their name). Errors:
// apperr.NotFound.
func (db *DB) DeleteEvaluator(ctx context.Context, id int64, officer string) error {
	now := db.opt.now()
	return db.Update(ctx, func(tx *Tx) error {
		var name string
		if err := tx.Get(&name, `SELECT name FROM evaluators WHERE id = ?`, id); errors.Is(err, sql.ErrNoRows) {
			return apperr.New(apperr.NotFound, "Evaluator %d is not in the register (it may have been removed).", id)
		} else if err != nil {
			return err
		}
		if _, err := tx.Exec(`DELETE FROM evaluators WHERE id = ?`, id); err != nil {
			return err
		}
		return recordTx(tx, AuditEntry{At: TimeText(now), By: officer, Action: evaluatorAction, Field: "evaluator", Old: name,
			Detail: fmt.Sprintf("Evaluator %s removed from the panel.", name)})
	})
}

// SetEvaluatorConflict marks evaluator as conflicted with entity for reason
// (required), or changes the reason; recorded in the entity's history.
// Errors: apperr.Invalid (no reason), apperr.NotFound.
func (db *DB) SetEvaluatorConflict(ctx context.Context, evaluatorID, entityID int64, reason, officer string) error {
	reason, err := register.ConflictReason(reason)
	if err != nil {
		return err
	}
	now := db.opt.now()
	return db.Update(ctx, func(tx *Tx) error {
		var name string
		if err := tx.Get(&name, `SELECT name FROM evaluators WHERE id = ?`, evaluatorID); errors.Is(err, sql.ErrNoRows) {
			return apperr.New(apperr.NotFound, "Evaluator %d is not in the register (it may have been removed).", evaluatorID)
		} else if err != nil {
			return err
		}
		if _, err := entityName(&tx.Reader, entityID); err != nil {
			return err
		}
		var old []string
		if err := tx.Select(&old, `SELECT reason FROM evaluator_conflicts WHERE evaluator_id = ? AND entity_id = ?`, evaluatorID, entityID); err != nil {
			return err
		}
		if len(old) == 1 && old[0] == reason {
			return nil
		}
		if _, err := tx.Exec(`INSERT INTO evaluator_conflicts(evaluator_id, entity_id, reason, created_at, created_by) VALUES(?, ?, ?, ?, ?)
			ON CONFLICT(evaluator_id, entity_id) DO UPDATE SET reason = excluded.reason`, evaluatorID, entityID, reason, now, officer); err != nil {
			return err
		}
		e := AuditEntry{EntityID: entityID, At: TimeText(now), By: officer, Action: "conflict", Field: "evaluator_conflict",
			New: reason, Detail: fmt.Sprintf("Conflict of interest with evaluator %s: left off their evaluation sheets.", name)}
		if len(old) == 1 {
			e.Old = old[0]
		}
		return recordTx(tx, e)
	})
}

// RemoveEvaluatorConflict clears the conflict of interest between an
// evaluator and an entity. Errors: apperr.NotFound.
func (db *DB) RemoveEvaluatorConflict(ctx context.Context, evaluatorID, entityID int64, officer string) error {
	now := db.opt.now()
	return db.Update(ctx, func(tx *Tx) error {
		cs, err := selectEvaluatorConflicts(&tx.Reader, ` WHERE c.evaluator_id = ? AND c.entity_id = ?`, evaluatorID, entityID)
		if err != nil {
			return err
		}
		if len(cs) == 0 {
			return apperr.New(apperr.NotFound, "There is no conflict of interest recorded between this evaluator and entity.")
		}
		if _, err := tx.Exec(`DELETE FROM evaluator_conflicts WHERE evaluator_id = ? AND entity_id = ?`, evaluatorID, entityID); err != nil {
			return err
		}
		return recordTx(tx, AuditEntry{EntityID: entityID, At: TimeText(now), By: officer, Action: "conflict", Field: "evaluator_conflict",
			Old: cs[0].Reason, Detail: fmt.Sprintf("Conflict of interest with evaluator %s removed.", cs[0].EvaluatorName)})
	})
}

const evaluatorConflictSelect = `SELECT c.evaluator_id, v.name AS evaluator_name, c.entity_id, e.name AS entity_name,
	c.reason, c.created_at, c.created_by
	FROM evaluator_conflicts c JOIN evaluators v ON v.id = c.evaluator_id JOIN entities e ON e.id = c.entity_id`

type evaluatorConflictRow struct {
	EvaluatorID   int64  `db:"evaluator_id"`
	EvaluatorName string `db:"evaluator_name"`
	EntityID      int64  `db:"entity_id"`
	EntityName    string `db:"entity_name"`
	Reason        string `db:"reason"`
	CreatedAt     string `db:"created_at"`
	CreatedBy     string `db:"created_by"`
}

func selectEvaluatorConflicts(r *Reader, tail string, args ...any) ([]register.EvaluatorConflict, error) {
	var rows []evaluatorConflictRow
	if err := r.Select(&rows, evaluatorConflictSelect+tail, args...); err != nil {
		return nil, err
	}
	out := make([]register.EvaluatorConflict, 0, len(rows))
	for _, row := range rows {
		c := register.EvaluatorConflict{EvaluatorID: row.EvaluatorID, EvaluatorName: row.EvaluatorName, EntityID: row.EntityID,
			EntityName: row.EntityName, Reason: row.Reason, CreatedBy: row.CreatedBy}
		c.CreatedAt, _ = ParseTime(row.CreatedAt)
		out = append(out, c)
	}
	return out, nil
}

// EvaluatorConflicts returns every conflict of interest of evaluators, by
// evaluator then entity name.
func (db *DB) EvaluatorConflicts(ctx context.Context) ([]register.EvaluatorConflict, error) {
	var out []register.EvaluatorConflict
	err := db.View(ctx, func(r *Reader) error {
		var err error
		out, err = selectEvaluatorConflicts(r, ` ORDER BY v.name COLLATE NOCASE, e.name COLLATE NOCASE`)
		return err
	})
	return out, err
}

// EvaluatorConflictsOf returns the entities evaluatorID is conflicted
// with, each with the reason (empty, not nil, when none).
func EvaluatorConflictsOf(r *Reader, evaluatorID int64) (map[int64]string, error) {
	cs, err := selectEvaluatorConflicts(r, ` WHERE c.evaluator_id = ?`, evaluatorID)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]string, len(cs))
	for _, c := range cs {
		out[c.EntityID] = c.Reason
	}
	return out, nil
}

// EvaluatorConflictsOf returns the entities evaluatorID is conflicted with.
func (db *DB) EvaluatorConflictsOf(ctx context.Context, evaluatorID int64) (map[int64]string, error) {
	var out map[int64]string
	err := db.View(ctx, func(r *Reader) error {
		var err error
		out, err = EvaluatorConflictsOf(r, evaluatorID)
		return err
	})
	return out, err
}

// RecordSheetTx records a sheet sent (inside the transaction that records
// its file in the ledger).
func RecordSheetTx(tx *Tx, s register.SheetRecord, now time.Time) error {
	ids, err := json.Marshal(s.EntityIDs)
	if err != nil {
		return err
	}
	_, err = tx.Exec(`INSERT INTO sheets(doc_id, evaluator_id, entity_ids, sent_at, due) VALUES(?, ?, ?, ?, ?)`,
		s.DocID, s.EvaluatorID, string(ids), now, s.Due)
	return err
}

// MarkSheetReturnedTx records that sheet docID came back at now (a sheet
// returned again keeps its first return).
func MarkSheetReturnedTx(tx *Tx, docID string, now time.Time) error {
	_, err := tx.Exec(`UPDATE sheets SET returned_at = ? WHERE doc_id = ? AND returned_at = ''`, TimeText(now), docID)
	return err
}

type sheetRow struct {
	ID            int64  `db:"id"`
	DocID         string `db:"doc_id"`
	EvaluatorID   int64  `db:"evaluator_id"`
	EvaluatorName string `db:"evaluator_name"`
	EntityIDs     string `db:"entity_ids"`
	SentAt        string `db:"sent_at"`
	Due           string `db:"due"`
	ReturnedAt    string `db:"returned_at"`
}

func readSheets(r *Reader, tail string, args ...any) ([]register.SheetRecord, error) {
	var rows []sheetRow
	if err := r.Select(&rows, `SELECT s.id, s.doc_id, s.evaluator_id, v.name AS evaluator_name, s.entity_ids, s.sent_at, s.due, s.returned_at
		FROM sheets s JOIN evaluators v ON v.id = s.evaluator_id`+tail+` ORDER BY v.name COLLATE NOCASE, s.sent_at, s.id`, args...); err != nil {
		return nil, err
	}
	out := make([]register.SheetRecord, 0, len(rows))
	for _, row := range rows {
		s := register.SheetRecord{ID: row.ID, DocID: row.DocID, EvaluatorID: row.EvaluatorID, EvaluatorName: row.EvaluatorName,
			SentAt: rfc3339(row.SentAt), Due: row.Due, EntityIDs: []int64{}}
		if row.ReturnedAt != "" {
			s.ReturnedAt = rfc3339(row.ReturnedAt)
		}
		_ = json.Unmarshal([]byte(row.EntityIDs), &s.EntityIDs)
		out = append(out, s)
	}
	return out, nil
}

// Sheets returns every sheet sent, by evaluator then oldest first.
func (db *DB) Sheets(ctx context.Context) ([]register.SheetRecord, error) {
	var out []register.SheetRecord
	err := db.View(ctx, func(r *Reader) error {
		var err error
		out, err = readSheets(r, ``)
		return err
	})
	return out, err
}

// ReplaceEvaluationTx stores ev (checked with ValidateSheet: an aspect may
// be unscored) as evaluator ev.Evaluator's evaluation of ev.EntityID inside
// tx: it replaces that evaluator's evaluation of the entity (name compared
// without case) and removes any second one, so that the same sheet
// returned twice leaves one evaluation. It returns the evaluation's id and
// whether it replaced one. Errors: apperr.Invalid, apperr.NotFound.
func ReplaceEvaluationTx(tx *Tx, ev register.Evaluation, officer, detail string, now time.Time) (int64, bool, error) {
	ev.Normalize()
	if err := ev.ValidateSheet(); err != nil {
		return 0, false, err
	}
	if _, err := entityName(&tx.Reader, ev.EntityID); err != nil {
		return 0, false, err
	}
	var ids []int64
	if err := tx.Select(&ids, `SELECT id FROM evaluations WHERE entity_id = ? AND evaluator = ? COLLATE NOCASE ORDER BY id`, ev.EntityID, ev.Evaluator); err != nil {
		return 0, false, err
	}
	if len(ids) == 0 {
		var id int64
		if err := tx.Get(&id, `INSERT INTO evaluations(entity_id, evaluator, date, recommendation, reason, created_at, updated_at)
			VALUES(?, ?, ?, ?, ?, ?, ?) RETURNING id`, ev.EntityID, ev.Evaluator, ev.Date, string(ev.Recommendation), ev.Reason, now, now); err != nil {
			return 0, false, err
		}
		if err := writeScores(tx, id, ev.Scores); err != nil {
			return 0, false, err
		}
		if err := refreshTotalsTx(tx, ev.EntityID); err != nil {
			return 0, false, err
		}
		return id, false, recordTx(tx, AuditEntry{EntityID: ev.EntityID, At: TimeText(now), By: officer, Action: "evaluate",
			Field: "evaluation", New: evaluationSummary(ev), Detail: fmt.Sprintf("Evaluation %d by %s added from %s.", id, ev.Evaluator, detail)})
	}
	id := ids[0]
	old, err := readEvaluation(&tx.Reader, id)
	if err != nil {
		return 0, false, err
	}
	for _, extra := range ids[1:] {
		if _, err := tx.Exec(`DELETE FROM evaluations WHERE id = ?`, extra); err != nil {
			return 0, false, err
		}
	}
	if _, err := tx.Exec(`UPDATE evaluations SET evaluator = ?, date = ?, recommendation = ?, reason = ?, updated_at = ? WHERE id = ?`,
		ev.Evaluator, ev.Date, string(ev.Recommendation), ev.Reason, now, id); err != nil {
		return 0, false, err
	}
	if err := writeScores(tx, id, ev.Scores); err != nil {
		return 0, false, err
	}
	if err := refreshTotalsTx(tx, ev.EntityID); err != nil {
		return 0, false, err
	}
	return id, true, recordTx(tx, AuditEntry{EntityID: ev.EntityID, At: TimeText(now), By: officer, Action: "evaluate",
		Field: "evaluation", Old: evaluationSummary(old), New: evaluationSummary(ev),
		Detail: fmt.Sprintf("Evaluation %d by %s replaced from %s.", id, ev.Evaluator, detail)})
}

// SheetsOfTx returns the sheets sent to evaluatorID, oldest first.
func SheetsOfTx(r *Reader, evaluatorID int64) ([]register.SheetRecord, error) {
	return readSheets(r, ` WHERE s.evaluator_id = ?`, evaluatorID)
}

// EntityNameTx returns the name of entity id. Errors: apperr.NotFound.
func EntityNameTx(r *Reader, id int64) (string, error) { return entityName(r, id) }

func init() { addDemoStep("evaluation panel", loadDemoPanel) }

// loadDemoPanel adds the demo's evaluators (register.DemoPanel) to Settings.
func loadDemoPanel(tx *Tx, d *DemoData) error {
	now := d.Now
	for _, e := range register.DemoPanel() {
		if err := e.Validate(); err != nil {
			return err
		}
		if _, err := tx.Exec(`INSERT INTO evaluators(name, role, email, created_at, updated_at) VALUES(?, ?, ?, ?, ?)`, e.Name, e.Role, e.Email, now, now); err != nil {
			return err
		}
	}
	return nil
}
