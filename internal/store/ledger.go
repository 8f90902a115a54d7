package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"time"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
)

// LedgerEntry is a published document as the ledger keeps it.
type LedgerEntry = register.LedgerEntry

type ledgerRow struct {
	ID        int64  `db:"id"`
	DocID     string `db:"doc_id"`
	Kind      string `db:"kind"`
	Recipient string `db:"recipient"`
	CopyNo    int    `db:"copy_no"`
	EntityIDs string `db:"entity_ids"`
	Options   string `db:"options"`
	FileName  string `db:"file_name"`
	Folder    string `db:"folder"`
	SHA256    string `db:"sha256"`
	Size      int64  `db:"size"`
	Delivered bool   `db:"delivered"`
	By        string `db:"by"`
	At        string `db:"at"`
	Variants  string `db:"variants"`
}

const ledgerColumns = `id, doc_id, kind, recipient, copy_no, entity_ids, options, file_name, folder, sha256, size, delivered, by, at, variants`

func (row ledgerRow) entry() LedgerEntry {
	e := LedgerEntry{ID: row.ID, DocID: row.DocID, Kind: row.Kind, Recipient: row.Recipient, CopyNo: row.CopyNo,
		FileName: row.FileName, Folder: row.Folder, SHA256: row.SHA256, Size: row.Size, Delivered: row.Delivered,
		By: row.By, At: rfc3339(row.At), Variants: row.Variants, EntityIDs: []int64{}, Options: map[string]any{}}
	_ = json.Unmarshal([]byte(row.EntityIDs), &e.EntityIDs)
	_ = json.Unmarshal([]byte(row.Options), &e.Options)
	return e
}

// RecordPublished records documents about to be put in place, all in one
// transaction: each entry not yet delivered, with contents[i] (the file's
// exact bytes) kept to write it again, and an "export" line in the history
// of each entity it holds, in the officer's words (register.PublishedText);
// a register-wide export (register.RegisterWide) is one line in the
// register's own log instead. Kind, DocID and FileName are required; By
// defaults to the unnamed officer and At to the register's clock. It
// returns the entries as stored (with their ids).
func (db *DB) RecordPublished(ctx context.Context, entries []LedgerEntry, contents [][]byte) ([]LedgerEntry, error) {
	return db.RecordPublishedWith(ctx, entries, contents, nil)
}

