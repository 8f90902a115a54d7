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

// SetAutoSnapshotFloor lowers the least journal size compacted by Update
// (AutoSnapshotBytes), so that tests see compaction without writing 32 MiB.
func (db *DB) SetAutoSnapshotFloor(n int64) {
	db.mu.Lock()
	defer db.mu.Unlock()
	db.autoFloor = n
	db.nextAuto = db.compactAt()
}

// CompactAt is the journal size past which Update compacts.
func (db *DB) CompactAt() int64 {
	db.mu.Lock()
	defer db.mu.Unlock()
	return db.compactAt()
}
