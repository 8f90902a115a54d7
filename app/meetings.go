package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	wruntime "github.com/wailsapp/wails/v2/pkg/runtime"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
	"atpreg/internal/store"
)

func init() { addService(func(s *Session) any { return &MeetingService{s: s} }) }

// MeetingService is the meetings area's bound service: university partners
// and their conflicts of interest, dialogue meetings (partners present,
// attendees, entities in order, agenda, minutes per entity, outcome,
// follow-up actions), overdue follow-ups and calendar export.
type MeetingService struct{ s *Session }

// LocalTimeLayout is how meeting times travel to and from the window: the
// value of an <input type="datetime-local">, in the computer's time zone.
const LocalTimeLayout = "2006-01-02T15:04"

// PartnerView is a university partner with its conflicts of interest.
type PartnerView struct {
	Partner   register.Partner `json:"partner"`
	Conflicts []store.Conflict `json:"conflicts"`
}

// Partners returns every university partner by name, each with the entities
// it is conflicted with.
func (m *MeetingService) Partners() ([]PartnerView, error) {
	db, err := m.s.openDB()
	if err != nil {
		return []PartnerView{}, Fail(err)
	}
	ctx := context.Background()
	ps, err := db.Partners(ctx)
	if err != nil {
		return []PartnerView{}, Fail(err)
	}
	cs, err := db.Conflicts(ctx)
	if err != nil {
		return []PartnerView{}, Fail(err)
	}
	out := make([]PartnerView, 0, len(ps))
	for _, p := range ps {
		v := PartnerView{Partner: p, Conflicts: []store.Conflict{}}
		for _, c := range cs {
			if c.PartnerID == p.ID {
				v.Conflicts = append(v.Conflicts, c)
			}
		}
		out = append(out, v)
	}
	return out, nil
}

// SavePartner stores a partner (new when p.id is 0) and returns its id.
// Problems come back per field ("name", "contacts[i].email", ...).
func (m *MeetingService) SavePartner(p register.Partner) (int64, error) {
	db, err := m.s.openDB()
	if err != nil {
		return 0, Fail(err)
	}
	if p.ID == 0 {
		id, err := db.CreatePartner(context.Background(), p, m.s.officer())
		return id, Fail(err)
	}
	return p.ID, Fail(db.UpdatePartner(context.Background(), p, m.s.officer()))
}

// DeletePartner removes a partner with its conflicts and its place in
// meetings.
func (m *MeetingService) DeletePartner(id int64) error {
	db, err := m.s.openDB()
	if err != nil {
		return Fail(err)
	}
	return Fail(db.DeletePartner(context.Background(), id, m.s.officer()))
}

// SetConflict records that the partner has a conflict of interest with the
// entity, with the reason (required): the entity is left out of that
// partner's briefing packs and meeting materials.
func (m *MeetingService) SetConflict(partnerID, entityID int64, reason string) error {
	db, err := m.s.openDB()
	if err != nil {
		return Fail(err)
	}
	return Fail(db.SetConflict(context.Background(), partnerID, entityID, reason, m.s.officer()))
}

