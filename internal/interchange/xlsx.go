package interchange

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
	"golang.org/x/net/html/charset"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
)

// Limits on what ReadXLSX unpacks and keeps. The workbook is streamed from
// the archive (the first sheet cell by cell, the shared strings one by one)
// and only what the import keeps is held, so these bound its memory whatever
// the file claims.
const (
	// maxUnzipBytes bounds what all the parts of an XLSX may unpack to.
	maxUnzipBytes = 256 << 20
	// maxZipEntries bounds the parts of an XLSX (a workbook has a dozen or so).
	maxZipEntries = 1000
	// maxSharedStringsXML bounds the shared strings part, unpacked.
	maxSharedStringsXML = 100 << 20
	// maxSharedStrings bounds how many different texts the shared strings
	// hold (an import of 50,000 rows rarely has a tenth of that).
	maxSharedStrings = 500000
	// maxSharedText bounds the shared strings' text together.
	maxSharedText = 64 << 20
	// maxSmallPart bounds the parts read whole: the workbook, its
	// relationships and its styles.
	maxSmallPart = 16 << 20
	// maxCellStyles bounds the cell formats read from the styles (Excel's
	// own limit is 64,000).
	maxCellStyles = 65536
	// maxXMLDepth bounds how deep XML elements nest (a sheet needs 6).
	maxXMLDepth = 64
	// maxTextRun bounds the bytes between two '<' of a part: one text or one
	// tag, whatever its size, is never held whole beyond this (a cell of
	// maxCellBytes written with XML escapes fits).
	maxTextRun = 1 << 20
	// maxSheetRows is the most rows a sheet has (Excel's limit).
	maxSheetRows = 1 << 20
)

// Errors found while streaming a part, turned into messages by xlsxErr.
var (
	errTextRun = errors.New("a text or tag of more than 1 MB")
	errXMLDeep = errors.New("XML nested too deep")
)

