package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
	"atpreg/internal/store"
	"atpreg/internal/store/storetest"
)

var hkt = time.FixedZone("HKT", 8*3600)

func addPartner(t *testing.T, db *store.DB, name string) int64 {
	t.Helper()
	id, err := db.CreatePartner(context.Background(), register.Partner{Name: name, Facility: name + " GMP Facility",
		Contacts: []register.Contact{{Name: "Dr Fictional Contact", Email: "contact@uni.example.org"}}}, officer)
	if err != nil {
		t.Fatalf("create partner: %v", err)
	}
	return id
}

func TestPartnersAndConflicts(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	p1 := addPartner(t, db, "Fictional University A")
	p2 := addPartner(t, db, "Fictional University B")
	e1 := addEntity(t, db, "Conflicted Fictional", register.StatusInvited, register.ATPCellTherapy)
	e2 := addEntity(t, db, "Clear Fictional", register.StatusInvited, register.ATPCellTherapy)

	if _, err := db.CreatePartner(ctx, register.Partner{Name: " "}, officer); !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("partner without a name: %v", err)
	}
	p, err := db.Partner(ctx, p1)
	if err != nil || len(p.Contacts) != 1 {
		t.Fatalf("partner: %v %+v", err, p)
	}
	p.Notes = "Fictional notes."
	if err := db.UpdatePartner(ctx, p, officer); err != nil {
		t.Fatal(err)
	}
	log, err := db.AuditLog(ctx, store.AuditFilter{Action: "partner"})
	if err != nil || len(log) != 3 || log[0].Field != "partner.notes" {
		t.Fatalf("partner audit: %v %+v", err, log)
	}

	if err := db.SetConflict(ctx, p1, e1, "", officer); !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("conflict without reason: %v", err)
	}
	if err := db.SetConflict(ctx, p1, e1, "Partner's director sits on the entity's board.", officer); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		partner int64
		want    map[int64]bool
	}{
		{p1, map[int64]bool{e1: true}},
		{p2, map[int64]bool{}},
	}
	for _, tc := range tests {
		got, err := db.ConflictedEntities(ctx, tc.partner)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(tc.want) {
			t.Errorf("partner %d: conflicted %v, want %v", tc.partner, got, tc.want)
		}
		for id := range tc.want {
			if !strings.Contains(got[id], "board") {
				t.Errorf("partner %d: entity %d reason %q", tc.partner, id, got[id])
			}
		}
	}
	hist, err := db.History(ctx, e1)
	if err != nil {
		t.Fatal(err)
	}
	if last := hist[len(hist)-1]; last.Action != "conflict" || !strings.Contains(last.Detail, "Fictional University A") {
		t.Errorf("conflict not in the entity's history: %+v", last)
	}
	cs, err := db.EntityConflicts(ctx, e2)
	if err != nil || len(cs) != 0 {
		t.Fatalf("e2 conflicts: %v %+v", err, cs)
	}
	if err := db.RemoveConflict(ctx, p1, e1, officer); err != nil {
		t.Fatal(err)
	}
	if err := db.RemoveConflict(ctx, p1, e1, officer); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("removing twice: %v", err)
	}
	if err := db.SetConflict(ctx, p2, e2, "Fictional shareholding.", officer); err != nil {
		t.Fatal(err)
	}
	if err := db.DeletePartner(ctx, p2, officer); err != nil {
		t.Fatal(err)
	}
	all, err := db.Conflicts(ctx)
	if err != nil || len(all) != 0 {
		t.Fatalf("conflicts of a deleted partner remain: %v %+v", err, all)
	}
}

