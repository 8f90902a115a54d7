package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/jmoiron/sqlx"

	"atpreg/internal/apperr"
)

// Reader gives read-only access to the register inside DB.View (and is
// embedded in Tx). Writes through it fail (the connection is query-only).
type Reader struct {
	ctx  context.Context
	conn *sqlx.Conn
}

// Get runs query and scans its single row into dest (sqlx.Get rules; a
// missing row is sql.ErrNoRows).
func (r *Reader) Get(dest any, query string, args ...any) error {
	args, err := normArgs(args)
	if err != nil {
		return err
	}
	return r.conn.GetContext(r.ctx, dest, query, args...)
}

// Select runs query and scans all rows into dest, a pointer to a slice.
func (r *Reader) Select(dest any, query string, args ...any) error {
	args, err := normArgs(args)
	if err != nil {
		return err
	}
	return r.conn.SelectContext(r.ctx, dest, query, args...)
}

// Queryx runs query and returns the rows to iterate; close them before fn
// returns.
func (r *Reader) Queryx(query string, args ...any) (*sqlx.Rows, error) {
	args, err := normArgs(args)
	if err != nil {
		return nil, err
	}
	return r.conn.QueryxContext(r.ctx, query, args...)
}

// Tx is one write transaction inside DB.Update. Exec statements are recorded
// for the journal; Get and Select may read (and if a statement they run
// changes rows, such as INSERT ... RETURNING, it is recorded too).
type Tx struct {
	Reader
	stmts []stmt
}

// Exec runs a statement that changes the register. Arguments are limited to
// nil, integers, bool, float64, string, []byte, time.Time (stored as
// TimeText), pointers to these and driver.Valuer; anything else is an error.
// A []byte argument is journaled from the caller's slice when the
// transaction commits, not copied: leave it unchanged until Update returns.
func (tx *Tx) Exec(query string, args ...any) (sql.Result, error) {
	args, err := normArgs(args)
	if err != nil {
		return nil, err
	}
	res, err := tx.conn.ExecContext(tx.ctx, query, args...)
	tx.stmts = append(tx.stmts, stmt{query: query, args: args, failed: err != nil})
	return res, err
}

// Get is Reader.Get; a statement that changed rows is recorded.
func (tx *Tx) Get(dest any, query string, args ...any) error {
	return tx.recordIfChanged(query, args, func(a []any) error { return tx.conn.GetContext(tx.ctx, dest, query, a...) })
}

// Select is Reader.Select; a statement that changed rows is recorded.
func (tx *Tx) Select(dest any, query string, args ...any) error {
	return tx.recordIfChanged(query, args, func(a []any) error { return tx.conn.SelectContext(tx.ctx, dest, query, a...) })
}

// Queryx is not offered in a write transaction (a half-read RETURNING
// statement could not be recorded faithfully); use Select.
func (tx *Tx) Queryx(string, ...any) (*sqlx.Rows, error) {
	return nil, errors.New("store: Queryx is not available in Update; use Select")
}

func (tx *Tx) changes() (int64, error) {
	var n int64
	err := tx.conn.GetContext(tx.ctx, &n, "SELECT total_changes()")
	return n, err
}

func (tx *Tx) recordIfChanged(query string, args []any, run func([]any) error) error {
	args, err := normArgs(args)
	if err != nil {
		return err
	}
	before, err := tx.changes()
	if err != nil {
		return err
	}
	runErr := run(args)
	after, err := tx.changes()
	if err != nil {
		return err
	}
	if after != before {
		tx.stmts = append(tx.stmts, stmt{query: query, args: args, failed: runErr != nil})
	}
	return runErr
}

// View runs fn with read-only access to the register. fn must not call
// other DB methods (they would wait for fn).
func (db *DB) View(ctx context.Context, fn func(r *Reader) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.closed {
		return errClosed
	}
	return fn(&Reader{ctx: ctx, conn: db.conn})
}

