package service

// Evaluation sheets (issue 14): the panel of evaluators kept in Settings,
// their conflicts of interest, sheets made for one evaluator and published
// (ledger kind 'sheet'), tracked until they come back through the intake
// (intake.go calls takeSheets), and the panel's agreement (agreement.go).

import (
	"context"
	"fmt"
	"net/mail"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"atpreg/internal/apperr"
	"atpreg/internal/evalsheet"
	"atpreg/internal/letter"
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

// Evaluator returns the evaluator named name (case and surrounding space
// ignored). Errors: apperr.NotFound, saying how to add one.
func (r *Register) Evaluator(ctx context.Context, name string) (register.Evaluator, error) {
	return r.db.Evaluator(ctx, name)
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
	// Format is the attached sheet's format when Path is an .eml draft
	// (pdf, the default, or docx).
	Format  string
	Replace bool
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
// left out and listed in the result. A Path ending in .eml makes an email
// draft to the evaluator (who must have an email in Settings) with the
// sheet attached as Format (pdf, the default, or docx). Errors:
// apperr.NotFound (no such evaluator, entity or meeting), apperr.Invalid
// (no entity left, a bad format, language or due date, no email for a
// draft), apperr.Conflict (the file exists).
func (r *Register) MakeSheet(ctx context.Context, req SheetRequest) (SheetResult, error) {
	lang, err := sheetLang(req.Lang)
	if err != nil {
		return SheetResult{Lang: req.Lang}, err
	}
	res := SheetResult{Lang: lang}
	draft := false
	switch strings.ToLower(filepath.Ext(req.Path)) {
	case ".pdf":
		res.Format = "pdf"
	case ".docx":
		res.Format = "docx"
	case ".eml":
		draft = true
		if res.Format, err = sheetFormat(req.Format); err != nil {
			return res, err
		}
	default:
		return res, apperr.New(apperr.Invalid, "The sheet is made as a PDF or a Word document, or an email draft with the sheet attached: name the file .pdf, .docx or .eml (not %q).", filepath.Base(req.Path))
	}
	if res.Due, err = r.sheetDue(req.Due); err != nil {
		return res, err
	}
	ev, err := r.db.Evaluator(ctx, req.Evaluator)
	if err != nil {
		return res, err
	}
	res.Evaluator = ev
	ids, err := r.sheetEntityIDs(ctx, req.EntityIDs, req.MeetingID)
	if err != nil {
		return res, err
	}
	plan, err := r.planSheet(ctx, ev, ids, lang, res.Format, map[int64]register.Entity{})
	if err != nil {
		return res, err
	}
	res.EntityIDs, res.LeftOut = plan.ids, plan.leftOut
	pub := plan.publication(req.Path, lang, res.Format, res.Due, req.MeetingID)
	pub.Replace = req.Replace
	if draft {
		if err := checkDraftAddress(ev); err != nil {
			return res, err
		}
		ls, err := r.db.GetLetterSettings(ctx)
		if err != nil {
			return res, err
		}
		if pub.Data, err = r.sheetDraft(ctx, plan, ls, lang, res.Format, res.Due); err != nil {
			return res, err
		}
		pub.Options["part"] = "draft"
		pub.What = apperr.Fixed("The email draft with the evaluation sheet")
	}
	now := r.Now()
	entries, err := r.publish(ctx, []Publication{pub}, func(tx *store.Tx) error { return store.RecordSheetTx(tx, plan.record(res.Due), now) })
	if err != nil {
		return res, err
	}
	res.Entry = entries[0]
	return res, nil
}

// sheetLang checks a sheet's language ("" is en).
func sheetLang(lang string) (string, error) {
	switch lang {
	case "", "en":
		return "en", nil
	case "zh-HK":
		return lang, nil
	}
	return lang, apperr.New(apperr.Invalid, "%q is not a language of the sheets; use en or zh-HK.", lang).
		With(apperr.Field("lang", "Choose English or Traditional Chinese."))
}

// sheetFormat checks a sheet's format ("" is pdf).
func sheetFormat(f string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(f)) {
	case "", "pdf":
		return "pdf", nil
	case "docx", "word":
		return "docx", nil
	}
	return f, apperr.New(apperr.Invalid, "%q is not a format of the sheets; use pdf or docx.", f).
		With(apperr.Field("format", "Choose PDF or Word."))
}

// sheetDue checks a due date: "" is SheetDueDays from today; a date must
// be YYYY-MM-DD and not past.
func (r *Register) sheetDue(due string) (string, error) {
	due = strings.TrimSpace(due)
	today := r.today()
	bad := func(format string, args ...any) error {
		return apperr.New(apperr.Invalid, format, args...).With(apperr.Field("due", format, args...))
	}
	switch {
	case due == "":
		return r.Now().AddDate(0, 0, SheetDueDays).Format(time.DateOnly), nil
	case !register.ValidDate(due):
		return due, bad("The due date %q is not a date; write it as YYYY-MM-DD.", due)
	case due < today:
		return due, bad("The due date %s is already past (today is %s); give a later date.", due, today)
	}
	return due, nil
}

// sheetEntityIDs resolves the entities of a sheet: ids, or those of the
// meeting, one of the two.
func (r *Register) sheetEntityIDs(ctx context.Context, ids []int64, meetingID int64) ([]int64, error) {
	switch {
	case meetingID > 0 && len(ids) > 0:
		return nil, apperr.New(apperr.Invalid, "Name the entities or a meeting, not both.")
	case meetingID > 0:
		mt, err := r.db.GetMeeting(ctx, meetingID)
		if err != nil {
			return nil, err
		}
		if len(mt.EntityIDs) == 0 {
			return nil, apperr.New(apperr.Invalid, "Meeting %d has no entities on its list; add them to the meeting first.", meetingID)
		}
		return mt.EntityIDs, nil
	case len(ids) == 0:
		return nil, &apperr.Error{Code: apperr.Invalid, Message: "Name the entities to evaluate, or a meeting whose entities to evaluate.",
			Fields: []apperr.FieldError{{Field: "entityIds", Message: "Choose at least one entity, or a meeting."}}}
	}
	return ids, nil
}

// sheetPlan is one evaluator's sheet, checked and rendered, not yet
// published.
type sheetPlan struct {
	ev      register.Evaluator
	ids     []int64 // on the sheet, in order
	leftOut []LeftOut
	data    []byte
	docID   string
}

// planSheet renders ev's sheet on ids (duplicates dropped, conflicted
// entities left out) in lang and format; cache holds the entities read so
// far (several evaluators share them). Errors: apperr.NotFound (an
// entity), apperr.Invalid (nothing left to evaluate, too many entities).
func (r *Register) planSheet(ctx context.Context, ev register.Evaluator, ids []int64, lang, format string, cache map[int64]register.Entity) (sheetPlan, error) {
	p := sheetPlan{ev: ev}
	conflicts, err := r.db.EvaluatorConflictsOf(ctx, ev.ID)
	if err != nil {
		return p, err
	}
	var ents []register.Entity
	seen := map[int64]bool{}
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		e, ok := cache[id]
		if !ok {
			if e, err = r.db.GetEntity(ctx, id); err != nil {
				return p, err
			}
			cache[id] = e
		}
		if reason, ok := conflicts[id]; ok {
			p.leftOut = append(p.leftOut, LeftOut{EntityID: id, Name: e.Name, Reason: reason})
			continue
		}
		ents = append(ents, e)
		p.ids = append(p.ids, id)
	}
	if len(ents) == 0 {
		return p, apperr.New(apperr.Invalid, "%s has a conflict of interest with every entity named, so there is nothing to put on the sheet. Nothing was written.", ev.Name)
	}
	if format == "pdf" {
		p.data, err = evalsheet.PDF(ev.Name, ents, lang, r.Now())
	} else {
		p.data, err = evalsheet.DOCX(ev.Name, ents, lang, r.Now())
	}
	if err != nil {
		return p, err
	}
	p.docID = NewDocumentID(DocPrefixSheet, r.Now())
	return p, nil
}

