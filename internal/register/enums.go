package register

import (
	"fmt"
	"strings"

	"atpreg/internal/apperr"
)

// Choice describes one value of a choice field: its code (stored, imported,
// exported) and the RFI's own label (shown to people).
type Choice struct {
	Code  string `json:"code"`
	Label string `json:"label"`
}

// enum holds the values of one choice field in RFI order, their labels and the
// spellings a parser accepts.
type enum[T ~string] struct {
	what    apperr.Fixed // the field in the officer's words, e.g. "route of administration"
	values  []T
	labels  map[T]string
	zh      map[T]string // the Chinese labels (see chinese.go)
	aliases map[string]T // normalised spelling -> value
}

// newEnum builds an enum from values and labels in RFI order; extra maps more
// spellings (short forms) to values. Codes and labels are always accepted.
func newEnum[T ~string](what apperr.Fixed, pairs []Choice, extra map[string]T) *enum[T] {
	e := &enum[T]{what: what, labels: map[T]string{}, aliases: map[string]T{}}
	for _, p := range pairs {
		v := T(p.Code)
		e.values = append(e.values, v)
		e.labels[v] = p.Label
		e.aliases[normaliseChoice(p.Code)] = v
		e.aliases[normaliseChoice(p.Label)] = v
	}
	for k, v := range extra {
		if _, ok := e.labels[v]; !ok {
			panic("register: alias " + k + " for unknown value " + string(v))
		}
		e.aliases[normaliseChoice(k)] = v
	}
	return e
}

// normaliseChoice folds case, treats '_' and '-' as spaces and collapses runs
// of white space, so "Non-viral vector", "non_viral" and " NON VIRAL " meet.
func normaliseChoice(s string) string {
	s = strings.ToLower(s)
	s = strings.NewReplacer("_", " ", "-", " ").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

func (e *enum[T]) label(v T) string {
	if l, ok := e.labels[v]; ok {
		return l
	}
	return string(v)
}

func (e *enum[T]) valid(v T) bool {
	_, ok := e.labels[v]
	return ok
}

func (e *enum[T]) all() []T {
	return append([]T(nil), e.values...)
}

func (e *enum[T]) choices() []Choice {
	out := make([]Choice, len(e.values))
	for i, v := range e.values {
		out[i] = Choice{Code: string(v), Label: e.labels[v]}
	}
	return out
}

func (e *enum[T]) codes() string {
	cs := make([]string, len(e.values))
	for i, v := range e.values {
		cs[i] = string(v)
	}
	return strings.Join(cs, ", ")
}

// parse accepts a code, a label or a known short form in any case. Blank input
// gives the zero value and no error (an unanswered question).
func (e *enum[T]) parse(s string) (T, error) {
	n := normaliseChoice(s)
	if n == "" {
		return "", nil
	}
	if v, ok := e.aliases[n]; ok {
		return v, nil
	}
	return "", apperr.New(apperr.Invalid, "%q is not a known %s; use one of: %s.", strings.TrimSpace(s), e.what, e.codes())
}

// parseList splits s on ';' or ',' and parses each part; blanks are skipped
// and repeats dropped. The result keeps RFI order.
func (e *enum[T]) parseList(s string) ([]T, error) {
	seen := map[T]bool{}
	var bad []string
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == ',' }) {
		v, err := e.parse(part)
		if err != nil {
			bad = append(bad, fmt.Sprintf("%q", strings.TrimSpace(part)))
			continue
		}
		if v != "" {
			seen[v] = true
		}
	}
	if len(bad) > 0 {
		if len(bad) > 1 {
			return nil, apperr.New(apperr.Invalid, "%s are not known %s; use one or more of: %s, separated by ';'.", strings.Join(bad, ", "), e.what, e.codes())
		}
		return nil, apperr.New(apperr.Invalid, "%s is not a known %s; use one or more of: %s, separated by ';'.", bad[0], e.what, e.codes())
	}
	var out []T
	for _, v := range e.values {
		if seen[v] {
			out = append(out, v)
		}
	}
	return out, nil
}

