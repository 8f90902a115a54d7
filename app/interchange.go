package app

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"path/filepath"
	"sync"

	wruntime "github.com/wailsapp/wails/v2/pkg/runtime"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
	"atpreg/internal/service"
)

// InterchangeService is the window's import and export: a dry run of a file
// (chosen or dropped in the page, or picked in the system's dialog) shown as
// a report, then the import of exactly the file that was checked (the
// service does both); exports of the register as CSV, XLSX or JSON
// (recorded in the ledger); and the blank import template.
type InterchangeService struct {
	s *Session

	mu      sync.Mutex
	pending *pendingFile // the last dry-run file, waiting for Confirm
}

// forget drops the file waiting to be confirmed (the register locks).
func (x *InterchangeService) forget() {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.pending = nil
}

// pendingFile is a checked file kept in memory (never on disk) until the
// officer confirms or checks another.
type pendingFile struct {
	token string
	file  service.ImportFile
}

// PreviewRows bounds the rows of a report's table (rows with problems are
// always listed).
const PreviewRows = 1000

// ImportProblem is one reason a file is rejected: where (row, column; row 1
// is the header), what was there (value) and why (reason).
type ImportProblem struct {
	Row    int    `json:"row"`
	Column string `json:"column"`
	Value  string `json:"value"`
	Reason string `json:"reason"`
}

// ImportFileInfo names a checked or imported file.
type ImportFileInfo struct {
	Name   string `json:"name"`   // base name, as the history records it
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
	EntityID int64           `json:"entityId"` // the existing entity, or the new one after an import (0 on a check)
	Changes  int             `json:"changes"`  // entity fields that change (merge)
	Products []ImportProduct `json:"products"`
	Complete bool            `json:"complete"` // all RFI items answered after the import
	Missing  int             `json:"missing"`  // unanswered RFI items after the import
}

// ImportReport says what an import did, or would do on a dry run.
type ImportReport struct {
	File      ImportFileInfo  `json:"file"`
	Format    string          `json:"format"`
	DryRun    bool            `json:"dryRun"`
	Applied   bool            `json:"applied"` // the register was changed
	Rows      int             `json:"rows"`
	Entities  []ImportEntity  `json:"entities"`
	Created   int             `json:"created"`   // entities
	Merged    int             `json:"merged"`    // entities
	Unchanged int             `json:"unchanged"` // entities
	Added     int             `json:"added"`     // products (on new and existing entities)
	Updated   int             `json:"updated"`   // products
	Problems  []ImportProblem `json:"problems"`
	Columns   []string        `json:"columns"` // the import format's columns
}

// PreviewRow is one row of the file in the report's table.
type PreviewRow struct {
	Row     int    `json:"row"`
	Entity  string `json:"entity"`
	Email   string `json:"email"`
	Product string `json:"product"`
	// Action is create, merge, add, update or unchanged; rejected for a row
	// with a problem, valid for a good row held back by others' problems.
	Action   string          `json:"action"`
	Problems []ImportProblem `json:"problems"`
}

// ImportPreview is a dry run's or an import's report for the window.
type ImportPreview struct {
	// Token names the checked file for Confirm ("" after an import).
	Token  string       `json:"token"`
	Report ImportReport `json:"report"`
	// Rows is the table: the first PreviewRows rows and every row with a problem.
	Rows []PreviewRow `json:"rows"`
	// Truncated reports whether rows were left out of Rows.
	Truncated bool `json:"truncated"`
}

// ImportColumn is one column of the import format, for the window's help.
type ImportColumn struct {
	Name     string            `json:"name"`  // header text, e.g. "atp_type"
	Label    string            `json:"label"` // the RFI's wording
	Kind     int               `json:"kind"`  // how the cell is read (internal/interchange.Kind)
	Entity   bool              `json:"entity"`
	Required bool              `json:"required"`
	Help     string            `json:"help"`
	Choices  []register.Choice `json:"choices"`
}

// Columns returns the import format's columns (name, RFI label, kind, help,
// choices) for the window's help.
func (x *InterchangeService) Columns() []ImportColumn {
	cols := service.ImportColumns()
	out := make([]ImportColumn, len(cols))
	for i, c := range cols {
		out[i] = ImportColumn{Name: c.Name, Label: c.Label, Kind: int(c.Kind), Entity: c.Entity, Required: c.Required,
			Help: c.Help, Choices: append([]register.Choice{}, c.Choices...)}
	}
	return out
}

