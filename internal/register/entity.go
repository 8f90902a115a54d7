// Package register is the domain of atpreg: the RFI's entities and product
// submissions, their choice lists with the RFI's own labels, validation,
// completeness, the pipeline of statuses, evaluation on the RFI's seven
// aspects with weighted totals and ranking, partners and meetings, and
// fictional demo data. It does no I/O and knows nothing of SQL, PDF or the UI.
//
// JSON names are the import column names of the command-line contract;
// choices encode as codes, yes/no answers as true/false/null, multi-choice
// fields as arrays (never null).
package register

import (
	"encoding/json"
	"strings"
	"time"
)

// Entity is an interested organisation: who they are, how to reach them,
// where they are in the pipeline, and the products they submitted.
type Entity struct {
	ID           int64        `json:"id"`
	Name         string       `json:"name"`
	Address      string       `json:"address"`
	ContactName  string       `json:"contact_name"`
	ContactEmail string       `json:"contact_email"`
	ContactPhone string       `json:"contact_phone"`
	Status       Status       `json:"status"`
	ReceivedOn   string       `json:"received_on"` // "YYYY-MM-DD" or ""
	Source       string       `json:"source"`      // e.g. the email's subject or message id
	Notes        string       `json:"notes"`
	Tags         []string     `json:"tags"`
	CreatedAt    time.Time    `json:"created_at" ts_type:"string"`
	UpdatedAt    time.Time    `json:"updated_at" ts_type:"string"`
	Submissions  []Submission `json:"submissions"`
}

// Submission is one product's pre-requisite information, every item of the
// RFI's table. Empty fields are unanswered items (see Missing).
type Submission struct {
	ID                     int64              `json:"id"`
	EntityID               int64              `json:"entity_id"`
	ProductName            string             `json:"product_name"`
	Composition            string             `json:"composition"`
	PharmaceuticalForm     string             `json:"pharmaceutical_form"`
	TherapeuticIndication  string             `json:"therapeutic_indication"`
	Routes                 []Route            `json:"routes"`
	RouteOther             string             `json:"route_other"`
	ATPType                ATPType            `json:"atp_type"`
	GeneVector             GeneVector         `json:"gene_vector"`
	IntendedUse            IntendedUse        `json:"intended_use"`
	IntendedUseOther       string             `json:"intended_use_other"`
	StartingMaterials      []StartingMaterial `json:"starting_materials"`
	StartingMaterialsOther string             `json:"starting_materials_other"`
	ProcessType            ProcessType        `json:"process_type"`
	PDCompleted            YesNo              `json:"pd_completed" ts_type:"boolean | null"`
	PDFurther              string             `json:"pd_further"`
	GMPBefore              YesNo              `json:"gmp_before" ts_type:"boolean | null"`
	HasAuthorizedPerson    YesNo              `json:"has_authorized_person" ts_type:"boolean | null"`
	NeedsTraining          YesNo              `json:"needs_training" ts_type:"boolean | null"`
	TrainingRoles          []TrainingRole     `json:"training_roles"`
	TrainingDetails        string             `json:"training_details"`
	ExpectedStart          Month              `json:"expected_start"`
	Notes                  string             `json:"notes"`
}

// MarshalJSON encodes s with every import column; multi-choice fields are
// arrays of codes, never null.
func (s Submission) MarshalJSON() ([]byte, error) {
	type plain Submission
	p := plain(s)
	if p.Routes == nil {
		p.Routes = []Route{}
	}
	if p.StartingMaterials == nil {
		p.StartingMaterials = []StartingMaterial{}
	}
	if p.TrainingRoles == nil {
		p.TrainingRoles = []TrainingRole{}
	}
	return json.Marshal(p)
}

// MarshalJSON encodes e with its submissions; tags and submissions are arrays,
// never null.
func (e Entity) MarshalJSON() ([]byte, error) {
	type plain Entity
	p := plain(e)
	if p.Tags == nil {
		p.Tags = []string{}
	}
	if p.Submissions == nil {
		p.Submissions = []Submission{}
	}
	return json.Marshal(p)
}

// HasRoute reports whether r is among the submission's routes.
func (s Submission) HasRoute(r Route) bool { return contains(s.Routes, r) }

// HasStartingMaterial reports whether m is among the submission's materials.
func (s Submission) HasStartingMaterial(m StartingMaterial) bool {
	return contains(s.StartingMaterials, m)
}

// HasTrainingRole reports whether r is among the roles needing training.
func (s Submission) HasTrainingRole(r TrainingRole) bool { return contains(s.TrainingRoles, r) }

// ProductNames returns the names of the entity's products, in order.
func (e Entity) ProductNames() []string {
	out := make([]string, len(e.Submissions))
	for i, s := range e.Submissions {
		out[i] = s.ProductName
	}
	return out
}

func contains[T comparable](vs []T, v T) bool {
	for _, x := range vs {
		if x == v {
			return true
		}
	}
	return false
}

// Normalize tidies s in place without changing its meaning: surrounding
// space trimmed from every text (line ends in long texts become "\n"),
// multi-choice lists put in RFI order without repeats, and a day-less or
// padded expected start kept as parsed. Call it before Validate on input from
// people.
func (s *Submission) Normalize() {
	for _, p := range []*string{&s.ProductName, &s.PharmaceuticalForm, &s.RouteOther, &s.IntendedUseOther, &s.StartingMaterialsOther} {
		*p = strings.TrimSpace(*p)
	}
	for _, p := range []*string{&s.Composition, &s.TherapeuticIndication, &s.PDFurther, &s.TrainingDetails, &s.Notes} {
		*p = tidyLong(*p)
	}
	s.Routes = routeEnum.sortList(s.Routes)
	s.StartingMaterials = materialEnum.sortList(s.StartingMaterials)
	s.TrainingRoles = trainingRoleEnum.sortList(s.TrainingRoles)
	if m, err := ParseMonth(string(s.ExpectedStart)); err == nil {
		s.ExpectedStart = m
	}
}

// Normalize tidies e and its submissions in place (see Submission.Normalize):
// texts trimmed, the email's domain kept as typed but surrounding space
// removed, tags trimmed with blanks and repeats (ignoring case) dropped.
func (e *Entity) Normalize() {
	for _, p := range []*string{&e.Name, &e.ContactName, &e.ContactEmail, &e.ContactPhone, &e.ReceivedOn, &e.Source} {
		*p = strings.TrimSpace(*p)
	}
	e.Address = tidyLong(e.Address)
	e.Notes = tidyLong(e.Notes)
	if e.Tags != nil {
		seen := map[string]bool{}
		tags := make([]string, 0, len(e.Tags))
		for _, t := range e.Tags {
			t = strings.Join(strings.Fields(t), " ")
			k := strings.ToLower(t)
			if t == "" || seen[k] {
				continue
			}
			seen[k] = true
			tags = append(tags, t)
		}
		e.Tags = tags
	}
	for i := range e.Submissions {
		e.Submissions[i].Normalize()
	}
}

// tidyLong makes line ends "\n" and trims surrounding space.
func tidyLong(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.TrimSpace(s)
}

// PrepareNew readies e to be registered: normalized, an empty status made
// received, then validated (every problem at once, apperr.Invalid).
func (e *Entity) PrepareNew() error {
	e.Normalize()
	if e.Status == "" {
		e.Status = StatusReceived
	}
	return e.Validate()
}
