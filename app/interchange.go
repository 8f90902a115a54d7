package app

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	wruntime "github.com/wailsapp/wails/v2/pkg/runtime"

	"atpreg/internal/apperr"
	"atpreg/internal/interchange"
	"atpreg/internal/service"
	"atpreg/internal/store"
)

func init() { addService(func(s *Session) any { return &InterchangeService{s: s} }) }

// InterchangeService is the window's import and export: a dry run of a file
// (picked, dropped or named by path) shown as a report, then the import of
// exactly the bytes that were checked; exports of the register as CSV, XLSX
// or JSON (recorded in the ledger); and the blank import template.
type InterchangeService struct {
	s *Session

	mu      sync.Mutex
	pending *pendingFile // the last dry-run file, waiting for Confirm
}

// pendingFile is a checked file kept in memory (never on disk) until the
// officer confirms or checks another.
type pendingFile struct {
	token string
	name  string
	data  []byte
}

// PreviewRows bounds the rows of a report's table (rows with problems are
// always listed).
const PreviewRows = 1000

// PreviewRow is one row of the file in the report's table.
type PreviewRow struct {
	Row     int    `json:"row"`
	Entity  string `json:"entity"`
	Email   string `json:"email"`
	Product string `json:"product"`
	// Action is create, merge, add, update or unchanged; rejected for a row
	// with a problem, valid for a good row held back by others' problems.
	Action   string                `json:"action"`
	Problems []interchange.Problem `json:"problems"`
}

// ImportPreview is a dry run's or an import's report for the window.
type ImportPreview struct {
	// Token names the checked file for Confirm ("" after an import).
	Token  string             `json:"token"`
	Report store.ImportReport `json:"report"`
	// Rows is the table: the first PreviewRows rows and every row with a problem.
	Rows []PreviewRow `json:"rows"`
	// Truncated reports whether rows were left out of Rows.
	Truncated bool `json:"truncated"`
}

// Columns returns the import format's columns (name, RFI label, kind, help,
// choices) for the window's help.
func (x *InterchangeService) Columns() []interchange.Column { return interchange.Columns() }

// DryRun checks a file given as base64 (drag and drop) and reports what an
// import would do and every problem, without changing the register. The
// file stays in memory for Confirm.
func (x *InterchangeService) DryRun(name string, dataBase64 string) (ImportPreview, error) {
	data, err := base64.StdEncoding.DecodeString(dataBase64)
	if err != nil {
		return ImportPreview{}, Fail(apperr.New(apperr.Invalid, "The file could not be received by the window; try again or pick it with the Choose file button."))
	}
	return x.dryRun(name, data)
}

// DryRunPath checks the file at path (for tests and scripts) like DryRun.
func (x *InterchangeService) DryRunPath(path string) (ImportPreview, error) {
	data, err := readImportFile(path)
	if err != nil {
		return ImportPreview{}, Fail(err)
	}
	return x.dryRun(filepath.Base(path), data)
}

// PickAndDryRun asks for a file with the system's open dialog and checks it
// like DryRun; nil when the officer cancels.
func (x *InterchangeService) PickAndDryRun() (*ImportPreview, error) {
	if _, err := x.s.openDB(); err != nil {
		return nil, Fail(err)
	}
	ctx := x.s.windowContext()
	if ctx == nil {
		return nil, Fail(apperr.New(apperr.Internal, "The file dialog is only available in the window."))
	}
	path, err := wruntime.OpenFileDialog(ctx, wruntime.OpenDialogOptions{
		Title: "Choose a spreadsheet to import",
		Filters: []wruntime.FileFilter{
			{DisplayName: "Spreadsheets (*.xlsx, *.csv)", Pattern: "*.xlsx;*.csv"},
			{DisplayName: "All files", Pattern: "*"},
		},
	})
	if err != nil {
		return nil, Fail(apperr.Wrap(err, apperr.Internal, "The file dialog could not be opened."))
	}
	if path == "" {
		return nil, nil
	}
	p, err := x.DryRunPath(path)
	if err != nil {
		return nil, err
	}
	return &p, nil
}

// Confirm imports the file checked by the dry run that returned token: all
// rows or none. The token is used once.
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
	return x.run(p.name, p.data, false)
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

