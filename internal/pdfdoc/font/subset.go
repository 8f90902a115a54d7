package font

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
)

// Subsetting exists for speed. fpdf's AddUTF8FontFromBytes parses the whole
// font (its cmap into Go maps, hmtx, loca) for every document, and parses it
// again when it writes the document: about 35 ms for this 4.6 MB CJK font.
// Subset hands fpdf a font holding outlines only for the runes a document uses,
// built from an index parsed once per process, so fpdf's two parses take well
// under a millisecond.

var be = binary.BigEndian

type tableRec struct{ off, n int }

type fontIndex struct {
	tables      map[string]tableRec
	numGlyphs   int
	numHMetrics int
	loca        []uint32 // numGlyphs+1 offsets into glyf
}

func parseIndex(b []byte) (*fontIndex, error) {
	if len(b) < 12 {
		return nil, errors.New("too short")
	}
	n := int(be.Uint16(b[4:]))
	x := &fontIndex{tables: make(map[string]tableRec, n)}
	for i := range n {
		rec := b[12+16*i:]
		off, ln := int(be.Uint32(rec[8:])), int(be.Uint32(rec[12:]))
		if off+ln > len(b) {
			return nil, fmt.Errorf("table %q outside the file", rec[:4])
		}
		x.tables[string(rec[:4])] = tableRec{off, ln}
	}
	for _, tag := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "name", "OS/2", "post"} {
		if _, ok := x.tables[tag]; !ok {
			return nil, fmt.Errorf("no %s table", tag)
		}
	}
	x.numGlyphs = int(be.Uint16(x.table(b, "maxp")[4:]))
	x.numHMetrics = int(be.Uint16(x.table(b, "hhea")[34:]))
	if x.numHMetrics < 1 || x.numHMetrics > x.numGlyphs || 4*x.numHMetrics+2*(x.numGlyphs-x.numHMetrics) > x.tables["hmtx"].n {
		return nil, errors.New("bad hmtx")
	}
	if x.tables["post"].n < 32 {
		return nil, errors.New("short post table")
	}
	longLoca := be.Uint16(x.table(b, "head")[50:]) == 1
	loca := x.table(b, "loca")
	x.loca = make([]uint32, x.numGlyphs+1)
	for i := range x.loca {
		if longLoca {
			x.loca[i] = be.Uint32(loca[4*i:])
		} else {
			x.loca[i] = 2 * uint32(be.Uint16(loca[2*i:]))
		}
	}
	return x, nil
}

func (x *fontIndex) table(b []byte, tag string) []byte {
	t := x.tables[tag]
	return b[t.off : t.off+t.n]
}

// Subset returns a TrueType font with the embedded font's metrics and names
// holding only the glyphs of the given runes (those the font covers), the
// components of composite glyphs, and .notdef, renumbered in their original
// order. Text set in it measures and renders exactly as in the
// full font. The runes may repeat and come in any order; the result depends
// only on the set, so it is reproducible.
func Subset(runes []rune) []byte {
	once.Do(load)
	rs := make([]rune, 0, len(runes))
	for _, r := range runes {
		if covered(r) {
			rs = append(rs, r)
		}
	}
	slices.Sort(rs)
	rs = slices.Compact(rs)

	glyf := index.table(ttf, "glyf")
	need := map[uint16]bool{0: true}
	queue := []uint16{0}
	for _, r := range rs {
		if g := glyphOf[r]; !need[g] {
			need[g] = true
			queue = append(queue, g)
		}
	}
	for len(queue) > 0 {
		g := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		for _, c := range components(glyf[index.loca[g]:index.loca[g+1]]) {
			if int(c) < index.numGlyphs && !need[c] {
				need[c] = true
				queue = append(queue, c)
			}
		}
	}
	// New glyph ids follow the order of the old ones; .notdef stays 0.
	old := make([]uint16, 0, len(need))
	for g := range need {
		old = append(old, g)
	}
	slices.Sort(old)
	newID := make(map[uint16]uint16, len(old))
	for i, g := range old {
		newID[g] = uint16(i)
	}

	hmtx := index.table(ttf, "hmtx")
	nhm := index.numHMetrics
	newHmtx := make([]byte, 4*len(old))
	newLoca := make([]byte, 4*(len(old)+1))
	var newGlyf []byte
	for i, g := range old {
		if int(g) < nhm {
			copy(newHmtx[4*i:], hmtx[4*int(g):4*int(g)+4])
		} else {
			copy(newHmtx[4*i:], hmtx[4*(nhm-1):4*(nhm-1)+2])
			copy(newHmtx[4*i+2:], hmtx[4*nhm+2*(int(g)-nhm):][:2])
		}
		be.PutUint32(newLoca[4*i:], uint32(len(newGlyf)))
		at := len(newGlyf)
		newGlyf = append(newGlyf, glyf[index.loca[g]:index.loca[g+1]]...)
		for _, p := range componentRefs(newGlyf[at:]) {
			ref := newGlyf[at+p:]
			be.PutUint16(ref, newID[be.Uint16(ref)])
		}
		for len(newGlyf)%4 != 0 {
			newGlyf = append(newGlyf, 0)
		}
	}
	be.PutUint32(newLoca[4*len(old):], uint32(len(newGlyf)))

	head := slices.Clone(index.table(ttf, "head"))
	be.PutUint32(head[8:], 0) // checkSumAdjustment, set below
	be.PutUint16(head[50:], 1)
	hhea := slices.Clone(index.table(ttf, "hhea"))
	be.PutUint16(hhea[34:], uint16(len(old)))
	maxp := slices.Clone(index.table(ttf, "maxp"))
	be.PutUint16(maxp[4:], uint16(len(old)))
	// post format 3: the header without per-glyph names.
	post := slices.Clone(index.table(ttf, "post")[:32])
	be.PutUint32(post[0:], 0x00030000)

	tables := map[string][]byte{
		"cmap": cmap4(rs, newID),
		"glyf": newGlyf,
		"head": head,
		"hhea": hhea,
		"hmtx": newHmtx,
		"loca": newLoca,
		"maxp": maxp,
		"post": post,
	}
	for _, tag := range []string{"OS/2", "cvt ", "fpgm", "gasp", "name", "prep"} {
		if _, ok := index.tables[tag]; ok {
			tables[tag] = index.table(ttf, tag)
		}
	}
	return assemble(tables)
}

