package app

import (
	"context"
	"strings"
	"time"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
	"atpreg/internal/store"
)

func init() { addService(func(s *Session) any { return &EvaluationService{s: s} }) }

// EvaluationService is the evaluation area's bound service: scoring entities
// on the RFI's seven aspects, the weighted totals (weights from settings) and
// the ranking.
type EvaluationService struct{ s *Session }

// AspectView is one of the seven aspects with what each score means and its
// weight in percent.
type AspectView struct {
	Code    string   `json:"code"`
	Label   string   `json:"label"`
	Anchors []string `json:"anchors"` // for scores 1..5
	Weight  float64  `json:"weight"`
}

// EvaluationSetup is what the scoring form needs: the aspects in RFI order
// with anchors and weights, the recommendations, the scale, and defaults.
type EvaluationSetup struct {
	Aspects         []AspectView      `json:"aspects"`
	Recommendations []register.Choice `json:"recommendations"`
	MinScore        int               `json:"minScore"`
	MaxScore        int               `json:"maxScore"`
	// Disagreement is the spread across evaluators from which an aspect is
	// flagged.
	Disagreement int `json:"disagreement"`
	// Evaluator is the officer's name from settings (the default evaluator).
	Evaluator string `json:"evaluator"`
	// Today is the session clock's date, YYYY-MM-DD.
	Today string `json:"today"`
}

// Setup returns the aspects with their anchors and current weights, the
// recommendations and defaults for a new evaluation.
func (e *EvaluationService) Setup() (EvaluationSetup, error) {
	db, err := e.s.openDB()
	if err != nil {
		return EvaluationSetup{}, Fail(err)
	}
	settings, err := db.GetSettings(context.Background())
	if err != nil {
		return EvaluationSetup{}, Fail(err)
	}
	out := EvaluationSetup{MinScore: register.MinScore, MaxScore: register.MaxScore, Disagreement: register.DisagreementSpread,
		Evaluator: settings.OfficerName, Today: e.s.now().Format(time.DateOnly)}
	for _, a := range register.Aspects() {
		out.Aspects = append(out.Aspects, AspectView{Code: string(a), Label: a.Label(), Anchors: a.Anchors(), Weight: settings.Weights[a]})
	}
	for _, r := range register.Recommendations() {
		out.Recommendations = append(out.Recommendations, register.Choice{Code: string(r), Label: r.Label()})
	}
	return out, nil
}

// WeightedTotal returns the weighted total (1..5, rounded to 2 decimals as
// shown and ranked) of the given aspect scores with the weights from
// settings; aspects not yet scored are left out (their weight counts for the
// others in proportion). The scoring form shows it while the officer scores:
// the total is computed here, never typed.
func (e *EvaluationService) WeightedTotal(scores map[string]int) (float64, error) {
	db, err := e.s.openDB()
	if err != nil {
		return 0, Fail(err)
	}
	settings, err := db.GetSettings(context.Background())
	if err != nil {
		return 0, Fail(err)
	}
	vals := map[register.Aspect]float64{}
	for k, v := range scores {
		if a := register.Aspect(k); a.Valid() && v >= register.MinScore && v <= register.MaxScore {
			vals[a] = float64(v)
		}
	}
	return register.Round2(register.WeightedTotal(vals, settings.Weights)), nil
}

// SaveWeights stores the weights of the seven aspects (percent by aspect
// code, totalling 100) and returns the settings as now stored. The change is
// recorded in the audit trail with the old and new weights; every weighted
// total and the ranking follow at once. Problems come back per field
// ("weights.<aspect>", "weights").
func (e *EvaluationService) SaveWeights(weights map[string]float64) (store.Settings, error) {
	db, err := e.s.openDB()
	if err != nil {
		return store.Settings{}, Fail(err)
	}
	w := register.Weights{}
	for k, v := range weights {
		w[register.Aspect(k)] = v
	}
	ctx := context.Background()
	if err := db.SaveWeights(ctx, w, e.s.officer()); err != nil {
		return store.Settings{}, Fail(err)
	}
	got, err := db.GetSettings(ctx)
	if err != nil {
		return store.Settings{}, Fail(err)
	}
	e.s.mu.Lock()
	e.s.settings = got
	e.s.mu.Unlock()
	return got, nil
}

