package service

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"atpreg/internal/memtest"
)

// TestHostileImportFiles checks a whole import check (the file read from its
// path, parsed and checked against a register) of hostile files within the
// memory budget, refused with a message that says what was too large.
func TestHostileImportFiles(t *testing.T) {
	write := func(t *testing.T, path string, fill func(w *bufio.Writer)) string {
		f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_EXCL, 0o600)
		if err != nil {
			t.Fatal(err)
		}
		w := bufio.NewWriterSize(f, 1<<20)
		fill(w)
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		return path
	}
	many := func(w io.Writer, s string, n int) {
		chunk := strings.Repeat(s, 4096)
		for ; n >= 4096; n -= 4096 {
			io.WriteString(w, chunk)
		}
		io.WriteString(w, strings.Repeat(s, n))
	}
	tests := []struct {
		name  string
		build func(t *testing.T, dir string) string
		want  []string
	}{
		{"CSVCommas", func(t *testing.T, dir string) string {
			return write(t, filepath.Join(dir, "commas.csv"), func(w *bufio.Writer) { many(w, ",", 32<<20) })
		}, []string{"Row 1 has more than 200 columns"}},
		{"TooLarge", func(t *testing.T, dir string) string {
			return write(t, filepath.Join(dir, "big.csv"), func(w *bufio.Writer) { many(w, "x", 50<<20) })
		}, []string{"big.csv is 50.0 MB, more than the 32 MB"}},
		{"XLSXSharedStringsBomb", func(t *testing.T, dir string) string {
			return write(t, filepath.Join(dir, "bomb.xlsx"), func(bw *bufio.Writer) {
				zw := zip.NewWriter(bw)
				zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
					return flate.NewWriter(out, flate.BestCompression)
				})
				for _, p := range []struct{ name, text string }{
					{"_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
					{"xl/workbook.xml", `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`},
					{"xl/_rels/workbook.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`},
					{"xl/worksheets/sheet1.xml", `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`},
				} {
					w, err := zw.Create(p.name)
					if err != nil {
						t.Fatal(err)
					}
					io.WriteString(w, p.text)
				}
				w, err := zw.Create("xl/sharedStrings.xml")
				if err != nil {
					t.Fatal(err)
				}
				io.WriteString(w, `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
				many(w, `<si><t>entity_name</t></si>`, 250<<20/27)
				io.WriteString(w, `</sst>`)
				if err := zw.Close(); err != nil {
					t.Fatal(err)
				}
			})
		}, []string{"shared text is 250.0 MB when unpacked", "at most 100.0 MB"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := memtest.Measure(t, func(dir string) string { return tc.build(t, dir) }, func(path string) error {
				_, err := testRegister(t, false).CheckImportFile(context.Background(), path)
				return err
			})
			memtest.Check(t, r, tc.want...)
		})
	}
}
