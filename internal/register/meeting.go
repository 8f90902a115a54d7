package register

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"atpreg/internal/apperr"
)

// DefaultMeetingMinutes is a meeting's length when none is given.
const DefaultMeetingMinutes = 90

// MeetingRecord is a dialogue meeting as the register keeps it: the meeting
// plus its length, the minutes taken for each entity discussed and a
// revision number (for calendar updates).
type MeetingRecord struct {
	Meeting
	// DurationMinutes is how long the meeting is planned to last (5..1440;
	// 0 before Normalize means DefaultMeetingMinutes).
	DurationMinutes int `json:"duration_minutes"`
	// EntityMinutes are the minutes per entity, keyed by entity id; only
	// entities in EntityIDs may have minutes.
	EntityMinutes map[int64]string `json:"entity_minutes"`
	// Sequence counts the changes since the meeting was created.
	Sequence int `json:"sequence"`
}

// Normalize trims m's texts, drops blank attendees, blank actions and blank
// minutes, makes its lists non-nil and gives it the default length when it
// has none.
func (m *MeetingRecord) Normalize() {
	m.Title = strings.TrimSpace(m.Title)
	m.Place = strings.TrimSpace(m.Place)
	m.Agenda = strings.TrimSpace(m.Agenda)
	m.Minutes = strings.TrimSpace(m.Minutes)
	m.Outcome = strings.TrimSpace(m.Outcome)
	att := []string{}
	for _, a := range m.Attendees {
		if a = strings.TrimSpace(a); a != "" {
			att = append(att, a)
		}
	}
	m.Attendees = att
	acts := []Action{}
	for _, a := range m.Actions {
		a.Text, a.Owner, a.Due = strings.TrimSpace(a.Text), strings.TrimSpace(a.Owner), strings.TrimSpace(a.Due)
		if a.Text == "" && a.Owner == "" && a.Due == "" {
			continue
		}
		acts = append(acts, a)
	}
	m.Actions = acts
	if m.PartnerIDs == nil {
		m.PartnerIDs = []int64{}
	}
	if m.EntityIDs == nil {
		m.EntityIDs = []int64{}
	}
	if m.DurationMinutes == 0 {
		m.DurationMinutes = DefaultMeetingMinutes
	}
	em := map[int64]string{}
	for id, text := range m.EntityMinutes {
		if text = strings.TrimSpace(text); text != "" {
			em[id] = text
		}
	}
	m.EntityMinutes = em
}

// Validate checks m with Meeting.Validate plus the length and the minutes
// per entity; all problems come at once as an *apperr.Error with code
// Invalid ("duration_minutes", "entity_minutes.<id>", ...).
func (m MeetingRecord) Validate() error {
	err := m.Meeting.Validate()
	var fields []apperr.FieldError
	if err != nil {
		fields = apperr.FieldsOf(err)
	}
	if m.DurationMinutes < 5 || m.DurationMinutes > 1440 {
		fields = append(fields, apperr.Field("duration_minutes", "Give the meeting's length in minutes, from 5 to 1440."))
	}
	ids := make([]int64, 0, len(m.EntityMinutes))
	for id := range m.EntityMinutes {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		field := fmt.Sprintf("entity_minutes.%d", id)
		if !slices.Contains(m.EntityIDs, id) {
			fields = append(fields, apperr.Field(field, "Minutes are kept only for entities on the meeting's list; add the entity first."))
		}
		if utf8.RuneCountInString(m.EntityMinutes[id]) > MaxLongText {
			fields = append(fields, apperr.Field(field, "Keep the minutes for one entity under %d characters.", MaxLongText))
		}
	}
	if len(fields) == 0 {
		return nil
	}
	if err != nil {
		return apperr.New(apperr.Invalid, "%s", apperr.Say(err)).With(fields...)
	}
	return apperr.New(apperr.Invalid, "The meeting cannot be saved. %s", fields[0]).With(fields...)
}

// Past reports whether the meeting has started by now.
func (m Meeting) Past(now time.Time) bool { return m.StartsAt.Before(now) }

// Overdue is the overdue rule: an action is overdue when it is not done and
// its due date is before today (the officer's local date, "YYYY-MM-DD").
// An action without a due date is never overdue; one due today is not yet.
func (a Action) Overdue(today string) bool { return !a.Done && a.Due != "" && a.Due < today }

