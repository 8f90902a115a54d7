package store

import (
	"errors"
	"fmt"
	"path/filepath"

	"atpreg/internal/apperr"
	"atpreg/internal/vault"
)

// ChangePassphrase makes newPass the register's passphrase and rotates its
// data key: the register is sealed again under a new random data key
// (wrapped under newPass with the current key-derivation settings), the
// journal is compacted into it, and the previous copy (path.bak) is sealed
// again under the new key, so that the old passphrase opens no file of the
// register any more. A .bak left by a restore (another register's) can only
// be sealed again if it opens with the current passphrase: use
// ChangePassphraseWith, which is given it. Backups made with Backup keep the
// passphrase they were made with.
//
// A crash at any moment leaves a register that opens, with all its changes,
// with the old passphrase or the new one.
func (db *DB) ChangePassphrase(newPass []byte) error {
	return db.ChangePassphraseWith(nil, newPass)
}

// ChangePassphraseWith is ChangePassphrase given the current passphrase too:
// it is checked first (apperr.WrongPass, and nothing changes, if it does not
// open the register), and a .bak left by a restore that opens with it is
// sealed again under the new key as well.
func (db *DB) ChangePassphraseWith(current, newPass []byte) error {
	db.mu.Lock()
	defer db.mu.Unlock()
	if err := db.usable(); err != nil {
		return err
	}
	if len(newPass) == 0 {
		return apperr.New(apperr.Invalid, "The new passphrase is empty. Choose a passphrase.")
	}
	if current != nil {
		k, err := vault.OpenKeys(db.fs, db.path, current)
		if err != nil {
			return err
		}
		same := k.SameKey(db.keys)
		k.Zero()
		if !same {
			return apperr.New(apperr.Conflict, "The register file %s was replaced while it was open. Nothing was changed; close atpreg and open the register again.", filepath.Base(db.path))
		}
	}
	if err := db.opt.checkKDF(); err != nil {
		return err
	}
	keys, err := db.keys.Rotated(newPass, db.opt.KDF)
	if err != nil {
		return err
	}
	defer keys.ForgetKEK()
	payload, err := db.serialize()
	if err != nil {
		keys.Zero()
		return apperr.Wrap(err, apperr.Internal, "The passphrase could not be changed (the register's database could not be copied out of memory). Nothing was changed.")
	}
	defer clear(payload)
	gen := db.gen + 1
	unchanged := func(err error) error {
		vault.RemoveTemp(db.fs, db.path)
		keys.Zero()
		return apperr.Wrap(err, apperr.Internal, "The passphrase could not be changed (%s). Nothing was changed; the old passphrase still opens the register.", apperr.Reason(err))
	}
	// 1. The register under the new key, beside the current file. A crash
	// from here to step 3 leaves the register as it was (old passphrase).
	if err := vault.WriteSnapshotTemp(db.fs, db.path, keys, gen, payload); err != nil {
		return unchanged(err)
	}
	// 2. The previous copy, under the new key too.
	resealed, err := db.resealBak(keys, current, gen)
	if err != nil {
		return unchanged(err)
	}
	// 3. The register in place: from here on, only the new passphrase
	// opens it; the journal beside it is of the older generation, so it is
	// stale (its changes are in the new snapshot) and replaced at the next
	// open if step 4 does not happen.
	if err := vault.CommitTemp(db.fs, db.path); err != nil {
		if _, g, perr := vault.Peek(db.fs, db.path); perr != nil || g != gen {
			if resealed {
				vault.RemoveTemp(db.fs, db.path)
				keys.Zero()
				return apperr.Wrap(err, apperr.Internal, "The passphrase could not be changed (%s). The register still opens with the old passphrase, but its previous copy %s.bak now opens with the new one.", apperr.Reason(err), filepath.Base(db.path))
			}
			return unchanged(err)
		}
		// The new snapshot is in place; only the folder sync failed.
	}
	db.gen = gen
	db.snapBytes = int64(len(payload))
	db.keys.Zero()
	db.keys = keys
	// The old data key opens nothing of this register any more: a copy
	// sealed under it is older, whatever its generation.
	if db.seen != nil {
		if err := db.seen.save(seenPos{gen: gen, retired: true}, true); err != nil {
			db.warn(fmt.Sprintf("atpreg could not note outside the register that its old key is retired (%s), so a copy from before the passphrase change may not be noticed as older.", apperr.Reason(err)))
		}
		db.seen.zero()
		if db.seen, err = newSeenState(db.opt.Seen, keys); err != nil {
			db.seen = nil
		}
	}
	// 4. A fresh journal under the new key.
	if err := db.restartJournal(); err != nil {
		return err
	}
	db.noteSeen(true)
	return nil
}