func TestMeetingLifecycle(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	p1 := addPartner(t, db, "Fictional University A")
	p2 := addPartner(t, db, "Fictional University B")
	e1 := addEntity(t, db, "First Fictional", register.StatusInDialogue, register.ATPCellTherapy)
	e2 := addEntity(t, db, "Second Fictional", register.StatusInvited, register.ATPGeneTherapy)
	e3 := addEntity(t, db, "Third Fictional", register.StatusEvaluation, register.ATPCellTherapy)
	e4 := addEntity(t, db, "Fourth Fictional", register.StatusReceived, register.ATPCellTherapy)

	m := store.Meeting{Meeting: register.Meeting{
		Title: "Fictional dialogue", StartsAt: time.Date(2025, 2, 20, 14, 30, 0, 0, hkt), Place: "Room 1",
		PartnerIDs: []int64{p1, p2}, Attendees: []string{"Officer One", " "}, EntityIDs: []int64{e2, e1},
		Agenda: "1. Capacity", Actions: []register.Action{
			{Text: "Send questionnaire", Owner: "Officer One", Due: "2025-02-27"},
			{Text: "Book suite", Owner: "Dr Contact", Due: "2025-03-15"},
			{Text: "Done already", Due: "2025-02-21", Done: true},
		}},
		EntityMinutes: map[int64]string{e1: "Discussed timelines."},
	}
	id, err := db.CreateMeeting(ctx, m, officer)
	if err != nil {
		t.Fatal(err)
	}
	got, err := db.GetMeeting(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.EntityIDs, []int64{e2, e1}) || !slices.Equal(got.PartnerIDs, []int64{p1, p2}) || len(got.Attendees) != 1 ||
		got.EntityMinutes[e1] != "Discussed timelines." || got.DurationMinutes != store.DefaultMeetingMinutes || len(got.Actions) != 3 ||
		!got.StartsAt.Equal(m.StartsAt) {
		t.Fatalf("stored meeting differs: %+v", got)
	}

	// Minutes for an entity not on the list are refused.
	bad := got
	bad.EntityMinutes = map[int64]string{e3: "Not on the list."}
	if err := db.UpdateMeeting(ctx, bad, officer); !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("minutes for an entity not listed: %v", err)
	}

	// Overdue follow-ups: the storetest clock says 2025-03-01.
	today := db.Now().In(hkt).Format(time.DateOnly)
	over, err := db.OverdueActions(ctx, today)
	if err != nil {
		t.Fatal(err)
	}
	if len(over) != 1 || over[0].Text != "Send questionnaire" || over[0].MeetingTitle != "Fictional dialogue" || over[0].Index != 0 {
		t.Fatalf("overdue on %s: %+v", today, over)
	}
	if err := db.SetActionDone(ctx, id, 0, true, officer); err != nil {
		t.Fatal(err)
	}
	if over, _ = db.OverdueActions(ctx, today); len(over) != 0 {
		t.Fatalf("done action still overdue: %+v", over)
	}
	open, err := db.OpenActions(ctx)
	if err != nil || len(open) != 1 || open[0].Text != "Book suite" {
		t.Fatalf("open actions: %v %+v", err, open)
	}

	// Adding an entity without confirmation keeps its status; with it, the
	// entity moves on and the move is in its history.
	moved, err := db.AddEntityToMeeting(ctx, id, e3, false, officer)
	if err != nil || moved != "" {
		t.Fatalf("add without move: %v %q", err, moved)
	}
	if e, _ := db.GetEntity(ctx, e3); e.Status != register.StatusEvaluation {
		t.Fatalf("status changed without confirmation: %s", e.Status)
	}
	moved, err = db.AddEntityToMeeting(ctx, id, e3, true, officer)
	if err != nil || moved != register.StatusInvited {
		t.Fatalf("add with move: %v %q", err, moved)
	}
	if e, _ := db.GetEntity(ctx, e3); e.Status != register.StatusInvited {
		t.Fatalf("status after confirmed move: %s", e.Status)
	}
	changes, err := db.StatusChanges(ctx, e3)
	if err != nil || !strings.Contains(changes[len(changes)-1].Reason, "Fictional dialogue") {
		t.Fatalf("move not recorded with the meeting as reason: %v %+v", err, changes)
	}
	if _, err := db.AddEntityToMeeting(ctx, id, e4, true, officer); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("move from received: %v", err)
	}
	if got, _ = db.GetMeeting(ctx, id); !slices.Equal(got.EntityIDs, []int64{e2, e1, e3}) {
		t.Fatalf("a refused add changed the list: %v", got.EntityIDs)
	}

	// Conflicts among the meeting's partners and entities.
	if err := db.SetConflict(ctx, p2, e1, "Fictional board seat.", officer); err != nil {
		t.Fatal(err)
	}
	cs, err := db.MeetingConflicts(ctx, id)
	if err != nil || len(cs) != 1 || cs[0].EntityID != e1 || cs[0].PartnerID != p2 {
		t.Fatalf("meeting conflicts: %v %+v", err, cs)
	}

	// An update records what changed; the entity removed is told so.
	got.EntityIDs = []int64{e1, e3}
	got.EntityMinutes = map[int64]string{e1: "Discussed timelines and fees."}
	got.Outcome = "Fictional outcome."
	if err := db.UpdateMeeting(ctx, got, officer); err != nil {
		t.Fatal(err)
	}
	after, _ := db.GetMeeting(ctx, id)
	if after.Sequence <= got.Sequence || after.Outcome != "Fictional outcome." {
		t.Fatalf("update: %+v", after)
	}
	h2, _ := db.History(ctx, e2)
	if last := h2[len(h2)-1]; last.Action != "meeting" || !strings.Contains(last.Detail, "Removed") {
		t.Errorf("removal not in e2's history: %+v", last)
	}
	h1, _ := db.History(ctx, e1)
	if last := h1[len(h1)-1]; last.Field != "meeting.minutes" || last.New != "Discussed timelines and fees." {
		t.Errorf("minutes change not in e1's history: %+v", last)
	}
	ids, err := db.EntityMeetings(ctx, e1)
	if err != nil || !slices.Equal(ids, []int64{id}) {
		t.Fatalf("entity meetings: %v %v", err, ids)
	}

	db = storetest.Reopen(t, db)
	if again, err := db.GetMeeting(ctx, id); err != nil || again.Outcome != "Fictional outcome." {
		t.Fatalf("after reopen: %v %+v", err, again)
	}
	if err := db.DeleteEntity(ctx, e1, "Fictional duplicate", officer); err != nil {
		t.Fatal(err)
	}
	if again, _ := db.GetMeeting(ctx, id); !slices.Equal(again.EntityIDs, []int64{e3}) {
		t.Fatalf("deleted entity still listed: %v", again.EntityIDs)
	}
	if err := db.DeleteMeeting(ctx, id, officer); err != nil {
		t.Fatal(err)
	}
	if _, err := db.GetMeeting(ctx, id); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("deleted meeting: %v", err)
	}
	if open, _ := db.OpenActions(ctx); len(open) != 0 {
		t.Fatalf("actions of a deleted meeting: %+v", open)
	}
}

