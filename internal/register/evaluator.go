package register

import (
	"strings"
	"time"
)

// Evaluator is a member of the evaluation panel, kept in Settings: the
// evaluation sheets are made for an evaluator and their evaluations are
// recorded under the evaluator's name.
type Evaluator struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Role  string `json:"role"`
	Email string `json:"email"`
}

// Normalize trims the evaluator's texts.
func (e *Evaluator) Normalize() {
	e.Name = strings.TrimSpace(e.Name)
	e.Role = strings.TrimSpace(e.Role)
	e.Email = strings.TrimSpace(e.Email)
}

// Validate checks e: a name is required; the email, when given, is one
// well-formed address; texts are bounded. Errors: apperr.Invalid naming
// "name", "role", "email".
func (e Evaluator) Validate() error {
	v := &problems{}
	v.required("name", e.Name, "The evaluator's name is required.")
	v.text("name", e.Name, MaxNameLen, false)
	v.text("role", e.Role, MaxNameLen, false)
	if e.Email != "" && !ValidEmail(e.Email) {
		v.add("email", "This is not an email address: %q. Write one address like name@hkstp.org.", e.Email)
	}
	return v.err("The evaluator cannot be saved.")
}

// EvaluatorConflict is a conflict of interest between an evaluator and an
// entity: the entity is left out of that evaluator's sheets, and a sheet
// returned with it is refused.
type EvaluatorConflict struct {
	EvaluatorID   int64     `json:"evaluator_id"`
	EvaluatorName string    `json:"evaluator_name"`
	EntityID      int64     `json:"entity_id"`
	EntityName    string    `json:"entity_name"`
	Reason        string    `json:"reason"`
	CreatedAt     time.Time `json:"created_at"`
	CreatedBy     string    `json:"created_by"`
}

// SheetRecord is an evaluation sheet sent to an evaluator: its document id
// (as in the ledger), the entities on it, when it was sent, when it is due
// back (YYYY-MM-DD, "" for no date) and when it came back ("" while out).
type SheetRecord struct {
	ID            int64   `json:"id"`
	DocID         string  `json:"doc_id"`
	EvaluatorID   int64   `json:"evaluator_id"`
	EvaluatorName string  `json:"evaluator_name"`
	EntityIDs     []int64 `json:"entity_ids"`
	SentAt        string  `json:"sent_at"` // RFC 3339
	Due           string  `json:"due"`
	ReturnedAt    string  `json:"returned_at"` // RFC 3339, "" while out
}

// Returned reports whether the sheet came back.
func (s SheetRecord) Returned() bool { return s.ReturnedAt != "" }

// Overdue reports whether the sheet is still out after its due date
// (today is YYYY-MM-DD, the register clock's): the rule of follow-up
// actions (Action.Overdue).
func (s SheetRecord) Overdue(today string) bool {
	return !s.Returned() && s.Due != "" && s.Due < today
}

// ValidateSheet checks an evaluation returned on a sheet: like Validate,
// but an aspect may be left unscored (its score 0, not in the weighted
// total; the intake reports it). A score outside 1..5 is still refused.
func (ev Evaluation) ValidateSheet() error {
	cp := ev
	cp.Scores = make(map[Aspect]Score, len(ev.Scores))
	for a, s := range ev.Scores {
		if s.Value == 0 && a.Valid() {
			s.Value = MinScore // stands in for "unscored" in Validate's scale check
		}
		cp.Scores[a] = s
	}
	for _, a := range Aspects() {
		if _, ok := cp.Scores[a]; !ok {
			cp.Scores[a] = Score{Value: MinScore}
		}
	}
	return cp.Validate()
}

// Unscored returns the aspects ev leaves without a score, in RFI order.
func (ev Evaluation) Unscored() []Aspect {
	var out []Aspect
	for _, a := range Aspects() {
		if ev.Scores[a].Value == 0 {
			out = append(out, a)
		}
	}
	return out
}

// DemoPanel returns the demo register's evaluation panel: the two
// fictional evaluators of DemoEvaluations.
func DemoPanel() []Evaluator {
	return []Evaluator{
		{Name: demoEvaluators[0], Role: "Senior Manager, Advanced Therapies", Email: "evelyn.tam@hkstp.example"},
		{Name: demoEvaluators[1], Role: "Scientific Officer", Email: "marcus.yip@hkstp.example"},
	}
}
