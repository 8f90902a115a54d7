package register

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"atpreg/internal/apperr"
)

// Aspect is one of the seven aspects on which the RFI says HKSTP evaluates an
// entity.
type Aspect string

// The seven aspects, in RFI order.
const (
	AspectReadiness   Aspect = "readiness"
	AspectTechnical   Aspect = "technical"
	AspectCredibility Aspect = "credibility"
	AspectPipeline    Aspect = "pipeline"
	AspectInvestment  Aspect = "investment"
	AspectJobs        Aspect = "jobs"
	AspectIntangibles Aspect = "intangibles"
)

// The score scale.
const (
	MinScore = 1
	MaxScore = 5
)

var aspectEnum = newEnum[Aspect](apperr.Fixed("evaluation aspect"), []Choice{
	{"readiness", "Readiness of product for clinical translation"},
	{"technical", "Technical capacity and competence"},
	{"credibility", "Professional credibility and track record"},
	{"pipeline", "Pipeline sustainability from the company"},
	{"investment", "Investment from the company"},
	{"jobs", "Job creation and training"},
	{"intangibles", "Any other intangibles that the company can bring to benefit Hong Kong"},
}, nil)

// anchors[aspect][score-1] says what each score means.
var anchors = map[Aspect][MaxScore]string{
	AspectReadiness: {
		"Early research; no preclinical package",
		"Proof of concept in vitro or in animals; process not yet defined",
		"Preclinical data complete; process defined at research scale",
		"IND/CTA-enabling studies done; process transferable to GMP",
		"Clinical-grade process ready; regulatory path agreed",
	},
	AspectTechnical: {
		"No in-house ATP manufacturing or QC expertise",
		"Research team only; relies fully on others for process and QC",
		"Some process development and analytics in house; gaps in QC",
		"Experienced process and QC team; minor gaps to GMP",
		"Proven team that has run GMP ATP processes and release testing",
	},
	AspectCredibility: {
		"No verifiable track record",
		"Young team; few publications or prior projects",
		"Relevant publications or patents; some industry experience",
		"Products taken to the clinic before; recognised partners",
		"Strong record of approvals, clinical results and reputable partners",
	},
	AspectPipeline: {
		"Single product with no follow-on",
		"One lead product; follow-ons only as ideas",
		"A lead product and one or two follow-ons in development",
		"Several products at different stages, needing capacity over years",
		"Broad pipeline assuring sustained use of capacity",
	},
	AspectInvestment: {
		"No funding identified",
		"Seed funding; the project is not yet financed",
		"Funded for the next stage; later stages uncertain",
		"Well funded; committed budget for process development and GMP runs",
		"Substantial committed investment in Hong Kong, incl. facilities or headcount",
	},
	AspectJobs: {
		"No jobs or training in Hong Kong",
		"A few jobs, mostly outside Hong Kong",
		"Some local jobs; limited training",
		"Several skilled local jobs and a training plan",
		"Many skilled jobs and structured GMP training for local talent",
	},
	AspectIntangibles: {
		"No further benefit to Hong Kong",
		"Minor benefit (visibility only)",
		"Some benefit: collaboration with local universities or hospitals",
		"Clear benefit: new know-how, networks or patients served in Hong Kong",
		"Major benefit: landmark first-in-Hong-Kong therapy or regional hub role",
	},
}

// Label returns the RFI's wording of the aspect.
func (a Aspect) Label() string { return aspectEnum.label(a) }

// Valid reports whether a is one of the seven aspects.
func (a Aspect) Valid() bool { return aspectEnum.valid(a) }

// UnmarshalText accepts a key or the RFI's wording (see ParseAspect).
func (a *Aspect) UnmarshalText(b []byte) error { return unmarshalEnum(aspectEnum, a, b) }

// Anchor returns what score (1..5) means for the aspect, or "" when either is
// out of range.
func (a Aspect) Anchor(score int) string {
	if score < MinScore || score > MaxScore {
		return ""
	}
	return anchors[a][score-1]
}

// Anchors returns the five anchor texts of the aspect, for scores 1..5.
func (a Aspect) Anchors() []string {
	an, ok := anchors[a]
	if !ok {
		return nil
	}
	return append([]string(nil), an[:]...)
}

// Aspects returns the seven aspects in RFI order.
func Aspects() []Aspect { return aspectEnum.all() }

