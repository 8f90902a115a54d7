package register_test

import (
	"reflect"
	"testing"

	"atpreg/internal/register"
)

func missingFields(items []register.MissingItem) []string {
	var out []string
	for _, m := range items {
		out = append(out, m.Field)
	}
	return out
}

func TestSubmissionMissing(t *testing.T) {
	tests := []struct {
		name   string
		change func(*register.Submission)
		want   []string
	}{
		{"complete", func(*register.Submission) {}, nil},
		{"empty", func(s *register.Submission) { *s = register.Submission{} }, []string{
			"product_name", "composition", "pharmaceutical_form", "therapeutic_indication", "routes", "atp_type",
			"intended_use", "starting_materials", "process_type", "pd_completed", "gmp_before",
			"has_authorized_person", "needs_training", "expected_start"}},
		{"notes never required", func(s *register.Submission) { s.Notes = "" }, nil},
		{"blank text counts as missing", func(s *register.Submission) { s.Composition = " \n " }, []string{"composition"}},
		{"gene therapy needs vector", func(s *register.Submission) { s.GeneVector = "" }, []string{"gene_vector"}},
		{"cell therapy needs no vector", func(s *register.Submission) {
			s.ATPType, s.GeneVector = register.ATPCellTherapy, ""
		}, nil},
		{"route other needs text", func(s *register.Submission) { s.Routes = []register.Route{register.RouteOther} }, []string{"route_other"}},
		{"use other needs text", func(s *register.Submission) { s.IntendedUse = register.UseOther }, []string{"intended_use_other"}},
		{"material other needs text", func(s *register.Submission) {
			s.StartingMaterials = []register.StartingMaterial{register.MaterialOther}
		}, []string{"starting_materials_other"}},
		{"pd not completed needs further", func(s *register.Submission) { s.PDFurther = "" }, []string{"pd_further"}},
		{"pd completed needs no further", func(s *register.Submission) { s.PDCompleted, s.PDFurther = register.Yes, "" }, nil},
		{"training yes needs roles and details", func(s *register.Submission) {
			s.TrainingRoles, s.TrainingDetails = nil, ""
		}, []string{"training_roles", "training_details"}},
		{"training no needs nothing", func(s *register.Submission) {
			s.NeedsTraining, s.TrainingRoles, s.TrainingDetails = register.No, nil, ""
		}, nil},
		{"unanswered yes/no", func(s *register.Submission) { s.GMPBefore, s.HasAuthorizedPerson = "", "" }, []string{"gmp_before", "has_authorized_person"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := completeSubmission()
			tt.change(&s)
			got := s.Missing()
			if !reflect.DeepEqual(missingFields(got), tt.want) {
				t.Fatalf("Missing() = %v, want %v", missingFields(got), tt.want)
			}
			if s.Complete() != (len(tt.want) == 0) {
				t.Errorf("Complete() = %v", s.Complete())
			}
			for _, m := range got {
				if m.Label == "" || m.Label == m.Field {
					t.Errorf("item %q has no RFI label", m.Field)
				}
			}
		})
	}
	if got := (register.Submission{}).Missing()[4].Label; got != "Route of Administration" {
		t.Errorf("routes label = %q", got)
	}
}

func TestEntityMissing(t *testing.T) {
	e := completeEntity()
	if m := e.Missing(); m != nil || !e.Complete() {
		t.Fatalf("complete entity: Missing() = %v", m)
	}
	e.Address, e.ContactPhone = "", " "
	e.Notes, e.Source, e.Tags = "", "", nil
	s2 := completeSubmission()
	s2.ProductName = "HC-202"
	s2.ExpectedStart = ""
	e.Submissions = append(e.Submissions, s2)
	got := e.Missing()
	want := []register.MissingItem{
		{Field: "address", Label: "Address of entity"},
		{Field: "contact_phone", Label: "Telephone number"},
		{Field: "submissions[1].expected_start", Label: "Expected date of commencement of project", Product: "HC-202"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Missing() = %+v\nwant %+v", got, want)
	}
	if e.Complete() {
		t.Error("Complete() = true")
	}
	noProducts := completeEntity()
	noProducts.Submissions = nil
	if got := missingFields(noProducts.Missing()); !reflect.DeepEqual(got, []string{"submissions"}) {
		t.Errorf("no products: Missing() = %v", got)
	}
	if register.FieldLabel("entity_name") != "Name of entity" || register.FieldLabel("zzz") != "zzz" {
		t.Error("FieldLabel")
	}
}
