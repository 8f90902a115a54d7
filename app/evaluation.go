package app

import (
	"context"
	"math"
	"time"

	"atpreg/internal/register"
	"atpreg/internal/service"
)

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
	// Today is the register clock's date, YYYY-MM-DD.
	Today string `json:"today"`
}

// Setup returns the aspects with their anchors and current weights, the
// recommendations and defaults for a new evaluation.
func (e *EvaluationService) Setup() (EvaluationSetup, error) {
	reg, err := e.s.openRegister()
	if err != nil {
		return EvaluationSetup{}, Fail(err)
	}
	setup, err := reg.EvaluationSetup(context.Background())
	if err != nil {
		return EvaluationSetup{}, Fail(err)
	}
	out := EvaluationSetup{MinScore: register.MinScore, MaxScore: register.MaxScore, Disagreement: register.DisagreementSpread,
		Evaluator: setup.Evaluator, Today: setup.Today, Aspects: []AspectView{}, Recommendations: []register.Choice{}}
	for _, a := range register.Aspects() {
		out.Aspects = append(out.Aspects, AspectView{Code: string(a), Label: a.LabelIn(lang()), Anchors: a.Anchors(), Weight: setup.Weights[a]})
	}
	for _, r := range register.Recommendations() {
		out.Recommendations = append(out.Recommendations, register.Choice{Code: string(r), Label: r.LabelIn(lang())})
	}
	return out, nil
}

// WeightedTotal returns the weighted total (1..5, rounded to 2 decimals as
// shown and ranked) of the given aspect scores with the weights from
// settings; aspects not yet scored are left out (their weight counts for the
// others in proportion). The scoring form shows it while the officer scores:
// the total is computed here, never typed.
func (e *EvaluationService) WeightedTotal(scores map[string]int) (float64, error) {
	reg, err := e.s.openRegister()
	if err != nil {
		return 0, Fail(err)
	}
	in := make(map[register.Aspect]int, len(scores))
	for k, v := range scores {
		in[register.Aspect(k)] = v
	}
	total, err := reg.WeightedTotal(context.Background(), in)
	return total, Fail(err)
}

// SaveWeights stores the weights of the seven aspects (percent by aspect
// code, totalling 100) and returns the settings as now stored. The change is
// recorded in the audit trail with the old and new weights; every weighted
// total and the ranking follow at once. Problems come back per field
// ("weights.<aspect>", "weights").
func (e *EvaluationService) SaveWeights(weights map[string]float64) (settingsView, error) {
	reg, err := e.s.openRegister()
	if err != nil {
		return settingsView{}, Fail(err)
	}
	w := register.Weights{}
	for k, v := range weights {
		w[register.Aspect(k)] = v
	}
	got, err := reg.SaveWeights(context.Background(), w)
	if err != nil {
		return settingsView{}, Fail(err)
	}
	return e.s.weightsSaved(got), nil
}

// Score is one aspect's score with the evaluator's note.
type Score struct {
	Score int    `json:"score"`
	Note  string `json:"note"`
}

// Evaluation is one evaluator's evaluation as the window edits it: scores
// by aspect code, the recommendation's code.
type Evaluation struct {
	ID             int64            `json:"id"`
	EntityID       int64            `json:"entityId"`
	Evaluator      string           `json:"evaluator"`
	Date           string           `json:"date"` // YYYY-MM-DD
	Scores         map[string]Score `json:"scores"`
	Recommendation string           `json:"recommendation"`
	Reason         string           `json:"reason"`
}

func evaluationWire(ev register.Evaluation) Evaluation {
	out := Evaluation{ID: ev.ID, EntityID: ev.EntityID, Evaluator: ev.Evaluator, Date: ev.Date, Scores: map[string]Score{},
		Recommendation: string(ev.Recommendation), Reason: ev.Reason}
	for a, s := range ev.Scores {
		out.Scores[string(a)] = Score{Score: s.Value, Note: s.Note}
	}
	return out
}

func (ev Evaluation) domain() register.Evaluation {
	out := register.Evaluation{ID: ev.ID, EntityID: ev.EntityID, Evaluator: ev.Evaluator, Date: ev.Date,
		Scores: map[register.Aspect]register.Score{}, Recommendation: register.Recommendation(ev.Recommendation), Reason: ev.Reason}
	for a, s := range ev.Scores {
		out.Scores[register.Aspect(a)] = register.Score{Value: s.Score, Note: s.Note}
	}
	return out
}

