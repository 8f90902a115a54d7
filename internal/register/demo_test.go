package register_test

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
)

// demoWithIDs returns the demo entities with ids 1..n, as a store would set them.
func demoWithIDs(seed int64) []register.Entity {
	es := register.DemoEntities(seed)
	for i := range es {
		es[i].ID = int64(i + 1)
	}
	return es
}

func TestDemoEntitiesValid(t *testing.T) {
	for _, seed := range []int64{1, 2, 42, -7} {
		es := register.DemoEntities(seed)
		if len(es) < 35 || len(es) > 45 {
			t.Fatalf("seed %d: %d entities, want about 40", seed, len(es))
		}
		statuses := map[register.Status]int{}
		incomplete, products := 0, 0
		names := map[string]bool{}
		for _, e := range es {
			if err := e.Validate(); err != nil {
				t.Fatalf("seed %d: %q invalid: %v %v", seed, e.Name, err, apperr.FieldsOf(err))
			}
			if names[e.Name] {
				t.Errorf("seed %d: name %q twice", seed, e.Name)
			}
			names[e.Name] = true
			statuses[e.Status]++
			if !e.Complete() {
				incomplete++
			}
			if n := len(e.Submissions); n < 1 || n > 3 {
				t.Errorf("%q has %d submissions", e.Name, n)
			}
			products += len(e.Submissions)
			for _, s := range e.Submissions {
				if err := s.Validate(); err != nil {
					t.Errorf("submission %q invalid: %v", s.ProductName, err)
				}
			}
			if !strings.Contains(e.ContactEmail, ".example.") {
				t.Errorf("email %q is not on an example domain", e.ContactEmail)
			}
			if e.ReceivedOn == "" || e.CreatedAt.IsZero() || e.UpdatedAt.Before(e.CreatedAt) {
				t.Errorf("%q: dates %q %v %v", e.Name, e.ReceivedOn, e.CreatedAt, e.UpdatedAt)
			}
		}
		for _, s := range register.Statuses() {
			if statuses[s] == 0 {
				t.Errorf("seed %d: no entity is %s", seed, s)
			}
		}
		if incomplete < 5 || incomplete > len(es)-10 {
			t.Errorf("seed %d: %d incomplete entities; want some but not most", seed, incomplete)
		}
		if products <= len(es) {
			t.Errorf("seed %d: %d products for %d entities; want some with several", seed, products, len(es))
		}
	}
}

func TestDemoEntitiesVaried(t *testing.T) {
	es := register.DemoEntities(1)
	b, err := json.Marshal(es)
	if err != nil {
		t.Fatal(err)
	}
	all := string(b)
	for _, want := range []string{"香港科學園", "嘅", "咗", "啲", "喺", "CAR-T", "MSC", "AAV", "iPSC", "cartilage", "skin"} {
		if !strings.Contains(all, want) {
			t.Errorf("demo data lacks %q", want)
		}
	}
	emoji := false
	for _, r := range all {
		emoji = emoji || r > 0xFFFF
	}
	if !emoji {
		t.Error("demo data has no emoji")
	}
	seen := map[string]bool{}
	for _, e := range es {
		for _, s := range e.Submissions {
			seen[string(s.ATPType)] = true
			seen[string(s.GeneVector)] = true
			seen[string(s.IntendedUse)] = true
			seen[string(s.ProcessType)] = true
			for _, m := range s.StartingMaterials {
				seen[string(m)] = true
			}
			for _, r := range s.Routes {
				seen["route:"+string(r)] = true
			}
		}
	}
	for _, want := range []string{"cell_therapy", "gene_therapy", "tissue_engineered", "viral", "non_viral", "phase_1", "phase_2",
		"open_manual", "closed_system", "cord_blood", "peripheral_blood", "bone_marrow", "cord_tissue", "adipose_tissue", "other",
		"route:intravenous", "route:intradermal", "route:subcutaneous", "route:other"} {
		if !seen[want] {
			t.Errorf("no demo submission uses %q", want)
		}
	}
}

