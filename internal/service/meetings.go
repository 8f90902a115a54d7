package service

import (
	"context"
	"slices"

	"atpreg/internal/register"
	"atpreg/internal/store"
)

// MeetingSummary is one meeting as the planner lists it: the meeting, its
// partners' names, how many follow-up actions are open and overdue (by the
// register clock's date, register.Action.Overdue), how many conflicts of
// interest touch it, and whether it has started.
type MeetingSummary struct {
	Meeting      register.MeetingRecord
	PartnerNames []string
	OpenActions  int
	Overdue      int
	Conflicts    int
	Past         bool
}

// Meetings returns every meeting, the upcoming ones first (soonest first),
// then the past ones (latest first).
func (r *Register) Meetings(ctx context.Context) ([]MeetingSummary, error) {
	ms, err := r.db.Meetings(ctx)
	if err != nil {
		return nil, err
	}
	names, err := r.partnerNames(ctx)
	if err != nil {
		return nil, err
	}
	now, today := r.Now(), r.today()
	var upcoming, past []MeetingSummary
	for _, mt := range ms {
		s := MeetingSummary{Meeting: mt, PartnerNames: []string{}, Past: mt.Past(now)}
		for _, pid := range mt.PartnerIDs {
			s.PartnerNames = append(s.PartnerNames, names[pid])
		}
		for _, a := range mt.Actions {
			if !a.Done {
				s.OpenActions++
			}
			if a.Overdue(today) {
				s.Overdue++
			}
		}
		cs, err := r.db.MeetingConflicts(ctx, mt.ID)
		if err != nil {
			return nil, err
		}
		s.Conflicts = len(cs)
		if s.Past {
			past = append(past, s)
		} else {
			upcoming = append(upcoming, s)
		}
	}
	// The store lists the latest start first: upcoming ones are reversed.
	slices.Reverse(upcoming)
	return append(upcoming, past...), nil
}

// PartnerRef names a partner.
type PartnerRef struct {
	ID   int64
	Name string
}

// MeetingEntity is an entity on a meeting's list with its minutes, its
// weighted total (nil when not evaluated) and the conflicts of interest
// that leave it out of partners' materials.
type MeetingEntity struct {
	Entity   register.Entity
	Minutes  string
	Score    *float64
	Excluded []register.Conflict
}

// ActionState is a follow-up action with its place in the meeting's list
// and whether it is overdue.
type ActionState struct {
	register.Action
	Index   int
	Overdue bool
}

// MeetingDossier is one meeting with its partners, entities (in order) and
// follow-up actions, as of Today (the register clock's date).
type MeetingDossier struct {
	Meeting  register.MeetingRecord
	Partners []PartnerRef
	Entities []MeetingEntity
	Actions  []ActionState
	Past     bool
	Today    string
}

// Meeting returns meeting id with its partners, entities (in order, with
// minutes, scores and conflicts of interest) and follow-up actions. Errors:
// apperr.NotFound.
func (r *Register) Meeting(ctx context.Context, id int64) (MeetingDossier, error) {
	mt, err := r.db.GetMeeting(ctx, id)
	if err != nil {
		return MeetingDossier{}, err
	}
	names, err := r.partnerNames(ctx)
	if err != nil {
		return MeetingDossier{}, err
	}
	conflicts, err := r.db.MeetingConflicts(ctx, id)
	if err != nil {
		return MeetingDossier{}, err
	}
	scores, err := r.db.EntityScores(ctx)
	if err != nil {
		return MeetingDossier{}, err
	}
	ents, err := r.db.Entities(ctx, mt.EntityIDs...)
	if err != nil {
		return MeetingDossier{}, err
	}
	byID := map[int64]register.Entity{}
	for _, e := range ents {
		byID[e.ID] = e
	}
	today := r.today()
	d := MeetingDossier{Meeting: mt, Partners: []PartnerRef{}, Entities: []MeetingEntity{}, Actions: []ActionState{},
		Past: mt.Past(r.Now()), Today: today}
	for _, pid := range mt.PartnerIDs {
		d.Partners = append(d.Partners, PartnerRef{ID: pid, Name: names[pid]})
	}
	for _, eid := range mt.EntityIDs {
		e, ok := byID[eid]
		if !ok {
			e = register.Entity{ID: eid}
		}
		me := MeetingEntity{Entity: e, Minutes: mt.EntityMinutes[eid], Excluded: []register.Conflict{}}
		if s, ok := scores[eid]; ok {
			total := s.Rounded()
			me.Score = &total
		}
		for _, c := range conflicts {
			if c.EntityID == eid {
				me.Excluded = append(me.Excluded, c)
			}
		}
		d.Entities = append(d.Entities, me)
	}
	for i, a := range mt.Actions {
		d.Actions = append(d.Actions, ActionState{Action: a, Index: i, Overdue: a.Overdue(today)})
	}
	return d, nil
}

// SaveMeeting stores a meeting (new when m.ID is 0) and returns its id. It
// changes no entity's status (AddEntityToMeeting does, when the officer
// confirms). Errors: apperr.Invalid ("title", "starts_at",
// "duration_minutes", "actions[i].due", ...), apperr.NotFound.
func (r *Register) SaveMeeting(ctx context.Context, m register.MeetingRecord) (int64, error) {
	if m.ID == 0 {
		return r.db.CreateMeeting(ctx, m, r.Officer(ctx))
	}
	return m.ID, r.db.UpdateMeeting(ctx, m, r.Officer(ctx))
}

