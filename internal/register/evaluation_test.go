package register_test

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
)

// evalWith returns a valid evaluation of entity id with the seven scores in RFI order.
func evalWith(id int64, who string, scores ...int) register.Evaluation {
	ev := register.Evaluation{
		EntityID: id, Evaluator: who, Date: "2026-04-01",
		Scores:         map[register.Aspect]register.Score{},
		Recommendation: register.RecommendInvite, Reason: "Strong fit for the facility.",
	}
	for i, a := range register.Aspects() {
		ev.Scores[a] = register.Score{Value: scores[i]}
	}
	return ev
}

func TestAspects(t *testing.T) {
	want := []register.Aspect{"readiness", "technical", "credibility", "pipeline", "investment", "jobs", "intangibles"}
	if got := register.Aspects(); !reflect.DeepEqual(got, want) {
		t.Fatalf("Aspects() = %v", got)
	}
	if got := register.AspectIntangibles.Label(); got != "Any other intangibles that the company can bring to benefit Hong Kong" {
		t.Errorf("label %q", got)
	}
	for _, a := range register.Aspects() {
		an := a.Anchors()
		if len(an) != 5 {
			t.Fatalf("%s has %d anchors", a, len(an))
		}
		seen := map[string]bool{}
		for i, s := range an {
			if s == "" || seen[s] || a.Anchor(i+1) != s {
				t.Errorf("%s anchor %d = %q", a, i+1, s)
			}
			seen[s] = true
		}
	}
	if register.AspectReadiness.Anchor(0) != "" || register.AspectReadiness.Anchor(6) != "" {
		t.Error("anchors outside 1..5")
	}
}

func TestEvaluationValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*register.Evaluation)
		fields []string
	}{
		{"OK", func(*register.Evaluation) {}, nil},
		{"ErrEvaluator", func(e *register.Evaluation) { e.Evaluator = "" }, []string{"evaluator"}},
		{"ErrDate", func(e *register.Evaluation) { e.Date = "April" }, []string{"date"}},
		{"ErrNoDate", func(e *register.Evaluation) { e.Date = "" }, []string{"date"}},
		{"ErrScoreMissing", func(e *register.Evaluation) { delete(e.Scores, register.AspectJobs) }, []string{"scores.jobs"}},
		{"ErrScoreZero", func(e *register.Evaluation) { e.Scores[register.AspectPipeline] = register.Score{} }, []string{"scores.pipeline"}},
		{"ErrScoreHigh", func(e *register.Evaluation) { e.Scores[register.AspectReadiness] = register.Score{Value: 6} }, []string{"scores.readiness"}},
		{"ErrScoreLow", func(e *register.Evaluation) { e.Scores[register.AspectTechnical] = register.Score{Value: -1} }, []string{"scores.technical"}},
		{"ErrUnknownAspect", func(e *register.Evaluation) { e.Scores["charm"] = register.Score{Value: 3} }, []string{"scores"}},
		{"ErrNoteControl", func(e *register.Evaluation) {
			e.Scores[register.AspectJobs] = register.Score{Value: 3, Note: "bad\x00"}
		}, []string{"scores.jobs"}},
		{"ErrRecommendation", func(e *register.Evaluation) { e.Recommendation = "" }, []string{"recommendation"}},
		{"ErrUnknownRecommendation", func(e *register.Evaluation) { e.Recommendation = "maybe" }, []string{"recommendation"}},
		{"ErrReason", func(e *register.Evaluation) { e.Reason = "" }, []string{"reason"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := evalWith(1, "Evaluator A", 3, 3, 3, 3, 3, 3, 3)
			tt.change(&ev)
			err := ev.Validate()
			if tt.fields == nil {
				if err != nil {
					t.Fatalf("Validate() = %v %v", err, apperr.FieldsOf(err))
				}
				return
			}
			if got := fieldsOf(err); !apperr.Is(err, apperr.Invalid) || !reflect.DeepEqual(got, tt.fields) {
				t.Fatalf("fields = %v (%v), want %v", got, err, tt.fields)
			}
		})
	}
	all := register.Evaluation{}.Validate()
	if n := len(apperr.FieldsOf(all)); n != 11 {
		t.Errorf("empty evaluation: %d problems, want 11 (evaluator, date, 7 scores, recommendation, reason)", n)
	}
}

