package store_test

import (
	"bytes"
	"testing"

	"atpreg/internal/store/storetest"
)

// TestMemdbHeadroom: a created and an opened register's database are
// SQLite's memdb with room reserved past its contents (the driver's
// connection is recognised: an upgrade of modernc.org/sqlite that changed
// it fails here, not silently slower); a blob larger than the database
// written into that room is kept, and the snapshot holds the database's
// pages and nothing of the room, byte for byte what the driver's own
// Serialize gives.
func TestMemdbHeadroom(t *testing.T) {
	db := newWithTable(t)
	if !db.InMemdb() {
		t.Fatal("a created register's database was not made by the direct route (modernc.org/sqlite's connection not recognised)")
	}
	big := bytes.Repeat([]byte("fictional scan "), 3<<20/15)
	mustUpdate(t, db, exec(`INSERT INTO notes(body) VALUES (?)`, string(big)))
	db = storetest.Reopen(t, db)
	if !db.InMemdb() {
		t.Fatal("an opened register's database was not made by the direct route")
	}
	mustUpdate(t, db, exec(`INSERT INTO notes(body) VALUES (?)`, string(big[:2<<20])))
	db = storetest.Reopen(t, db)
	if n := count(t, db, `SELECT sum(length(body)) FROM notes`); n != len(big)+2<<20 {
		t.Fatalf("stored %d bytes, want %d", n, len(big)+2<<20)
	}
	pages, size := count(t, db, `PRAGMA page_count`), count(t, db, `PRAGMA page_size`)
	snap, err := db.Serialized()
	if err != nil {
		t.Fatal(err)
	}
	if len(snap) != pages*size {
		t.Fatalf("the snapshot holds %d bytes, the database %d pages of %d bytes", len(snap), pages, size)
	}
	via, err := db.DriverSerialized()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(snap, via) {
		t.Fatalf("the direct copy of the database (%d bytes) differs from the driver's (%d bytes)", len(snap), len(via))
	}
}
