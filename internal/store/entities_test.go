package store_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
	"atpreg/internal/store"
	"atpreg/internal/store/storetest"
)

func sampleEntity() register.Entity {
	return register.Entity{
		Name:         "  Moonfield Cell Works Ltd ",
		Address:      "Unit 1, 2/F, 3 Fictional Road, Sha Tin",
		ContactName:  "Dr Iris Kwan",
		ContactEmail: "iris.kwan@moonfield.example.com",
		ContactPhone: "+852 3000 1234",
		Tags:         []string{"CAR-T", "car-t", "startup"},
		Submissions: []register.Submission{
			{ProductName: "MFC-101 CAR-T", ATPType: register.ATPGeneTherapy, GeneVector: register.VectorViral,
				Routes: []register.Route{register.RouteIntravenous}, PDCompleted: register.No, PDFurther: "Scale-up."},
			{ProductName: "MFC-202 MSC", ATPType: register.ATPCellTherapy, ProcessType: register.ProcessClosedSystem},
		},
	}
}

func mustCreate(t *testing.T, db *store.DB, e register.Entity) int64 {
	t.Helper()
	id, err := db.CreateEntity(context.Background(), e, "Test Officer")
	if err != nil {
		t.Fatalf("CreateEntity: %v", err)
	}
	return id
}

func TestCreateAndGet(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	id := mustCreate(t, db, sampleEntity())
	e, err := db.GetEntity(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if e.Name != "Moonfield Cell Works Ltd" || e.Status != register.StatusReceived {
		t.Errorf("name %q status %q: not normalized", e.Name, e.Status)
	}
	if !reflect.DeepEqual(e.Tags, []string{"CAR-T", "startup"}) {
		t.Errorf("tags %v", e.Tags)
	}
	if len(e.Submissions) != 2 || e.Submissions[0].ProductName != "MFC-101 CAR-T" || e.Submissions[0].PDCompleted != register.No ||
		e.Submissions[0].GMPBefore != register.Unanswered || !e.Submissions[0].HasRoute(register.RouteIntravenous) {
		t.Errorf("submissions = %+v", e.Submissions)
	}
	if e.CreatedAt.IsZero() || !e.CreatedAt.Equal(storetest.Options().Now()) {
		t.Errorf("created at %v", e.CreatedAt)
	}
	if _, err := db.GetEntity(ctx, id+100); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("unknown id: %v", err)
	}
	h, err := db.History(ctx, id)
	if err != nil || len(h) != 1 || h[0].Action != store.ActionCreate || h[0].By != "Test Officer" {
		t.Errorf("history %+v, %v", h, err)
	}
}

func TestInvalidWritesChangeNothing(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	id := mustCreate(t, db, sampleEntity())
	before, _ := db.GetEntity(ctx, id)
	hBefore, _ := db.History(ctx, id)

	tests := []struct {
		name  string
		edit  func(e *register.Entity)
		field string
	}{
		{"BadEmail", func(e *register.Entity) { e.ContactEmail = "nobody" }, "contact_email"},
		{"NoName", func(e *register.Entity) { e.Name = " " }, "name"},
		{"VectorOnCell", func(e *register.Entity) { e.Submissions[1].GeneVector = register.VectorViral }, "submissions[1].gene_vector"},
		{"NoProductName", func(e *register.Entity) {
			e.Submissions = append(e.Submissions, register.Submission{Composition: "x"})
		}, "submissions[2].product_name"},
		{"ForeignSubmission", func(e *register.Entity) { e.Submissions[0].ID = 9999 }, "submissions[0].id"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, _ := db.GetEntity(ctx, id)
			e.Notes = "this change must not be kept"
			tc.edit(&e)
			err := db.UpdateEntity(ctx, e, "Test Officer")
			if !apperr.Is(err, apperr.Invalid) {
				t.Fatalf("UpdateEntity: %v, want invalid", err)
			}
			found := false
			for _, f := range apperr.FieldsOf(err) {
				found = found || f.Field == tc.field
			}
			if !found {
				t.Errorf("no problem named %s in %+v", tc.field, apperr.FieldsOf(err))
			}
			after, _ := db.GetEntity(ctx, id)
			if !reflect.DeepEqual(before, after) {
				t.Errorf("an invalid update changed the entity")
			}
			if h, _ := db.History(ctx, id); len(h) != len(hBefore) {
				t.Errorf("an invalid update added history")
			}
			if tc.field != "submissions[0].id" {
				if _, err := db.CreateEntity(ctx, e, "x"); !apperr.Is(err, apperr.Invalid) {
					t.Errorf("CreateEntity accepted it: %v", err)
				}
			}
		})
	}
	if page, _ := db.ListEntities(ctx, store.ListQuery{}); page.Total != 1 {
		t.Errorf("%d entities stored, want 1", page.Total)
	}
}

