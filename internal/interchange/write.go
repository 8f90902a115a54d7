package interchange

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
)

// Export is what an export writes: the whole register.
type Export struct {
	// ExportedAt is when the export was made.
	ExportedAt time.Time
	// Entities with their submissions, in the order to write them.
	Entities []register.Entity
	// Evaluations of the entities.
	Evaluations []register.Evaluation
	// Partners are the university partners (meetings name them).
	Partners []register.Partner
	// Meetings are the dialogue meetings.
	Meetings []register.Meeting
	// Weights are the evaluation weights for the evaluations' totals (nil:
	// the default weights).
	Weights register.Weights
}

// joinCodes writes a multi-choice list as codes separated by "; ".
func joinCodes[T ~string](vs []T) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = string(v)
	}
	return strings.Join(parts, "; ")
}

// entityText is the import-format text of an entity column of e.
func entityText(e register.Entity, column string) string {
	switch column {
	case "entity_name":
		return e.Name
	case "entity_address":
		return e.Address
	case "contact_name":
		return e.ContactName
	case "contact_email":
		return e.ContactEmail
	case "contact_phone":
		return e.ContactPhone
	case "received_on":
		return e.ReceivedOn
	case "entity_source":
		return e.Source
	case "entity_tags":
		return strings.Join(e.Tags, "; ")
	case "entity_notes":
		return e.Notes
	}
	return ""
}

// submissionText is the import-format text of a product column of s.
func submissionText(s register.Submission, column string) string {
	switch column {
	case "product_name":
		return s.ProductName
	case "composition":
		return s.Composition
	case "pharmaceutical_form":
		return s.PharmaceuticalForm
	case "therapeutic_indication":
		return s.TherapeuticIndication
	case "routes":
		return joinCodes(s.Routes)
	case "route_other":
		return s.RouteOther
	case "atp_type":
		return string(s.ATPType)
	case "gene_vector":
		return string(s.GeneVector)
	case "intended_use":
		return string(s.IntendedUse)
	case "intended_use_other":
		return s.IntendedUseOther
	case "starting_materials":
		return joinCodes(s.StartingMaterials)
	case "starting_materials_other":
		return s.StartingMaterialsOther
	case "process_type":
		return string(s.ProcessType)
	case "pd_completed":
		return string(s.PDCompleted)
	case "pd_further":
		return s.PDFurther
	case "gmp_before":
		return string(s.GMPBefore)
	case "has_authorized_person":
		return string(s.HasAuthorizedPerson)
	case "needs_training":
		return string(s.NeedsTraining)
	case "training_roles":
		return joinCodes(s.TrainingRoles)
	case "training_details":
		return s.TrainingDetails
	case "expected_start":
		return string(s.ExpectedStart)
	case "notes":
		return s.Notes
	}
	return ""
}

// ImportRows returns the import-format rows of entities (header first): one
// row per submission with the entity's columns repeated, and one row with
// only the entity's columns for an entity without submissions. Values that
// a spreadsheet would run as a formula are escaped (see EscapeFormula).
func ImportRows(entities []register.Entity) [][]string {
	out := [][]string{ColumnNames()}
	row := func(e register.Entity, s *register.Submission) []string {
		r := make([]string, len(columns))
		for i, c := range columns {
			if c.Entity {
				r[i] = EscapeFormula(entityText(e, c.Name))
			} else if s != nil {
				r[i] = EscapeFormula(submissionText(*s, c.Name))
			}
		}
		return r
	}
	for _, e := range entities {
		if len(e.Submissions) == 0 {
			out = append(out, row(e, nil))
		}
		for i := range e.Submissions {
			out = append(out, row(e, &e.Submissions[i]))
		}
	}
	return out
}

// WriteCSV writes entities in the import format as UTF-8 CSV with a BOM (so
// Excel reads the Chinese text right) and CRLF line ends; ReadCSV and Parse
// read it back to the same entities.
func WriteCSV(w io.Writer, entities []register.Entity) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.WriteAll(ImportRows(entities)); err != nil {
		return err
	}
	return cw.Error()
}

