package store

import "atpreg/internal/vault"

// CheckPassphrase reports whether passphrase opens the register's sealed file
// (apperr.WrongPass if not). It reads the file's header and unwraps its key
// without changing anything.
func (db *DB) CheckPassphrase(passphrase []byte) error {
	db.mu.Lock()
	defer db.mu.Unlock()
	if err := db.usable(); err != nil {
		return err
	}
	k, err := vault.OpenKeys(db.fs, db.path, passphrase)
	if err != nil {
		return err
	}
	k.Zero()
	return nil
}
