package store_test

import (
	"bytes"
	"context"
	"os"

	"atpreg/internal/interchange"
	"atpreg/internal/store"
)

// exportXLSX writes the whole register as an XLSX export to path (the
// service's export, without the ledger), for round-trip tests.
func exportXLSX(ctx context.Context, db *store.DB, path string) error {
	x := interchange.Export{ExportedAt: db.Now()}
	var err error
	if x.Entities, err = db.Entities(ctx); err != nil {
		return err
	}
	if x.Evaluations, err = db.AllEvaluations(ctx); err != nil {
		return err
	}
	if x.Partners, err = db.Partners(ctx); err != nil {
		return err
	}
	ms, err := db.Meetings(ctx)
	if err != nil {
		return err
	}
	for _, m := range ms {
		x.Meetings = append(x.Meetings, m.Meeting)
	}
	s, err := db.GetSettings(ctx)
	if err != nil {
		return err
	}
	x.Weights = s.Weights
	var buf bytes.Buffer
	if err := interchange.Write(&buf, interchange.XLSX, x); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o600)
}
