package app

import (
	"context"
	"sync"

	wruntime "github.com/wailsapp/wails/v2/pkg/runtime"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
	"atpreg/internal/service"
)

// SheetService is the evaluation panel's bound service: the evaluators kept
// in Settings and their conflicts of interest, "Send sheets" (one blind
// evaluation sheet per evaluator, saved into a folder through the
// publishing path, optionally as an email draft with the sheet attached),
// and where the sheets stand (out, overdue, returned).
type SheetService struct {
	s       *Session
	mu      sync.Mutex
	lastDir string
}

// Evaluator is a member of the evaluation panel as the window edits it.
type Evaluator struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Role  string `json:"role"`
	Email string `json:"email"`
}

// EvaluatorConflict is a conflict of interest between an evaluator and an
// entity: the entity is left off that evaluator's sheets.
type EvaluatorConflict struct {
	EvaluatorID int64  `json:"evaluatorId"`
	EntityID    int64  `json:"entityId"`
	EntityName  string `json:"entityName"`
	Reason      string `json:"reason"`
	CreatedAt   string `json:"createdAt"` // RFC 3339
	CreatedBy   string `json:"createdBy"`
}

// SheetView is a sheet sent to an evaluator and where it stands.
type SheetView struct {
	DocID         string   `json:"docId"`
	EvaluatorID   int64    `json:"evaluatorId"`
	EvaluatorName string   `json:"evaluatorName"`
	EntityIDs     []int64  `json:"entityIds"`
	EntityNames   []string `json:"entityNames"`
	SentAt        string   `json:"sentAt"` // RFC 3339
	Due           string   `json:"due"`    // YYYY-MM-DD
	ReturnedAt    string   `json:"returnedAt"`
	// State is "out" (awaited, not yet due), "overdue" or "returned".
	State    string `json:"state" ts_type:"'out' | 'overdue' | 'returned'"`
	DaysLate int    `json:"daysLate"`
}

// EvaluatorView is an evaluator with their conflicts of interest and
// their sheets: how many sent, returned and overdue, each sheet (overdue
// first, then out, then returned).
type EvaluatorView struct {
	Evaluator Evaluator           `json:"evaluator"`
	Conflicts []EvaluatorConflict `json:"conflicts"`
	Sent      int                 `json:"sent"`
	Returned  int                 `json:"returned"`
	Overdue   int                 `json:"overdue"`
	Sheets    []SheetView         `json:"sheets"`
}

func sheetView(s service.SheetStatus) SheetView {
	v := SheetView{DocID: s.DocID, EvaluatorID: s.EvaluatorID, EvaluatorName: s.EvaluatorName, EntityIDs: nonNilIDs(s.EntityIDs),
		EntityNames: nonNil(s.EntityNames), SentAt: s.SentAt, Due: s.Due, ReturnedAt: s.ReturnedAt, State: "out", DaysLate: s.DaysLate}
	switch {
	case s.Returned():
		v.State = "returned"
	case s.Overdue:
		v.State = "overdue"
	}
	return v
}

// Panel returns the evaluation panel by name, each evaluator with their
// conflicts of interest and their sheets.
func (x *SheetService) Panel() ([]EvaluatorView, error) {
	r, err := x.s.openRegister()
	if err != nil {
		return []EvaluatorView{}, Fail(err)
	}
	ctx := context.Background()
	evs, err := r.Evaluators(ctx)
	if err != nil {
		return []EvaluatorView{}, Fail(err)
	}
	cs, err := r.EvaluatorConflicts(ctx)
	if err != nil {
		return []EvaluatorView{}, Fail(err)
	}
	sheets, err := r.SheetStatuses(ctx, service.SheetFilter{})
	if err != nil {
		return []EvaluatorView{}, Fail(err)
	}
	out := make([]EvaluatorView, 0, len(evs))
	for _, ev := range evs {
		v := EvaluatorView{Evaluator: Evaluator{ID: ev.ID, Name: ev.Name, Role: ev.Role, Email: ev.Email}, Conflicts: []EvaluatorConflict{}, Sheets: []SheetView{}}
		for _, c := range cs {
			if c.EvaluatorID == ev.ID {
				v.Conflicts = append(v.Conflicts, EvaluatorConflict{EvaluatorID: c.EvaluatorID, EntityID: c.EntityID, EntityName: c.EntityName,
					Reason: c.Reason, CreatedAt: rfc3339(c.CreatedAt), CreatedBy: c.CreatedBy})
			}
		}
		for _, s := range sheets {
			if s.EvaluatorID != ev.ID {
				continue
			}
			sv := sheetView(s)
			v.Sheets = append(v.Sheets, sv)
			v.Sent++
			switch sv.State {
			case "returned":
				v.Returned++
			case "overdue":
				v.Overdue++
			}
		}
		out = append(out, v)
	}
	return out, nil
}

