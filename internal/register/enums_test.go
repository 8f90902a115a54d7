package register_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
)

func TestParseChoices(t *testing.T) {
	type parse func(string) (string, error)
	wrap := func(f any) parse {
		switch f := f.(type) {
		case func(string) (register.Route, error):
			return func(s string) (string, error) { v, err := f(s); return string(v), err }
		case func(string) (register.ATPType, error):
			return func(s string) (string, error) { v, err := f(s); return string(v), err }
		case func(string) (register.GeneVector, error):
			return func(s string) (string, error) { v, err := f(s); return string(v), err }
		case func(string) (register.IntendedUse, error):
			return func(s string) (string, error) { v, err := f(s); return string(v), err }
		case func(string) (register.StartingMaterial, error):
			return func(s string) (string, error) { v, err := f(s); return string(v), err }
		case func(string) (register.ProcessType, error):
			return func(s string) (string, error) { v, err := f(s); return string(v), err }
		case func(string) (register.TrainingRole, error):
			return func(s string) (string, error) { v, err := f(s); return string(v), err }
		case func(string) (register.Status, error):
			return func(s string) (string, error) { v, err := f(s); return string(v), err }
		case func(string) (register.Recommendation, error):
			return func(s string) (string, error) { v, err := f(s); return string(v), err }
		case func(string) (register.Aspect, error):
			return func(s string) (string, error) { v, err := f(s); return string(v), err }
		}
		panic("unknown parser")
	}
	tests := []struct {
		name  string
		parse parse
		in    string
		want  string
		bad   bool
	}{
		{"route code", wrap(register.ParseRoute), "intravenous", "intravenous", false},
		{"route label any case", wrap(register.ParseRoute), "  SubCutaneous ", "subcutaneous", false},
		{"route others label", wrap(register.ParseRoute), "Others", "other", false},
		{"route short", wrap(register.ParseRoute), "IV", "intravenous", false},
		{"route blank", wrap(register.ParseRoute), "   ", "", false},
		{"route unknown", wrap(register.ParseRoute), "oral", "", true},
		{"atp code", wrap(register.ParseATPType), "gene_therapy", "gene_therapy", false},
		{"atp label", wrap(register.ParseATPType), "Cell therapy product", "cell_therapy", false},
		{"atp short", wrap(register.ParseATPType), "cell therapy", "cell_therapy", false},
		{"atp tissue", wrap(register.ParseATPType), "TISSUE ENGINEERED PRODUCT", "tissue_engineered", false},
		{"atp unknown", wrap(register.ParseATPType), "vaccine", "", true},
		{"vector label", wrap(register.ParseGeneVector), "Non-viral vector", "non_viral", false},
		{"vector code", wrap(register.ParseGeneVector), "viral", "viral", false},
		{"vector short", wrap(register.ParseGeneVector), "non viral", "non_viral", false},
		{"vector unknown", wrap(register.ParseGeneVector), "plasmid", "", true},
		{"use label", wrap(register.ParseIntendedUse), "First-in-human Phase I trial", "phase_1", false},
		{"use code", wrap(register.ParseIntendedUse), "PHASE_2", "phase_2", false},
		{"use short", wrap(register.ParseIntendedUse), "phase III", "phase_3", false},
		{"use registered", wrap(register.ParseIntendedUse), "As HK Department of Health Registered Pharmaceutical Product", "hk_registered", false},
		{"use others", wrap(register.ParseIntendedUse), "others", "other", false},
		{"use unknown", wrap(register.ParseIntendedUse), "phase 4", "", true},
		{"material label", wrap(register.ParseStartingMaterial), "Cord tissue", "cord_tissue", false},
		{"material code", wrap(register.ParseStartingMaterial), "adipose_tissue", "adipose_tissue", false},
		{"material unknown", wrap(register.ParseStartingMaterial), "skin", "", true},
		{"process label", wrap(register.ParseProcessType), "Closed system", "closed_system", false},
		{"process short", wrap(register.ParseProcessType), "open", "open_manual", false},
		{"process unknown", wrap(register.ParseProcessType), "automated", "", true},
		{"role label", wrap(register.ParseTrainingRole), "Head of Quality Control", "head_of_qc", false},
		{"role short", wrap(register.ParseTrainingRole), "AP", "authorized_person", false},
		{"role british", wrap(register.ParseTrainingRole), "Authorised Person", "authorized_person", false},
		{"role unknown", wrap(register.ParseTrainingRole), "CEO", "", true},
		{"status label", wrap(register.ParseStatus), "Invited to dialogue", "invited", false},
		{"status code", wrap(register.ParseStatus), "ON_HOLD", "on_hold", false},
		{"status dash", wrap(register.ParseStatus), "in-dialogue", "in_dialogue", false},
		{"status unknown", wrap(register.ParseStatus), "closed", "", true},
		{"recommendation label", wrap(register.ParseRecommendation), "Need more information", "more_info", false},
		{"aspect label", wrap(register.ParseAspect), "Job creation and training", "jobs", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.parse(tt.in)
			if tt.bad {
				if !apperr.Is(err, apperr.Invalid) {
					t.Fatalf("parse(%q) error = %v, want an invalid error", tt.in, err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("parse(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestParseLists(t *testing.T) {
	routes, err := register.ParseRoutes("Subcutaneous; intravenous;;IV ,  others")
	if err != nil {
		t.Fatal(err)
	}
	want := []register.Route{register.RouteIntravenous, register.RouteSubcutaneous, register.RouteOther}
	if !reflect.DeepEqual(routes, want) {
		t.Errorf("ParseRoutes = %v, want %v", routes, want)
	}
	mats, err := register.ParseStartingMaterials("")
	if err != nil || mats != nil {
		t.Errorf("ParseStartingMaterials(\"\") = %v, %v; want nil, nil", mats, err)
	}
	roles, err := register.ParseTrainingRoles("head_of_qc;Authorized Person")
	if err != nil || !reflect.DeepEqual(roles, []register.TrainingRole{register.RoleAuthorizedPerson, register.RoleHeadOfQC}) {
		t.Errorf("ParseTrainingRoles = %v, %v", roles, err)
	}
	_, err = register.ParseStartingMaterials("cord blood; skin; hair")
	if !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("unknown materials: error %v, want invalid", err)
	}
	if msg := apperr.Message(err); !containsAll(msg, `"skin"`, `"hair"`) {
		t.Errorf("message %q should name both unknown parts", msg)
	}
}

func TestLabelsAndLists(t *testing.T) {
	if got := register.ATPGeneTherapy.Label(); got != "Gene therapy product" {
		t.Errorf("label = %q", got)
	}
	if got := register.UseHKRegistered.Label(); got != "As HK Department of Health Registered Pharmaceutical Product" {
		t.Errorf("label = %q", got)
	}
	if got := register.StatusEngaged.Label(); got != "Engaged (capacity agreed)" {
		t.Errorf("label = %q", got)
	}
	if got := register.Route("oral").Label(); got != "oral" {
		t.Errorf("unknown label = %q, want the raw value", got)
	}
	wantRoutes := []register.Route{"intravenous", "intradermal", "subcutaneous", "other"}
	if got := register.Routes(); !reflect.DeepEqual(got, wantRoutes) {
		t.Errorf("Routes() = %v", got)
	}
	wantMats := []register.StartingMaterial{"cord_blood", "peripheral_blood", "bone_marrow", "cord_tissue", "adipose_tissue", "other"}
	if got := register.StartingMaterials(); !reflect.DeepEqual(got, wantMats) {
		t.Errorf("StartingMaterials() = %v", got)
	}
	// Lists are copies.
	r := register.Routes()
	r[0] = "x"
	if register.Routes()[0] != register.RouteIntravenous {
		t.Error("Routes() shares its backing array")
	}
	c := register.Choices()
	for _, k := range []string{"routes", "atp_type", "gene_vector", "intended_use", "starting_materials", "process_type", "training_roles", "pd_completed", "gmp_before", "has_authorized_person", "needs_training", "status", "recommendation"} {
		if len(c[k]) == 0 {
			t.Errorf("Choices()[%q] is empty", k)
		}
	}
	if c["intended_use"][0] != (register.Choice{Code: "phase_1", Label: "First-in-human Phase I trial"}) {
		t.Errorf("intended_use[0] = %+v", c["intended_use"][0])
	}
	if len(c["training_roles"]) != 3 || len(c["status"]) != 9 {
		t.Errorf("training_roles %d, status %d", len(c["training_roles"]), len(c["status"]))
	}
}

func TestEnumJSON(t *testing.T) {
	var s struct {
		Type   register.ATPType `json:"atp_type"`
		Routes []register.Route `json:"routes"`
	}
	if err := json.Unmarshal([]byte(`{"atp_type":"Tissue engineered product","routes":["IV","other"]}`), &s); err != nil {
		t.Fatal(err)
	}
	if s.Type != register.ATPTissueEngineered || !reflect.DeepEqual(s.Routes, []register.Route{"intravenous", "other"}) {
		t.Errorf("decoded %+v", s)
	}
	if err := json.Unmarshal([]byte(`{"atp_type":"vaccine"}`), &s); err == nil {
		t.Error("unknown choice decoded without error")
	}
	b, _ := json.Marshal(s)
	if string(b) != `{"atp_type":"tissue_engineered","routes":["intravenous","other"]}` {
		t.Errorf("encoded %s", b)
	}
}