func TestMeetingRejected(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	tests := []struct {
		name  string
		m     store.Meeting
		code  apperr.Code
		field string
	}{
		{"NoTitle", store.Meeting{Meeting: register.Meeting{StartsAt: time.Now()}}, apperr.Invalid, "title"},
		{"NoTime", store.Meeting{Meeting: register.Meeting{Title: "x"}}, apperr.Invalid, "starts_at"},
		{"BadDue", store.Meeting{Meeting: register.Meeting{Title: "x", StartsAt: time.Now(), Actions: []register.Action{{Text: "a", Due: "soon"}}}}, apperr.Invalid, "actions[0].due"},
		{"TooLong", store.Meeting{Meeting: register.Meeting{Title: "x", StartsAt: time.Now()}, DurationMinutes: 2000}, apperr.Invalid, "duration_minutes"},
		{"NoPartner", store.Meeting{Meeting: register.Meeting{Title: "x", StartsAt: time.Now(), PartnerIDs: []int64{99}}}, apperr.NotFound, ""},
		{"NoEntity", store.Meeting{Meeting: register.Meeting{Title: "x", StartsAt: time.Now(), EntityIDs: []int64{99}}}, apperr.NotFound, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := db.CreateMeeting(ctx, tc.m, officer)
			if !apperr.Is(err, tc.code) {
				t.Fatalf("err %v, want %s", err, tc.code)
			}
			if tc.field != "" && !hasField(err, tc.field) {
				t.Errorf("no problem named %q: %+v", tc.field, apperr.FieldsOf(err))
			}
		})
	}
	ms, err := db.Meetings(ctx)
	if err != nil || len(ms) != 0 {
		t.Fatalf("rejected meetings stored: %v %d", err, len(ms))
	}
}

func hasField(err error, field string) bool {
	for _, f := range apperr.FieldsOf(err) {
		if f.Field == field {
			return true
		}
	}
	return false
}

func TestDemoEvaluationsPartnersMeetings(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	if err := store.LoadDemo(ctx, db, "Test Officer"); err != nil {
		t.Fatal(err)
	}
	ents := register.DemoEntities(store.DemoSeed)
	evs, err := db.AllEvaluations(ctx)
	if err != nil || len(evs) == 0 {
		t.Fatalf("demo evaluations: %v %d", err, len(evs))
	}
	rank, err := db.Ranking(ctx, store.RankingQuery{})
	if err != nil || len(rank) == 0 {
		t.Fatalf("demo ranking: %v %d", err, len(rank))
	}
	disagree := 0
	for _, r := range rank {
		disagree += len(r.Disagreements)
	}
	if disagree == 0 {
		t.Error("the demo should show a disagreement between evaluators")
	}
	partners, err := db.Partners(ctx)
	if err != nil || len(partners) != len(register.DemoPartners()) {
		t.Fatalf("demo partners: %v %d", err, len(partners))
	}
	ms, err := db.Meetings(ctx)
	if err != nil || len(ms) != 2 {
		t.Fatalf("demo meetings: %v %d", err, len(ms))
	}
	past := ms[len(ms)-1] // newest first: the past meeting is last
	if len(past.EntityMinutes) == 0 || len(past.Actions) != 3 {
		t.Errorf("past meeting lacks minutes per entity or actions: %+v", past)
	}
	cs, err := db.MeetingConflicts(ctx, past.ID)
	if err != nil || len(cs) != 1 {
		t.Fatalf("demo conflict in the past meeting: %v %+v", err, cs)
	}
	over, err := db.OverdueActions(ctx, "2026-12-01")
	if err != nil || len(over) != 2 {
		t.Fatalf("overdue actions on 2026-12-01: %v %+v", err, over)
	}
	if len(ents) < 10 {
		t.Fatalf("demo entities: %d", len(ents))
	}
	// The list's scores (kept per entity) equal the full summaries.
	scores, err := db.EntityScores(ctx)
	if err != nil {
		t.Fatal(err)
	}
	page, err := db.ListEntities(ctx, store.ListQuery{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range page.Rows {
		s, ok := scores[row.ID]
		if ok != (row.Score != nil) || (ok && *row.Score != s.Rounded()) {
			t.Errorf("%s: list score %v, summary %v (scored %v)", row.Name, row.Score, s.Rounded(), ok)
		}
	}
	db = storetest.Reopen(t, db)
	if again, err := db.AllEvaluations(ctx); err != nil || len(again) != len(evs) {
		t.Fatalf("after reopen: %v %d evaluations, want %d", err, len(again), len(evs))
	}
}
