package store

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"atpreg/internal/apperr"
	"atpreg/internal/interchange"
	"atpreg/internal/register"
)

// ActionImport is the audit action of an import: one line per entity the
// import created or changed, naming the file and its SHA-256.
const ActionImport = "import"

// What an import does to one entity or product.
const (
	ImportCreate    = "create"    // new to the register
	ImportMerge     = "merge"     // already there; the file adds or changes something
	ImportUnchanged = "unchanged" // already there with the same values
	ImportAdd       = "add"       // a product new to an existing entity
	ImportUpdate    = "update"    // a product already there whose fields change
)

// ImportFile names the imported file for the audit trail.
type ImportFile struct {
	Name   string `json:"name"`   // base name, e.g. "rfi-replies.xlsx"
	SHA256 string `json:"sha256"` // hex
}

// ImportProduct is what an import does to one product.
type ImportProduct struct {
	Name    string `json:"name"`
	Row     int    `json:"row"`
	Action  string `json:"action"`  // create (with a new entity), add, update, unchanged
	Changes int    `json:"changes"` // fields that change (update)
}

// ImportEntity is what an import does to one entity of the file.
type ImportEntity struct {
	Name     string          `json:"name"`
	Email    string          `json:"email"`
	Rows     []int           `json:"rows"`
	Action   string          `json:"action"`   // create, merge, unchanged
	EntityID int64           `json:"entityId"` // the existing entity, or the new one after an import
	Changes  int             `json:"changes"`  // entity fields that change (merge)
	Products []ImportProduct `json:"products"`
	Complete bool            `json:"complete"` // all RFI items answered after the import
	Missing  int             `json:"missing"`  // unanswered RFI items after the import
}

// ImportReport says what an import did, or would do on a dry run.
type ImportReport struct {
	File      ImportFile            `json:"file"`
	Format    string                `json:"format"`
	DryRun    bool                  `json:"dryRun"`
	Applied   bool                  `json:"applied"` // the register was changed
	Rows      int                   `json:"rows"`
	Entities  []ImportEntity        `json:"entities"`
	Created   int                   `json:"created"`   // entities
	Merged    int                   `json:"merged"`    // entities
	Unchanged int                   `json:"unchanged"` // entities
	Added     int                   `json:"added"`     // products (on new and existing entities)
	Updated   int                   `json:"updated"`   // products
	Problems  []interchange.Problem `json:"problems"`
	Columns   []string              `json:"columns"` // the import format's columns
}

// errDryRun rolls a dry run's transaction back.
var errDryRun = errors.New("store: dry run")

// Import applies a parsed file to the register in one transaction: all rows
// or none. An entity of the file that is already in the register (same name
// and contact email, case and surrounding space ignored) is merged into it:
// non-blank cells replace the stored values, products are matched by name
// (case and space ignored) and new ones added; nothing is duplicated, and
// importing the same file again changes nothing. Each entity created or
// changed gets an "import" line in its history with the file's name and
// SHA-256 (and the field-by-field changes). With dryRun the same work is done
// and rolled back, so the report shows exactly what would happen. A batch
// with problems, or a merge the domain rejects, changes nothing: the report
// lists the problems and, unless dryRun, the error is an apperr.Invalid
// naming them (row, column, value, reason).
func (db *DB) Import(ctx context.Context, b *interchange.Batch, file ImportFile, by string, dryRun bool) (ImportReport, error) {
	rep := ImportReport{File: file, Format: string(b.Format), DryRun: dryRun, Rows: b.Rows,
		Entities: []ImportEntity{}, Problems: append([]interchange.Problem{}, b.Problems...), Columns: interchange.ColumnNames()}
	if len(rep.Problems) > 0 {
		if dryRun {
			return rep, nil
		}
		return rep, b.Err()
	}
	by = who(by)
	now := db.Now()
	err := db.Update(ctx, func(tx *Tx) error {
		existing, err := entityKeys(&tx.Reader)
		if err != nil {
			return err
		}
		for _, g := range b.Groups {
			ie, problems, err := importGroup(tx, g, existing, file, by, now)
			if err != nil {
				return err
			}
			rep.Problems = append(rep.Problems, problems...)
			rep.Entities = append(rep.Entities, ie)
		}
		if len(rep.Problems) > 0 || dryRun {
			return errDryRun
		}
		return nil
	})
	for _, e := range rep.Entities {
		switch e.Action {
		case ImportCreate:
			rep.Created++
		case ImportMerge:
			rep.Merged++
		default:
			rep.Unchanged++
		}
		for _, p := range e.Products {
			switch p.Action {
			case ImportCreate, ImportAdd:
				rep.Added++
			case ImportUpdate:
				rep.Updated++
			}
		}
	}
	switch {
	case errors.Is(err, errDryRun) && len(rep.Problems) > 0:
		pb := &interchange.Batch{Problems: rep.Problems}
		if dryRun {
			return rep, nil
		}
		return rep, pb.Err()
	case errors.Is(err, errDryRun):
		return rep, nil
	case err != nil:
		return rep, err
	}
	rep.Applied = rep.Created+rep.Merged > 0
	return rep, nil
}