func TestDemoDeterministic(t *testing.T) {
	a, _ := json.Marshal(register.DemoEntities(7))
	b, _ := json.Marshal(register.DemoEntities(7))
	c, _ := json.Marshal(register.DemoEntities(8))
	if string(a) != string(b) {
		t.Error("same seed gave different entities")
	}
	if string(a) == string(c) {
		t.Error("different seeds gave the same entities")
	}
	es := demoWithIDs(7)
	e1, _ := json.Marshal(register.DemoEvaluations(7, es))
	e2, _ := json.Marshal(register.DemoEvaluations(7, demoWithIDs(7)))
	if string(e1) != string(e2) {
		t.Error("same seed gave different evaluations")
	}
	if !reflect.DeepEqual(register.DemoHistory(es), register.DemoHistory(demoWithIDs(7))) {
		t.Error("same entities gave different history")
	}
}

func TestDemoEvaluations(t *testing.T) {
	for _, seed := range []int64{1, 2, 42} {
		es := demoWithIDs(seed)
		evals := register.DemoEvaluations(seed, es)
		byID := map[int64][]register.Evaluation{}
		for _, ev := range evals {
			if err := ev.Validate(); err != nil {
				t.Fatalf("seed %d: evaluation invalid: %v %v", seed, err, apperr.FieldsOf(err))
			}
			byID[ev.EntityID] = append(byID[ev.EntityID], ev)
		}
		pairs, disagreements := 0, 0
		for _, e := range es {
			want := e.Status == register.StatusEvaluation || e.Status == register.StatusInvited ||
				e.Status == register.StatusInDialogue || e.Status == register.StatusEngaged
			if got := len(byID[e.ID]) > 0; got != want {
				t.Errorf("seed %d: %q (%s) evaluated = %v", seed, e.Name, e.Status, got)
			}
			if len(byID[e.ID]) == 2 {
				pairs++
			}
			s := register.Summarise(byID[e.ID], register.DefaultWeights())
			if len(s.Disagreements) > 0 {
				disagreements++
				if !reflect.DeepEqual(s.Disagreements, []register.Aspect{register.AspectInvestment}) {
					t.Errorf("seed %d: disagreements %v", seed, s.Disagreements)
				}
			}
		}
		if pairs < 2 || disagreements != 1 {
			t.Errorf("seed %d: %d entities with two evaluators, %d with a disagreement; want several and exactly 1", seed, pairs, disagreements)
		}
		var scores []register.EntityScore
		for id, evs := range byID {
			_ = id
			scores = append(scores, register.Summarise(evs, register.DefaultWeights()))
		}
		if r := register.Rank(scores); len(r) != len(byID) || r[0].Rank != 1 {
			t.Errorf("seed %d: ranking %v", seed, r)
		}
	}
}

func TestDemoHistory(t *testing.T) {
	es := demoWithIDs(3)
	h := register.DemoHistory(es)
	last := map[int64]register.StatusChange{}
	for _, c := range h {
		if err := c.Validate(); err != nil {
			t.Fatalf("change %s -> %s invalid: %v %v", c.From, c.To, err, apperr.FieldsOf(err))
		}
		if prev, ok := last[c.EntityID]; ok {
			if c.From != prev.To || !c.At.After(prev.At) {
				t.Errorf("entity %d: change %s->%s does not follow %s->%s", c.EntityID, c.From, c.To, prev.From, prev.To)
			}
		} else if c.From != "" || c.To != register.StatusReceived {
			t.Errorf("entity %d: history starts with %q -> %q", c.EntityID, c.From, c.To)
		}
		last[c.EntityID] = c
	}
	for _, e := range es {
		if last[e.ID].To != e.Status {
			t.Errorf("entity %d: history ends at %q, status is %q", e.ID, last[e.ID].To, e.Status)
		}
	}
}

