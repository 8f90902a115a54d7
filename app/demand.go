package app

import (
	"context"
	"path/filepath"

	wruntime "github.com/wailsapp/wails/v2/pkg/runtime"

	"atpreg/internal/apperr"
	"atpreg/internal/demand"
	"atpreg/internal/register"
	"atpreg/internal/version"
)

func init() { addService(func(s *Session) any { return &DemandService{s: s} }) }

// DemandService is the demand area's bound service: the dashboard with exact
// counts and the entities behind every bar (in the window only), and the
// anonymised summary exported as PDF or JSON, each export in the ledger.
type DemandService struct{ s *Session }

// DemandEntity is an entity as the drill-down lists it.
type DemandEntity struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	Status      string `json:"status"`
	StatusLabel string `json:"statusLabel"`
	Products    int    `json:"products"`
}

// StatusCount is one status of the filter with the number of entities in it.
type StatusCount struct {
	Code     string `json:"code"`
	Label    string `json:"label"`
	Entities int    `json:"entities"`
}

// DemandView is the dashboard: the summary with exact counts for the chosen
// statuses, the counted entities (for drill-down by id), every status with
// its count (for the filter), and the small-count rule of the exports.
type DemandView struct {
	Summary         demand.Summary `json:"summary"`
	Entities        []DemandEntity `json:"entities"`
	Statuses        []StatusCount  `json:"statuses"`
	RegisterTotal   int            `json:"registerTotal"`
	SuppressionRule string         `json:"suppressionRule"`
}

// Dashboard returns the demand picture of the entities whose status is among
// statuses (codes; empty: every entity), with exact counts.
func (d *DemandService) Dashboard(statuses []string) (DemandView, error) {
	filter, err := demand.ParseStatuses(statuses)
	if err != nil {
		return DemandView{}, Fail(err)
	}
	db, err := d.s.openDB()
	if err != nil {
		return DemandView{}, Fail(err)
	}
	all, err := db.Entities(context.Background())
	if err != nil {
		return DemandView{}, Fail(err)
	}
	v := DemandView{
		Summary:         demand.Aggregate(all, filter),
		Entities:        []DemandEntity{},
		RegisterTotal:   len(all),
		SuppressionRule: demand.SuppressionRule,
	}
	want := map[register.Status]bool{}
	for _, s := range filter {
		want[s] = true
	}
	counts := map[register.Status]int{}
	for _, e := range all {
		counts[e.Status]++
		if len(want) > 0 && !want[e.Status] {
			continue
		}
		v.Entities = append(v.Entities, DemandEntity{ID: e.ID, Name: e.Name, Status: string(e.Status),
			StatusLabel: e.Status.Label(), Products: len(e.Submissions)})
	}
	for _, s := range register.Statuses() {
		v.Statuses = append(v.Statuses, StatusCount{Code: string(s), Label: s.Label(), Entities: counts[s]})
	}
	return v, nil
}

// ExportTo writes the anonymised summary in format ("pdf" or "json") to path
// for the entities whose status is among statuses, and records it in the
// ledger. The window uses ExportPDF/ExportJSON; tests and scripts call this.
func (d *DemandService) ExportTo(format, path string, statuses []string) (demand.ExportResult, error) {
	res, err := d.export(format, path, statuses)
	return res, Fail(err)
}

func (d *DemandService) export(format, path string, statuses []string) (demand.ExportResult, error) {
	filter, err := demand.ParseStatuses(statuses)
	if err != nil {
		return demand.ExportResult{}, err
	}
	db, err := d.s.openDB()
	if err != nil {
		return demand.ExportResult{}, err
	}
	return demand.Export(context.Background(), db, demand.ExportInput{
		Format: format, Path: path, Statuses: filter, By: d.s.officer(), Generator: "atpreg " + version.String(),
	})
}

// ExportPDF asks where to save the anonymised PDF summary (system save
// dialog), writes it and records it in the ledger; nil when cancelled.
func (d *DemandService) ExportPDF(statuses []string) (*demand.ExportResult, error) {
	return d.saveAs(demand.FormatPDF, statuses)
}

// ExportJSON is ExportPDF for the JSON summary.
func (d *DemandService) ExportJSON(statuses []string) (*demand.ExportResult, error) {
	return d.saveAs(demand.FormatJSON, statuses)
}

func (d *DemandService) saveAs(format string, statuses []string) (*demand.ExportResult, error) {
	if _, err := demand.ParseStatuses(statuses); err != nil {
		return nil, Fail(err)
	}
	if _, err := d.s.openDB(); err != nil {
		return nil, Fail(err)
	}
	ctx := d.s.windowContext()
	if ctx == nil {
		return nil, Fail(apperr.New(apperr.Internal, "The file dialog is only available in the window."))
	}
	name := "demand-summary-" + d.s.now().Format("2006-01-02") + "." + format
	filter := wruntime.FileFilter{DisplayName: "PDF document (*.pdf)", Pattern: "*.pdf"}
	if format == demand.FormatJSON {
		filter = wruntime.FileFilter{DisplayName: "JSON file (*.json)", Pattern: "*.json"}
	}
	path, err := wruntime.SaveFileDialog(ctx, wruntime.SaveDialogOptions{
		Title:           "Save the anonymised demand summary",
		DefaultFilename: name,
		Filters:         []wruntime.FileFilter{filter},
	})
	if err != nil {
		return nil, Fail(apperr.Wrap(err, apperr.Internal, "The file dialog could not be opened."))
	}
	if path == "" {
		return nil, nil
	}
	if filepath.Ext(path) == "" {
		path += "." + format
	}
	res, err := d.export(format, path, statuses)
	if err != nil {
		return nil, Fail(err)
	}
	return &res, nil
}
