package store

import (
	"encoding/json"
	"fmt"
	"strings"

	"atpreg/internal/register"
)

// submissionRow is a submissions row as stored.
type submissionRow struct {
	ID                     int64  `db:"id"`
	EntityID               int64  `db:"entity_id"`
	Position               int    `db:"position"`
	ProductName            string `db:"product_name"`
	Composition            string `db:"composition"`
	PharmaceuticalForm     string `db:"pharmaceutical_form"`
	TherapeuticIndication  string `db:"therapeutic_indication"`
	Routes                 string `db:"routes"`
	RouteOther             string `db:"route_other"`
	ATPType                string `db:"atp_type"`
	GeneVector             string `db:"gene_vector"`
	IntendedUse            string `db:"intended_use"`
	IntendedUseOther       string `db:"intended_use_other"`
	StartingMaterials      string `db:"starting_materials"`
	StartingMaterialsOther string `db:"starting_materials_other"`
	ProcessType            string `db:"process_type"`
	PDCompleted            *bool  `db:"pd_completed"`
	PDFurther              string `db:"pd_further"`
	GMPBefore              *bool  `db:"gmp_before"`
	HasAuthorizedPerson    *bool  `db:"has_authorized_person"`
	NeedsTraining          *bool  `db:"needs_training"`
	TrainingRoles          string `db:"training_roles"`
	TrainingDetails        string `db:"training_details"`
	ExpectedStart          string `db:"expected_start"`
	Notes                  string `db:"notes"`
}

const submissionColumns = `id, entity_id, position, product_name, composition, pharmaceutical_form,
	therapeutic_indication, routes, route_other, atp_type, gene_vector, intended_use, intended_use_other,
	starting_materials, starting_materials_other, process_type, pd_completed, pd_further, gmp_before,
	has_authorized_person, needs_training, training_roles, training_details, expected_start, notes`

// jsonList encodes a list of codes as a JSON array (never null).
func jsonList[T ~string](vs []T) string {
	if len(vs) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(vs)
	return string(b)
}

func parseList[T ~string](s string) ([]T, error) {
	var out []T
	if s == "" || s == "[]" {
		return nil, nil
	}
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		return nil, err
	}
	return out, nil
}

func (row submissionRow) submission() (register.Submission, error) {
	s := register.Submission{
		ID:                     row.ID,
		EntityID:               row.EntityID,
		ProductName:            row.ProductName,
		Composition:            row.Composition,
		PharmaceuticalForm:     row.PharmaceuticalForm,
		TherapeuticIndication:  row.TherapeuticIndication,
		RouteOther:             row.RouteOther,
		ATPType:                register.ATPType(row.ATPType),
		GeneVector:             register.GeneVector(row.GeneVector),
		IntendedUse:            register.IntendedUse(row.IntendedUse),
		IntendedUseOther:       row.IntendedUseOther,
		StartingMaterialsOther: row.StartingMaterialsOther,
		ProcessType:            register.ProcessType(row.ProcessType),
		PDCompleted:            register.YesNoPtr(row.PDCompleted),
		PDFurther:              row.PDFurther,
		GMPBefore:              register.YesNoPtr(row.GMPBefore),
		HasAuthorizedPerson:    register.YesNoPtr(row.HasAuthorizedPerson),
		NeedsTraining:          register.YesNoPtr(row.NeedsTraining),
		TrainingDetails:        row.TrainingDetails,
		ExpectedStart:          register.Month(row.ExpectedStart),
		Notes:                  row.Notes,
	}
	var err error
	if s.Routes, err = parseList[register.Route](row.Routes); err != nil {
		return s, fmt.Errorf("routes of submission %d: %w", row.ID, err)
	}
	if s.StartingMaterials, err = parseList[register.StartingMaterial](row.StartingMaterials); err != nil {
		return s, fmt.Errorf("starting materials of submission %d: %w", row.ID, err)
	}
	if s.TrainingRoles, err = parseList[register.TrainingRole](row.TrainingRoles); err != nil {
		return s, fmt.Errorf("training roles of submission %d: %w", row.ID, err)
	}
	return s, nil
}

// submissionArgs are the values of every column after position, in
// submissionColumns order.
func submissionArgs(s register.Submission) []any {
	return []any{s.ProductName, s.Composition, s.PharmaceuticalForm, s.TherapeuticIndication,
		jsonList(s.Routes), s.RouteOther, string(s.ATPType), string(s.GeneVector), string(s.IntendedUse),
		s.IntendedUseOther, jsonList(s.StartingMaterials), s.StartingMaterialsOther, string(s.ProcessType),
		s.PDCompleted.Ptr(), s.PDFurther, s.GMPBefore.Ptr(), s.HasAuthorizedPerson.Ptr(), s.NeedsTraining.Ptr(),
		jsonList(s.TrainingRoles), s.TrainingDetails, string(s.ExpectedStart), s.Notes}
}

