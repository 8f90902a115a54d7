package register_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
)

// completeSubmission returns a fictional submission that answers every item.
func completeSubmission() register.Submission {
	return register.Submission{
		ProductName:           "HC-101 anti-CD19 CAR-T",
		Composition:           "Autologous T cells transduced with a lentiviral vector; 1×10⁸ CAR+ cells per bag.",
		PharmaceuticalForm:    "Suspension for infusion",
		TherapeuticIndication: "Relapsed B-cell acute lymphoblastic leukaemia",
		Routes:                []register.Route{register.RouteIntravenous},
		ATPType:               register.ATPGeneTherapy,
		GeneVector:            register.VectorViral,
		IntendedUse:           register.UsePhase1,
		StartingMaterials:     []register.StartingMaterial{register.MaterialPeripheralBlood},
		ProcessType:           register.ProcessClosedSystem,
		PDCompleted:           register.No,
		PDFurther:             "Scale-up from 2 to 10 batches a month; potency assay to be qualified.",
		GMPBefore:             register.No,
		HasAuthorizedPerson:   register.No,
		NeedsTraining:         register.Yes,
		TrainingRoles:         []register.TrainingRole{register.RoleAuthorizedPerson, register.RoleHeadOfQC},
		TrainingDetails:       "PIC/S GMP Annex 2A for the AP; QC release testing.",
		ExpectedStart:         "2027-03",
	}
}

func completeEntity() register.Entity {
	return register.Entity{
		Name:         "Harbourline Cell Therapeutics Ltd",
		Address:      "Unit 5, 3/F, Building 12W, 12 Science Park West Avenue, Sha Tin, N.T.",
		ContactName:  "Dr Ada Fung",
		ContactEmail: "ada.fung@harbourline.example.com",
		ContactPhone: "+852 5550 0101",
		Status:       register.StatusReceived,
		ReceivedOn:   "2026-02-10",
		Submissions:  []register.Submission{completeSubmission()},
	}
}

func fieldsOf(err error) []string {
	var out []string
	for _, f := range apperr.FieldsOf(err) {
		out = append(out, f.Field)
	}
	return out
}

func TestSubmissionValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*register.Submission)
		fields []string // nil = valid
	}{
		{"OK", func(*register.Submission) {}, nil},
		{"OK empty items", func(s *register.Submission) { *s = register.Submission{ProductName: "X"} }, nil},
		{"OK Chinese and emoji", func(s *register.Submission) {
			s.ProductName = "臍帶間充質幹細胞 🧬"
			s.Notes = "佢哋話啲細胞喺實驗室做咗\n\tsecond line"
		}, nil},
		{"OK vector without type", func(s *register.Submission) { s.ATPType = "" }, nil},
		{"OK further when unanswered", func(s *register.Submission) { s.PDCompleted = "" }, nil},
		{"OK training text when unanswered", func(s *register.Submission) { s.NeedsTraining = "" }, nil},
		{"ErrProductNameRequired", func(s *register.Submission) { s.ProductName = "  " }, []string{"product_name"}},
		{"ErrProductNameTooLong", func(s *register.Submission) { s.ProductName = strings.Repeat("細", 301) }, []string{"product_name"}},
		{"ErrProductNameNewline", func(s *register.Submission) { s.ProductName = "A\nB" }, []string{"product_name"}},
		{"ErrControlChar", func(s *register.Submission) { s.Composition = "ok\x07bell" }, []string{"composition"}},
		{"ErrInvalidUTF8", func(s *register.Submission) { s.TherapeuticIndication = "bad \xff byte" }, []string{"therapeutic_indication"}},
		{"ErrLongTextTooLong", func(s *register.Submission) { s.Composition = strings.Repeat("a", register.MaxLongText+1) }, []string{"composition"}},
		{"ErrUnknownRoute", func(s *register.Submission) { s.Routes = []register.Route{"oral"} }, []string{"routes"}},
		{"ErrRepeatedRoute", func(s *register.Submission) {
			s.Routes = []register.Route{register.RouteIntravenous, register.RouteIntravenous}
		}, []string{"routes"}},
		{"ErrRouteOtherWithoutText", func(s *register.Submission) { s.Routes = append(s.Routes, register.RouteOther) }, []string{"route_other"}},
		{"ErrRouteTextWithoutOther", func(s *register.Submission) { s.RouteOther = "intrathecal" }, []string{"route_other"}},
		{"ErrUnknownATPType", func(s *register.Submission) { s.ATPType = "vaccine" }, []string{"atp_type"}},
		{"ErrUnknownVector", func(s *register.Submission) { s.GeneVector = "plasmid" }, []string{"gene_vector"}},
		{"ErrVectorForCellTherapy", func(s *register.Submission) { s.ATPType = register.ATPCellTherapy }, []string{"gene_vector"}},
		{"ErrUnknownIntendedUse", func(s *register.Submission) { s.IntendedUse = "phase_4" }, []string{"intended_use"}},
		{"ErrUseOtherWithoutText", func(s *register.Submission) { s.IntendedUse = register.UseOther }, []string{"intended_use_other"}},
		{"ErrUseTextWithoutOther", func(s *register.Submission) { s.IntendedUseOther = "compassionate use" }, []string{"intended_use_other"}},
		{"ErrUnknownMaterial", func(s *register.Submission) { s.StartingMaterials = []register.StartingMaterial{"skin"} }, []string{"starting_materials"}},
		{"ErrMaterialOtherWithoutText", func(s *register.Submission) {
			s.StartingMaterials = []register.StartingMaterial{register.MaterialOther}
		}, []string{"starting_materials_other"}},
		{"ErrMaterialTextWithoutOther", func(s *register.Submission) { s.StartingMaterialsOther = "iPSC line" }, []string{"starting_materials_other"}},
		{"ErrUnknownProcess", func(s *register.Submission) { s.ProcessType = "automated" }, []string{"process_type"}},
		{"ErrUnknownYesNo", func(s *register.Submission) { s.GMPBefore = "perhaps" }, []string{"gmp_before"}},
		{"ErrFurtherWhenCompleted", func(s *register.Submission) { s.PDCompleted = register.Yes }, []string{"pd_further"}},
		{"ErrTrainingWhenNotNeeded", func(s *register.Submission) { s.NeedsTraining = register.No }, []string{"training_roles", "training_details"}},
		{"ErrUnknownRole", func(s *register.Submission) { s.TrainingRoles = []register.TrainingRole{"ceo"} }, []string{"training_roles"}},
		{"ErrBadExpectedStart", func(s *register.Submission) { s.ExpectedStart = "2027-13" }, []string{"expected_start"}},
		{"ErrUnpaddedExpectedStart", func(s *register.Submission) { s.ExpectedStart = "2027-3" }, []string{"expected_start"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := completeSubmission()
			tt.change(&s)
			err := s.Validate()
			if tt.fields == nil {
				if err != nil {
					t.Fatalf("Validate() = %v (%v), want nil", err, apperr.FieldsOf(err))
				}
				return
			}
			if !apperr.Is(err, apperr.Invalid) {
				t.Fatalf("Validate() = %v, want an invalid error", err)
			}
			if got := fieldsOf(err); !reflect.DeepEqual(got, tt.fields) {
				t.Fatalf("fields = %v, want %v (%v)", got, tt.fields, apperr.FieldsOf(err))
			}
			for _, f := range apperr.FieldsOf(err) {
				if f.Message == "" || strings.Contains(f.Message, "%!") {
					t.Errorf("bad message %q", f.Message)
				}
			}
		})
	}
}

func TestSubmissionValidateAllAtOnce(t *testing.T) {
	s := register.Submission{
		Routes:        []register.Route{"oral"},
		ATPType:       register.ATPTissueEngineered,
		GeneVector:    register.VectorViral,
		PDCompleted:   register.Yes,
		PDFurther:     "more",
		ExpectedStart: "soon",
	}
	err := s.Validate()
	want := []string{"product_name", "routes", "gene_vector", "pd_further", "expected_start"}
	if got := fieldsOf(err); !reflect.DeepEqual(got, want) {
		t.Fatalf("fields = %v, want %v", got, want)
	}
	if !strings.Contains(apperr.Message(err), "5 problems") {
		t.Errorf("message %q should count the problems", apperr.Message(err))
	}
}

func TestEntityValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*register.Entity)
		fields []string
	}{
		{"OK", func(*register.Entity) {}, nil},
		{"OK minimal", func(e *register.Entity) { *e = register.Entity{Name: "瑞峰細胞醫學有限公司"} }, nil},
		{"OK phone forms", func(e *register.Entity) { e.ContactPhone = "(852) 5550-0101 ext. 23" }, nil},
		{"OK tags", func(e *register.Entity) { e.Tags = []string{"CAR-T", "細胞治療", "priority ⭐"} }, nil},
		{"ErrNameRequired", func(e *register.Entity) { e.Name = "" }, []string{"name"}},
		{"ErrNameTooLong", func(e *register.Entity) { e.Name = strings.Repeat("n", 301) }, []string{"name"}},
		{"ErrEmail", func(e *register.Entity) { e.ContactEmail = "ada at harbourline" }, []string{"contact_email"}},
		{"ErrEmailWithName", func(e *register.Entity) { e.ContactEmail = "Ada <ada@harbourline.example.com>" }, []string{"contact_email"}},
		{"ErrEmailNoDomainDot", func(e *register.Entity) { e.ContactEmail = "ada@localhost" }, []string{"contact_email"}},
		{"ErrEmailTwo", func(e *register.Entity) { e.ContactEmail = "a@x.example.com, b@x.example.com" }, []string{"contact_email"}},
		{"ErrPhoneLetters", func(e *register.Entity) { e.ContactPhone = "call me" }, []string{"contact_phone"}},
		{"ErrPhoneShort", func(e *register.Entity) { e.ContactPhone = "123" }, []string{"contact_phone"}},
		{"ErrPhoneUnbalanced", func(e *register.Entity) { e.ContactPhone = "(852 5550 0101" }, []string{"contact_phone"}},
		{"ErrStatus", func(e *register.Entity) { e.Status = "closed" }, []string{"status"}},
		{"ErrReceivedOn", func(e *register.Entity) { e.ReceivedOn = "2026-02-30" }, []string{"received_on"}},
		{"ErrSourceNewline", func(e *register.Entity) { e.Source = "Re: RFI\nsecond" }, []string{"source"}},
		{"ErrTagEmpty", func(e *register.Entity) { e.Tags = []string{" "} }, []string{"tags"}},
		{"ErrTagRepeated", func(e *register.Entity) { e.Tags = []string{"CAR-T", "car-t"} }, []string{"tags"}},
		{"ErrTagSeparator", func(e *register.Entity) { e.Tags = []string{"a;b"} }, []string{"tags"}},
		{"ErrNameRightToLeftOverride", func(e *register.Entity) { e.Name = "Moonfield \u202eLtd skrow lleC" }, []string{"name"}},
		{"ErrNameIsolate", func(e *register.Entity) { e.Name = "Moonfield \u2067Cell\u2069 Works" }, []string{"name"}},
		{"ErrContactNameZeroWidthSpace", func(e *register.Entity) { e.ContactName = "Iris\u200bKwan" }, []string{"contact_name"}},
		{"ErrSourceRightToLeftMark", func(e *register.Entity) { e.Source = "Email of \u200f3 March" }, []string{"source"}},
		{"ErrTagZeroWidthJoiner", func(e *register.Entity) { e.Tags = []string{"CAR\u200dT"} }, []string{"tags"}},
		{"ErrProductNameWordJoiner", func(e *register.Entity) { e.Submissions[0].ProductName = "MFC\u2060101" }, []string{"submissions[0].product_name"}},
		{"OK long texts keep them", func(e *register.Entity) {
			e.Notes = "Reply quoted from an Arabic letter: \u200fشركة\u200f, with a zero-width\u200bspace."
			e.Address = "Unit 1, \u202bعنوان\u202c, Sha Tin"
		}, nil},
		{"ErrSubmission", func(e *register.Entity) {
			e.Submissions = append(e.Submissions, register.Submission{ProductName: "P2", ATPType: "x"})
		}, []string{"submissions[1].atp_type"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := completeEntity()
			tt.change(&e)
			err := e.Validate()
			if tt.fields == nil {
				if err != nil {
					t.Fatalf("Validate() = %v (%v), want nil", err, apperr.FieldsOf(err))
				}
				return
			}
			if !apperr.Is(err, apperr.Invalid) {
				t.Fatalf("Validate() = %v, want an invalid error", err)
			}
			if got := fieldsOf(err); !reflect.DeepEqual(got, tt.fields) {
				t.Fatalf("fields = %v, want %v (%v)", got, tt.fields, apperr.FieldsOf(err))
			}
		})
	}
}

// TestDisguisingCharacterMessage: the refusal names the character and says
// what to do.
func TestDisguisingCharacterMessage(t *testing.T) {
	e := completeEntity()
	e.Name = "Moonfield \u202eLtd"
	fe := apperr.FieldsOf(e.Validate())
	if len(fe) != 1 || !strings.Contains(fe[0].Message, "right-to-left override (U+202E)") || !strings.Contains(fe[0].Message, "remove it") {
		t.Fatalf("%+v", fe)
	}
	s := register.Settings{OfficerName: "Ada\u200dLee", Weights: register.DefaultWeights()}
	if fe := apperr.FieldsOf(s.Validate()); len(fe) != 1 || fe[0].Field != "officerName" || !strings.Contains(fe[0].Message, "zero-width joiner") {
		t.Fatalf("officer name: %+v", fe)
	}
}

