package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
)

// History actions of letters.
const (
	ActionInfoRequest  = "info-request"  // a letter asked the entity for information; Detail is what
	ActionInfoReceived = "info-received" // what came back closed the open requests; Detail is what closed them
)

const letterSettingsKey = "letters"

// GetLetterSettings returns the letterhead and the officer's templates,
// defaults filled in.
func (db *DB) GetLetterSettings(ctx context.Context) (register.LetterSettings, error) {
	var s register.LetterSettings
	err := db.View(ctx, func(r *Reader) error {
		var err error
		s, err = readLetterSettings(r)
		return err
	})
	return s, err
}

func readLetterSettings(r *Reader) (register.LetterSettings, error) {
	s := register.DefaultLetterSettings()
	var v string
	err := r.Get(&v, `SELECT value FROM settings WHERE key = ?`, letterSettingsKey)
	if errors.Is(err, sql.ErrNoRows) {
		return s, nil
	}
	if err != nil {
		return s, err
	}
	if err := json.Unmarshal([]byte(v), &s); err != nil {
		return register.DefaultLetterSettings(), nil
	}
	if s.Templates == nil {
		s.Templates = []register.LetterTemplate{}
	}
	return s, nil
}

// SaveLetterSettings validates (register.LetterSettings.Validate; the
// caller checks the templates' placeholders) and stores s, recording the
// change in the register's history. Saving unchanged settings records
// nothing.
func (db *DB) SaveLetterSettings(ctx context.Context, s register.LetterSettings, by string) error {
	s.Normalize()
	if err := s.Validate(); err != nil {
		return err
	}
	b, err := json.Marshal(s)
	if err != nil {
		return err
	}
	at := TimeText(db.Now())
	return db.Update(ctx, func(tx *Tx) error {
		old, err := readLetterSettings(&tx.Reader)
		if err != nil {
			return err
		}
		ob, _ := json.Marshal(old)
		if string(ob) == string(b) {
			return nil
		}
		if _, err := tx.Exec(`INSERT INTO settings(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`, letterSettingsKey, string(b)); err != nil {
			return err
		}
		return recordTx(tx, AuditEntry{At: at, By: who(by), Action: "settings", Field: "letters",
			Detail: "Letterhead or letter templates changed."})
	})
}

// OpenInfoRequestTx records inside tx that a letter asked entity q.EntityID
// for information (q.Kind missing or more-info, q.Asked what, q.DocID the
// letter), at q.AskedAt by q.AskedBy, with a line in its history. It
// returns the request's id.
func OpenInfoRequestTx(tx *Tx, q register.InfoRequest) (int64, error) {
	if !q.Kind.AsksForInformation() {
		return 0, apperr.New(apperr.Internal, "A %s letter asks for nothing.", q.Kind)
	}
	if q.AskedAt.IsZero() {
		return 0, apperr.New(apperr.Internal, "An information request needs its time.")
	}
	ok, err := EntityExists(&tx.Reader, q.EntityID)
	if err != nil {
		return 0, err
	}
	if !ok {
		return 0, entityNotFound(q.EntityID)
	}
	by := who(q.AskedBy)
	res, err := tx.Exec(`INSERT INTO info_requests(entity_id, kind, asked, doc_id, asked_at, asked_by) VALUES (?, ?, ?, ?, ?, ?)`,
		q.EntityID, string(q.Kind), q.Asked, q.DocID, q.AskedAt, by)
	if err != nil {
		return 0, err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	_, err = auditTx(tx, AuditEntry{EntityID: q.EntityID, At: TimeText(q.AskedAt), By: by, Action: ActionInfoRequest,
		Field: string(q.Kind), New: q.DocID, Detail: "More information requested: " + q.Asked})
	return id, err
}

// CloseInfoRequestsTx closes, inside tx, every open information request of
// the entity: what came back (with, e.g. "intake of reply.eml") at time at.
// It records one history line when it closed any, and returns how many it
// closed. The intake calls it for each entity it takes something in for.
func CloseInfoRequestsTx(tx *Tx, entityID int64, at time.Time, with, by string) (int, error) {
	res, err := tx.Exec(`UPDATE info_requests SET answered_at = ?, answered_with = ? WHERE entity_id = ? AND answered_at IS NULL`,
		at, with, entityID)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	if err != nil || n == 0 {
		return 0, err
	}
	_, err = auditTx(tx, AuditEntry{EntityID: entityID, At: TimeText(at), By: who(by), Action: ActionInfoReceived,
		Field: "info_requests", Detail: "Information received: " + with})
	return int(n), err
}

type infoRow struct {
	ID           int64          `db:"id"`
	EntityID     int64          `db:"entity_id"`
	EntityName   sql.NullString `db:"entity_name"`
	Kind         string         `db:"kind"`
	Asked        string         `db:"asked"`
	DocID        string         `db:"doc_id"`
	AskedAt      string         `db:"asked_at"`
	AskedBy      string         `db:"asked_by"`
	AnsweredAt   sql.NullString `db:"answered_at"`
	AnsweredWith string         `db:"answered_with"`
}

// InfoRequests returns the information requests of one entity (every
// entity for 0), only the open ones when open is set, oldest first.
func (db *DB) InfoRequests(ctx context.Context, entityID int64, open bool) ([]register.InfoRequest, error) {
	q := `SELECT q.id, q.entity_id, e.name AS entity_name, q.kind, q.asked, q.doc_id, q.asked_at, q.asked_by, q.answered_at, q.answered_with
		FROM info_requests q LEFT JOIN entities e ON e.id = q.entity_id WHERE 1 = 1`
	var args []any
	if entityID != 0 {
		q += ` AND q.entity_id = ?`
		args = append(args, entityID)
	}
	if open {
		q += ` AND q.answered_at IS NULL`
	}
	q += ` ORDER BY q.asked_at, q.id`
	var rows []infoRow
	if err := db.View(ctx, func(r *Reader) error { return r.Select(&rows, q, args...) }); err != nil {
		return nil, err
	}
	out := make([]register.InfoRequest, 0, len(rows))
	for _, row := range rows {
		r := register.InfoRequest{ID: row.ID, EntityID: row.EntityID, EntityName: row.EntityName.String, Kind: register.LetterKind(row.Kind),
			Asked: row.Asked, DocID: row.DocID, AskedBy: row.AskedBy, AnsweredWith: row.AnsweredWith}
		r.AskedAt, _ = ParseTime(row.AskedAt)
		if row.AnsweredAt.Valid {
			t, _ := ParseTime(row.AnsweredAt.String)
			r.AnsweredAt = &t
		}
		out = append(out, r)
	}
	return out, nil
}
