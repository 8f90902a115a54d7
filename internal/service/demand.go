package service

import (
	"context"
	"path/filepath"
	"strings"

	"atpreg/internal/apperr"
	"atpreg/internal/demand"
	"atpreg/internal/register"
	"atpreg/internal/version"
)

// DemandEntity is an entity behind the dashboard's counts.
type DemandEntity struct {
	ID       int64
	Name     string
	Status   register.Status
	Products int
}

// StatusCount is one status with the number of entities in it.
type StatusCount struct {
	Status   register.Status
	Entities int
}

// DemandView is the demand dashboard: the summary with exact counts for the
// chosen statuses, the counted entities, every status with its count, the
// register's size and the small-count rule of the exports.
type DemandView struct {
	Summary         demand.Summary
	Entities        []DemandEntity
	Statuses        []StatusCount
	RegisterTotal   int
	SuppressionRule string
}

// DemandDashboard returns the demand picture of the entities whose status is
// among statuses (codes or labels; empty: every entity), with exact counts
// (for the window only: exports are anonymised), its titles and labels in
// lang (en or zh-HK). Errors: apperr.Invalid for an unknown status.
func (r *Register) DemandDashboard(ctx context.Context, statuses []string, lang string) (DemandView, error) {
	filter, err := demand.ParseStatuses(statuses)
	if err != nil {
		return DemandView{}, err
	}
	all, err := r.db.Entities(ctx)
	if err != nil {
		return DemandView{}, err
	}
	v := DemandView{Summary: demand.AggregateIn(all, filter, lang), Entities: []DemandEntity{}, RegisterTotal: len(all),
		SuppressionRule: demand.SuppressionRule}
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
		v.Entities = append(v.Entities, DemandEntity{ID: e.ID, Name: e.Name, Status: e.Status, Products: len(e.Submissions)})
	}
	for _, s := range register.Statuses() {
		v.Statuses = append(v.Statuses, StatusCount{Status: s, Entities: counts[s]})
	}
	return v, nil
}

// DemandFormatFor returns the format of a demand summary written to path:
// format when given (pdf or json, any case), else json for a .json file and
// pdf otherwise. Errors: apperr.Invalid.
func DemandFormatFor(format, path string) (string, error) {
	if format == "" {
		if strings.EqualFold(filepath.Ext(path), ".json") {
			return demand.FormatJSON, nil
		}
		return demand.FormatPDF, nil
	}
	return demand.ParseFormat(format)
}

// DemandResult describes a published demand summary.
type DemandResult struct {
	DocumentID string
	Format     string
	Path       string
	Size       int
	SHA256     string
	LedgerID   int64
	At         string // RFC 3339
}

// DemandRequest asks for the anonymised demand summary.
type DemandRequest struct {
	// Format is pdf or json; "" takes it from Path's extension.
	Format string
	// Path is the file to write.
	Path string
	// Replace replaces a file at Path; without it, one there is refused.
	Replace bool
	// Statuses are the statuses whose entities are counted (codes or
	// labels); empty: all.
	Statuses []string
	// Lang is the summary's language: "" or "en" English, "zh-HK"
	// Traditional Chinese (the JSON's keys stay English).
	Lang string
}

// ExportDemand writes the anonymised demand summary of the entities whose
// status is among req.Statuses (empty: all) in req.Format and req.Lang to
// req.Path and publishes it: the ledger records it (kind demand, with the
// format, language, filter and totals; no entity ids, since it names none).
// A file at req.Path is replaced only with req.Replace (as ExportRegister).
// Errors: apperr.Invalid, apperr.Conflict.
func (r *Register) ExportDemand(ctx context.Context, req DemandRequest) (DemandResult, error) {
	path := req.Path
	format, err := DemandFormatFor(req.Format, path)
	if err != nil {
		return DemandResult{}, err
	}
	if strings.TrimSpace(path) == "" {
		return DemandResult{}, apperr.New(apperr.Invalid, "Name the file to write the demand summary to.")
	}
	lang, err := register.ParseLang(req.Lang)
	if err != nil {
		return DemandResult{}, err
	}
	filter, err := demand.ParseStatuses(req.Statuses)
	if err != nil {
		return DemandResult{}, err
	}
	entities, err := r.db.Entities(ctx)
	if err != nil {
		return DemandResult{}, err
	}
	now := r.Now()
	sum := demand.Aggregate(entities, filter)
	rep := demand.Anonymise(sum, demand.Meta{DocumentID: NewDocumentID(DocPrefixDemand, now), GeneratedAt: now, Generator: "atpreg " + version.String(), Lang: lang})
	var data []byte
	if format == demand.FormatPDF {
		data, err = rep.PDF()
	} else {
		data, err = rep.JSON()
	}
	if err != nil {
		return DemandResult{}, err
	}
	entries, err := r.Publish(ctx, []Publication{{
		Kind: register.LedgerDemand, DocID: rep.DocumentID, Path: path, Data: data,
		Options: map[string]any{"format": format, "lang": lang, "statuses": rep.Filter.Statuses, "entities": sum.Entities,
			"submissions": sum.Submissions, "anonymised": true},
		Replace: req.Replace, What: apperr.Fixed("The demand summary"),
	}})
	if err != nil {
		return DemandResult{}, err
	}
	e := entries[0]
	return DemandResult{DocumentID: e.DocID, Format: format, Path: LedgerPath(e), Size: len(data), SHA256: e.SHA256, LedgerID: e.ID, At: e.At}, nil
}

// DemandRow is one bar of a dimension (demand.Row).
type DemandRow = demand.Row

// DemandCell is one quarter of a timeline series (demand.Cell).
type DemandCell = demand.Cell

// CheckDemandStatuses checks a status filter (codes or labels) before any
// work: apperr.Invalid naming an unknown status.
func CheckDemandStatuses(statuses []string) error {
	_, err := demand.ParseStatuses(statuses)
	return err
}
