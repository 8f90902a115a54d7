package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"

	rg "atpreg/internal/register"
	"atpreg/internal/service"
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

// evaluationSections are the parts of `show` the evaluation area adds. Each
// loads what it prints from the register it is given through the service:
// nothing is kept between calls (one process may show entities of several
// registers).
func evaluationSections() []showSection {
	return []showSection{
		// "score": the weighted total (2 decimals, as ranked) or null when
		// not evaluated.
		{key: "score", load: func(ctx context.Context, r *service.Register, id int64) (any, error) {
			s, err := r.EntityScore(ctx, id)
			if err != nil || !s.Scored() {
				return json.RawMessage("null"), err
			}
			return s.Rounded(), nil
		}},
		// "evaluations": each evaluator's scores and weighted total.
		{key: "evaluations", load: func(ctx context.Context, r *service.Register, id int64) (any, error) {
			d, err := r.EvaluationDossier(ctx, id)
			if err != nil {
				return nil, err
			}
			return evaluationItems(d), nil
		}},
		// "evaluation": their summary with the entity's rank.
		{key: "evaluation", load: func(ctx context.Context, r *service.Register, id int64) (any, error) {
			d, err := r.EvaluationDossier(ctx, id)
			if err != nil {
				return nil, err
			}
			return newEvaluationShow(d), nil
		}, text: showEvaluationText},
		// "agreement": the panel's Krippendorff's alpha (ordinal) per aspect
		// and overall (null where not defined), and this entity's
		// disagreement with its place among the entities with two or more
		// evaluators (1 = evaluators disagree most; 0 and null when it has
		// fewer than two).
		{key: "agreement", load: func(ctx context.Context, r *service.Register, id int64) (any, error) {
			ag, err := r.Agreement(ctx)
			if err != nil {
				return nil, err
			}
			out := agreementItem{Alpha: map[string]*float64{}, Overall: roundAlpha(ag.Overall), Aspects: []string{}}
			for a, v := range ag.Aspects {
				out.Alpha[string(a)] = roundAlpha(v)
			}
			for i, e := range ag.Entities {
				if e.EntityID == id {
					d := e.Disagreement
					out.Disagreement, out.DisagreementRank = &d, i+1
					for _, a := range e.Aspects {
						out.Aspects = append(out.Aspects, string(a))
					}
				}
			}
			out.Compared = len(ag.Entities)
			return out, nil
		}},
	}
}

// agreementItem is the "agreement" section of `show --json`.
type agreementItem struct {
	Alpha            map[string]*float64 `json:"alpha"`
	Overall          *float64            `json:"overall"`
	Disagreement     *float64            `json:"disagreement"`
	DisagreementRank int                 `json:"disagreement_rank"`
	Compared         int                 `json:"compared"`
	Aspects          []string            `json:"disagreed_aspects"`
}

// roundAlpha rounds an alpha to 3 decimals (as Krippendorff reports it).
func roundAlpha(v *float64) *float64 {
	if v == nil {
		return nil
	}
	x := math.Round(*v*1000) / 1000
	return &x
}

// MarshalJSON encodes the summary, or null when the entity is not evaluated.
func (v *evaluationShow) MarshalJSON() ([]byte, error) {
	if v.summary == nil {
		return []byte("null"), nil
	}
	return json.Marshal(v.summary)
}

// evaluationItems returns the dossier's evaluations as `show` prints them
// (an empty list when there are none).
func evaluationItems(d service.EvaluationDossier) []evaluationItem {
	items := []evaluationItem{}
	for _, ev := range d.Evaluations {
		it := evaluationItem{ID: ev.ID, Evaluator: ev.Evaluator, Date: ev.Date, Scores: map[string]scoreVal{},
			Recommendation: string(ev.Recommendation), Reason: ev.Reason, Total: ev.Total}
		for a, s := range ev.Scores {
			it.Scores[string(a)] = scoreVal{Score: s.Value, Note: s.Note}
		}
		items = append(items, it)
	}
	return items
}

// newEvaluationShow is the "evaluation" section of the dossier d.
func newEvaluationShow(d service.EvaluationDossier) *evaluationShow {
	out := &evaluationShow{items: evaluationItems(d)}
	if !d.Summary.Scored() {
		return out
	}
	sum := d.Summary
	s := &evaluationSummary{Evaluators: sum.Evaluators, Means: map[string]float64{}, Disagreements: []string{}, Score: d.Total,
		Rank: d.Rank, Ranked: d.Ranked}
	for a, m := range sum.Means {
		s.Means[string(a)] = rg.Round2(m)
	}
	for _, a := range sum.Disagreements {
		s.Disagreements = append(s.Disagreements, string(a))
	}
	out.summary = s
	return out
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