// record is the plan's entry in the sheets table.
func (p sheetPlan) record(due string) register.SheetRecord {
	return register.SheetRecord{DocID: p.docID, EvaluatorID: p.ev.ID, EntityIDs: p.ids, Due: due}
}

// publication is the plan's sheet file at path.
func (p sheetPlan) publication(path, lang, format, due string, meetingID int64) Publication {
	opts := map[string]any{"evaluator": p.ev.Name, "lang": lang, "format": format, "due": due, "part": "sheet"}
	if meetingID > 0 {
		opts["meeting"] = meetingID
	}
	if len(p.leftOut) > 0 {
		var left []int64
		for _, l := range p.leftOut {
			left = append(left, l.EntityID)
		}
		opts["left_out_for_conflict"] = left
	}
	return Publication{Kind: register.LedgerSheet, DocID: p.docID, Path: path, Data: p.data,
		Recipient: p.ev.Name, EntityIDs: p.ids, Options: opts, What: apperr.Fixed("The evaluation sheet")}
}

// checkDraftAddress refuses a draft to an evaluator without a usable email.
func checkDraftAddress(ev register.Evaluator) error {
	if strings.TrimSpace(ev.Email) == "" {
		return apperr.New(apperr.Invalid, "%s has no email in Settings, so no email draft can be made. Add the evaluator's email, or save the sheet as a PDF or Word file.", ev.Name)
	}
	if a, err := mail.ParseAddress(ev.Email); err != nil || a.Address != ev.Email {
		return apperr.New(apperr.Invalid, "%s's email %q is not an address a mail program can use; correct it in Settings.", ev.Name, ev.Email)
	}
	return nil
}

