package register

import (
	"fmt"
	"strings"
)

// MissingItem is one unanswered item of the RFI's pre-requisite information.
type MissingItem struct {
	Field   string `json:"field"`             // JSON name; "submissions[i].field" from Entity.Missing
	Label   string `json:"label"`             // the RFI's wording of the item
	Product string `json:"product,omitempty"` // the product's name, for a submission's item
}

// The RFI's wording of each item, by field. FieldLabel gives them to callers.
var fieldLabels = map[string]string{
	"name":                     "Name of entity",
	"address":                  "Address of entity",
	"contact_name":             "Name of contact person",
	"contact_email":            "Email",
	"contact_phone":            "Telephone number",
	"received_on":              "Date received",
	"status":                   "Status",
	"source":                   "Source",
	"notes":                    "Notes",
	"tags":                     "Tags",
	"submissions":              "Pre-requisite information for at least one product",
	"product_name":             "Name of product",
	"composition":              "Qualitative & quantitative composition",
	"pharmaceutical_form":      "Pharmaceutical form",
	"therapeutic_indication":   "Therapeutic indication",
	"routes":                   "Route of Administration",
	"route_other":              "Route of Administration: Others (please specify)",
	"atp_type":                 "Type of ATP product",
	"gene_vector":              "Gene therapy product: non-viral or viral vector",
	"intended_use":             "Intended use",
	"intended_use_other":       "Intended use: Others (please specify)",
	"starting_materials":       "Starting and raw materials",
	"starting_materials_other": "Starting and raw materials: Others (please specify)",
	"process_type":             "Type of process",
	"pd_completed":             "Has the process development of the product been completed?",
	"pd_further":               "If No, how much further process development would be required?",
	"gmp_before":               "Has product been previously manufactured according to GMP?",
	"has_authorized_person":    "Does your company have an Authorized Person to perform the batch release of this product?",
	"needs_training":           "Would your company require GMP training for key personnel such as Authorized Person, Head of Production and/or Head of Quality Control?",
	"training_roles":           "Key personnel requiring GMP training (Authorized Person, Head of Production, Head of Quality Control)",
	"training_details":         "If Yes, please state which training required",
	"expected_start":           "Expected date of commencement of project",
}

// FieldLabel returns the RFI's wording for an entity or submission field
// (its JSON / import column name; "entity_name" and "entity_address" are
// accepted too), or the name itself when unknown.
func FieldLabel(field string) string {
	field = canonicalField(field)
	if l, ok := fieldLabels[field]; ok {
		return l
	}
	return field
}

func blank(s string) bool { return strings.TrimSpace(s) == "" }

// Missing lists the RFI items s leaves unanswered, in the RFI's order:
// every item of the pre-requisite table, the "Others" texts when "Others" is
// chosen, the vector of a gene therapy product, further process development
// when it is not completed, and the roles and training when training is
// needed. Notes are never required. Nil when complete.
func (s Submission) Missing() []MissingItem {
	var out []MissingItem
	add := func(field string) {
		out = append(out, MissingItem{Field: field, Label: fieldLabels[field]})
	}
	if blank(s.ProductName) {
		add("product_name")
	}
	if blank(s.Composition) {
		add("composition")
	}
	if blank(s.PharmaceuticalForm) {
		add("pharmaceutical_form")
	}
	if blank(s.TherapeuticIndication) {
		add("therapeutic_indication")
	}
	if len(s.Routes) == 0 {
		add("routes")
	} else if s.HasRoute(RouteOther) && blank(s.RouteOther) {
		add("route_other")
	}
	if s.ATPType == "" {
		add("atp_type")
	} else if s.ATPType == ATPGeneTherapy && s.GeneVector == "" {
		add("gene_vector")
	}
	if s.IntendedUse == "" {
		add("intended_use")
	} else if s.IntendedUse == UseOther && blank(s.IntendedUseOther) {
		add("intended_use_other")
	}
	if len(s.StartingMaterials) == 0 {
		add("starting_materials")
	} else if s.HasStartingMaterial(MaterialOther) && blank(s.StartingMaterialsOther) {
		add("starting_materials_other")
	}
	if s.ProcessType == "" {
		add("process_type")
	}
	if !s.PDCompleted.Answered() {
		add("pd_completed")
	} else if s.PDCompleted == No && blank(s.PDFurther) {
		add("pd_further")
	}
	if !s.GMPBefore.Answered() {
		add("gmp_before")
	}
	if !s.HasAuthorizedPerson.Answered() {
		add("has_authorized_person")
	}
	if !s.NeedsTraining.Answered() {
		add("needs_training")
	} else if s.NeedsTraining == Yes {
		if len(s.TrainingRoles) == 0 {
			add("training_roles")
		}
		if blank(s.TrainingDetails) {
			add("training_details")
		}
	}
	if s.ExpectedStart == "" {
		add("expected_start")
	}
	return out
}

// Complete reports whether s answers every RFI item (Missing is empty).
func (s Submission) Complete() bool { return len(s.Missing()) == 0 }

// Missing lists the RFI items e leaves unanswered: the entity's address and
// contact person (name, email, telephone), at least one product, then each
// product's missing items with Field "submissions[i].field" and Product set.
// Status, source, notes and tags are never required. Nil when complete.
func (e Entity) Missing() []MissingItem {
	var out []MissingItem
	for _, f := range []struct {
		field, value string
	}{
		{"name", e.Name},
		{"address", e.Address},
		{"contact_name", e.ContactName},
		{"contact_email", e.ContactEmail},
		{"contact_phone", e.ContactPhone},
	} {
		if blank(f.value) {
			out = append(out, MissingItem{Field: f.field, Label: fieldLabels[f.field]})
		}
	}
	if len(e.Submissions) == 0 {
		out = append(out, MissingItem{Field: "submissions", Label: fieldLabels["submissions"]})
	}
	for i, s := range e.Submissions {
		for _, m := range s.Missing() {
			m.Field = fmt.Sprintf("submissions[%d].%s", i, m.Field)
			m.Product = s.ProductName
			out = append(out, m)
		}
	}
	return out
}

// Complete reports whether e and all its products answer every RFI item.
func (e Entity) Complete() bool { return len(e.Missing()) == 0 }

// FieldOfLabel is the field whose RFI wording (English, FieldLabel) is
// label: the reverse of FieldLabel, for text that kept the wording alone.
func FieldOfLabel(label string) (string, bool) {
	for f, l := range fieldLabels {
		if l == label {
			return f, true
		}
	}
	return "", false
}
