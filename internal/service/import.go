package service

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"atpreg/internal/apperr"
	"atpreg/internal/interchange"
	"atpreg/internal/register"
	"atpreg/internal/store"
)

// What an import does to one entity, product or row of the file.
const (
	ImportCreate    = "create"    // new to the register
	ImportMerge     = "merge"     // already there; the file adds or changes something
	ImportUnchanged = "unchanged" // already there with the same values
	ImportAdd       = "add"       // a product new to an existing entity
	ImportUpdate    = "update"    // a product already there whose fields change
	ImportRejected  = "rejected"  // a row with a problem
	ImportValid     = "valid"     // a good row held back by other rows' problems
)

// MaxImportBytes is the largest file an import takes.
const MaxImportBytes = interchange.MaxFileBytes

// ImportProblem is one reason a file is rejected: where (row, column), what
// was there (value) and why (reason, in the officer's words). Row 1 is the
// header.
type ImportProblem = interchange.Problem

// ImportFile is a file read for an import: its name as the audit trail
// records it (the base name), its SHA-256 and its parsed rows. Make one with
// ReadImportFile (a path) or NewImportFile (bytes with a name); the same
// ImportFile can be checked and then applied, so what is imported is exactly
// what was checked.
type ImportFile struct {
	// Name is the file's base name, e.g. "rfi-replies.xlsx".
	Name string
	// SHA256 is the hex SHA-256 of the file's bytes.
	SHA256 string
	// Size is the file's size in bytes.
	Size int

	batch *interchange.Batch
}

// Problems returns the problems found in the file's own header and cells
// (those that need no register); a check adds those the register reveals.
func (f ImportFile) Problems() []ImportProblem {
	if f.batch == nil {
		return nil
	}
	return slices.Clone(f.batch.Problems)
}

// Err returns nil when the file's header and cells are fine, else an
// apperr.Invalid naming every problem (row, column, value, reason).
func (f ImportFile) Err() error { return problemsErr(f.Problems()) }

// baseName keeps a file's base name (either slash) for the audit trail.
func baseName(name string) string {
	name = filepath.Base(strings.ReplaceAll(strings.TrimSpace(name), "\\", "/"))
	if name == "." || name == "/" || name == "" {
		return "unnamed file"
	}
	return name
}

func tooLarge(name string, size int64) error {
	return apperr.New(apperr.Invalid, "The file %s is %.1f MB, more than the %d MB an import takes. Split it into smaller files and import them one after another. Nothing was changed.",
		name, float64(size)/(1<<20), MaxImportBytes>>20)
}

func unreadable(path string, err error) error {
	return apperr.Wrap(err, apperr.NotFound, "The file %s cannot be read (%s); check that it exists and that you may open it.", path, apperr.Reason(err))
}

// ReadImportFile reads the file at path for an import: it must be a regular
// file of at most MaxImportBytes, in CSV or XLSX (apperr.NotFound when it
// cannot be read, apperr.Invalid when it is a folder, too large, empty or
// not a spreadsheet). Problems in its header and cells are not errors here:
// see ImportFile.Problems.
func ReadImportFile(path string) (ImportFile, error) {
	name := baseName(path)
	st, err := os.Stat(path)
	if err != nil {
		return ImportFile{}, unreadable(path, err)
	}
	if st.IsDir() {
		return ImportFile{}, apperr.New(apperr.Invalid, "%s is a folder; choose a CSV or XLSX file.", path)
	}
	if st.Size() > MaxImportBytes {
		return ImportFile{}, tooLarge(name, st.Size())
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return ImportFile{}, unreadable(path, err)
	}
	return NewImportFile(name, data)
}

// NewImportFile takes the bytes of a file named name (a picked or dropped
// file; only its base name is kept) for an import, with the checks of
// ReadImportFile.
func NewImportFile(name string, data []byte) (ImportFile, error) {
	name = baseName(name)
	if len(data) > MaxImportBytes {
		return ImportFile{}, tooLarge(name, int64(len(data)))
	}
	tab, err := interchange.Read(data)
	if err != nil {
		return ImportFile{}, err
	}
	sum := sha256.Sum256(data)
	return ImportFile{Name: name, SHA256: hex.EncodeToString(sum[:]), Size: len(data), batch: interchange.Parse(tab)}, nil
}

