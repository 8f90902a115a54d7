package interchange

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
)

// Limits on what Read accepts.
const (
	// MaxFileBytes is the largest file Read accepts (32 MiB: about 30,000
	// fully answered rows).
	MaxFileBytes = 32 << 20
	// MaxRows is the most data rows Read accepts.
	MaxRows = 50000
	// maxUnzipBytes bounds what an XLSX may unpack to (a zip bomb stops here).
	maxUnzipBytes = 256 << 20
	// maxColumns bounds the width of a row.
	maxColumns = 200
	// maxCells bounds the cells of all rows together (50,000 rows of 40
	// columns).
	maxCells = 2000000
	// maxCellBytes bounds one cell's text (no column of the import format
	// takes more than register.MaxLongText characters).
	maxCellBytes = 128 << 10
)

// Format is a file format of the interchange.
type Format string

// Formats.
const (
	CSV  Format = "csv"
	XLSX Format = "xlsx"
	JSON Format = "json"
)

// ParseFormat accepts "csv", "xlsx" or "json" in any case.
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(strings.TrimSpace(s))); f {
	case CSV, XLSX, JSON:
		return f, nil
	}
	return "", apperr.New(apperr.Invalid, "%q is not an export format; use csv, xlsx or json.", s)
}

// Table is a file's cells: the header row and the data rows, as text. Typed
// spreadsheet cells are already turned into their text form.
type Table struct {
	// Format is the format the table was read from.
	Format Format
	// Header is the first row as written.
	Header []string
	// Rows are the data rows; Rows[i] is the file's row i+2 (the header is
	// row 1). A row may be shorter than the header (missing cells are blank).
	Rows [][]string
	// Lines[i] is the row number people see for Rows[i] (the spreadsheet row,
	// or the CSV record number counting the header as 1).
	Lines []int
}

// Detect tells the format of data by its content: an XLSX (a zip) or text
// taken as CSV. Other files get a clear apperr.Invalid.
func Detect(data []byte) (Format, error) {
	switch {
	case len(bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))) == 0:
		return "", apperr.New(apperr.Invalid, "The file is empty. Choose a CSV or XLSX file with a header row and one row per product (the template shows the columns).")
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return XLSX, nil
	case bytes.HasPrefix(data, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")):
		return "", apperr.New(apperr.Invalid, "This is an old Excel (.xls) workbook, which atpreg does not read. Open it in Excel or LibreOffice and save it as .xlsx or as CSV UTF-8.")
	case bytes.HasPrefix(data, []byte("%PDF")):
		return "", apperr.New(apperr.Invalid, "This is a PDF, not a spreadsheet. Import a CSV or XLSX file in the import format (save the template to see it).")
	case bytes.HasPrefix(data, []byte("PK")):
		return "", apperr.New(apperr.Invalid, "This is a zip archive but not an XLSX workbook. Import a CSV or XLSX file.")
	}
	sample := data
	if len(sample) > 8192 {
		sample = sample[:8192]
	}
	if bytes.IndexByte(sample, 0) >= 0 {
		return "", apperr.New(apperr.Invalid, "This file is not a spreadsheet atpreg can read (it holds binary data). Import a CSV (UTF-8) or XLSX file.")
	}
	return CSV, nil
}

// Read reads a CSV or XLSX file (told apart by content, not by name) into a
// Table. Files over MaxFileBytes, empty files and other formats get a clear
// apperr.Invalid; it never panics on malformed input.
func Read(data []byte) (*Table, error) {
	if len(data) > MaxFileBytes {
		return nil, apperr.New(apperr.Invalid, "The file is too large to import: %s, at most %s. Split it into smaller files and import them one after another.", sizeText(int64(len(data))), sizeText(MaxFileBytes))
	}
	f, err := Detect(data)
	if err != nil {
		return nil, err
	}
	if f == XLSX {
		return ReadXLSX(data)
	}
	return ReadCSV(data)
}

func sizeText(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d KB", (n+1023)/1024)
}