const insertSubmission = `INSERT INTO submissions(entity_id, position, product_name, composition,
	pharmaceutical_form, therapeutic_indication, routes, route_other, atp_type, gene_vector, intended_use,
	intended_use_other, starting_materials, starting_materials_other, process_type, pd_completed,
	pd_further, gmp_before, has_authorized_person, needs_training, training_roles, training_details,
	expected_start, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

const updateSubmission = `UPDATE submissions SET position = ?, product_name = ?, composition = ?,
	pharmaceutical_form = ?, therapeutic_indication = ?, routes = ?, route_other = ?, atp_type = ?,
	gene_vector = ?, intended_use = ?, intended_use_other = ?, starting_materials = ?,
	starting_materials_other = ?, process_type = ?, pd_completed = ?, pd_further = ?, gmp_before = ?,
	has_authorized_person = ?, needs_training = ?, training_roles = ?, training_details = ?,
	expected_start = ?, notes = ? WHERE id = ? AND entity_id = ?`

func insertSubmissionTx(tx *Tx, entityID int64, pos int, s register.Submission) (int64, error) {
	args := append([]any{entityID, pos}, submissionArgs(s)...)
	res, err := tx.Exec(insertSubmission, args...)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

func updateSubmissionTx(tx *Tx, entityID int64, pos int, s register.Submission) error {
	args := append([]any{pos}, submissionArgs(s)...)
	args = append(args, s.ID, entityID)
	_, err := tx.Exec(updateSubmission, args...)
	return err
}

// submissionsOf returns the submissions of the given entities in position
// order, grouped by entity id.
func submissionsOf(r *Reader, ids ...int64) (map[int64][]register.Submission, error) {
	out := map[int64][]register.Submission{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []submissionRow
	q := `SELECT ` + submissionColumns + ` FROM submissions WHERE entity_id IN (` + placeholders(len(ids)) + `) ORDER BY entity_id, position, id`
	if err := r.Select(&rows, q, int64sToAny(ids)...); err != nil {
		return nil, err
	}
	for _, row := range rows {
		s, err := row.submission()
		if err != nil {
			return nil, err
		}
		out[row.EntityID] = append(out[row.EntityID], s)
	}
	return out, nil
}

func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?, ", n-1) + "?"
}

func int64sToAny(ids []int64) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}

// fieldValue is one audited field and its value as text.
type fieldValue struct{ field, value string }

func joinCodes[T ~string](vs []T) string {
	ss := make([]string, len(vs))
	for i, v := range vs {
		ss[i] = string(v)
	}
	return strings.Join(ss, "; ")
}

// submissionFields lists s's RFI items as text, in RFI order, for the audit
// trail (multi-choice as codes joined by "; ", yes/no as yes/no/"").
func submissionFields(s register.Submission) []fieldValue {
	return []fieldValue{
		{"product_name", s.ProductName},
		{"composition", s.Composition},
		{"pharmaceutical_form", s.PharmaceuticalForm},
		{"therapeutic_indication", s.TherapeuticIndication},
		{"routes", joinCodes(s.Routes)},
		{"route_other", s.RouteOther},
		{"atp_type", string(s.ATPType)},
		{"gene_vector", string(s.GeneVector)},
		{"intended_use", string(s.IntendedUse)},
		{"intended_use_other", s.IntendedUseOther},
		{"starting_materials", joinCodes(s.StartingMaterials)},
		{"starting_materials_other", s.StartingMaterialsOther},
		{"process_type", string(s.ProcessType)},
		{"pd_completed", string(s.PDCompleted)},
		{"pd_further", s.PDFurther},
		{"gmp_before", string(s.GMPBefore)},
		{"has_authorized_person", string(s.HasAuthorizedPerson)},
		{"needs_training", string(s.NeedsTraining)},
		{"training_roles", joinCodes(s.TrainingRoles)},
		{"training_details", s.TrainingDetails},
		{"expected_start", string(s.ExpectedStart)},
		{"notes", s.Notes},
	}
}

// entityFields lists e's own fields as text for the audit trail.
func entityFields(e register.Entity) []fieldValue {
	return []fieldValue{
		{"name", e.Name},
		{"address", e.Address},
		{"contact_name", e.ContactName},
		{"contact_email", e.ContactEmail},
		{"contact_phone", e.ContactPhone},
		{"received_on", e.ReceivedOn},
		{"source", e.Source},
		{"notes", e.Notes},
		{"tags", strings.Join(e.Tags, "; ")},
	}
}

// diffFields returns the fields whose values differ between a and b (same
// field order on both sides).
func diffFields(a, b []fieldValue) [][2]fieldValue {
	var out [][2]fieldValue
	for i := range a {
		if a[i].value != b[i].value {
			out = append(out, [2]fieldValue{a[i], b[i]})
		}
	}
	return out
}
