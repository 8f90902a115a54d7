package demand

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"atpreg/internal/apperr"
	"atpreg/internal/fileout"
	"atpreg/internal/register"
	"atpreg/internal/store"
)

// Formats of the anonymised summary.
const (
	FormatPDF  = "pdf"
	FormatJSON = "json"
)

// ExportInput says what to export and where.
type ExportInput struct {
	Format    string            // FormatPDF or FormatJSON
	Path      string            // the file to write (replaced if it exists)
	Statuses  []register.Status // filter; empty: every entity
	By        string            // the officer, for the ledger
	Generator string            // e.g. "atpreg 1.2.0", printed in the metadata
}

// ExportResult describes a written summary and its ledger entry.
type ExportResult struct {
	DocumentID string `json:"documentId"`
	Format     string `json:"format"`
	Path       string `json:"path"`
	Size       int    `json:"size"`
	SHA256     string `json:"sha256"`
	LedgerID   int64  `json:"ledgerId"`
	At         string `json:"at"` // RFC 3339
}

// ParseFormat accepts "pdf" or "json" in any case.
func ParseFormat(s string) (string, error) {
	switch f := strings.ToLower(strings.TrimSpace(s)); f {
	case FormatPDF, FormatJSON:
		return f, nil
	}
	return "", apperr.New(apperr.Invalid, "%q is not a format of the demand summary; use pdf or json.", s)
}

// ParseStatuses parses status codes or labels for the filter; an unknown one
// is apperr.Invalid naming it.
func ParseStatuses(ss []string) ([]register.Status, error) {
	out := make([]register.Status, 0, len(ss))
	for _, s := range ss {
		st, err := register.ParseStatus(s)
		if err != nil {
			return nil, err
		}
		if st != "" {
			out = append(out, st)
		}
	}
	return out, nil
}

// NewDocumentID returns a fresh id for a summary made at t, e.g.
// "DS-20260314-4F2A".
func NewDocumentID(t time.Time) string {
	var b [2]byte
	_, _ = rand.Read(b[:])
	return fmt.Sprintf("DS-%s-%s", t.Format("20060102"), strings.ToUpper(hex.EncodeToString(b[:])))
}

// Export writes the anonymised demand summary of db's entities to in.Path
// (mode 0600) and records it in the ledger (kind "demand", with the format,
// filter and totals as options; no entity ids, since it names none). The
// file appears only once the ledger holds it: it is written beside its
// destination under a temporary name, the ledger entry committed, then the
// file renamed into place. A failure leaves no file behind.
func Export(ctx context.Context, db *store.DB, in ExportInput) (ExportResult, error) {
	format, err := ParseFormat(in.Format)
	if err != nil {
		return ExportResult{}, err
	}
	if strings.TrimSpace(in.Path) == "" {
		return ExportResult{}, apperr.New(apperr.Invalid, "Name the file to write the demand summary to.")
	}
	entities, err := db.Entities(ctx)
	if err != nil {
		return ExportResult{}, err
	}
	now := db.Now()
	sum := Aggregate(entities, in.Statuses)
	rep := Anonymise(sum, Meta{DocumentID: NewDocumentID(now), GeneratedAt: now, Generator: in.Generator})
	var data []byte
	if format == FormatPDF {
		data, err = rep.PDF()
	} else {
		data, err = rep.JSON()
	}
	if err != nil {
		return ExportResult{}, err
	}
	digest := sha256.Sum256(data)
	res := ExportResult{DocumentID: rep.DocumentID, Format: format, Path: in.Path, Size: len(data), SHA256: hex.EncodeToString(digest[:])}

	staged, err := fileout.Stage(in.Path, data, "The demand summary")
	if err != nil {
		return ExportResult{}, err
	}
	defer staged.Discard() // a no-op once committed
	entry, err := db.RecordExport(ctx, store.LedgerEntry{
		DocID: rep.DocumentID,
		Kind:  store.LedgerDemand,
		Options: map[string]any{
			"format":      format,
			"statuses":    rep.Filter.Statuses,
			"entities":    sum.Entities,
			"submissions": sum.Submissions,
			"anonymised":  true,
		},
		FileName: filepath.Base(in.Path),
		SHA256:   res.SHA256,
		By:       in.By,
	})
	if err != nil {
		return ExportResult{}, err
	}
	if err := staged.Commit(); err != nil {
		return ExportResult{}, apperr.Wrap(err, apperr.Internal,
			"The demand summary %s is recorded in the ledger but could not be put in place as %s: %v.", rep.DocumentID, filepath.Base(in.Path), pathErr(err))
	}
	res.LedgerID, res.At = entry.ID, entry.At
	return res, nil
}

// pathErr drops the path from an *os.PathError or *os.LinkError (the message
// names the file already).
func pathErr(err error) error {
	switch e := err.(type) {
	case *os.PathError:
		return e.Err
	case *os.LinkError:
		return e.Err
	}
	return err
}
