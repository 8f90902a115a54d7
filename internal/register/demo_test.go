package register_test

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"

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