func TestDemoPartnersAndMeetings(t *testing.T) {
	ps := register.DemoPartners()
	if len(ps) != 2 {
		t.Fatalf("%d partners", len(ps))
	}
	for i := range ps {
		if err := ps[i].Validate(); err != nil {
			t.Fatalf("partner %q: %v %v", ps[i].Name, err, apperr.FieldsOf(err))
		}
		if ps[i].Facility == "" || len(ps[i].Contacts) == 0 {
			t.Errorf("partner %q lacks facility or contacts", ps[i].Name)
		}
		ps[i].ID = int64(i + 1)
	}
	es := demoWithIDs(1)
	ms := register.DemoMeetings(ps, es)
	if len(ms) < 2 {
		t.Fatalf("%d meetings", len(ms))
	}
	status := map[int64]register.Status{}
	for _, e := range es {
		status[e.ID] = e.Status
	}
	for _, m := range ms {
		if err := m.Validate(); err != nil {
			t.Fatalf("meeting %q: %v %v", m.Title, err, apperr.FieldsOf(err))
		}
		if len(m.EntityIDs) == 0 || len(m.PartnerIDs) != 2 {
			t.Errorf("meeting %q: entities %v partners %v", m.Title, m.EntityIDs, m.PartnerIDs)
		}
		for _, id := range m.EntityIDs {
			if s := status[id]; s != register.StatusInvited && s != register.StatusInDialogue && s != register.StatusEngaged {
				t.Errorf("meeting %q discusses entity %d in status %s", m.Title, id, s)
			}
		}
	}
	if len(ms[0].Actions) == 0 || ms[0].Minutes == "" {
		t.Error("the past meeting has no minutes or actions")
	}
}

// TestDemoMeetingRecordsAndConflict: the demo's records are valid, the first
// meeting has minutes only for entities on its list, and the demo conflict
// concerns an entity of that meeting and a partner present.
func TestDemoMeetingRecordsAndConflict(t *testing.T) {
	ps := register.DemoPartners()
	for i := range ps {
		ps[i].ID = int64(i + 1)
	}
	ms := register.DemoMeetingRecords(ps, demoWithIDs(1))
	for i := range ms {
		ms[i].Normalize()
		if err := ms[i].Validate(); err != nil {
			t.Fatalf("meeting %d: %v %v", i, err, apperr.FieldsOf(err))
		}
	}
	if len(ms[0].EntityMinutes) == 0 || len(ms[0].EntityMinutes) != len(ms[0].EntityIDs) {
		t.Errorf("first meeting: minutes for %d of %d entities", len(ms[0].EntityMinutes), len(ms[0].EntityIDs))
	}
	c, ok := register.DemoConflict(ps, ms)
	if !ok || c.PartnerID != ps[1].ID || c.EntityID != ms[0].EntityIDs[1] || c.Reason == "" || !slices.Contains(ms[0].PartnerIDs, c.PartnerID) {
		t.Fatalf("demo conflict %+v %v", c, ok)
	}
	if _, ok := register.DemoConflict(ps[:1], ms); ok {
		t.Error("a demo conflict with one partner")
	}
}

// TestDemoShift: whole weeks from DemoDay to now's day in Hong Kong, rounded
// down, so now falls 0 to 6 days after the moved DemoDay.
func TestDemoShift(t *testing.T) {
	hkt := time.FixedZone("HKT", 8*3600)
	day := register.DemoDay
	tests := []struct {
		name string
		now  time.Time
		want int
	}{
		{"OnDemoDay", day.Add(9 * time.Hour), 0},
		{"SixDaysLater", day.AddDate(0, 0, 6).Add(23 * time.Hour), 0},
		{"AWeekLater", day.AddDate(0, 0, 7), 7},
		{"ADayBefore", day.AddDate(0, 0, -1), -7},
		{"AWeekBefore", day.AddDate(0, 0, -7), -7},
		{"EightDaysBefore", day.AddDate(0, 0, -8), -14},
		// 20:00 UTC on the 26th is already the 27th in Hong Kong: a week on.
		{"HongKongsDay", time.Date(2026, 6, 26, 20, 0, 0, 0, time.UTC), 7},
		{"YearsLater", time.Date(2031, 1, 15, 10, 0, 0, 0, hkt), 1666},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := register.DemoShift(tc.now)
			if got != tc.want {
				t.Fatalf("DemoShift(%v) = %d, want %d", tc.now, got, tc.want)
			}
			moved := day.AddDate(0, 0, got)
			if lag := tc.now.In(hkt).Sub(moved); got%7 != 0 || lag < 0 || lag >= 7*24*time.Hour {
				t.Errorf("now is %v after the moved demo day, want 0 to 6 days", lag)
			}
		})
	}
}