// ReadCSV reads UTF-8 CSV (a BOM is dropped; line ends may be CRLF, LF or
// CR; quoted fields may hold commas, quotes and line breaks). A header
// separated by ';' or tabs instead of commas is understood too.
func ReadCSV(data []byte) (*Table, error) {
	if len(data) > MaxFileBytes {
		return nil, apperr.New(apperr.Invalid, "The file is too large to import: %s, at most %s.", sizeText(int64(len(data))), sizeText(MaxFileBytes))
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, apperr.New(apperr.Invalid, "The file is empty. Choose a CSV or XLSX file with a header row and one row per product (the template shows the columns).")
	}
	if !utf8.Valid(data) {
		return nil, apperr.New(apperr.Invalid, "The file is not UTF-8 text (perhaps saved as \"CSV\" in a Windows encoding). In Excel choose \"CSV UTF-8\", in LibreOffice choose the UTF-8 character set, and import it again.")
	}
	data = normaliseLineEnds(data)
	comma := sniffComma(data)
	// encoding/csv holds a whole record before it returns it: a row of
	// millions of fields or one huge cell must be refused before that.
	if err := checkCSVShape(data, byte(comma)); err != nil {
		return nil, err
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = comma
	r.FieldsPerRecord = -1
	r.ReuseRecord = false
	t := &Table{Format: CSV}
	rec, cells := 0, 0
	for {
		fields, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			line := 0
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.StartLine
				err = pe.Err
			}
			return nil, apperr.New(apperr.Invalid, "The file is not valid CSV near line %d: %s. Check the quotes in that row (a quote inside a value is written twice: \"\").", line, csvReason(err))
		}
		rec++
		if len(fields) > maxColumns {
			return nil, tooManyColumns(rec)
		}
		if rec == 1 {
			t.Header = fields
			continue
		}
		if blankRow(fields) {
			continue
		}
		if len(t.Rows) >= MaxRows {
			return nil, apperr.New(apperr.Invalid, "The file has more than %d rows. Split it into smaller files and import them one after another.", MaxRows)
		}
		if cells += len(fields); cells > maxCells {
			return nil, tooManyCells()
		}
		t.Rows = append(t.Rows, fields)
		t.Lines = append(t.Lines, rec)
	}
	return t, nil
}

func tooManyColumns(row int) error {
	return apperr.New(apperr.Invalid, "Row %d has more than %d columns; an import file has at most %d (the import format has %d). Check that this is an import file in the format of the template.", row, maxColumns, maxColumns, len(columns))
}

func tooManyCells() error {
	return apperr.New(apperr.Invalid, "The file has more than %d cells (rows times columns); an import file has at most %d. Delete the columns that are not in the import format, or split the file into smaller files and import them one after another.", maxCells, maxCells)
}

func cellTooLong(row int) error {
	return apperr.New(apperr.Invalid, "Row %d has a cell of more than %d KB of text; an import file's cell holds at most %d KB (no column of the import format takes more than %d characters). Shorten that cell.", row, maxCellBytes>>10, maxCellBytes>>10, register.MaxLongText)
}

// checkCSVShape walks data (line ends already LF) as encoding/csv will, with
// no memory of its own, and refuses a row of more than maxColumns fields or a
// field of more than maxCellBytes. Records are numbered as ReadCSV numbers
// them (empty lines are not records). Until the first quote encoding/csv
// rejects, a quote switches between inside and outside a quoted field
// exactly as it does there (a doubled quote switches twice).
func checkCSVShape(data []byte, comma byte) error {
	rec, fields, size := 1, 1, 0
	inQuote, empty := false, true
	for _, c := range data {
		switch {
		case c == '"':
			inQuote = !inQuote
		case inQuote:
		case c == comma:
			if fields++; fields > maxColumns {
				return tooManyColumns(rec)
			}
			size = -1
		case c == '\n':
			if !empty {
				rec++
			}
			fields, size, empty = 1, 0, true
			continue
		}
		empty = false
		if size++; size > maxCellBytes {
			return cellTooLong(rec)
		}
	}
	return nil
}

func csvReason(err error) string {
	switch {
	case errors.Is(err, csv.ErrQuote):
		return "a quote is misplaced"
	case errors.Is(err, csv.ErrBareQuote):
		return "a quote appears inside a value that is not quoted"
	}
	return err.Error()
}

// normaliseLineEnds turns lone CR line ends (old Mac files) into LF; CRLF is
// left to encoding/csv, which reads it as one line end.
func normaliseLineEnds(data []byte) []byte {
	if bytes.IndexByte(data, '\r') < 0 {
		return data
	}
	out := make([]byte, 0, len(data))
	for i := 0; i < len(data); i++ {
		c := data[i]
		if c == '\r' && (i+1 >= len(data) || data[i+1] != '\n') {
			c = '\n'
		}
		out = append(out, c)
	}
	return out
}