// ImportProduct is what an import does to one product.
type ImportProduct struct {
	Name    string
	Row     int
	Action  string // ImportCreate (with a new entity), ImportAdd, ImportUpdate, ImportUnchanged
	Changes int    // fields that change (ImportUpdate)
}

// ImportEntity is what an import does to one entity of the file.
type ImportEntity struct {
	Name     string
	Email    string
	Rows     []int
	Action   string // ImportCreate, ImportMerge, ImportUnchanged
	EntityID int64  // the existing entity, or the new one after an import
	Changes  int    // entity fields that change (ImportMerge)
	Products []ImportProduct
	Complete bool // all RFI items answered after the import
	Missing  int  // unanswered RFI items after the import
}

// ImportRow is one row of the file in a report's table.
type ImportRow struct {
	Row     int
	Entity  string
	Email   string
	Product string
	// Action is ImportCreate, ImportMerge, ImportAdd, ImportUpdate or
	// ImportUnchanged; ImportRejected for a row with a problem, ImportValid
	// for a good row held back by others' problems.
	Action   string
	Problems []ImportProblem
}

// ImportReport says what an import did, or what it would do (a check).
type ImportReport struct {
	File      ImportFile
	Format    string // csv or xlsx
	DryRun    bool   // a check: nothing was changed
	Applied   bool   // the register was changed
	Rows      int    // data rows of the file
	Entities  []ImportEntity
	Created   int // entities
	Merged    int // entities
	Unchanged int // entities
	Added     int // products (on new and existing entities)
	Updated   int // products
	Problems  []ImportProblem
	Columns   []string // the import format's columns
	// Table has one line per row of the file (and the header, when it has
	// a problem), in row order.
	Table []ImportRow
}

// Err returns nil when the report lists no problem, else an apperr.Invalid
// naming every problem (row, column, value, reason) and saying that nothing
// was changed.
func (rep ImportReport) Err() error { return problemsErr(rep.Problems) }

func problemsErr(ps []ImportProblem) error {
	if len(ps) == 0 {
		return nil
	}
	return (&interchange.Batch{Problems: ps}).Err()
}

// CheckImport is a dry run of f: the report says what an import would
// create, merge or leave unchanged, and lists every problem (those of the
// file's cells and those the register reveals, such as a merge the domain
// rejects). The register is not changed. Problems are in the report, not
// the error: the error is for a register that cannot be read.
func (r *Register) CheckImport(ctx context.Context, f ImportFile) (ImportReport, error) {
	return r.runImport(ctx, f, true)
}

// ApplyImport imports f in one transaction: all rows or none. An entity of
// the file that is already in the register (same name and contact email,
// case and surrounding space ignored) is merged into it: non-blank cells
// replace the stored values, tags are added, products are matched by name
// (case and space ignored) and new ones added; nothing is duplicated, and
// importing the same file again changes nothing. Each entity created or
// changed gets an "import" line in its history naming the file (its base
// name) and its SHA-256, recorded as the officer. A file with problems
// changes nothing: the report lists them and the error is an apperr.Invalid
// naming them.
func (r *Register) ApplyImport(ctx context.Context, f ImportFile) (ImportReport, error) {
	rep, err := r.runImport(ctx, f, false)
	if err == nil {
		err = rep.Err()
	}
	return rep, err
}

// CheckImportFile reads the file at path (ReadImportFile) and checks it
// (CheckImport).
func (r *Register) CheckImportFile(ctx context.Context, path string) (ImportReport, error) {
	f, err := ReadImportFile(path)
	if err != nil {
		return ImportReport{}, err
	}
	return r.CheckImport(ctx, f)
}

// ApplyImportFile reads the file at path (ReadImportFile) and imports it
// (ApplyImport).
func (r *Register) ApplyImportFile(ctx context.Context, path string) (ImportReport, error) {
	f, err := ReadImportFile(path)
	if err != nil {
		return ImportReport{}, err
	}
	return r.ApplyImport(ctx, f)
}

// ImportColumns returns the import format's columns (name, RFI label, kind,
// help, choices).
func ImportColumns() []interchange.Column { return interchange.Columns() }

// errRollBack rolls a dry run's (or a rejected import's) transaction back.
var errRollBack = errors.New("service: roll the import back")