// EvaluationView is one evaluator's evaluation with its weighted total.
type EvaluationView struct {
	Evaluation register.Evaluation `json:"evaluation"`
	Total      float64             `json:"total"` // weighted, 2 decimals
}

// EntityEvaluations is an entity's evaluations, their summary (means,
// disagreements, weighted total of the means), its place in the ranking and
// its conflicts of interest.
type EntityEvaluations struct {
	EntityID    int64                `json:"entityId"`
	Name        string               `json:"name"`
	Status      string               `json:"status"`
	StatusLabel string               `json:"statusLabel"`
	Evaluations []EvaluationView     `json:"evaluations"`
	Summary     register.EntityScore `json:"summary"`
	// Total is the summary's weighted total rounded to 2 decimals (what is
	// shown and ranked); 0 when not evaluated.
	Total float64 `json:"total"`
	// Rank is the entity's rank among all evaluated entities (0: none), of
	// RankedCount.
	Rank        int              `json:"rank"`
	RankedCount int              `json:"rankedCount"`
	Conflicts   []store.Conflict `json:"conflicts"`
}

// Entity returns the evaluations of entity id and their summary.
func (e *EvaluationService) Entity(id int64) (EntityEvaluations, error) {
	db, err := e.s.openDB()
	if err != nil {
		return EntityEvaluations{}, Fail(err)
	}
	ctx := context.Background()
	ent, err := db.GetEntity(ctx, id)
	if err != nil {
		return EntityEvaluations{}, Fail(err)
	}
	settings, err := db.GetSettings(ctx)
	if err != nil {
		return EntityEvaluations{}, Fail(err)
	}
	evs, err := db.EntityEvaluations(ctx, id)
	if err != nil {
		return EntityEvaluations{}, Fail(err)
	}
	out := EntityEvaluations{EntityID: id, Name: ent.Name, Status: string(ent.Status), StatusLabel: ent.Status.Label(),
		Evaluations: []EvaluationView{}}
	for _, ev := range evs {
		out.Evaluations = append(out.Evaluations, EvaluationView{Evaluation: ev, Total: register.Round2(ev.Total(settings.Weights))})
	}
	out.Summary = register.Summarise(evs, settings.Weights)
	out.Summary.EntityID = id
	out.Total = out.Summary.Rounded()
	ranking, err := db.Ranking(ctx, store.RankingQuery{})
	if err != nil {
		return EntityEvaluations{}, Fail(err)
	}
	out.RankedCount = len(ranking)
	for _, r := range ranking {
		if r.EntityID == id {
			out.Rank = r.Rank
		}
	}
	if out.Conflicts, err = db.EntityConflicts(ctx, id); err != nil {
		return EntityEvaluations{}, Fail(err)
	}
	return out, nil
}

// Save stores one evaluator's evaluation: a new one when ev.id is 0, else
// a change to that evaluation. The evaluator defaults to the officer. It
// returns the evaluation's id. Problems come back per field ("evaluator",
// "date", "scores.<aspect>", "recommendation", "reason").
func (e *EvaluationService) Save(ev register.Evaluation) (int64, error) {
	db, err := e.s.openDB()
	if err != nil {
		return 0, Fail(err)
	}
	if strings.TrimSpace(ev.Evaluator) == "" {
		if settings, err := db.GetSettings(context.Background()); err == nil {
			ev.Evaluator = settings.OfficerName
		}
	}
	if ev.Scores == nil {
		ev.Scores = map[register.Aspect]register.Score{}
	}
	if ev.ID == 0 {
		id, err := db.CreateEvaluation(context.Background(), ev, e.s.officer())
		return id, Fail(err)
	}
	return ev.ID, Fail(db.UpdateEvaluation(context.Background(), ev, e.s.officer()))
}

