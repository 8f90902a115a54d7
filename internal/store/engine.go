// Package store is the only package that speaks SQL. Its engine keeps the
// register as an in-memory SQLite database (modernc.org/sqlite), loaded from
// a sealed snapshot file and kept durable by an encrypted journal
// (internal/vault): every write transaction's statements are appended to the
// journal and synced before the transaction commits and the call returns, so
// a change reported as saved survives a crash. Snapshots compact the journal.
//
// Writes go through DB.Update, reads through DB.View; both run one at a time.
// Statements must be deterministic, because the journal is replayed on open:
// pass times and ids as arguments, never now(), random() or similar in SQL.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/jmoiron/sqlx"
	_ "modernc.org/sqlite" // the "sqlite" database/sql driver

	"atpreg/internal/apperr"
	"atpreg/internal/vault"
)

func init() { sqlx.BindDriver("sqlite", sqlx.QUESTION) }

// AutoSnapshotBytes is the journal size past which Update compacts the
// journal into a new snapshot.
const AutoSnapshotBytes = 8 << 20

// Options tune a register. The zero value is the production setting.
type Options struct {
	KDF vault.KDFParams  // key derivation for new passphrases; zero = vault.DefaultKDF
	Now func() time.Time // clock for bookkeeping rows (migrations, created_at); nil = time.Now
}

func (o Options) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}

// DB is an open register. Its methods are safe for concurrent use; they run
// one at a time.
type DB struct {
	mu       sync.Mutex
	path     string
	opt      Options
	sqldb    *sql.DB
	conn     *sqlx.Conn
	keys     *vault.Keyring
	gen      uint64
	journal  *vault.Journal
	lock     *vault.Lock
	schema   int
	broken   error // set when memory and disk may disagree: no more writes
	nextAuto int64
	closed   bool
}

// Path returns the register file's path.
func (db *DB) Path() string { return db.path }

// SchemaVersion returns the number of the last migration applied.
func (db *DB) SchemaVersion() int {
	db.mu.Lock()
	defer db.mu.Unlock()
	return db.schema
}

// Generation returns the generation of the current snapshot file.
func (db *DB) Generation() uint64 {
	db.mu.Lock()
	defer db.mu.Unlock()
	return db.gen
}

// JournalRecords returns the number of changes saved in the journal since the
// last snapshot.
func (db *DB) JournalRecords() int {
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.journal == nil {
		return 0
	}
	return db.journal.Records()
}

// Create makes a new, empty register at path, protected by passphrase. It
// refuses to overwrite anything (apperr.Conflict) and creates the folder
// (0700) if needed. The returned DB is open.
func Create(path string, passphrase []byte, opt Options) (*DB, error) {
	if len(passphrase) == 0 {
		return nil, apperr.New(apperr.Invalid, "The passphrase is empty. Choose a passphrase.")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, apperr.Wrap(err, apperr.Internal, "The folder for the register cannot be created: %v.", errors.Unwrap(err))
	}
	lock, err := vault.LockRegister(path)
	if err != nil {
		return nil, err
	}
	for _, p := range []string{path, vault.JournalPath(path)} {
		if _, err := os.Lstat(p); err == nil {
			lock.Unlock()
			return nil, apperr.New(apperr.Conflict, "There is already a register at %s. Nothing was changed; choose another file, or open that one.", path)
		}
	}
	keys, err := vault.NewKeyring(passphrase, opt.KDF)
	if err != nil {
		lock.Unlock()
		return nil, err
	}
	db := &DB{path: path, opt: opt, keys: keys, lock: lock}
	fail := func(err error) (*DB, error) {
		db.release()
		os.Remove(path)
		os.Remove(vault.JournalPath(path))
		return nil, err
	}
	if err := db.connect(nil); err != nil {
		return fail(err)
	}
	if err := db.migrate(); err != nil {
		return fail(err)
	}
	err = db.Update(context.Background(), func(tx *Tx) error {
		_, err := tx.Exec(`INSERT INTO meta(key, value) VALUES ('created_at', ?)`, opt.now())
		return err
	})
	if err != nil {
		return fail(err)
	}
	db.mu.Lock()
	err = db.snapshotLocked()
	db.mu.Unlock()
	if err != nil {
		return fail(err)
	}
	return db, nil
}