// ImportPath imports the file at path at once (no dry run first): for tests
// and scripts.
func (x *InterchangeService) ImportPath(path string) (ImportPreview, error) {
	data, err := readImportFile(path)
	if err != nil {
		return ImportPreview{}, Fail(err)
	}
	return x.run(filepath.Base(path), data, false)
}

func (x *InterchangeService) dryRun(name string, data []byte) (ImportPreview, error) {
	p, err := x.run(name, data, true)
	if err != nil {
		return p, err
	}
	tok := make([]byte, 16)
	if _, err := rand.Read(tok); err != nil {
		return p, Fail(err)
	}
	p.Token = hex.EncodeToString(tok)
	x.mu.Lock()
	x.pending = &pendingFile{token: p.Token, name: name, data: data}
	x.mu.Unlock()
	return p, nil
}

// run reads, parses and imports (or dry-runs) data. A file that cannot be
// read at all is an error; problems in its rows come back in the report's
// Problems, with Applied false and nothing changed.
func (x *InterchangeService) run(name string, data []byte, dryRun bool) (ImportPreview, error) {
	db, err := x.s.openDB()
	if err != nil {
		return ImportPreview{}, Fail(err)
	}
	tab, err := interchange.Read(data)
	if err != nil {
		return ImportPreview{}, Fail(err)
	}
	b := interchange.Parse(tab)
	sum := sha256.Sum256(data)
	file := store.ImportFile{Name: cleanName(name), SHA256: hex.EncodeToString(sum[:])}
	rep, err := db.Import(context.Background(), b, file, x.s.officer(), dryRun)
	p := preview(b, rep)
	if apperr.Is(err, apperr.Invalid) {
		// The rows' problems are in the report (Applied is false); the window
		// shows them in the table.
		return p, nil
	}
	return p, Fail(err)
}

// cleanName keeps a file's base name for the audit trail.
func cleanName(name string) string {
	name = filepath.Base(strings.ReplaceAll(strings.TrimSpace(name), "\\", "/"))
	if name == "." || name == "/" || name == "" {
		return "unnamed file"
	}
	return name
}

func readImportFile(path string) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, apperr.Wrap(err, apperr.NotFound, "The file %s cannot be read.", filepath.Base(path))
	}
	if st.IsDir() {
		return nil, apperr.New(apperr.Invalid, "%s is a folder; choose a CSV or XLSX file.", filepath.Base(path))
	}
	if st.Size() > interchange.MaxFileBytes {
		return nil, apperr.New(apperr.Invalid, "The file %s is %.1f MB, more than the %d MB an import takes. Split it into smaller files and import them one after another.",
			filepath.Base(path), float64(st.Size())/(1<<20), interchange.MaxFileBytes>>20)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, apperr.Wrap(err, apperr.NotFound, "The file %s cannot be read.", filepath.Base(path))
	}
	return data, nil
}

// preview builds the report's table: one row per file row.
func preview(b *interchange.Batch, rep store.ImportReport) ImportPreview {
	rows := map[int]*PreviewRow{}
	get := func(r int) *PreviewRow {
		if rows[r] == nil {
			rows[r] = &PreviewRow{Row: r, Problems: []interchange.Problem{}}
		}
		return rows[r]
	}
	for gi, g := range b.Groups {
		var ie *store.ImportEntity
		if gi < len(rep.Entities) {
			ie = &rep.Entities[gi]
		}
		for _, r := range g.Rows {
			pr := get(r)
			pr.Entity, pr.Email = g.Entity.Name, g.Entity.ContactEmail
			if ie != nil {
				pr.Action = ie.Action
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
	for _, r := range rows {
		switch {
		case len(r.Problems) > 0:
			r.Action = "rejected"
		case r.Action == "":
			r.Action = "valid" // fine itself, held back by other rows' problems
		}
	}
	keys := make([]int, 0, len(rows))
	for r := range rows {
		keys = append(keys, r)
	}
	sort.Ints(keys)
	out := ImportPreview{Report: rep, Rows: []PreviewRow{}}
	for i, k := range keys {
		if i >= PreviewRows && len(rows[k].Problems) == 0 {
			out.Truncated = true
			continue
		}
		out.Rows = append(out.Rows, *rows[k])
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
	if _, err := r.ExportRegister(context.Background(), f, path); err != nil {
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
	if err := service.SaveTemplate(path); err != nil {
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
