package store

import (
	"fmt"
	"reflect"
	"unsafe"

	"modernc.org/libc"
	sqlite3 "modernc.org/sqlite/lib"
)

// memdbHeadroom is how much room the in-memory database is given past its
// contents when it is made (connect): writes that fit in it land in memory
// already reserved, instead of SQLite's memdb growing its one block of
// memory by doubling it, which copies the whole database each time (an
// opened register of 0.3 MB taking in a 10 MB email copied 36 MB in six
// steps, each new block memory the kernel hands out page by page). The
// reservation is address space: memory is used only where data is written.
const memdbHeadroom = 64 << 20

// memdbMaxBytes is SQLite's default limit on an in-memory database's size
// (SQLITE_MEMDB_DEFAULT_MAXSIZE, 1 GiB): the headroom never raises it.
const memdbMaxBytes = 1 << 30

// sqliteConn is the SQLite connection behind a database/sql driver
// connection: its thread state and database handle.
type sqliteConn struct {
	tls *libc.TLS
	db  uintptr
}

var tlsType = reflect.TypeOf((*libc.TLS)(nil))

// sqliteConnOf returns the SQLite connection inside dc, the driver
// connection modernc.org/sqlite hands to sql.Conn.Raw, which does not
// export it. ok is false when dc is not laid out as the driver version
// this was written against (its unexported fields db uintptr and tls
// *libc.TLS first): the caller then uses the driver's exported methods,
// and TestMemdbHeadroom fails, so an upgrade that moved them is noticed.
func sqliteConnOf(dc any) (c sqliteConn, ok bool) {
	v := reflect.ValueOf(dc)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return c, false
	}
	e := v.Elem()
	t := e.Type()
	if t.Kind() != reflect.Struct || t.PkgPath() != "modernc.org/sqlite" || t.Name() != "conn" || t.NumField() < 2 {
		return c, false
	}
	if f := t.Field(0); f.Name != "db" || f.Type.Kind() != reflect.Uintptr {
		return c, false
	}
	if f := t.Field(1); f.Name != "tls" || f.Type != tlsType {
		return c, false
	}
	c.db = uintptr(e.Field(0).Uint())
	c.tls = (*libc.TLS)(e.Field(1).UnsafePointer())
	if c.db == 0 || c.tls == nil {
		return sqliteConn{}, false
	}
	return c, true
}

// cbytes is the n bytes of C memory at p as a slice.
func cbytes(p uintptr, n int) []byte {
	return unsafe.Slice((*byte)(*(*unsafe.Pointer)(unsafe.Pointer(&p))), n)
}

// deserialize makes the connection's main database an in-memory database
// (SQLite's memdb) holding payload (none: an empty database), in one block
// with headroom bytes of room past it, growable past that. payload is
// copied.
func (c sqliteConn) deserialize(payload []byte, headroom int64) error {
	size := int64(len(payload))
	buf := size + headroom
	if limit := max(size, memdbMaxBytes); buf > limit {
		buf = limit
	}
	p := sqlite3.Xsqlite3_malloc64(c.tls, uint64(buf))
	if p == 0 {
		return fmt.Errorf("store: cannot allocate %d bytes for the database", buf)
	}
	copy(cbytes(p, len(payload)), payload)
	// With FREEONCLOSE, SQLite frees p itself if this fails.
	rc := sqlite3.Xsqlite3_deserialize(c.tls, c.db, 0, p, size, buf, sqlite3.SQLITE_DESERIALIZE_RESIZEABLE|sqlite3.SQLITE_DESERIALIZE_FREEONCLOSE)
	if rc != sqlite3.SQLITE_OK {
		return fmt.Errorf("store: deserialize: %s", libc.GoString(sqlite3.Xsqlite3_errstr(c.tls, rc)))
	}
	return nil
}

// serialize returns a copy of the connection's main database, copied
// straight out of memdb's block (SQLITE_SERIALIZE_NOCOPY) rather than first
// into a second block of C memory as the driver's Serialize does: the
// snapshot on close no longer touches the register's size in fresh memory
// twice, nor leaves a plaintext copy in freed C memory. ok is false when the
// database is not a memdb (the driver's Serialize then copies it).
func (c sqliteConn) serialize() (out []byte, ok bool, err error) {
	pSize := c.tls.Alloc(8)
	defer c.tls.Free(8)
	p := sqlite3.Xsqlite3_serialize(c.tls, c.db, 0, pSize, sqlite3.SQLITE_SERIALIZE_NOCOPY)
	if p == 0 {
		return nil, false, nil
	}
	n := *(*int64)(*(*unsafe.Pointer)(unsafe.Pointer(&pSize)))
	if n <= 0 {
		return nil, true, fmt.Errorf("store: serialize: invalid size %d", n)
	}
	return append([]byte(nil), cbytes(p, int(n))...), true, nil
}
