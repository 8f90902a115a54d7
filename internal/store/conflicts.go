package store

import (
	"context"
	"fmt"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
)

// Conflict is a conflict of interest between a university partner and an
// entity. Deprecated: use register.Conflict; the alias stays while other
// areas move.
type Conflict = register.Conflict

// conflictRow is one row of conflictSelect.
type conflictRow struct {
	PartnerID   int64  `db:"partner_id"`
	PartnerName string `db:"partner_name"`
	EntityID    int64  `db:"entity_id"`
	EntityName  string `db:"entity_name"`
	Reason      string `db:"reason"`
	CreatedAt   string `db:"created_at"`
	CreatedBy   string `db:"created_by"`
}

// selectConflicts reads conflictSelect followed by tail (joins, WHERE,
// ORDER BY) as domain values; an empty list (not nil) when there are none.
func selectConflicts(r *Reader, tail string, args ...any) ([]Conflict, error) {
	var rows []conflictRow
	if err := r.Select(&rows, conflictSelect+tail, args...); err != nil {
		return nil, err
	}
	out := make([]Conflict, 0, len(rows))
	for _, row := range rows {
		c := Conflict{PartnerID: row.PartnerID, PartnerName: row.PartnerName, EntityID: row.EntityID, EntityName: row.EntityName,
			Reason: row.Reason, CreatedBy: row.CreatedBy}
		c.CreatedAt, _ = ParseTime(row.CreatedAt)
		out = append(out, c)
	}
	return out, nil
}

// SetConflict marks partner as conflicted with entity for reason (required),
// or changes the reason of an existing conflict; recorded in the entity's
// history. Errors: apperr.Invalid (no reason), apperr.NotFound.
func (db *DB) SetConflict(ctx context.Context, partnerID, entityID int64, reason, officer string) error {
	reason, err := register.ConflictReason(reason)
	if err != nil {
		return err
	}
	now := db.opt.now()
	return db.Update(ctx, func(tx *Tx) error {
		p, err := readPartner(&tx.Reader, partnerID)
		if err != nil {
			return err
		}
		if _, err := entityName(&tx.Reader, entityID); err != nil {
			return err
		}
		var old []string
		if err := tx.Select(&old, `SELECT reason FROM conflicts WHERE partner_id = ? AND entity_id = ?`, partnerID, entityID); err != nil {
			return err
		}
		if len(old) == 1 && old[0] == reason {
			return nil
		}
		if _, err := tx.Exec(`INSERT INTO conflicts(partner_id, entity_id, reason, created_at, created_by) VALUES(?, ?, ?, ?, ?)
			ON CONFLICT(partner_id, entity_id) DO UPDATE SET reason = excluded.reason`, partnerID, entityID, reason, now, officer); err != nil {
			return err
		}
		e := AuditEntry{EntityID: entityID, At: TimeText(now), By: officer, Action: "conflict", Field: "conflict",
			New: reason, Detail: fmt.Sprintf("Conflict of interest with %s: left out of their briefing packs and meeting materials.", p.Name)}
		if len(old) == 1 {
			e.Old = old[0]
		}
		return recordTx(tx, e)
	})
}

// RemoveConflict clears the conflict of interest between partner and entity
// (recorded in the entity's history). Errors: apperr.NotFound.
func (db *DB) RemoveConflict(ctx context.Context, partnerID, entityID int64, officer string) error {
	now := db.opt.now()
	return db.Update(ctx, func(tx *Tx) error {
		c, err := selectConflicts(&tx.Reader, ` WHERE c.partner_id = ? AND c.entity_id = ?`, partnerID, entityID)
		if err != nil {
			return err
		}
		if len(c) == 0 {
			return apperr.New(apperr.NotFound, "There is no conflict of interest recorded between this partner and entity.")
		}
		if _, err := tx.Exec(`DELETE FROM conflicts WHERE partner_id = ? AND entity_id = ?`, partnerID, entityID); err != nil {
			return err
		}
		return recordTx(tx, AuditEntry{EntityID: entityID, At: TimeText(now), By: officer, Action: "conflict", Field: "conflict",
			Old: c[0].Reason, Detail: fmt.Sprintf("Conflict of interest with %s removed.", c[0].PartnerName)})
	})
}

const conflictSelect = `SELECT c.partner_id, p.name AS partner_name, c.entity_id, e.name AS entity_name,
	c.reason, c.created_at, c.created_by
	FROM conflicts c JOIN partners p ON p.id = c.partner_id JOIN entities e ON e.id = c.entity_id`

// Conflicts returns every conflict of interest, by partner then entity name.
func (db *DB) Conflicts(ctx context.Context) ([]Conflict, error) {
	out := []Conflict{}
	err := db.View(ctx, func(r *Reader) error {
		var err error
		out, err = selectConflicts(r, ` ORDER BY p.name COLLATE NOCASE, e.name COLLATE NOCASE`)
		return err
	})
	return out, err
}

// EntityConflicts returns the conflicts of interest of one entity.
func (db *DB) EntityConflicts(ctx context.Context, entityID int64) ([]Conflict, error) {
	out := []Conflict{}
	err := db.View(ctx, func(r *Reader) error {
		var err error
		out, err = selectConflicts(r, ` WHERE c.entity_id = ? ORDER BY p.name COLLATE NOCASE`, entityID)
		return err
	})
	return out, err
}

// ConflictedEntities returns the entities partner partnerID is conflicted
// with, each with the reason. A briefing pack or meeting material for that
// partner must leave these entities out. Empty (not nil) when there are none.
func (db *DB) ConflictedEntities(ctx context.Context, partnerID int64) (map[int64]string, error) {
	out := map[int64]string{}
	err := db.View(ctx, func(r *Reader) error {
		var rows []struct {
			EntityID int64  `db:"entity_id"`
			Reason   string `db:"reason"`
		}
		if err := r.Select(&rows, `SELECT entity_id, reason FROM conflicts WHERE partner_id = ?`, partnerID); err != nil {
			return err
		}
		for _, row := range rows {
			out[row.EntityID] = row.Reason
		}
		return nil
	})
	return out, err
}
