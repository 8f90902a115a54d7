package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
)

type partnerRow struct {
	ID        int64  `db:"id"`
	Name      string `db:"name"`
	Facility  string `db:"facility"`
	Address   string `db:"address"`
	Contacts  string `db:"contacts"`
	Notes     string `db:"notes"`
	CreatedAt string `db:"created_at"`
	UpdatedAt string `db:"updated_at"`
}

func (row partnerRow) partner() register.Partner {
	p := register.Partner{ID: row.ID, Name: row.Name, Facility: row.Facility, Address: row.Address, Notes: row.Notes}
	_ = json.Unmarshal([]byte(row.Contacts), &p.Contacts)
	if p.Contacts == nil {
		p.Contacts = []register.Contact{}
	}
	p.CreatedAt, _ = ParseTime(row.CreatedAt)
	p.UpdatedAt, _ = ParseTime(row.UpdatedAt)
	return p
}

// partnerAction is the audit action of partner changes; their entity_id is 0
// (a partner is not an entity).
const partnerAction = "partner"

// CreatePartner validates p and stores it as a new university partner,
// recorded in the audit trail. Errors: apperr.Invalid.
func (db *DB) CreatePartner(ctx context.Context, p register.Partner, officer string) (int64, error) {
	p.Normalize()
	if err := p.Validate(); err != nil {
		return 0, err
	}
	contacts, err := json.Marshal(p.Contacts)
	if err != nil {
		return 0, err
	}
	now := db.opt.now()
	var id int64
	err = db.Update(ctx, func(tx *Tx) error {
		var err error
		id, err = createPartnerTx(tx, p, string(contacts), officer, now, now)
		return err
	})
	return id, err
}

func createPartnerTx(tx *Tx, p register.Partner, contacts, officer string, created, updated time.Time) (int64, error) {
	var id int64
	if err := tx.Get(&id, `INSERT INTO partners(name, facility, address, contacts, notes, created_at, updated_at)
		VALUES(?, ?, ?, ?, ?, ?, ?) RETURNING id`, p.Name, p.Facility, p.Address, contacts, p.Notes, created, updated); err != nil {
		return 0, err
	}
	return id, recordTx(tx, AuditEntry{At: TimeText(created), By: officer, Action: partnerAction, Field: "partner",
		New: p.Name, Detail: fmt.Sprintf("Partner %d added.", id)})
}

// UpdatePartner validates p and replaces partner p.ID, recording changed
// fields in the audit trail. Errors: apperr.Invalid, apperr.NotFound.
func (db *DB) UpdatePartner(ctx context.Context, p register.Partner, officer string) error {
	p.Normalize()
	if err := p.Validate(); err != nil {
		return err
	}
	contacts, err := json.Marshal(p.Contacts)
	if err != nil {
		return err
	}
	now := db.opt.now()
	return db.Update(ctx, func(tx *Tx) error {
		old, err := readPartner(&tx.Reader, p.ID)
		if err != nil {
			return err
		}
		oldContacts, _ := json.Marshal(old.Contacts)
		changes := [][3]string{
			{"name", old.Name, p.Name}, {"facility", old.Facility, p.Facility}, {"address", old.Address, p.Address},
			{"contacts", string(oldContacts), string(contacts)}, {"notes", old.Notes, p.Notes},
		}
		changed := false
		for _, c := range changes {
			if c[1] == c[2] {
				continue
			}
			changed = true
			if err := recordTx(tx, AuditEntry{At: TimeText(now), By: officer, Action: partnerAction,
				Field: "partner." + c[0], Old: c[1], New: c[2], Detail: fmt.Sprintf("Partner %d (%s) changed.", p.ID, p.Name)}); err != nil {
				return err
			}
		}
		if !changed {
			return nil
		}
		_, err = tx.Exec(`UPDATE partners SET name = ?, facility = ?, address = ?, contacts = ?, notes = ?, updated_at = ? WHERE id = ?`,
			p.Name, p.Facility, p.Address, string(contacts), p.Notes, now, p.ID)
		return err
	})
}

// DeletePartner removes partner id with its conflicts and its place in
// meetings, keeping a record in the audit trail. Errors: apperr.NotFound.
func (db *DB) DeletePartner(ctx context.Context, id int64, officer string) error {
	_, err := db.DeletePartnerUndoable(ctx, id, officer)
	return err
}

// DeletePartnerUndoable is DeletePartner, returning what it took away for
// Restore.
func (db *DB) DeletePartnerUndoable(ctx context.Context, id int64, officer string) (Deleted, error) {
	now := db.opt.now()
	var d Deleted
	err := db.Update(ctx, func(tx *Tx) error {
		old, err := readPartner(&tx.Reader, id)
		if err != nil {
			return err
		}
		d = Deleted{kind: deletedPartner, id: id, label: old.Name}
		if err := deleteKeepingTx(tx, &d, "partners", `id = ?`, id); err != nil {
			return err
		}
		return recordTx(tx, AuditEntry{At: TimeText(now), By: officer, Action: partnerAction, Field: "partner",
			Old: old.Name, Detail: fmt.Sprintf("Partner %d deleted.", id)})
	})
	if err != nil {
		return Deleted{}, err
	}
	return d, nil
}

// Partner returns partner id. Errors: apperr.NotFound.
func (db *DB) Partner(ctx context.Context, id int64) (register.Partner, error) {
	var p register.Partner
	err := db.View(ctx, func(r *Reader) error {
		var err error
		p, err = readPartner(r, id)
		return err
	})
	return p, err
}

func readPartner(r *Reader, id int64) (register.Partner, error) {
	var row partnerRow
	err := r.Get(&row, `SELECT * FROM partners WHERE id = ?`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return register.Partner{}, apperr.New(apperr.NotFound, "Partner %d is not in the register (it may have been deleted).", id)
	}
	if err != nil {
		return register.Partner{}, err
	}
	return row.partner(), nil
}

// Partners returns every university partner by name.
func (db *DB) Partners(ctx context.Context) ([]register.Partner, error) {
	out := []register.Partner{}
	err := db.View(ctx, func(r *Reader) error {
		var rows []partnerRow
		if err := r.Select(&rows, `SELECT * FROM partners ORDER BY name COLLATE NOCASE, id`); err != nil {
			return err
		}
		for _, row := range rows {
			out = append(out, row.partner())
		}
		return nil
	})
	return out, err
}