// EvaluationView is one evaluator's evaluation with its weighted total.
type EvaluationView struct {
	Evaluation Evaluation `json:"evaluation"`
	Total      float64    `json:"total"` // weighted, 2 decimals
}

// EntityScore summarises an entity's evaluations: per-aspect means and
// spreads (by aspect code), the aspects evaluators disagree on, the
// weighted total of the means and how often each recommendation was given.
type EntityScore struct {
	Evaluations     int                `json:"evaluations"` // 0: not evaluated
	Evaluators      []string           `json:"evaluators"`
	Means           map[string]float64 `json:"means"`
	Spread          map[string]int     `json:"spread"`
	Disagreements   []string           `json:"disagreements"`
	Total           float64            `json:"total"`
	Recommendations map[string]int     `json:"recommendations"`
	Latest          string             `json:"latest"`
}

func entityScoreWire(s register.EntityScore) EntityScore {
	out := EntityScore{Evaluations: s.Evaluations, Evaluators: nonNil(s.Evaluators), Means: map[string]float64{}, Spread: map[string]int{},
		Disagreements: []string{}, Total: s.Total, Recommendations: map[string]int{}, Latest: s.Latest}
	for a, m := range s.Means {
		out.Means[string(a)] = m
	}
	for a, n := range s.Spread {
		out.Spread[string(a)] = n
	}
	for _, a := range s.Disagreements {
		out.Disagreements = append(out.Disagreements, string(a))
	}
	for r, n := range s.Recommendations {
		out.Recommendations[string(r)] = n
	}
	return out
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// Conflict is a conflict of interest between a university partner and an
// entity: the entity is left out of that partner's briefing packs and
// meeting materials.
type Conflict struct {
	PartnerID   int64  `json:"partnerId"`
	PartnerName string `json:"partnerName"`
	EntityID    int64  `json:"entityId"`
	EntityName  string `json:"entityName"`
	Reason      string `json:"reason"`
	CreatedAt   string `json:"createdAt"` // RFC 3339
	CreatedBy   string `json:"createdBy"`
}

func conflictsWire(cs []register.Conflict) []Conflict {
	out := make([]Conflict, 0, len(cs))
	for _, c := range cs {
		out = append(out, Conflict{PartnerID: c.PartnerID, PartnerName: c.PartnerName, EntityID: c.EntityID, EntityName: c.EntityName,
			Reason: c.Reason, CreatedAt: rfc3339(c.CreatedAt), CreatedBy: c.CreatedBy})
	}
	return out
}

// EntityEvaluations is an entity's evaluations, their summary (means,
// disagreements, weighted total of the means), its place in the ranking and
// its conflicts of interest.
type EntityEvaluations struct {
	EntityID    int64            `json:"entityId"`
	Name        string           `json:"name"`
	Status      string           `json:"status"`
	StatusLabel string           `json:"statusLabel"`
	Evaluations []EvaluationView `json:"evaluations"`
	Summary     EntityScore      `json:"summary"`
	// Total is the summary's weighted total rounded to 2 decimals (what is
	// shown and ranked); 0 when not evaluated.
	Total float64 `json:"total"`
	// Rank is the entity's rank among all evaluated entities (0: none), of
	// RankedCount.
	Rank        int        `json:"rank"`
	RankedCount int        `json:"rankedCount"`
	Conflicts   []Conflict `json:"conflicts"`
	// EvaluatorConflicts are the evaluators of the panel conflicted with
	// this entity (it is left off their sheets).
	EvaluatorConflicts []EvaluatorConflictRef `json:"evaluatorConflicts"`
	// Agreement is how far this entity's evaluators disagree, among the
	// entities with two or more.
	Agreement EntityAgreement `json:"agreement"`
}

// EvaluatorConflictRef is an evaluator's conflict of interest with the
// entity on the page.
type EvaluatorConflictRef struct {
	EvaluatorID   int64  `json:"evaluatorId"`
	EvaluatorName string `json:"evaluatorName"`
	Reason        string `json:"reason"`
}

// EntityAgreement is how far an entity's evaluators disagree: the observed
// ordinal disagreement over the panel's expected one (0 when they agree,
// about 1 when as much as chance; null with fewer than two evaluators),
// its place among the entities compared (1: evaluators disagree most; 0:
// not compared), the aspects disagreed on (most first), and the panel's
// alpha overall.
type EntityAgreement struct {
	Disagreement *float64 `json:"disagreement" ts_type:"number | null"`
	Rank         int      `json:"rank"`
	Compared     int      `json:"compared"`
	Aspects      []string `json:"aspects"`
	Overall      *float64 `json:"overall" ts_type:"number | null"`
}

// AgreementView is the panel's agreement (Krippendorff's alpha, ordinal,
// docs/evaluation-agreement.md), 3 decimals: per aspect by code and
// overall (null where not defined: fewer than two evaluators on any
// entity, or no variation), with the entities where evaluators disagree
// most first.
type AgreementView struct {
	Alpha    map[string]*float64 `json:"alpha" ts_type:"Record<string, number | null>"`
	Overall  *float64            `json:"overall" ts_type:"number | null"`
	Entities []DisagreementRow   `json:"entities"`
}

// DisagreementRow is one entity's disagreement (see EntityAgreement).
type DisagreementRow struct {
	EntityID     int64    `json:"entityId"`
	Name         string   `json:"name"`
	Evaluators   int      `json:"evaluators"`
	Disagreement float64  `json:"disagreement"`
	Aspects      []string `json:"aspects"`
}

// round3 rounds an alpha to 3 decimals, as Krippendorff reports it.
func round3(v *float64) *float64 {
	if v == nil {
		return nil
	}
	x := math.Round(*v*1000) / 1000
	return &x
}

func aspectCodes(as []register.Aspect) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = string(a)
	}
	return out
}