// SaveEvaluator adds an evaluator to the panel (e.id 0) or changes one, and
// returns the id. Problems come back per field ("name", "role", "email");
// a name already on the panel is refused.
func (x *SheetService) SaveEvaluator(e Evaluator) (int64, error) {
	r, err := x.s.openRegister()
	if err != nil {
		return 0, Fail(err)
	}
	id, err := r.SaveEvaluator(context.Background(), register.Evaluator{ID: e.ID, Name: e.Name, Role: e.Role, Email: e.Email})
	return id, Fail(err)
}

// DeleteEvaluator removes an evaluator from the panel with their conflicts
// and the tracking of their sheets; their evaluations stay under their
// name.
func (x *SheetService) DeleteEvaluator(id int64) error {
	r, err := x.s.openRegister()
	if err != nil {
		return Fail(err)
	}
	return Fail(r.DeleteEvaluator(context.Background(), id))
}

// SetConflict records that the evaluator has a conflict of interest with
// the entity, with the reason (required): the entity is left off their
// sheets, and a sheet returned with it is refused.
func (x *SheetService) SetConflict(evaluatorID, entityID int64, reason string) error {
	r, err := x.s.openRegister()
	if err != nil {
		return Fail(err)
	}
	return Fail(r.SetEvaluatorConflict(context.Background(), evaluatorID, entityID, reason))
}

// RemoveConflict clears an evaluator's conflict of interest with an entity.
func (x *SheetService) RemoveConflict(evaluatorID, entityID int64) error {
	r, err := x.s.openRegister()
	if err != nil {
		return Fail(err)
	}
	return Fail(r.RemoveEvaluatorConflict(context.Background(), evaluatorID, entityID))
}

// SheetEvaluator is an evaluator the send dialog offers, with the entities
// their sheet leaves out.
type SheetEvaluator struct {
	ID         int64   `json:"id"`
	Name       string  `json:"name"`
	Role       string  `json:"role"`
	Email      string  `json:"email"`
	Conflicted []int64 `json:"conflicted"`
}

// SheetMeeting is a meeting whose entities a sheet can hold.
type SheetMeeting struct {
	ID        int64   `json:"id"`
	Title     string  `json:"title"`
	StartsAt  string  `json:"startsAt"` // LocalTimeLayout
	EntityIDs []int64 `json:"entityIds"`
	Past      bool    `json:"past"`
}

// SheetSetup is what the send dialog offers: the panel, the meetings, the
// entities in evaluation (by name), the default due date and folder.
type SheetSetup struct {
	Evaluators   []SheetEvaluator `json:"evaluators"`
	Meetings     []SheetMeeting   `json:"meetings"`
	InEvaluation []EntityOption   `json:"inEvaluation"`
	Today        string           `json:"today"` // YYYY-MM-DD, the register clock's
	Due          string           `json:"due"`   // the default due date
	DueDays      int              `json:"dueDays"`
	Dir          string           `json:"dir"` // the last folder used, else Documents or home
}

// Setup returns what the send dialog offers.
func (x *SheetService) Setup() (SheetSetup, error) {
	r, err := x.s.openRegister()
	if err != nil {
		return SheetSetup{}, Fail(err)
	}
	ctx := context.Background()
	out := SheetSetup{Evaluators: []SheetEvaluator{}, Meetings: []SheetMeeting{}, InEvaluation: []EntityOption{}, Dir: x.folder(),
		Today: r.Now().Format("2006-01-02"), Due: r.Now().AddDate(0, 0, service.SheetDueDays).Format("2006-01-02"), DueDays: service.SheetDueDays}
	evs, err := r.Evaluators(ctx)
	if err != nil {
		return SheetSetup{}, Fail(err)
	}
	cs, err := r.EvaluatorConflicts(ctx)
	if err != nil {
		return SheetSetup{}, Fail(err)
	}
	for _, ev := range evs {
		se := SheetEvaluator{ID: ev.ID, Name: ev.Name, Role: ev.Role, Email: ev.Email, Conflicted: []int64{}}
		for _, c := range cs {
			if c.EvaluatorID == ev.ID {
				se.Conflicted = append(se.Conflicted, c.EntityID)
			}
		}
		out.Evaluators = append(out.Evaluators, se)
	}
	ms, err := r.Meetings(ctx)
	if err != nil {
		return SheetSetup{}, Fail(err)
	}
	for _, m := range ms {
		out.Meetings = append(out.Meetings, SheetMeeting{ID: m.Meeting.ID, Title: m.Meeting.Title, StartsAt: localTime(m.Meeting.StartsAt),
			EntityIDs: nonNilIDs(m.Meeting.EntityIDs), Past: m.Past})
	}
	rows, err := r.AllEntities(ctx, service.ListQuery{Statuses: []string{string(register.StatusEvaluation)}, Sort: "name"})
	if err != nil {
		return SheetSetup{}, Fail(err)
	}
	for _, e := range rows {
		out.InEvaluation = append(out.InEvaluation, EntityOption{ID: e.ID, Name: e.Name, Status: e.Status, StatusLabel: register.Status(e.Status).LabelIn(lang())})
	}
	return out, nil
}

