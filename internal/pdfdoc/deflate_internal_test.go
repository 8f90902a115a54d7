package pdfdoc

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"atpreg/internal/pdfdoc/font"
)

// fpdfPages writes a few pages of text and shapes with fpdf directly, its own
// page compression on or off.
func fpdfPages(t *testing.T, compress bool) []byte {
	t.Helper()
	p := fpdf.New("P", "mm", "A4", "")
	p.SetCompression(compress)
	p.SetCatalogSort(true)
	clock := time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)
	p.SetCreationDate(clock)
	p.SetModificationDate(clock)
	p.AddUTF8FontFromBytes(fontFamily, "", font.Subset([]rune("Page of 0123456789 香港科學園 stream endobj")))
	p.AliasNbPages("{nb}")
	p.SetFooterFunc(func() {
		p.SetXY(20, 280)
		p.CellFormat(100, 5, "Page "+itoa(p.PageNo())+" of {nb}", "", 0, "L", false, 0, "")
	})
	for i := range 4 {
		p.AddPage()
		p.Bookmark("Page "+itoa(i+1), 0, -1)
		p.SetFont(fontFamily, "", 10)
		for l := range 40 * i {
			p.SetXY(20, 20+float64(l%50)*5)
			p.CellFormat(170, 5, strings.Repeat("香港科學園 stream endobj ", 3), "", 0, "L", false, 0, "")
		}
		p.Rect(20, 20, 50, 10, "D")
	}
	var b bytes.Buffer
	if err := p.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestDeflatePagesMatchesFpdf checks that compressing the pages afterwards
// with one pooled writer gives exactly the bytes of fpdf's own compression.
func TestDeflatePagesMatchesFpdf(t *testing.T) {
	want := fpdfPages(t, true)
	plain := fpdfPages(t, false)
	if bytes.Equal(plain, want) {
		t.Fatal("the uncompressed document equals the compressed one")
	}
	for range 2 { // the second run reuses the pooled writer
		got, err := deflatePages(plain)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("deflatePages output (%d bytes) differs from fpdf's compression (%d bytes)", len(got), len(want))
		}
	}
}

func TestDeflatePagesRejects(t *testing.T) {
	plain := fpdfPages(t, false)
	xref := bytes.LastIndex(plain, []byte("\nxref\n")) + 1
	tests := []struct {
		name string
		pdf  []byte
	}{
		{"ErrEmpty", nil},
		{"ErrNoStartxref", bytes.ReplaceAll(plain, []byte("startxref"), []byte("startxyz_"))},
		{"ErrStartxrefOutside", append(append([]byte{}, plain[:bytes.LastIndex(plain, []byte("startxref\n"))]...), "startxref\n99999999\n%%EOF\n"...)},
		{"ErrTruncatedXref", append(append([]byte{}, plain[:xref+30]...), "\nstartxref\n"+itoa(xref)+"\n%%EOF\n"...)},
		{"ErrShiftedObject", append([]byte(" "), plain...)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := deflatePages(tc.pdf); err == nil {
				t.Fatal("no error")
			}
		})
	}
}
