package interchange

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
)

// Problem is one reason a file is rejected: where (row, column), what was
// there (value) and why (reason, in the officer's words). Row 1 is the header.
type Problem struct {
	Row    int    `json:"row"`
	Column string `json:"column"`
	Value  string `json:"value"`
	Reason string `json:"reason"` // English
	said   apperr.Label
}

// Text is the problem's reason in any language (the window's).
func (p Problem) Text() apperr.Label {
	if p.said != nil {
		return p.said
	}
	return apperr.Verbatim(p.Reason)
}

// Group is one entity of the file with its products, normalised and valid
// when the batch has no problems.
type Group struct {
	// Key identifies the entity: its name and contact email, folded (see Key).
	Key string `json:"key"`
	// Entity holds the entity's fields and its submissions in file order.
	Entity register.Entity `json:"entity"`
	// Rows are the file rows of the entity.
	Rows []int `json:"rows"`
	// SubmissionRows[i] is the file row of Entity.Submissions[i].
	SubmissionRows []int `json:"submissionRows"`
}

// Batch is a parsed file: its entities and every problem found.
type Batch struct {
	Format   Format    `json:"format"`
	Rows     int       `json:"rows"` // data rows read
	Groups   []Group   `json:"groups"`
	Problems []Problem `json:"problems"`
}

// Key folds an entity's name and contact email into the identity the import
// matches on: surrounding space and case ignored in both.
func Key(name, email string) string {
	return strings.ToLower(strings.TrimSpace(name)) + "\x00" + strings.ToLower(strings.TrimSpace(email))
}

// ProductKey folds a product name for matching within one entity: surrounding
// space and case ignored, inner runs of space collapsed.
func ProductKey(name string) string {
	return strings.ToLower(strings.Join(strings.Fields(name), " "))
}

// Err returns nil when b has no problems, else an *apperr.Error with code
// Invalid naming every problem (Row, Field = column, Value, Message).
func (b *Batch) Err() error {
	if len(b.Problems) == 0 {
		return nil
	}
	fields := make([]apperr.FieldError, len(b.Problems))
	for i, p := range b.Problems {
		fields[i] = apperr.Field(p.Column, "%s", p.Text())
		fields[i].Row, fields[i].Value = p.Row, p.Value
	}
	first := b.Problems[0]
	where := apperr.T("row %d, %s", first.Row, first.Column)
	if first.Column == "" {
		where = apperr.T("row %d", first.Row)
	}
	if n := len(b.Problems); n > 1 {
		return apperr.New(apperr.Invalid, "The file was not imported: %d problems; the first (%s): %s Nothing was changed.", n, where, first.Text()).With(fields...)
	}
	return apperr.New(apperr.Invalid, "The file was not imported: 1 problem (%s): %s Nothing was changed.", where, first.Text()).With(fields...)
}

// Submissions counts the products in b.
func (b *Batch) Submissions() int {
	n := 0
	for _, g := range b.Groups {
		n += len(g.Entity.Submissions)
	}
	return n
}

// maxShownValue bounds a problem's value (a whole paragraph helps nobody).
const maxShownValue = 120

func shown(s string) string {
	if utf8.RuneCountInString(s) <= maxShownValue {
		return s
	}
	r := []rune(s)
	return string(r[:maxShownValue]) + "…"
}

// Parse checks t's header and every cell and groups the rows into entities.
// Header problems (unknown, duplicate, missing required columns) stop it
// early; otherwise every cell problem and every validation problem of the
// assembled entities is listed. It never panics on malformed input.
func Parse(t *Table) *Batch {
	b := &Batch{Format: t.Format, Rows: len(t.Rows)}
	cols, ok := b.header(t)
	if !ok {
		return b
	}
	groups := map[string]*groupState{}
	var order []*groupState
	for i, cells := range t.Rows {
		line := t.Lines[i]
		r := b.readRow(cols, cells, line)
		if r == nil {
			continue
		}
		g := groups[r.key]
		if g == nil {
			g = &groupState{Group: Group{Key: r.key}, products: map[string]int{}, from: map[string]int{}}
			groups[r.key] = g
			order = append(order, g)
		}
		b.merge(g, r)
	}
	for _, g := range order {
		b.finish(g)
		b.Groups = append(b.Groups, g.Group)
	}
	sortProblems(b.Problems)
	return b
}