func (r *Register) runImport(ctx context.Context, f ImportFile, dryRun bool) (ImportReport, error) {
	if f.batch == nil {
		return ImportReport{}, apperr.New(apperr.Invalid, "No file was given to import. Choose a CSV or XLSX file.")
	}
	b := f.batch
	rep := ImportReport{File: f, Format: string(b.Format), DryRun: dryRun, Rows: b.Rows,
		Entities: []ImportEntity{}, Problems: f.Problems(), Columns: interchange.ColumnNames()}
	if len(rep.Problems) > 0 {
		rep.Table = importTable(b, rep)
		return rep, nil
	}
	by := r.Officer(ctx)
	now := r.Now()
	err := r.db.Update(ctx, func(tx *store.Tx) error {
		if err := importTx(tx, f, &rep, by, now); err != nil {
			return err
		}
		if len(rep.Problems) > 0 || dryRun {
			return errRollBack
		}
		return nil
	})
	countImport(&rep)
	rep.Table = importTable(b, rep)
	if err != nil && !errors.Is(err, errRollBack) {
		return rep, err
	}
	if err != nil { // rolled back: the entities it would create have no id
		for i := range rep.Entities {
			if rep.Entities[i].Action == ImportCreate {
				rep.Entities[i].EntityID = 0
			}
		}
	}
	rep.Applied = err == nil && rep.Created+rep.Merged > 0
	return rep, nil
}

// importTx imports f's groups inside tx, adding to rep's entities and
// problems; the caller rolls back when rep has problems.
func importTx(tx *store.Tx, f ImportFile, rep *ImportReport, by string, now time.Time) error {
	contacts, err := store.EntityContacts(&tx.Reader)
	if err != nil {
		return err
	}
	existing := make(map[string]int64, len(contacts))
	for _, c := range contacts {
		k := interchange.Key(c.Name, c.Email)
		if _, ok := existing[k]; !ok {
			existing[k] = c.ID // the oldest when several share a key
		}
	}
	for _, g := range f.batch.Groups {
		ie, problems, err := importGroup(tx, g, existing, f, by, now)
		if err != nil {
			return err
		}
		rep.Problems = append(rep.Problems, problems...)
		rep.Entities = append(rep.Entities, ie)
	}
	return nil
}