// dangerous reports whether a spreadsheet would take s as a formula: it
// starts with '=', '@', a tab or a carriage return, or with '+' or '-' and
// is not a plain number or telephone number (digits, spaces, '(', ')', '.'
// and '-' only, so "+852 3000 0001" and "-5" stay as written while
// "-2+3+cmd|' /C calc'!A0" and "- see notes" are escaped). The full-width
// forms '＝' (U+FF1D), '＠' (U+FF20), '＋' (U+FF0B) and '－' (U+FF0D), which
// some spreadsheet programs normalise to their ASCII forms, count as the
// ASCII characters they stand for.
func dangerous(s string) bool {
	if s == "" {
		return false
	}
	r, size := utf8.DecodeRuneInString(s)
	switch r {
	case '=', '@', '\t', '\r', '\uFF1D', '\uFF20':
		return true
	case '+', '-', '\uFF0B', '\uFF0D':
		if len(s) == size {
			return false
		}
		return !numberLike(s[size:])
	}
	return false
}

// numberLike reports whether s holds a digit and nothing but digits,
// spaces, '(', ')', '.' and '-'.
func numberLike(s string) bool {
	digit := false
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			digit = true
		case c == ' ' || c == '(' || c == ')' || c == '.' || c == '-':
		default:
			return false
		}
	}
	return digit
}

func needsEscape(s string) bool {
	return dangerous(s) || (strings.HasPrefix(s, "'") && needsEscape(s[1:]))
}

// EscapeFormula prefixes an apostrophe to a value a spreadsheet would run as
// a formula (such as "=HYPERLINK(...)"), and to a value that already looks
// escaped, so UnescapeFormula restores every value exactly.
func EscapeFormula(s string) string {
	if needsEscape(s) {
		return "'" + s
	}
	return s
}

// unescapeFormula undoes EscapeFormula.
func unescapeFormula(s string) string {
	if strings.HasPrefix(s, "'") && needsEscape(s[1:]) {
		return s[1:]
	}
	return s
}

// maxCellUnits is Excel's limit on a cell's text, in UTF-16 units.
const maxCellUnits = 32767

// sheet is one sheet of an XLSX export.
type sheet struct {
	name string
	rows [][]string // header first
}

// WriteXLSX writes x as a workbook: the first sheet "Submissions" is the
// import format (so the file imports back), then "Entities",
// "Evaluations", "Partners" and "Meetings". Every sheet has a bold, frozen
// header row and column widths fitted to the content.
func WriteXLSX(w io.Writer, x Export) error {
	sheets := []sheet{
		{"Submissions", ImportRows(x.Entities)},
		{"Entities", entityRows(x.Entities)},
		{"Evaluations", evaluationRows(x)},
		{"Partners", partnerRows(x.Partners)},
		{"Meetings", meetingRows(x)},
	}
	return writeSheets(w, sheets, nil)
}

// writeSheets writes sheets; after writing them, more (if not nil) may add
// to the workbook (the template's drop-downs), and then the sheets are
// written cell by cell rather than streamed (excelize drops later edits of a
// streamed sheet).
func writeSheets(w io.Writer, sheets []sheet, more func(f *excelize.File) error) error {
	f := excelize.NewFile()
	defer f.Close()
	header, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Color: "1F2937"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E5E7EB"}},
		Alignment: &excelize.Alignment{Vertical: "top"},
		Border:    []excelize.Border{{Type: "bottom", Color: "9CA3AF", Style: 1}},
	})
	if err != nil {
		return err
	}
	body, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	if err != nil {
		return err
	}
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			return err
		}
		if err := writeSheet(f, s, header, body, more == nil); err != nil {
			return err
		}
	}
	f.SetActiveSheet(0)
	if more != nil {
		if err := more(f); err != nil {
			return err
		}
	}
	return f.Write(w)
}