// resealBak seals path.bak (with its .bak-journal, if any, replayed into it)
// again under keys, the register's new keys, and reports whether it did. A
// .bak of this register's data key is opened with that key; a .bak of
// another register (left by a restore) with the current passphrase, if
// given. A .bak neither opens (or no .bak) is left as it is: the old
// passphrase does not open it, or opening it is not this register's
// business. The re-sealed .bak keeps its own file id and moves one
// generation on, so a .bak-journal left beside it by a crash is stale.
func (db *DB) resealBak(keys *vault.Keyring, current []byte, gen uint64) (bool, error) {
	bak := db.path + ".bak"
	if !vault.Exists(db.fs, bak) {
		return false, nil
	}
	opt := db.opt
	opt.FS = db.fs
	bdb, err := load(bak, withKey(db.keys), opt, nil, loadMode{readOnly: true})
	if errors.Is(err, vault.ErrNotThisKey) && current != nil {
		bdb, err = load(bak, withPassphrase(current), opt, nil, loadMode{readOnly: true})
	}
	if err != nil {
		// Another passphrase, another register's key, or damage: not
		// opened with what we hold, so not the old passphrase's either.
		return false, nil
	}
	defer bdb.release()
	payload, err := bdb.serialize()
	if err != nil {
		return false, err
	}
	defer clear(payload)
	bkeys := keys
	if id := bdb.keys.FileID(); id != keys.FileID() {
		if bkeys, err = keys.Sibling(id); err != nil {
			return false, err
		}
		defer bkeys.Zero()
	}
	bgen := bdb.gen + 1
	if bdb.keys.FileID() == keys.FileID() && bgen >= gen {
		bgen = gen - 1
	}
	if err := vault.WriteSnapshotTemp(db.fs, bak, bkeys, bgen, payload); err != nil {
		vault.RemoveTemp(db.fs, bak)
		return false, err
	}
	if err := vault.CommitTemp(db.fs, bak); err != nil {
		vault.RemoveTemp(db.fs, bak)
		return false, err
	}
	// Its journal is in it now (and stale by generation if left).
	if db.fs.Remove(vault.JournalPath(bak)) == nil {
		_ = db.fs.SyncDir(filepath.Dir(bak))
	}
	return true, nil
}

// CheckPassphrase reports whether pass is the open register's passphrase:
// nil if it opens the register file on disk and that file holds the open
// register's key, apperr.WrongPass if it does not open it, apperr.Conflict
// if the file was replaced while open. Nothing changes. The key derivation
// runs without holding the register, so other calls are not kept waiting.
func (db *DB) CheckPassphrase(pass []byte) error {
	db.mu.Lock()
	if db.closed {
		db.mu.Unlock()
		return errClosed
	}
	fsys, path := db.fs, db.path
	db.mu.Unlock()
	k, err := vault.OpenKeys(fsys, path, pass)
	if err != nil {
		return err
	}
	defer k.Zero()
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.closed {
		return errClosed
	}
	if !k.SameKey(db.keys) {
		return apperr.New(apperr.Conflict, "The register file %s was replaced while it was open. Nothing was changed; close atpreg and open the register again.", filepath.Base(db.path))
	}
	return nil
}