// Open opens the register at path with passphrase: it takes the lock, opens
// the sealed snapshot, replays the journal (dropping a torn last record) and
// applies pending migrations. Errors: apperr.NotFound (no register there),
// apperr.WrongPass, apperr.Damaged (with what is wrong), apperr.Locked (open
// elsewhere), apperr.Conflict (written by a newer atpreg). On error nothing
// on disk has been changed.
func Open(path string, passphrase []byte, opt Options) (*DB, error) {
	lock, err := vault.LockRegister(path)
	if err != nil {
		return nil, err
	}
	db, err := load(path, passphrase, opt, lock, false)
	if err != nil {
		lock.Unlock()
		return nil, err
	}
	return db, nil
}

// load opens the snapshot, replays the journal in memory and, unless
// readOnly, resumes the journal for appending and migrates.
func load(path string, passphrase []byte, opt Options, lock *vault.Lock, readOnly bool) (*DB, error) {
	snap, err := vault.ReadSnapshotFile(path, passphrase)
	if err != nil {
		return nil, err
	}
	db := &DB{path: path, opt: opt, keys: snap.Keyring, gen: snap.Generation, lock: lock}
	ok := false
	defer func() {
		if !ok {
			db.lock = nil // the caller unlocks
			db.release()
		}
	}()
	err = db.connect(snap.Payload)
	clear(snap.Payload)
	if err != nil {
		return nil, apperr.Wrap(err, apperr.Damaged, "The register file %s opened but its database cannot be read (%v). Nothing was changed. Keep the file and restore from a backup.", filepath.Base(path), err)
	}
	jpath := vault.JournalPath(path)
	recs, st, err := vault.ReadJournal(jpath, db.keys, db.gen)
	if errors.Is(err, vault.ErrForeignJournal) && interruptedRestore(path) {
		recs, st, err = nil, vault.JournalState{Stale: true}, nil
	}
	if err != nil {
		return nil, err
	}
	for i, r := range recs {
		if err := db.replay(r); err != nil {
			return nil, apperr.Wrap(err, apperr.Damaged, "The journal of register %s cannot be applied (change %d of %d: %v). Nothing was changed. Keep both files and restore from a backup.", filepath.Base(path), i+1, len(recs), err)
		}
		clear(r)
	}
	if db.schema, err = db.readSchemaVersion(); err != nil {
		return nil, err
	}
	if db.schema > maxMigration() {
		return nil, apperr.New(apperr.Conflict, "The register %s was written by a newer version of atpreg (schema %d; this version knows up to %d). Update atpreg to open it. Nothing was changed.", filepath.Base(path), db.schema, maxMigration())
	}
	if !readOnly {
		if db.journal, err = vault.ResumeJournal(jpath, db.keys, db.gen, st); err != nil {
			return nil, apperr.Wrap(err, apperr.Internal, "The journal of register %s cannot be opened for writing: %v.", filepath.Base(path), err)
		}
		if err := db.migrate(); err != nil {
			return nil, err
		}
	}
	ok = true
	return db, nil
}

// interruptedRestore reports whether the journal beside path is the one a
// Restore moved aside as path.bak's journal (a crash between Restore's two
// renames): then it belongs to path.bak, not to path, and is safely stale.
func interruptedRestore(path string) bool {
	j, err := os.ReadFile(vault.JournalPath(path))
	if err != nil {
		return false
	}
	defer clear(j)
	b, err := os.ReadFile(vault.JournalPath(path + ".bak"))
	if err != nil {
		return false
	}
	defer clear(b)
	return string(j) == string(b)
}

// connect makes the in-memory database: a fresh one, or payload deserialized.
func (db *DB) connect(payload []byte) error {
	sqldb, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		return err
	}
	sqldb.SetMaxOpenConns(1)
	sqldb.SetMaxIdleConns(1)
	sqldb.SetConnMaxLifetime(0)
	sqldb.SetConnMaxIdleTime(0)
	db.sqldb = sqldb
	conn, err := sqlx.NewDb(sqldb, "sqlite").Connx(context.Background())
	if err != nil {
		return err
	}
	db.conn = conn
	if payload != nil {
		err := conn.Raw(func(dc any) error {
			d, ok := dc.(interface{ Deserialize([]byte) error })
			if !ok {
				return fmt.Errorf("store: the sqlite driver cannot deserialize")
			}
			return d.Deserialize(payload)
		})
		if err != nil {
			return err
		}
	}
	for _, p := range []string{
		"PRAGMA foreign_keys = ON",
		"PRAGMA temp_store = MEMORY",
		"PRAGMA journal_mode = MEMORY",
		"PRAGMA trusted_schema = OFF",
		"PRAGMA query_only = ON",
	} {
		if _, err := conn.ExecContext(context.Background(), p); err != nil {
			return fmt.Errorf("store: %s: %w", p, err)
		}
	}
	var n int
	if err := conn.GetContext(context.Background(), &n, "SELECT count(*) FROM sqlite_schema"); err != nil {
		return err
	}
	return nil
}

