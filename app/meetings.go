package app

import (
	"context"
	"strings"
	"time"

	wruntime "github.com/wailsapp/wails/v2/pkg/runtime"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
)

// MeetingService is the meetings area's bound service: university partners
// and their conflicts of interest, dialogue meetings (partners present,
// attendees, entities in order, agenda, minutes per entity, outcome,
// follow-up actions), overdue follow-ups and calendar export.
type MeetingService struct{ s *Session }

// LocalTimeLayout is how meeting times travel to and from the window: the
// value of an <input type="datetime-local">, in the computer's time zone.
const LocalTimeLayout = "2006-01-02T15:04"

// Partner is a university partner as the window edits it.
type Partner struct {
	ID       int64              `json:"id"`
	Name     string             `json:"name"`
	Facility string             `json:"facility"` // the GMP facility's name
	Address  string             `json:"address"`
	Contacts []register.Contact `json:"contacts"`
	Notes    string             `json:"notes"`
}

// PartnerView is a university partner with its conflicts of interest.
type PartnerView struct {
	Partner   Partner    `json:"partner"`
	Conflicts []Conflict `json:"conflicts"`
}

// Partners returns every university partner by name, each with the entities
// it is conflicted with.
func (m *MeetingService) Partners() ([]PartnerView, error) {
	reg, err := m.s.openRegister()
	if err != nil {
		return []PartnerView{}, Fail(err)
	}
	ps, err := reg.Partners(context.Background())
	if err != nil {
		return []PartnerView{}, Fail(err)
	}
	out := make([]PartnerView, 0, len(ps))
	for _, p := range ps {
		out = append(out, PartnerView{Partner: Partner{ID: p.Partner.ID, Name: p.Partner.Name, Facility: p.Partner.Facility,
			Address: p.Partner.Address, Contacts: nonNil(p.Partner.Contacts), Notes: p.Partner.Notes}, Conflicts: conflictsWire(p.Conflicts)})
	}
	return out, nil
}

// SavePartner stores a partner (new when p.id is 0) and returns its id.
// Problems come back per field ("name", "contacts[i].email", ...).
func (m *MeetingService) SavePartner(p Partner) (int64, error) {
	reg, err := m.s.openRegister()
	if err != nil {
		return 0, Fail(err)
	}
	id, err := reg.SavePartner(context.Background(), register.Partner{ID: p.ID, Name: p.Name, Facility: p.Facility, Address: p.Address,
		Contacts: p.Contacts, Notes: p.Notes})
	return id, Fail(err)
}

// CheckPartner validates the partner as SavePartner would, writing
// nothing: nil when it could be saved, else apperr.Invalid with the fields
// to fix (the form checks again on each change once an error is shown).
func (m *MeetingService) CheckPartner(p Partner) error {
	rp := register.Partner{ID: p.ID, Name: p.Name, Facility: p.Facility, Address: p.Address, Contacts: p.Contacts, Notes: p.Notes}
	rp.Normalize()
	return Fail(rp.Validate())
}

// DeletePartner removes a partner with its conflicts and its place in
// meetings, and returns the token that Undelete takes to put it all back
// (for a while, until the register locks).
func (m *MeetingService) DeletePartner(id int64) (string, error) {
	reg, err := m.s.openRegister()
	if err != nil {
		return "", Fail(err)
	}
	token, err := reg.DeletePartnerUndoable(context.Background(), id)
	return token, Fail(err)
}

// SetConflict records that the partner has a conflict of interest with the
// entity, with the reason (required): the entity is left out of that
// partner's briefing packs and meeting materials.
func (m *MeetingService) SetConflict(partnerID, entityID int64, reason string) error {
	reg, err := m.s.openRegister()
	if err != nil {
		return Fail(err)
	}
	return Fail(reg.SetConflict(context.Background(), partnerID, entityID, reason))
}

// RemoveConflict clears a conflict of interest.
func (m *MeetingService) RemoveConflict(partnerID, entityID int64) error {
	reg, err := m.s.openRegister()
	if err != nil {
		return Fail(err)
	}
	return Fail(reg.RemoveConflict(context.Background(), partnerID, entityID))
}