func TestEntityValidateAllAtOnce(t *testing.T) {
	e := register.Entity{
		ContactEmail: "nope",
		ContactPhone: "phone",
		ReceivedOn:   "yesterday",
		Submissions:  []register.Submission{{}, {ProductName: "ok", Routes: []register.Route{"oral"}}},
	}
	want := []string{"name", "contact_email", "contact_phone", "received_on", "submissions[0].product_name", "submissions[1].routes"}
	if got := fieldsOf(e.Validate()); !reflect.DeepEqual(got, want) {
		t.Fatalf("fields = %v, want %v", got, want)
	}
}

func TestValidPhoneAndEmail(t *testing.T) {
	phones := map[string]bool{
		"+852 2629 0000": true, "2629-0000": true, "+1 (415) 555-0100 x12": true, "852.5550.0101": true,
		"5550 0101 #7": true, "12345": false, "+852 2629 0000 0000 0000 0000": false, "2629 0000 ext": false, "--": false,
	}
	for p, want := range phones {
		if got := register.ValidPhone(p); got != want {
			t.Errorf("ValidPhone(%q) = %v, want %v", p, got, want)
		}
	}
	emails := map[string]bool{
		"ada@harbourline.example.com": true, "a.b+rfi@example.org": true, "ada@": false, "@example.com": false,
		"ada@example..com": false, " ada@example.com": false, "ada@.example.com": false,
	}
	for e, want := range emails {
		if got := register.ValidEmail(e); got != want {
			t.Errorf("ValidEmail(%q) = %v, want %v", e, got, want)
		}
	}
}

func TestNormalize(t *testing.T) {
	e := register.Entity{
		Name:         "  Harbourline Ltd \t",
		ContactEmail: " ada@harbourline.example.com ",
		Address:      "line 1\r\nline 2\r\n",
		Tags:         []string{" CAR-T ", "car-t", "", "gene  therapy"},
		Submissions: []register.Submission{{
			ProductName:       " P1 ",
			Routes:            []register.Route{register.RouteOther, register.RouteIntravenous, register.RouteOther},
			StartingMaterials: []register.StartingMaterial{register.MaterialAdiposeTissue, register.MaterialCordBlood},
			ExpectedStart:     "2027-3",
		}},
	}
	e.Normalize()
	if e.Name != "Harbourline Ltd" || e.ContactEmail != "ada@harbourline.example.com" || e.Address != "line 1\nline 2" {
		t.Errorf("texts: %q %q %q", e.Name, e.ContactEmail, e.Address)
	}
	if !reflect.DeepEqual(e.Tags, []string{"CAR-T", "gene therapy"}) {
		t.Errorf("tags %q", e.Tags)
	}
	s := e.Submissions[0]
	if s.ProductName != "P1" || s.ExpectedStart != "2027-03" {
		t.Errorf("submission %q %q", s.ProductName, s.ExpectedStart)
	}
	if !reflect.DeepEqual(s.Routes, []register.Route{register.RouteIntravenous, register.RouteOther}) {
		t.Errorf("routes %v", s.Routes)
	}
	if !reflect.DeepEqual(s.StartingMaterials, []register.StartingMaterial{register.MaterialCordBlood, register.MaterialAdiposeTissue}) {
		t.Errorf("materials %v", s.StartingMaterials)
	}
}

func TestSubmissionJSON(t *testing.T) {
	s := register.Submission{ProductName: "P", GMPBefore: register.Yes, PDCompleted: register.No}
	b, err := json.Marshal(register.Entity{Name: "E", Submissions: []register.Submission{s}})
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if tags, ok := m["tags"].([]any); !ok || len(tags) != 0 {
		t.Errorf("tags = %v, want []", m["tags"])
	}
	sub := m["submissions"].([]any)[0].(map[string]any)
	columns := []string{"product_name", "composition", "pharmaceutical_form", "therapeutic_indication", "routes", "route_other",
		"atp_type", "gene_vector", "intended_use", "intended_use_other", "starting_materials", "starting_materials_other",
		"process_type", "pd_completed", "pd_further", "gmp_before", "has_authorized_person", "needs_training",
		"training_roles", "training_details", "expected_start", "notes"}
	for _, c := range columns {
		if _, ok := sub[c]; !ok {
			t.Errorf("submission JSON lacks column %q", c)
		}
	}
	if sub["gmp_before"] != true || sub["pd_completed"] != false || sub["needs_training"] != nil {
		t.Errorf("yes/no encoded as %v %v %v", sub["gmp_before"], sub["pd_completed"], sub["needs_training"])
	}
	if r, ok := sub["routes"].([]any); !ok || len(r) != 0 {
		t.Errorf("routes = %v, want []", sub["routes"])
	}
	var back register.Entity
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.Submissions[0].GMPBefore != register.Yes || back.Submissions[0].NeedsTraining != register.Unanswered {
		t.Errorf("round trip %+v", back.Submissions[0])
	}
}
