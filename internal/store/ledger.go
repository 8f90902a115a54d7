package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"atpreg/internal/apperr"
)

// Kinds of exported documents in the ledger.
const (
	LedgerBrief  = "brief"  // a confidential briefing pack
	LedgerDemand = "demand" // the anonymised demand summary
	LedgerExport = "export" // an export of the register (CSV, XLSX, JSON)
)

// LedgerEntry records one document that left the register: what (kind,
// document id, file name and SHA-256), for whom (recipient, copy number),
// which entities, with which options, who made it and when (At, RFC 3339).
type LedgerEntry struct {
	ID        int64          `json:"id"`
	DocID     string         `json:"docId"`
	Kind      string         `json:"kind"`
	Recipient string         `json:"recipient"`
	CopyNo    int            `json:"copyNo"`
	EntityIDs []int64        `json:"entityIds"`
	Options   map[string]any `json:"options"`
	FileName  string         `json:"fileName"`
	SHA256    string         `json:"sha256"`
	By        string         `json:"by"`
	At        string         `json:"at"`
}

type ledgerRow struct {
	ID        int64  `db:"id"`
	DocID     string `db:"doc_id"`
	Kind      string `db:"kind"`
	Recipient string `db:"recipient"`
	CopyNo    int    `db:"copy_no"`
	EntityIDs string `db:"entity_ids"`
	Options   string `db:"options"`
	FileName  string `db:"file_name"`
	SHA256    string `db:"sha256"`
	By        string `db:"by"`
	At        string `db:"at"`
}

func (row ledgerRow) entry() LedgerEntry {
	e := LedgerEntry{ID: row.ID, DocID: row.DocID, Kind: row.Kind, Recipient: row.Recipient, CopyNo: row.CopyNo,
		FileName: row.FileName, SHA256: row.SHA256, By: row.By, At: rfc3339(row.At), EntityIDs: []int64{}, Options: map[string]any{}}
	_ = json.Unmarshal([]byte(row.EntityIDs), &e.EntityIDs)
	_ = json.Unmarshal([]byte(row.Options), &e.Options)
	return e
}

// RecordExport logs an exported document in the ledger, and an "export"
// line in the history of each entity it holds, in one transaction. DocID
// and Kind (brief, demand, export) are required; By defaults to the unnamed
// officer and At to the register's clock. It returns the entry as stored.
func (db *DB) RecordExport(ctx context.Context, e LedgerEntry) (LedgerEntry, error) {
	if e.At == "" {
		e.At = TimeText(db.Now())
	}
	err := db.Update(ctx, func(tx *Tx) error {
		var err error
		e, err = RecordExportTx(tx, e)
		return err
	})
	return e, err
}

// RecordExportTx is RecordExport inside tx; e.At must be set (RFC 3339).
func RecordExportTx(tx *Tx, e LedgerEntry) (LedgerEntry, error) {
	switch e.Kind {
	case LedgerBrief, LedgerDemand, LedgerExport:
	default:
		return e, apperr.New(apperr.Invalid, "%q is not a kind of exported document (brief, demand, export).", e.Kind)
	}
	if strings.TrimSpace(e.DocID) == "" {
		return e, apperr.New(apperr.Invalid, "An exported document needs a document id.")
	}
	at, err := ParseTime(e.At)
	if err != nil {
		return e, apperr.New(apperr.Invalid, "The time of the export is not an RFC 3339 time.")
	}
	e.By = who(e.By)
	if e.EntityIDs == nil {
		e.EntityIDs = []int64{}
	}
	if e.Options == nil {
		e.Options = map[string]any{}
	}
	ids, err := json.Marshal(e.EntityIDs)
	if err != nil {
		return e, err
	}
	opts, err := json.Marshal(e.Options)
	if err != nil {
		return e, apperr.Wrap(err, apperr.Internal, "The export's options cannot be recorded.")
	}
	res, err := tx.Exec(`INSERT INTO ledger(doc_id, kind, recipient, copy_no, entity_ids, options, file_name, sha256, by, at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, e.DocID, e.Kind, e.Recipient, e.CopyNo, string(ids), string(opts),
		e.FileName, e.SHA256, e.By, at)
	if err != nil {
		return e, err
	}
	if e.ID, err = res.LastInsertId(); err != nil {
		return e, err
	}
	detail := fmt.Sprintf("%s %s", e.Kind, e.DocID)
	if e.Recipient != "" {
		detail += " for " + e.Recipient
	}
	if e.CopyNo > 0 {
		detail += fmt.Sprintf(", copy %d", e.CopyNo)
	}
	for _, id := range e.EntityIDs {
		if _, err := auditTx(tx, AuditEntry{EntityID: id, At: TimeText(at), By: e.By, Action: ActionExport,
			Field: e.Kind, New: e.FileName, Detail: detail}); err != nil {
			return e, err
		}
	}
	e.At = at.UTC().Format(time.RFC3339)
	return e, nil
}

// LedgerFilter selects ledger entries.
type LedgerFilter struct {
	Kind     string `json:"kind"`     // "" for every kind
	DocID    string `json:"docId"`    // "" for every document
	EntityID int64  `json:"entityId"` // 0 for every entity
	Limit    int    `json:"limit"`    // 0 for no limit
}

// Ledger returns the exported documents f selects, newest first.
func (db *DB) Ledger(ctx context.Context, f LedgerFilter) ([]LedgerEntry, error) {
	q := `SELECT id, doc_id, kind, recipient, copy_no, entity_ids, options, file_name, sha256, by, at FROM ledger WHERE 1 = 1`
	var args []any
	if f.Kind != "" {
		q += ` AND kind = ?`
		args = append(args, f.Kind)
	}
	if f.DocID != "" {
		q += ` AND doc_id = ?`
		args = append(args, f.DocID)
	}
	if f.EntityID != 0 {
		q += ` AND EXISTS (SELECT 1 FROM json_each(ledger.entity_ids) WHERE value = ?)`
		args = append(args, f.EntityID)
	}
	q += ` ORDER BY at DESC, id DESC`
	if f.Limit > 0 {
		q += ` LIMIT ?`
		args = append(args, f.Limit)
	}
	var rows []ledgerRow
	if err := db.View(ctx, func(r *Reader) error { return r.Select(&rows, q, args...) }); err != nil {
		return nil, err
	}
	out := make([]LedgerEntry, len(rows))
	for i, row := range rows {
		out[i] = row.entry()
	}
	return out, nil
}