// entityKeys maps each stored entity's import key to its id (the oldest when
// several share one).
func entityKeys(r *Reader) (map[string]int64, error) {
	var rows []struct {
		ID    int64  `db:"id"`
		Name  string `db:"name"`
		Email string `db:"contact_email"`
	}
	if err := r.Select(&rows, `SELECT id, name, contact_email FROM entities ORDER BY id`); err != nil {
		return nil, err
	}
	m := make(map[string]int64, len(rows))
	for _, row := range rows {
		k := interchange.Key(row.Name, row.Email)
		if _, ok := m[k]; !ok {
			m[k] = row.ID
		}
	}
	return m, nil
}

func rowsText(rows []int) string {
	parts := make([]string, 0, len(rows))
	for _, r := range rows {
		parts = append(parts, strconv.Itoa(r))
	}
	if len(parts) == 1 {
		return "row " + parts[0]
	}
	return "rows " + strings.Join(parts, ", ")
}

func importDetail(file ImportFile, rows []int, what string) string {
	return fmt.Sprintf("Imported from %s (SHA-256 %s), %s: %s", file.Name, file.SHA256, rowsText(rows), what)
}

// importGroup creates or merges one entity of the file inside tx.
func importGroup(tx *Tx, g interchange.Group, existing map[string]int64, file ImportFile, by string, now time.Time) (ImportEntity, []interchange.Problem, error) {
	ie := ImportEntity{Name: g.Entity.Name, Email: g.Entity.ContactEmail, Rows: g.Rows, Products: []ImportProduct{}}
	id, found := existing[g.Key]
	if !found {
		ie.Action = ImportCreate
		for i, s := range g.Entity.Submissions {
			ie.Products = append(ie.Products, ImportProduct{Name: s.ProductName, Row: g.SubmissionRows[i], Action: ImportCreate})
		}
		e := g.Entity
		e.Status = ""
		ie.Complete, ie.Missing = completeness(e)
		newID, err := CreateEntityTx(tx, e, by, now, importDetail(file, g.Rows, "registered"))
		if err != nil {
			if fe := apperr.FieldsOf(err); len(fe) > 0 {
				return ie, problemsOf(fe, g, nil), nil
			}
			return ie, nil, err
		}
		ie.EntityID = newID
		existing[g.Key] = newID
		what := fmt.Sprintf("registered with %d product(s)", len(e.Submissions))
		return ie, nil, AuditTx(tx, AuditEntry{EntityID: newID, At: TimeText(now), By: by, Action: ActionImport, Field: "file", New: file.Name, Detail: importDetail(file, g.Rows, what)})
	}
	ie.EntityID = id
	cur, err := getEntity(&tx.Reader, id)
	if err != nil {
		return ie, nil, err
	}
	merged, subRows := mergeEntity(cur, g)
	merged.Normalize()
	ie.Changes = len(diffFields(entityFields(cur), entityFields(merged)))
	stored := map[int64]register.Submission{}
	for _, s := range cur.Submissions {
		stored[s.ID] = s
	}
	changed := ie.Changes > 0
	for i, s := range merged.Submissions {
		if subRows[i] == 0 {
			continue // a stored product the file does not mention
		}
		p := ImportProduct{Name: s.ProductName, Row: subRows[i]}
		if s.ID == 0 {
			p.Action = ImportAdd
			changed = true
		} else if n := len(diffFields(submissionFields(stored[s.ID]), submissionFields(s))); n > 0 {
			p.Action, p.Changes = ImportUpdate, n
			changed = true
		} else {
			p.Action = ImportUnchanged
		}
		ie.Products = append(ie.Products, p)
	}
	ie.Complete, ie.Missing = completeness(merged)
	if !changed {
		ie.Action = ImportUnchanged
		return ie, nil, nil
	}
	ie.Action = ImportMerge
	if err := merged.Validate(); err != nil {
		if fe := apperr.FieldsOf(err); len(fe) > 0 {
			return ie, problemsOf(fe, g, subRows), nil
		}
		return ie, nil, err
	}
	if err := UpdateEntityTx(tx, merged, by, now); err != nil {
		return ie, nil, err
	}
	var added, updated int
	for _, p := range ie.Products {
		switch p.Action {
		case ImportAdd:
			added++
		case ImportUpdate:
			updated++
		}
	}
	what := fmt.Sprintf("merged (%d entity field(s) changed, %d product(s) added, %d updated)", ie.Changes, added, updated)
	return ie, nil, AuditTx(tx, AuditEntry{EntityID: id, At: TimeText(now), By: by, Action: ActionImport, Field: "file", New: file.Name, Detail: importDetail(file, g.Rows, what)})
}

var subFieldRE = regexp.MustCompile(`^submissions\[(\d+)\]\.(.+)$`)