// sortProblems orders problems by row, then by the column's place in the
// import format (a row's cells are checked in no fixed order), so that the
// officer reads them in the file's order and every run lists them alike.
func sortProblems(ps []Problem) {
	place := func(col string) int {
		for i, c := range columns {
			if c.Name == col {
				return i
			}
		}
		return len(columns)
	}
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].Row != ps[j].Row {
			return ps[i].Row < ps[j].Row
		}
		if pi, pj := place(ps[i].Column), place(ps[j].Column); pi != pj {
			return pi < pj
		}
		return ps[i].Column < ps[j].Column
	})
}

func (b *Batch) add(row int, column, value, format string, args ...any) {
	t := apperr.T(format, args...)
	b.Problems = append(b.Problems, Problem{Row: row, Column: column, Value: shown(value), Reason: t.String(), said: t})
}

// header maps each cell position to a column index (-1: ignored blank header).
func (b *Batch) header(t *Table) ([]int, bool) {
	if len(t.Header) == 0 || blankRow(t.Header) {
		b.add(1, "", "", "The first row must be the header with the column names (entity_name, product_name, ...); it is empty.")
		return nil, false
	}
	cols := make([]int, len(t.Header))
	seen := map[int]int{}
	bad := false
	for i, h := range t.Header {
		h = unescapeFormula(h)
		name := normaliseHeader(strings.TrimPrefix(h, "\ufeff"))
		if name == "" {
			cols[i] = -1
			for _, row := range t.Rows {
				if i < len(row) && strings.TrimSpace(row[i]) != "" {
					b.add(1, columnLetter(i), "", "Column %s has values but no name in the header row; name it or remove it.", columnLetter(i))
					bad = true
					break
				}
			}
			continue
		}
		ci, ok := columnIndex[name]
		if !ok {
			b.add(1, strings.TrimSpace(h), strings.TrimSpace(h), "%q is not a column of the import format%s. The columns are: %s.", strings.TrimSpace(h), suggest(name), strings.Join(ColumnNames(), ", "))
			bad = true
			continue
		}
		if j, dup := seen[ci]; dup {
			b.add(1, name, strings.TrimSpace(h), "The column %s is in the header twice (columns %s and %s); keep one.", name, columnLetter(j), columnLetter(i))
			bad = true
			continue
		}
		seen[ci] = i
		cols[i] = ci
	}
	for _, req := range []string{"entity_name", "product_name"} {
		if _, ok := seen[columnIndex[req]]; !ok && !bad {
			b.add(1, req, "", "The header has no %s column; it is required (save the template to see the format).", req)
			bad = true
		}
	}
	return cols, !bad
}

// suggest names a close column for a mistyped header.
func suggest(name string) apperr.Label {
	for _, c := range columns {
		if strings.ReplaceAll(c.Name, "_", "") == strings.ReplaceAll(name, "_", "") {
			return apperr.T(" (did you mean %s?)", c.Name)
		}
	}
	if strings.EqualFold(name, "name") || name == "entity" {
		return apperr.T(" (did you mean %s?)", "entity_name")
	}
	if name == "product" {
		return apperr.T(" (did you mean %s?)", "product_name")
	}
	return apperr.Verbatim("")
}

// columnLetter gives the spreadsheet letter of a 0-based column.
func columnLetter(i int) string {
	s := ""
	for i++; i > 0; i = (i - 1) / 26 {
		s = string(rune('A'+(i-1)%26)) + s
	}
	return s
}

// rowData is one parsed row.
type rowData struct {
	line    int
	key     string
	entity  register.Entity
	sub     *register.Submission
	raw     map[string]string // column -> cell text
	present map[string]bool   // entity columns with a value in this row
}

