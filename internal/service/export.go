package service

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"

	"atpreg/internal/apperr"
	"atpreg/internal/interchange"
	"atpreg/internal/register"
)

// ExportFormats lists the formats of a register export.
func ExportFormats() []string { return []string{"csv", "xlsx", "json"} }

// ExportFormatFor returns the format for an export to path: format when
// given (csv, xlsx or json, any case), else path's extension. Errors:
// apperr.Invalid naming the formats.
func ExportFormatFor(format, path string) (string, error) {
	if format == "" {
		format = strings.TrimPrefix(strings.ToLower(filepath.Ext(path)), ".")
	}
	f, err := interchange.ParseFormat(format)
	return string(f), err
}

// ExportResult describes a published register export.
type ExportResult struct {
	Path        string
	Format      string
	Entities    int
	Submissions int
	SHA256      string
	DocID       string
	LedgerID    int64
}

// exportData gathers the whole register for an export: every entity with its
// submissions, evaluations, partners, meetings, and the weights of the
// settings.
func (r *Register) exportData(ctx context.Context) (interchange.Export, error) {
	db := r.db
	x := interchange.Export{ExportedAt: r.Now()}
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

// ExportRegister writes the whole register in format (csv, xlsx, json; ""
// takes path's extension) to path and publishes it: recorded in the ledger
// (kind export, with the entities it holds and the format) and in the
// register's own log (not in each entity's history: it concerns them all). An existing file at path is replaced only with replace
// (the officer confirmed it in a save dialog, or gave the CLI --force);
// otherwise it is an apperr.Conflict caused by a FileExistsError.
func (r *Register) ExportRegister(ctx context.Context, format, path string, replace bool) (ExportResult, error) {
	f, err := ExportFormatFor(format, path)
	if err != nil {
		return ExportResult{}, err
	}
	x, err := r.exportData(ctx)
	if err != nil {
		return ExportResult{}, err
	}
	var buf bytes.Buffer
	if err := interchange.Write(&buf, interchange.Format(f), x); err != nil {
		return ExportResult{}, err
	}
	ids := make([]int64, len(x.Entities))
	subs := 0
	for i, e := range x.Entities {
		ids[i] = e.ID
		subs += len(e.Submissions)
	}
	entries, err := r.Publish(ctx, []Publication{{
		Kind: register.LedgerExport, DocID: NewDocumentID(DocPrefixExport, r.Now()), Path: path, Data: buf.Bytes(),
		EntityIDs: ids, Options: map[string]any{"format": f, "entities": len(x.Entities), "submissions": subs},
		Replace: replace, What: apperr.Fixed("The export"),
	}})
	if err != nil {
		return ExportResult{}, err
	}
	e := entries[0]
	return ExportResult{Path: LedgerPath(e), Format: f, Entities: len(ids), Submissions: subs, SHA256: e.SHA256, DocID: e.DocID, LedgerID: e.ID}, nil
}

// SaveTemplate writes the blank import template (XLSX) to path through the
// publishing path's staging, replacing a file there only with replace (as
// ExportRegister). It holds nothing of the register, so it needs no register
// and is not recorded in a ledger.
func SaveTemplate(path string, replace bool) error {
	if strings.TrimSpace(path) == "" {
		return apperr.New(apperr.Invalid, "Name the file to save the template to.")
	}
	var buf bytes.Buffer
	if err := interchange.WriteTemplate(&buf); err != nil {
		return err
	}
	return saveFile(path, buf.Bytes(), apperr.Fixed("The template"), replace)
}