// sheetAttachmentName is the name the evaluator sees for the attached sheet.
func sheetAttachmentName(docID, lang, format string) string {
	if lang == register.LangChinese {
		return "評審表 " + docID + "." + format
	}
	return "Evaluation sheet " + docID + "." + format
}

var sheetMediaType = map[string]string{
	"pdf":  "application/pdf",
	"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}

// sheetDraft is the email draft to the plan's evaluator with the sheet
// attached (the letters' .eml machinery; the cover names no entity).
func (r *Register) sheetDraft(ctx context.Context, p sheetPlan, ls register.LetterSettings, lang, format, due string) ([]byte, error) {
	d, _ := time.Parse(time.DateOnly, due)
	officer := r.Officer(ctx)
	c, err := letter.ComposeSheetCover(letter.SheetCover{Lang: lang, Evaluator: p.ev.Name, Entities: len(p.ids), Due: d, Reference: p.docID,
		Format: format, Letterhead: ls, OfficerName: officer})
	if err != nil {
		return nil, err
	}
	return letter.EML(letter.Draft{FromName: officer, From: ls.OfficerEmail, ToName: p.ev.Name, To: p.ev.Email, Subject: c.Subject, Body: c.Body,
		Date: r.Now(), MessageID: p.docID + "@atpreg.invalid",
		Attachments: []letter.Attachment{{Name: sheetAttachmentName(p.docID, lang, format), Type: sheetMediaType[format], Data: p.data}}})
}

// SheetsRequest asks for the sheets of several evaluators at once (the
// window's "Send sheets"): for each evaluator (by id) one sheet on the
// entities EntityIDs or those of meeting MeetingID, in Lang and Format (pdf
// or docx), due back on Due ("": SheetDueDays from today), written into
// the folder Dir. With Draft, an evaluator with an email gets an email
// draft (.eml) with the sheet attached instead of the bare sheet; one
// without gets the sheet and a notice says so.
type SheetsRequest struct {
	EvaluatorIDs []int64
	EntityIDs    []int64
	MeetingID    int64
	Lang         string
	Format       string
	Due          string
	Dir          string
	Draft        bool
}

// SheetFile is one file SendSheets wrote: the evaluator's sheet (Part
// "sheet") or the email draft carrying it ("draft").
type SheetFile struct {
	Evaluator register.Evaluator
	Path      string
	DocID     string
	Part      string
	SHA256    string
	EntityIDs []int64
	LeftOut   []LeftOut
}

// SheetsResult is what SendSheets did: a file per evaluator, the due date
// and words for the officer (entities left out for a conflict, evaluators
// without an email).
type SheetsResult struct {
	Files   []SheetFile
	Due     string
	Lang    string
	Format  string
	Notices []apperr.Text
}

// SendSheets makes and publishes one sheet per evaluator of req, all in
// one step: every file is recorded in the ledger and tracked, or none is
// (an evaluator conflicted with every entity refuses the whole request,
// naming them). File names in Dir: "Evaluation sheet - NAME - DOCID" with
// the extension. Errors: as MakeSheet, and apperr.Invalid for no
// evaluator or no folder.
func (r *Register) SendSheets(ctx context.Context, req SheetsRequest) (SheetsResult, error) {
	var res SheetsResult
	var err error
	if res.Lang, err = sheetLang(req.Lang); err != nil {
		return res, err
	}
	if res.Format, err = sheetFormat(req.Format); err != nil {
		return res, err
	}
	if res.Due, err = r.sheetDue(req.Due); err != nil {
		return res, err
	}
	if len(req.EvaluatorIDs) == 0 {
		return res, &apperr.Error{Code: apperr.Invalid, Message: "Choose the evaluators to send sheets to.",
			Fields: []apperr.FieldError{{Field: "evaluatorIds", Message: "Choose at least one evaluator."}}}
	}
	if strings.TrimSpace(req.Dir) == "" {
		return res, &apperr.Error{Code: apperr.Invalid, Message: "Choose the folder to save the sheets in.",
			Fields: []apperr.FieldError{{Field: "dir", Message: "Choose a folder."}}}
	}
	ids, err := r.sheetEntityIDs(ctx, req.EntityIDs, req.MeetingID)
	if err != nil {
		return res, err
	}
	panel, err := r.db.Evaluators(ctx)
	if err != nil {
		return res, err
	}
	byID := make(map[int64]register.Evaluator, len(panel))
	for _, ev := range panel {
		byID[ev.ID] = ev
	}
	var ls register.LetterSettings
	if req.Draft {
		if ls, err = r.db.GetLetterSettings(ctx); err != nil {
			return res, err
		}
	}
	cache := map[int64]register.Entity{}
	seen := map[int64]bool{}
	var plans []sheetPlan
	var pubs []Publication
	var refused []string
	for _, id := range req.EvaluatorIDs {
		if seen[id] {
			continue
		}
		seen[id] = true
		ev, ok := byID[id]
		if !ok {
			return res, apperr.New(apperr.NotFound, "Evaluator %d is not on the panel (they may have been removed); close the dialog and choose again.", id)
		}
		p, err := r.planSheet(ctx, ev, ids, res.Lang, res.Format, cache)
		if err != nil {
			if apperr.Is(err, apperr.Invalid) && len(p.ids) == 0 && p.leftOut != nil {
				refused = append(refused, ev.Name)
				continue
			}
			return res, err
		}
		stem := filepath.Join(req.Dir, sheetFileStem(ev.Name, p.docID))
		pub := p.publication(stem+"."+res.Format, res.Lang, res.Format, res.Due, req.MeetingID)
		f := SheetFile{Evaluator: ev, DocID: p.docID, Part: "sheet", EntityIDs: p.ids, LeftOut: p.leftOut}
		if req.Draft {
			if err := checkDraftAddress(ev); err != nil {
				res.Notices = append(res.Notices, apperr.T("%s The sheet is saved on its own to send yourself.", apperr.Say(err)))
			} else {
				if pub.Data, err = r.sheetDraft(ctx, p, ls, res.Lang, res.Format, res.Due); err != nil {
					return res, err
				}
				pub.Path, pub.What, f.Part = stem+".eml", apperr.T("The email draft with the evaluation sheet for %s", ev.Name), "draft"
				pub.Options["part"] = "draft"
			}
		}
		for _, l := range p.leftOut {
			res.Notices = append(res.Notices, apperr.T("%s is left off %s's sheet: a conflict of interest (%s).", l.Name, ev.Name, l.Reason))
		}
		plans = append(plans, p)
		pubs = append(pubs, pub)
		res.Files = append(res.Files, f)
	}
	if len(refused) > 0 {
		if len(refused) == 1 {
			return SheetsResult{}, apperr.New(apperr.Invalid, "%s has a conflict of interest with every entity chosen, so there is nothing to put on their sheet. Leave them out, or choose other entities. Nothing was written.", joinNames(refused))
		}
		return SheetsResult{}, apperr.New(apperr.Invalid, "%s have a conflict of interest with every entity chosen, so there is nothing to put on their sheet. Leave them out, or choose other entities. Nothing was written.", joinNames(refused))
	}
	if err := os.MkdirAll(req.Dir, 0o700); err != nil {
		return SheetsResult{}, apperr.Wrap(err, apperr.Invalid, "The folder %s cannot be made (%s). Choose a folder you can write to.", req.Dir, apperr.Reason(err))
	}
	now := r.Now()
	entries, err := r.publish(ctx, pubs, func(tx *store.Tx) error {
		for _, p := range plans {
			if err := store.RecordSheetTx(tx, p.record(res.Due), now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return SheetsResult{}, err
	}
	for i := range res.Files {
		res.Files[i].SHA256 = entries[i].SHA256
		res.Files[i].Path = LedgerPath(entries[i])
	}
	return res, nil
}

// sheetFileStem is a sheet's file name without extension in a folder.
func sheetFileStem(evaluator, docID string) string {
	return "Evaluation sheet - " + fileNamePart(evaluator, "evaluator") + " - " + docID
}

// joinNames is "A", "A and B", "A, B and C".
func joinNames(ns []string) string {
	switch len(ns) {
	case 0:
		return ""
	case 1:
		return ns[0]
	}
	return strings.Join(ns[:len(ns)-1], ", ") + " and " + ns[len(ns)-1]
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

// SheetStatus is a sheet sent, with the names of its entities and where
// it stands by the register clock's date.
type SheetStatus struct {
	register.SheetRecord
	// EntityNames are the names of EntityIDs, in order ("entity N
	// (deleted)" for one since deleted).
	EntityNames []string
	// Overdue is whether it is still out after its due date; DaysLate
	// how many days past it.
	Overdue  bool
	DaysLate int
}

// SheetFilter selects sheets: those holding EntityID (0: any), only those
// still out when Open is set.
type SheetFilter struct {
	EntityID int64
	Open     bool
}

// SheetStatuses returns the sheets f selects with their entities' names:
// the overdue first (most overdue first), then those out by due date, then
// those returned (latest first).
func (r *Register) SheetStatuses(ctx context.Context, f SheetFilter) ([]SheetStatus, error) {
	sheets, err := r.db.Sheets(ctx)
	if err != nil {
		return nil, err
	}
	today := r.today()
	t0, _ := time.Parse(time.DateOnly, today)
	out := []SheetStatus{}
	names := map[int64]string{}
	err = r.db.View(ctx, func(rd *store.Reader) error {
		for _, s := range sheets {
			if (f.EntityID != 0 && !slices.Contains(s.EntityIDs, f.EntityID)) || (f.Open && s.Returned()) {
				continue
			}
			st := SheetStatus{SheetRecord: s, EntityNames: make([]string, len(s.EntityIDs)), Overdue: s.Overdue(today)}
			if st.Overdue {
				if d, err := time.Parse(time.DateOnly, s.Due); err == nil {
					st.DaysLate = int(t0.Sub(d).Hours() / 24)
				}
			}
			for i, id := range s.EntityIDs {
				n, ok := names[id]
				if !ok {
					name, err := store.EntityNameTx(rd, id)
					switch {
					case apperr.Is(err, apperr.NotFound):
						n = fmt.Sprintf("entity %d (deleted)", id)
					case err != nil:
						return err
					default:
						n = name
					}
					names[id] = n
				}
				st.EntityNames[i] = n
			}
			out = append(out, st)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	rank := func(s SheetStatus) int {
		switch {
		case s.Overdue:
			return 0
		case !s.Returned():
			return 1
		}
		return 2
	}
	slices.SortStableFunc(out, func(a, b SheetStatus) int {
		if ra, rb := rank(a), rank(b); ra != rb {
			return ra - rb
		}
		if a.Returned() {
			return strings.Compare(b.ReturnedAt, a.ReturnedAt)
		}
		return strings.Compare(a.Due, b.Due)
	})
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
		out = append(out, intakeProblem(file, p.Field, p.Value, p.Text()))
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
			return []IntakeProblem{intakeProblem(where, "evaluator", s.sheet.Evaluator,
				apperr.T("This sheet's evaluator is no longer on the panel in Settings. Add the evaluator again to take the sheet in, or leave it out."))}, nil
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
			problems = append(problems, intakeProblem(where, field, fmt.Sprint(e.EntityID),
				apperr.T("Entity %d on this sheet is no longer in the register (it was deleted). Nothing from the sheet was taken; ask %s for a new sheet without it, or leave the file out.", e.EntityID, ev.Name)))
			continue
		} else if err != nil {
			return nil, err
		}
		if reason, ok := conflicts[e.EntityID]; ok {
			problems = append(problems, intakeProblem(where, field, fmt.Sprint(e.EntityID),
				apperr.T("%s now has a conflict of interest with %s (%s), so their evaluation of it cannot be recorded. Nothing from the sheet was taken; remove the conflict in Settings if it was recorded in error, or ask for a new sheet without this entity.", ev.Name, name, reason)))
			continue
		}
		e.Evaluator = ev.Name
		e.Date = date
		id, replaced, err := store.ReplaceEvaluationTx(tx, e, by, "evaluation sheet "+s.name, now)
		if err != nil {
			if fe := apperr.FieldsOf(err); len(fe) > 0 {
				for _, f := range fe {
					problems = append(problems, intakeProblem(where, fmt.Sprintf("e%d.%s", i+1, f.Field), "", apperr.T("Entity %d: %s", e.EntityID, f)))
				}
				continue
			}
			return nil, err
		}
		t := SheetTaken{EntityID: e.EntityID, EntityName: name, Evaluator: ev.Name, EvaluationID: id, Replaced: replaced, Unscored: e.Unscored()}
		it.Evaluations = append(it.Evaluations, t)
		if len(t.Unscored) > 0 {
			var ls apperr.List
			for _, a := range t.Unscored {
				ls = append(ls, a)
			}
			it.Notes = append(it.Notes, apperr.T("%s left %d aspect(s) of %s unscored: %s. Recorded as unscored; their weight counts for the other aspects.", ev.Name, len(ls), name, ls))
		}
	}
	for _, id := range s.sheet.Skipped {
		it.Notes = append(it.Notes, apperr.T("Entity %d was left blank on the sheet: nothing recorded for it.", id))
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