// AspectChoices returns the seven aspects as choices (key, RFI wording).
func AspectChoices() []Choice { return aspectEnum.choices() }

// ParseAspect accepts an aspect's key or its RFI wording, in any case.
func ParseAspect(s string) (Aspect, error) { return aspectEnum.parse(s) }

// Recommendation is the evaluator's advice on an entity.
type Recommendation string

// Recommendations.
const (
	RecommendInvite   Recommendation = "invite"
	RecommendDecline  Recommendation = "decline"
	RecommendHold     Recommendation = "hold"
	RecommendMoreInfo Recommendation = "more_info"
)

var recommendationEnum = newEnum(apperr.Fixed("recommendation"), []Choice{
	{"invite", "Invite to dialogue"},
	{"decline", "Decline"},
	{"hold", "Hold"},
	{"more_info", "Need more information"},
}, map[string]Recommendation{"more information": RecommendMoreInfo, "on hold": RecommendHold})

// Label returns the recommendation for people, e.g. "Invite to dialogue".
func (r Recommendation) Label() string { return recommendationEnum.label(r) }

// Valid reports whether r is a known recommendation.
func (r Recommendation) Valid() bool { return recommendationEnum.valid(r) }

// UnmarshalText accepts a code or label (see ParseRecommendation).
func (r *Recommendation) UnmarshalText(b []byte) error {
	return unmarshalEnum(recommendationEnum, r, b)
}

// Recommendations returns every recommendation.
func Recommendations() []Recommendation { return recommendationEnum.all() }

// ParseRecommendation accepts a code or label in any case. Blank input gives
// "" and no error.
func ParseRecommendation(s string) (Recommendation, error) { return recommendationEnum.parse(s) }

// Score is one aspect's score (1..5) with the evaluator's note.
type Score struct {
	Value int    `json:"score"`
	Note  string `json:"note"`
}

// Evaluation is one evaluator's assessment of an entity on the seven aspects.
type Evaluation struct {
	ID             int64            `json:"id"`
	EntityID       int64            `json:"entity_id"`
	Evaluator      string           `json:"evaluator"`
	Date           string           `json:"date"` // "YYYY-MM-DD"
	Scores         map[Aspect]Score `json:"scores"`
	Recommendation Recommendation   `json:"recommendation"`
	Reason         string           `json:"reason"`
	CreatedAt      time.Time        `json:"created_at"`
	UpdatedAt      time.Time        `json:"updated_at"`
}

// Normalize trims the evaluation's texts and notes.
func (ev *Evaluation) Normalize() {
	ev.Evaluator = strings.TrimSpace(ev.Evaluator)
	ev.Date = strings.TrimSpace(ev.Date)
	ev.Reason = strings.TrimSpace(ev.Reason)
	for a, s := range ev.Scores {
		s.Note = strings.TrimSpace(s.Note)
		ev.Scores[a] = s
	}
}

// Validate checks ev: evaluator, date, a recommendation and its reason are
// required; all seven aspects are scored 1..5 and no other key is present;
// texts are bounded. All problems come at once as an *apperr.Error with code
// Invalid; a score's field is "scores.<aspect>".
func (ev Evaluation) Validate() error {
	v := &problems{}
	v.required("evaluator", ev.Evaluator, "Say who evaluated.")
	v.text("evaluator", ev.Evaluator, MaxNameLen, false)
	switch {
	case ev.Date == "":
		v.add("date", "The date of the evaluation is required.")
	case !ValidDate(ev.Date):
		v.add("date", "The date %q is not a date; write it as YYYY-MM-DD.", ev.Date)
	}
	for _, a := range Aspects() {
		field := "scores." + string(a)
		sc, ok := ev.Scores[a]
		switch {
		case !ok || sc.Value == 0:
			v.add(field, "Score %q from %d to %d.", a, MinScore, MaxScore)
		case sc.Value < MinScore || sc.Value > MaxScore:
			v.add(field, "The score %d for %q is outside the scale; use %d to %d.", sc.Value, a, MinScore, MaxScore)
		}
		v.text(field, sc.Note, MaxLongText, true)
	}
	var extra []string
	for a := range ev.Scores {
		if !a.Valid() {
			extra = append(extra, string(a))
		}
	}
	sort.Strings(extra)
	for _, a := range extra {
		v.add("scores", "%q is not one of the seven aspects; use: %s.", a, aspectEnum.codes())
	}
	switch {
	case ev.Recommendation == "":
		v.add("recommendation", "Choose a recommendation: %s.", strings.Join(labels(Recommendations()), ", "))
	case !ev.Recommendation.Valid():
		v.add("recommendation", "%q is not a recommendation; use one of: %s.", string(ev.Recommendation), recommendationEnum.codes())
	}
	v.required("reason", ev.Reason, "Give the reason for the recommendation.")
	v.text("reason", ev.Reason, MaxLongText, true)
	return v.err("The evaluation cannot be saved.")
}