// EntityOption is an entity offered for a meeting or a conflict.
type EntityOption struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	Status      string `json:"status"`
	StatusLabel string `json:"statusLabel"`
}

// FindEntities returns up to 20 entities matching search (any text they
// hold), invited, in dialogue and in evaluation first.
func (m *MeetingService) FindEntities(search string) ([]EntityOption, error) {
	reg, err := m.s.openRegister()
	if err != nil {
		return []EntityOption{}, Fail(err)
	}
	opts, err := reg.MeetingCandidates(context.Background(), search)
	if err != nil {
		return []EntityOption{}, Fail(err)
	}
	out := make([]EntityOption, 0, len(opts))
	for _, o := range opts {
		out = append(out, EntityOption{ID: o.ID, Name: o.Name, Status: string(o.Status), StatusLabel: o.Status.LabelIn(lang())})
	}
	return out, nil
}

// MeetingRow is one line of the meeting planner.
type MeetingRow struct {
	ID          int64    `json:"id"`
	Title       string   `json:"title"`
	StartsAt    string   `json:"startsAt"` // LocalTimeLayout
	Place       string   `json:"place"`
	Partners    []string `json:"partners"`
	Entities    int      `json:"entities"`
	OpenActions int      `json:"openActions"`
	Overdue     int      `json:"overdue"`
	Past        bool     `json:"past"`
	Conflicts   int      `json:"conflicts"`
}

// List returns every meeting, the upcoming ones first (soonest first), then
// the past ones (latest first).
func (m *MeetingService) List() ([]MeetingRow, error) {
	reg, err := m.s.openRegister()
	if err != nil {
		return []MeetingRow{}, Fail(err)
	}
	ms, err := reg.Meetings(context.Background())
	if err != nil {
		return []MeetingRow{}, Fail(err)
	}
	out := make([]MeetingRow, 0, len(ms))
	for _, s := range ms {
		out = append(out, MeetingRow{ID: s.Meeting.ID, Title: s.Meeting.Title, StartsAt: localTime(s.Meeting.StartsAt), Place: s.Meeting.Place,
			Partners: s.PartnerNames, Entities: len(s.Meeting.EntityIDs), OpenActions: s.OpenActions, Overdue: s.Overdue, Past: s.Past,
			Conflicts: s.Conflicts})
	}
	return out, nil
}

// localTime formats t for the window (LocalTimeLayout, the computer's zone).
func localTime(t time.Time) string { return t.In(time.Local).Format(LocalTimeLayout) }

// MeetingInput is a meeting as the window edits it.
type MeetingInput struct {
	ID              int64             `json:"id"`
	Title           string            `json:"title"`
	StartsAt        string            `json:"startsAt"` // LocalTimeLayout (or RFC 3339)
	DurationMinutes int               `json:"durationMinutes"`
	Place           string            `json:"place"`
	PartnerIDs      []int64           `json:"partnerIds"`
	Attendees       []string          `json:"attendees"`
	EntityIDs       []int64           `json:"entityIds"`
	Agenda          string            `json:"agenda"`
	Minutes         string            `json:"minutes"`
	Outcome         string            `json:"outcome"`
	Actions         []register.Action `json:"actions"`
	EntityMinutes   map[int64]string  `json:"entityMinutes"`
}

// PartnerRef names a partner.
type PartnerRef struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// Exclusion says that an entity is left out of a partner's materials.
type Exclusion struct {
	PartnerID   int64  `json:"partnerId"`
	PartnerName string `json:"partnerName"`
	Reason      string `json:"reason"`
}

// MeetingEntity is an entity on a meeting's list, in order, with its
// minutes and the partners whose materials leave it out.
type MeetingEntity struct {
	ID          int64       `json:"id"`
	Name        string      `json:"name"`
	Status      string      `json:"status"`
	StatusLabel string      `json:"statusLabel"`
	Minutes     string      `json:"minutes"`
	Score       *float64    `json:"score" ts_type:"number | null"`
	Excluded    []Exclusion `json:"excluded"`
}

// ActionView is a follow-up action with whether it is overdue.
type ActionView struct {
	register.Action
	Index   int  `json:"index"`
	Overdue bool `json:"overdue"`
}

