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
	"path/filepath"
	"sync"
	"time"

	"github.com/jmoiron/sqlx"
	_ "modernc.org/sqlite" // the "sqlite" database/sql driver

	"atpreg/internal/apperr"
	"atpreg/internal/vault"
)

func init() { sqlx.BindDriver("sqlite", sqlx.QUESTION) }

// AutoSnapshotBytes is the least journal size past which Update compacts
// the journal into a new snapshot; past it, the journal is compacted once it
// holds half as much as the register's last snapshot, and at the latest at
// MaxAutoSnapshotBytes (DB.compactAt). A snapshot writes the whole register,
// so its cost grows with the register: compacting after a fixed amount of
// changes (8 MiB before) made a 10 MB email's intake pay for a whole
// snapshot inside its commit, and at 100k entities every 8 MiB of changes
// paid 0.24 s. Compacting in proportion to the register keeps the cost per
// byte changed bounded (as Redis rewrites its append-only file in
// proportion to its size). The journal is compacted anyway when the
// register closes; what a larger journal costs is its replay when the
// register is next opened after a crash (BenchmarkReplayFullJournal).
const AutoSnapshotBytes = 32 << 20

// MaxAutoSnapshotBytes is the journal size past which Update always
// compacts, however large the register (the replay after a crash stays
// bounded).
const MaxAutoSnapshotBytes = 256 << 20

// Options tune a register. The zero value is the production setting.
type Options struct {
	// KDF is the key derivation for new passphrases (Create, Backup,
	// ChangePassphrase); zero = vault.DefaultKDF. Settings below
	// vault.MinKDF are refused unless AllowWeakKDF.
	KDF vault.KDFParams
	// AllowWeakKDF lets KDF be below vault.MinKDF (vault.TestingKDF): for
	// tests only, which need cheap keys. Never set it in production.
	AllowWeakKDF bool
	Now          func() time.Time // clock for bookkeeping rows (migrations, created_at); nil = time.Now
	// FS is the file layer the register is read and written through; nil
	// is the operating system's (vault.OS). Tests pass one that simulates
	// power cuts and full disks.
	FS vault.FS
	// Seen remembers, outside the register, the newest state seen of each
	// register, so that opening an older copy is refused (a rollback):
	// the CLI and the window pass SeenDir{Dir: paths.StateDir()}. nil
	// checks nothing (tests).
	Seen SeenStore
	// Progress, when set, is told the stages of Create and Open as they
	// begin: StepKey (deriving the key from the passphrase, most of the
	// time), then for Create StepWrite (writing the new sealed file), for
	// Open StepRead (loading the database and replaying its journal).
	// Nothing else calls it, and the register does not keep it.
	Progress func(Step)
}

// Step is a stage of making or opening a register that a person waits through.
type Step string

// The stages of Create (store) and of filling a demo register (service).
const (
	StepKey   Step = "key"   // deriving the key from the passphrase (Argon2id)
	StepWrite Step = "write" // writing the new encrypted, sealed register file
	StepRead  Step = "read"  // loading the opened register's database and replaying its journal
)

func (o Options) step(s Step) {
	if o.Progress != nil {
		o.Progress(s)
	}
}

func (o Options) fs() vault.FS {
	if o.FS == nil {
		return vault.OS
	}
	return o.FS
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
	fs       vault.FS
	sqldb    *sql.DB
	conn     *sqlx.Conn
	keys     *vault.Keyring
	gen      uint64
	journal  *vault.Journal
	lock     *vault.Lock
	schema   int
	broken   error // set when memory and disk may disagree: no more writes
	nextAuto int64 // compact past this journal size (0: compactAt)
	// snapBytes is the size of the register's last snapshot (its plaintext
	// database), autoFloor the least journal size compacted (0:
	// AutoSnapshotBytes; tests lower it): see compactAt.
	snapBytes int64
	autoFloor int64
	closed    bool
	seen      *seenState // nil: rollbacks are not checked
	warnings  []string
}