// agreementView is ag for the window, with the entities' names.
func agreementView(ctx context.Context, reg *service.Register, ag register.Agreement) (AgreementView, error) {
	out := AgreementView{Alpha: map[string]*float64{}, Overall: round3(ag.Overall), Entities: []DisagreementRow{}}
	for a, v := range ag.Aspects {
		out.Alpha[string(a)] = round3(v)
	}
	ids := make([]int64, len(ag.Entities))
	for i, e := range ag.Entities {
		ids[i] = e.EntityID
	}
	names, err := reg.EntityNames(ctx, ids)
	if err != nil {
		return AgreementView{}, err
	}
	for _, e := range ag.Entities {
		out.Entities = append(out.Entities, DisagreementRow{EntityID: e.EntityID, Name: names[e.EntityID], Evaluators: e.Evaluators,
			Disagreement: e.Disagreement, Aspects: aspectCodes(e.Aspects)})
	}
	return out, nil
}

// Entity returns the evaluations of entity id and their summary.
func (e *EvaluationService) Entity(id int64) (EntityEvaluations, error) {
	reg, err := e.s.openRegister()
	if err != nil {
		return EntityEvaluations{}, Fail(err)
	}
	d, err := reg.EvaluationDossier(context.Background(), id)
	if err != nil {
		return EntityEvaluations{}, Fail(err)
	}
	ag, err := reg.Agreement(context.Background())
	if err != nil {
		return EntityEvaluations{}, Fail(err)
	}
	out := EntityEvaluations{EntityID: id, Name: d.Entity.Name, Status: string(d.Entity.Status), StatusLabel: d.Entity.Status.LabelIn(lang()),
		Evaluations: []EvaluationView{}, Summary: entityScoreWire(d.Summary), Total: d.Total, Rank: d.Rank, RankedCount: d.Ranked,
		Conflicts: conflictsWire(d.Conflicts), Agreement: EntityAgreement{Compared: len(ag.Entities), Aspects: []string{}, Overall: round3(ag.Overall)}}
	ecs, err := reg.EvaluatorConflicts(context.Background())
	if err != nil {
		return EntityEvaluations{}, Fail(err)
	}
	out.EvaluatorConflicts = []EvaluatorConflictRef{}
	for _, c := range ecs {
		if c.EntityID == id {
			out.EvaluatorConflicts = append(out.EvaluatorConflicts, EvaluatorConflictRef{EvaluatorID: c.EvaluatorID, EvaluatorName: c.EvaluatorName, Reason: c.Reason})
		}
	}
	for i, e := range ag.Entities {
		if e.EntityID == id {
			v := e.Disagreement
			out.Agreement.Disagreement, out.Agreement.Rank, out.Agreement.Aspects = &v, i+1, aspectCodes(e.Aspects)
		}
	}
	for _, ev := range d.Evaluations {
		out.Evaluations = append(out.Evaluations, EvaluationView{Evaluation: evaluationWire(ev.Evaluation), Total: ev.Total})
	}
	return out, nil
}