// MeetingView is one meeting as its page shows it.
type MeetingView struct {
	Meeting  MeetingInput    `json:"meeting"`
	Partners []PartnerRef    `json:"partners"`
	Entities []MeetingEntity `json:"entities"`
	Actions  []ActionView    `json:"actions"`
	Past     bool            `json:"past"`
	Sequence int             `json:"sequence"`
	Today    string          `json:"today"`
}

// Get returns meeting id with its partners, entities (in order, with
// minutes, scores and conflicts of interest) and follow-up actions.
func (m *MeetingService) Get(id int64) (MeetingView, error) {
	reg, err := m.s.openRegister()
	if err != nil {
		return MeetingView{}, Fail(err)
	}
	d, err := reg.Meeting(context.Background(), id)
	if err != nil {
		return MeetingView{}, Fail(err)
	}
	v := MeetingView{Meeting: meetingInput(d.Meeting), Partners: []PartnerRef{}, Entities: []MeetingEntity{}, Actions: []ActionView{},
		Past: d.Past, Sequence: d.Meeting.Sequence, Today: d.Today}
	for _, p := range d.Partners {
		v.Partners = append(v.Partners, PartnerRef{ID: p.ID, Name: p.Name})
	}
	for _, e := range d.Entities {
		me := MeetingEntity{ID: e.Entity.ID, Name: e.Entity.Name, Status: string(e.Entity.Status), StatusLabel: e.Entity.Status.LabelIn(lang()),
			Minutes: e.Minutes, Score: e.Score, Excluded: []Exclusion{}}
		for _, c := range e.Excluded {
			me.Excluded = append(me.Excluded, Exclusion{PartnerID: c.PartnerID, PartnerName: c.PartnerName, Reason: c.Reason})
		}
		v.Entities = append(v.Entities, me)
	}
	for _, a := range d.Actions {
		v.Actions = append(v.Actions, ActionView{Action: a.Action, Index: a.Index, Overdue: a.Overdue})
	}
	return v, nil
}

func meetingInput(mt register.MeetingRecord) MeetingInput {
	return MeetingInput{ID: mt.ID, Title: mt.Title, StartsAt: localTime(mt.StartsAt),
		DurationMinutes: mt.DurationMinutes, Place: mt.Place, PartnerIDs: mt.PartnerIDs, Attendees: mt.Attendees,
		EntityIDs: mt.EntityIDs, Agenda: mt.Agenda, Minutes: mt.Minutes, Outcome: mt.Outcome, Actions: mt.Actions,
		EntityMinutes: mt.EntityMinutes}
}

// parseMeetingTime reads a LocalTimeLayout value (local time) or RFC 3339.
func parseMeetingTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.ParseInLocation(LocalTimeLayout, s, time.Local); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Time{}, apperr.New(apperr.Invalid, "%q is not a date and time; choose them in the picker (YYYY-MM-DD HH:MM).", s).With(apperr.Field("starts_at", "%q is not a date and time; choose them in the picker (YYYY-MM-DD HH:MM).", s))
}

// Save stores a meeting (new when in.id is 0) and returns its id. It does
// not change any entity's status: AddEntity does, with the officer's
// confirmation. Problems come back per field ("title", "starts_at",
// "actions[i].due", ...).
func (m *MeetingService) Save(in MeetingInput) (int64, error) {
	reg, err := m.s.openRegister()
	if err != nil {
		return 0, Fail(err)
	}
	at, err := parseMeetingTime(in.StartsAt)
	if err != nil {
		return 0, Fail(err)
	}
	mt := register.MeetingRecord{
		Meeting: register.Meeting{ID: in.ID, Title: in.Title, StartsAt: at, Place: in.Place, PartnerIDs: in.PartnerIDs,
			Attendees: in.Attendees, EntityIDs: in.EntityIDs, Agenda: in.Agenda, Minutes: in.Minutes, Outcome: in.Outcome,
			Actions: in.Actions},
		DurationMinutes: in.DurationMinutes,
		EntityMinutes:   in.EntityMinutes,
	}
	id, err := reg.SaveMeeting(context.Background(), mt)
	return id, Fail(err)
}

