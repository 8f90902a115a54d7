package service_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
	"atpreg/internal/service"
	"atpreg/internal/service/servicetest"
)

// demoAt returns the demo register with the register clock reading at.
func demoAt(t *testing.T, at time.Time) *service.Register {
	t.Helper()
	r, _ := demoClock(t, at)
	return r
}

// demoClock returns the demo register made with the register clock reading
// made, and the clock, to move on.
func demoClock(t *testing.T, made time.Time) (*service.Register, *time.Time) {
	t.Helper()
	clock := made
	opt := servicetest.Options()
	opt.Now = func() time.Time { return clock }
	r, err := service.CreateDemo(context.Background(), filepath.Join(t.TempDir(), "register.atpreg"), servicetest.Passphrase, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := r.Close(); err != nil {
			t.Error(err)
		}
	})
	return r, &clock
}

var hkt = time.FixedZone("HKT", 8*3600)

// TestOverdueByRegisterClock: the overdue rule (not done, due before the
// register clock's date) gives the same answer in the overdue list, the
// planner's counts and the meeting's actions. The demo made on
// register.DemoDay (2026-06-20, its dates as written) has one done action
// in its first meeting and open ones due 2026-06-15 and 2026-06-30; the
// clock then moves on.
func TestOverdueByRegisterClock(t *testing.T) {
	tests := []struct {
		name    string
		at      time.Time
		overdue []string
	}{
		{"BeforeAnyDue", time.Date(2026, 6, 10, 9, 0, 0, 0, hkt), nil},
		{"DueToday", time.Date(2026, 6, 15, 23, 0, 0, 0, hkt), nil},
		{"OneOverdue", time.Date(2026, 6, 16, 9, 0, 0, 0, hkt), []string{"2026-06-15"}},
		{"BothOverdue", time.Date(2026, 7, 1, 9, 0, 0, 0, hkt), []string{"2026-06-15", "2026-06-30"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			r, clock := demoClock(t, register.DemoDay.Add(9*time.Hour))
			*clock = tc.at
			over, err := r.OverdueActions(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var dues []string
			for _, a := range over {
				dues = append(dues, a.Due)
			}
			if len(dues) != len(tc.overdue) || (len(dues) > 0 && (dues[0] != tc.overdue[0] || dues[len(dues)-1] != tc.overdue[len(tc.overdue)-1])) {
				t.Fatalf("overdue %v, want %v (most overdue first)", dues, tc.overdue)
			}
			ms, err := r.Meetings(ctx)
			if err != nil {
				t.Fatal(err)
			}
			total, open := 0, 0
			for _, m := range ms {
				total += m.Overdue
				open += m.OpenActions
				d, err := r.Meeting(ctx, m.Meeting.ID)
				if err != nil {
					t.Fatal(err)
				}
				n := 0
				for _, a := range d.Actions {
					if a.Overdue {
						n++
					}
				}
				if n != m.Overdue {
					t.Errorf("meeting %d: %d actions marked overdue, the planner counts %d", m.Meeting.ID, n, m.Overdue)
				}
			}
			if total != len(tc.overdue) || open != 2 {
				t.Errorf("planner counts %d overdue, %d open; want %d, 2", total, open, len(tc.overdue))
			}
		})
	}
}

// TestMeetingsOrder: upcoming meetings first (soonest first), then past
// ones (latest first).
func TestMeetingsOrder(t *testing.T) {
	ctx := context.Background()
	r := demoAt(t, time.Date(2026, 4, 1, 9, 0, 0, 0, hkt))
	ms, err := r.Meetings(ctx)
	if err != nil || len(ms) != 2 {
		t.Fatalf("meetings: %v %d", err, len(ms))
	}
	if ms[0].Past || !ms[1].Past || !ms[0].Meeting.StartsAt.After(ms[1].Meeting.StartsAt) {
		t.Fatalf("order: %v %v / %v %v", ms[0].Meeting.StartsAt, ms[0].Past, ms[1].Meeting.StartsAt, ms[1].Past)
	}
}

// TestMeetingCandidates: entities are offered invited first, then in
// dialogue, evaluation, engaged, then the rest; at most 20.
func TestMeetingCandidates(t *testing.T) {
	r := servicetest.NewDemo(t)
	opts, err := r.MeetingCandidates(context.Background(), "")
	if err != nil || len(opts) == 0 || len(opts) > 20 {
		t.Fatalf("candidates: %v %d", err, len(opts))
	}
	for i := 1; i < len(opts); i++ {
		if register.MeetingCandidateOrder(opts[i-1].Status) > register.MeetingCandidateOrder(opts[i].Status) {
			t.Fatalf("%s (%s) offered before %s (%s)", opts[i-1].Name, opts[i-1].Status, opts[i].Name, opts[i].Status)
		}
	}
	if opts[0].Status != register.StatusInvited {
		t.Errorf("first candidate is %s, want an invited entity", opts[0].Status)
	}
}

// TestAddEntityDialogueMove: the proposed move is the one AddEntityToMeeting
// makes when confirmed; without a move to make, a confirmed add is refused
// and changes nothing.
func TestAddEntityDialogueMove(t *testing.T) {
	ctx := context.Background()
	r := servicetest.NewDemo(t)
	ms, err := r.Meetings(ctx)
	if err != nil || len(ms) == 0 {
		t.Fatal(err)
	}
	meeting := ms[0].Meeting
	opts, err := r.MeetingCandidates(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	var movable, stuck int64
	for _, o := range opts {
		if contains(meeting.EntityIDs, o.ID) {
			continue
		}
		if register.DialogueMove(o.Status) != "" && movable == 0 {
			movable = o.ID
		}
		if o.Status == register.StatusInDialogue && stuck == 0 {
			stuck = o.ID
		}
	}
	if movable == 0 {
		t.Skip("the demo offers no entity that moves on")
	}
	from, to, err := r.ProposedDialogueMove(ctx, movable)
	if err != nil || to == "" || to != register.DialogueMove(from) {
		t.Fatalf("proposed move %s -> %s: %v", from, to, err)
	}
	got, _, err := r.AddEntityToMeeting(ctx, meeting.ID, movable, true)
	if err != nil || got != to {
		t.Fatalf("add with move: %q %v, want %q", got, err, to)
	}
	if stuck != 0 {
		if _, _, err := r.AddEntityToMeeting(ctx, meeting.ID, stuck, true); !apperr.Is(err, apperr.Conflict) {
			t.Fatalf("confirmed add without a move: %v, want a conflict", err)
		}
		d, _ := r.Meeting(ctx, meeting.ID)
		for _, e := range d.Entities {
			if e.Entity.ID == stuck {
				t.Fatal("a refused add left the entity on the meeting")
			}
		}
	}
}

func contains(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// TestRecusalWarnings: adding an entity to a meeting a conflicted partner
// attends warns at once, naming the partner and the conflict; so does
// planning the partner into a meeting with the entity; a partner without a
// conflict gives no warning.
func TestRecusalWarnings(t *testing.T) {
	r := servicetest.NewDemo(t)
	ctx := context.Background()
	partners, err := r.Partners(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var conflicted, clear register.Partner
	var c register.Conflict
	for _, p := range partners {
		if len(p.Conflicts) > 0 && conflicted.ID == 0 {
			conflicted, c = p.Partner, p.Conflicts[0]
		} else if len(p.Conflicts) == 0 && clear.ID == 0 {
			clear = p.Partner
		}
	}
	if conflicted.ID == 0 || clear.ID == 0 {
		t.Fatalf("the demo needs a conflicted and a clear partner: %+v", partners)
	}
	id, err := r.SaveMeeting(ctx, register.MeetingRecord{Meeting: register.Meeting{Title: "Fictional recusal check",
		StartsAt: time.Date(2026, 5, 4, 10, 0, 0, 0, hkt), PartnerIDs: []int64{clear.ID, conflicted.ID}}, DurationMinutes: 60})
	if err != nil {
		t.Fatal(err)
	}
	_, warn, err := r.AddEntityToMeeting(ctx, id, c.EntityID, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(warn) != 1 || warn[0].PartnerID != conflicted.ID || warn[0].EntityID != c.EntityID || warn[0].Reason != c.Reason || warn[0].PartnerName != conflicted.Name {
		t.Fatalf("adding the entity warned %+v, want the conflict %+v", warn, c)
	}
	got, err := r.Recusals(ctx, []int64{clear.ID}, []int64{c.EntityID})
	if err != nil || len(got) != 0 {
		t.Fatalf("a partner without a conflict: %+v, %v", got, err)
	}
	got, err = r.Recusals(ctx, []int64{clear.ID, conflicted.ID}, []int64{c.EntityID})
	if err != nil || len(got) != 1 || got[0].EntityName == "" {
		t.Fatalf("adding the partner warned %+v, %v", got, err)
	}
	d, err := r.Meeting(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Entities) != 1 || len(d.Entities[0].Excluded) != 1 {
		t.Fatalf("the meeting does not mark the recusal: %+v", d.Entities)
	}
}

// TestMeetingCandidatesNameFirst: a name that starts with what was typed
// comes before an invited entity that only holds it in its address.
func TestMeetingCandidatesNameFirst(t *testing.T) {
	ctx := context.Background()
	r := servicetest.New(t)
	harbour, err := r.CreateEntity(ctx, register.Entity{Name: "Harbourline Biologics Ltd", Address: "1 Fictional Road, Tai Po, New Territories", ReceivedOn: "2026-03-02"})
	if err != nil {
		t.Fatal(err)
	}
	for _, to := range []register.Status{register.StatusScreening, register.StatusEvaluation, register.StatusInvited} {
		if err := r.MoveEntity(ctx, harbour, to, "fictional"); err != nil {
			t.Fatal(err)
		}
	}
	vector, err := r.CreateEntity(ctx, register.Entity{Name: "Tai Po Vector Ltd", ReceivedOn: "2026-03-02"})
	if err != nil {
		t.Fatal(err)
	}
	opts, err := r.MeetingCandidates(ctx, "Tai Po")
	if err != nil {
		t.Fatal(err)
	}
	if len(opts) != 2 || opts[0].ID != vector || opts[1].ID != harbour {
		t.Fatalf("candidates for %q: %+v, want Tai Po Vector then Harbourline", "Tai Po", opts)
	}
}

// TestDemoMovesWithTheClock: whenever the demo is made, it reads as of that
// day: one follow-up overdue by days (not months), the next meeting within
// three weeks, nothing received, changed or evaluated after today.
func TestDemoMovesWithTheClock(t *testing.T) {
	for _, now := range []time.Time{servicetest.Now, time.Date(2031, 1, 15, 10, 0, 0, 0, hkt)} {
		t.Run(now.Format(time.DateOnly), func(t *testing.T) {
			ctx := context.Background()
			r := demoAt(t, now)
			today := now.Format(time.DateOnly)
			over, err := r.OverdueActions(ctx)
			if err != nil || len(over) != 1 {
				t.Fatalf("overdue follow-ups %+v (%v), want 1", over, err)
			}
			due, _ := time.ParseInLocation(time.DateOnly, over[0].Due, hkt)
			if late := now.Sub(due); late < 5*24*time.Hour || late > 12*24*time.Hour {
				t.Errorf("the follow-up due %s is %v overdue on %s, want 5 to 11 days", over[0].Due, late, today)
			}
			ms, err := r.Meetings(ctx)
			if err != nil || len(ms) != 2 {
				t.Fatalf("meetings: %v %d", err, len(ms))
			}
			if next := ms[0]; next.Past || next.Meeting.StartsAt.Sub(now) > 21*24*time.Hour {
				t.Errorf("next meeting at %v (past %v) on %s, want within three weeks", next.Meeting.StartsAt, next.Past, today)
			}
			if !ms[1].Past || ms[1].Meeting.StartsAt.Before(now.AddDate(0, -2, 0)) {
				t.Errorf("the past meeting at %v on %s, want within two months before", ms[1].Meeting.StartsAt, today)
			}
			rows, err := r.AllEntities(ctx, service.ListQuery{})
			if err != nil || len(rows) == 0 {
				t.Fatalf("entities: %v %d", err, len(rows))
			}
			for _, e := range rows {
				if e.ReceivedOn > today || e.ReceivedOn < now.AddDate(-1, 0, 0).Format(time.DateOnly) {
					t.Errorf("%s received %s on %s, want within the last year", e.Name, e.ReceivedOn, today)
				}
				hist, err := r.History(ctx, e.ID)
				if err != nil {
					t.Fatal(err)
				}
				for _, h := range hist {
					at, err := time.Parse(time.RFC3339Nano, h.At)
					if err != nil || at.After(now) {
						t.Errorf("%s: history at %s (%v) after %v", e.Name, h.At, err, now)
					}
				}
			}
		})
	}
}
