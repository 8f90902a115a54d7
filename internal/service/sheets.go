package service

// Evaluation sheets (issue 14): the panel of evaluators kept in Settings,
// their conflicts of interest, sheets made for one evaluator and published
// (ledger kind 'sheet'), tracked until they come back through the intake
// (intake.go calls takeSheets), and the panel's agreement (agreement.go).

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"atpreg/internal/apperr"
	"atpreg/internal/evalsheet"
	"atpreg/internal/register"
	"atpreg/internal/store"
)

// SheetDueDays is how long an evaluator has to return a sheet when no due
// date is given.
const SheetDueDays = 14

// Evaluators returns the evaluation panel, by name.
func (r *Register) Evaluators(ctx context.Context) ([]register.Evaluator, error) {
	return r.db.Evaluators(ctx)
}

// SaveEvaluator adds an evaluator to the panel (e.ID 0) or changes one, and
// returns the id. Errors: apperr.Invalid ("name", "email"), apperr.Conflict
// (the name is taken), apperr.NotFound.
func (r *Register) SaveEvaluator(ctx context.Context, e register.Evaluator) (int64, error) {
	return r.db.SaveEvaluator(ctx, e, r.Officer(ctx))
}

// DeleteEvaluator removes an evaluator from the panel (their evaluations
// stay under their name).
func (r *Register) DeleteEvaluator(ctx context.Context, id int64) error {
	return r.db.DeleteEvaluator(ctx, id, r.Officer(ctx))
}

// SetEvaluatorConflict records that the evaluator has a conflict of
// interest with the entity (reason required): the entity is left off that
// evaluator's sheets and a sheet returned with it is refused.
func (r *Register) SetEvaluatorConflict(ctx context.Context, evaluatorID, entityID int64, reason string) error {
	return r.db.SetEvaluatorConflict(ctx, evaluatorID, entityID, reason, r.Officer(ctx))
}

// RemoveEvaluatorConflict clears an evaluator's conflict with an entity.
func (r *Register) RemoveEvaluatorConflict(ctx context.Context, evaluatorID, entityID int64) error {
	return r.db.RemoveEvaluatorConflict(ctx, evaluatorID, entityID, r.Officer(ctx))
}

// EvaluatorConflicts returns every evaluator's conflicts of interest.
func (r *Register) EvaluatorConflicts(ctx context.Context) ([]register.EvaluatorConflict, error) {
	return r.db.EvaluatorConflicts(ctx)
}

// SheetRequest says which sheet to make: for the evaluator named
// Evaluator, the entities EntityIDs or those of meeting MeetingID (one of
// the two), in Lang (en, zh-HK), to Path (.pdf or .docx), due back on Due
// (YYYY-MM-DD; "" is SheetDueDays from today).
type SheetRequest struct {
	Evaluator string
	EntityIDs []int64
	MeetingID int64
	Lang      string
	Path      string
	Due       string
	Replace   bool
}

// LeftOut is an entity left off a sheet because of a conflict of interest.
type LeftOut struct {
	EntityID int64
	Name     string
	Reason   string
}

// SheetResult is a sheet made: its ledger entry, the evaluator, the
// entities on it (in order), those left out for a conflict of interest (the
// officer is told), and when it is due.
type SheetResult struct {
	Entry     register.LedgerEntry
	Evaluator register.Evaluator
	EntityIDs []int64
	LeftOut   []LeftOut
	Due       string
	Format    string
	Lang      string
}

