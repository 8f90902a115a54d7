package interchange_test

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"atpreg/internal/interchange"
	"atpreg/internal/memtest"
	"atpreg/internal/register"
)

// importFile reads and parses the file at path as an import does.
func importFile(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	tab, err := interchange.Read(data)
	if err != nil {
		return err
	}
	interchange.Parse(tab)
	return nil
}

// writeFile writes a file of its own making into dir and returns its path.
func writeFile(t *testing.T, dir, name string, write func(w *bufio.Writer)) string {
	t.Helper()
	path := filepath.Join(dir, name)
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_EXCL, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	write(w)
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// repeat writes s n times.
func repeat(w io.Writer, s string, n int) {
	chunk := strings.Repeat(s, max(1, (64<<10)/max(1, len(s))))
	per := len(chunk) / len(s)
	for ; n >= per; n -= per {
		io.WriteString(w, chunk)
	}
	io.WriteString(w, strings.Repeat(s, n))
}

// writeWorkbook writes an XLSX whose first sheet and shared strings (when
// sst is not nil) are written by the functions given, deflated at the best
// compression (a zip bomb compresses about a thousand to one).
func writeWorkbook(t *testing.T, dir string, sheet, sst func(w io.Writer)) string {
	return writeWorkbookLevel(t, dir, flate.BestCompression, sheet, sst)
}

// writeWorkbookLevel is writeWorkbook at the deflate level given.
func writeWorkbookLevel(t *testing.T, dir string, level int, sheet, sst func(w io.Writer)) string {
	t.Helper()
	return writeFile(t, dir, "hostile.xlsx", func(bw *bufio.Writer) {
		zw := zip.NewWriter(bw)
		zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
			return flate.NewWriter(out, level)
		})
		part := func(name string, write func(w io.Writer)) {
			w, err := zw.Create(name)
			if err != nil {
				t.Fatal(err)
			}
			write(w)
		}
		text := func(s string) func(w io.Writer) { return func(w io.Writer) { io.WriteString(w, s) } }
		const main = `http://schemas.openxmlformats.org/spreadsheetml/2006/main`
		const rel = `http://schemas.openxmlformats.org/officeDocument/2006/relationships`
		part("[Content_Types].xml", text(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`))
		part("_rels/.rels", text(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="`+rel+`/officeDocument" Target="xl/workbook.xml"/></Relationships>`))
		part("xl/workbook.xml", text(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="`+main+`" xmlns:r="`+rel+`"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`))
		rels := `<Relationship Id="rId1" Type="` + rel + `/worksheet" Target="worksheets/sheet1.xml"/>`
		if sst != nil {
			rels += `<Relationship Id="rId2" Type="` + rel + `/sharedStrings" Target="sharedStrings.xml"/>`
		}
		part("xl/_rels/workbook.xml.rels", text(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+rels+`</Relationships>`))
		part("xl/worksheets/sheet1.xml", func(w io.Writer) {
			io.WriteString(w, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="`+main+`" xmlns:r="`+rel+`"><sheetData>`)
			sheet(w)
			io.WriteString(w, `</sheetData></worksheet>`)
		})
		if sst != nil {
			part("xl/sharedStrings.xml", func(w io.Writer) {
				io.WriteString(w, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="`+main+`">`)
				sst(w)
				io.WriteString(w, `</sst>`)
			})
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
	})
}

// headerRow writes row 1 with the import format's first columns as inline
// strings.
func headerRow(w io.Writer) {
	io.WriteString(w, `<row r="1"><c r="A1" t="inlineStr"><is><t>entity_name</t></is></c><c r="B1" t="inlineStr"><is><t>contact_email</t></is></c><c r="C1" t="inlineStr"><is><t>received_on</t></is></c></row>`)
}

func TestHostileFiles(t *testing.T) {
	const mb = 1 << 20
	tests := []struct {
		name  string
		build func(t *testing.T, dir string) string
		want  []string
	}{
		{
			// 250 MB of shared strings (about 15 million of them) in a
			// file of a few hundred KB.
			"XLSXSharedStringsBomb",
			func(t *testing.T, dir string) string {
				return writeWorkbook(t, dir, func(w io.Writer) {
					headerRow(w)
					io.WriteString(w, `<row r="2"><c r="A2" t="s"><v>0</v></c><c r="C2"><v>45000</v></c></row>`)
				}, func(w io.Writer) { repeat(w, `<si><t>ab</t></si>`, 250*mb/18) })
			},
			[]string{"shared text", "250.0 MB"},
		},
		{
			// Shared strings small enough when unpacked, but millions of them.
			"XLSXManySharedStrings",
			func(t *testing.T, dir string) string {
				return writeWorkbook(t, dir, func(w io.Writer) {
					headerRow(w)
				}, func(w io.Writer) { repeat(w, `<si><t>a</t></si>`, 60*mb/17) })
			},
			[]string{"more than 500000 different texts"},
		},
		{
			// One shared string of 60 MB.
			"XLSXHugeSharedString",
			func(t *testing.T, dir string) string {
				return writeWorkbook(t, dir, func(w io.Writer) {
					headerRow(w)
					io.WriteString(w, `<row r="2"><c r="A2" t="s"><v>0</v></c></row>`)
				}, func(w io.Writer) {
					io.WriteString(w, `<si><t>`)
					repeat(w, "a", 60*mb)
					io.WriteString(w, `</t></si>`)
				})
			},
			[]string{"more than 128 KB"},
		},
		{
			// A million rows of small numbers in a date column.
			"XLSXMillionRows",
			func(t *testing.T, dir string) string {
				return writeWorkbookLevel(t, dir, flate.BestSpeed, func(w io.Writer) {
					headerRow(w)
					buf := make([]byte, 0, 128)
					for r := 2; r <= 1000001; r++ {
						n := strconv.Itoa(r)
						buf = append(buf[:0], `<row r="`...)
						buf = append(buf, n...)
						buf = append(buf, `"><c r="A`...)
						buf = append(buf, n...)
						buf = append(buf, `"><v>1</v></c><c r="B`...)
						buf = append(buf, n...)
						buf = append(buf, `"><v>2</v></c><c r="C`...)
						buf = append(buf, n...)
						buf = append(buf, `"><v>45000</v></c></row>`...)
						w.Write(buf)
					}
				}, nil)
			},
			[]string{"more than 50000 rows"},
		},
		{
			// A row of 100,000 cells.
			"XLSXWideRow",
			func(t *testing.T, dir string) string {
				return writeWorkbook(t, dir, func(w io.Writer) {
					io.WriteString(w, `<row r="1">`)
					repeat(w, `<c><v>1</v></c>`, 100000)
					io.WriteString(w, `</row>`)
				}, nil)
			},
			[]string{"Row 1", "more than 200 columns"},
		},
		{
			// One cell far to the right (column XFD).
			"XLSXFarCell",
			func(t *testing.T, dir string) string {
				return writeWorkbook(t, dir, func(w io.Writer) {
					headerRow(w)
					io.WriteString(w, `<row r="2"><c r="XFD2"><v>1</v></c></row>`)
				}, nil)
			},
			[]string{"Row 2", "more than 200 columns"},
		},
		{
			// Ten million nested elements inside a cell.
			"XLSXDeepXML",
			func(t *testing.T, dir string) string {
				return writeWorkbook(t, dir, func(w io.Writer) {
					headerRow(w)
					io.WriteString(w, `<row r="2"><c r="A2" t="inlineStr"><is>`)
					repeat(w, `<r>`, 10000000)
					repeat(w, `</r>`, 10000000)
					io.WriteString(w, `</is></c></row>`)
				}, nil)
			},
			[]string{"nested"},
		},
		{
			// A worksheet of 200 MB in a single text.
			"XLSXHugeCellXML",
			func(t *testing.T, dir string) string {
				return writeWorkbook(t, dir, func(w io.Writer) {
					headerRow(w)
					io.WriteString(w, `<row r="2"><c r="A2" t="inlineStr"><is><t>`)
					repeat(w, "b", 200*mb)
					io.WriteString(w, `</t></is></c></row>`)
				}, nil)
			},
			[]string{"more than 128 KB"},
		},
		{
			// An ordinary export of 1,000 entities with two products each:
			// read whole, within the budget.
			"XLSXLargeOrdinary",
			func(t *testing.T, dir string) string {
				return writeFile(t, dir, "export.xlsx", func(w *bufio.Writer) {
					if err := interchange.WriteXLSX(w, interchange.Export{Entities: manyEntities(1000)}); err != nil {
						t.Fatal(err)
					}
				})
			},
			nil,
		},
		{
			// The same as CSV.
			"CSVLargeOrdinary",
			func(t *testing.T, dir string) string {
				return writeFile(t, dir, "export.csv", func(w *bufio.Writer) {
					if err := interchange.WriteCSV(w, manyEntities(1000)); err != nil {
						t.Fatal(err)
					}
				})
			},
			nil,
		},
		{
			// 32 MB of commas: one row of 33 million empty fields.
			"CSVCommas",
			func(t *testing.T, dir string) string {
				return writeFile(t, dir, "commas.csv", func(w *bufio.Writer) { repeat(w, ",", interchange.MaxFileBytes) })
			},
			[]string{"Row 1 has more than 200 columns"},
		},
		{
			// One cell of 31 MB.
			"CSVHugeCell",
			func(t *testing.T, dir string) string {
				return writeFile(t, dir, "cell.csv", func(w *bufio.Writer) {
					w.WriteString("entity_name,contact_email\n\"")
					repeat(w, "x", 31*mb)
					w.WriteString("\",a@example.com\n")
				})
			},
			[]string{"Row 2", "more than 128 KB"},
		},
		{
			// A file over the size limit (one cell of 50 MB).
			"CSVTooLarge",
			func(t *testing.T, dir string) string {
				return writeFile(t, dir, "cell.csv", func(w *bufio.Writer) {
					w.WriteString("entity_name\n")
					repeat(w, "x", 50*mb)
				})
			},
			[]string{"too large", "at most 32.0 MB"},
		},
		{
			// 150 columns by 15,000 rows of one-character cells.
			"CSVManyCells",
			func(t *testing.T, dir string) string {
				return writeFile(t, dir, "cells.csv", func(w *bufio.Writer) {
					w.WriteString("entity_name,contact_email")
					repeat(w, ",x", 148)
					w.WriteString("\n")
					for range 15000 {
						repeat(w, "a,", 149)
						w.WriteString("a\n")
					}
				})
			},
			[]string{"more than 2000000 cells"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := memtest.Measure(t, func(dir string) string { return tc.build(t, dir) }, importFile)
			memtest.Check(t, r, tc.want...)
		})
	}
}

// manyEntities returns n copies of the sample entities, each with its own
// name.
func manyEntities(n int) []register.Entity {
	base := sampleEntities()[0]
	out := make([]register.Entity, n)
	for i := range out {
		e := base
		e.Name = fmt.Sprintf("Fictional Cell Therapy %d Ltd", i+1)
		e.ContactEmail = fmt.Sprintf("contact%d@example.com", i+1)
		out[i] = e
	}
	return out
}