// Check validates the meeting as Save would, writing nothing: nil when it
// could be saved, else apperr.Invalid with the fields to fix (the page
// checks again on each change once an error is shown).
func (m *MeetingService) Check(in MeetingInput) error {
	at, err := parseMeetingTime(in.StartsAt)
	if err != nil {
		return Fail(err)
	}
	mt := register.MeetingRecord{
		Meeting: register.Meeting{ID: in.ID, Title: in.Title, StartsAt: at, Place: in.Place, PartnerIDs: in.PartnerIDs,
			Attendees: in.Attendees, EntityIDs: in.EntityIDs, Agenda: in.Agenda, Minutes: in.Minutes, Outcome: in.Outcome,
			Actions: in.Actions},
		DurationMinutes: in.DurationMinutes,
		EntityMinutes:   in.EntityMinutes,
	}
	mt.Normalize()
	return Fail(mt.Validate())
}

// Delete removes a meeting (kept in the history), and returns the token
// that Undelete takes to put it back (for a while, until the register
// locks).
func (m *MeetingService) Delete(id int64) (string, error) {
	reg, err := m.s.openRegister()
	if err != nil {
		return "", Fail(err)
	}
	token, err := reg.DeleteMeetingUndoable(context.Background(), id)
	return token, Fail(err)
}

// Undelete puts back the meeting or partner whose delete gave token.
// Errors: notfound (too late: "That can no longer be undone."), conflict
// (something it would clash with has changed since; nothing is changed).
func (m *MeetingService) Undelete(token string) error {
	return undelete(m.s, token)
}

// MoveProposal is the pipeline move adding an entity to a meeting would
// make; To is "" when none applies.
type MoveProposal struct {
	From      string `json:"from"`
	FromLabel string `json:"fromLabel"`
	To        string `json:"to"`
	ToLabel   string `json:"toLabel"`
}

// ProposedMove says which status the entity would move to if added to a
// meeting (invited to dialogue, or in dialogue), so the window can ask the
// officer before AddEntity.
func (m *MeetingService) ProposedMove(entityID int64) (MoveProposal, error) {
	reg, err := m.s.openRegister()
	if err != nil {
		return MoveProposal{}, Fail(err)
	}
	from, to, err := reg.ProposedDialogueMove(context.Background(), entityID)
	if err != nil {
		return MoveProposal{}, Fail(err)
	}
	p := MoveProposal{From: string(from), FromLabel: from.LabelIn(lang())}
	if to != "" {
		p.To, p.ToLabel = string(to), to.LabelIn(lang())
	}
	return p, nil
}

// Recusal is a conflict of interest that recuses a partner for one entity's
// item at a meeting: the window shows it as a warning next to the entity and
// the partner.
type Recusal struct {
	PartnerID   int64  `json:"partnerId"`
	PartnerName string `json:"partnerName"`
	EntityID    int64  `json:"entityId"`
	EntityName  string `json:"entityName"`
	Reason      string `json:"reason"`
}

func recusals(cs []register.Conflict) []Recusal {
	out := make([]Recusal, 0, len(cs))
	for _, c := range cs {
		out = append(out, Recusal{PartnerID: c.PartnerID, PartnerName: c.PartnerName, EntityID: c.EntityID, EntityName: c.EntityName, Reason: c.Reason})
	}
	return out
}

// AddedEntity is what adding an entity to a meeting did: the new status
// code ("" when left alone) and the warnings (partners recused for it).
type AddedEntity struct {
	Status   string    `json:"status"`
	Recusals []Recusal `json:"recusals"`
}

// AddEntity puts the entity at the end of the meeting's list. Only when
// moveStatus is true (the officer confirmed it) does the entity move on in
// the pipeline (see ProposedMove); it returns the new status code ("" when
// the status was left alone) and the partners at the meeting recused for
// the entity by a conflict of interest.
func (m *MeetingService) AddEntity(meetingID, entityID int64, moveStatus bool) (AddedEntity, error) {
	reg, err := m.s.openRegister()
	if err != nil {
		return AddedEntity{}, Fail(err)
	}
	to, warn, err := reg.AddEntityToMeeting(context.Background(), meetingID, entityID, moveStatus)
	if err != nil {
		return AddedEntity{}, Fail(err)
	}
	return AddedEntity{Status: string(to), Recusals: recusals(warn)}, nil
}

