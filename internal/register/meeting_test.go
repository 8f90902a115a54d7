package register_test

import (
	"testing"

	"atpreg/internal/register"
)

func TestDialogueMove(t *testing.T) {
	tests := []struct{ from, want register.Status }{
		{register.StatusEvaluation, register.StatusInvited},
		{register.StatusOnHold, register.StatusInvited},
		{register.StatusInvited, register.StatusInDialogue},
		{register.StatusInDialogue, ""},
		{register.StatusReceived, ""},
		{register.StatusDeclined, ""},
	}
	for _, tc := range tests {
		got := register.DialogueMove(tc.from)
		if got != tc.want {
			t.Errorf("DialogueMove(%s) = %q, want %q", tc.from, got, tc.want)
		}
		if got != "" && !register.CanMove(tc.from, got) {
			t.Errorf("DialogueMove(%s) = %s is not an allowed move", tc.from, got)
		}
	}
}

// TestActionOverdue holds the overdue rule: not done, a due date, and that
// date before today (due today is not overdue yet).
func TestActionOverdue(t *testing.T) {
	const today = "2026-03-02"
	tests := []struct {
		a    register.Action
		want bool
	}{
		{register.Action{Due: "2026-03-01"}, true},
		{register.Action{Due: "2026-03-01", Done: true}, false},
		{register.Action{Due: "2026-03-02"}, false},
		{register.Action{Due: "2026-03-03"}, false},
		{register.Action{}, false},
	}
	for _, tc := range tests {
		if got := tc.a.Overdue(today); got != tc.want {
			t.Errorf("%+v.Overdue(%s) = %v, want %v", tc.a, today, got, tc.want)
		}
		if got := (register.OpenAction{Due: tc.a.Due}).Overdue(today); !tc.a.Done && got != tc.want {
			t.Errorf("OpenAction due %q: Overdue = %v, want %v", tc.a.Due, got, tc.want)
		}
	}
}

// TestConsensus: the most frequent recommendation; ties go to the more
// cautious (more information, hold, decline, invite); none gives "".
func TestConsensus(t *testing.T) {
	tests := []struct {
		counts map[register.Recommendation]int
		want   register.Recommendation
	}{
		{nil, ""},
		{map[register.Recommendation]int{register.RecommendInvite: 2, register.RecommendDecline: 1}, register.RecommendInvite},
		{map[register.Recommendation]int{register.RecommendInvite: 1, register.RecommendDecline: 1}, register.RecommendDecline},
		{map[register.Recommendation]int{register.RecommendInvite: 1, register.RecommendHold: 1, register.RecommendMoreInfo: 1}, register.RecommendMoreInfo},
		{map[register.Recommendation]int{register.RecommendHold: 1, register.RecommendInvite: 1}, register.RecommendHold},
	}
	for _, tc := range tests {
		if got := (register.EntityScore{Recommendations: tc.counts}).Consensus(); got != tc.want {
			t.Errorf("Consensus(%v) = %q, want %q", tc.counts, got, tc.want)
		}
	}
}

// TestRankTied: equal rounded totals share a rank and both are marked tied;
// the next rank skips.
func TestRankTied(t *testing.T) {
	s := func(id int64, total float64) register.EntityScore {
		return register.EntityScore{EntityID: id, Evaluations: 1, Total: total}
	}
	got := register.Rank([]register.EntityScore{s(1, 3.001), s(2, 4), s(3, 2.999), s(4, 1)})
	want := []struct {
		id   int64
		rank int
		tied bool
	}{{2, 1, false}, {1, 2, true}, {3, 2, true}, {4, 4, false}}
	for i, w := range want {
		if got[i].EntityID != w.id || got[i].Rank != w.rank || got[i].Tied != w.tied {
			t.Errorf("row %d = entity %d rank %d tied %v, want entity %d rank %d tied %v", i, got[i].EntityID, got[i].Rank, got[i].Tied, w.id, w.rank, w.tied)
		}
	}
}

func TestMeetingCandidateOrder(t *testing.T) {
	order := []register.Status{register.StatusInvited, register.StatusInDialogue, register.StatusEvaluation, register.StatusEngaged, register.StatusReceived}
	for i := 1; i < len(order); i++ {
		if register.MeetingCandidateOrder(order[i-1]) >= register.MeetingCandidateOrder(order[i]) {
			t.Errorf("%s should come before %s", order[i-1], order[i])
		}
	}
}

func TestNameMatch(t *testing.T) {
	for _, tt := range []struct {
		name, typed string
		want        int
	}{
		{"Tai Po Vector Ltd", "Tai Po", 0},
		{"Tai Po Vector Ltd", "  tai   po ", 0},
		{"Tai Po Vector Ltd", "po vec", 1},
		{"Harbourline Biologics (Tai Po) Ltd", "Tai Po", 1},
		{"Harbourline Biologics", "bourline", 2},
		{"Harbourline Biologics", "Tai Po", 3},
		{"港灣生物科技", "港灣", 0},
		{"Anything", "", 3},
	} {
		if got := register.NameMatch(tt.name, tt.typed); got != tt.want {
			t.Errorf("NameMatch(%q, %q) = %d, want %d", tt.name, tt.typed, got, tt.want)
		}
	}
}
