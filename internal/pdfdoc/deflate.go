package pdfdoc

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"slices"
	"strconv"
	"sync"
)

// fpdf compresses each page's content with a new zlib writer (about 1.1 MB
// of compressor state per page, 86% of all that a 1,000-page pack
// allocates). Bytes therefore asks fpdf for uncompressed pages and
// deflatePages compresses them afterwards with one pooled writer at fpdf's
// own level, which gives exactly the bytes fpdf would have written.

var zwPool = sync.Pool{New: func() any {
	zw, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed) // a valid level: never fails
	return zw
}}

// deflatePages returns pdf, as written by fpdf with compression off, with
// every page content stream Flate-compressed and the cross-reference table
// and startxref moved to match. Other streams are kept as they are.
func deflatePages(pdf []byte) ([]byte, error) {
	offsets, xref, trailer, err := readXref(pdf)
	if err != nil {
		return nil, err
	}
	// Objects in file order, each running to the next (the last to xref).
	order := make([]int, 0, len(offsets))
	for n := range offsets {
		if n > 0 {
			order = append(order, n)
		}
	}
	slices.SortFunc(order, func(a, b int) int { return offsets[a] - offsets[b] })
	span := func(i int) []byte {
		end := xref
		if i+1 < len(order) {
			end = offsets[order[i+1]]
		}
		return pdf[offsets[order[i]]:end]
	}
	contents := map[int]bool{}
	for i, n := range order {
		if c, ok := pageContents(span(i), n); ok {
			contents[c] = true
		}
	}

	zw := zwPool.Get().(*zlib.Writer)
	defer zwPool.Put(zw)
	out := bytes.NewBuffer(make([]byte, 0, len(pdf)/3)) // pages shrink to about a quarter
	var z bytes.Buffer
	out.Write(pdf[:offsets[order[0]]])
	newOff := make([]int, len(offsets))
	for i, n := range order {
		newOff[n] = out.Len()
		obj := span(i)
		if !contents[n] {
			out.Write(obj)
			continue
		}
		data, err := plainStream(obj, n)
		if err != nil {
			return nil, err
		}
		z.Reset()
		zw.Reset(&z)
		if _, err := zw.Write(data); err != nil {
			return nil, err
		}
		if err := zw.Close(); err != nil {
			return nil, err
		}
		fmt.Fprintf(out, "%d 0 obj\n<</Filter /FlateDecode /Length %d>>\nstream\n", n, z.Len())
		out.Write(z.Bytes())
		out.WriteString("\nendstream\nendobj\n")
	}
	newXref := out.Len()
	fmt.Fprintf(out, "xref\n0 %d\n0000000000 65535 f \n", len(offsets))
	for n := 1; n < len(offsets); n++ {
		fmt.Fprintf(out, "%010d 00000 n \n", newOff[n])
	}
	// The trailer follows the table; only startxref's number changes.
	out.Write(trailer.dict)
	fmt.Fprintf(out, "startxref\n%d", newXref)
	out.Write(trailer.end)
	return out.Bytes(), nil
}

// trailer is what follows the cross-reference table: the trailer dictionary
// up to "startxref", and what follows startxref's number ("\n%%EOF\n").
type trailer struct{ dict, end []byte }

// readXref reads fpdf's single cross-reference table: the offset of every
// object (index = object number, 0 unused), where the table starts, and the
// trailer after it.
func readXref(pdf []byte) ([]int, int, trailer, error) {
	i := bytes.LastIndex(pdf, []byte("startxref\n"))
	if i < 0 {
		return nil, 0, trailer{}, fmt.Errorf("pdfdoc: no startxref")
	}
	rest := pdf[i+len("startxref\n"):]
	nl := bytes.IndexByte(rest, '\n')
	if nl < 0 {
		return nil, 0, trailer{}, fmt.Errorf("pdfdoc: bad startxref")
	}
	end := rest[nl:]
	xref, err := strconv.Atoi(string(rest[:nl]))
	if err != nil || xref <= 0 || xref >= i || !bytes.HasPrefix(pdf[xref:], []byte("xref\n0 ")) {
		return nil, 0, trailer{}, fmt.Errorf("pdfdoc: bad startxref")
	}
	p := pdf[xref+len("xref\n0 ") : i]
	nl = bytes.IndexByte(p, '\n')
	count, err := strconv.Atoi(string(p[:max(nl, 0)]))
	if err != nil || count < 2 || len(p) < nl+1+20*count {
		return nil, 0, trailer{}, fmt.Errorf("pdfdoc: bad xref header")
	}
	entries := p[nl+1:]
	offsets := make([]int, count)
	for n := 1; n < count; n++ {
		e := entries[20*n : 20*n+20]
		off, err := strconv.Atoi(string(e[:10]))
		if err != nil || off <= 0 || off >= xref || !bytes.HasPrefix(pdf[off:], fmt.Appendf(nil, "%d 0 obj\n", n)) {
			return nil, 0, trailer{}, fmt.Errorf("pdfdoc: bad xref entry for object %d", n)
		}
		offsets[n] = off
	}
	return offsets, xref, trailer{dict: entries[20*count:], end: end}, nil
}

// pageContents returns the content object number of obj n when it is a
// page object.
func pageContents(obj []byte, n int) (int, bool) {
	head := fmt.Appendf(nil, "%d 0 obj\n<</Type /Page\n", n)
	if !bytes.HasPrefix(obj, head) {
		return 0, false
	}
	const key = "/Contents "
	i := bytes.LastIndex(obj, []byte(key))
	if i < 0 {
		return 0, false
	}
	rest := obj[i+len(key):]
	j := bytes.IndexByte(rest, ' ')
	if j < 0 {
		return 0, false
	}
	c, err := strconv.Atoi(string(rest[:j]))
	return c, err == nil
}

// plainStream returns the data of obj n, an uncompressed stream object as
// fpdf writes it: "n 0 obj\n<</Length L>>\nstream\n" data "\nendstream\nendobj\n".
func plainStream(obj []byte, n int) ([]byte, error) {
	head := fmt.Appendf(nil, "%d 0 obj\n<</Length ", n)
	rest, ok := bytes.CutPrefix(obj, head)
	if !ok {
		return nil, fmt.Errorf("pdfdoc: object %d is not a plain stream", n)
	}
	j := bytes.Index(rest, []byte(">>\nstream\n"))
	if j < 0 {
		return nil, fmt.Errorf("pdfdoc: object %d has no stream", n)
	}
	l, err := strconv.Atoi(string(rest[:j]))
	rest = rest[j+len(">>\nstream\n"):]
	if err != nil || l < 0 || len(rest) != l+len("\nendstream\nendobj\n") || !bytes.HasSuffix(rest, []byte("\nendstream\nendobj\n")) {
		return nil, fmt.Errorf("pdfdoc: object %d has a bad stream length", n)
	}
	return rest[:l], nil
}
