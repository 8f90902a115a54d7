package demand_test

import (
	"slices"
	"testing"

	"atpreg/internal/demand"
	"atpreg/internal/register"
)

// fixture is a small fictional register whose counts were made by hand (see
// the expectations in TestAggregateHandCounted).
func fixture() []register.Entity {
	Y, N := register.Yes, register.No
	return []register.Entity{
		{ID: 11, Name: "Fictional Alpha Cells Ltd", Status: register.StatusInvited, Submissions: []register.Submission{
			{ProductName: "ALPHA-1", ATPType: register.ATPCellTherapy, IntendedUse: register.UsePhase1,
				StartingMaterials: []register.StartingMaterial{register.MaterialCordBlood, register.MaterialPeripheralBlood},
				ProcessType:       register.ProcessClosedSystem, PDCompleted: N, PDFurther: "Scale-up", GMPBefore: Y, HasAuthorizedPerson: N,
				NeedsTraining: Y, TrainingRoles: []register.TrainingRole{register.RoleAuthorizedPerson, register.RoleHeadOfQC}, ExpectedStart: "2027-02"},
			{ProductName: "ALPHA-2", ATPType: register.ATPGeneTherapy, GeneVector: register.VectorViral, IntendedUse: register.UsePhase2,
				StartingMaterials: []register.StartingMaterial{register.MaterialPeripheralBlood},
				ProcessType:       register.ProcessOpenManual, PDCompleted: Y, GMPBefore: N, HasAuthorizedPerson: Y,
				NeedsTraining: N, ExpectedStart: "2027-03-15"},
		}},
		{ID: 12, Name: "Fictional Beta Vectors Ltd", Status: register.StatusScreening, Submissions: []register.Submission{
			{ProductName: "BETA-1", ATPType: register.ATPGeneTherapy, GeneVector: register.VectorNonViral, IntendedUse: register.UsePhase1,
				StartingMaterials: []register.StartingMaterial{register.MaterialBoneMarrow},
				ProcessType:       register.ProcessClosedSystem, PDCompleted: N, GMPBefore: N, HasAuthorizedPerson: N,
				NeedsTraining: Y, ExpectedStart: "2027-07"},
		}},
		{ID: 13, Name: "Fictional Gamma Tissue Ltd", Status: register.StatusInvited, Submissions: []register.Submission{
			{ProductName: "GAMMA-1", ATPType: register.ATPTissueEngineered, IntendedUse: register.UseHKRegistered,
				StartingMaterials: []register.StartingMaterial{register.MaterialAdiposeTissue, register.MaterialOther}, StartingMaterialsOther: "Fictional scaffold",
				ProcessType: register.ProcessOpenManual, GMPBefore: Y, HasAuthorizedPerson: Y},
			{ProductName: "GAMMA-2", ATPType: register.ATPGeneTherapy, IntendedUse: register.UseOther, IntendedUseOther: "Compassionate use",
				PDCompleted: N, NeedsTraining: Y, TrainingRoles: []register.TrainingRole{register.RoleHeadOfProduction}, ExpectedStart: "2028-01"},
		}},
		{ID: 14, Name: "Fictional Delta Ltd", Status: register.StatusDeclined},
		{ID: 15, Name: "Fictional Epsilon Ltd", Status: register.StatusReceived, Submissions: []register.Submission{
			{ProductName: "EPSILON-1", StartingMaterials: []register.StartingMaterial{register.MaterialCordBlood},
				ProcessType: register.ProcessClosedSystem, PDCompleted: Y, GMPBefore: N, HasAuthorizedPerson: N,
				NeedsTraining: N, ExpectedStart: "2027-04"},
		}},
	}
}

// want is a hand count: entities, submissions.
type want struct{ ents, subs int }