func (b *Batch) readRow(cols []int, cells []string, line int) *rowData {
	r := &rowData{line: line, raw: map[string]string{}, present: map[string]bool{}}
	hasProduct := false
	for i, cell := range cells {
		if i >= len(cols) {
			if strings.TrimSpace(cell) != "" {
				b.add(line, columnLetter(i), cell, "This value is beyond the last column of the header; give the column a name or remove the value.")
			}
			continue
		}
		if cols[i] < 0 {
			continue
		}
		cell = unescapeFormula(cell)
		col := columns[cols[i]]
		r.raw[col.Name] = cell
		if strings.TrimSpace(cell) == "" {
			continue
		}
		if col.Entity {
			r.present[col.Name] = true
		} else {
			hasProduct = true
		}
	}
	if strings.TrimSpace(r.raw["entity_name"]) == "" {
		b.add(line, "entity_name", "", "The name of the entity is required on every row.")
		return nil
	}
	if hasProduct {
		r.sub = &register.Submission{}
	}
	for name, v := range r.raw {
		if err := setField(&r.entity, r.sub, name, v); err != nil {
			b.add(line, name, v, "%s", apperr.Say(err))
		}
	}
	r.key = Key(r.entity.Name, r.entity.ContactEmail)
	return r
}

// setField parses v into the entity or submission field of column name.
func setField(e *register.Entity, s *register.Submission, name, v string) error {
	var err error
	switch name {
	case "entity_name":
		e.Name = v
	case "entity_address":
		e.Address = v
	case "contact_name":
		e.ContactName = v
	case "contact_email":
		e.ContactEmail = v
	case "contact_phone":
		e.ContactPhone = v
	case "received_on":
		e.ReceivedOn, err = register.ParseDate(v)
	case "entity_source":
		e.Source = v
	case "entity_tags":
		e.Tags = splitTags(v)
	case "entity_notes":
		e.Notes = v
	}
	if s == nil || err != nil {
		return err
	}
	switch name {
	case "product_name":
		s.ProductName = v
	case "composition":
		s.Composition = v
	case "pharmaceutical_form":
		s.PharmaceuticalForm = v
	case "therapeutic_indication":
		s.TherapeuticIndication = v
	case "routes":
		s.Routes, err = register.ParseRoutes(v)
	case "route_other":
		s.RouteOther = v
	case "atp_type":
		s.ATPType, err = register.ParseATPType(v)
	case "gene_vector":
		s.GeneVector, err = register.ParseGeneVector(v)
	case "intended_use":
		s.IntendedUse, err = register.ParseIntendedUse(v)
	case "intended_use_other":
		s.IntendedUseOther = v
	case "starting_materials":
		s.StartingMaterials, err = register.ParseStartingMaterials(v)
	case "starting_materials_other":
		s.StartingMaterialsOther = v
	case "process_type":
		s.ProcessType, err = register.ParseProcessType(v)
	case "pd_completed":
		s.PDCompleted, err = register.ParseYesNo(v)
	case "pd_further":
		s.PDFurther = v
	case "gmp_before":
		s.GMPBefore, err = register.ParseYesNo(v)
	case "has_authorized_person":
		s.HasAuthorizedPerson, err = register.ParseYesNo(v)
	case "needs_training":
		s.NeedsTraining, err = register.ParseYesNo(v)
	case "training_roles":
		s.TrainingRoles, err = register.ParseTrainingRoles(v)
	case "training_details":
		s.TrainingDetails = v
	case "expected_start":
		s.ExpectedStart, err = register.ParseMonth(v)
	case "notes":
		s.Notes = v
	}
	return err
}