// RemoveConflict clears a conflict of interest.
func (m *MeetingService) RemoveConflict(partnerID, entityID int64) error {
	db, err := m.s.openDB()
	if err != nil {
		return Fail(err)
	}
	return Fail(db.RemoveConflict(context.Background(), partnerID, entityID, m.s.officer()))
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
	db, err := m.s.openDB()
	if err != nil {
		return []EntityOption{}, Fail(err)
	}
	page, err := db.ListEntities(context.Background(), store.ListQuery{Search: search, Sort: "name", Limit: 200})
	if err != nil {
		return []EntityOption{}, Fail(err)
	}
	rank := map[string]int{"invited": 0, "in_dialogue": 1, "evaluation": 2, "engaged": 3}
	order := func(s string) int {
		if r, ok := rank[s]; ok {
			return r
		}
		return 9
	}
	rows := page.Rows
	out := make([]EntityOption, 0, 20)
	for pass := 0; pass <= 9 && len(out) < 20; pass++ {
		for _, r := range rows {
			if order(r.Status) == pass && len(out) < 20 {
				out = append(out, EntityOption{ID: r.ID, Name: r.Name, Status: r.Status, StatusLabel: r.StatusLabel})
			}
		}
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
	db, err := m.s.openDB()
	if err != nil {
		return []MeetingRow{}, Fail(err)
	}
	ctx := context.Background()
	ms, err := db.Meetings(ctx)
	if err != nil {
		return []MeetingRow{}, Fail(err)
	}
	names, err := partnerNames(ctx, db)
	if err != nil {
		return []MeetingRow{}, Fail(err)
	}
	now := m.s.now()
	today := now.Format(time.DateOnly)
	var upcoming, past []MeetingRow
	for _, mt := range ms {
		row := MeetingRow{ID: mt.ID, Title: mt.Title, StartsAt: mt.StartsAt.In(time.Local).Format(LocalTimeLayout), Place: mt.Place,
			Partners: []string{}, Entities: len(mt.EntityIDs), Past: mt.StartsAt.Before(now)}
		for _, pid := range mt.PartnerIDs {
			row.Partners = append(row.Partners, names[pid])
		}
		for _, a := range mt.Actions {
			if !a.Done {
				row.OpenActions++
				if a.Due != "" && a.Due < today {
					row.Overdue++
				}
			}
		}
		cs, err := db.MeetingConflicts(ctx, mt.ID)
		if err != nil {
			return []MeetingRow{}, Fail(err)
		}
		row.Conflicts = len(cs)
		if row.Past {
			past = append(past, row)
		} else {
			upcoming = append([]MeetingRow{row}, upcoming...)
		}
	}
	return append(upcoming, past...), nil
}

func partnerNames(ctx context.Context, db *store.DB) (map[int64]string, error) {
	ps, err := db.Partners(ctx)
	if err != nil {
		return nil, err
	}
	out := map[int64]string{}
	for _, p := range ps {
		out[p.ID] = p.Name
	}
	return out, nil
}

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
	Score       *float64    `json:"score"`
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
	db, err := m.s.openDB()
	if err != nil {
		return MeetingView{}, Fail(err)
	}
	v, err := meetingView(context.Background(), db, id, m.s.now())
	return v, Fail(err)
}

func meetingView(ctx context.Context, db *store.DB, id int64, now time.Time) (MeetingView, error) {
	mt, err := db.GetMeeting(ctx, id)
	if err != nil {
		return MeetingView{}, err
	}
	names, err := partnerNames(ctx, db)
	if err != nil {
		return MeetingView{}, err
	}
	conflicts, err := db.MeetingConflicts(ctx, id)
	if err != nil {
		return MeetingView{}, err
	}
	scores, err := db.EntityScores(ctx)
	if err != nil {
		return MeetingView{}, err
	}
	ents, err := db.Entities(ctx, mt.EntityIDs...)
	if err != nil {
		return MeetingView{}, err
	}
	byID := map[int64]register.Entity{}
	for _, e := range ents {
		byID[e.ID] = e
	}
	today := now.Format(time.DateOnly)
	v := MeetingView{Meeting: meetingInput(mt), Partners: []PartnerRef{}, Entities: []MeetingEntity{}, Actions: []ActionView{},
		Past: mt.StartsAt.Before(now), Sequence: mt.Sequence, Today: today}
	for _, pid := range mt.PartnerIDs {
		v.Partners = append(v.Partners, PartnerRef{ID: pid, Name: names[pid]})
	}
	for _, eid := range mt.EntityIDs {
		e := byID[eid]
		me := MeetingEntity{ID: eid, Name: e.Name, Status: string(e.Status), StatusLabel: e.Status.Label(),
			Minutes: mt.EntityMinutes[eid], Excluded: []Exclusion{}}
		if s, ok := scores[eid]; ok {
			total := s.Rounded()
			me.Score = &total
		}
		for _, c := range conflicts {
			if c.EntityID == eid {
				me.Excluded = append(me.Excluded, Exclusion{PartnerID: c.PartnerID, PartnerName: c.PartnerName, Reason: c.Reason})
			}
		}
		v.Entities = append(v.Entities, me)
	}
	for i, a := range mt.Actions {
		v.Actions = append(v.Actions, ActionView{Action: a, Index: i, Overdue: !a.Done && a.Due != "" && a.Due < today})
	}
	return v, nil
}

