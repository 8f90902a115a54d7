package service

import (
	"context"

	"atpreg/internal/register"
)

// PartnerConflicts is a university partner with the entities it has a
// conflict of interest with.
type PartnerConflicts struct {
	Partner   register.Partner
	Conflicts []register.Conflict
}

// Partners returns every university partner by name, each with its
// conflicts of interest (an empty list when it has none).
func (r *Register) Partners(ctx context.Context) ([]PartnerConflicts, error) {
	ps, err := r.db.Partners(ctx)
	if err != nil {
		return nil, err
	}
	cs, err := r.db.Conflicts(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]PartnerConflicts, 0, len(ps))
	for _, p := range ps {
		v := PartnerConflicts{Partner: p, Conflicts: []register.Conflict{}}
		for _, c := range cs {
			if c.PartnerID == p.ID {
				v.Conflicts = append(v.Conflicts, c)
			}
		}
		out = append(out, v)
	}
	return out, nil
}

// partnerNames returns every partner's name by id.
func (r *Register) partnerNames(ctx context.Context) (map[int64]string, error) {
	ps, err := r.db.Partners(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]string, len(ps))
	for _, p := range ps {
		out[p.ID] = p.Name
	}
	return out, nil
}

// SavePartner stores a partner (new when p.ID is 0) and returns its id.
// Errors: apperr.Invalid ("name", "contacts[i].email", ...),
// apperr.NotFound.
func (r *Register) SavePartner(ctx context.Context, p register.Partner) (int64, error) {
	if p.ID == 0 {
		return r.db.CreatePartner(ctx, p, r.Officer(ctx))
	}
	return p.ID, r.db.UpdatePartner(ctx, p, r.Officer(ctx))
}

// DeletePartner removes a partner with its conflicts and its place in
// meetings (kept in the history).
func (r *Register) DeletePartner(ctx context.Context, id int64) error {
	return r.db.DeletePartner(ctx, id, r.Officer(ctx))
}

// SetConflict records that the partner has a conflict of interest with the
// entity, for reason (required, register.ConflictReason): the entity is
// left out of that partner's briefing packs and meeting materials.
func (r *Register) SetConflict(ctx context.Context, partnerID, entityID int64, reason string) error {
	return r.db.SetConflict(ctx, partnerID, entityID, reason, r.Officer(ctx))
}

// RemoveConflict clears a conflict of interest. Errors: apperr.NotFound.
func (r *Register) RemoveConflict(ctx context.Context, partnerID, entityID int64) error {
	return r.db.RemoveConflict(ctx, partnerID, entityID, r.Officer(ctx))
}
