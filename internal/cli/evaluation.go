package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
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

// evaluationShow is the "evaluation" section of `show`: in JSON the summary
// (null when not evaluated); as text the summary and each evaluation.
type evaluationShow struct {
	items   []evaluationItem
	summary *evaluationSummary
}

// Each section loads what it prints from the register it is given: nothing
// is kept between calls (one process may show entities of several registers).
func init() {
	// "score": the weighted total (2 decimals, as ranked) or null when not
	// evaluated.
	addShowSection("score", func(ctx context.Context, db *store.DB, id int64) (any, error) {
		s, err := db.EntityScore(ctx, id)
		if err != nil || !s.Scored() {
			return json.RawMessage("null"), err
		}
		return s.Rounded(), nil
	}, nil)
	// "evaluations": each evaluator's scores and weighted total.
	addShowSection("evaluations", func(ctx context.Context, db *store.DB, id int64) (any, error) {
		items, _, err := evaluationItems(ctx, db, id)
		return items, err
	}, nil)
	// "evaluation": their summary with the entity's rank.
	addShowSection("evaluation", func(ctx context.Context, db *store.DB, id int64) (any, error) {
		return loadEvaluationShow(ctx, db, id)
	}, showEvaluationText)
}

// MarshalJSON encodes the summary, or null when the entity is not evaluated.
func (v *evaluationShow) MarshalJSON() ([]byte, error) {
	if v.summary == nil {
		return []byte("null"), nil
	}
	return json.Marshal(v.summary)
}

// evaluationItems returns the evaluations of entity id as `show` prints them
// (an empty list when it has none) and the register's evaluations of it.
func evaluationItems(ctx context.Context, db *store.DB, id int64) ([]evaluationItem, []rg.Evaluation, error) {
	settings, err := db.GetSettings(ctx)
	if err != nil {
		return nil, nil, err
	}
	evs, err := db.EntityEvaluations(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	items := []evaluationItem{}
	for _, ev := range evs {
		it := evaluationItem{ID: ev.ID, Evaluator: ev.Evaluator, Date: ev.Date, Scores: map[string]scoreVal{},
			Recommendation: string(ev.Recommendation), Reason: ev.Reason, Total: rg.Round2(ev.Total(settings.Weights))}
		for a, s := range ev.Scores {
			it.Scores[string(a)] = scoreVal{Score: s.Value, Note: s.Note}
		}
		items = append(items, it)
	}
	return items, evs, nil
}

func loadEvaluationShow(ctx context.Context, db *store.DB, id int64) (*evaluationShow, error) {
	items, evs, err := evaluationItems(ctx, db, id)
	if err != nil {
		return nil, err
	}
	out := &evaluationShow{items: items}
	if len(evs) == 0 {
		return out, nil
	}
	sum, err := db.EntityScore(ctx, id)
	if err != nil {
		return nil, err
	}
	s := &evaluationSummary{Evaluators: sum.Evaluators, Means: map[string]float64{}, Disagreements: []string{}, Score: sum.Rounded()}
	for a, m := range sum.Means {
		s.Means[string(a)] = rg.Round2(m)
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