// SendSheetsRequest is what the send dialog asks for: one sheet per
// evaluator on the chosen entities or a meeting's, in a language (en,
// zh-HK) and format (pdf, docx), due back on a date, saved into a folder;
// with draft, as an email draft to each evaluator who has an email.
type SendSheetsRequest struct {
	EvaluatorIDs []int64 `json:"evaluatorIds"`
	EntityIDs    []int64 `json:"entityIds"`
	MeetingID    int64   `json:"meetingId"`
	Lang         string  `json:"lang"`
	Format       string  `json:"format"`
	Due          string  `json:"due"`
	Dir          string  `json:"dir"`
	Draft        bool    `json:"draft"`
}

// SheetLeftOut is an entity left off a sheet for a conflict of interest.
type SheetLeftOut struct {
	EntityID int64  `json:"entityId"`
	Name     string `json:"name"`
	Reason   string `json:"reason"`
}

// SentSheet is one file saved: an evaluator's sheet, or the email draft
// carrying it.
type SentSheet struct {
	EvaluatorID int64          `json:"evaluatorId"`
	Evaluator   string         `json:"evaluator"`
	Path        string         `json:"path"`
	DocID       string         `json:"docId"`
	Part        string         `json:"part" ts_type:"'sheet' | 'draft'"`
	SHA256      string         `json:"sha256"`
	Entities    int            `json:"entities"`
	LeftOut     []SheetLeftOut `json:"leftOut"`
}

// SheetsSent is what Send did.
type SheetsSent struct {
	Files   []SentSheet `json:"files"`
	Due     string      `json:"due"`
	Notices []string    `json:"notices"`
}

// Send makes one sheet per evaluator of q and saves them into q.Dir, all
// recorded in the ledger and tracked in one step, or nothing is.
func (x *SheetService) Send(q SendSheetsRequest) (SheetsSent, error) {
	r, err := x.s.openRegister()
	if err != nil {
		return SheetsSent{}, Fail(err)
	}
	res, err := r.SendSheets(context.Background(), service.SheetsRequest{EvaluatorIDs: q.EvaluatorIDs, EntityIDs: q.EntityIDs,
		MeetingID: q.MeetingID, Lang: q.Lang, Format: q.Format, Due: q.Due, Dir: q.Dir, Draft: q.Draft})
	if err != nil {
		return SheetsSent{}, Fail(err)
	}
	x.mu.Lock()
	x.lastDir = q.Dir
	x.mu.Unlock()
	out := SheetsSent{Files: []SentSheet{}, Due: res.Due, Notices: notesIn(res.Notices)}
	for _, f := range res.Files {
		sf := SentSheet{EvaluatorID: f.Evaluator.ID, Evaluator: f.Evaluator.Name, Path: f.Path, DocID: f.DocID, Part: f.Part, SHA256: f.SHA256,
			Entities: len(f.EntityIDs), LeftOut: []SheetLeftOut{}}
		for _, l := range f.LeftOut {
			sf.LeftOut = append(sf.LeftOut, SheetLeftOut{EntityID: l.EntityID, Name: l.Name, Reason: l.Reason})
		}
		out.Files = append(out.Files, sf)
	}
	return out, nil
}

func (x *SheetService) folder() string {
	x.mu.Lock()
	last := x.lastDir
	x.mu.Unlock()
	return folderOr(last)
}

// PickFolder asks for the folder to save the sheets in with the system's
// dialog; "" when the officer cancels.
func (x *SheetService) PickFolder() (string, error) {
	ctx := x.s.windowContext()
	if ctx == nil {
		return "", Fail(apperr.New(apperr.Internal, "The folder dialog is only available in the window."))
	}
	dir, err := wruntime.OpenDirectoryDialog(ctx, wruntime.OpenDialogOptions{Title: "Save the evaluation sheets in", DefaultDirectory: x.folder(), CanCreateDirectories: true})
	if err != nil {
		return "", Fail(apperr.Wrap(err, apperr.Internal, "The folder dialog could not be opened."))
	}
	return dir, nil
}

// Open opens a saved sheet or draft (a file in the ledger) with the
// system: a draft in the mail program, a sheet in its viewer.
func (x *SheetService) Open(path string) error {
	r, err := x.s.openRegister()
	if err != nil {
		return Fail(err)
	}
	if _, err := r.PublishedPath(context.Background(), path); err != nil {
		return Fail(err)
	}
	if err := openWith(x.s.windowContext(), path); err != nil {
		return Fail(apperr.Wrap(err, apperr.Internal, "The file could not be opened; open it from its folder."))
	}
	return nil
}

// Sheets returns the sheets holding entity entityID (0: every entity),
// only those still out when open is set: the overdue first, then those
// out by due date, then those returned.
func (x *SheetService) Sheets(entityID int64, open bool) ([]SheetView, error) {
	r, err := x.s.openRegister()
	if err != nil {
		return []SheetView{}, Fail(err)
	}
	ss, err := r.SheetStatuses(context.Background(), service.SheetFilter{EntityID: entityID, Open: open})
	if err != nil {
		return []SheetView{}, Fail(err)
	}
	out := make([]SheetView, len(ss))
	for i, s := range ss {
		out[i] = sheetView(s)
	}
	return out, nil
}
