package service

import (
	"context"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
	"atpreg/internal/store"
)

// ListQuery selects, sorts and pages entities for the register's list:
// search, status and choice filters, completeness, sort column and order.
type ListQuery = store.ListQuery

// ListPage is one page of the list and how many entities match in all.
type ListPage = store.ListPage

// EntityRow is one line of the register's list.
type EntityRow = store.EntityRow

// Page sizes of ListEntities: DefaultListLimit when ListQuery.Limit is 0,
// at most MaxListLimit.
const (
	DefaultListLimit = store.DefaultListLimit
	MaxListLimit     = store.MaxListLimit
)

// ListEntities returns one page of the entities q selects, in q's order
// (ties by name, then id). A bad sort column, filter or page is
// apperr.Invalid naming the query's field.
func (r *Register) ListEntities(ctx context.Context, q ListQuery) (ListPage, error) {
	return r.db.ListEntities(ctx, q)
}

// EntityRef is one entity's id and name.
type EntityRef = store.EntityRef

// MatchingEntities returns the id and name of every entity q selects (its
// search and filters; sort and page ignored), by name. A bad filter is
// apperr.Invalid naming the query's field.
func (r *Register) MatchingEntities(ctx context.Context, q ListQuery) ([]EntityRef, error) {
	return r.db.MatchingEntities(ctx, q)
}

// AllEntities returns every row q selects (q's Offset and Limit are
// ignored), page after page.
func (r *Register) AllEntities(ctx context.Context, q ListQuery) ([]EntityRow, error) {
	q.Offset, q.Limit = 0, MaxListLimit
	out := []EntityRow{}
	for {
		page, err := r.db.ListEntities(ctx, q)
		if err != nil {
			return nil, err
		}
		out = append(out, page.Rows...)
		if len(page.Rows) == 0 || len(out) >= page.Total {
			return out, nil
		}
		q.Offset = len(out)
	}
}

// Entity returns the entity with id and its submissions (apperr.NotFound
// when there is none).
func (r *Register) Entity(ctx context.Context, id int64) (register.Entity, error) {
	return r.db.GetEntity(ctx, id)
}

// EntityRecord is one entity with everything its page shows: its
// completeness and unanswered RFI items, the statuses it may move to (in
// pipeline order), its history (oldest first, times RFC 3339) and its
// attachments.
type EntityRecord struct {
	Entity      register.Entity
	Complete    bool
	Missing     []register.MissingItem
	Moves       []register.Status
	History     []register.AuditEntry
	Attachments []register.AttachmentInfo
}

// EntityRecord returns the entity with id as an EntityRecord.
func (r *Register) EntityRecord(ctx context.Context, id int64) (EntityRecord, error) {
	e, err := r.db.GetEntity(ctx, id)
	if err != nil {
		return EntityRecord{}, err
	}
	rec := EntityRecord{Entity: e, Complete: e.Complete(), Missing: e.Missing(), Moves: register.Moves(e.Status)}
	if rec.Missing == nil {
		rec.Missing = []register.MissingItem{}
	}
	if rec.Moves == nil {
		rec.Moves = []register.Status{}
	}
	if rec.History, err = r.History(ctx, id); err != nil {
		return EntityRecord{}, err
	}
	if rec.Attachments, err = r.Attachments(ctx, id); err != nil {
		return EntityRecord{}, err
	}
	return rec, nil
}

// CreateEntity registers e with its submissions as the officer and returns
// its id. e is normalized and validated first (register.Entity.PrepareNew:
// an empty status is received); problems come back together as
// apperr.Invalid naming each field by its JSON name
// ("submissions[i].field" for a product's).
func (r *Register) CreateEntity(ctx context.Context, e register.Entity) (int64, error) {
	if err := e.PrepareNew(); err != nil {
		return 0, err
	}
	return r.db.CreateEntity(ctx, e, r.Officer(ctx))
}

// UpdateEntity saves the entity's fields and its submissions (added,
// changed, removed) in one transaction as the officer, recording each
// changed field in the history. The status changes only through
// MoveEntity.
func (r *Register) UpdateEntity(ctx context.Context, e register.Entity) error {
	return r.db.UpdateEntity(ctx, e, r.Officer(ctx))
}

// DeleteEntity removes the entity with id, its submissions and
// attachments; its history keeps a tombstone with the reason (may be empty).
func (r *Register) DeleteEntity(ctx context.Context, id int64, reason string) error {
	return r.db.DeleteEntity(ctx, id, reason, r.Officer(ctx))
}

// MoveEntity moves the entity with id to status to, as the pipeline allows
// (register.NewMove: declined, withdrawn and on hold need a reason),
// recorded with the time, the reason and the officer.
func (r *Register) MoveEntity(ctx context.Context, id int64, to register.Status, reason string) error {
	return r.db.MoveEntity(ctx, id, to, reason, r.Officer(ctx))
}

// History returns the entity's history, oldest first, times in RFC 3339
// (also for a deleted entity: it ends with the tombstone).
func (r *Register) History(ctx context.Context, id int64) ([]register.AuditEntry, error) {
	h, err := r.db.History(ctx, id)
	if err != nil {
		return nil, err
	}
	for i := range h {
		h[i].At = store.RFC3339(h[i].At)
	}
	return h, nil
}

// EntityNames returns the names of the entities ids, by id; an id no
// longer in the register is left out.
func (r *Register) EntityNames(ctx context.Context, ids []int64) (map[int64]string, error) {
	out := make(map[int64]string, len(ids))
	err := r.db.View(ctx, func(rd *store.Reader) error {
		for _, id := range ids {
			if _, ok := out[id]; ok {
				continue
			}
			name, err := store.EntityNameTx(rd, id)
			if apperr.Is(err, apperr.NotFound) {
				continue
			} else if err != nil {
				return err
			}
			out[id] = name
		}
		return nil
	})
	return out, err
}