func labels[T interface{ Label() string }](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.Label()
	}
	return out
}

// Values returns the evaluation's scores as numbers, for WeightedTotal.
func (ev Evaluation) Values() map[Aspect]float64 {
	out := make(map[Aspect]float64, len(ev.Scores))
	for a, s := range ev.Scores {
		if a.Valid() && s.Value >= MinScore && s.Value <= MaxScore {
			out[a] = float64(s.Value)
		}
	}
	return out
}

// Total returns the evaluation's weighted total on the 1..5 scale.
func (ev Evaluation) Total(w Weights) float64 { return WeightedTotal(ev.Values(), w) }

// Weights gives each aspect its weight in percent; the seven must total 100.
type Weights map[Aspect]float64

// weightTolerance is how far from 100 a total of weights stored by an older
// version may be (they allowed 14.29 seven times, 100.03%); Fit brings such
// weights to an exact 100%.
const weightTolerance = 0.05

// hundredths returns x in hundredths of a percent, rounded.
func hundredths(x float64) int64 { return int64(math.Round(x * 100)) }

// largestRemainder shares total units among parts in proportion to exact
// (each part's exact share, summing to total): every part gets the whole
// units of its share and the units left over go one each to the parts with
// the largest fractions (earlier parts first on a tie), so the parts total
// exactly total.
func largestRemainder(exact []float64, total int64) []int64 {
	out := make([]int64, len(exact))
	type rest struct {
		i    int
		frac float64
	}
	rests := make([]rest, len(exact))
	var given int64
	for i, x := range exact {
		f := math.Floor(x)
		out[i] = int64(f)
		given += out[i]
		rests[i] = rest{i, x - f}
	}
	sort.SliceStable(rests, func(a, b int) bool { return rests[a].frac > rests[b].frac })
	for k := 0; given < total && k < len(rests); k++ {
		out[rests[k].i]++
		given++
	}
	return out
}

// DefaultWeights returns equal weights, 100/7 percent each to the hundredth
// by largest remainder (14.29% four times, 14.28% three times), so they total
// exactly 100%.
func DefaultWeights() Weights {
	as := Aspects()
	exact := make([]float64, len(as))
	for i := range as {
		exact[i] = 10000.0 / float64(len(as))
	}
	w := Weights{}
	for i, h := range largestRemainder(exact, 10000) {
		w[as[i]] = float64(h) / 100
	}
	return w
}

// Sum returns the total of the weights in percent.
func (w Weights) Sum() float64 {
	s := 0.0
	for _, a := range Aspects() {
		s += w[a]
	}
	return s
}

// sumHundredths returns the total of the weights, each rounded to the
// hundredth, in hundredths of a percent.
func (w Weights) sumHundredths() int64 {
	var s int64
	for _, a := range Aspects() {
		s += hundredths(w[a])
	}
	return s
}

// Fit returns the weights scaled to total 100% and given to the hundredth by
// largest remainder, so they total exactly 100% (weights that already do are
// returned unchanged). It is for weights an older version stored, which had
// to total 100% only within 0.05; ok is false (and w is returned as it is)
// when they are not such weights: an aspect missing, a weight out of range,
// or a total further from 100%.
func (w Weights) Fit() (fitted Weights, ok bool) {
	for _, a := range Aspects() {
		x, has := w[a]
		if !has || math.IsNaN(x) || x < 0 || x > 100 {
			return w, false
		}
	}
	for a := range w {
		if !a.Valid() {
			return w, false
		}
	}
	sum := w.Sum()
	if sum <= 0 || math.Abs(sum-100) > weightTolerance {
		return w, false
	}
	as := Aspects()
	exact := make([]float64, len(as))
	for i, a := range as {
		exact[i] = w[a] * 10000 / sum
	}
	out := Weights{}
	for i, h := range largestRemainder(exact, 10000) {
		out[as[i]] = float64(h) / 100
	}
	return out, true
}