// Delete removes evaluation id (kept in the entity's history).
func (e *EvaluationService) Delete(id int64) error {
	db, err := e.s.openDB()
	if err != nil {
		return Fail(err)
	}
	return Fail(db.DeleteEvaluation(context.Background(), id, e.s.officer()))
}

// RankRow is one line of the ranking table.
type RankRow struct {
	Rank        int      `json:"rank"`
	Tied        bool     `json:"tied"` // shares its rank with another entity
	EntityID    int64    `json:"entityId"`
	Name        string   `json:"name"`
	Status      string   `json:"status"`
	StatusLabel string   `json:"statusLabel"`
	ATPTypes    []string `json:"atpTypes"`
	// Total is the weighted total of the aspect means, 2 decimals.
	Total float64 `json:"total"`
	// Means are the per-aspect means across evaluators, by aspect code.
	Means         map[string]float64 `json:"means"`
	Disagreements []string           `json:"disagreements"`
	Evaluations   int                `json:"evaluations"`
	Evaluators    []string           `json:"evaluators"`
	// Recommendation is the most frequent recommendation (ties: the more
	// cautious first: more_info, hold, decline, invite); Recommendations
	// counts each.
	Recommendation  string         `json:"recommendation"`
	Recommendations map[string]int `json:"recommendations"`
	Latest          string         `json:"latest"`
}

// RankingView is the ranking of evaluated entities and the weights used.
type RankingView struct {
	Rows    []RankRow          `json:"rows"`
	Weights map[string]float64 `json:"weights"`
}

// Ranking ranks the evaluated entities q selects (statuses, ATP type) by
// weighted total, best first; equal totals share a rank and are marked tied.
func (e *EvaluationService) Ranking(q store.RankingQuery) (RankingView, error) {
	db, err := e.s.openDB()
	if err != nil {
		return RankingView{Rows: []RankRow{}}, Fail(err)
	}
	ctx := context.Background()
	settings, err := db.GetSettings(ctx)
	if err != nil {
		return RankingView{Rows: []RankRow{}}, Fail(err)
	}
	ranked, err := db.Ranking(ctx, q)
	if err != nil {
		return RankingView{Rows: []RankRow{}}, Fail(err)
	}
	out := RankingView{Rows: make([]RankRow, 0, len(ranked)), Weights: map[string]float64{}}
	for a, w := range settings.Weights {
		out.Weights[string(a)] = w
	}
	count := map[int]int{}
	for _, r := range ranked {
		count[r.Rank]++
	}
	for _, r := range ranked {
		row := RankRow{Rank: r.Rank, Tied: count[r.Rank] > 1, EntityID: r.EntityID, Name: r.Name, Status: r.Status,
			StatusLabel: register.Status(r.Status).Label(), ATPTypes: r.ATPTypes, Total: r.Rounded(),
			Means: map[string]float64{}, Disagreements: []string{}, Evaluations: r.Evaluations, Evaluators: r.Evaluators,
			Recommendations: map[string]int{}, Latest: r.Latest}
		for a, m := range r.Means {
			row.Means[string(a)] = register.Round2(m)
		}
		for _, a := range r.Disagreements {
			row.Disagreements = append(row.Disagreements, string(a))
		}
		best := 0
		for _, rec := range []register.Recommendation{register.RecommendMoreInfo, register.RecommendHold, register.RecommendDecline, register.RecommendInvite} {
			n := r.Recommendations[rec]
			if n > 0 {
				row.Recommendations[string(rec)] = n
			}
			if n > best {
				best, row.Recommendation = n, string(rec)
			}
		}
		out.Rows = append(out.Rows, row)
	}
	return out, nil
}

// invalidField is an apperr.Invalid naming one field.
func invalidField(field, msg string) error {
	return &apperr.Error{Code: apperr.Invalid, Message: msg, Fields: []apperr.FieldError{{Field: field, Message: msg}}}
}