// RecordPublishedWith is RecordPublished with more work in the same
// transaction: within (when not nil) runs first, and an error from it
// records nothing (letters move entities and open information requests
// this way, all or nothing with their files' record).
func (db *DB) RecordPublishedWith(ctx context.Context, entries []LedgerEntry, contents [][]byte, within func(tx *Tx) error) ([]LedgerEntry, error) {
	if len(contents) != len(entries) {
		return nil, apperr.New(apperr.Internal, "The ledger was given %d files for %d entries.", len(contents), len(entries))
	}
	out := slices.Clone(entries)
	now := db.Now()
	err := db.Update(ctx, func(tx *Tx) error {
		if within != nil {
			if err := within(tx); err != nil {
				return err
			}
		}
		for i := range out {
			e, err := recordPublishedTx(tx, out[i], contents[i], now)
			if err != nil {
				return err
			}
			out[i] = e
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func recordPublishedTx(tx *Tx, e LedgerEntry, content []byte, now time.Time) (LedgerEntry, error) {
	if !slices.Contains(register.LedgerKinds(), e.Kind) {
		return e, apperr.New(apperr.Invalid, "%q is not a kind of published document (%s).", e.Kind, strings.Join(register.LedgerKinds(), ", "))
	}
	if strings.TrimSpace(e.DocID) == "" {
		return e, apperr.New(apperr.Invalid, "A published document needs a document id.")
	}
	if strings.TrimSpace(e.FileName) == "" || strings.ContainsAny(e.FileName, `/\`) {
		return e, apperr.New(apperr.Invalid, "A published document needs a file name without a folder (the folder is recorded apart).")
	}
	at := now
	if e.At != "" {
		var err error
		if at, err = ParseTime(e.At); err != nil {
			return e, apperr.New(apperr.Invalid, "The time of the export is not an RFC 3339 time.")
		}
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
	if content == nil {
		content = []byte{}
	}
	e.Size, e.Delivered = int64(len(content)), false
	res, err := tx.Exec(`INSERT INTO ledger(doc_id, kind, recipient, copy_no, entity_ids, options, file_name, folder, sha256, size, delivered, content, by, at, variants)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)`, e.DocID, e.Kind, e.Recipient, e.CopyNo, string(ids), string(opts),
		e.FileName, e.Folder, e.SHA256, e.Size, content, e.By, at, e.Variants)
	if err != nil {
		return e, err
	}
	if e.ID, err = res.LastInsertId(); err != nil {
		return e, err
	}
	detail := register.PublishedText(register.LedgerEntry{Kind: e.Kind, DocID: e.DocID, Recipient: e.Recipient, CopyNo: e.CopyNo,
		EntityIDs: e.EntityIDs, FileName: e.FileName})
	if register.RegisterWide(e.Kind) {
		// The whole register left: one line in the register's own log (and
		// the ledger), not one in every entity's history.
		if err := recordTx(tx, AuditEntry{At: TimeText(at), By: e.By, Action: ActionExport, Field: e.Kind, New: e.FileName, Detail: detail}); err != nil {
			return e, err
		}
	} else {
		for _, id := range e.EntityIDs {
			if _, err := auditTx(tx, AuditEntry{EntityID: id, At: TimeText(at), By: e.By, Action: ActionExport,
				Field: e.Kind, New: e.FileName, Detail: detail}); err != nil {
				return e, err
			}
		}
	}
	e.At = at.UTC().Format(time.RFC3339)
	return e, nil
}

// MarkDelivered marks the ledger entries ids as delivered (their files are
// in place) and drops the bytes kept to write them again, in one
// transaction.
func (db *DB) MarkDelivered(ctx context.Context, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	return db.Update(ctx, func(tx *Tx) error {
		for _, id := range ids {
			if _, err := tx.Exec(`UPDATE ledger SET delivered = 1, content = NULL WHERE id = ?`, id); err != nil {
				return err
			}
		}
		return nil
	})
}

// LedgerContent returns ledger entry id and, while it is not delivered, the
// bytes kept to write its file again (nil once delivered). Errors:
// apperr.NotFound.
func (db *DB) LedgerContent(ctx context.Context, id int64) (LedgerEntry, []byte, error) {
	var row struct {
		ledgerRow
		Content []byte `db:"content"`
	}
	err := db.View(ctx, func(r *Reader) error {
		return r.Get(&row, `SELECT `+ledgerColumns+`, content FROM ledger WHERE id = ?`, id)
	})
	if errors.Is(err, sql.ErrNoRows) {
		return LedgerEntry{}, nil, apperr.New(apperr.NotFound, "Ledger entry %d is not in the register.", id)
	}
	if err != nil {
		return LedgerEntry{}, nil, err
	}
	return row.entry(), row.Content, nil
}

// LedgerFilter selects ledger entries.
type LedgerFilter struct {
	Kind        string `json:"kind"`        // "" for every kind
	DocID       string `json:"docId"`       // "" for every document
	EntityID    int64  `json:"entityId"`    // 0 for every entity
	Undelivered bool   `json:"undelivered"` // only entries whose file was not put in place
	Limit       int    `json:"limit"`       // 0 for no limit
}

// Ledger returns the published documents f selects, newest first.
func (db *DB) Ledger(ctx context.Context, f LedgerFilter) ([]LedgerEntry, error) {
	q := `SELECT ` + ledgerColumns + ` FROM ledger WHERE 1 = 1`
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
	if f.Undelivered {
		q += ` AND delivered = 0`
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