// countImport adds up what rep's entities and products do.
func countImport(rep *ImportReport) {
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

func importDetail(f ImportFile, rows []int, what string) string {
	return fmt.Sprintf("Imported from %s (SHA-256 %s), %s: %s", f.Name, f.SHA256, rowsText(rows), what)
}

func importAudit(tx *store.Tx, id int64, f ImportFile, rows []int, by string, now time.Time, what string) error {
	return store.AuditTx(tx, register.AuditEntry{EntityID: id, At: store.TimeText(now), By: by, Action: store.ActionImport,
		Field: "file", New: f.Name, Detail: importDetail(f, rows, what)})
}

// importGroup creates or merges one entity of the file inside tx.
func importGroup(tx *store.Tx, g interchange.Group, existing map[string]int64, f ImportFile, by string, now time.Time) (ImportEntity, []ImportProblem, error) {
	ie := ImportEntity{Name: g.Entity.Name, Email: g.Entity.ContactEmail, Rows: g.Rows, Products: []ImportProduct{}}
	id, found := existing[g.Key]
	if !found {
		ie.Action = ImportCreate
		for i, s := range g.Entity.Submissions {
			ie.Products = append(ie.Products, ImportProduct{Name: s.ProductName, Row: g.SubmissionRows[i], Action: ImportCreate})
		}
		e := g.Entity
		e.Status = ""
		e.Tags = slices.Clone(e.Tags)
		e.Submissions = slices.Clone(e.Submissions) // the file's rows stay as read, for an apply after a check
		ie.Missing = len(e.Missing())
		ie.Complete = ie.Missing == 0
		newID, err := store.CreateEntityTx(tx, e, by, now, importDetail(f, g.Rows, "registered"))
		if err != nil {
			if fe := apperr.FieldsOf(err); len(fe) > 0 {
				return ie, problemsOf(fe, g, nil), nil
			}
			return ie, nil, err
		}
		ie.EntityID = newID
		existing[g.Key] = newID
		return ie, nil, importAudit(tx, newID, f, g.Rows, by, now, fmt.Sprintf("registered with %d product(s)", len(e.Submissions)))
	}
	ie.EntityID = id
	cur, err := store.EntityTx(&tx.Reader, id)
	if err != nil {
		return ie, nil, err
	}
	merged, subRows := mergeEntity(cur, g)
	merged.Normalize()
	ie.Changes = store.EntityChanges(cur, merged)
	stored := map[int64]register.Submission{}
	for _, s := range cur.Submissions {
		stored[s.ID] = s
	}
	changed := ie.Changes > 0
	var added, updated int
	for i, s := range merged.Submissions {
		if subRows[i] == 0 {
			continue // a stored product the file does not mention
		}
		p := ImportProduct{Name: s.ProductName, Row: subRows[i]}
		if s.ID == 0 {
			p.Action = ImportAdd
			added++
		} else if n := store.SubmissionChanges(stored[s.ID], s); n > 0 {
			p.Action, p.Changes = ImportUpdate, n
			updated++
		} else {
			p.Action = ImportUnchanged
		}
		ie.Products = append(ie.Products, p)
	}
	changed = changed || added+updated > 0
	ie.Missing = len(merged.Missing())
	ie.Complete = ie.Missing == 0
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
	if err := store.UpdateEntityTx(tx, merged, by, now); err != nil {
		return ie, nil, err
	}
	what := fmt.Sprintf("merged (%d entity field(s) changed, %d product(s) added, %d updated)", ie.Changes, added, updated)
	return ie, nil, importAudit(tx, id, f, g.Rows, by, now, what)
}

var subFieldRE = regexp.MustCompile(`^submissions\[(\d+)\]\.(.+)$`)

var entityColumnOf = map[string]string{
	"name": "entity_name", "address": "entity_address", "source": "entity_source", "tags": "entity_tags", "notes": "entity_notes",
}

// problemsOf maps the domain's field problems on a (merged) entity to the
// file's rows and columns. subRows[i] is the file row of submission i (0 for
// a stored product the file does not mention); nil means g's own order.
func problemsOf(fields []apperr.FieldError, g interchange.Group, subRows []int) []ImportProblem {
	if subRows == nil {
		subRows = g.SubmissionRows
	}
	var out []ImportProblem
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
		out = append(out, ImportProblem{Row: row, Column: col, Reason: f.Message + " (together with what the register already holds for this entity)"})
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
		s.Routes = slices.Clone(in.Routes)
	}
	if len(in.StartingMaterials) > 0 {
		s.StartingMaterials = slices.Clone(in.StartingMaterials)
	}
	if len(in.TrainingRoles) > 0 {
		s.TrainingRoles = slices.Clone(in.TrainingRoles)
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

// importTable lays the report out by file row: entity, product, what
// happens to the row and its problems.
func importTable(b *interchange.Batch, rep ImportReport) []ImportRow {
	rows := map[int]*ImportRow{}
	get := func(r int) *ImportRow {
		if rows[r] == nil {
			rows[r] = &ImportRow{Row: r, Problems: []ImportProblem{}}
		}
		return rows[r]
	}
	for gi, g := range b.Groups {
		var ie *ImportEntity
		if gi < len(rep.Entities) {
			ie = &rep.Entities[gi]
		}
		for _, r := range g.Rows {
			ir := get(r)
			ir.Entity, ir.Email = g.Entity.Name, g.Entity.ContactEmail
			if ie != nil {
				ir.Action = ie.Action
			}
		}
		for i, r := range g.SubmissionRows {
			get(r).Product = g.Entity.Submissions[i].ProductName
		}
		if ie != nil {
			for _, p := range ie.Products {
				if p.Row > 0 {
					get(p.Row).Action = p.Action
				}
			}
		}
	}
	for _, pr := range rep.Problems {
		r := get(pr.Row)
		r.Problems = append(r.Problems, pr)
		r.Action = ""
	}
	keys := make([]int, 0, len(rows))
	for k, r := range rows {
		switch {
		case len(r.Problems) > 0:
			r.Action = ImportRejected
		case r.Action == "":
			r.Action = ImportValid // fine itself, held back by other rows' problems
		}
		keys = append(keys, k)
	}
	sort.Ints(keys)
	out := make([]ImportRow, len(keys))
	for i, k := range keys {
		out[i] = *rows[k]
	}
	return out
}