// Warnings returns what went wrong without losing anything since the
// register was opened (a snapshot that could not be written while the
// changes are safe in the journal, the newest state that could not be
// noted outside the register), for the officer; it can be called after
// Close. The key-derivation warning is KDFWarning.
func (db *DB) Warnings() []string {
	db.mu.Lock()
	defer db.mu.Unlock()
	return append([]string(nil), db.warnings...)
}

// warn records a warning once.
func (db *DB) warn(w string) {
	for _, x := range db.warnings {
		if x == w {
			return
		}
	}
	db.warnings = append(db.warnings, w)
}

// KDFWarning returns, when the register's key derivation is below
// vault.MinKDF (OWASP's minimum for Argon2id), a warning for the officer
// that says how to strengthen it; "" otherwise.
func (db *DB) KDFWarning() string {
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.keys == nil {
		return ""
	}
	return kdfWarning(db.keys.KDF())
}

func kdfWarning(p vault.KDFParams) string {
	if !p.Weak() {
		return ""
	}
	return fmt.Sprintf("This register's passphrase is protected by weak key derivation (%s, below the minimum of %s), so a stolen copy of the file is cheaper to attack by guessing passphrases. Strengthen it by changing the passphrase (atpreg passwd, or Change passphrase in the window): the register is then sealed again with the current settings (%s).",
		p, vault.MinKDF, vault.DefaultKDF)
}

// checkKDF refuses key derivation below vault.MinKDF for a new passphrase,
// unless the options allow it (tests).
func (o Options) checkKDF() error {
	if o.KDF.Weak() && !o.AllowWeakKDF {
		return apperr.New(apperr.Invalid, "The key-derivation settings %s are below the minimum atpreg accepts for a passphrase (%s). Nothing was written; use the default settings.", o.KDF, vault.MinKDF)
	}
	return nil
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
	if err := opt.checkKDF(); err != nil {
		return nil, err
	}
	fsys := opt.fs()
	if err := fsys.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, apperr.Wrap(err, apperr.Internal, "The folder for the register cannot be created (%s). Nothing was changed.", apperr.Reason(err))
	}
	lock, err := vault.LockRegister(fsys, path)
	if err != nil {
		return nil, err
	}
	for _, p := range []string{path, vault.JournalPath(path)} {
		if vault.Exists(fsys, p) {
			lock.Discard()
			return nil, apperr.New(apperr.Conflict, "There is already a register at %s. Nothing was changed; choose another file, or open that one.", path)
		}
	}
	opt.step(StepKey)
	keys, err := vault.NewKeyring(passphrase, opt.KDF)
	if err != nil {
		lock.Discard()
		return nil, err
	}
	opt.step(StepWrite)
	opt.Progress = nil // the register does not keep the caller's function
	db := &DB{path: path, opt: opt, fs: fsys, keys: keys, lock: lock}
	fail := func(err error) (*DB, error) {
		// A failed create leaves nothing behind, its lock file included.
		db.lock = nil
		db.release()
		fsys.Remove(path)
		fsys.Remove(vault.JournalPath(path))
		fsys.Remove(path + ".bak")
		lock.Discard()
		return nil, err
	}
	if db.seen, err = newSeenState(opt.Seen, keys); err != nil {
		return fail(err)
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
	if err == nil {
		db.noteSeen(true)
	}
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
	lock, err := vault.LockRegister(opt.fs(), path)
	if err != nil {
		return nil, err
	}
	progress := opt.Progress
	opt.Progress = nil // the register does not keep the caller's function
	if progress != nil {
		progress(StepKey)
	}
	db, err := load(path, withPassphrase(passphrase), opt, lock, loadMode{checkSeen: true, progress: progress})
	if err != nil {
		lock.Discard() // nothing left behind, not even a lock file
		return nil, err
	}
	db.mu.Lock()
	db.noteSeen(true)
	db.mu.Unlock()
	return db, nil
}

// loadMode says what load does besides reading the register into memory.
type loadMode struct {
	readOnly  bool // do not resume the journal or migrate (Verify, Restore's source)
	checkSeen bool // refuse an older copy than the newest seen (Options.Seen)
	// progress, when set, is told StepRead once the sealed file is open.
	progress func(Step)
}

