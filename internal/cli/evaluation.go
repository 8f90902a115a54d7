package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"

	rg "atpreg/internal/register"
	"atpreg/internal/store"
)

// evaluationItem is one evaluator's evaluation in `show --json`.
type evaluationItem struct {
	ID             int64               `json:"id"`
	Evaluator      string              `json:"evaluator"`
	Date           string              `json:"date"`
	Scores         map[string]scoreVal `json:"scores"`
	Recommendation string              `json:"recommendation"`
	Reason         string              `json:"reason"`
	Total          float64             `json:"total"` // weighted, 2 decimals
}

type scoreVal struct {
	Score int    `json:"score"`
	Note  string `json:"note"`
}

// evaluationSummary is the summary of an entity's evaluations in `show --json`.
type evaluationSummary struct {
	Evaluators    []string           `json:"evaluators"`
	Means         map[string]float64 `json:"means"`
	Disagreements []string           `json:"disagreements"`
	Score         float64            `json:"score"`
	Rank          int                `json:"rank"`
	Ranked        int                `json:"ranked"`
}

// evaluationShow is what the evaluation sections load once per entity.
type evaluationShow struct {
	items   []evaluationItem
	summary *evaluationSummary
}

func init() {
	cache := map[int64]*evaluationShow{}
	load := func(ctx context.Context, db *store.DB, id int64) (*evaluationShow, error) {
		if v, ok := cache[id]; ok {
			return v, nil
		}
		v, err := loadEvaluationShow(ctx, db, id)
		if err == nil {
			cache = map[int64]*evaluationShow{id: v}
		}
		return v, err
	}
	// "score": the weighted total (2 decimals) or null when not evaluated.
	addShowSection("score", func(ctx context.Context, db *store.DB, id int64) (any, error) {
		v, err := load(ctx, db, id)
		if err != nil {
			return nil, err
		}
		if v.summary == nil {
			return json.RawMessage("null"), nil
		}
		return v.summary.Score, nil
	}, nil)
	// "evaluations": each evaluator's scores; "evaluation": their summary.
	addShowSection("evaluations", func(ctx context.Context, db *store.DB, id int64) (any, error) {
		v, err := load(ctx, db, id)
		if err != nil {
			return nil, err
		}
		return v, nil
	}, showEvaluationText)
	addShowSection("evaluation", func(ctx context.Context, db *store.DB, id int64) (any, error) {
		v, err := load(ctx, db, id)
		if err != nil || v.summary == nil {
			return json.RawMessage("null"), err
		}
		return v.summary, nil
	}, nil)
}

// MarshalJSON encodes the evaluations as an array.
func (v *evaluationShow) MarshalJSON() ([]byte, error) { return json.Marshal(v.items) }

func round2(x float64) float64 { return math.Round(x*100) / 100 }

func loadEvaluationShow(ctx context.Context, db *store.DB, id int64) (*evaluationShow, error) {
	settings, err := db.GetSettings(ctx)
	if err != nil {
		return nil, err
	}
	evs, err := db.EntityEvaluations(ctx, id)
	if err != nil {
		return nil, err
	}
	out := &evaluationShow{items: []evaluationItem{}}
	for _, ev := range evs {
		it := evaluationItem{ID: ev.ID, Evaluator: ev.Evaluator, Date: ev.Date, Scores: map[string]scoreVal{},
			Recommendation: string(ev.Recommendation), Reason: ev.Reason, Total: round2(ev.Total(settings.Weights))}
		for a, s := range ev.Scores {
			it.Scores[string(a)] = scoreVal{Score: s.Value, Note: s.Note}
		}
		out.items = append(out.items, it)
	}
	if len(evs) == 0 {
		return out, nil
	}
	sum := rg.Summarise(evs, settings.Weights)
	s := &evaluationSummary{Evaluators: sum.Evaluators, Means: map[string]float64{}, Disagreements: []string{}, Score: sum.Rounded()}
	for a, m := range sum.Means {
		s.Means[string(a)] = round2(m)
	}
	for _, a := range sum.Disagreements {
		s.Disagreements = append(s.Disagreements, string(a))
	}
	ranking, err := db.Ranking(ctx, store.RankingQuery{})
	if err != nil {
		return nil, err
	}
	s.Ranked = len(ranking)
	for _, r := range ranking {
		if r.EntityID == id {
			s.Rank = r.Rank
		}
	}
	out.summary = s
	return out, nil
}

func showEvaluationText(w io.Writer, v any) {
	ev, ok := v.(*evaluationShow)
	if !ok {
		return
	}
	if ev.summary == nil {
		fmt.Fprintln(w, "Evaluation: not evaluated yet")
		return
	}
	s := ev.summary
	fmt.Fprintf(w, "Evaluation: score %.2f of 5 (rank %d of %d), by %s\n", s.Score, s.Rank, s.Ranked, strings.Join(s.Evaluators, ", "))
	for _, a := range rg.Aspects() {
		flag := ""
		for _, d := range s.Disagreements {
			if d == string(a) {
				flag = "  (evaluators disagree)"
			}
		}
		fmt.Fprintf(w, "  %-70s %.2f%s\n", a.Label(), s.Means[string(a)], flag)
	}
	for _, it := range ev.items {
		fmt.Fprintf(w, "  %s, %s: %.2f, %s: %s\n", it.Evaluator, it.Date, it.Total, rg.Recommendation(it.Recommendation).Label(), oneLine(it.Reason))
	}
}