// sortList returns vs in RFI order without repeats; unknown values are kept at
// the end in their given order (validation reports them).
func (e *enum[T]) sortList(vs []T) []T {
	if vs == nil {
		return nil
	}
	seen := map[T]bool{}
	out := make([]T, 0, len(vs))
	for _, v := range e.values {
		for _, x := range vs {
			if x == v && !seen[v] {
				seen[v] = true
				out = append(out, v)
			}
		}
	}
	for _, x := range vs {
		if !e.valid(x) && !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// Route is a route of administration (multi-choice).
type Route string

// Routes of administration, in RFI order.
const (
	RouteIntravenous  Route = "intravenous"
	RouteIntradermal  Route = "intradermal"
	RouteSubcutaneous Route = "subcutaneous"
	RouteOther        Route = "other"
)

var routeEnum = newEnum(apperr.Fixed("route of administration"), []Choice{
	{"intravenous", "Intravenous"},
	{"intradermal", "Intradermal"},
	{"subcutaneous", "Subcutaneous"},
	{"other", "Others"},
}, map[string]Route{"iv": RouteIntravenous, "id": RouteIntradermal, "sc": RouteSubcutaneous, "subcut": RouteSubcutaneous})

// Label returns the RFI's label, or the raw value if r is unknown.
func (r Route) Label() string { return routeEnum.label(r) }

// Valid reports whether r is one of the RFI's routes.
func (r Route) Valid() bool { return routeEnum.valid(r) }

// UnmarshalText accepts a code or label (see ParseRoute).
func (r *Route) UnmarshalText(b []byte) error { return unmarshalEnum(routeEnum, r, b) }

// Routes returns every route in RFI order.
func Routes() []Route { return routeEnum.all() }

// ParseRoute accepts a code, the RFI label or a short form ("IV"), in any case
// and with surrounding space. Blank input gives "" and no error.
func ParseRoute(s string) (Route, error) { return routeEnum.parse(s) }

// ParseRoutes parses a list separated by ';' (or ','), in RFI order without
// repeats. An unknown part gives an *apperr.Error naming every unknown part.
func ParseRoutes(s string) ([]Route, error) { return routeEnum.parseList(s) }

// ATPType is the type of ATP product.
type ATPType string

// Types of ATP product, in RFI order.
const (
	ATPCellTherapy      ATPType = "cell_therapy"
	ATPGeneTherapy      ATPType = "gene_therapy"
	ATPTissueEngineered ATPType = "tissue_engineered"
)

var atpTypeEnum = newEnum(apperr.Fixed("type of ATP product"), []Choice{
	{"cell_therapy", "Cell therapy product"},
	{"gene_therapy", "Gene therapy product"},
	{"tissue_engineered", "Tissue engineered product"},
}, map[string]ATPType{
	"cell therapy": ATPCellTherapy, "cell": ATPCellTherapy, "somatic cell therapy": ATPCellTherapy, "somatic cell therapy product": ATPCellTherapy,
	"gene therapy": ATPGeneTherapy, "gene": ATPGeneTherapy,
	"tissue engineered": ATPTissueEngineered, "tissue engineering": ATPTissueEngineered, "tissue": ATPTissueEngineered,
})

// Label returns the RFI's label, or the raw value if t is unknown.
func (t ATPType) Label() string { return atpTypeEnum.label(t) }

// Valid reports whether t is one of the RFI's ATP types.
func (t ATPType) Valid() bool { return atpTypeEnum.valid(t) }

// UnmarshalText accepts a code or label (see ParseATPType).
func (t *ATPType) UnmarshalText(b []byte) error { return unmarshalEnum(atpTypeEnum, t, b) }

// ATPTypes returns every ATP type in RFI order.
func ATPTypes() []ATPType { return atpTypeEnum.all() }

// ParseATPType accepts a code, the RFI label or a short form ("cell therapy"),
// in any case. Blank input gives "" and no error.
func ParseATPType(s string) (ATPType, error) { return atpTypeEnum.parse(s) }

// GeneVector is the vector of a gene therapy product.
type GeneVector string

// Gene therapy vectors, in RFI order.
const (
	VectorNonViral GeneVector = "non_viral"
	VectorViral    GeneVector = "viral"
)

var geneVectorEnum = newEnum(apperr.Fixed("gene therapy vector"), []Choice{
	{"non_viral", "non-viral vector"},
	{"viral", "viral vector"},
}, map[string]GeneVector{"nonviral": VectorNonViral, "nonviral vector": VectorNonViral})

// Label returns the RFI's label, or the raw value if v is unknown.
func (v GeneVector) Label() string { return geneVectorEnum.label(v) }

// Valid reports whether v is one of the RFI's vectors.
func (v GeneVector) Valid() bool { return geneVectorEnum.valid(v) }

// UnmarshalText accepts a code or label (see ParseGeneVector).
func (v *GeneVector) UnmarshalText(b []byte) error { return unmarshalEnum(geneVectorEnum, v, b) }

// GeneVectors returns every vector in RFI order (non-viral first, as on the form).
func GeneVectors() []GeneVector { return geneVectorEnum.all() }

// ParseGeneVector accepts a code or the RFI label in any case ("Non-viral
// vector", "viral"). Blank input gives "" and no error.
func ParseGeneVector(s string) (GeneVector, error) { return geneVectorEnum.parse(s) }

// IntendedUse is what the manufactured product is for.
type IntendedUse string

// Intended uses, in RFI order.
const (
	UsePhase1       IntendedUse = "phase_1"
	UsePhase2       IntendedUse = "phase_2"
	UsePhase3       IntendedUse = "phase_3"
	UseHKRegistered IntendedUse = "hk_registered"
	UseOther        IntendedUse = "other"
)

var intendedUseEnum = newEnum(apperr.Fixed("intended use"), []Choice{
	{"phase_1", "First-in-human Phase I trial"},
	{"phase_2", "Phase II trial"},
	{"phase_3", "Phase III trial"},
	{"hk_registered", "As HK Department of Health Registered Pharmaceutical Product"},
	{"other", "Others"},
}, map[string]IntendedUse{
	"phase 1": UsePhase1, "phase i": UsePhase1, "first in human": UsePhase1, "fih": UsePhase1, "phase 1 trial": UsePhase1, "phase i trial": UsePhase1,
	"phase ii": UsePhase2, "phase 2 trial": UsePhase2,
	"phase iii": UsePhase3, "phase 3 trial": UsePhase3,
	"registered": UseHKRegistered, "hk registered pharmaceutical product": UseHKRegistered, "registered pharmaceutical product": UseHKRegistered,
	"hk department of health registered pharmaceutical product": UseHKRegistered,
	"others": UseOther,
})

// Label returns the RFI's label, or the raw value if u is unknown.
func (u IntendedUse) Label() string { return intendedUseEnum.label(u) }

// Valid reports whether u is one of the RFI's intended uses.
func (u IntendedUse) Valid() bool { return intendedUseEnum.valid(u) }

// UnmarshalText accepts a code or label (see ParseIntendedUse).
func (u *IntendedUse) UnmarshalText(b []byte) error { return unmarshalEnum(intendedUseEnum, u, b) }

// IntendedUses returns every intended use in RFI order.
func IntendedUses() []IntendedUse { return intendedUseEnum.all() }

// ParseIntendedUse accepts a code, the RFI label or a short form ("Phase I",
// "phase 2", "registered"), in any case. Blank input gives "" and no error.
func ParseIntendedUse(s string) (IntendedUse, error) { return intendedUseEnum.parse(s) }

// StartingMaterial is a starting or raw material (multi-choice).
type StartingMaterial string

// Starting and raw materials, in RFI order.
const (
	MaterialCordBlood       StartingMaterial = "cord_blood"
	MaterialPeripheralBlood StartingMaterial = "peripheral_blood"
	MaterialBoneMarrow      StartingMaterial = "bone_marrow"
	MaterialCordTissue      StartingMaterial = "cord_tissue"
	MaterialAdiposeTissue   StartingMaterial = "adipose_tissue"
	MaterialOther           StartingMaterial = "other"
)

var materialEnum = newEnum(apperr.Fixed("starting material"), []Choice{
	{"cord_blood", "Cord blood"},
	{"peripheral_blood", "Peripheral blood"},
	{"bone_marrow", "Bone marrow"},
	{"cord_tissue", "Cord tissue"},
	{"adipose_tissue", "Adipose tissue"},
	{"other", "Others"},
}, map[string]StartingMaterial{
	"umbilical cord blood": MaterialCordBlood, "pb": MaterialPeripheralBlood, "pbmc": MaterialPeripheralBlood,
	"umbilical cord tissue": MaterialCordTissue, "adipose": MaterialAdiposeTissue, "fat tissue": MaterialAdiposeTissue,
	"bm": MaterialBoneMarrow,
})

// Label returns the RFI's label, or the raw value if m is unknown.
func (m StartingMaterial) Label() string { return materialEnum.label(m) }

// Valid reports whether m is one of the RFI's starting materials.
func (m StartingMaterial) Valid() bool { return materialEnum.valid(m) }

// UnmarshalText accepts a code or label (see ParseStartingMaterial).
func (m *StartingMaterial) UnmarshalText(b []byte) error { return unmarshalEnum(materialEnum, m, b) }

// StartingMaterials returns every starting material in RFI order.
func StartingMaterials() []StartingMaterial { return materialEnum.all() }

// ParseStartingMaterial accepts a code or the RFI label in any case ("Cord
// blood", "CORD_TISSUE"). Blank input gives "" and no error.
func ParseStartingMaterial(s string) (StartingMaterial, error) { return materialEnum.parse(s) }

// ParseStartingMaterials parses a list separated by ';' (or ','), in RFI order
// without repeats.
func ParseStartingMaterials(s string) ([]StartingMaterial, error) { return materialEnum.parseList(s) }

// ProcessType is the type of manufacturing process.
type ProcessType string

// Types of process, in RFI order.
const (
	ProcessOpenManual   ProcessType = "open_manual"
	ProcessClosedSystem ProcessType = "closed_system"
)

var processEnum = newEnum(apperr.Fixed("type of process"), []Choice{
	{"open_manual", "Open manual"},
	{"closed_system", "Closed system"},
}, map[string]ProcessType{"open": ProcessOpenManual, "manual": ProcessOpenManual, "closed": ProcessClosedSystem})

// Label returns the RFI's label, or the raw value if p is unknown.
func (p ProcessType) Label() string { return processEnum.label(p) }

// Valid reports whether p is one of the RFI's process types.
func (p ProcessType) Valid() bool { return processEnum.valid(p) }

// UnmarshalText accepts a code or label (see ParseProcessType).
func (p *ProcessType) UnmarshalText(b []byte) error { return unmarshalEnum(processEnum, p, b) }

// ProcessTypes returns every process type in RFI order.
func ProcessTypes() []ProcessType { return processEnum.all() }

// ParseProcessType accepts a code, the RFI label or "open"/"closed", in any
// case. Blank input gives "" and no error.
func ParseProcessType(s string) (ProcessType, error) { return processEnum.parse(s) }

// TrainingRole is a key person for whom GMP training is required (multi-choice).
type TrainingRole string

// Key personnel roles, in RFI order.
const (
	RoleAuthorizedPerson TrainingRole = "authorized_person"
	RoleHeadOfProduction TrainingRole = "head_of_production"
	RoleHeadOfQC         TrainingRole = "head_of_qc"
)

var trainingRoleEnum = newEnum(apperr.Fixed("key personnel role"), []Choice{
	{"authorized_person", "Authorized Person"},
	{"head_of_production", "Head of Production"},
	{"head_of_qc", "Head of Quality Control"},
}, map[string]TrainingRole{
	"ap": RoleAuthorizedPerson, "authorised person": RoleAuthorizedPerson,
	"hop": RoleHeadOfProduction, "production": RoleHeadOfProduction,
	"hoqc": RoleHeadOfQC, "head of qc": RoleHeadOfQC, "qc": RoleHeadOfQC, "quality control": RoleHeadOfQC,
})

// Label returns the RFI's label, or the raw value if r is unknown.
func (r TrainingRole) Label() string { return trainingRoleEnum.label(r) }

// Valid reports whether r is one of the RFI's key personnel roles.
func (r TrainingRole) Valid() bool { return trainingRoleEnum.valid(r) }

// UnmarshalText accepts a code or label (see ParseTrainingRole).
func (r *TrainingRole) UnmarshalText(b []byte) error { return unmarshalEnum(trainingRoleEnum, r, b) }

// TrainingRoles returns every role in RFI order.
func TrainingRoles() []TrainingRole { return trainingRoleEnum.all() }

// ParseTrainingRole accepts a code, the RFI label or a short form ("AP",
// "Head of QC", "authorised person"), in any case. Blank input gives "" and no
// error.
func ParseTrainingRole(s string) (TrainingRole, error) { return trainingRoleEnum.parse(s) }

// ParseTrainingRoles parses a list separated by ';' (or ','), in RFI order
// without repeats.
func ParseTrainingRoles(s string) ([]TrainingRole, error) { return trainingRoleEnum.parseList(s) }

func unmarshalEnum[T ~string](e *enum[T], dst *T, b []byte) error {
	v, err := e.parse(string(b))
	if err != nil {
		return err
	}
	*dst = v
	return nil
}

// Choices returns the choice lists of every choice field, keyed by the field's
// import column name (routes, atp_type, gene_vector, intended_use,
// starting_materials, process_type, training_roles, status, recommendation,
// and the yes/no columns pd_completed, gmp_before, has_authorized_person,
// needs_training). Each list is in RFI order. The map is new on every call.
// ChoicesIn gives the labels in another language.
func Choices() map[string][]Choice { return ChoicesIn(LangEnglish) }