// Validate checks that every aspect has a weight from 0 to 100 given to the
// hundredth at most, no other key is present, and the weights total exactly
// 100%.
func (w Weights) Validate() error {
	v := &problems{}
	for _, a := range Aspects() {
		x, ok := w[a]
		switch {
		case !ok:
			v.add("weights."+string(a), "Give a weight for %q (0 to 100%%).", a)
		case math.IsNaN(x) || x < 0 || x > 100:
			v.add("weights."+string(a), "The weight for %q must be from 0 to 100%%.", a)
		case math.Abs(x*100-math.Round(x*100)) > 1e-6:
			v.add("weights."+string(a), "Give the weight for %q to two decimal places at most (for example 14.29).", a)
		}
	}
	for a := range w {
		if !a.Valid() {
			v.add("weights", "%q is not one of the seven aspects.", string(a))
		}
	}
	if s := w.sumHundredths(); len(v.list) == 0 && s != 10000 {
		d := s - 10000
		if d < 0 {
			v.add("weights", "The weights total %s%%; they must total exactly 100%% (add %s%%).", trimFloat(float64(s)/100), trimFloat(float64(-d)/100))
		} else {
			v.add("weights", "The weights total %s%%; they must total exactly 100%% (remove %s%%).", trimFloat(float64(s)/100), trimFloat(float64(d)/100))
		}
	}
	return v.err("The weights cannot be used.")
}

