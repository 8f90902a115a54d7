package store

import "atpreg/internal/vault"

// CheckPassphrase reports whether passphrase opens the register's sealed file
// (apperr.WrongPass if not). It reads and decrypts the file without changing
// anything.
func (db *DB) CheckPassphrase(passphrase []byte) error {
	db.mu.Lock()
	defer db.mu.Unlock()
	if err := db.usable(); err != nil {
		return err
	}
	snap, err := vault.ReadSnapshotFile(db.fs, db.path, passphrase)
	if err != nil {
		return err
	}
	snap.Keyring.Zero()
	clear(snap.Payload)
	return nil
}