// DeleteMeeting removes a meeting (kept in the history).
func (r *Register) DeleteMeeting(ctx context.Context, id int64) error {
	return r.db.DeleteMeeting(ctx, id, r.Officer(ctx))
}

// ProposedDialogueMove returns the entity's status and the status adding it
// to a meeting would move it to (register.DialogueMove; "" when none
// applies), so that a face can ask the officer before AddEntityToMeeting.
func (r *Register) ProposedDialogueMove(ctx context.Context, entityID int64) (from, to register.Status, err error) {
	e, err := r.db.GetEntity(ctx, entityID)
	if err != nil {
		return "", "", err
	}
	return e.Status, register.DialogueMove(e.Status), nil
}

// AddEntityToMeeting puts the entity at the end of the meeting's list. Only
// with moveStatus (the officer confirmed it) does the entity move on in the
// pipeline (register.DialogueMove), in the same transaction; it returns the
// new status, "" when the status was left alone, and the warnings: the
// conflicts of interest of the meeting's partners with the entity (each
// partner is recused for this item and their pack leaves it out). Errors:
// apperr.NotFound, apperr.Conflict (moveStatus but no move applies; nothing
// is changed).
func (r *Register) AddEntityToMeeting(ctx context.Context, meetingID, entityID int64, moveStatus bool) (register.Status, []register.Conflict, error) {
	to, err := r.db.AddEntityToMeeting(ctx, meetingID, entityID, moveStatus, r.Officer(ctx))
	if err != nil {
		return "", nil, err
	}
	mt, err := r.db.GetMeeting(ctx, meetingID)
	if err != nil {
		return to, nil, err
	}
	recusals, err := r.Recusals(ctx, mt.PartnerIDs, []int64{entityID})
	return to, recusals, err
}

// Recusals returns the conflicts of interest between the partners and the
// entities given (a meeting's, or one being planned): each partner is
// recused for the item of each such entity, in partner then entity order.
// It is the warning a face shows at once when an entity or a partner is
// added to a meeting.
func (r *Register) Recusals(ctx context.Context, partnerIDs, entityIDs []int64) ([]register.Conflict, error) {
	out := []register.Conflict{}
	if len(partnerIDs) == 0 || len(entityIDs) == 0 {
		return out, nil
	}
	all, err := r.db.Conflicts(ctx)
	if err != nil {
		return nil, err
	}
	for _, pid := range partnerIDs {
		for _, eid := range entityIDs {
			for _, c := range all {
				if c.PartnerID == pid && c.EntityID == eid {
					out = append(out, c)
				}
			}
		}
	}
	return out, nil
}

// RemoveEntityFromMeeting takes the entity off the meeting's list, with its
// minutes.
func (r *Register) RemoveEntityFromMeeting(ctx context.Context, meetingID, entityID int64) error {
	return r.db.RemoveEntityFromMeeting(ctx, meetingID, entityID, r.Officer(ctx))
}

// SetActionDone ticks (or unticks) the index-th follow-up action of a
// meeting. Errors: apperr.NotFound.
func (r *Register) SetActionDone(ctx context.Context, meetingID int64, index int, done bool) error {
	return r.db.SetActionDone(ctx, meetingID, index, done, r.Officer(ctx))
}

// OpenActions returns the follow-up actions not done yet, the earliest due
// first (those without a due date last).
func (r *Register) OpenActions(ctx context.Context) ([]register.OpenAction, error) {
	return r.db.OpenActions(ctx)
}

// OverdueActions returns the open follow-up actions that are overdue
// (register.Action.Overdue) by the register clock's date, the most overdue
// first.
func (r *Register) OverdueActions(ctx context.Context) ([]register.OpenAction, error) {
	open, err := r.db.OpenActions(ctx)
	if err != nil {
		return nil, err
	}
	today := r.today()
	out := []register.OpenAction{}
	for _, a := range open {
		if a.Overdue(today) {
			out = append(out, a)
		}
	}
	return out, nil
}

// EntityOption is an entity offered for a meeting or a conflict of
// interest.
type EntityOption struct {
	ID     int64
	Name   string
	Status register.Status
}

// MeetingCandidates returns up to 20 entities holding search (any text they
// hold): first those whose name matches best (register.NameMatch: the name
// starts with it, then a word starts with it), then in
// register.MeetingCandidateOrder (invited, in dialogue, in evaluation,
// engaged first), by name within a group.
func (r *Register) MeetingCandidates(ctx context.Context, search string) ([]EntityOption, error) {
	page, err := r.db.ListEntities(ctx, store.ListQuery{Search: search, Sort: "name", Limit: 200})
	if err != nil {
		return nil, err
	}
	rows := make([]EntityOption, 0, len(page.Rows))
	for _, row := range page.Rows {
		rows = append(rows, EntityOption{ID: row.ID, Name: row.Name, Status: register.Status(row.Status)})
	}
	// Names that start with what was typed first, then names with a word
	// starting so, then the rest (matched in other fields); within each,
	// invited entities first (the status order), then by name.
	slices.SortStableFunc(rows, func(a, b EntityOption) int {
		if d := register.NameMatch(a.Name, search) - register.NameMatch(b.Name, search); d != 0 {
			return d
		}
		return register.MeetingCandidateOrder(a.Status) - register.MeetingCandidateOrder(b.Status)
	})
	return rows[:min(len(rows), 20)], nil
}
