package store_test

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
	"atpreg/internal/store"
	"atpreg/internal/store/storetest"
)

// dumpTables returns every row of every table of the register as text,
// table by table, rows sorted, leaving out the history (audit) and the
// columns in skip ("table.column").
func dumpTables(t *testing.T, db *store.DB, skip ...string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := db.View(context.Background(), func(r *store.Reader) error {
		var tables []string
		if err := r.Select(&tables, `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name`); err != nil {
			return err
		}
		for _, tb := range tables {
			if tb == "audit" {
				continue
			}
			rows, err := r.Queryx(`SELECT * FROM "` + tb + `"`)
			if err != nil {
				return err
			}
			cols, _ := rows.Columns()
			var lines []string
			for rows.Next() {
				var b strings.Builder
				vals, err := rows.SliceScan()
				if err != nil {
					rows.Close()
					return err
				}
				for i, v := range vals {
					if slices.Contains(skip, tb+"."+cols[i]) {
						continue
					}
					fmt.Fprintf(&b, "%s=%T:%v ", cols[i], v, v)
				}
				lines = append(lines, b.String())
			}
			rows.Close()
			// Rows in their own order (a table's hidden rowid is no data).
			slices.Sort(lines)
			out[tb] = strings.Join(lines, "\n")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// sameTables fails the test where two dumps differ.
func sameTables(t *testing.T, what string, want, got map[string]string) {
	t.Helper()
	for tb := range want {
		if want[tb] != got[tb] {
			t.Errorf("%s: table %s differs:\nwant %s\ngot  %s", what, tb, want[tb], got[tb])
		}
	}
	if len(want) != len(got) {
		t.Errorf("%s: %d tables, want %d", what, len(got), len(want))
	}
}

// auditCount is the number of history lines of the whole register.
func auditCount(t *testing.T, db *store.DB) int {
	t.Helper()
	log, err := db.AuditLog(context.Background(), store.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return len(log)
}

// undoFixture is a register with two partners, two entities, a conflict of
// interest, and two meetings with follow-up actions, the first with both
// partners and both entities.
type undoFixture struct {
	db             *store.DB
	p1, p2, e1, e2 int64
	m1, m2         int64
}

func newUndoFixture(t *testing.T) undoFixture {
	t.Helper()
	ctx := context.Background()
	f := undoFixture{db: storetest.New(t)}
	f.p1 = addPartner(t, f.db, "Fictional University A")
	f.p2 = addPartner(t, f.db, "Fictional University B")
	f.e1 = addEntity(t, f.db, "Alpha Fictional Cell Ltd", register.StatusInDialogue, register.ATPCellTherapy)
	f.e2 = addEntity(t, f.db, "Beta Fictional Gene Ltd", register.StatusInvited, register.ATPGeneTherapy)
	if err := f.db.SetConflict(ctx, f.p1, f.e1, "A fictional board seat.", officer); err != nil {
		t.Fatal(err)
	}
	if err := f.db.SetConflict(ctx, f.p1, f.e2, "A fictional shareholding.", officer); err != nil {
		t.Fatal(err)
	}
	var err error
	f.m1, err = f.db.CreateMeeting(ctx, store.Meeting{Meeting: register.Meeting{
		Title: "Fictional dialogue", StartsAt: time.Date(2025, 2, 20, 14, 30, 0, 0, hkt), Place: "Room 1",
		PartnerIDs: []int64{f.p2, f.p1}, Attendees: []string{"Officer One"}, EntityIDs: []int64{f.e2, f.e1},
		Agenda: "1. Capacity", Minutes: "Fictional minutes.", Outcome: "Fictional outcome.", Actions: []register.Action{
			{Text: "Send questionnaire", Owner: "Officer One", Due: "2025-02-27"},
			{Text: "Book suite", Owner: "Dr Contact", Due: "2025-03-15", Done: true},
		}},
		DurationMinutes: 60, EntityMinutes: map[int64]string{f.e1: "Discussed timelines."},
	}, officer)
	if err != nil {
		t.Fatal(err)
	}
	f.m2, err = f.db.CreateMeeting(ctx, store.Meeting{Meeting: register.Meeting{
		Title: "Second fictional dialogue", StartsAt: time.Date(2025, 3, 20, 10, 0, 0, 0, hkt),
		PartnerIDs: []int64{f.p1}, EntityIDs: []int64{f.e1},
		Actions: []register.Action{{Text: "Call back", Due: "2025-03-25"}}},
	}, officer)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// lastDetail is the newest line of entity id's history (0: the register's).
func lastDetail(t *testing.T, db *store.DB, id int64) string {
	t.Helper()
	if id == 0 {
		log, err := db.AuditLog(context.Background(), store.AuditFilter{Limit: 1})
		if err != nil || len(log) == 0 {
			t.Fatalf("audit log: %v %v", err, log)
		}
		return log[0].Detail
	}
	h, err := db.History(context.Background(), id)
	if err != nil || len(h) == 0 {
		t.Fatalf("history of %d: %v %v", id, err, h)
	}
	newest := h[0]
	for _, e := range h {
		if e.At > newest.At || (e.At == newest.At && e.ID > newest.ID) {
			newest = e
		}
	}
	return newest.Detail
}

func TestDeleteMeetingThenRestore(t *testing.T) {
	ctx := context.Background()
	f := newUndoFixture(t)
	db := f.db
	before := dumpTables(t, db, "meeting_actions.id")
	meeting, err := db.GetMeeting(ctx, f.m1)
	if err != nil {
		t.Fatal(err)
	}
	d, err := db.DeleteMeetingUndoable(ctx, f.m1, officer)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.GetMeeting(ctx, f.m1); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("deleted meeting still read: %v", err)
	}
	// The second meeting is saved again: its actions take new numbers,
	// which may be the deleted meeting's; the restore gives its actions
	// numbers of their own.
	m2, err := db.GetMeeting(ctx, f.m2)
	if err != nil {
		t.Fatal(err)
	}
	m2.Actions = append(m2.Actions, register.Action{Text: "Send minutes", Due: "2025-03-28"}, register.Action{Text: "Book room"}, register.Action{Text: "Chase"})
	if err := db.UpdateMeeting(ctx, m2, officer); err != nil {
		t.Fatal(err)
	}
	if err := db.Restore(ctx, d, "Second Officer"); err != nil {
		t.Fatal(err)
	}
	got, err := db.GetMeeting(ctx, f.m1)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, meeting) {
		t.Errorf("restored meeting differs:\nwant %+v\ngot  %+v", meeting, got)
	}
	// Every row is back as it was (beside the second meeting's, changed
	// meanwhile).
	after := dumpTables(t, db, "meeting_actions.id")
	for tb := range before {
		if dumpTablesOnly(after[tb], f.m2) != dumpTablesOnly(before[tb], f.m2) {
			t.Errorf("table %s after restore:\n%s\nwant\n%s", tb, after[tb], before[tb])
		}
	}
	for _, id := range []int64{0, f.e1, f.e2} {
		if got := lastDetail(t, db, id); got != fmt.Sprintf("Meeting %d restored.", f.m1) {
			t.Errorf("history of %d ends with %q", id, got)
		}
	}
	log, _ := db.AuditLog(ctx, store.AuditFilter{Limit: 1})
	if log[0].By != "Second Officer" || log[0].New != "Fictional dialogue" {
		t.Errorf("restore recorded as %+v", log[0])
	}

	// Restoring twice: the meeting is there; refused, nothing changed.
	n := auditCount(t, db)
	err = db.Restore(ctx, d, officer)
	if !apperr.Is(err, apperr.Conflict) || !strings.Contains(err.Error(), "Nothing was changed") {
		t.Fatalf("second restore: %v", err)
	}
	sameTables(t, "after a refused restore", after, dumpTables(t, db, "meeting_actions.id"))
	if auditCount(t, db) != n {
		t.Error("a refused restore wrote history")
	}
}

// dumpTablesOnly keeps the lines of a dump that are not about meeting m
// (the one changed by the test meanwhile).
func dumpTablesOnly(dump string, m int64) string {
	var keep []string
	for _, l := range strings.Split(dump, "\n") {
		if strings.HasPrefix(l, fmt.Sprintf("id=int64:%d ", m)) || strings.HasPrefix(l, fmt.Sprintf("meeting_id=int64:%d ", m)) {
			continue
		}
		keep = append(keep, l)
	}
	return strings.Join(keep, "\n")
}

func TestRestoreMeetingExactRows(t *testing.T) {
	ctx := context.Background()
	f := newUndoFixture(t)
	before := dumpTables(t, f.db, "meeting_actions.id")
	d, err := f.db.DeleteMeetingUndoable(ctx, f.m1, officer)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.db.Restore(ctx, d, officer); err != nil {
		t.Fatal(err)
	}
	sameTables(t, "meeting restored", before, dumpTables(t, f.db, "meeting_actions.id"))
}

func TestRestoreMeetingRefusedWhenAnEntityIsGone(t *testing.T) {
	ctx := context.Background()
	f := newUndoFixture(t)
	d, err := f.db.DeleteMeetingUndoable(ctx, f.m1, officer)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.db.DeleteEntity(ctx, f.e2, "Withdrew (fictional).", officer); err != nil {
		t.Fatal(err)
	}
	before, n := dumpTables(t, f.db), auditCount(t, f.db)
	err = f.db.Restore(ctx, d, officer)
	if !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("restore after an entity was deleted: %v", err)
	}
	want := fmt.Sprintf("Meeting %d (Fictional dialogue) can no longer be restored: Beta Fictional Gene Ltd, on its list, has been deleted since. Nothing was changed.", f.m1)
	if err.Error() != want {
		t.Errorf("refusal %q\nwant     %q", err, want)
	}
	sameTables(t, "after a refused restore", before, dumpTables(t, f.db))
	if auditCount(t, f.db) != n {
		t.Error("a refused restore wrote history")
	}
	if _, err := f.db.GetMeeting(ctx, f.m1); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("meeting came back: %v", err)
	}
}

func TestRestoreMeetingRefusedWhenItsNumberIsTaken(t *testing.T) {
	ctx := context.Background()
	f := newUndoFixture(t)
	d, err := f.db.DeleteMeetingUndoable(ctx, f.m2, officer)
	if err != nil {
		t.Fatal(err)
	}
	id, err := f.db.CreateMeeting(ctx, store.Meeting{Meeting: register.Meeting{Title: "A new fictional meeting",
		StartsAt: time.Date(2025, 4, 1, 10, 0, 0, 0, hkt)}}, officer)
	if err != nil {
		t.Fatal(err)
	}
	if id != f.m2 {
		t.Fatalf("the new meeting is %d, not the deleted one's number %d: the test needs SQLite to give it again", id, f.m2)
	}
	before := dumpTables(t, f.db)
	err = f.db.Restore(ctx, d, officer)
	want := fmt.Sprintf("Meeting %d (Second fictional dialogue) can no longer be restored: a meeting added since has taken its number. Nothing was changed.", f.m2)
	if !apperr.Is(err, apperr.Conflict) || err.Error() != want {
		t.Fatalf("restore over a new meeting: %v", err)
	}
	sameTables(t, "after a refused restore", before, dumpTables(t, f.db))
}

func TestDeletePartnerThenRestore(t *testing.T) {
	ctx := context.Background()
	f := newUndoFixture(t)
	db := f.db
	before := dumpTables(t, db)
	partner, err := db.Partner(ctx, f.p1)
	if err != nil {
		t.Fatal(err)
	}
	conflicts, err := db.Conflicts(ctx)
	if err != nil || len(conflicts) != 2 {
		t.Fatalf("conflicts: %v %+v", err, conflicts)
	}
	meeting, _ := db.GetMeeting(ctx, f.m1)
	d, err := db.DeletePartnerUndoable(ctx, f.p1, officer)
	if err != nil {
		t.Fatal(err)
	}
	if all, _ := db.Conflicts(ctx); len(all) != 0 {
		t.Fatalf("conflicts of the deleted partner remain: %+v", all)
	}
	if m, _ := db.GetMeeting(ctx, f.m1); slices.Contains(m.PartnerIDs, f.p1) {
		t.Fatal("the deleted partner is still on the meeting")
	}
	if err := db.Restore(ctx, d, officer); err != nil {
		t.Fatal(err)
	}
	sameTables(t, "partner restored", before, dumpTables(t, db))
	got, _ := db.Partner(ctx, f.p1)
	if !reflect.DeepEqual(got, partner) {
		t.Errorf("restored partner differs:\nwant %+v\ngot  %+v", partner, got)
	}
	gotConflicts, _ := db.Conflicts(ctx)
	if !reflect.DeepEqual(gotConflicts, conflicts) {
		t.Errorf("restored conflicts differ:\nwant %+v\ngot  %+v", conflicts, gotConflicts)
	}
	if m, _ := db.GetMeeting(ctx, f.m1); !reflect.DeepEqual(m, meeting) {
		t.Errorf("meeting after the partner's restore:\nwant %+v\ngot  %+v", meeting, m)
	}
	if got := lastDetail(t, db, 0); got != fmt.Sprintf("Partner %d restored.", f.p1) {
		t.Errorf("register's history ends with %q", got)
	}

	// Deleted again, then one of its meetings goes: refused, naming it.
	d, err = db.DeletePartnerUndoable(ctx, f.p1, officer)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteMeeting(ctx, f.m2, officer); err != nil {
		t.Fatal(err)
	}
	before, n := dumpTables(t, db), auditCount(t, db)
	err = db.Restore(ctx, d, officer)
	want := fmt.Sprintf("Partner %d (Fictional University A) can no longer be restored: the meeting Second fictional dialogue, to which it was invited, has been deleted since. Nothing was changed.", f.p1)
	if !apperr.Is(err, apperr.Conflict) || err.Error() != want {
		t.Fatalf("restore after its meeting went: %v", err)
	}
	sameTables(t, "after a refused restore", before, dumpTables(t, db))
	if auditCount(t, db) != n {
		t.Error("a refused restore wrote history")
	}
}

func TestDeleteEvaluationThenRestore(t *testing.T) {
	ctx := context.Background()
	f := newUndoFixture(t)
	db := f.db
	ev1, err := db.CreateEvaluation(ctx, eval(f.e1, "Dr A Tester", 4, map[register.Aspect]int{register.AspectJobs: 2}), officer)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateEvaluation(ctx, eval(f.e1, "Dr B Tester", 2, nil), officer); err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateEvaluation(ctx, eval(f.e2, "Dr B Tester", 3, nil), officer); err != nil {
		t.Fatal(err)
	}
	before := dumpTables(t, db)
	evaluation, _ := db.Evaluation(ctx, ev1)
	score, _ := db.EntityScore(ctx, f.e1)
	ranking, err := db.Ranking(ctx, store.RankingQuery{})
	if err != nil || len(ranking) != 2 {
		t.Fatalf("ranking: %v %+v", err, ranking)
	}

	d, err := db.DeleteEvaluationUndoable(ctx, ev1, officer)
	if err != nil {
		t.Fatal(err)
	}
	if s, _ := db.EntityScore(ctx, f.e1); reflect.DeepEqual(s, score) {
		t.Fatal("the entity's score did not change with the delete")
	}
	if err := db.Restore(ctx, d, officer); err != nil {
		t.Fatal(err)
	}
	sameTables(t, "evaluation restored", before, dumpTables(t, db))
	if got, _ := db.Evaluation(ctx, ev1); !reflect.DeepEqual(got, evaluation) {
		t.Errorf("restored evaluation differs:\nwant %+v\ngot  %+v", evaluation, got)
	}
	if s, _ := db.EntityScore(ctx, f.e1); !reflect.DeepEqual(s, score) {
		t.Errorf("score after restore %+v, want %+v", s, score)
	}
	if r, _ := db.Ranking(ctx, store.RankingQuery{}); !reflect.DeepEqual(r, ranking) {
		t.Errorf("ranking after restore %+v, want %+v", r, ranking)
	}
	if got := lastDetail(t, db, f.e1); got != fmt.Sprintf("Evaluation %d by Dr A Tester restored.", ev1) {
		t.Errorf("entity's history ends with %q", got)
	}

	// Deleted again, then its entity goes: refused.
	d, err = db.DeleteEvaluationUndoable(ctx, ev1, officer)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteEntity(ctx, f.e1, "", officer); err != nil {
		t.Fatal(err)
	}
	before, n := dumpTables(t, db), auditCount(t, db)
	err = db.Restore(ctx, d, officer)
	want := fmt.Sprintf("Evaluation %d by Dr A Tester can no longer be restored: its entity, Alpha Fictional Cell Ltd, has been deleted since. Nothing was changed.", ev1)
	if !apperr.Is(err, apperr.Conflict) || err.Error() != want {
		t.Fatalf("restore after the entity went: %v", err)
	}
	sameTables(t, "after a refused restore", before, dumpTables(t, db))
	if auditCount(t, db) != n {
		t.Error("a refused restore wrote history")
	}
}

// TestDeletedPrintsNoContent: what a delete took away never reaches a log
// through fmt.
func TestDeletedPrintsNoContent(t *testing.T) {
	ctx := context.Background()
	f := newUndoFixture(t)
	d, err := f.db.DeletePartnerUndoable(ctx, f.p1, officer)
	if err != nil {
		t.Fatal(err)
	}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
		s := fmt.Sprintf(verb, d)
		if strings.Contains(s, "board seat") || strings.Contains(s, "Fictional University A") || strings.Contains(s, "626f617264") {
			t.Errorf("%s prints content: %s", verb, s)
		}
	}
	if err := f.db.Restore(ctx, store.Deleted{}, officer); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("restore of nothing: %v", err)
	}
}

// TestRestoreSurvivesReopen: a restore is journaled like any change.
func TestRestoreSurvivesReopen(t *testing.T) {
	ctx := context.Background()
	f := newUndoFixture(t)
	before := dumpTables(t, f.db, "meeting_actions.id")
	d, err := f.db.DeleteMeetingUndoable(ctx, f.m1, officer)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.db.Restore(ctx, d, officer); err != nil {
		t.Fatal(err)
	}
	db := storetest.Reopen(t, f.db)
	sameTables(t, "reopened after a restore", before, dumpTables(t, db, "meeting_actions.id"))
}
