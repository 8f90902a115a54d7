package app

import (
	"context"
	"path/filepath"

	wruntime "github.com/wailsapp/wails/v2/pkg/runtime"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
	"atpreg/internal/service"
)

// DemandService is the demand area's bound service: the dashboard with exact
// counts and the entities behind every bar (in the window only), and the
// anonymised summary exported as PDF or JSON, each export in the ledger.
type DemandService struct{ s *Session }

// DemandRow is one bar of a dimension: a category with its product and
// entity counts and the entities behind it (for the drill-down).
type DemandRow struct {
	Code        string  `json:"code"`
	Label       string  `json:"label"`
	Entities    int     `json:"entities"`
	Submissions int     `json:"submissions"`
	EntityIDs   []int64 `json:"entityIds"`
}

// DemandDimension is one question of the RFI counted across submissions.
type DemandDimension struct {
	Key   string      `json:"key"`
	Title string      `json:"title"`
	Multi bool        `json:"multi"`
	Rows  []DemandRow `json:"rows"`
}

// DemandCell is one quarter of a timeline series (or a quarter's total).
type DemandCell struct {
	Entities    int     `json:"entities"`
	Submissions int     `json:"submissions"`
	EntityIDs   []int64 `json:"entityIds"`
}

// DemandSeries is one ATP type along the timeline.
type DemandSeries struct {
	Code  string       `json:"code"`
	Label string       `json:"label"`
	Cells []DemandCell `json:"cells"`
}

// DemandTimeline counts submissions by quarter of expected commencement.
type DemandTimeline struct {
	Quarters []string       `json:"quarters"`
	Series   []DemandSeries `json:"series"`
	Totals   []DemandCell   `json:"totals"`
	Undated  DemandRow      `json:"undated"`
}

// DemandSummary is the demand picture with exact counts.
type DemandSummary struct {
	Statuses           []string          `json:"statuses"`
	Entities           int               `json:"entities"`
	Submissions        int               `json:"submissions"`
	WithoutSubmissions int               `json:"withoutSubmissions"`
	Dimensions         []DemandDimension `json:"dimensions"`
	Timeline           DemandTimeline    `json:"timeline"`
}

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
	Summary         DemandSummary  `json:"summary"`
	Entities        []DemandEntity `json:"entities"`
	Statuses        []StatusCount  `json:"statuses"`
	RegisterTotal   int            `json:"registerTotal"`
	SuppressionRule string         `json:"suppressionRule"`
}

// DemandExportResult describes a written summary and its ledger entry.
type DemandExportResult struct {
	DocumentID string `json:"documentId"`
	Format     string `json:"format"`
	Path       string `json:"path"`
	Size       int    `json:"size"`
	SHA256     string `json:"sha256"`
	LedgerID   int64  `json:"ledgerId"`
	At         string `json:"at"` // RFC 3339
}

func ids(v []int64) []int64 {
	if v == nil {
		return []int64{}
	}
	return v
}

func demandRow(r service.DemandRow) DemandRow {
	return DemandRow{Code: r.Code, Label: r.Label, Entities: r.Entities, Submissions: r.Submissions, EntityIDs: ids(r.EntityIDs)}
}

func demandCell(c service.DemandCell) DemandCell {
	return DemandCell{Entities: c.Entities, Submissions: c.Submissions, EntityIDs: ids(c.EntityIDs)}
}