func TestWeights(t *testing.T) {
	w := register.DefaultWeights()
	if err := w.Validate(); err != nil {
		t.Fatalf("default weights: %v", err)
	}
	// Largest remainder: 10000 hundredths over seven is 1428 each and four
	// left over, which go to the first four aspects.
	for i, a := range register.Aspects() {
		want := 14.28
		if i < 4 {
			want = 14.29
		}
		if w[a] != want {
			t.Errorf("default weight of %s = %v, want %v", a, w[a], want)
		}
	}
	if math.Abs(w.Sum()-100) > 1e-9 {
		t.Errorf("sum %v", w.Sum())
	}
	rounded := register.Weights{}
	for _, a := range register.Aspects() {
		rounded[a] = 14.29
	}
	err := rounded.Validate()
	if !apperr.Is(err, apperr.Invalid) || !strings.Contains(apperr.FieldsOf(err)[0].Message, "The weights total 100.03%; they must total exactly 100% (remove 0.03%)") {
		t.Errorf("7 x 14.29 = 100.03 must be refused, naming the total: %v", err)
	}
	bad := register.DefaultWeights()
	bad[register.AspectJobs] = 30
	if err := bad.Validate(); !apperr.Is(err, apperr.Invalid) || !strings.Contains(apperr.FieldsOf(err)[0].Message, "total exactly 100") {
		t.Errorf("weights over 100: %v", err)
	}
	fine := register.DefaultWeights()
	fine[register.AspectJobs] = 14.285
	fine[register.AspectPipeline] = 14.275
	if got := fieldsOf(fine.Validate()); !reflect.DeepEqual(got, []string{"weights.pipeline", "weights.jobs"}) {
		t.Errorf("three decimals: fields %v", got)
	}
	neg := register.DefaultWeights()
	neg[register.AspectJobs] = -5
	delete(neg, register.AspectPipeline)
	if got := fieldsOf(neg.Validate()); !reflect.DeepEqual(got, []string{"weights.pipeline", "weights.jobs"}) {
		t.Errorf("fields %v", got)
	}
}

func TestWeightsFit(t *testing.T) {
	seventh := register.Weights{}
	oldRounded := register.Weights{}
	for _, a := range register.Aspects() {
		seventh[a] = 100.0 / 7
		oldRounded[a] = 14.29
	}
	for name, w := range map[string]register.Weights{"100/7 each (older default)": seventh, "14.29 each (100.03%)": oldRounded} {
		got, ok := w.Fit()
		if !ok {
			t.Fatalf("%s: not fitted", name)
		}
		if err := got.Validate(); err != nil {
			t.Errorf("%s: fitted weights invalid: %v", name, err)
		}
		if !reflect.DeepEqual(got, register.DefaultWeights()) {
			t.Errorf("%s: fitted %v, want the default weights", name, got)
		}
	}
	skewed := register.Weights{"readiness": 40, "technical": 20, "credibility": 10, "pipeline": 10, "investment": 10, "jobs": 5, "intangibles": 5}
	if got, ok := skewed.Fit(); !ok || !reflect.DeepEqual(got, skewed) {
		t.Errorf("exact weights changed by Fit: %v %v", got, ok)
	}
	third := register.Weights{"readiness": 100.0 / 3, "technical": 100.0 / 3, "credibility": 100.0 / 3, "pipeline": 0, "investment": 0, "jobs": 0, "intangibles": 0}
	if got, ok := third.Fit(); !ok || got["readiness"] != 33.34 || got["technical"] != 33.33 || got["credibility"] != 33.33 {
		t.Errorf("thirds: %v %v", got, ok)
	}
	far := register.DefaultWeights()
	far[register.AspectJobs] = 20
	if _, ok := far.Fit(); ok {
		t.Errorf("weights totalling %v fitted; only totals within 0.05 of 100 are", far.Sum())
	}
}

func TestWeightedTotal(t *testing.T) {
	skewed := register.Weights{"readiness": 40, "technical": 20, "credibility": 10, "pipeline": 10, "investment": 10, "jobs": 5, "intangibles": 5}
	all := func(vs ...float64) map[register.Aspect]float64 {
		m := map[register.Aspect]float64{}
		for i, a := range register.Aspects() {
			m[a] = vs[i]
		}
		return m
	}
	tests := []struct {
		name   string
		scores map[register.Aspect]float64
		w      register.Weights
		want   float64
	}{
		{"equal weights all 3", all(3, 3, 3, 3, 3, 3, 3), register.DefaultWeights(), 3},
		{"equal weights mean", all(1, 2, 3, 4, 5, 5, 5), register.DefaultWeights(), (14.29*(1+2+3+4) + 14.28*(5+5+5)) / 100},
		{"skewed", all(5, 4, 3, 2, 1, 1, 1), skewed, (200 + 80 + 30 + 20 + 10 + 5 + 5) / 100.0},
		{"partial rescales", map[register.Aspect]float64{"readiness": 5, "technical": 2}, skewed, (200 + 40) / 60.0},
		{"nothing scored", map[register.Aspect]float64{}, skewed, 0},
	}
	for _, tt := range tests {
		if got := register.WeightedTotal(tt.scores, tt.w); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("%s: WeightedTotal = %v, want %v", tt.name, got, tt.want)
		}
	}
	ev := evalWith(1, "A", 5, 4, 3, 2, 1, 1, 1)
	if got := ev.Total(skewed); math.Abs(got-3.5) > 1e-9 {
		t.Errorf("Evaluation.Total = %v", got)
	}
}