// MakeSheet makes an evaluation sheet for one evaluator and publishes it
// (the ledger records it; the sheets table tracks it until it comes back).
// The sheet is blind: it shows the entities' submissions and the
// evaluator's own name only. Entities the evaluator is conflicted with are
// left out and listed in the result. Errors: apperr.NotFound (no such
// evaluator, entity or meeting), apperr.Invalid (no entity left, a bad
// format, language or due date), apperr.Conflict (the file exists).
func (r *Register) MakeSheet(ctx context.Context, req SheetRequest) (SheetResult, error) {
	res := SheetResult{Lang: req.Lang}
	if res.Lang == "" {
		res.Lang = "en"
	}
	if res.Lang != "en" && res.Lang != "zh-HK" {
		return res, apperr.New(apperr.Invalid, "%q is not a language of the sheets; use en or zh-HK.", req.Lang)
	}
	switch strings.ToLower(filepath.Ext(req.Path)) {
	case ".pdf":
		res.Format = "pdf"
	case ".docx":
		res.Format = "docx"
	default:
		return res, apperr.New(apperr.Invalid, "The sheet is made as a PDF or a Word document: name the file .pdf or .docx (not %q).", filepath.Base(req.Path))
	}
	today := r.today()
	res.Due = strings.TrimSpace(req.Due)
	if res.Due == "" {
		res.Due = r.Now().AddDate(0, 0, SheetDueDays).Format(time.DateOnly)
	} else if !register.ValidDate(res.Due) {
		return res, apperr.New(apperr.Invalid, "The due date %q is not a date; write it as YYYY-MM-DD.", res.Due)
	} else if res.Due < today {
		return res, apperr.New(apperr.Invalid, "The due date %s is already past (today is %s); give a later date.", res.Due, today)
	}
	ev, err := r.db.Evaluator(ctx, req.Evaluator)
	if err != nil {
		return res, err
	}
	res.Evaluator = ev
	ids := req.EntityIDs
	switch {
	case req.MeetingID > 0 && len(ids) > 0:
		return res, apperr.New(apperr.Invalid, "Name the entities or a meeting, not both.")
	case req.MeetingID > 0:
		mt, err := r.db.GetMeeting(ctx, req.MeetingID)
		if err != nil {
			return res, err
		}
		ids = mt.EntityIDs
		if len(ids) == 0 {
			return res, apperr.New(apperr.Invalid, "Meeting %d has no entities on its list; add them to the meeting first.", req.MeetingID)
		}
	case len(ids) == 0:
		return res, apperr.New(apperr.Invalid, "Name the entities to evaluate, or a meeting whose entities to evaluate.")
	}
	conflicts, err := r.db.EvaluatorConflictsOf(ctx, ev.ID)
	if err != nil {
		return res, err
	}
	var ents []register.Entity
	seen := map[int64]bool{}
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		e, err := r.db.GetEntity(ctx, id)
		if err != nil {
			return res, err
		}
		if reason, ok := conflicts[id]; ok {
			res.LeftOut = append(res.LeftOut, LeftOut{EntityID: id, Name: e.Name, Reason: reason})
			continue
		}
		ents = append(ents, e)
		res.EntityIDs = append(res.EntityIDs, id)
	}
	if len(ents) == 0 {
		return res, apperr.New(apperr.Invalid, "%s has a conflict of interest with every entity named, so there is nothing to put on the sheet. Nothing was written.", ev.Name)
	}
	var data []byte
	if res.Format == "pdf" {
		data, err = evalsheet.PDF(ev.Name, ents, res.Lang, r.Now())
	} else {
		data, err = evalsheet.DOCX(ev.Name, ents, res.Lang, r.Now())
	}
	if err != nil {
		return res, err
	}
	docID := NewDocumentID(DocPrefixSheet, r.Now())
	now := r.Now()
	rec := register.SheetRecord{DocID: docID, EvaluatorID: ev.ID, EntityIDs: res.EntityIDs, Due: res.Due}
	opts := map[string]any{"evaluator": ev.Name, "lang": res.Lang, "format": res.Format, "due": res.Due}
	if req.MeetingID > 0 {
		opts["meeting"] = req.MeetingID
	}
	if len(res.LeftOut) > 0 {
		var left []int64
		for _, l := range res.LeftOut {
			left = append(left, l.EntityID)
		}
		opts["left_out_for_conflict"] = left
	}
	entries, err := r.publish(ctx, []Publication{{Kind: register.LedgerSheet, DocID: docID, Path: req.Path, Data: data,
		Recipient: ev.Name, EntityIDs: res.EntityIDs, Options: opts, Replace: req.Replace, What: "The evaluation sheet"}},
		func(tx *store.Tx) error { return store.RecordSheetTx(tx, rec, now) })
	if err != nil {
		return res, err
	}
	res.Entry = entries[0]
	return res, nil
}

// EvaluatorSheets is one evaluator's sheets: sent, returned, overdue (by
// the register clock's date), each sheet oldest first.
type EvaluatorSheets struct {
	Evaluator register.Evaluator
	Sent      int
	Returned  int
	Overdue   int
	Sheets    []register.SheetRecord
}

// SheetTracking returns, per evaluator of the panel (by name), the sheets
// sent and returned with their due dates.
func (r *Register) SheetTracking(ctx context.Context) ([]EvaluatorSheets, error) {
	evs, err := r.db.Evaluators(ctx)
	if err != nil {
		return nil, err
	}
	sheets, err := r.db.Sheets(ctx)
	if err != nil {
		return nil, err
	}
	today := r.today()
	out := make([]EvaluatorSheets, 0, len(evs))
	for _, ev := range evs {
		es := EvaluatorSheets{Evaluator: ev, Sheets: []register.SheetRecord{}}
		for _, s := range sheets {
			if s.EvaluatorID != ev.ID {
				continue
			}
			es.Sheets = append(es.Sheets, s)
			es.Sent++
			if s.Returned() {
				es.Returned++
			}
			if s.Overdue(today) {
				es.Overdue++
			}
		}
		out = append(out, es)
	}
	return out, nil
}

// OverdueSheets returns the sheets still out after their due date (for
// the Overview), most overdue first.
func (r *Register) OverdueSheets(ctx context.Context) ([]register.SheetRecord, error) {
	sheets, err := r.db.Sheets(ctx)
	if err != nil {
		return nil, err
	}
	today := r.today()
	out := []register.SheetRecord{}
	for _, s := range sheets {
		if s.Overdue(today) {
			out = append(out, s)
		}
	}
	slices.SortStableFunc(out, func(a, b register.SheetRecord) int { return strings.Compare(a.Due, b.Due) })
	return out, nil
}

// intakeSheet is a filled evaluation sheet found in a file.
type intakeSheet struct {
	name  string
	sheet evalsheet.Sheet
}