// Save stores one evaluator's evaluation: a new one when ev.id is 0, else
// a change to that evaluation. The evaluator defaults to the officer. It
// returns the evaluation's id. Problems come back per field ("evaluator",
// "date", "scores.<aspect>", "recommendation", "reason").
func (e *EvaluationService) Save(ev Evaluation) (int64, error) {
	reg, err := e.s.openRegister()
	if err != nil {
		return 0, Fail(err)
	}
	id, err := reg.SaveEvaluation(context.Background(), ev.domain())
	return id, Fail(err)
}

// Delete removes evaluation id (kept in the entity's history), and
// returns the token that Undelete takes to put it back (for a while, until
// the register locks).
func (e *EvaluationService) Delete(id int64) (string, error) {
	reg, err := e.s.openRegister()
	if err != nil {
		return "", Fail(err)
	}
	token, err := reg.DeleteEvaluationUndoable(context.Background(), id)
	return token, Fail(err)
}

// Undelete puts back the evaluation whose delete gave token. Errors:
// notfound (too late: "That can no longer be undone."), conflict (its
// entity has been deleted since; nothing is changed).
func (e *EvaluationService) Undelete(token string) error {
	return undelete(e.s, token)
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
	// Recommendation is the consensus recommendation (the most frequent;
	// ties: the more cautious, see register.EntityScore.Consensus);
	// Recommendations counts each.
	Recommendation  string         `json:"recommendation"`
	Recommendations map[string]int `json:"recommendations"`
	Latest          string         `json:"latest"`
}

// RankingView is the ranking of evaluated entities and the weights used.
type RankingView struct {
	Rows    []RankRow          `json:"rows"`
	Weights map[string]float64 `json:"weights"`
	// Agreement is the panel's agreement over every evaluation (not only
	// the rows the filters select).
	Agreement AgreementView `json:"agreement"`
}

// RankingQuery filters the ranking: statuses (codes, any of; none: all) and
// an ATP type (code) at least one product has ("": any).
type RankingQuery struct {
	Statuses []string `json:"statuses"`
	ATPType  string   `json:"atpType"`
}

// Ranking ranks the evaluated entities q selects (statuses, ATP type) by
// weighted total, best first; equal totals share a rank and are marked tied.
func (e *EvaluationService) Ranking(q RankingQuery) (RankingView, error) {
	reg, err := e.s.openRegister()
	if err != nil {
		return RankingView{Rows: []RankRow{}}, Fail(err)
	}
	ranking, err := reg.Ranking(context.Background(), service.RankingQuery{Statuses: q.Statuses, ATPType: q.ATPType})
	if err != nil {
		return RankingView{Rows: []RankRow{}}, Fail(err)
	}
	ag, err := agreementView(context.Background(), reg, ranking.Agreement)
	if err != nil {
		return RankingView{Rows: []RankRow{}}, Fail(err)
	}
	out := RankingView{Rows: make([]RankRow, 0, len(ranking.Rows)), Weights: map[string]float64{}, Agreement: ag}
	for a, w := range ranking.Weights {
		out.Weights[string(a)] = w
	}
	for _, r := range ranking.Rows {
		row := RankRow{Rank: r.Rank, Tied: r.Tied, EntityID: r.EntityID, Name: r.Name, Status: string(r.Status),
			StatusLabel: r.Status.LabelIn(lang()), ATPTypes: nonNil(r.ATPTypes), Total: r.Rounded(),
			Means: map[string]float64{}, Disagreements: []string{}, Evaluations: r.Evaluations, Evaluators: nonNil(r.Evaluators),
			Recommendation: string(r.Consensus()), Recommendations: map[string]int{}, Latest: r.Latest}
		for a, m := range r.Means {
			row.Means[string(a)] = register.Round2(m)
		}
		for _, a := range r.Disagreements {
			row.Disagreements = append(row.Disagreements, string(a))
		}
		for rec, n := range r.Recommendations {
			if n > 0 {
				row.Recommendations[string(rec)] = n
			}
		}
		out.Rows = append(out.Rows, row)
	}
	return out, nil
}

// rfc3339 formats t for the window ("" for the zero time).
func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}
