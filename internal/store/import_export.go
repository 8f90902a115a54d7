package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"strings"

	"atpreg/internal/fileout"
	"atpreg/internal/interchange"
	"atpreg/internal/register"
)

// ExportData gathers the whole register for an export: every entity with its
// submissions (by id), evaluations, partners, meetings, and the weights of
// the settings.
func (db *DB) ExportData(ctx context.Context) (interchange.Export, error) {
	x := interchange.Export{ExportedAt: db.Now()}
	var err error
	if x.Entities, err = db.Entities(ctx); err != nil {
		return x, err
	}
	if x.Evaluations, err = db.AllEvaluations(ctx); err != nil {
		return x, err
	}
	if x.Partners, err = db.Partners(ctx); err != nil {
		return x, err
	}
	ms, err := db.Meetings(ctx)
	if err != nil {
		return x, err
	}
	for _, m := range ms {
		x.Meetings = append(x.Meetings, m.Meeting)
	}
	s, err := db.GetSettings(ctx)
	if err != nil {
		return x, err
	}
	x.Weights = s.Weights
	return x, nil
}

// ExportRegister renders the whole register in format f and writes it to
// path (0600): the file is staged beside path and synced, the export is
// recorded in the ledger (kind "export", the file's base name and SHA-256,
// the entities it holds, the format), and only then is the file put in place;
// a failure leaves neither a file nor a ledger entry. by is who exported.
func (db *DB) ExportRegister(ctx context.Context, f interchange.Format, path, by string) (LedgerEntry, error) {
	x, err := db.ExportData(ctx)
	if err != nil {
		return LedgerEntry{}, err
	}
	var buf bytes.Buffer
	if err := interchange.Write(&buf, f, x); err != nil {
		return LedgerEntry{}, err
	}
	staged, err := fileout.Stage(path, buf.Bytes(), "The export")
	if err != nil {
		return LedgerEntry{}, err
	}
	defer staged.Discard()
	sum := sha256.Sum256(buf.Bytes())
	hexSum := hex.EncodeToString(sum[:])
	ids := make([]int64, len(x.Entities))
	for i, e := range x.Entities {
		ids[i] = e.ID
	}
	entry, err := db.RecordExport(ctx, LedgerEntry{
		DocID: "EXPORT-" + strings.ToUpper(hexSum[:12]), Kind: LedgerExport, EntityIDs: ids,
		Options:  map[string]any{"format": string(f), "entities": len(x.Entities), "submissions": countSubmissions(x.Entities)},
		FileName: filepath.Base(path), SHA256: hexSum, By: who(by),
	})
	if err != nil {
		return entry, err
	}
	return entry, staged.Commit()
}

func countSubmissions(es []register.Entity) int {
	n := 0
	for _, e := range es {
		n += len(e.Submissions)
	}
	return n
}