// components returns the glyph ids a composite glyph refers to (nil for a
// simple or empty glyph).
func components(g []byte) []uint16 {
	var out []uint16
	for _, p := range componentRefs(g) {
		out = append(out, be.Uint16(g[p:]))
	}
	return out
}

// componentRefs returns the offsets, within a composite glyph, of the glyph
// ids of its components (nil for a simple or empty glyph).
func componentRefs(g []byte) []int {
	if len(g) < 10 || int16(be.Uint16(g)) >= 0 {
		return nil
	}
	var out []int
	for p := 10; p+4 <= len(g); {
		flags := be.Uint16(g[p:])
		out = append(out, p+2)
		p += 4
		if flags&0x0001 != 0 { // ARG_1_AND_2_ARE_WORDS
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&0x0008 != 0: // WE_HAVE_A_SCALE
			p += 2
		case flags&0x0040 != 0: // WE_HAVE_AN_X_AND_Y_SCALE
			p += 4
		case flags&0x0080 != 0: // WE_HAVE_A_TWO_BY_TWO
			p += 8
		}
		if flags&0x0020 == 0 { // MORE_COMPONENTS
			break
		}
	}
	return out
}

// cmap4 builds a cmap table with one Windows Unicode BMP (3,1) format 4
// subtable mapping the sorted, distinct runes rs to their new glyph ids: one
// segment per run of consecutive runes with consecutive glyph ids.
func cmap4(rs []rune, newID map[uint16]uint16) []byte {
	type seg struct{ start, end, delta uint16 }
	var segs []seg
	for _, r := range rs {
		g := newID[glyphOf[r]]
		if n := len(segs); n > 0 && uint16(r) == segs[n-1].end+1 && g-uint16(r) == segs[n-1].delta {
			segs[n-1].end++
			continue
		}
		segs = append(segs, seg{uint16(r), uint16(r), g - uint16(r)})
	}
	segs = append(segs, seg{0xFFFF, 0xFFFF, 1})
	n := len(segs)
	entrySelector := 0
	for 1<<(entrySelector+1) <= n {
		entrySelector++
	}
	searchRange := 2 << entrySelector
	sub := make([]byte, 16+8*n)
	be.PutUint16(sub[0:], 4)
	be.PutUint16(sub[2:], uint16(len(sub)))
	be.PutUint16(sub[6:], uint16(2*n))
	be.PutUint16(sub[8:], uint16(searchRange))
	be.PutUint16(sub[10:], uint16(entrySelector))
	be.PutUint16(sub[12:], uint16(2*n-searchRange))
	for i, s := range segs {
		be.PutUint16(sub[14+2*i:], s.end)
		be.PutUint16(sub[16+2*n+2*i:], s.start)
		be.PutUint16(sub[16+4*n+2*i:], s.delta)
		// idRangeOffset stays 0: glyph = rune + delta.
	}
	hdr := []byte{0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12}
	return append(hdr, sub...)
}

// assemble writes an sfnt file with the tables in tag order, each padded to
// four bytes, with checksums and head.checkSumAdjustment set.
func assemble(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	size := 12 + 16*len(tables)
	for tag, t := range tables {
		tags = append(tags, tag)
		size += (len(t) + 3) &^ 3
	}
	slices.Sort(tags)
	n := len(tags)
	entrySelector := 0
	for 1<<(entrySelector+1) <= n {
		entrySelector++
	}
	searchRange := 16 << entrySelector
	out := make([]byte, 12+16*n, size)
	be.PutUint32(out[0:], 0x00010000)
	be.PutUint16(out[4:], uint16(n))
	be.PutUint16(out[6:], uint16(searchRange))
	be.PutUint16(out[8:], uint16(entrySelector))
	be.PutUint16(out[10:], uint16(16*n-searchRange))
	headAt := 0
	for i, tag := range tags {
		t := tables[tag]
		rec := out[12+16*i:]
		copy(rec, tag)
		be.PutUint32(rec[4:], checksum(t))
		be.PutUint32(rec[8:], uint32(len(out)))
		be.PutUint32(rec[12:], uint32(len(t)))
		if tag == "head" {
			headAt = len(out)
		}
		out = append(out, t...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	be.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	return out
}

func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i+4 <= len(b); i += 4 {
		sum += be.Uint32(b[i:])
	}
	if r := len(b) % 4; r != 0 {
		var w [4]byte
		copy(w[:], b[len(b)-r:])
		sum += be.Uint32(w[:])
	}
	return sum
}