func meetingInput(mt store.Meeting) MeetingInput {
	in := MeetingInput{ID: mt.ID, Title: mt.Title, StartsAt: mt.StartsAt.In(time.Local).Format(LocalTimeLayout),
		DurationMinutes: mt.DurationMinutes, Place: mt.Place, PartnerIDs: mt.PartnerIDs, Attendees: mt.Attendees,
		EntityIDs: mt.EntityIDs, Agenda: mt.Agenda, Minutes: mt.Minutes, Outcome: mt.Outcome, Actions: mt.Actions,
		EntityMinutes: mt.EntityMinutes}
	return in
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
	return time.Time{}, invalidField("starts_at", fmt.Sprintf("%q is not a date and time; choose them in the picker (YYYY-MM-DD HH:MM).", s))
}

// Save stores a meeting (new when in.id is 0) and returns its id. It does
// not change any entity's status: AddEntity does, with the officer's
// confirmation. Problems come back per field ("title", "starts_at",
// "actions[i].due", ...).
func (m *MeetingService) Save(in MeetingInput) (int64, error) {
	db, err := m.s.openDB()
	if err != nil {
		return 0, Fail(err)
	}
	at, err := parseMeetingTime(in.StartsAt)
	if err != nil {
		return 0, Fail(err)
	}
	mt := store.Meeting{
		Meeting: register.Meeting{ID: in.ID, Title: in.Title, StartsAt: at, Place: in.Place, PartnerIDs: in.PartnerIDs,
			Attendees: in.Attendees, EntityIDs: in.EntityIDs, Agenda: in.Agenda, Minutes: in.Minutes, Outcome: in.Outcome,
			Actions: in.Actions},
		DurationMinutes: in.DurationMinutes,
		EntityMinutes:   in.EntityMinutes,
	}
	ctx := context.Background()
	if in.ID == 0 {
		id, err := db.CreateMeeting(ctx, mt, m.s.officer())
		return id, Fail(err)
	}
	return in.ID, Fail(db.UpdateMeeting(ctx, mt, m.s.officer()))
}

// Delete removes a meeting (kept in the history).
func (m *MeetingService) Delete(id int64) error {
	db, err := m.s.openDB()
	if err != nil {
		return Fail(err)
	}
	return Fail(db.DeleteMeeting(context.Background(), id, m.s.officer()))
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
	db, err := m.s.openDB()
	if err != nil {
		return MoveProposal{}, Fail(err)
	}
	e, err := db.GetEntity(context.Background(), entityID)
	if err != nil {
		return MoveProposal{}, Fail(err)
	}
	p := MoveProposal{From: string(e.Status), FromLabel: e.Status.Label()}
	if to := store.DialogueMove(e.Status); to != "" {
		p.To, p.ToLabel = string(to), to.Label()
	}
	return p, nil
}

// AddEntity puts the entity at the end of the meeting's list. Only when
// moveStatus is true (the officer confirmed it) does the entity move on in
// the pipeline (see ProposedMove); it returns the new status code, "" when
// the status was left alone.
func (m *MeetingService) AddEntity(meetingID, entityID int64, moveStatus bool) (string, error) {
	db, err := m.s.openDB()
	if err != nil {
		return "", Fail(err)
	}
	to, err := db.AddEntityToMeeting(context.Background(), meetingID, entityID, moveStatus, m.s.officer())
	return string(to), Fail(err)
}

// RemoveEntity takes the entity off the meeting's list (with its minutes).
func (m *MeetingService) RemoveEntity(meetingID, entityID int64) error {
	db, err := m.s.openDB()
	if err != nil {
		return Fail(err)
	}
	return Fail(db.RemoveEntityFromMeeting(context.Background(), meetingID, entityID, m.s.officer()))
}

// SetActionDone ticks (or unticks) the index-th follow-up action of a meeting.
func (m *MeetingService) SetActionDone(meetingID int64, index int, done bool) error {
	db, err := m.s.openDB()
	if err != nil {
		return Fail(err)
	}
	return Fail(db.SetActionDone(context.Background(), meetingID, index, done, m.s.officer()))
}

// Overdue returns the follow-up actions not done whose due date has passed
// (by the session clock's local date), the most overdue first.
func (m *MeetingService) Overdue() ([]store.OpenAction, error) {
	db, err := m.s.openDB()
	if err != nil {
		return []store.OpenAction{}, Fail(err)
	}
	out, err := db.OverdueActions(context.Background(), m.s.now().Format(time.DateOnly))
	if err != nil {
		return []store.OpenAction{}, Fail(err)
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