// opener opens a sealed snapshot file.
type opener func(fsys vault.FS, path string) (*vault.Snapshot, error)

// withPassphrase opens a snapshot with a passphrase.
func withPassphrase(passphrase []byte) opener {
	return func(fsys vault.FS, path string) (*vault.Snapshot, error) {
		return vault.ReadSnapshotFile(fsys, path, passphrase)
	}
}

// withKey opens a snapshot sealed under k's data key (a .bak of the register).
func withKey(k *vault.Keyring) opener {
	return func(fsys vault.FS, path string) (*vault.Snapshot, error) {
		return vault.ReadSnapshotFileWithKey(fsys, path, k)
	}
}

// load opens the snapshot, replays the journal in memory and, unless
// mode.readOnly, resumes the journal for appending and migrates. With
// mode.checkSeen it refuses a copy older than the newest seen.
func load(path string, open opener, opt Options, lock *vault.Lock, mode loadMode) (*DB, error) {
	fsys := opt.fs()
	snap, err := open(fsys, path)
	if err != nil {
		return nil, err
	}
	if mode.progress != nil {
		mode.progress(StepRead)
	}
	db := &DB{path: path, opt: opt, fs: fsys, keys: snap.Keyring, gen: snap.Generation, lock: lock}
	ok := false
	defer func() {
		if !ok {
			db.lock = nil // the caller unlocks
			db.release()
		}
	}()
	db.snapBytes = int64(len(snap.Payload))
	err = db.connect(snap.Payload)
	clear(snap.Payload)
	if err != nil {
		return nil, apperr.Wrap(err, apperr.Damaged, "The register file %s opened but the database inside it cannot be read. Nothing was changed. Keep the file and restore from a backup.", filepath.Base(path))
	}
	jpath := vault.JournalPath(path)
	recs, st, err := vault.ReadJournal(fsys, jpath, db.keys, db.gen)
	if errors.Is(err, vault.ErrForeignJournal) && interruptedRestore(fsys, path) {
		recs, st, err = nil, vault.JournalState{Stale: true}, nil
	}
	if err != nil {
		return nil, err
	}
	if mode.checkSeen {
		if db.seen, err = newSeenState(opt.Seen, db.keys); err != nil {
			return nil, err
		}
		if err := checkSeen(db.seen, path, db.gen, st.Records); err != nil {
			return nil, err
		}
		if mode.readOnly {
			db.seen.zero()
			db.seen = nil
		}
	}
	for i, r := range recs {
		if err := db.replay(r); err != nil {
			return nil, apperr.Wrap(err, apperr.Damaged, "The journal of register %s cannot be applied (change %d of %d does not fit the register). Nothing was changed. Keep both files and restore from a backup.", filepath.Base(path), i+1, len(recs))
		}
		clear(r)
	}
	if db.schema, err = db.readSchemaVersion(); err != nil {
		return nil, err
	}
	if db.schema > maxMigration() {
		return nil, apperr.New(apperr.Conflict, "The register %s was written by a newer version of atpreg (schema %d; this version knows up to %d). Update atpreg to open it. Nothing was changed.", filepath.Base(path), db.schema, maxMigration())
	}
	if !mode.readOnly {
		if db.journal, err = vault.ResumeJournal(fsys, jpath, db.keys, db.gen, st); err != nil {
			return nil, apperr.Wrap(err, apperr.Internal, "The journal of register %s cannot be opened for writing (%s). Nothing was changed.", filepath.Base(path), apperr.Reason(err))
		}
		db.nextAuto = db.compactAt()
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
func interruptedRestore(fsys vault.FS, path string) bool {
	j, err := vault.ReadFile(fsys, vault.JournalPath(path))
	if err != nil {
		return false
	}
	defer clear(j)
	b, err := vault.ReadFile(fsys, vault.JournalPath(path+".bak"))
	if err != nil {
		return false
	}
	defer clear(b)
	return string(j) == string(b)
}

// connect makes the in-memory database: a new one (payload nil), or
// payload deserialized.
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
	// The database is SQLite's memdb, one block of memory with room to
	// grow (memdbHeadroom), new or holding payload.
	err = conn.Raw(func(dc any) error {
		if c, ok := sqliteConnOf(dc); ok {
			return c.deserialize(payload, memdbHeadroom)
		}
		if payload == nil {
			return nil // a new database in SQLite's page cache
		}
		d, ok := dc.(interface{ Deserialize([]byte) error })
		if !ok {
			return fmt.Errorf("store: the sqlite driver cannot deserialize")
		}
		return d.Deserialize(payload)
	})
	if err != nil {
		return err
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
	db.seen.zero()
	if db.lock != nil {
		errs = append(errs, db.lock.Unlock())
		db.lock = nil
	}
	db.closed = true
	return errors.Join(errs...)
}

// Close compacts the journal into a snapshot if it holds changes, clears the
// keys from memory, closes the database and releases the lock. Every change
// already saved stays saved even if the snapshot fails: that is a warning
// (Warnings), not an error, so Close returns nil once the register is
// closed; its error result is kept for callers written against it.
func (db *DB) Close() error {
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.closed {
		return nil
	}
	if db.broken == nil && db.journal != nil && db.journal.Records() > 0 {
		if err := db.snapshotLocked(); err != nil {
			// Every change is safe in the journal (or, when only the
			// journal could not be restarted, in the new snapshot): a
			// warning, not a failure.
			db.warn(apperr.Message(err))
		}
	}
	if db.broken == nil {
		db.noteSeen(true)
	}
	if err := db.release(); err != nil {
		db.warn(fmt.Sprintf("The register was closed, but not cleanly (%s); its changes are saved.", apperr.Detail(err)))
	}
	return nil
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
		if c, ok := sqliteConnOf(dc); ok {
			b, ok, err := c.serialize()
			if ok {
				out = b
				return err
			}
		}
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

// snapshotLocked writes generation gen+1 and starts a new journal.
func (db *DB) snapshotLocked() error {
	payload, err := db.serialize()
	if err != nil {
		return apperr.Wrap(err, apperr.Internal, "The register could not be saved as a snapshot (its database could not be copied out of memory). Your changes are safe in the journal.")
	}
	defer clear(payload)
	gen := db.gen + 1
	if err := vault.WriteSnapshotFile(db.fs, db.path, db.keys, gen, payload); err != nil {
		if _, g, perr := vault.Peek(db.fs, db.path); perr != nil || g != gen {
			return apperr.Wrap(err, apperr.Internal, "The register could not be saved as a snapshot (%s). Your changes are safe in the journal.", apperr.Reason(err))
		}
		// The new snapshot is in place; only the folder sync failed.
	}
	db.gen = gen
	db.snapBytes = int64(len(payload))
	return db.restartJournal()
}

// compactAt returns the journal size past which Update compacts the journal
// into a snapshot: half the size of the last snapshot, at least
// AutoSnapshotBytes and at most MaxAutoSnapshotBytes.
func (db *DB) compactAt() int64 {
	floor := int64(AutoSnapshotBytes)
	if db.autoFloor > 0 {
		floor = db.autoFloor
	}
	return max(floor, min(db.snapBytes/2, MaxAutoSnapshotBytes))
}

// restartJournal replaces the journal by an empty one of the current
// generation, after a snapshot of that generation is in place.
func (db *DB) restartJournal() error {
	// The old journal (stale once the snapshot is in place) is closed before
	// the new one replaces it: Windows cannot replace a file that this
	// process holds open (docs/windows.md).
	if db.journal != nil {
		db.journal.Close()
		db.journal = nil
	}
	j, err := vault.CreateJournal(db.fs, vault.JournalPath(db.path), db.keys, db.gen)
	db.journal = j
	db.nextAuto = db.compactAt()
	if err != nil {
		db.broken = err
		return apperr.Wrap(err, apperr.Internal, "The register was saved, but its journal could not be restarted (%s). Close atpreg and open the register again before making changes.", apperr.Reason(err))
	}
	db.noteSeen(false)
	return nil
}