// Recusals returns the conflicts of interest between the partners and the
// entities of a meeting being planned (not saved yet): the warning the
// meeting page shows at once next to a partner or entity.
func (m *MeetingService) Recusals(partnerIDs, entityIDs []int64) ([]Recusal, error) {
	reg, err := m.s.openRegister()
	if err != nil {
		return nil, Fail(err)
	}
	cs, err := reg.Recusals(context.Background(), partnerIDs, entityIDs)
	if err != nil {
		return nil, Fail(err)
	}
	return recusals(cs), nil
}

// RemoveEntity takes the entity off the meeting's list (with its minutes).
func (m *MeetingService) RemoveEntity(meetingID, entityID int64) error {
	reg, err := m.s.openRegister()
	if err != nil {
		return Fail(err)
	}
	return Fail(reg.RemoveEntityFromMeeting(context.Background(), meetingID, entityID))
}

// SetActionDone ticks (or unticks) the index-th follow-up action of a meeting.
func (m *MeetingService) SetActionDone(meetingID int64, index int, done bool) error {
	reg, err := m.s.openRegister()
	if err != nil {
		return Fail(err)
	}
	return Fail(reg.SetActionDone(context.Background(), meetingID, index, done))
}

// OpenAction is a follow-up action not done yet, with its meeting.
type OpenAction struct {
	MeetingID    int64  `json:"meetingId"`
	MeetingTitle string `json:"meetingTitle"`
	MeetingAt    string `json:"meetingAt"` // LocalTimeLayout
	Index        int    `json:"index"`     // the action's place in the meeting's list
	Text         string `json:"text"`
	Owner        string `json:"owner"`
	Due          string `json:"due"` // YYYY-MM-DD or ""
}

// Overdue returns the follow-up actions not done whose due date has passed
// (by the register clock's date), the most overdue first.
func (m *MeetingService) Overdue() ([]OpenAction, error) {
	reg, err := m.s.openRegister()
	if err != nil {
		return []OpenAction{}, Fail(err)
	}
	acts, err := reg.OverdueActions(context.Background())
	if err != nil {
		return []OpenAction{}, Fail(err)
	}
	out := make([]OpenAction, 0, len(acts))
	for _, a := range acts {
		out = append(out, OpenAction{MeetingID: a.MeetingID, MeetingTitle: a.MeetingTitle, MeetingAt: localTime(a.MeetingAt), Index: a.Index,
			Text: a.Text, Owner: a.Owner, Due: a.Due})
	}
	return out, nil
}

// CalendarText returns the meeting as an iCalendar (.ics) file under the
// calendar's content rules (service.CalendarText): no entity names.
func (m *MeetingService) CalendarText(id int64) (string, error) {
	r, err := m.s.openRegister()
	if err != nil {
		return "", Fail(err)
	}
	text, err := r.CalendarText(context.Background(), id)
	return text, Fail(err)
}

// ExportCalendar saves the meeting's .ics file where the officer chooses with
// the system's save dialog, recorded in the ledger, and returns the path;
// "" when cancelled.
func (m *MeetingService) ExportCalendar(id int64) (string, error) {
	r, err := m.s.openRegister()
	if err != nil {
		return "", Fail(err)
	}
	ctx := m.s.windowContext()
	if ctx == nil {
		return "", Fail(apperr.New(apperr.Internal, "The file dialog is only available in the window."))
	}
	name, err := r.CalendarFileName(context.Background(), id)
	if err != nil {
		return "", Fail(err)
	}
	path, err := wruntime.SaveFileDialog(ctx, wruntime.SaveDialogOptions{Title: "Save the meeting as a calendar file",
		DefaultFilename: name, Filters: []wruntime.FileFilter{{DisplayName: "Calendar (*.ics)", Pattern: "*.ics"}}})
	if err != nil {
		return "", Fail(apperr.Wrap(err, apperr.Internal, "The file dialog could not be opened."))
	}
	if path == "" {
		return "", nil
	}
	if _, err := r.ExportCalendar(context.Background(), id, path); err != nil {
		return "", Fail(err)
	}
	return path, nil
}