func splitTags(v string) []string {
	var out []string
	for _, t := range strings.FieldsFunc(v, func(r rune) bool { return r == ';' || r == ',' }) {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// groupState is a group being assembled.
type groupState struct {
	Group
	products map[string]int // product key -> row
	from     map[string]int // entity column -> row its value came from
}

// entityValue returns the text form of an entity column of e, normalised.
func entityValue(e register.Entity, column string) string {
	switch column {
	case "entity_name":
		return strings.TrimSpace(e.Name)
	case "entity_address":
		return strings.TrimSpace(strings.ReplaceAll(e.Address, "\r\n", "\n"))
	case "contact_name":
		return strings.TrimSpace(e.ContactName)
	case "contact_email":
		return strings.ToLower(strings.TrimSpace(e.ContactEmail))
	case "contact_phone":
		return strings.TrimSpace(e.ContactPhone)
	case "received_on":
		return e.ReceivedOn
	case "entity_source":
		return strings.TrimSpace(e.Source)
	case "entity_tags":
		return strings.ToLower(strings.Join(e.Tags, ";"))
	case "entity_notes":
		return strings.TrimSpace(strings.ReplaceAll(e.Notes, "\r\n", "\n"))
	}
	return ""
}

func (b *Batch) merge(g *groupState, r *rowData) {
	g.Rows = append(g.Rows, r.line)
	if len(g.Rows) == 1 {
		g.Entity = r.entity
		for c := range r.present {
			g.from[c] = r.line
		}
	} else {
		for _, c := range columns {
			if !c.Entity || !r.present[c.Name] {
				continue
			}
			have, got := entityValue(g.Entity, c.Name), entityValue(r.entity, c.Name)
			if have == "" {
				copyEntityField(&g.Entity, r.entity, c.Name)
				g.from[c.Name] = r.line
				continue
			}
			if have != got && c.Name != "entity_name" {
				b.add(r.line, c.Name, r.raw[c.Name], "This entity's %s differs from row %d (%q); an entity's details must be the same on each of its rows.", c.Name, g.from[c.Name], shown(have))
			}
		}
	}
	if r.sub == nil {
		return
	}
	if k := ProductKey(r.sub.ProductName); k != "" {
		if prev, dup := g.products[k]; dup {
			b.add(r.line, "product_name", r.sub.ProductName, "The product %q of this entity is already on row %d; give each product one row.", strings.TrimSpace(r.sub.ProductName), prev)
			return
		}
		g.products[k] = r.line
	}
	g.Entity.Submissions = append(g.Entity.Submissions, *r.sub)
	g.SubmissionRows = append(g.SubmissionRows, r.line)
}

func copyEntityField(dst *register.Entity, src register.Entity, column string) {
	switch column {
	case "entity_address":
		dst.Address = src.Address
	case "contact_name":
		dst.ContactName = src.ContactName
	case "contact_email":
		dst.ContactEmail = src.ContactEmail
	case "contact_phone":
		dst.ContactPhone = src.ContactPhone
	case "received_on":
		dst.ReceivedOn = src.ReceivedOn
	case "entity_source":
		dst.Source = src.Source
	case "entity_tags":
		dst.Tags = src.Tags
	case "entity_notes":
		dst.Notes = src.Notes
	}
}

var subField = regexp.MustCompile(`^submissions\[(\d+)\]\.(.+)$`)

// finish normalises and validates g's entity, listing its problems against
// the rows and columns they came from.
func (b *Batch) finish(g *groupState) {
	g.Entity.Normalize()
	if g.Entity.Submissions == nil {
		g.Entity.Submissions = []register.Submission{}
	}
	for _, fe := range apperr.FieldsOf(g.Entity.Validate()) {
		row, column, value := g.Rows[0], fe.Field, ""
		if m := subField.FindStringSubmatch(fe.Field); m != nil {
			i, _ := strconv.Atoi(m[1])
			column = m[2]
			if i < len(g.SubmissionRows) {
				row = g.SubmissionRows[i]
				value = submissionText(g.Entity.Submissions[i], column)
			}
		} else {
			if c, ok := entityFieldColumn[fe.Field]; ok {
				column = c
			} else if fe.Field == "submissions" {
				column = "product_name"
			}
			if r, ok := g.from[column]; ok {
				row = r
			}
			value = entityText(g.Entity, column)
		}
		b.add(row, column, value, "%s", fe)
	}
}
