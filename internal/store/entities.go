package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
)

// Now returns the register's clock (Options.Now, else the system clock):
// pass it to AuditTx and the *Tx functions as the time of a change.
func (db *DB) Now() time.Time { return db.opt.now() }

// who is who a change by is recorded as (register.Who).
func who(by string) string { return register.Who(by) }

// entityRow is an entities row as stored.
type entityRow struct {
	ID           int64  `db:"id"`
	Name         string `db:"name"`
	Address      string `db:"address"`
	ContactName  string `db:"contact_name"`
	ContactEmail string `db:"contact_email"`
	ContactPhone string `db:"contact_phone"`
	Status       string `db:"status"`
	ReceivedOn   string `db:"received_on"`
	Source       string `db:"source"`
	Notes        string `db:"notes"`
	Tags         string `db:"tags"`
	Complete     bool   `db:"complete"`
	MissingCount int    `db:"missing_count"`
	CreatedAt    string `db:"created_at"`
	UpdatedAt    string `db:"updated_at"`
}

const entityColumns = `id, name, address, contact_name, contact_email, contact_phone, status, received_on,
	source, notes, tags, complete, missing_count, created_at, updated_at`

func (row entityRow) entity() (register.Entity, error) {
	e := register.Entity{
		ID: row.ID, Name: row.Name, Address: row.Address, ContactName: row.ContactName,
		ContactEmail: row.ContactEmail, ContactPhone: row.ContactPhone, Status: register.Status(row.Status),
		ReceivedOn: row.ReceivedOn, Source: row.Source, Notes: row.Notes,
	}
	var err error
	if e.Tags, err = parseList[string](row.Tags); err != nil {
		return e, fmt.Errorf("tags of entity %d: %w", row.ID, err)
	}
	if e.CreatedAt, err = ParseTime(row.CreatedAt); err != nil {
		return e, fmt.Errorf("created_at of entity %d: %w", row.ID, err)
	}
	if e.UpdatedAt, err = ParseTime(row.UpdatedAt); err != nil {
		return e, fmt.Errorf("updated_at of entity %d: %w", row.ID, err)
	}
	return e, nil
}

func entityNotFound(id int64) error {
	return apperr.New(apperr.NotFound, "There is no entity %d in the register; it may have been deleted.", id)
}

// prepare normalizes and validates a new entity for writing
// (register.Entity.PrepareNew).
func prepare(e *register.Entity) error { return e.PrepareNew() }

// completeness returns whether e is complete and how many items it misses.
func completeness(e register.Entity) (bool, int) {
	n := len(e.Missing())
	return n == 0, n
}

// CreateEntity registers e with its submissions and returns its id. e is
// normalized and validated first (an *apperr.Error with code Invalid names
// every problem, fields as in register.Entity.Validate); an empty status is
// "received". The creation is recorded in the history by who (by).
func (db *DB) CreateEntity(ctx context.Context, e register.Entity, by string) (int64, error) {
	if err := prepare(&e); err != nil {
		return 0, err
	}
	now := db.Now()
	var id int64
	err := db.Update(ctx, func(tx *Tx) error {
		var err error
		id, err = insertEntityTx(tx, e, who(by), now, now, "Registered")
		return err
	})
	return id, err
}

// CreateEntityTx registers e inside tx at time now, like CreateEntity: for
// importers that add many entities all or none. detail says how the entity
// came (e.g. "Imported from rfi.xlsx row 4"); "" for "Registered".
func CreateEntityTx(tx *Tx, e register.Entity, by string, now time.Time, detail string) (int64, error) {
	if err := prepare(&e); err != nil {
		return 0, err
	}
	if detail == "" {
		detail = "Registered"
	}
	return insertEntityTx(tx, e, who(by), now, now, detail)
}