func TestAggregateHandCounted(t *testing.T) {
	s := demand.Aggregate(fixture(), nil)
	if s.Entities != 5 || s.Submissions != 6 || s.WithoutSubmissions != 1 {
		t.Fatalf("totals = %d entities, %d submissions, %d without; want 5, 6, 1", s.Entities, s.Submissions, s.WithoutSubmissions)
	}
	if len(s.Statuses) != 0 {
		t.Errorf("statuses = %v, want none (all)", s.Statuses)
	}
	cases := []struct {
		dim  string
		rows map[string]want
	}{
		{demand.DimATPType, map[string]want{
			"cell_therapy": {1, 1}, "gene_therapy.viral": {1, 1}, "gene_therapy.non_viral": {1, 1},
			demand.CodeGeneUnstated: {1, 1}, "tissue_engineered": {1, 1}, demand.CodeUnanswered: {1, 1}}},
		{demand.DimIntendedUse, map[string]want{
			"phase_1": {2, 2}, "phase_2": {1, 1}, "phase_3": {0, 0}, "hk_registered": {1, 1}, "other": {1, 1}, demand.CodeUnanswered: {1, 1}}},
		{demand.DimStartingMaterial, map[string]want{
			"cord_blood": {2, 2}, "peripheral_blood": {1, 2}, "bone_marrow": {1, 1}, "cord_tissue": {0, 0},
			"adipose_tissue": {1, 1}, "other": {1, 1}, demand.CodeUnanswered: {1, 1}}},
		{demand.DimProcessType, map[string]want{"open_manual": {2, 2}, "closed_system": {3, 3}, demand.CodeUnanswered: {1, 1}}},
		{demand.DimPDNeeded, map[string]want{"yes": {3, 3}, "no": {2, 2}, demand.CodeUnanswered: {1, 1}}},
		{demand.DimGMPBefore, map[string]want{"yes": {2, 2}, "no": {3, 3}, demand.CodeUnanswered: {1, 1}}},
		{demand.DimAuthorizedPerson, map[string]want{"yes": {2, 2}, "no": {3, 3}, demand.CodeUnanswered: {1, 1}}},
		{demand.DimTraining, map[string]want{
			"authorized_person": {1, 1}, "head_of_production": {1, 1}, "head_of_qc": {1, 1},
			demand.CodeRoleUnstated: {1, 1}, demand.CodeNoTraining: {2, 2}, demand.CodeUnanswered: {1, 1}}},
	}
	var keys []string
	for _, tc := range cases {
		keys = append(keys, tc.dim)
		t.Run(tc.dim, func(t *testing.T) {
			d, ok := s.Dimension(tc.dim)
			if !ok {
				t.Fatalf("no dimension %q", tc.dim)
			}
			if len(d.Rows) != len(tc.rows) {
				t.Errorf("%d rows, want %d", len(d.Rows), len(tc.rows))
			}
			for code, w := range tc.rows {
				r, ok := d.Row(code)
				if !ok {
					t.Errorf("no row %q", code)
					continue
				}
				if r.Entities != w.ents || r.Submissions != w.subs {
					t.Errorf("row %q = %d entities, %d submissions; want %d, %d", code, r.Entities, r.Submissions, w.ents, w.subs)
				}
				if len(r.EntityIDs) != r.Entities {
					t.Errorf("row %q lists %d entity ids for %d entities", code, len(r.EntityIDs), r.Entities)
				}
				if r.Label == "" {
					t.Errorf("row %q has no label", code)
				}
			}
		})
	}
	var got []string
	for _, d := range s.Dimensions {
		got = append(got, d.Key)
	}
	if !slices.Equal(got, keys) {
		t.Errorf("dimension order = %v, want %v", got, keys)
	}
}

func TestAggregateDrillDownIDs(t *testing.T) {
	s := demand.Aggregate(fixture(), nil)
	tests := []struct {
		dim, code string
		ids       []int64
	}{
		{demand.DimIntendedUse, "phase_1", []int64{11, 12}},
		{demand.DimStartingMaterial, "cord_blood", []int64{11, 15}},
		{demand.DimStartingMaterial, "peripheral_blood", []int64{11}},
		{demand.DimProcessType, "closed_system", []int64{11, 12, 15}},
		{demand.DimIntendedUse, "phase_3", []int64{}},
	}
	for _, tc := range tests {
		d, _ := s.Dimension(tc.dim)
		r, _ := d.Row(tc.code)
		if !slices.Equal(r.EntityIDs, tc.ids) || r.EntityIDs == nil {
			t.Errorf("%s/%s ids = %v, want %v", tc.dim, tc.code, r.EntityIDs, tc.ids)
		}
	}
}

func TestAggregateTimeline(t *testing.T) {
	tl := demand.Aggregate(fixture(), nil).Timeline
	wantQ := []string{"2027-Q1", "2027-Q2", "2027-Q3", "2027-Q4", "2028-Q1"}
	if !slices.Equal(tl.Quarters, wantQ) {
		t.Fatalf("quarters = %v, want %v (no gaps)", tl.Quarters, wantQ)
	}
	wantSeries := map[string][]int{
		"cell_therapy":        {1, 0, 0, 0, 0},
		"gene_therapy":        {1, 0, 1, 0, 1},
		"tissue_engineered":   {0, 0, 0, 0, 0},
		demand.CodeUnanswered: {0, 1, 0, 0, 0},
	}
	if len(tl.Series) != len(wantSeries) {
		t.Errorf("%d series, want %d", len(tl.Series), len(wantSeries))
	}
	for _, se := range tl.Series {
		w, ok := wantSeries[se.Code]
		if !ok {
			t.Errorf("unexpected series %q", se.Code)
			continue
		}
		var got []int
		for _, c := range se.Cells {
			got = append(got, c.Submissions)
		}
		if !slices.Equal(got, w) {
			t.Errorf("series %q = %v, want %v", se.Code, got, w)
		}
	}
	var subs, ents []int
	for _, c := range tl.Totals {
		subs, ents = append(subs, c.Submissions), append(ents, c.Entities)
	}
	if !slices.Equal(subs, []int{2, 1, 1, 0, 1}) || !slices.Equal(ents, []int{1, 1, 1, 0, 1}) {
		t.Errorf("totals = %v submissions, %v entities; want [2 1 1 0 1], [1 1 1 0 1]", subs, ents)
	}
	if tl.Undated.Submissions != 1 || tl.Undated.Entities != 1 || !slices.Equal(tl.Undated.EntityIDs, []int64{13}) {
		t.Errorf("undated = %+v, want 1 submission of entity 13", tl.Undated)
	}
}