func trimFloat(x float64) string {
	s := fmt.Sprintf("%.2f", x)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// WeightedTotal returns sum(weight*score)/sum(weight) over the aspects that
// have a score, on the 1..5 scale. With weights totalling 100% and all seven
// aspects scored this is sum(w*s)/100. Aspects without a score are left out
// and the other weights count in proportion; 0 when nothing is scored or the
// scored aspects weigh nothing.
func WeightedTotal(scores map[Aspect]float64, w Weights) float64 {
	var sum, weight float64
	for _, a := range Aspects() {
		s, ok := scores[a]
		if !ok || math.IsNaN(s) {
			continue
		}
		// The conversion rounds the product, so no platform fuses it
		// into a multiply-add: the store's SQL repeats this arithmetic
		// and must get the same bits.
		sum += float64(w[a] * s)
		weight += w[a]
	}
	if weight <= 0 {
		return 0
	}
	return sum / weight
}

// DisagreementSpread is the spread (highest minus lowest score across
// evaluators) from which an aspect is flagged as a disagreement.
const DisagreementSpread = 2

// EntityScore summarises the evaluations of one entity.
type EntityScore struct {
	EntityID        int64                  `json:"entity_id"`
	Evaluations     int                    `json:"evaluations"` // how many were summarised; 0 = not evaluated
	Evaluators      []string               `json:"evaluators"`  // in evaluation order, without repeats
	Means           map[Aspect]float64     `json:"means"`       // per-aspect mean across evaluators
	Spread          map[Aspect]int         `json:"spread"`      // per-aspect max-min
	Disagreements   []Aspect               `json:"disagreements"`
	Total           float64                `json:"total"` // weighted total of the means, 1..5 (0 if not evaluated)
	Recommendations map[Recommendation]int `json:"recommendations"`
	Latest          string                 `json:"latest"` // date of the latest evaluation
}

// Scored reports whether the entity has at least one evaluation.
func (s EntityScore) Scored() bool { return s.Evaluations > 0 }

// Rounded returns Total rounded to 2 decimals (what is shown and ranked).
func (s EntityScore) Rounded() float64 { return Round2(s.Total) }

// Round2 rounds a score to the 2 decimals the ranking compares and every
// screen and document shows.
func Round2(x float64) float64 { return math.Round(x*100) / 100 }

// Summarise combines the evaluations of one entity: per-aspect means across
// evaluators, spreads with disagreements (spread >= 2), and the weighted total
// of the means. Scores out of range are ignored. The entity is the first
// evaluation's; with no evaluations the summary is empty (Scored false).
func Summarise(evals []Evaluation, w Weights) EntityScore {
	out := EntityScore{
		Evaluators:      []string{},
		Means:           map[Aspect]float64{},
		Spread:          map[Aspect]int{},
		Disagreements:   []Aspect{},
		Recommendations: map[Recommendation]int{},
	}
	if len(evals) == 0 {
		return out
	}
	out.EntityID = evals[0].EntityID
	out.Evaluations = len(evals)
	seen := map[string]bool{}
	for _, ev := range evals {
		if !seen[ev.Evaluator] {
			seen[ev.Evaluator] = true
			out.Evaluators = append(out.Evaluators, ev.Evaluator)
		}
		if ev.Recommendation != "" {
			out.Recommendations[ev.Recommendation]++
		}
		if ev.Date > out.Latest {
			out.Latest = ev.Date
		}
	}
	for _, a := range Aspects() {
		n, sum, lo, hi := 0, 0, MaxScore+1, MinScore-1
		for _, ev := range evals {
			s, ok := ev.Scores[a]
			if !ok || s.Value < MinScore || s.Value > MaxScore {
				continue
			}
			n++
			sum += s.Value
			lo = min(lo, s.Value)
			hi = max(hi, s.Value)
		}
		if n == 0 {
			continue
		}
		out.Means[a] = float64(sum) / float64(n)
		out.Spread[a] = hi - lo
		if hi-lo >= DisagreementSpread {
			out.Disagreements = append(out.Disagreements, a)
		}
	}
	out.Total = WeightedTotal(out.Means, w)
	return out
}

// SummariseAll groups evals by entity and summarises each; the result is in
// ascending entity id order.
func SummariseAll(evals []Evaluation, w Weights) []EntityScore {
	by := map[int64][]Evaluation{}
	var ids []int64
	for _, ev := range evals {
		if _, ok := by[ev.EntityID]; !ok {
			ids = append(ids, ev.EntityID)
		}
		by[ev.EntityID] = append(by[ev.EntityID], ev)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	out := make([]EntityScore, len(ids))
	for i, id := range ids {
		out[i] = Summarise(by[id], w)
	}
	return out
}

// Ranked is an entity's score with its rank (1 = best).
type Ranked struct {
	Rank int `json:"rank"`
	// Tied is true when another entity shares the rank.
	Tied bool `json:"tied"`
	EntityScore
}

// RankedEntity is one row of the ranking: the entity's rank, score summary
// and what identifies it.
type RankedEntity struct {
	Ranked
	Name     string   `json:"name"`
	Status   Status   `json:"status"`
	ATPTypes []string `json:"atp_types"`
}

// RankOf returns the rank of entity id in ranked (0 when it is not ranked).
func RankOf(ranked []RankedEntity, id int64) int {
	for _, r := range ranked {
		if r.EntityID == id {
			return r.Rank
		}
	}
	return 0
}

// consensusOrder is the order in which equally frequent recommendations win
// the consensus: the more cautious first.
var consensusOrder = []Recommendation{RecommendMoreInfo, RecommendHold, RecommendDecline, RecommendInvite}

// Consensus is the consensus recommendation of the evaluators: the most
// frequent one; among equally frequent ones the more cautious wins (more
// information, hold, decline, invite). "" when there is none.
func (s EntityScore) Consensus() Recommendation {
	best, out := 0, Recommendation("")
	for _, rec := range consensusOrder {
		if n := s.Recommendations[rec]; n > best {
			best, out = n, rec
		}
	}
	return out
}

// Rank orders scored entities by weighted total, best first, comparing totals
// rounded to 2 decimals; equal totals share a rank and the next rank skips
// (1, 2, 2, 4) and are marked Tied. Ties are listed by ascending entity id. Entities without
// evaluations are left out. scores is not modified.
func Rank(scores []EntityScore) []Ranked {
	out := make([]Ranked, 0, len(scores))
	for _, s := range scores {
		if s.Scored() {
			out = append(out, Ranked{EntityScore: s})
		}
	}
	key := func(r Ranked) int64 { return int64(math.Round(r.Total * 100)) }
	sort.SliceStable(out, func(i, j int) bool {
		ki, kj := key(out[i]), key(out[j])
		if ki != kj {
			return ki > kj
		}
		return out[i].EntityID < out[j].EntityID
	})
	for i := range out {
		if i > 0 && key(out[i]) == key(out[i-1]) {
			out[i].Rank = out[i-1].Rank
			out[i].Tied, out[i-1].Tied = true, true
		} else {
			out[i].Rank = i + 1
		}
	}
	return out
}