// SheetTaken is what an intake did with one entity of a returned sheet.
type SheetTaken struct {
	EntityID     int64
	EntityName   string
	Evaluator    string
	EvaluationID int64
	Replaced     bool              // an earlier evaluation by this evaluator was replaced
	Unscored     []register.Aspect // aspects left unscored (allowed, flagged)
}

// sheetProblems turns a sheet's problems into the intake's.
func sheetProblems(file string, ps []evalsheet.Problem) []IntakeProblem {
	out := make([]IntakeProblem, 0, len(ps))
	for _, p := range ps {
		out = append(out, IntakeProblem{File: file, Field: p.Field, Value: p.Value, Message: p.Message})
	}
	return out
}

// takeSheet records a returned sheet's evaluations inside tx: the
// evaluator must be on the panel, every entity still in the register and
// not now conflicted; each entity's evaluation replaces the evaluator's
// earlier one. Problems are returned (the caller rolls everything back).
func (r *Register) takeSheet(tx *store.Tx, file string, s intakeSheet, it *IntakeItem, by string, now time.Time) ([]IntakeProblem, error) {
	where := file
	if s.name != file {
		where = file + " → " + s.name
	}
	ev, err := store.EvaluatorByName(&tx.Reader, s.sheet.Evaluator)
	if err != nil {
		if apperr.Is(err, apperr.NotFound) {
			return []IntakeProblem{{File: where, Field: "evaluator", Value: s.sheet.Evaluator,
				Message: "This sheet's evaluator is no longer on the panel in Settings. Add the evaluator again to take the sheet in, or leave it out."}}, nil
		}
		return nil, err
	}
	conflicts, err := store.EvaluatorConflictsOf(&tx.Reader, ev.ID)
	if err != nil {
		return nil, err
	}
	var problems []IntakeProblem
	date := now.Format(time.DateOnly)
	for i, e := range s.sheet.Evaluations {
		field := fmt.Sprintf("e%d.entity_id", slices.Index(s.sheet.EntityIDs, e.EntityID)+1)
		name, err := store.EntityNameTx(&tx.Reader, e.EntityID)
		if apperr.Is(err, apperr.NotFound) {
			problems = append(problems, IntakeProblem{File: where, Field: field, Value: fmt.Sprint(e.EntityID),
				Message: fmt.Sprintf("Entity %d on this sheet is no longer in the register (it was deleted). Nothing from the sheet was taken; ask %s for a new sheet without it, or leave the file out.", e.EntityID, ev.Name)})
			continue
		} else if err != nil {
			return nil, err
		}
		if reason, ok := conflicts[e.EntityID]; ok {
			problems = append(problems, IntakeProblem{File: where, Field: field, Value: fmt.Sprint(e.EntityID),
				Message: fmt.Sprintf("%s now has a conflict of interest with %s (%s), so their evaluation of it cannot be recorded. Nothing from the sheet was taken; remove the conflict in Settings if it was recorded in error, or ask for a new sheet without this entity.", ev.Name, name, reason)})
			continue
		}
		e.Evaluator = ev.Name
		e.Date = date
		id, replaced, err := store.ReplaceEvaluationTx(tx, e, by, "evaluation sheet "+s.name, now)
		if err != nil {
			if fe := apperr.FieldsOf(err); len(fe) > 0 {
				for _, f := range fe {
					problems = append(problems, IntakeProblem{File: where, Field: fmt.Sprintf("e%d.%s", i+1, f.Field), Message: fmt.Sprintf("Entity %d: %s", e.EntityID, f.Message)})
				}
				continue
			}
			return nil, err
		}
		t := SheetTaken{EntityID: e.EntityID, EntityName: name, Evaluator: ev.Name, EvaluationID: id, Replaced: replaced, Unscored: e.Unscored()}
		it.Evaluations = append(it.Evaluations, t)
		if len(t.Unscored) > 0 {
			var ls []string
			for _, a := range t.Unscored {
				ls = append(ls, a.Label())
			}
			it.Notes = append(it.Notes, fmt.Sprintf("%s left %d aspect(s) of %s unscored: %s. Recorded as unscored; their weight counts for the other aspects.", ev.Name, len(ls), name, strings.Join(ls, "; ")))
		}
	}
	for _, id := range s.sheet.Skipped {
		it.Notes = append(it.Notes, fmt.Sprintf("Entity %d was left blank on the sheet: nothing recorded for it.", id))
	}
	if len(problems) > 0 {
		return problems, nil
	}
	// The sheet came back: mark the latest sheet sent to this evaluator
	// with exactly these entities.
	sheets, err := store.SheetsOfTx(&tx.Reader, ev.ID)
	if err != nil {
		return nil, err
	}
	for i := len(sheets) - 1; i >= 0; i-- {
		if slices.Equal(sheets[i].EntityIDs, s.sheet.EntityIDs) {
			it.SheetDocID = sheets[i].DocID
			if err := store.MarkSheetReturnedTx(tx, sheets[i].DocID, now); err != nil {
				return nil, err
			}
			break
		}
	}
	return nil, nil
}