func TestSummarise(t *testing.T) {
	a := evalWith(7, "Evaluator A", 4, 4, 3, 3, 2, 3, 5)
	b := evalWith(7, "Evaluator B", 4, 3, 3, 5, 2, 3, 3)
	b.Date = "2026-05-02"
	b.Recommendation = register.RecommendHold
	s := register.Summarise([]register.Evaluation{a, b}, register.DefaultWeights())
	if s.EntityID != 7 || s.Evaluations != 2 || !s.Scored() {
		t.Fatalf("summary %+v", s)
	}
	if s.Means[register.AspectTechnical] != 3.5 || s.Means[register.AspectPipeline] != 4 {
		t.Errorf("means %v", s.Means)
	}
	if !reflect.DeepEqual(s.Disagreements, []register.Aspect{register.AspectPipeline, register.AspectIntangibles}) {
		t.Errorf("disagreements %v", s.Disagreements)
	}
	if s.Spread[register.AspectTechnical] != 1 || s.Spread[register.AspectReadiness] != 0 {
		t.Errorf("spread %v", s.Spread)
	}
	wantTotal := (14.29*(4+3.5+3+4) + 14.28*(2+3+4)) / 100
	if math.Abs(s.Total-wantTotal) > 1e-9 {
		t.Errorf("total %v, want %v", s.Total, wantTotal)
	}
	if !reflect.DeepEqual(s.Evaluators, []string{"Evaluator A", "Evaluator B"}) || s.Latest != "2026-05-02" {
		t.Errorf("evaluators %v latest %q", s.Evaluators, s.Latest)
	}
	if s.Recommendations[register.RecommendInvite] != 1 || s.Recommendations[register.RecommendHold] != 1 {
		t.Errorf("recommendations %v", s.Recommendations)
	}
	empty := register.Summarise(nil, register.DefaultWeights())
	if empty.Scored() || empty.Total != 0 || empty.Disagreements == nil {
		t.Errorf("empty summary %+v", empty)
	}
	grouped := register.SummariseAll([]register.Evaluation{b, evalWith(3, "A", 1, 1, 1, 1, 1, 1, 1), a}, register.DefaultWeights())
	if len(grouped) != 2 || grouped[0].EntityID != 3 || grouped[1].Evaluations != 2 {
		t.Errorf("SummariseAll %+v", grouped)
	}
}

func TestRank(t *testing.T) {
	mk := func(id int64, total float64) register.EntityScore {
		return register.EntityScore{EntityID: id, Evaluations: 1, Total: total}
	}
	scores := []register.EntityScore{
		mk(1, 3.0),
		mk(2, 4.5),
		mk(3, 3.004), // rounds to 3.00: ties with 1 and 5
		mk(4, 2.0),
		mk(5, 2.996),
		{EntityID: 6}, // not evaluated: left out
		mk(7, 3.006),  // rounds to 3.01: above the tie
	}
	got := register.Rank(scores)
	type pair struct {
		id   int64
		rank int
	}
	var pairs []pair
	for _, r := range got {
		pairs = append(pairs, pair{r.EntityID, r.Rank})
	}
	want := []pair{{2, 1}, {7, 2}, {1, 3}, {3, 3}, {5, 3}, {4, 6}}
	if !reflect.DeepEqual(pairs, want) {
		t.Fatalf("Rank = %v, want %v", pairs, want)
	}
	if scores[0].EntityID != 1 {
		t.Error("Rank reordered its input")
	}
	two := register.Rank([]register.EntityScore{mk(1, 4), mk(2, 3), mk(3, 3), mk(4, 1)})
	var ranks []int
	for _, r := range two {
		ranks = append(ranks, r.Rank)
	}
	if !reflect.DeepEqual(ranks, []int{1, 2, 2, 4}) {
		t.Errorf("ranks %v, want [1 2 2 4]", ranks)
	}
	if len(register.Rank(nil)) != 0 {
		t.Error("Rank(nil) not empty")
	}
}