// DryRun checks a file given as base64 (chosen or dropped in the page) and
// reports what an import would do and every problem, without changing the
// register. The file stays in memory for Confirm.
func (x *InterchangeService) DryRun(name string, dataBase64 string) (ImportPreview, error) {
	data, err := base64.StdEncoding.DecodeString(dataBase64)
	if err != nil {
		return ImportPreview{}, Fail(apperr.New(apperr.Invalid, "The file could not be received by the window; try again or pick it with the Choose file button."))
	}
	if _, err := x.s.openRegister(); err != nil {
		return ImportPreview{}, Fail(err)
	}
	f, err := service.NewImportFile(name, data)
	if err != nil {
		return ImportPreview{}, Fail(err)
	}
	return x.check(f)
}

// PickAndDryRun asks for a file with the system's open dialog and checks it
// like DryRun; nil when the officer cancels.
func (x *InterchangeService) PickAndDryRun() (*ImportPreview, error) {
	return x.pickAndCheck(func(ctx context.Context) (string, error) {
		return wruntime.OpenFileDialog(ctx, wruntime.OpenDialogOptions{
			Title: "Choose a spreadsheet to import",
			Filters: []wruntime.FileFilter{
				{DisplayName: "Spreadsheets (*.xlsx, *.csv)", Pattern: "*.xlsx;*.csv"},
				{DisplayName: "All files", Pattern: "*"},
			},
		})
	})
}

// pickAndCheck is PickAndDryRun with the dialog as pick ("" when cancelled).
func (x *InterchangeService) pickAndCheck(pick func(ctx context.Context) (string, error)) (*ImportPreview, error) {
	if _, err := x.s.openRegister(); err != nil {
		return nil, Fail(err)
	}
	ctx := x.s.windowContext()
	if ctx == nil {
		return nil, Fail(apperr.New(apperr.Internal, "The file dialog is only available in the window."))
	}
	path, err := pick(ctx)
	if err != nil {
		return nil, Fail(apperr.Wrap(err, apperr.Internal, "The file dialog could not be opened."))
	}
	if path == "" {
		return nil, nil
	}
	return x.checkPath(path)
}

// checkPath checks the file at path, picked by the officer in the dialog.
func (x *InterchangeService) checkPath(path string) (*ImportPreview, error) {
	f, err := service.ReadImportFile(path)
	if err != nil {
		return nil, Fail(err)
	}
	p, err := x.check(f)
	if err != nil {
		return nil, err
	}
	return &p, nil
}

// Confirm imports the file checked by the dry run that returned token: all
// rows or none. The token is used once. A file the import rejects (the
// register changed since the check) comes back as a report with its
// problems and Applied false.
func (x *InterchangeService) Confirm(token string) (ImportPreview, error) {
	x.mu.Lock()
	p := x.pending
	if p != nil && p.token == token {
		x.pending = nil
	}
	x.mu.Unlock()
	if p == nil || p.token != token || token == "" {
		return ImportPreview{}, Fail(apperr.New(apperr.Conflict, "This check is no longer current (another file was checked, or it was imported already). Check the file again."))
	}
	r, err := x.s.openRegister()
	if err != nil {
		return ImportPreview{}, Fail(err)
	}
	rep, err := r.ApplyImport(context.Background(), p.file)
	if err != nil && !(apperr.Is(err, apperr.Invalid) && len(rep.Problems) > 0) {
		return ImportPreview{}, Fail(err)
	}
	// The rows' problems are in the report (Applied is false); the window
	// shows them in the table.
	return preview(rep), nil
}

// Discard forgets the checked file of token if it is still the one waiting
// for Confirm. The token matters: the window's calls run concurrently, so a
// Discard sent when the officer chose another file may arrive after that
// file's DryRun, and must not forget the newer check.
func (x *InterchangeService) Discard(token string) {
	x.mu.Lock()
	if x.pending != nil && x.pending.token == token {
		x.pending = nil
	}
	x.mu.Unlock()
}

// check dry-runs f and keeps it for Confirm under a new token.
func (x *InterchangeService) check(f service.ImportFile) (ImportPreview, error) {
	r, err := x.s.openRegister()
	if err != nil {
		return ImportPreview{}, Fail(err)
	}
	rep, err := r.CheckImport(context.Background(), f)
	if err != nil {
		return ImportPreview{}, Fail(err)
	}
	p := preview(rep)
	tok := make([]byte, 16)
	if _, err := rand.Read(tok); err != nil {
		return p, Fail(err)
	}
	p.Token = hex.EncodeToString(tok)
	x.mu.Lock()
	x.pending = &pendingFile{token: p.Token, file: f}
	x.mu.Unlock()
	return p, nil
}