var entityColumnOf = map[string]string{
	"name": "entity_name", "address": "entity_address", "source": "entity_source", "tags": "entity_tags", "notes": "entity_notes",
}

// problemsOf maps the domain's field problems on a (merged) entity to the
// file's rows and columns. subRows[i] is the file row of submission i (0 for
// a stored product the file does not mention); nil means g's own order.
func problemsOf(fields []apperr.FieldError, g interchange.Group, subRows []int) []interchange.Problem {
	if subRows == nil {
		subRows = g.SubmissionRows
	}
	var out []interchange.Problem
	for _, f := range fields {
		row, col := g.Rows[0], f.Field
		if m := subFieldRE.FindStringSubmatch(f.Field); m != nil {
			i, _ := strconv.Atoi(m[1])
			col = m[2]
			if i < len(subRows) && subRows[i] > 0 {
				row = subRows[i]
			}
		} else if c, ok := entityColumnOf[f.Field]; ok {
			col = c
		}
		out = append(out, interchange.Problem{Row: row, Column: col, Reason: f.Message + " (together with what the register already holds for this entity)"})
	}
	return out
}

// mergeEntity lays the file's values over the stored entity: non-blank
// values replace, tags are added, products are matched by name. It returns
// the merged entity and, per merged submission, the file row (0: untouched).
func mergeEntity(cur register.Entity, g interchange.Group) (register.Entity, []int) {
	e := cur
	in := g.Entity
	for _, p := range []struct {
		dst *string
		src string
	}{{&e.Address, in.Address}, {&e.ContactName, in.ContactName}, {&e.ContactPhone, in.ContactPhone},
		{&e.ReceivedOn, in.ReceivedOn}, {&e.Source, in.Source}, {&e.Notes, in.Notes}} {
		if strings.TrimSpace(p.src) != "" {
			*p.dst = p.src
		}
	}
	if len(in.Tags) > 0 {
		have := map[string]bool{}
		tags := append([]string{}, e.Tags...)
		for _, t := range tags {
			have[strings.ToLower(t)] = true
		}
		for _, t := range in.Tags {
			if !have[strings.ToLower(t)] {
				tags = append(tags, t)
				have[strings.ToLower(t)] = true
			}
		}
		e.Tags = tags
	}
	e.Submissions = append([]register.Submission{}, cur.Submissions...)
	rows := make([]int, len(e.Submissions))
	byName := map[string]int{}
	for i, s := range e.Submissions {
		if _, ok := byName[interchange.ProductKey(s.ProductName)]; !ok {
			byName[interchange.ProductKey(s.ProductName)] = i
		}
	}
	for i, s := range in.Submissions {
		if j, ok := byName[interchange.ProductKey(s.ProductName)]; ok {
			e.Submissions[j] = mergeSubmission(e.Submissions[j], s)
			rows[j] = g.SubmissionRows[i]
			continue
		}
		e.Submissions = append(e.Submissions, s)
		rows = append(rows, g.SubmissionRows[i])
	}
	return e, rows
}

// mergeSubmission lays in's answered items over s.
func mergeSubmission(s, in register.Submission) register.Submission {
	for _, p := range []struct {
		dst *string
		src string
	}{{&s.Composition, in.Composition}, {&s.PharmaceuticalForm, in.PharmaceuticalForm},
		{&s.TherapeuticIndication, in.TherapeuticIndication}, {&s.RouteOther, in.RouteOther},
		{&s.IntendedUseOther, in.IntendedUseOther}, {&s.StartingMaterialsOther, in.StartingMaterialsOther},
		{&s.PDFurther, in.PDFurther}, {&s.TrainingDetails, in.TrainingDetails}, {&s.Notes, in.Notes}} {
		if strings.TrimSpace(p.src) != "" {
			*p.dst = p.src
		}
	}
	if len(in.Routes) > 0 {
		s.Routes = in.Routes
	}
	if len(in.StartingMaterials) > 0 {
		s.StartingMaterials = in.StartingMaterials
	}
	if len(in.TrainingRoles) > 0 {
		s.TrainingRoles = in.TrainingRoles
	}
	if in.ATPType != "" {
		s.ATPType = in.ATPType
	}
	if in.GeneVector != "" {
		s.GeneVector = in.GeneVector
	}
	if in.IntendedUse != "" {
		s.IntendedUse = in.IntendedUse
	}
	if in.ProcessType != "" {
		s.ProcessType = in.ProcessType
	}
	if in.ExpectedStart != "" {
		s.ExpectedStart = in.ExpectedStart
	}
	for _, p := range []struct {
		dst *register.YesNo
		src register.YesNo
	}{{&s.PDCompleted, in.PDCompleted}, {&s.GMPBefore, in.GMPBefore}, {&s.HasAuthorizedPerson, in.HasAuthorizedPerson}, {&s.NeedsTraining, in.NeedsTraining}} {
		if p.src.Answered() {
			*p.dst = p.src
		}
	}
	return s
}