func TestAggregateStatusFilter(t *testing.T) {
	tests := []struct {
		name       string
		statuses   []register.Status
		ents, subs int
		phase1     want
	}{
		{"All", nil, 5, 6, want{2, 2}},
		{"Invited", []register.Status{register.StatusInvited}, 2, 4, want{1, 1}},
		{"InvitedAndScreening", []register.Status{register.StatusScreening, register.StatusInvited}, 3, 5, want{2, 2}},
		{"Declined", []register.Status{register.StatusDeclined}, 1, 0, want{0, 0}},
		{"Nobody", []register.Status{register.StatusEngaged}, 0, 0, want{0, 0}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := demand.Aggregate(fixture(), tc.statuses)
			if s.Entities != tc.ents || s.Submissions != tc.subs {
				t.Errorf("totals = %d, %d; want %d, %d", s.Entities, s.Submissions, tc.ents, tc.subs)
			}
			d, _ := s.Dimension(demand.DimIntendedUse)
			r, _ := d.Row("phase_1")
			if r.Entities != tc.phase1.ents || r.Submissions != tc.phase1.subs {
				t.Errorf("phase 1 = %d, %d; want %d, %d", r.Entities, r.Submissions, tc.phase1.ents, tc.phase1.subs)
			}
			if len(s.Statuses) != len(tc.statuses) {
				t.Errorf("filter = %v, want %v", s.Statuses, tc.statuses)
			}
		})
	}
}

func TestAggregateTimelineLongSpan(t *testing.T) {
	es := []register.Entity{{ID: 1, Submissions: []register.Submission{
		{ProductName: "A", ExpectedStart: "2027-01"}, {ProductName: "B", ExpectedStart: "2060-12"},
	}}}
	tl := demand.Aggregate(es, nil).Timeline
	if !slices.Equal(tl.Quarters, []string{"2027-Q1", "2060-Q4"}) {
		t.Errorf("quarters = %v, want only the two named (span over %d)", tl.Quarters, demand.MaxSpan)
	}
}

func TestAggregateEmpty(t *testing.T) {
	s := demand.Aggregate(nil, nil)
	if s.Entities != 0 || s.Submissions != 0 || len(s.Timeline.Quarters) != 0 || s.Timeline.Quarters == nil {
		t.Errorf("empty summary = %+v", s)
	}
	for _, d := range s.Dimensions {
		for _, r := range d.Rows {
			if r.Entities != 0 || r.Submissions != 0 || r.EntityIDs == nil {
				t.Errorf("%s/%s = %+v, want zero with an empty id list", d.Key, r.Code, r)
			}
		}
	}
}

func TestTimelineQuarters(t *testing.T) {
	tests := []struct {
		start register.Month
		want  string
	}{
		{"2027-01", "2027-Q1"}, {"2027-03-31", "2027-Q1"}, {"2027-04", "2027-Q2"},
		{"2027-09-01", "2027-Q3"}, {"2027-12", "2027-Q4"}, {"", ""}, {"2027-13", ""}, {"20x7-01", ""}, {"1890-01", ""},
	}
	for _, tc := range tests {
		es := []register.Entity{{ID: 1, Submissions: []register.Submission{{ProductName: "A", ExpectedStart: tc.start}}}}
		tl := demand.Aggregate(es, nil).Timeline
		var got string
		if len(tl.Quarters) == 1 {
			got = tl.Quarters[0]
		}
		if got != tc.want || (tc.want == "") != (tl.Undated.Submissions == 1) {
			t.Errorf("%q: quarters %v, undated %d; want %q", tc.start, tl.Quarters, tl.Undated.Submissions, tc.want)
		}
		if q := tc.start.Quarter(); q != tc.want && tc.start != "2027-13" {
			t.Errorf("%q: register says %q, timeline %q", tc.start, q, tc.want)
		}
	}
}

// TestAggregateCountsRepeatsOnce: a product that names a starting material
// or a training role twice counts once in that row (random registers made
// such products, and the attack found their rows adding up to more products
// than there are).
func TestAggregateCountsRepeatsOnce(t *testing.T) {
	es := []register.Entity{{ID: 1, Name: "Fictional Repeat Ltd", Status: register.StatusReceived, Submissions: []register.Submission{{
		ProductName:       "REPEAT-1",
		StartingMaterials: []register.StartingMaterial{register.MaterialCordBlood, register.MaterialCordBlood},
		NeedsTraining:     register.Yes,
		TrainingRoles:     []register.TrainingRole{register.RoleHeadOfQC, register.RoleHeadOfQC, register.RoleAuthorizedPerson},
	}}}}
	s := demand.Aggregate(es, nil)
	for _, d := range s.Dimensions {
		for _, r := range d.Rows {
			if r.Submissions > 1 || r.Entities > 1 {
				t.Errorf("%s/%s counts %d products of %d entities, want at most 1", d.Key, r.Code, r.Submissions, r.Entities)
			}
		}
	}
}