// Dashboard returns the demand picture of the entities whose status is among
// statuses (codes; empty: every entity), with exact counts.
func (d *DemandService) Dashboard(statuses []string) (DemandView, error) {
	r, err := d.s.openRegister()
	if err != nil {
		return DemandView{}, Fail(err)
	}
	v, err := r.DemandDashboard(context.Background(), statuses, lang())
	if err != nil {
		return DemandView{}, Fail(err)
	}
	sum := v.Summary
	out := DemandView{
		Summary: DemandSummary{Statuses: []string{}, Entities: sum.Entities, Submissions: sum.Submissions, WithoutSubmissions: sum.WithoutSubmissions,
			Dimensions: []DemandDimension{}, Timeline: DemandTimeline{Quarters: sum.Timeline.Quarters, Series: []DemandSeries{}, Totals: []DemandCell{},
				Undated: demandRow(sum.Timeline.Undated)}},
		Entities: []DemandEntity{}, Statuses: []StatusCount{}, RegisterTotal: v.RegisterTotal, SuppressionRule: v.SuppressionRule,
	}
	if out.Summary.Timeline.Quarters == nil {
		out.Summary.Timeline.Quarters = []string{}
	}
	for _, s := range sum.Statuses {
		out.Summary.Statuses = append(out.Summary.Statuses, string(s))
	}
	for _, dim := range sum.Dimensions {
		dd := DemandDimension{Key: dim.Key, Title: dim.Title, Multi: dim.Multi, Rows: []DemandRow{}}
		for _, row := range dim.Rows {
			dd.Rows = append(dd.Rows, demandRow(row))
		}
		out.Summary.Dimensions = append(out.Summary.Dimensions, dd)
	}
	for _, se := range sum.Timeline.Series {
		ds := DemandSeries{Code: se.Code, Label: se.Label, Cells: []DemandCell{}}
		for _, c := range se.Cells {
			ds.Cells = append(ds.Cells, demandCell(c))
		}
		out.Summary.Timeline.Series = append(out.Summary.Timeline.Series, ds)
	}
	for _, c := range sum.Timeline.Totals {
		out.Summary.Timeline.Totals = append(out.Summary.Timeline.Totals, demandCell(c))
	}
	for _, e := range v.Entities {
		out.Entities = append(out.Entities, DemandEntity{ID: e.ID, Name: e.Name, Status: string(e.Status), StatusLabel: e.Status.LabelIn(lang()), Products: e.Products})
	}
	for _, s := range v.Statuses {
		out.Statuses = append(out.Statuses, StatusCount{Code: string(s.Status), Label: s.Status.LabelIn(lang()), Entities: s.Entities})
	}
	return out, nil
}

// ExportPDF asks where to save the anonymised PDF summary (system save
// dialog), writes it in lang ("en" or "zh-HK") and records it in the ledger;
// nil when cancelled.
func (d *DemandService) ExportPDF(statuses []string, lang string) (*DemandExportResult, error) {
	return d.saveAs("pdf", statuses, lang)
}

// ExportJSON is ExportPDF for the JSON summary.
func (d *DemandService) ExportJSON(statuses []string, lang string) (*DemandExportResult, error) {
	return d.saveAs("json", statuses, lang)
}

func (d *DemandService) saveAs(format string, statuses []string, lang string) (*DemandExportResult, error) {
	if _, err := d.s.openRegister(); err != nil {
		return nil, Fail(err)
	}
	if _, err := register.ParseLang(lang); err != nil {
		return nil, Fail(err)
	}
	for _, s := range statuses {
		if _, err := register.ParseStatus(s); err != nil {
			return nil, Fail(err)
		}
	}
	ctx := d.s.windowContext()
	if ctx == nil {
		return nil, Fail(apperr.New(apperr.Internal, "The file dialog is only available in the window."))
	}
	name := "demand-summary-" + d.s.now().Format("2006-01-02") + "." + format
	filter := wruntime.FileFilter{DisplayName: "PDF document (*.pdf)", Pattern: "*.pdf"}
	if format == "json" {
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
	res, err := d.write(format, path, statuses, lang) // the save dialog asked before replacing
	if err != nil {
		return nil, Fail(err)
	}
	return &res, nil
}

// write writes the anonymised summary to path, chosen by the officer in the
// save dialog (which asked before replacing a file there), through the
// audited export (service.ExportDemand: merged answers, grouped periods,
// withheld counts, and the linear-programming audit that refuses a summary
// where a "<3" could be worked out).
func (d *DemandService) write(format, path string, statuses []string, lang string) (DemandExportResult, error) {
	r, err := d.s.openRegister()
	if err != nil {
		return DemandExportResult{}, err
	}
	res, err := r.ExportDemand(context.Background(), service.DemandRequest{Format: format, Path: path, Statuses: statuses, Lang: lang, Replace: true})
	if err != nil {
		return DemandExportResult{}, err
	}
	return DemandExportResult{DocumentID: res.DocumentID, Format: res.Format, Path: res.Path, Size: res.Size, SHA256: res.SHA256, LedgerID: res.LedgerID, At: res.At}, nil
}
