package register

import (
	"strings"
	"time"

	"atpreg/internal/apperr"
)

// Status is where an entity stands in the pipeline.
type Status string

// Pipeline statuses: the forward path first, then the side states.
const (
	StatusReceived   Status = "received"
	StatusScreening  Status = "screening"
	StatusEvaluation Status = "evaluation"
	StatusInvited    Status = "invited"
	StatusInDialogue Status = "in_dialogue"
	StatusEngaged    Status = "engaged"
	StatusDeclined   Status = "declined"
	StatusWithdrawn  Status = "withdrawn"
	StatusOnHold     Status = "on_hold"
)

var statusEnum = newEnum(apperr.Fixed("status"), []Choice{
	{"received", "Received"},
	{"screening", "Screening"},
	{"evaluation", "Evaluation"},
	{"invited", "Invited to dialogue"},
	{"in_dialogue", "In dialogue"},
	{"engaged", "Engaged (capacity agreed)"},
	{"declined", "Declined"},
	{"withdrawn", "Withdrawn"},
	{"on_hold", "On hold"},
}, map[string]Status{"engaged": StatusEngaged, "hold": StatusOnHold, "onhold": StatusOnHold, "dialogue": StatusInDialogue})

// Label returns the status for people, e.g. "Invited to dialogue".
func (s Status) Label() string { return statusEnum.label(s) }

// Valid reports whether s is a known status.
func (s Status) Valid() bool { return statusEnum.valid(s) }

// UnmarshalText accepts a code or label (see ParseStatus).
func (s *Status) UnmarshalText(b []byte) error { return unmarshalEnum(statusEnum, s, b) }

// Active reports whether s is on the forward path before engagement
// (received, screening, evaluation, invited, in dialogue).
func (s Status) Active() bool {
	switch s {
	case StatusReceived, StatusScreening, StatusEvaluation, StatusInvited, StatusInDialogue:
		return true
	}
	return false
}

// Closed reports whether s ends the entity's course for now (declined,
// withdrawn or engaged); closed entities may still be reopened or withdrawn.
func (s Status) Closed() bool {
	return s == StatusDeclined || s == StatusWithdrawn || s == StatusEngaged
}

// NeedsReason reports whether a move to s must say why (declined, withdrawn,
// on hold).
func (s Status) NeedsReason() bool {
	return s == StatusDeclined || s == StatusWithdrawn || s == StatusOnHold
}

// Statuses returns every status: the forward path in order, then declined,
// withdrawn, on hold.
func Statuses() []Status { return statusEnum.all() }

// ParseStatus accepts a code or label in any case ("In dialogue",
// "on-hold"). Blank input gives "" and no error.
func ParseStatus(s string) (Status, error) { return statusEnum.parse(s) }

// moves is the allowed-moves table: forward one step; declined, withdrawn and
// on hold from any active status; evaluation back to screening (more
// information needed); on hold back to received, screening, evaluation or
// invited; declined and withdrawn reopened to screening; engaged only to
// withdrawn.
var moves = map[Status][]Status{
	StatusReceived:   {StatusScreening, StatusDeclined, StatusWithdrawn, StatusOnHold},
	StatusScreening:  {StatusEvaluation, StatusDeclined, StatusWithdrawn, StatusOnHold},
	StatusEvaluation: {StatusScreening, StatusInvited, StatusDeclined, StatusWithdrawn, StatusOnHold},
	StatusInvited:    {StatusInDialogue, StatusDeclined, StatusWithdrawn, StatusOnHold},
	StatusInDialogue: {StatusEngaged, StatusDeclined, StatusWithdrawn, StatusOnHold},
	StatusEngaged:    {StatusWithdrawn},
	StatusDeclined:   {StatusScreening},
	StatusWithdrawn:  {StatusScreening},
	StatusOnHold:     {StatusReceived, StatusScreening, StatusEvaluation, StatusInvited, StatusDeclined, StatusWithdrawn},
}

// Moves returns the statuses an entity in status from may move to, in
// Statuses order; nil for an unknown status.
func Moves(from Status) []Status {
	allowed := moves[from]
	if allowed == nil {
		return nil
	}
	var out []Status
	for _, s := range Statuses() {
		if contains(allowed, s) {
			out = append(out, s)
		}
	}
	return out
}

// CanMove reports whether the table allows moving from one status to another.
// Staying in the same status is not a move.
func CanMove(from, to Status) bool { return contains(moves[from], to) }

// StatusChange is one recorded move in the pipeline: who moved the entity,
// when and why. From is "" for the entity's registration.
type StatusChange struct {
	ID       int64     `json:"id"`
	EntityID int64     `json:"entity_id"`
	From     Status    `json:"from"`
	To       Status    `json:"to"`
	Reason   string    `json:"reason"`
	By       string    `json:"by"`
	At       time.Time `json:"at"`
}

// Validate checks c: To is a known status; From is empty (registration) or a
// status from which To may be reached; By and At are set; a reason is given
// for declined, withdrawn and on hold. All problems come at once as an
// *apperr.Error with code Invalid.
func (c StatusChange) Validate() error {
	v := &problems{}
	switch {
	case c.To == "":
		v.add("to", "Choose the new status.")
	case !c.To.Valid():
		v.add("to", "%q is not a status; use one of: %s.", string(c.To), statusEnum.codes())
	}
	switch {
	case c.From == "":
	case !c.From.Valid():
		v.add("from", "%q is not a status; use one of: %s.", string(c.From), statusEnum.codes())
	case c.To.Valid() && !CanMove(c.From, c.To):
		v.add("to", "An entity cannot move from %q to %q; from %q it can move to: %s.", c.From, c.To, c.From, statusList(Moves(c.From)))
	}
	if c.To.NeedsReason() && strings.TrimSpace(c.Reason) == "" {
		v.add("reason", "Say why the entity is %s: a reason is required for this move.", apperr.Lower(c.To))
	}
	v.text("reason", c.Reason, MaxLongText, true)
	v.required("by", c.By, "Say who made this change.")
	v.text("by", c.By, MaxNameLen, false)
	if c.At.IsZero() {
		v.add("at", "The time of the change is missing.")
	}
	return v.err("The status change cannot be recorded.")
}

// statusList says statuses in a message: their labels, in the message's
// language.
type statusList []Status

// LabelIn says the statuses in lang ("nothing" when there are none).
func (ss statusList) LabelIn(lang string) string {
	if len(ss) == 0 {
		return apperr.Fixed("nothing").LabelIn(lang)
	}
	ls := make([]string, len(ss))
	for i, s := range ss {
		ls[i] = s.LabelIn(lang)
	}
	if lang == LangChinese {
		return strings.Join(ls, "、")
	}
	return strings.Join(ls, ", ")
}

// NewMove checks moving entity id from status from to status to, by whom
// (Who: DefaultOfficer when blank), when and why, and returns the change to
// record: the entity must not already be there, the pipeline must allow the
// move, and declined, withdrawn and on hold need a reason (see
// StatusChange.Validate). Errors are apperr.Invalid naming the field.
func NewMove(id int64, from, to Status, reason, by string, at time.Time) (StatusChange, error) {
	if from == to {
		return StatusChange{}, apperr.New(apperr.Invalid, "The entity is already %q.", to).
			With(apperr.Field("to", "Choose a different status."))
	}
	c := StatusChange{EntityID: id, From: from, To: to, Reason: strings.TrimSpace(reason), By: Who(by), At: at}
	return c, c.Validate()
}
