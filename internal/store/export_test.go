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

// InMemdb reports whether the register's database was made by
// sqliteConnOf's direct route (SQLite's memdb with memdbHeadroom), not the
// driver's fallback.
func (db *DB) InMemdb() bool {
	db.mu.Lock()
	defer db.mu.Unlock()
	ok := false
	db.conn.Raw(func(dc any) error {
		_, ok = sqliteConnOf(dc)
		return nil
	})
	return ok
}

// Serialized is the register's database as a snapshot would hold it.
func (db *DB) Serialized() ([]byte, error) {
	db.mu.Lock()
	defer db.mu.Unlock()
	return db.serialize()
}

// DriverSerialized is the register's database as the driver's own
// Serialize copies it (to compare with serialize's direct copy).
func (db *DB) DriverSerialized() ([]byte, error) {
	db.mu.Lock()
	defer db.mu.Unlock()
	var out []byte
	err := db.conn.Raw(func(dc any) error {
		var err error
		out, err = dc.(interface{ Serialize() ([]byte, error) }).Serialize()
		return err
	})
	return out, err
}
