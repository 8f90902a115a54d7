package store

import (
	"context"
	"io/fs"
	"path/filepath"
	"strings"

	"atpreg/internal/apperr"
	"atpreg/internal/vault"
)

// Backup writes a sealed copy of the register to dst, in the same format,
// protected by passphrase (which may differ from the register's). It refuses
// to overwrite an existing file (apperr.Conflict, caused by fs.ErrExist).
func (db *DB) Backup(dst string, passphrase []byte) error {
	return db.backup(dst, passphrase, false)
}

// BackupReplacing is Backup that replaces a file at dst (an earlier
// backup), atomically: the old file stays whole until the new one is in
// place. It refuses to replace the register's own files (the register, its
// journal, lock and .bak).
func (db *DB) BackupReplacing(dst string, passphrase []byte) error {
	return db.backup(dst, passphrase, true)
}

func (db *DB) backup(dst string, passphrase []byte, replace bool) error {
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.closed {
		return errClosed
	}
	for _, own := range []string{db.path, vault.JournalPath(db.path), db.path + ".lock", db.path + ".bak", vault.JournalPath(db.path + ".bak")} {
		if abs(dst) == abs(own) {
			return apperr.New(apperr.Invalid, "A backup cannot be written over the register's own file %s. Nothing was written; choose another name.", filepath.Base(dst))
		}
	}
	if !replace && vault.Exists(db.fs, dst) {
		return apperr.Wrap(fs.ErrExist, apperr.Conflict, "The file %s already exists. Nothing was written; choose another name.", dst)
	}
	if err := db.opt.checkKDF(); err != nil {
		return err
	}
	keys, err := vault.NewKeyring(passphrase, db.opt.KDF)
	if err != nil {
		return err
	}
	defer keys.Zero()
	payload, err := db.serialize()
	if err != nil {
		return err
	}
	defer clear(payload)
	if err := db.fs.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		return apperr.Wrap(err, apperr.Invalid, "The folder %s for the backup cannot be created (%s). Nothing was written; choose a folder you can write to.", filepath.Dir(dst), apperr.Reason(err))
	}
	if err := vault.WriteNewSnapshotFile(db.fs, dst, keys, 1, payload); err != nil {
		return apperr.Wrap(err, apperr.Internal, "The backup could not be written to %s (%s). Nothing was written; check the free space there.", dst, apperr.Reason(err))
	}
	return nil
}

// TableCount is the number of rows in one table.
type TableCount struct {
	Table string `json:"table"`
	Rows  int64  `json:"rows"`
}

// VerifyReport is what Verify found.
type VerifyReport struct {
	Path            string       `json:"path"`
	Generation      uint64       `json:"generation"`
	SchemaVersion   int          `json:"schema_version"`
	JournalRecords  int          `json:"journal_records"`
	JournalTornTail bool         `json:"journal_torn_tail"`
	Integrity       string       `json:"integrity"` // "ok"
	Tables          []TableCount `json:"tables"`
	KDF             string       `json:"kdf"`
	// KDFWarning says, when the key derivation is below vault.MinKDF, how
	// to strengthen it (DB.KDFWarning); "" otherwise.
	KDFWarning string `json:"kdf_warning,omitempty"`
}

// Verify decrypts the register at path, replays its journal in memory, runs
// PRAGMA integrity_check and foreign_key_check and counts the rows of every
// table. It changes nothing on disk. It takes the register's lock, so it
// fails with apperr.Locked while the register is open elsewhere. A failed
// integrity check is apperr.Damaged.
func Verify(path string, passphrase []byte, opt Options) (VerifyReport, error) {
	lock, err := vault.LockCopy(opt.fs(), path)
	if err != nil {
		return VerifyReport{}, err
	}
	defer lock.Unlock()
	return verifyFile(path, passphrase, opt)
}

func verifyFile(path string, passphrase []byte, opt Options) (VerifyReport, error) {
	rep := VerifyReport{Path: path}
	db, err := load(path, withPassphrase(passphrase), opt, nil, loadMode{readOnly: true, checkSeen: true})
	if err != nil {
		return rep, err
	}
	defer db.release()
	rep.Generation = db.gen
	rep.SchemaVersion = db.schema
	rep.KDF = db.keys.KDF().String()
	rep.KDFWarning = kdfWarning(db.keys.KDF())
	_, st, err := vault.ReadJournal(db.fs, vault.JournalPath(path), db.keys, db.gen)
	if err == nil {
		rep.JournalRecords, rep.JournalTornTail = st.Records, st.DroppedTail
	}
	if err := db.check(); err != nil {
		return rep, err
	}
	rep.Integrity = "ok"
	ctx := context.Background()
	var tables []string
	if err := db.conn.SelectContext(ctx, &tables, `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`); err != nil {
		return rep, err
	}
	for _, t := range tables {
		var n int64
		if err := db.conn.GetContext(ctx, &n, `SELECT count(*) FROM "`+strings.ReplaceAll(t, `"`, `""`)+`"`); err != nil {
			// Virtual tables (full-text indexes) may not count without their
			// module's support; skip them rather than fail the check.
			continue
		}
		rep.Tables = append(rep.Tables, TableCount{Table: t, Rows: n})
	}
	return rep, nil
}