// Update runs fn as one write transaction. If fn returns nil, its statements
// are appended to the journal and synced to disk, then committed: when
// Update returns nil the change is saved and survives a crash. If fn (or
// saving) fails, the transaction is rolled back and nothing is saved. fn must
// not call other DB methods (they would wait for fn). fn may run again only
// if the caller calls Update again: it is not retried.
func (db *DB) Update(ctx context.Context, fn func(tx *Tx) error) (err error) {
	if err := ctx.Err(); err != nil {
		return err
	}
	db.mu.Lock()
	defer db.mu.Unlock()
	if err := db.usable(); err != nil {
		return err
	}
	return db.updateLocked(ctx, fn)
}

func (db *DB) exec(q string) error {
	_, err := db.conn.ExecContext(context.Background(), q)
	return err
}

func (db *DB) updateLocked(ctx context.Context, fn func(tx *Tx) error) (err error) {
	if err := db.exec("PRAGMA query_only = OFF"); err != nil {
		return err
	}
	if err := db.exec("BEGIN IMMEDIATE"); err != nil {
		db.exec("PRAGMA query_only = ON")
		return err
	}
	done := false
	defer func() {
		if !done {
			db.exec("ROLLBACK")
		}
		if qerr := db.exec("PRAGMA query_only = ON"); qerr != nil && err == nil {
			err = qerr
		}
	}()
	tx := &Tx{Reader: Reader{ctx: ctx, conn: db.conn}}
	if err := fn(tx); err != nil {
		return err
	}
	if len(tx.stmts) == 0 {
		done = true
		return db.exec("COMMIT")
	}
	prev := int64(0)
	if db.journal != nil {
		prev = db.journal.Size()
		if err := db.journal.AppendInPlace(encodeRecord(tx.stmts)); err != nil {
			if jerr := db.journal.Broken(); jerr != nil {
				db.broken = jerr
				return apperr.Wrap(err, apperr.Internal, "The change could not be saved to disk (%s), and the journal could not be repaired afterwards: the change may come back when the register is next opened. Close atpreg, open the register again and check.", apperr.Reason(err))
			}
			if said := (*apperr.Error)(nil); errors.As(err, &said) {
				return err // a change too large, a closed journal: said for a person already
			}
			return apperr.Wrap(err, apperr.Internal, "The change could not be saved to disk (%s). Nothing was changed.", apperr.Reason(err))
		}
	}
	if err := db.exec("COMMIT"); err != nil {
		if db.journal != nil {
			if uerr := db.journal.UndoLast(prev); uerr != nil {
				db.broken = uerr
				return apperr.Wrap(err, apperr.Internal, "The change could not be completed, and its record could not be taken out of the journal again (%s): it may come back when the register is next opened. Close atpreg, open the register again and check.", apperr.Reason(uerr))
			}
		}
		return err
	}
	done = true
	db.noteSeen(false)
	if db.journal != nil && db.journal.Size() > db.nextAutoSize() {
		if err := db.snapshotLocked(); err != nil {
			// The change is saved in the journal; try again after more growth.
			db.warn(apperr.Message(err))
			if db.broken == nil {
				db.nextAuto = db.journal.Size() + db.compactAt()
			}
		}
	}
	return nil
}

func (db *DB) nextAutoSize() int64 {
	if db.nextAuto == 0 {
		return db.compactAt()
	}
	return db.nextAuto
}

// replay applies one journal record as a transaction.
func (db *DB) replay(rec []byte) error {
	stmts, err := decodeRecord(rec)
	if err != nil {
		return err
	}
	ctx := context.Background()
	if err := db.exec("PRAGMA query_only = OFF"); err != nil {
		return err
	}
	defer db.exec("PRAGMA query_only = ON")
	if err := db.exec("BEGIN IMMEDIATE"); err != nil {
		return err
	}
	for i, s := range stmts {
		_, err := db.conn.ExecContext(ctx, s.query, s.args...)
		if (err != nil) != s.failed {
			db.exec("ROLLBACK")
			if err == nil {
				err = errors.New("it succeeded where it had failed")
			}
			return fmt.Errorf("statement %d: %w", i+1, err)
		}
	}
	if err := db.exec("COMMIT"); err != nil {
		db.exec("ROLLBACK")
		return err
	}
	return nil
}