func writeSheet(f *excelize.File, s sheet, headerStyle, bodyStyle int, stream bool) error {
	if !stream {
		return writeSmallSheet(f, s, headerStyle, bodyStyle)
	}
	sw, err := f.NewStreamWriter(s.name)
	if err != nil {
		return err
	}
	for c, width := range columnWidths(s.rows) {
		if err := sw.SetColWidth(c+1, c+1, width); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	for r, row := range s.rows {
		style := bodyStyle
		if r == 0 {
			style = headerStyle
		}
		cells := make([]any, len(row))
		for c, v := range row {
			if units := len(utf16.Encode([]rune(v))); units > maxCellUnits {
				return apperr.New(apperr.Invalid, "A value on sheet %s (row %d, column %s) is %d characters long, more than a spreadsheet cell holds (%d); export as JSON instead.", s.name, r+1, columnLetter(c), units, maxCellUnits)
			}
			cells[c] = excelize.Cell{StyleID: style, Value: v}
		}
		cell, err := excelize.CoordinatesToCellName(1, r+1)
		if err != nil {
			return err
		}
		if err := sw.SetRow(cell, cells); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// writeSmallSheet writes s cell by cell (for sheets edited afterwards).
func writeSmallSheet(f *excelize.File, s sheet, headerStyle, bodyStyle int) error {
	for c, width := range columnWidths(s.rows) {
		col := columnLetter(c)
		if err := f.SetColWidth(s.name, col, col, width); err != nil {
			return err
		}
	}
	if err := f.SetPanes(s.name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	for r, row := range s.rows {
		cell, err := excelize.CoordinatesToCellName(1, r+1)
		if err != nil {
			return err
		}
		vals := make([]any, len(row))
		for i, v := range row {
			vals[i] = v
		}
		if err := f.SetSheetRow(s.name, cell, &vals); err != nil {
			return err
		}
		style := bodyStyle
		if r == 0 {
			style = headerStyle
		}
		last, err := excelize.CoordinatesToCellName(len(row), r+1)
		if err != nil {
			return err
		}
		if err := f.SetCellStyle(s.name, cell, last, style); err != nil {
			return err
		}
	}
	return nil
}

// columnWidths fits each column to its longest line (in characters, wide
// CJK characters counted twice), between 10 and 60.
func columnWidths(rows [][]string) []float64 {
	var widths []float64
	for _, row := range rows {
		for c, v := range row {
			for len(widths) <= c {
				widths = append(widths, 10)
			}
			for _, line := range strings.Split(v, "\n") {
				n := 0.0
				for _, r := range line {
					if r >= 0x1100 && utf8.RuneLen(r) >= 3 {
						n += 2
					} else {
						n++
					}
				}
				if n+2 > widths[c] {
					widths[c] = n + 2
				}
			}
		}
	}
	for c := range widths {
		if widths[c] > 60 {
			widths[c] = 60
		}
	}
	return widths
}

func entityRows(entities []register.Entity) [][]string {
	rows := [][]string{{"id", "entity_name", "status", "status_label", "received_on", "contact_name", "contact_email", "contact_phone",
		"entity_address", "entity_source", "entity_tags", "entity_notes", "products", "complete", "missing_items", "created_at", "updated_at"}}
	for _, e := range entities {
		rows = append(rows, escapeRow([]string{
			strconv.FormatInt(e.ID, 10), e.Name, string(e.Status), e.Status.Label(), e.ReceivedOn, e.ContactName, e.ContactEmail, e.ContactPhone,
			e.Address, e.Source, strings.Join(e.Tags, "; "), e.Notes, strings.Join(e.ProductNames(), "; "),
			yesNoText(e.Complete()), strconv.Itoa(len(e.Missing())), timeText(e.CreatedAt), timeText(e.UpdatedAt),
		}))
	}
	return rows
}

func evaluationRows(x Export) [][]string {
	names := entityNames(x.Entities)
	w := x.Weights
	if w == nil {
		w = register.DefaultWeights()
	}
	head := []string{"id", "entity_id", "entity_name", "evaluator", "date"}
	for _, a := range register.Aspects() {
		head = append(head, string(a)+"_score", string(a)+"_note")
	}
	head = append(head, "weighted_total", "recommendation", "reason", "created_at", "updated_at")
	rows := [][]string{head}
	for _, ev := range x.Evaluations {
		r := []string{strconv.FormatInt(ev.ID, 10), strconv.FormatInt(ev.EntityID, 10), names[ev.EntityID], ev.Evaluator, ev.Date}
		for _, a := range register.Aspects() {
			sc, ok := ev.Scores[a]
			score := ""
			if ok {
				score = strconv.Itoa(sc.Value)
			}
			r = append(r, score, sc.Note)
		}
		r = append(r, strconv.FormatFloat(ev.Total(w), 'f', 2, 64), string(ev.Recommendation), ev.Reason, timeText(ev.CreatedAt), timeText(ev.UpdatedAt))
		rows = append(rows, escapeRow(r))
	}
	return rows
}

func partnerRows(partners []register.Partner) [][]string {
	rows := [][]string{{"id", "name", "facility", "address", "contacts", "notes"}}
	for _, p := range partners {
		var cs []string
		for _, c := range p.Contacts {
			cs = append(cs, strings.TrimSpace(strings.Join(nonBlank(c.Name, c.Role, c.Email, c.Phone), ", ")))
		}
		rows = append(rows, escapeRow([]string{strconv.FormatInt(p.ID, 10), p.Name, p.Facility, p.Address, strings.Join(cs, "\n"), p.Notes}))
	}
	return rows
}

func meetingRows(x Export) [][]string {
	names := entityNames(x.Entities)
	partners := map[int64]string{}
	for _, p := range x.Partners {
		partners[p.ID] = p.Name
	}
	rows := [][]string{{"id", "title", "starts_at", "place", "partners", "attendees", "entities", "agenda", "minutes", "outcome", "actions"}}
	for _, m := range x.Meetings {
		var ps, es, as []string
		for _, id := range m.PartnerIDs {
			ps = append(ps, partners[id])
		}
		for _, id := range m.EntityIDs {
			es = append(es, names[id])
		}
		for _, a := range m.Actions {
			line := a.Text
			if a.Owner != "" {
				line += " (" + a.Owner + ")"
			}
			if a.Due != "" {
				line += " due " + a.Due
			}
			if a.Done {
				line += " [done]"
			}
			as = append(as, line)
		}
		rows = append(rows, escapeRow([]string{strconv.FormatInt(m.ID, 10), m.Title, timeText(m.StartsAt), m.Place,
			strings.Join(ps, "; "), strings.Join(m.Attendees, "; "), strings.Join(es, "; "), m.Agenda, m.Minutes, m.Outcome, strings.Join(as, "\n")}))
	}
	return rows
}

func nonBlank(vs ...string) []string {
	var out []string
	for _, v := range vs {
		if strings.TrimSpace(v) != "" {
			out = append(out, v)
		}
	}
	return out
}

func escapeRow(r []string) []string {
	for i := range r {
		r[i] = EscapeFormula(r[i])
	}
	return r
}

func entityNames(entities []register.Entity) map[int64]string {
	m := make(map[int64]string, len(entities))
	for _, e := range entities {
		m[e.ID] = e.Name
	}
	return m
}

func yesNoText(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func timeText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

// jsonExport is the JSON export's shape.
type jsonExport struct {
	Format      string                `json:"format"`
	Version     int                   `json:"version"`
	ExportedAt  string                `json:"exported_at"`
	Entities    []register.Entity     `json:"entities"`
	Evaluations []register.Evaluation `json:"evaluations"`
	Partners    []register.Partner    `json:"partners"`
	Meetings    []register.Meeting    `json:"meetings"`
}

// WriteJSON writes x as one indented JSON object: format "atpreg-export",
// version 1, exported_at, and arrays (never null) of entities (with their
// submissions, by the import column names), evaluations, partners and
// meetings.
func WriteJSON(w io.Writer, x Export) error {
	j := jsonExport{Format: "atpreg-export", Version: 1, ExportedAt: timeText(x.ExportedAt),
		Entities: x.Entities, Evaluations: x.Evaluations, Partners: x.Partners, Meetings: x.Meetings}
	if j.Entities == nil {
		j.Entities = []register.Entity{}
	}
	if j.Evaluations == nil {
		j.Evaluations = []register.Evaluation{}
	}
	if j.Partners == nil {
		j.Partners = []register.Partner{}
	}
	if j.Meetings == nil {
		j.Meetings = []register.Meeting{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(j)
}

// Write writes x in format f (CSV holds the entities and submissions only).
func Write(w io.Writer, f Format, x Export) error {
	switch f {
	case CSV:
		return WriteCSV(w, x.Entities)
	case XLSX:
		return WriteXLSX(w, x)
	case JSON:
		return WriteJSON(w, x)
	}
	return apperr.New(apperr.Invalid, "%q is not an export format; use csv, xlsx or json.", string(f))
}

// Extension returns the file extension of f, with the dot.
func (f Format) Extension() string { return "." + string(f) }

// Mime returns the media type of f.
func (f Format) Mime() string {
	switch f {
	case CSV:
		return "text/csv"
	case XLSX:
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	return "application/json"
}