func TestUpdateAuditsFieldByField(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	id := mustCreate(t, db, sampleEntity())
	e, _ := db.GetEntity(ctx, id)
	keep := e.Submissions[0].ID
	e.ContactEmail = "iris@moonfield.example.com"
	e.Submissions[0].Composition = "Autologous T cells."
	e.Submissions = []register.Submission{e.Submissions[0], {ProductName: "MFC-303 iPSC"}}
	if err := db.UpdateEntity(ctx, e, "Test Officer"); err != nil {
		t.Fatal(err)
	}
	got, _ := db.GetEntity(ctx, id)
	if len(got.Submissions) != 2 || got.Submissions[0].ID != keep || got.Submissions[1].ProductName != "MFC-303 iPSC" {
		t.Fatalf("submissions after update: %+v", got.Submissions)
	}
	h, _ := db.History(ctx, id)
	type change struct{ field, old, new, detail string }
	var changes []change
	for _, a := range h[1:] {
		if a.Action != store.ActionUpdate {
			t.Errorf("action %q", a.Action)
		}
		changes = append(changes, change{a.Field, a.Old, a.New, a.Detail})
	}
	want := []change{
		{"contact_email", "iris.kwan@moonfield.example.com", "iris@moonfield.example.com", ""},
		{"submissions", "MFC-202 MSC", "", "Product removed"},
		{"composition", "", "Autologous T cells.", "Product: MFC-101 CAR-T"},
		{"submissions", "", "MFC-303 iPSC", "Product added"},
	}
	if !reflect.DeepEqual(changes, want) {
		t.Errorf("history:\n got %+v\nwant %+v", changes, want)
	}

	// Saving it unchanged records nothing.
	if err := db.UpdateEntity(ctx, got, "Test Officer"); err != nil {
		t.Fatal(err)
	}
	if h2, _ := db.History(ctx, id); len(h2) != len(h) {
		t.Errorf("an unchanged save added %d history lines", len(h2)-len(h))
	}

	// The change survives a restart (journal replay).
	db2 := storetest.Reopen(t, db)
	again, err := db2.GetEntity(ctx, id)
	if err != nil || !reflect.DeepEqual(again, got) {
		t.Errorf("after reopen: %+v, %v", again, err)
	}
}

func TestMoveEntity(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	id := mustCreate(t, db, sampleEntity())
	steps := []struct {
		to     register.Status
		reason string
		ok     bool
	}{
		{register.StatusInvited, "", false},  // not allowed from received
		{register.StatusReceived, "", false}, // already there
		{register.StatusDeclined, "", false}, // needs a reason
		{register.StatusScreening, "", true}, // forward
		{register.StatusOnHold, "Awaiting funding.", true},
		{register.StatusEngaged, "", false},
		{register.StatusScreening, "Funding confirmed.", true},
		{"bogus", "", false},
	}
	for i, s := range steps {
		err := db.MoveEntity(ctx, id, s.to, s.reason, "Test Officer")
		if s.ok != (err == nil) {
			t.Fatalf("step %d to %q: %v", i, s.to, err)
		}
		if !s.ok && !apperr.Is(err, apperr.Invalid) {
			t.Errorf("step %d: %v, want invalid", i, err)
		}
	}
	changes, err := db.StatusChanges(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	var path []register.Status
	for _, c := range changes {
		path = append(path, c.To)
		if c.By != "Test Officer" || c.At.IsZero() {
			t.Errorf("change %+v lacks who or when", c)
		}
	}
	want := []register.Status{register.StatusReceived, register.StatusScreening, register.StatusOnHold, register.StatusScreening}
	if !reflect.DeepEqual(path, want) || changes[2].Reason != "Awaiting funding." {
		t.Errorf("path %v (reason %q), want %v", path, changes[2].Reason, want)
	}
	if err := db.MoveEntity(ctx, 999, register.StatusScreening, "", "x"); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("move of unknown entity: %v", err)
	}
}

func TestDeleteKeepsTombstone(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	id := mustCreate(t, db, sampleEntity())
	if _, err := db.AddAttachment(ctx, id, "a.pdf", []byte("%PDF-1.4"), "x"); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteEntity(ctx, id, "Entered twice.", "Test Officer"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.GetEntity(ctx, id); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("deleted entity still there: %v", err)
	}
	h, _ := db.History(ctx, id)
	last := h[len(h)-1]
	if last.Action != store.ActionDelete || last.Old != "Moonfield Cell Works Ltd" || last.Detail != "Entered twice." {
		t.Errorf("tombstone %+v", last)
	}
	if page, _ := db.ListEntities(ctx, store.ListQuery{Search: "Moonfield"}); page.Total != 0 {
		t.Error("a deleted entity is still found by search")
	}
	// A new entity never takes the deleted one's id (its history stays its own).
	if id2 := mustCreate(t, db, sampleEntity()); id2 == id {
		t.Errorf("id %d reused", id)
	}
	if err := db.DeleteEntity(ctx, id, "", "x"); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("second delete: %v", err)
	}
}

func TestEntitiesByID(t *testing.T) {
	ctx := context.Background()
	db := newDemo(t)
	all, err := db.Entities(ctx)
	if err != nil || len(all) != 40 {
		t.Fatalf("%d entities, %v", len(all), err)
	}
	some, err := db.Entities(ctx, all[5].ID, all[2].ID)
	if err != nil || some[0].ID != all[5].ID || some[1].ID != all[2].ID || len(some[0].Submissions) == 0 {
		t.Errorf("Entities(ids) = %v, %v", some, err)
	}
	if _, err := db.Entities(ctx, 9999); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("unknown id: %v", err)
	}
}

func TestRFC3339(t *testing.T) {
	hk := time.FixedZone("HKT", 8*3600)
	tests := []struct{ in, want string }{
		{store.TimeText(time.Date(2026, 3, 5, 14, 5, 9, 123456789, time.UTC)), "2026-03-05T14:05:09Z"},
		{time.Date(2026, 3, 5, 22, 5, 9, 0, hk).Format(time.RFC3339Nano), "2026-03-05T14:05:09Z"},
		{"not a time", "not a time"},
		{"", ""},
	}
	for _, tc := range tests {
		if got := store.RFC3339(tc.in); got != tc.want {
			t.Errorf("RFC3339(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
