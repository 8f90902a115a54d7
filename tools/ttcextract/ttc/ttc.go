// Package ttc extracts one face of a TrueType collection into a standalone
// TrueType font.
package ttc

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
)

type table struct {
	tag  string
	data []byte
}

// Extract returns face n of the TrueType collection src as a standalone
// TrueType font. Tables are written in tag order, each padded to a multiple
// of four bytes; table checksums and head.checkSumAdjustment are recomputed,
// so the same input always gives the same bytes.
func Extract(src []byte, n int) ([]byte, error) {
	be := binary.BigEndian
	if len(src) < 12 || string(src[:4]) != "ttcf" {
		return nil, errors.New("not a TrueType collection (no ttcf header)")
	}
	numFonts := int(be.Uint32(src[8:]))
	if n < 0 || n >= numFonts {
		return nil, fmt.Errorf("face %d out of range: the collection has %d faces", n, numFonts)
	}
	if len(src) < 12+4*numFonts {
		return nil, errors.New("truncated collection header")
	}
	off := int(be.Uint32(src[12+4*n:]))
	if off+12 > len(src) {
		return nil, errors.New("face offset outside the file")
	}
	sfntVersion := be.Uint32(src[off:])
	numTables := int(be.Uint16(src[off+4:]))
	if off+12+16*numTables > len(src) {
		return nil, errors.New("truncated table directory")
	}
	tables := make([]table, 0, numTables)
	for i := range numTables {
		rec := src[off+12+16*i:]
		start, length := int(be.Uint32(rec[8:])), int(be.Uint32(rec[12:]))
		if start < 0 || length < 0 || start+length > len(src) {
			return nil, fmt.Errorf("table %q outside the file", rec[:4])
		}
		data := append([]byte(nil), src[start:start+length]...)
		if string(rec[:4]) == "head" {
			if length < 12 {
				return nil, errors.New("head table too short")
			}
			be.PutUint32(data[8:], 0) // checkSumAdjustment, set below
		}
		tables = append(tables, table{tag: string(rec[:4]), data: data})
	}
	sort.Slice(tables, func(i, j int) bool { return tables[i].tag < tables[j].tag })

	// Offset table: search parameters as the OpenType specification defines them.
	entrySelector := 0
	for 1<<(entrySelector+1) <= numTables {
		entrySelector++
	}
	searchRange := (1 << entrySelector) * 16
	out := make([]byte, 12+16*numTables)
	be.PutUint32(out[0:], sfntVersion)
	be.PutUint16(out[4:], uint16(numTables))
	be.PutUint16(out[6:], uint16(searchRange))
	be.PutUint16(out[8:], uint16(entrySelector))
	be.PutUint16(out[10:], uint16(numTables*16-searchRange))
	headAt := -1
	for i, t := range tables {
		rec := out[12+16*i:]
		copy(rec, t.tag)
		be.PutUint32(rec[4:], checksum(t.data))
		be.PutUint32(rec[8:], uint32(len(out)))
		be.PutUint32(rec[12:], uint32(len(t.data)))
		if t.tag == "head" {
			headAt = len(out)
		}
		out = append(out, t.data...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	if headAt < 0 {
		return nil, errors.New("the face has no head table")
	}
	be.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	return out, nil
}

// checksum is the OpenType table checksum: the sum of big-endian uint32
// words, the last one zero-padded.
func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}
