package service

import (
	"context"
	"strings"
	"time"

	"atpreg/internal/register"
	"atpreg/internal/store"
)

// EvaluationSetup is what a new evaluation starts from: the aspects'
// weights, the default evaluator (the officer's name from settings, "" when
// not set) and today's date (YYYY-MM-DD, by the register's clock).
type EvaluationSetup struct {
	Weights   register.Weights
	Evaluator string
	Today     string
}

// EvaluationSetup returns the weights and defaults for a new evaluation.
func (r *Register) EvaluationSetup(ctx context.Context) (EvaluationSetup, error) {
	s, err := r.db.GetSettings(ctx)
	if err != nil {
		return EvaluationSetup{}, err
	}
	return EvaluationSetup{Weights: s.Weights, Evaluator: s.OfficerName, Today: r.today()}, nil
}

// today is the register clock's date, YYYY-MM-DD: the day the overdue rule
// and new evaluations go by.
func (r *Register) today() string { return r.Now().Format(time.DateOnly) }

// Weights returns the weights of the seven aspects from settings.
func (r *Register) Weights(ctx context.Context) (register.Weights, error) {
	s, err := r.db.GetSettings(ctx)
	if err != nil {
		return nil, err
	}
	return s.Weights, nil
}

// WeightedTotal returns the weighted total (rounded to 2 decimals, as shown
// and ranked) of the given aspect scores with the weights from settings.
// Aspects not scored, unknown or out of the scale are left out (their weight
// counts for the others in proportion).
func (r *Register) WeightedTotal(ctx context.Context, scores map[register.Aspect]int) (float64, error) {
	w, err := r.Weights(ctx)
	if err != nil {
		return 0, err
	}
	vals := map[register.Aspect]float64{}
	for a, v := range scores {
		if a.Valid() && v >= register.MinScore && v <= register.MaxScore {
			vals[a] = float64(v)
		}
	}
	return register.Round2(register.WeightedTotal(vals, w)), nil
}

// SaveWeights stores the weights of the seven aspects (percent, totalling
// 100), recorded in the audit trail with the old and new weights, and
// returns them as stored. Errors: apperr.Invalid naming "weights.<aspect>"
// or "weights".
func (r *Register) SaveWeights(ctx context.Context, w register.Weights) (register.Weights, error) {
	if err := r.db.SaveWeights(ctx, w, r.Officer(ctx)); err != nil {
		return nil, err
	}
	return r.Weights(ctx)
}

// SaveEvaluation stores one evaluator's evaluation: a new one when ev.ID is
// 0, else a change to that evaluation. A blank evaluator becomes the
// officer's name from settings. It returns the evaluation's id. Errors:
// apperr.Invalid ("evaluator", "date", "scores.<aspect>", "recommendation",
// "reason"), apperr.NotFound.
func (r *Register) SaveEvaluation(ctx context.Context, ev register.Evaluation) (int64, error) {
	if strings.TrimSpace(ev.Evaluator) == "" {
		if s, err := r.db.GetSettings(ctx); err == nil {
			ev.Evaluator = s.OfficerName
		}
	}
	if ev.Scores == nil {
		ev.Scores = map[register.Aspect]register.Score{}
	}
	if ev.ID == 0 {
		return r.db.CreateEvaluation(ctx, ev, r.Officer(ctx))
	}
	return ev.ID, r.db.UpdateEvaluation(ctx, ev, r.Officer(ctx))
}

// DeleteEvaluation removes evaluation id (kept in the entity's history).
func (r *Register) DeleteEvaluation(ctx context.Context, id int64) error {
	return r.db.DeleteEvaluation(ctx, id, r.Officer(ctx))
}

// ScoredEvaluation is one evaluator's evaluation with its weighted total
// (2 decimals).
type ScoredEvaluation struct {
	register.Evaluation
	Total float64
}