// TestDemoReadsAsOfDemoDay: as written, the demo has no history, evaluation
// or entity after DemoDay, its first meeting is past with one follow-up
// overdue and one still to come, the next meeting ahead; and moving it by
// a number of days moves every date by exactly that.
func TestDemoReadsAsOfDemoDay(t *testing.T) {
	day := register.DemoDay
	end := day.AddDate(0, 0, 1)
	const seed = 2025 // the demo register's (store.DemoSeed)
	es := demoWithIDs(seed)
	for _, e := range es {
		if !e.UpdatedAt.Before(end) || e.ReceivedOn > day.Format(time.DateOnly) {
			t.Errorf("entity %d received %s, updated %v: after the demo day", e.ID, e.ReceivedOn, e.UpdatedAt)
		}
	}
	for _, c := range register.DemoHistory(es) {
		if !c.At.Before(end) {
			t.Errorf("entity %d: history at %v, after the demo day", c.EntityID, c.At)
		}
	}
	for _, ev := range register.DemoEvaluations(seed, es) {
		if !ev.CreatedAt.Before(end) || ev.Date > day.Format(time.DateOnly) {
			t.Errorf("evaluation of %d on %s: after the demo day", ev.EntityID, ev.Date)
		}
	}
	ps := register.DemoPartners()
	for i := range ps {
		ps[i].ID = int64(i + 1)
	}
	ms := register.DemoMeetingRecords(ps, es)
	today := day.Format(time.DateOnly)
	if !ms[0].StartsAt.Before(day) || !ms[1].StartsAt.After(end) {
		t.Fatalf("meetings at %v and %v: want one before the demo day, one after", ms[0].StartsAt, ms[1].StartsAt)
	}
	var overdue, ahead int
	for _, a := range ms[0].Actions {
		if a.Overdue(today) {
			overdue++
		} else if !a.Done {
			ahead++
		}
	}
	if overdue != 1 || ahead != 1 {
		t.Errorf("first meeting's follow-ups: %d overdue, %d ahead; want 1 and 1", overdue, ahead)
	}

	const days = 364
	moved := demoWithIDs(seed)
	register.ShiftDemoEntities(moved, days)
	for i, e := range moved {
		was := es[i]
		if !e.CreatedAt.Equal(was.CreatedAt.AddDate(0, 0, days)) || !e.UpdatedAt.Equal(was.UpdatedAt.AddDate(0, 0, days)) ||
			e.ReceivedOn != shifted(t, was.ReceivedOn, days) {
			t.Fatalf("entity %d moved from %s to %s", e.ID, was.ReceivedOn, e.ReceivedOn)
		}
		for j, s := range e.Submissions {
			a, b := was.Submissions[j].ExpectedStart, s.ExpectedStart
			if (a.HasDay() && string(b) != shifted(t, string(a), days)) || (!a.HasDay() && !a.IsZero() && !b.Time().Equal(a.Time().AddDate(1, 0, 0))) {
				t.Errorf("entity %d: expected start %s moved to %s", e.ID, was.Submissions[j].ExpectedStart, s.ExpectedStart)
			}
		}
	}
	mm := register.DemoMeetingRecords(ps, es)
	register.ShiftDemoMeetings(mm, days)
	for i, m := range mm {
		if !m.StartsAt.Equal(ms[i].StartsAt.AddDate(0, 0, days)) || m.StartsAt.Weekday() != ms[i].StartsAt.Weekday() {
			t.Errorf("meeting %d moved from %v to %v", i, ms[i].StartsAt, m.StartsAt)
		}
		for j, a := range m.Actions {
			if a.Due != shifted(t, ms[i].Actions[j].Due, days) {
				t.Errorf("meeting %d action %d: due %s moved to %s", i, j, ms[i].Actions[j].Due, a.Due)
			}
		}
	}
	pp := register.DemoPartners()
	register.ShiftDemoPartners(pp, days)
	if !pp[0].CreatedAt.Equal(ps[0].CreatedAt.AddDate(0, 0, days)) {
		t.Errorf("partner created %v moved to %v", ps[0].CreatedAt, pp[0].CreatedAt)
	}
}

func shifted(t *testing.T, date string, days int) string {
	t.Helper()
	d, err := time.Parse(time.DateOnly, date)
	if err != nil {
		t.Fatal(err)
	}
	return d.AddDate(0, 0, days).Format(time.DateOnly)
}