// insertEntityTx writes a prepared entity with its submissions, indexes it
// for search and records its creation.
func insertEntityTx(tx *Tx, e register.Entity, by string, created, updated time.Time, detail string) (int64, error) {
	id, err := writeEntityTx(tx, e, created, updated)
	if err != nil {
		return 0, err
	}
	_, err = auditTx(tx, AuditEntry{EntityID: id, At: TimeText(created), By: by, Action: ActionCreate,
		Field: "status", New: string(e.Status), Detail: detail})
	return id, err
}

// writeEntityTx inserts a prepared entity with its submissions, stamped
// created and updated, and indexes it for search; it records no history.
func writeEntityTx(tx *Tx, e register.Entity, created, updated time.Time) (int64, error) {
	complete, missing := completeness(e)
	res, err := tx.Exec(`INSERT INTO entities(name, address, contact_name, contact_email, contact_phone, status,
		received_on, source, notes, tags, complete, missing_count, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.Name, e.Address, e.ContactName, e.ContactEmail, e.ContactPhone, string(e.Status), e.ReceivedOn,
		e.Source, e.Notes, jsonList(e.Tags), complete, missing, created, updated)
	if err != nil {
		return 0, err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	e.ID = id
	for i := range e.Submissions {
		if e.Submissions[i].ID, err = insertSubmissionTx(tx, id, i, e.Submissions[i]); err != nil {
			return 0, err
		}
	}
	return id, indexEntityTx(tx, e)
}

// GetEntity returns the entity with id and its submissions (apperr.NotFound
// when there is none).
func (db *DB) GetEntity(ctx context.Context, id int64) (register.Entity, error) {
	var e register.Entity
	err := db.View(ctx, func(r *Reader) error {
		var err error
		e, err = getEntity(r, id)
		return err
	})
	return e, err
}

func getEntity(r *Reader, id int64) (register.Entity, error) {
	var row entityRow
	if err := r.Get(&row, `SELECT `+entityColumns+` FROM entities WHERE id = ?`, id); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return register.Entity{}, entityNotFound(id)
		}
		return register.Entity{}, err
	}
	e, err := row.entity()
	if err != nil {
		return e, apperr.Wrap(err, apperr.Damaged, "Entity %d is damaged in the register and cannot be shown.", id)
	}
	subs, err := submissionsOf(r, id)
	if err != nil {
		return e, err
	}
	e.Submissions = subs[id]
	return e, nil
}

// Entities returns the entities with the given ids in that order (an unknown
// id is apperr.NotFound), or every entity by id when no id is given; each
// with its submissions.
func (db *DB) Entities(ctx context.Context, ids ...int64) ([]register.Entity, error) {
	var out []register.Entity
	err := db.View(ctx, func(r *Reader) error {
		var rows []entityRow
		q := `SELECT ` + entityColumns + ` FROM entities`
		var args []any
		if len(ids) > 0 {
			q += ` WHERE id IN (` + placeholders(len(ids)) + `)`
			args = int64sToAny(ids)
		}
		if err := r.Select(&rows, q+` ORDER BY id`, args...); err != nil {
			return err
		}
		byID := map[int64]register.Entity{}
		all := make([]int64, 0, len(rows))
		for _, row := range rows {
			e, err := row.entity()
			if err != nil {
				return apperr.Wrap(err, apperr.Damaged, "Entity %d is damaged in the register.", row.ID)
			}
			byID[row.ID] = e
			all = append(all, row.ID)
		}
		subs, err := submissionsOf(r, all...)
		if err != nil {
			return err
		}
		order := ids
		if len(order) == 0 {
			order = all
		}
		out = make([]register.Entity, 0, len(order))
		for _, id := range order {
			e, ok := byID[id]
			if !ok {
				return entityNotFound(id)
			}
			e.Submissions = subs[id]
			out = append(out, e)
		}
		return nil
	})
	return out, err
}

// UpdateEntity saves e (found by e.ID) and its submissions in one
// transaction: submissions with ID 0 are added, those with a known ID
// updated, and stored ones absent from e.Submissions removed; their order is
// e's order. e is normalized and validated first; invalid data changes
// nothing. Status is not changed here (see MoveEntity), nor are the creation
// time and attachments. Every changed field is recorded in the history with
// its old and new value. Saving an unchanged entity records nothing.
func (db *DB) UpdateEntity(ctx context.Context, e register.Entity, by string) error {
	by = who(by)
	now := db.Now()
	e.Normalize()
	return db.Update(ctx, func(tx *Tx) error {
		return updateEntityTx(tx, e, by, now)
	})
}

// UpdateEntityTx is UpdateEntity inside tx at time now.
func UpdateEntityTx(tx *Tx, e register.Entity, by string, now time.Time) error {
	e.Normalize()
	return updateEntityTx(tx, e, who(by), now)
}

func updateEntityTx(tx *Tx, e register.Entity, by string, now time.Time) error {
	cur, err := getEntity(&tx.Reader, e.ID)
	if err != nil {
		return err
	}
	e.Status = cur.Status
	if err := e.Validate(); err != nil {
		return err
	}
	stored := map[int64]register.Submission{}
	pos := map[int64]int{}
	for i, s := range cur.Submissions {
		stored[s.ID] = s
		pos[s.ID] = i
	}
	seen := map[int64]bool{}
	for i, s := range e.Submissions {
		if s.ID == 0 {
			continue
		}
		if _, ok := stored[s.ID]; !ok || seen[s.ID] {
			return &apperr.Error{Code: apperr.Invalid, Message: "The entity cannot be saved: a product does not belong to it (it may have been removed meanwhile). Reload the entity and try again.",
				Fields: []apperr.FieldError{{Field: fmt.Sprintf("submissions[%d].id", i), Message: "This product is not one of the entity's products."}}}
		}
		seen[s.ID] = true
	}

	at := TimeText(now)
	var audits []AuditEntry
	note := func(field, old, new, detail string) {
		audits = append(audits, AuditEntry{EntityID: e.ID, At: at, By: by, Action: ActionUpdate, Field: field, Old: old, New: new, Detail: detail})
	}
	for _, d := range diffFields(entityFields(cur), entityFields(e)) {
		note(d[0].field, d[0].value, d[1].value, "")
	}
	changed := len(audits) > 0
	if changed {
		if _, err := tx.Exec(`UPDATE entities SET name = ?, address = ?, contact_name = ?, contact_email = ?,
			contact_phone = ?, received_on = ?, source = ?, notes = ?, tags = ? WHERE id = ?`,
			e.Name, e.Address, e.ContactName, e.ContactEmail, e.ContactPhone, e.ReceivedOn, e.Source, e.Notes,
			jsonList(e.Tags), e.ID); err != nil {
			return err
		}
	}
	for _, old := range cur.Submissions {
		if !seen[old.ID] {
			if _, err := tx.Exec(`DELETE FROM submissions WHERE id = ? AND entity_id = ?`, old.ID, e.ID); err != nil {
				return err
			}
			note("submissions", old.ProductName, "", "Product removed")
			changed = true
		}
	}
	for i := range e.Submissions {
		s := &e.Submissions[i]
		s.EntityID = e.ID
		if s.ID == 0 {
			if s.ID, err = insertSubmissionTx(tx, e.ID, i, *s); err != nil {
				return err
			}
			note("submissions", "", s.ProductName, "Product added")
			changed = true
			continue
		}
		diffs := diffFields(submissionFields(stored[s.ID]), submissionFields(*s))
		if len(diffs) == 0 && pos[s.ID] == i {
			continue
		}
		if err := updateSubmissionTx(tx, e.ID, i, *s); err != nil {
			return err
		}
		for _, d := range diffs {
			note(d[0].field, d[0].value, d[1].value, "Product: "+s.ProductName)
		}
		if len(diffs) == 0 {
			note("submissions", "", s.ProductName, "Product order changed")
		}
		changed = true
	}
	if !changed {
		return nil
	}
	complete, missing := completeness(e)
	if _, err := tx.Exec(`UPDATE entities SET complete = ?, missing_count = ?, updated_at = ? WHERE id = ?`,
		complete, missing, now, e.ID); err != nil {
		return err
	}
	if err := indexEntityTx(tx, e); err != nil {
		return err
	}
	for _, a := range audits {
		if _, err := auditTx(tx, a); err != nil {
			return err
		}
	}
	return nil
}

// DeleteEntity removes the entity with id, its submissions and attachments.
// Its history stays, ending with a tombstone that names the entity, who
// deleted it, when and why (reason, may be empty).
func (db *DB) DeleteEntity(ctx context.Context, id int64, reason, by string) error {
	reason = strings.TrimSpace(reason)
	if err := checkText("reason", reason, register.MaxLongText); err != nil {
		return err
	}
	now := db.Now()
	return db.Update(ctx, func(tx *Tx) error {
		var name string
		if err := tx.Get(&name, `SELECT name FROM entities WHERE id = ?`, id); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return entityNotFound(id)
			}
			return err
		}
		if _, err := tx.Exec(`DELETE FROM entities WHERE id = ?`, id); err != nil {
			return err
		}
		if err := unindexEntityTx(tx, id); err != nil {
			return err
		}
		_, err := auditTx(tx, AuditEntry{EntityID: id, At: TimeText(now), By: who(by), Action: ActionDelete,
			Field: "name", Old: name, Detail: reason})
		return err
	})
}

// checkText validates one free text of a person (a reason) as an Invalid
// error naming field: valid UTF-8, at most max characters, no control
// characters other than line breaks and tabs. Its one field is the reason
// of a move.
func checkText(field, value string, max int) error {
	bad := func(format string, args ...any) error {
		msg := apperr.T(format, args...)
		return apperr.New(apperr.Invalid, "The reason cannot be saved: %s", msg).
			With(apperr.Field(field, "%s", msg))
	}
	if !utf8.ValidString(value) {
		return bad("it holds bytes that are not valid UTF-8 text.")
	}
	if n := utf8.RuneCountInString(value); n > max {
		return bad("it is too long: %d characters, at most %d.", n, max)
	}
	for _, r := range value {
		if unicode.IsControl(r) && r != '\n' && r != '\t' && r != '\r' {
			return bad("it holds an invisible control character (U+%04X); remove it.", r)
		}
	}
	return nil
}

// MoveEntity moves the entity with id to status to, if the pipeline allows
// it (register.CanMove), recording who, when and why. Declined, withdrawn and
// on hold need a reason. Errors: apperr.NotFound, apperr.Invalid (not an
// allowed move, already there, reason missing).
func (db *DB) MoveEntity(ctx context.Context, id int64, to register.Status, reason, by string) error {
	now := db.Now()
	return db.Update(ctx, func(tx *Tx) error {
		return MoveEntityTx(tx, id, to, reason, by, now)
	})
}

// MoveEntityTx is MoveEntity inside tx at time now.
func MoveEntityTx(tx *Tx, id int64, to register.Status, reason, by string, now time.Time) error {
	var from string
	if err := tx.Get(&from, `SELECT status FROM entities WHERE id = ?`, id); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return entityNotFound(id)
		}
		return err
	}
	c, err := register.NewMove(id, register.Status(from), to, reason, by, now)
	if err != nil {
		return err
	}
	if _, err := tx.Exec(`UPDATE entities SET status = ?, updated_at = ? WHERE id = ?`, string(to), now, id); err != nil {
		return err
	}
	_, err = auditTx(tx, AuditEntry{EntityID: id, At: TimeText(now), By: c.By, Action: ActionStatus,
		Field: "status", Old: from, New: string(to), Detail: c.Reason})
	return err
}

// EntityExists reports whether an entity with id is in the register.
func EntityExists(r *Reader, id int64) (bool, error) {
	var n int
	err := r.Get(&n, `SELECT count(*) FROM entities WHERE id = ?`, id)
	return n > 0, err
}