// sniffComma picks ',' unless the first line has none and has ';' or tabs.
func sniffComma(data []byte) rune {
	line := data
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	if bytes.IndexByte(line, ',') >= 0 {
		return ','
	}
	if bytes.IndexByte(line, '\t') >= 0 {
		return '\t'
	}
	if bytes.IndexByte(line, ';') >= 0 {
		return ';'
	}
	return ','
}

func blankRow(fields []string) bool {
	for _, f := range fields {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// ReadXLSX reads the first sheet of an XLSX workbook. Typed cells become the
// import format's text: a date cell in received_on or expected_start becomes
// YYYY-MM-DD (YYYY-MM when its format shows no day), a TRUE/FALSE cell
// "TRUE"/"FALSE", a number its plain decimal form. The workbook is read in
// memory only (nothing is unpacked to temporary files).
func ReadXLSX(data []byte) (t *Table, err error) {
	if len(data) > MaxFileBytes {
		return nil, apperr.New(apperr.Invalid, "The file is too large to import: %s, at most %s.", sizeText(int64(len(data))), sizeText(MaxFileBytes))
	}
	defer func() {
		// excelize is large and reads untrusted XML; a panic in it must not
		// take the window down.
		if p := recover(); p != nil {
			t, err = nil, badXLSX(fmt.Errorf("panic: %v", p))
		}
	}()
	if err := checkZip(data); err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		RawCellValue:      true,
		UnzipSizeLimit:    maxUnzipBytes,
		UnzipXMLSizeLimit: maxUnzipBytes,
	})
	if err != nil {
		return nil, badXLSX(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, apperr.New(apperr.Invalid, "The workbook has no sheet. Import a workbook whose first sheet holds the header row and one row per product.")
	}
	sheet := sheets[0]
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, badXLSX(err)
	}
	defer rows.Close()
	t = &Table{Format: XLSX}
	x := xlsxCells{f: f, sheet: sheet}
	rowNum := 0
	for rows.Next() {
		rowNum++
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, badXLSX(err)
		}
		if len(cells) > maxColumns {
			return nil, apperr.New(apperr.Invalid, "Row %d of the first sheet has %d columns, more than %d: this does not look like the import format.", rowNum, len(cells), maxColumns)
		}
		if t.Header == nil {
			if blankRow(cells) {
				continue // leading blank rows before the header
			}
			t.Header = cells
			x.header = make([]string, len(cells))
			for i, h := range cells {
				x.header[i] = normaliseHeader(h)
			}
			continue
		}
		if blankRow(cells) {
			continue
		}
		if len(t.Rows) >= MaxRows {
			return nil, apperr.New(apperr.Invalid, "The sheet has more than %d rows. Split it into smaller files and import them one after another.", MaxRows)
		}
		for i := range cells {
			cells[i] = x.text(i, rowNum, cells[i])
		}
		t.Rows = append(t.Rows, cells)
		t.Lines = append(t.Lines, rowNum)
	}
	if err := rows.Error(); err != nil {
		return nil, badXLSX(err)
	}
	if t.Header == nil {
		return nil, apperr.New(apperr.Invalid, "The first sheet of the workbook is empty. Put the header row in row 1 and one row per product below it.")
	}
	return t, nil
}

// checkZip looks at the archive's directory before excelize unpacks it:
// excelize sizes its buffers by the sizes the archive declares, so a damaged
// or hostile file must not get that far.
func checkZip(data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return badXLSX(err)
	}
	if len(zr.File) > 10000 {
		return badXLSX(errors.New("too many archive entries"))
	}
	var total uint64
	for _, zf := range zr.File {
		u, c := zf.UncompressedSize64, zf.CompressedSize64
		total += u
		switch {
		case u > maxUnzipBytes || total > maxUnzipBytes:
			return apperr.New(apperr.Invalid, "The workbook is too large when unpacked (over %s). Split it into smaller files and import them one after another.", sizeText(maxUnzipBytes))
		case zf.Method == zip.Store && u != c:
			return badXLSX(errors.New("stored entry with mismatched sizes"))
		case zf.Method == zip.Deflate && u > c*1100+4096:
			return badXLSX(errors.New("entry claims an impossible compression ratio"))
		case zf.Method != zip.Store && zf.Method != zip.Deflate:
			return badXLSX(errors.New("unsupported compression method"))
		}
	}
	return nil
}

