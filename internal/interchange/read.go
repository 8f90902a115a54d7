package interchange

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

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