// check runs integrity_check and foreign_key_check.
func (db *DB) check() error {
	ctx := context.Background()
	var res []string
	if err := db.conn.SelectContext(ctx, &res, "PRAGMA integrity_check"); err != nil {
		return err
	}
	if len(res) != 1 || res[0] != "ok" {
		return apperr.New(apperr.Damaged, "The register %s opens but its database is inconsistent (%s). Keep the file and restore from a backup.", filepath.Base(db.path), strings.Join(res, "; "))
	}
	rows, err := db.conn.QueryxContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return err
	}
	defer rows.Close()
	if rows.Next() {
		return apperr.New(apperr.Damaged, "The register %s opens but some records point to records that do not exist. Keep the file and restore from a backup.", filepath.Base(db.path))
	}
	return rows.Err()
}

// Check runs PRAGMA integrity_check and foreign_key_check on the open
// register; a problem is apperr.Damaged.
func (db *DB) Check() error {
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.closed {
		return errClosed
	}
	return db.check()
}

// Restore replaces the register at path with the sealed copy src (a file
// written by Backup, or a register's .bak), opened with srcPass, which
// becomes the register's passphrase. src is verified first (decrypted,
// journal replayed, integrity checked); a damaged or wrong-passphrase src
// changes nothing. The current register, if any, is kept as path.bak (with
// its journal as path.bak-journal). Restore takes the register's lock, so it
// fails with apperr.Locked while the register is open anywhere.
func Restore(path string, src string, srcPass []byte, opt Options) error {
	fsys := opt.fs()
	if err := fsys.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return apperr.Wrap(err, apperr.Internal, "The folder for the register cannot be created (%s). Nothing was changed.", apperr.Reason(err))
	}
	if abs(path) == abs(src) {
		return apperr.New(apperr.Invalid, "The copy to restore is the register itself. Choose a backup file.")
	}
	lock, err := vault.LockRegister(fsys, path)
	if err != nil {
		return err
	}
	if err := restoreLocked(fsys, path, src, srcPass, opt); err != nil {
		lock.Discard()
		return err
	}
	return lock.Unlock()
}

func restoreLocked(fsys vault.FS, path string, src string, srcPass []byte, opt Options) error {
	sdb, err := load(src, withPassphrase(srcPass), opt, nil, loadMode{readOnly: true})
	if err != nil {
		return err
	}
	defer sdb.release()
	if err := sdb.check(); err != nil {
		return err
	}
	payload, err := sdb.serialize()
	if err != nil {
		return err
	}
	defer clear(payload)
	gen := uint64(1)
	if _, g, err := vault.Peek(fsys, path); err == nil {
		gen = g + 1
	}
	// Restoring a copy of a register atpreg has seen newer (a backup of it,
	// restored before and worked on since) is the one case where the copy
	// would be refused as older: note it as newest first. (That register is
	// not the one being replaced, whose generation is below gen.) In every
	// other case it is noted once in place, and a crash in between leaves
	// the copy above anything seen of it.
	seen, err := newSeenState(opt.Seen, sdb.keys)
	if err != nil {
		return err
	}
	defer seen.zero()
	if seen != nil {
		if old, ok, _ := seen.load(); ok && (old.retired || (seenPos{gen: gen}).older(old)) {
			if err := seen.save(seenPos{gen: gen}, true); err != nil {
				return apperr.Wrap(err, apperr.Internal, "The copy cannot be restored: atpreg cannot note it as the register's newest state (%s). Nothing was changed.", apperr.Reason(err))
			}
		}
	}
	if err := vault.ReplaceSnapshotFile(fsys, path, sdb.keys, gen, payload); err != nil {
		return apperr.Wrap(err, apperr.Internal, "The register could not be replaced by the copy (%s). Nothing was changed.", apperr.Reason(err))
	}
	// The copy is in place: from now on it is the newest state seen of its
	// register (which may be older than one seen before: that is what a
	// restore is for).
	if seen != nil {
		_ = seen.save(seenPos{gen: gen}, true)
	}
	// The restore is done: the journal still beside the copy is the one
	// kept as .bak-journal, which opening recognises as stale. A fresh one
	// saves that work; if it cannot be made now, the next open makes it.
	if j, err := vault.CreateJournal(fsys, vault.JournalPath(path), sdb.keys, gen); err == nil {
		j.Close()
	}
	return nil
}

func abs(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return a
}