// EvaluationDossier is an entity's evaluations, their summary, its place in
// the ranking and its conflicts of interest.
type EvaluationDossier struct {
	Entity      register.Entity
	Evaluations []ScoredEvaluation
	// Summary summarises the evaluations (Scored() is false without any).
	Summary register.EntityScore
	// Total is the summary's weighted total rounded to 2 decimals (what is
	// shown and ranked); 0 when not evaluated.
	Total float64
	// Rank is the entity's rank among all evaluated entities (0: none), of
	// Ranked.
	Rank, Ranked int
	Conflicts    []register.Conflict
	Weights      register.Weights
}

// EvaluationDossier returns entity id's evaluations (oldest first) with
// their weighted totals, summary and rank. Errors: apperr.NotFound.
func (r *Register) EvaluationDossier(ctx context.Context, id int64) (EvaluationDossier, error) {
	ent, err := r.db.GetEntity(ctx, id)
	if err != nil {
		return EvaluationDossier{}, err
	}
	w, err := r.Weights(ctx)
	if err != nil {
		return EvaluationDossier{}, err
	}
	evs, err := r.db.EntityEvaluations(ctx, id)
	if err != nil {
		return EvaluationDossier{}, err
	}
	d := EvaluationDossier{Entity: ent, Evaluations: make([]ScoredEvaluation, 0, len(evs)), Weights: w}
	for _, ev := range evs {
		d.Evaluations = append(d.Evaluations, ScoredEvaluation{Evaluation: ev, Total: register.Round2(ev.Total(w))})
	}
	d.Summary = register.Summarise(evs, w)
	d.Summary.EntityID = id
	d.Total = d.Summary.Rounded()
	ranking, err := r.db.Ranking(ctx, store.RankingQuery{})
	if err != nil {
		return EvaluationDossier{}, err
	}
	d.Ranked, d.Rank = len(ranking), register.RankOf(ranking, id)
	if d.Conflicts, err = r.db.EntityConflicts(ctx, id); err != nil {
		return EvaluationDossier{}, err
	}
	return d, nil
}

// EntityScore summarises entity id's evaluations with the weights from
// settings; Scored() is false when it has none.
func (r *Register) EntityScore(ctx context.Context, id int64) (register.EntityScore, error) {
	return r.db.EntityScore(ctx, id)
}

// RankingQuery selects the entities to rank: statuses (any of; none: all)
// and an ATP type at least one of the entity's products has ("": any).
type RankingQuery struct {
	Statuses []string
	ATPType  string
}

// Ranking is the ranking of evaluated entities and the weights it used.
type Ranking struct {
	// Rows are best first; equal totals (2 decimals) share a rank and are
	// marked Tied (1, 2, 2, 4). Each row's Consensus() is its consensus
	// recommendation.
	Rows    []register.RankedEntity
	Weights register.Weights
	// Agreement is the panel's agreement (Krippendorff's alpha, ordinal,
	// per aspect and overall) with the entities where evaluators disagree
	// most first; over every evaluation, not only the rows selected.
	Agreement register.Agreement
}

// Ranking ranks the evaluated entities q selects by weighted total; ranks
// are computed within the selection.
func (r *Register) Ranking(ctx context.Context, q RankingQuery) (Ranking, error) {
	w, err := r.Weights(ctx)
	if err != nil {
		return Ranking{}, err
	}
	rows, err := r.db.Ranking(ctx, store.RankingQuery{Statuses: q.Statuses, ATPType: q.ATPType})
	if err != nil {
		return Ranking{}, err
	}
	ag, err := r.Agreement(ctx)
	if err != nil {
		return Ranking{}, err
	}
	return Ranking{Rows: rows, Weights: w, Agreement: ag}, nil
}

// Agreement returns the panel's agreement over every evaluation
// (register.PanelAgreement; docs/evaluation-agreement.md).
func (r *Register) Agreement(ctx context.Context) (register.Agreement, error) {
	evs, err := r.db.AllEvaluations(ctx)
	if err != nil {
		return register.Agreement{}, err
	}
	return register.PanelAgreement(evs), nil
}
