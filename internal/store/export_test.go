package store

// Drop releases the register without compacting its journal, as a crash
// would leave it (for tests that open many disk images).
func (db *DB) Drop() {
	db.mu.Lock()
	defer db.mu.Unlock()
	if !db.closed {
		db.release()
	}
}
