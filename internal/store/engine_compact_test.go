package store_test

import (
	"bytes"
	"os"
	"testing"

	"atpreg/internal/store"
)

// TestAutoSnapshotGrowsWithTheRegister: Update compacts the journal once it
// is larger than both the floor and half the last snapshot, not before; the
// threshold then follows the new snapshot's size, and a copy taken just
// before compaction (as a crash would leave it) holds every change.
func TestAutoSnapshotGrowsWithTheRegister(t *testing.T) {
	db := newWithTable(t)
	mustUpdate(t, db, exec(`CREATE TABLE blobs (id INTEGER PRIMARY KEY, data BLOB NOT NULL) STRICT`))
	const floor = 1 << 20
	db.SetAutoSnapshotFloor(floor)
	if got := db.CompactAt(); got != floor {
		t.Fatalf("a small register compacts past %d bytes, want the floor %d", got, floor)
	}
	blob := bytes.Repeat([]byte("fictional scan "), 4<<10) // 60 KiB
	insert := exec(`INSERT INTO blobs(data) VALUES (?)`, blob)
	gen := db.Generation()
	rows := 0
	for db.Generation() == gen {
		cp := ""
		if size := journalSize(t, db); size+int64(len(blob)) > floor {
			cp = crashCopy(t, db.Path())
			defer func(cp string, want int) {
				if n := count(t, open(t, cp), `SELECT count(*) FROM blobs`); n != want {
					t.Errorf("the copy before compaction holds %d rows, want %d", n, want)
				}
			}(cp, rows)
		}
		mustUpdate(t, db, insert)
		rows++
		if db.Generation() == gen && journalSize(t, db) > floor {
			t.Fatalf("journal of %d bytes past the threshold %d, not compacted", journalSize(t, db), floor)
		}
		if rows > 100 {
			t.Fatal("never compacted")
		}
	}
	if rows < floor/len(blob) {
		t.Fatalf("compacted after %d rows of %d bytes, before the journal reached %d bytes", rows, len(blob), floor)
	}
	if db.JournalRecords() != 0 {
		t.Fatalf("%d journal records after compaction", db.JournalRecords())
	}
	// Grow the register past twice the floor: the threshold follows the
	// snapshot, half its size.
	for range 30 {
		mustUpdate(t, db, insert)
	}
	if err := db.Snapshot(); err != nil {
		t.Fatal(err)
	}
	data := int64(rows+30) * int64(len(blob))
	if got := db.CompactAt(); got <= floor || got < data/2 || got > data {
		t.Fatalf("a register of %d rows of %d bytes compacts past %d bytes: not half the snapshot's size", rows+30, len(blob), got)
	}
	if n := count(t, open(t, crashCopy(t, db.Path())), `SELECT count(*) FROM blobs`); n != rows+30 {
		t.Fatalf("%d rows, want %d", n, rows+30)
	}
}

func journalSize(t *testing.T, db *store.DB) int64 {
	t.Helper()
	st, err := os.Stat(db.Path() + "-journal")
	if err != nil {
		t.Fatal(err)
	}
	return st.Size()
}