// OpenAction is a follow-up action of a meeting that is not done yet, with
// the meeting it comes from.
type OpenAction struct {
	MeetingID    int64     `json:"meeting_id"`
	MeetingTitle string    `json:"meeting_title"`
	MeetingAt    time.Time `json:"meeting_at"` // the meeting's start
	Index        int       `json:"index"`      // the action's place in the meeting's list
	Text         string    `json:"text"`
	Owner        string    `json:"owner"`
	Due          string    `json:"due"` // "YYYY-MM-DD" or ""
}

// Overdue applies the overdue rule (Action.Overdue) to the open action.
func (o OpenAction) Overdue(today string) bool { return Action{Due: o.Due}.Overdue(today) }

// Conflict is a conflict of interest between a university partner and an
// entity: the entity is left out of that partner's briefing packs and
// meeting materials.
type Conflict struct {
	PartnerID   int64     `json:"partner_id"`
	PartnerName string    `json:"partner_name"`
	EntityID    int64     `json:"entity_id"`
	EntityName  string    `json:"entity_name"`
	Reason      string    `json:"reason"`
	CreatedAt   time.Time `json:"created_at"`
	CreatedBy   string    `json:"created_by"`
}

// ConflictReason trims reason and checks it: a conflict of interest needs
// a reason, of at most MaxLongText characters. Errors: apperr.Invalid
// naming the field "reason".
func ConflictReason(reason string) (string, error) {
	reason = strings.TrimSpace(reason)
	switch {
	case reason == "":
		return "", &apperr.Error{Code: apperr.Invalid, Message: "Say why the partner has a conflict of interest with this entity.",
			Fields: []apperr.FieldError{{Field: "reason", Message: "Give the reason for the conflict of interest."}}}
	case utf8.RuneCountInString(reason) > MaxLongText:
		return "", &apperr.Error{Code: apperr.Invalid, Message: "The reason is too long.",
			Fields: []apperr.FieldError{apperr.Field("reason", "Keep the reason under %d characters.", MaxLongText)}}
	}
	return reason, nil
}

// DialogueMove returns the status an entity in status from moves to when it
// is added to a meeting: invited to dialogue from evaluation or on hold, in
// dialogue from invited; "" when no move applies (already in dialogue or
// later, or not yet evaluated).
func DialogueMove(from Status) Status {
	switch from {
	case StatusEvaluation, StatusOnHold:
		return StatusInvited
	case StatusInvited:
		return StatusInDialogue
	}
	return ""
}

// MeetingCandidateOrder is the status order in which entities are offered
// for a meeting: invited first, then in dialogue, in evaluation, engaged,
// and every other status after them (a smaller number comes first).
func MeetingCandidateOrder(s Status) int {
	switch s {
	case StatusInvited:
		return 0
	case StatusInDialogue:
		return 1
	case StatusEvaluation:
		return 2
	case StatusEngaged:
		return 3
	}
	return 9
}

// NameMatch says how well an entity's name matches what the officer typed,
// for ordering search results (a smaller number comes first): 0 when the
// name starts with it ("Tai Po" → "Tai Po Vector Ltd"), 1 when each word
// typed starts a word of the name ("po vec" → "Tai Po Vector Ltd"), 2 when
// the name holds it elsewhere, 3 when only other fields matched (an address
// in Tai Po). Case and runs of spaces are ignored.
func NameMatch(name, typed string) int {
	n := strings.Join(strings.Fields(strings.ToLower(name)), " ")
	q := strings.Join(strings.Fields(strings.ToLower(typed)), " ")
	if q == "" {
		return 3
	}
	if strings.HasPrefix(n, q) {
		return 0
	}
	words := strings.FieldsFunc(n, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
	all := true
	for _, t := range strings.Fields(q) {
		found := false
		for _, w := range words {
			if strings.HasPrefix(w, strings.TrimFunc(t, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })) {
				found = true
				break
			}
		}
		if !found {
			all = false
			break
		}
	}
	if all {
		return 1
	}
	if strings.Contains(n, q) {
		return 2
	}
	return 3
}