func problemsView(ps []service.ImportProblem) []ImportProblem {
	out := make([]ImportProblem, len(ps))
	for i, p := range ps {
		out[i] = ImportProblem{Row: p.Row, Column: p.Column, Value: p.Value, Reason: p.Text().LabelIn(lang())}
	}
	return out
}

// preview puts a report on the wire, its table cut to PreviewRows rows
// (and every row with a problem).
func preview(rep service.ImportReport) ImportPreview {
	out := ImportPreview{Report: ImportReport{
		File: ImportFileInfo{Name: rep.File.Name, SHA256: rep.File.SHA256}, Format: rep.Format, DryRun: rep.DryRun,
		Applied: rep.Applied, Rows: rep.Rows, Entities: make([]ImportEntity, len(rep.Entities)),
		Created: rep.Created, Merged: rep.Merged, Unchanged: rep.Unchanged, Added: rep.Added, Updated: rep.Updated,
		Problems: problemsView(rep.Problems), Columns: append([]string{}, rep.Columns...),
	}, Rows: []PreviewRow{}}
	for i, e := range rep.Entities {
		ps := make([]ImportProduct, len(e.Products))
		for j, p := range e.Products {
			ps[j] = ImportProduct{Name: p.Name, Row: p.Row, Action: p.Action, Changes: p.Changes}
		}
		out.Report.Entities[i] = ImportEntity{Name: e.Name, Email: e.Email, Rows: append([]int{}, e.Rows...), Action: e.Action,
			EntityID: e.EntityID, Changes: e.Changes, Products: ps, Complete: e.Complete, Missing: e.Missing}
	}
	for i, r := range rep.Table {
		if i >= PreviewRows && len(r.Problems) == 0 {
			out.Truncated = true
			continue
		}
		out.Rows = append(out.Rows, PreviewRow{Row: r.Row, Entity: r.Entity, Email: r.Email, Product: r.Product,
			Action: r.Action, Problems: problemsView(r.Problems)})
	}
	return out
}

// ExportAs asks where to save with the system's save dialog and exports the
// register in format (csv, xlsx or json); "" when the officer cancels.
func (x *InterchangeService) ExportAs(format string) (string, error) {
	f, err := service.ExportFormatFor(format, "")
	if err != nil {
		return "", Fail(err)
	}
	path, err := x.saveDialog("Export the register", "atpreg-register-"+x.s.now().Format("2006-01-02")+"."+f, f)
	if err != nil || path == "" {
		return "", err
	}
	r, err := x.s.openRegister()
	if err != nil {
		return "", Fail(err)
	}
	// The save dialog asked before replacing a file.
	if _, err := r.ExportRegister(context.Background(), f, path, true); err != nil {
		return "", Fail(err)
	}
	return path, nil
}

// SaveTemplateAs asks where to save with the system's save dialog and writes
// the blank import template there; "" when the officer cancels.
func (x *InterchangeService) SaveTemplateAs() (string, error) {
	path, err := x.saveDialog("Save the blank import template", "atpreg-import-template.xlsx", "xlsx")
	if err != nil || path == "" {
		return "", err
	}
	if err := service.SaveTemplate(path, true); err != nil { // the save dialog asked
		return "", Fail(err)
	}
	return path, nil
}

func (x *InterchangeService) saveDialog(title, name string, f string) (string, error) {
	if _, err := x.s.openRegister(); err != nil {
		return "", Fail(err)
	}
	ctx := x.s.windowContext()
	if ctx == nil {
		return "", Fail(apperr.New(apperr.Internal, "The file dialog is only available in the window."))
	}
	labels := map[string]string{"csv": "CSV (*.csv)", "xlsx": "Excel workbook (*.xlsx)", "json": "JSON (*.json)"}
	path, err := wruntime.SaveFileDialog(ctx, wruntime.SaveDialogOptions{
		Title: title, DefaultFilename: name,
		Filters: []wruntime.FileFilter{{DisplayName: labels[f], Pattern: "*." + f}},
	})
	if err != nil {
		return "", Fail(apperr.Wrap(err, apperr.Internal, "The file dialog could not be opened."))
	}
	if path != "" && filepath.Ext(path) == "" {
		path += "." + f
	}
	return path, nil
}