func badXLSX(err error) error {
	if errors.Is(err, excelize.ErrWorkbookFileFormat) || errors.Is(err, excelize.ErrOptionsUnzipSizeLimit) {
		return apperr.Wrap(err, apperr.Invalid, "The workbook could not be read: it is damaged, too large when unpacked, or not an XLSX file. Open it in Excel or LibreOffice, save it again as .xlsx, and import that.")
	}
	if strings.Contains(strings.ToLower(err.Error()), "password") || strings.Contains(err.Error(), "encrypt") {
		return apperr.Wrap(err, apperr.Invalid, "The workbook is password-protected. Save an unprotected copy and import that.")
	}
	return apperr.Wrap(err, apperr.Invalid, "The workbook could not be read (it may be damaged or not an XLSX file). Open it in Excel or LibreOffice, save it again as .xlsx, and import that.")
}

// xlsxCells turns raw cell values into the import format's text.
type xlsxCells struct {
	f      *excelize.File
	sheet  string
	header []string
}

func (x *xlsxCells) column(i int) string {
	if i < len(x.header) {
		return x.header[i]
	}
	return ""
}

func (x *xlsxCells) text(col, row int, raw string) string {
	if raw == "" {
		return raw
	}
	name := x.column(col)
	ci, known := columnIndex[name]
	kind := KindText
	if known {
		kind = columns[ci].Kind
	}
	numeric := looksNumeric(raw)
	if !numeric {
		return raw
	}
	switch kind {
	case KindDate, KindMonth:
		if !x.isNumberCell(col, row) {
			return raw
		}
		v, _ := strconv.ParseFloat(raw, 64)
		tm, err := excelize.ExcelDateToTime(v, x.date1904())
		if err != nil || v < 1 || math.IsInf(v, 0) {
			return raw
		}
		if kind == KindMonth && !x.formatShowsDay(col, row) {
			return tm.Format("2006-01")
		}
		return tm.Format("2006-01-02")
	case KindYesNo:
		if x.cellType(col, row) == excelize.CellTypeBool {
			if raw == "1" {
				return "TRUE"
			}
			return "FALSE"
		}
		return raw
	}
	if strings.ContainsAny(raw, "eE.") && x.isNumberCell(col, row) {
		if v, err := strconv.ParseFloat(raw, 64); err == nil && !math.IsInf(v, 0) && !math.IsNaN(v) {
			return strconv.FormatFloat(v, 'f', -1, 64)
		}
	}
	if x.cellType(col, row) == excelize.CellTypeBool {
		if raw == "1" {
			return "TRUE"
		}
		return "FALSE"
	}
	return raw
}

func looksNumeric(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}

func (x *xlsxCells) cell(col, row int) string {
	name, err := excelize.CoordinatesToCellName(col+1, row)
	if err != nil {
		return ""
	}
	return name
}

func (x *xlsxCells) cellType(col, row int) excelize.CellType {
	c := x.cell(col, row)
	if c == "" {
		return excelize.CellTypeUnset
	}
	t, err := x.f.GetCellType(x.sheet, c)
	if err != nil {
		return excelize.CellTypeUnset
	}
	return t
}

func (x *xlsxCells) isNumberCell(col, row int) bool {
	switch x.cellType(col, row) {
	case excelize.CellTypeUnset, excelize.CellTypeNumber:
		return true
	}
	return false
}

func (x *xlsxCells) date1904() bool {
	p, err := x.f.GetWorkbookProps()
	return err == nil && p.Date1904 != nil && *p.Date1904
}

// formatShowsDay reports whether the cell's number format shows a day (a
// month-only format like "mmm-yy" does not).
func (x *xlsxCells) formatShowsDay(col, row int) bool {
	c := x.cell(col, row)
	if c == "" {
		return true
	}
	idx, err := x.f.GetCellStyle(x.sheet, c)
	if err != nil {
		return true
	}
	st, err := x.f.GetStyle(idx)
	if err != nil || st == nil {
		return true
	}
	if st.CustomNumFmt != nil {
		return formatHasDay(*st.CustomNumFmt)
	}
	return st.NumFmt != 17 // built-in 17 is "mmm-yy"
}

// formatHasDay reports whether a number format code shows the day ('d'
// outside quoted text and brackets).
func formatHasDay(code string) bool {
	inQuote, inBracket := false, false
	for _, r := range code {
		switch {
		case r == '"':
			inQuote = !inQuote
		case inQuote:
		case r == '[':
			inBracket = true
		case r == ']':
			inBracket = false
		case inBracket:
		case r == 'd' || r == 'D':
			return true
		}
	}
	return false
}