// release closes the database and journal, zeroes the keys and unlocks.
func (db *DB) release() error {
	var errs []error
	if db.journal != nil {
		errs = append(errs, db.journal.Close())
		db.journal = nil
	}
	if db.conn != nil {
		errs = append(errs, db.conn.Close())
		db.conn = nil
	}
	if db.sqldb != nil {
		errs = append(errs, db.sqldb.Close())
		db.sqldb = nil
	}
	db.keys.Zero()
	if db.lock != nil {
		errs = append(errs, db.lock.Unlock())
		db.lock = nil
	}
	db.closed = true
	return errors.Join(errs...)
}

// Close compacts the journal into a snapshot if it holds changes, clears the
// keys from memory, closes the database and releases the lock. Every change
// already saved stays saved even if the snapshot fails.
func (db *DB) Close() error {
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.closed {
		return nil
	}
	var err error
	if db.broken == nil && db.journal != nil && db.journal.Records() > 0 {
		err = db.snapshotLocked()
	}
	return errors.Join(err, db.release())
}

var errClosed = apperr.New(apperr.Locked, "The register is closed. Open it again with its passphrase.")

// Snapshot writes the whole database as a new sealed snapshot (the previous
// one is kept as Path()+".bak") and empties the journal.
func (db *DB) Snapshot() error {
	db.mu.Lock()
	defer db.mu.Unlock()
	if err := db.usable(); err != nil {
		return err
	}
	return db.snapshotLocked()
}

func (db *DB) usable() error {
	if db.closed {
		return errClosed
	}
	if db.broken != nil {
		return apperr.Wrap(db.broken, apperr.Internal, "The register could not save to disk earlier and now refuses changes so that nothing is lost. Close atpreg and open the register again.")
	}
	return nil
}

// serialize returns the database as bytes (plaintext: clear it after use).
func (db *DB) serialize() ([]byte, error) {
	var out []byte
	err := db.conn.Raw(func(dc any) error {
		s, ok := dc.(interface{ Serialize() ([]byte, error) })
		if !ok {
			return fmt.Errorf("store: the sqlite driver cannot serialize")
		}
		var err error
		out, err = s.Serialize()
		return err
	})
	return out, err
}

func (db *DB) snapshotLocked() error {
	return db.snapshotWith(db.keys)
}

// snapshotWith writes generation gen+1 sealed with keys and starts a new
// journal; on success keys become the DB's keys.
func (db *DB) snapshotWith(keys *vault.Keyring) error {
	payload, err := db.serialize()
	if err != nil {
		return apperr.Wrap(err, apperr.Internal, "The register could not be saved as a snapshot: %v. Your changes are safe in the journal.", err)
	}
	defer clear(payload)
	gen := db.gen + 1
	if err := vault.WriteSnapshotFile(db.path, keys, gen, payload); err != nil {
		if _, g, perr := vault.Peek(db.path); perr != nil || g != gen {
			return apperr.Wrap(err, apperr.Internal, "The register could not be saved as a snapshot: %v. Your changes are safe in the journal.", err)
		}
		// The new snapshot is in place; only the folder sync failed.
	}
	db.gen = gen
	if keys != db.keys {
		db.keys.Zero()
		db.keys = keys
	}
	// The old journal (now stale: it is of the previous generation) is closed
	// before the new one replaces it: Windows cannot replace a file that
	// this process holds open.
	if db.journal != nil {
		db.journal.Close()
		db.journal = nil
	}
	j, err := vault.CreateJournal(vault.JournalPath(db.path), keys, gen)
	db.journal = j
	db.nextAuto = AutoSnapshotBytes
	if err != nil {
		db.broken = err
		return apperr.Wrap(err, apperr.Internal, "The register was saved, but its journal could not be restarted (%v). Close atpreg and open the register again before making changes.", err)
	}
	return nil
}
