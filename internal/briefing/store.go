package briefing

import (
	"context"

	"atpreg/internal/register"
	"atpreg/internal/store"
)

// StoreSource is the register's store as a Source.
type StoreSource struct{ DB *store.DB }

// Entities implements Source.
func (s StoreSource) Entities(ctx context.Context, ids ...int64) ([]register.Entity, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	return s.DB.Entities(ctx, ids...)
}

// Evaluations implements Source.
func (s StoreSource) Evaluations(ctx context.Context, entityID int64) ([]register.Evaluation, error) {
	return s.DB.EntityEvaluations(ctx, entityID)
}

// Meeting implements Source.
func (s StoreSource) Meeting(ctx context.Context, id int64) (register.Meeting, error) {
	m, err := s.DB.GetMeeting(ctx, id)
	return m.Meeting, err
}

// Partners implements Source.
func (s StoreSource) Partners(ctx context.Context) ([]register.Partner, error) {
	return s.DB.Partners(ctx)
}

// ConflictedEntities implements Source.
func (s StoreSource) ConflictedEntities(ctx context.Context, partnerID int64) (map[int64]string, error) {
	return s.DB.ConflictedEntities(ctx, partnerID)
}

// Weights implements Source: the weights in the register's settings.
func (s StoreSource) Weights(ctx context.Context) (register.Weights, error) {
	st, err := s.DB.GetSettings(ctx)
	if err != nil {
		return nil, err
	}
	return st.Weights, nil
}

// RecordExports implements Source: one ledger entry of kind "brief" per pack,
// each with an "export" line in its entities' history, in one transaction.
func (s StoreSource) RecordExports(ctx context.Context, recs []Record) error {
	return s.DB.Update(ctx, func(tx *store.Tx) error {
		for _, r := range recs {
			if _, err := store.RecordExportTx(tx, store.LedgerEntry{
				DocID: r.DocID, Kind: store.LedgerBrief, Recipient: r.Recipient, CopyNo: r.CopyNo,
				EntityIDs: r.EntityIDs, Options: r.Options, FileName: r.FileName, SHA256: r.SHA256,
				By: r.By, At: store.TimeText(r.At),
			}); err != nil {
				return err
			}
		}
		return nil
	})
}