// ReadXLSX reads the first sheet of an XLSX workbook. Typed cells become the
// import format's text: a date cell in received_on or expected_start becomes
// YYYY-MM-DD (YYYY-MM when its format shows no day), a TRUE/FALSE cell
// "TRUE"/"FALSE", a number its plain decimal form. The workbook is read in
// memory only (nothing is unpacked to temporary files) and streamed: what it
// unpacks to, its rows, columns, cells, cell lengths and shared texts are
// bounded, and a workbook beyond a bound gets an apperr.Invalid saying which.
func ReadXLSX(data []byte) (t *Table, err error) {
	if len(data) > MaxFileBytes {
		return nil, apperr.New(apperr.Invalid, "The file is too large to import: %s, at most %s.", sizeText(int64(len(data))), sizeText(MaxFileBytes))
	}
	defer func() {
		// A panic on untrusted input must not take the window down.
		if p := recover(); p != nil {
			t, err = nil, badXLSX(fmt.Errorf("panic: %v", p))
		}
	}()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, badXLSX(err)
	}
	if err := checkZip(zr); err != nil {
		return nil, err
	}
	b := &book{files: map[string]*zip.File{}}
	for _, zf := range zr.File {
		b.files[strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(zf.Name, `\`, "/"), "/"))] = zf
	}
	sheet, err := b.structure()
	if err != nil {
		return nil, err
	}
	return b.readSheet(sheet)
}

// checkZip looks at the archive's directory before anything is unpacked:
// its entries, their compression and what they declare to unpack to (the
// archive reader stops at the declared size, so a part cannot unpack to
// more than it declares).
func checkZip(zr *zip.Reader) error {
	if len(zr.File) > maxZipEntries {
		return apperr.New(apperr.Invalid, "The workbook has %d parts inside; an import workbook has at most %d. Open it in Excel or LibreOffice, copy the import sheet into a new workbook, save that as .xlsx and import it.", len(zr.File), maxZipEntries)
	}
	var total uint64
	for _, zf := range zr.File {
		u, c := zf.UncompressedSize64, zf.CompressedSize64
		total += u
		switch {
		case u > maxUnzipBytes || total > maxUnzipBytes:
			return apperr.New(apperr.Invalid, "The workbook is too large when unpacked (over %s; an import workbook unpacks to at most %s). Split it into smaller files and import them one after another.", sizeText(maxUnzipBytes), sizeText(maxUnzipBytes))
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
	if strings.Contains(strings.ToLower(err.Error()), "password") || strings.Contains(err.Error(), "encrypt") {
		return apperr.Wrap(err, apperr.Invalid, "The workbook is password-protected. Save an unprotected copy and import that.")
	}
	return apperr.Wrap(err, apperr.Invalid, "The workbook could not be read (it may be damaged or not an XLSX file). Open it in Excel or LibreOffice, save it again as .xlsx, and import that.")
}

// xlsxErr turns an error met while streaming a part into a message; row is
// the sheet row being read (0 outside the sheet).
func xlsxErr(err error, row int) error {
	var ae *apperr.Error
	switch {
	case errors.As(err, &ae):
		return err
	case errors.Is(err, errTextRun) && row > 0:
		return cellTooLong(row)
	case errors.Is(err, errTextRun):
		return apperr.Wrap(err, apperr.Invalid, "The workbook holds a text of more than %d KB; an import file's cell holds at most %d KB (no column of the import format takes more than %d characters). Shorten that cell.", maxCellBytes>>10, maxCellBytes>>10, register.MaxLongText)
	case errors.Is(err, errXMLDeep):
		return apperr.Wrap(err, apperr.Invalid, "The workbook could not be read: its XML is nested more than %d levels deep, which no spreadsheet program writes. Open it in Excel or LibreOffice, save it again as .xlsx, and import that.", maxXMLDepth)
	}
	return badXLSX(err)
}

// book is an open workbook: its parts and what the first sheet's cells need.
type book struct {
	files    map[string]*zip.File // by lower-case name
	rels     map[string]rel       // the workbook's relationships by id
	wbDir    string               // the folder of the workbook part
	date1904 bool
	sst      []string
	xfs      []int          // cell format index -> number format id
	numFmts  map[int]string // custom number formats by id
}

type rel struct{ typ, target string }

// open opens the part called name for streaming, refusing one that unpacks
// to more than limit (named what for the message).
func (b *book) open(name string, limit uint64, what string) (io.ReadCloser, bool, error) {
	zf := b.files[strings.ToLower(name)]
	if zf == nil {
		return nil, false, nil
	}
	if zf.UncompressedSize64 > limit {
		return nil, true, apperr.New(apperr.Invalid, "The workbook's %s is %s when unpacked; an import workbook may hold at most %s of it. Open it in Excel or LibreOffice, copy the import sheet into a new workbook, save that as .xlsx and import it.", what, sizeText(int64(zf.UncompressedSize64)), sizeText(int64(limit)))
	}
	rc, err := zf.Open()
	if err != nil {
		return nil, true, badXLSX(err)
	}
	return rc, true, nil
}

// decoder streams XML from r with the guards against hostile parts.
func decoder(r io.Reader) *xml.Decoder {
	d := xml.NewDecoder(&runGuard{r: r})
	d.CharsetReader = charset.NewReaderLabel
	return d
}

// runGuard fails a read once more than maxTextRun bytes pass without a '<'.
type runGuard struct {
	r   io.Reader
	run int
}

// Read reads from the part and counts the bytes since the last '<'.
func (g *runGuard) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	if i := bytes.LastIndexByte(p[:n], '<'); i >= 0 {
		g.run = n - i - 1
	} else {
		g.run += n
	}
	if g.run > maxTextRun {
		return 0, errTextRun
	}
	return n, err
}

// walk streams the part name (at most limit unpacked) and calls fn with each
// token and the depth of elements it is in; a missing part is not walked.
func (b *book) walk(name string, limit uint64, what string, fn func(tok xml.Token, depth int) error) (bool, error) {
	rc, ok, err := b.open(name, limit, what)
	if !ok || err != nil {
		return ok, err
	}
	defer rc.Close()
	d := decoder(rc)
	depth := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return true, nil
		}
		if err != nil {
			return true, xlsxErr(err, 0)
		}
		switch tok.(type) {
		case xml.StartElement:
			if depth++; depth > maxXMLDepth {
				return true, xlsxErr(errXMLDeep, 0)
			}
		case xml.EndElement:
			depth--
		}
		if err := fn(tok, depth); err != nil {
			return true, err
		}
	}
}

func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// target resolves a relationship's target against the folder dir.
func target(dir, t string) string {
	if strings.HasPrefix(t, "/") {
		return path.Clean(strings.TrimPrefix(t, "/"))
	}
	return path.Clean(path.Join(dir, t))
}

// structure reads the package and workbook relationships, the workbook's
// sheets and date system, the styles and the shared strings, and returns the
// part name of the first sheet.
func (b *book) structure() (string, error) {
	wb := "xl/workbook.xml"
	if _, err := b.walk("_rels/.rels", maxSmallPart, "package relationships", func(tok xml.Token, _ int) error {
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "Relationship" && strings.HasSuffix(attr(se, "Type"), "/officeDocument") {
			wb = target("", attr(se, "Target"))
		}
		return nil
	}); err != nil {
		return "", err
	}
	b.wbDir = path.Dir(wb)
	b.rels = map[string]rel{}
	if _, err := b.walk(path.Join(b.wbDir, "_rels", path.Base(wb)+".rels"), maxSmallPart, "relationships", func(tok xml.Token, _ int) error {
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "Relationship" && len(b.rels) < maxZipEntries {
			b.rels[attr(se, "Id")] = rel{typ: attr(se, "Type"), target: attr(se, "Target")}
		}
		return nil
	}); err != nil {
		return "", err
	}
	firstID, sheets := "", 0
	found, err := b.walk(wb, maxSmallPart, "workbook part", func(tok xml.Token, _ int) error {
		se, ok := tok.(xml.StartElement)
		if !ok {
			return nil
		}
		switch se.Name.Local {
		case "sheet":
			if sheets++; sheets == 1 {
				firstID = attr(se, "id")
			}
		case "workbookPr":
			v := attr(se, "date1904")
			b.date1904 = v == "1" || strings.EqualFold(v, "true")
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	if !found {
		return "", badXLSX(errors.New("no workbook part"))
	}
	if sheets == 0 {
		return "", apperr.New(apperr.Invalid, "The workbook has no sheet. Import a workbook whose first sheet holds the header row and one row per product.")
	}
	sheet := ""
	if r, ok := b.rels[firstID]; ok {
		sheet = target(b.wbDir, r.target)
	}
	if b.files[strings.ToLower(sheet)] == nil {
		return "", badXLSX(errors.New("the first sheet's part is missing"))
	}
	if err := b.readStyles(); err != nil {
		return "", err
	}
	if err := b.readSharedStrings(); err != nil {
		return "", err
	}
	return sheet, nil
}

// part returns the workbook's part of the relationship type ending in typ,
// or the name def.
func (b *book) part(typ, def string) string {
	for _, r := range b.rels {
		if strings.HasSuffix(r.typ, typ) {
			return target(b.wbDir, r.target)
		}
	}
	return def
}

// readStyles keeps, for each cell format, its number format id, and the
// custom number formats' codes.
func (b *book) readStyles() error {
	b.numFmts = map[int]string{}
	inXfs := false
	_, err := b.walk(b.part("/styles", "xl/styles.xml"), maxSmallPart, "styles part", func(tok xml.Token, _ int) error {
		switch el := tok.(type) {
		case xml.StartElement:
			switch el.Name.Local {
			case "cellXfs":
				inXfs = true
			case "numFmt":
				id, err := strconv.Atoi(attr(el, "numFmtId"))
				if err == nil && len(b.numFmts) < maxCellStyles {
					b.numFmts[id] = attr(el, "formatCode")
				}
			case "xf":
				if inXfs && len(b.xfs) < maxCellStyles {
					id, _ := strconv.Atoi(attr(el, "numFmtId"))
					b.xfs = append(b.xfs, id)
				}
			}
		case xml.EndElement:
			if el.Name.Local == "cellXfs" {
				inXfs = false
			}
		}
		return nil
	})
	return err
}

// readSharedStrings reads the shared strings, at most maxSharedStrings of
// them and maxSharedText bytes together. A string longer than maxCellBytes
// is kept cut to maxCellBytes+1 bytes: the cell that uses it is refused.
func (b *book) readSharedStrings() error {
	var cur []byte
	var si, inT, inRPh bool
	total := 0
	_, err := b.walk(b.part("/sharedStrings", "xl/sharedStrings.xml"), maxSharedStringsXML, "shared text", func(tok xml.Token, _ int) error {
		switch el := tok.(type) {
		case xml.StartElement:
			switch el.Name.Local {
			case "si":
				if len(b.sst) >= maxSharedStrings {
					return apperr.New(apperr.Invalid, "The workbook holds more than %d different texts; an import workbook holds at most %d. Split it into smaller files and import them one after another.", maxSharedStrings, maxSharedStrings)
				}
				si, cur = true, cur[:0]
			case "rPh":
				inRPh = true
			case "t":
				inT = si && !inRPh
			}
		case xml.EndElement:
			switch el.Name.Local {
			case "si":
				if total += len(cur); total > maxSharedText {
					return apperr.New(apperr.Invalid, "The workbook holds more than %s of text; an import workbook holds at most %s. Split it into smaller files and import them one after another.", sizeText(maxSharedText), sizeText(maxSharedText))
				}
				b.sst = append(b.sst, unescapeXLSX(string(cur)))
				si = false
			case "rPh":
				inRPh = false
			case "t":
				inT = false
			}
		case xml.CharData:
			if inT && len(cur) <= maxCellBytes {
				cur = append(cur, el[:min(len(el), maxCellBytes+1-len(cur))]...)
			}
		}
		return nil
	})
	return err
}

// xlsxEscape matches the _xHHHH_ escapes of characters XML cannot hold.
var xlsxEscape = regexp.MustCompile(`_x[0-9A-Fa-f]{4}_`)

// unescapeXLSX undoes _xHHHH_ escapes (as excelize writes a carriage
// return: _x000D_); _x005F_ is an escaped underscore.
func unescapeXLSX(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	return xlsxEscape.ReplaceAllStringFunc(s, func(m string) string {
		v, err := strconv.ParseUint(m[2:6], 16, 32)
		if err != nil {
			return m
		}
		return string(rune(v))
	})
}

// xlsxCell is one cell being read.
type xlsxCell struct {
	col     int    // 1-based
	typ     string // the t attribute
	style   int    // the s attribute
	formula bool
	v       []byte // <v>
	is      []byte // inline string text
}

// value is the cell's raw text, as excelize gives it with RawCellValue.
func (c *xlsxCell) value(sst []string) string {
	switch c.typ {
	case "s":
		i, err := strconv.Atoi(strings.TrimSpace(string(c.v)))
		if err != nil || i < 0 || i >= len(sst) {
			return ""
		}
		return sst[i]
	case "inlineStr":
		if c.is != nil {
			return unescapeXLSX(string(c.is))
		}
	}
	return string(c.v)
}

// readSheet streams the sheet part name into a Table.
func (b *book) readSheet(name string) (*Table, error) {
	rc, _, err := b.open(name, maxUnzipBytes, "first sheet")
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	d := decoder(rc)
	t := &Table{Format: XLSX}
	x := xlsxCells{b: b}
	var (
		depth, rowNum, cells int
		lastCol              int // the column of the row's last cell
		row                  []string
		inRow, inSheetData   bool
		cell                 *xlsxCell
		in                   string // "v", "is" or "" for where text goes
		isDepth, rDepth      int    // depths of <is> and of an <r> inside it
		rPh                  bool
	)
	endRow := func() error {
		inRow = false
		if t.Header == nil {
			if blankRow(row) {
				row = nil
				return nil // leading blank rows before the header
			}
			t.Header = row
			x.header = make([]string, len(row))
			for i, h := range row {
				x.header[i] = normaliseHeader(h)
			}
			row = nil
			return nil
		}
		if blankRow(row) {
			row = row[:0]
			return nil
		}
		if len(t.Rows) >= MaxRows {
			return apperr.New(apperr.Invalid, "The sheet has more than %d rows. Split it into smaller files and import them one after another.", MaxRows)
		}
		if cells += len(row); cells > maxCells {
			return tooManyCells()
		}
		t.Rows = append(t.Rows, row)
		t.Lines = append(t.Lines, rowNum)
		row = nil
		return nil
	}
	endCell := func() error {
		c := cell
		cell = nil
		val := c.value(b.sst)
		if val == "" && !c.formula {
			return nil
		}
		if c.col > maxColumns {
			return tooManyColumns(rowNum)
		}
		if len(val) > maxCellBytes {
			return cellTooLong(rowNum)
		}
		if t.Header != nil {
			val = x.text(c, val)
		}
		for len(row) < c.col-1 {
			row = append(row, "")
		}
		row = append(row, val)
		return nil
	}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, xlsxErr(err, rowNum)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			if depth++; depth > maxXMLDepth {
				return nil, xlsxErr(errXMLDeep, rowNum)
			}
			switch {
			case el.Name.Local == "sheetData":
				inSheetData = true
			case !inSheetData:
			case el.Name.Local == "row" && !inRow:
				inRow, row, lastCol = true, row[:0], 0
				if n, err := strconv.Atoi(attr(el, "r")); err == nil && n > 0 {
					rowNum = n
				} else {
					rowNum++
				}
				if rowNum > maxSheetRows {
					return nil, badXLSX(fmt.Errorf("row %d beyond the sheet's end", rowNum))
				}
			case el.Name.Local == "c" && inRow && cell == nil:
				cell = &xlsxCell{col: lastCol + 1}
				for _, a := range el.Attr {
					switch a.Name.Local {
					case "r":
						col, _, err := excelize.CellNameToCoordinates(a.Value)
						if err != nil {
							return nil, badXLSX(err)
						}
						cell.col = col
					case "t":
						cell.typ = a.Value
					case "s":
						cell.style, _ = strconv.Atoi(a.Value)
					}
				}
				lastCol = cell.col
			case cell == nil:
			case el.Name.Local == "v" && in == "":
				in = "v"
			case el.Name.Local == "f":
				cell.formula = true
			case el.Name.Local == "is" && in == "":
				in, isDepth, cell.is = "is", depth, []byte{}
			case in == "is" && el.Name.Local == "r" && depth == isDepth+1:
				rDepth = depth
			case in == "is" && el.Name.Local == "rPh":
				rPh = true
			case in == "is" && el.Name.Local == "t" && !rPh && (depth == isDepth+1 || rDepth > 0 && depth == rDepth+1):
				in = "t"
			}
		case xml.EndElement:
			depth--
			switch {
			case el.Name.Local == "sheetData":
				inSheetData = false
			case !inSheetData:
			case el.Name.Local == "row" && inRow:
				if cell != nil {
					if err := endCell(); err != nil {
						return nil, err
					}
				}
				if err := endRow(); err != nil {
					return nil, err
				}
			case el.Name.Local == "c" && cell != nil:
				if err := endCell(); err != nil {
					return nil, err
				}
				in, rDepth, rPh = "", 0, false
			case in == "v" && el.Name.Local == "v":
				in = ""
			case in == "t" && el.Name.Local == "t":
				in = "is"
			case in == "is" && el.Name.Local == "r":
				rDepth = 0
			case in == "is" && el.Name.Local == "rPh":
				rPh = false
			case in == "is" && el.Name.Local == "is":
				in = ""
			}
		case xml.CharData:
			switch {
			case cell == nil:
			case in == "v" && len(cell.v) <= maxCellBytes:
				cell.v = append(cell.v, el...)
			case in == "t" && len(cell.is) <= maxCellBytes:
				cell.is = append(cell.is, el...)
			}
		}
	}
	if t.Header == nil {
		return nil, apperr.New(apperr.Invalid, "The first sheet of the workbook is empty. Put the header row in row 1 and one row per product below it.")
	}
	return t, nil
}

// xlsxCells turns raw cell values into the import format's text.
type xlsxCells struct {
	b      *book
	header []string
}

func (x *xlsxCells) column(i int) string {
	if i < len(x.header) {
		return x.header[i]
	}
	return ""
}

// text is the import format's text of cell c whose raw value is raw.
func (x *xlsxCells) text(c *xlsxCell, raw string) string {
	if raw == "" {
		return raw
	}
	ci, known := columnIndex[x.column(c.col-1)]
	kind := KindText
	if known {
		kind = columns[ci].Kind
	}
	if !looksNumeric(raw) {
		return raw
	}
	number := c.typ == "" || c.typ == "n"
	boolean := c.typ == "b"
	switch kind {
	case KindDate, KindMonth:
		if !number {
			return raw
		}
		v, _ := strconv.ParseFloat(raw, 64)
		tm, err := excelize.ExcelDateToTime(v, x.b.date1904)
		if err != nil || v < 1 || math.IsInf(v, 0) {
			return raw
		}
		if kind == KindMonth && !x.b.formatShowsDay(c.style) {
			return tm.Format("2006-01")
		}
		return tm.Format("2006-01-02")
	case KindYesNo:
		if boolean {
			if raw == "1" {
				return "TRUE"
			}
			return "FALSE"
		}
		return raw
	}
	if strings.ContainsAny(raw, "eE.") && number {
		if v, err := strconv.ParseFloat(raw, 64); err == nil && !math.IsInf(v, 0) && !math.IsNaN(v) {
			return strconv.FormatFloat(v, 'f', -1, 64)
		}
	}
	if boolean {
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

// formatShowsDay reports whether the cell format style shows a day (a
// month-only format like "mmm-yy" does not).
func (b *book) formatShowsDay(style int) bool {
	if style < 0 || style >= len(b.xfs) {
		return true
	}
	id := b.xfs[style]
	if code, ok := b.numFmts[id]; ok {
		return formatHasDay(code)
	}
	return id != 17 // built-in 17 is "mmm-yy"
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
