package register

import (
	"math"
	"testing"
)

// krippendorffExample is the reliability data matrix of Krippendorff's
// worked example with missing values: four observers (A..D) coding twelve
// units; "." is a missing value (K. Krippendorff, "Computing Krippendorff's
// Alpha-Reliability", 2011, the example for nominal, ordinal, interval
// and ratio data; the same "C" data ship with R's irr::kripp.alpha and
// DescTools::KrippAlpha):
//
//	unit: 1 2 3 4 5 6 7 8 9 10 11 12
//	A:    1 2 3 3 2 1 4 1 2 .  .  .
//	B:    1 2 3 3 2 2 4 1 2 5  .  3
//	C:    . 3 3 3 2 3 4 2 2 5  1  .
//	D:    1 2 3 3 2 4 4 1 2 5  1  .
//
// The paper gives α nominal = 0.743, ordinal = 0.815, interval = 0.849.
var krippendorffExample = [][]int{
	{1, 1, 1}, {2, 2, 3, 2}, {3, 3, 3, 3}, {3, 3, 3, 3}, {2, 2, 2, 2}, {1, 2, 3, 4},
	{4, 4, 4, 4}, {1, 1, 2, 1}, {2, 2, 2, 2}, {5, 5, 5}, {1, 1}, {3},
}

func TestAlphaKrippendorffExample(t *testing.T) {
	for _, tc := range []struct {
		m    Metric
		want float64
	}{{Nominal, 0.743}, {Ordinal, 0.815}, {Interval, 0.849}} {
		got, ok := Alpha(krippendorffExample, tc.m)
		if !ok || roundAlpha(got) != tc.want {
			t.Errorf("metric %d: alpha %.4f (ok %v), want %.3f", tc.m, got, ok, tc.want)
		}
	}
}

func TestAlphaEdges(t *testing.T) {
	if a, ok := Alpha([][]int{{3, 3}, {2, 2}, {5, 5}}, Ordinal); !ok || a != 1 {
		t.Errorf("perfect agreement: %v %v, want 1", a, ok)
	}
	if _, ok := Alpha([][]int{{3, 3}, {3, 3}}, Ordinal); ok {
		t.Error("no variation: alpha is not defined")
	}
	if _, ok := Alpha([][]int{{3}, {4}}, Ordinal); ok {
		t.Error("no unit with two values: alpha is not defined")
	}
	// Ordinal differs from interval: the distance between rare neighbours
	// is larger than between common ones.
	o, _ := Alpha([][]int{{1, 2}, {2, 2}, {2, 2}, {4, 5}, {5, 5}}, Ordinal)
	i, _ := Alpha([][]int{{1, 2}, {2, 2}, {2, 2}, {4, 5}, {5, 5}}, Interval)
	if math.Abs(o-i) < 1e-9 {
		t.Errorf("ordinal %v equals interval %v", o, i)
	}
}

func TestPanelAgreement(t *testing.T) {
	ev := func(id int64, who string, v int, over map[Aspect]int) Evaluation {
		e := Evaluation{EntityID: id, Evaluator: who, Scores: map[Aspect]Score{}}
		for _, a := range Aspects() {
			s := v
			if o, ok := over[a]; ok {
				s = o
			}
			e.Scores[a] = Score{Value: s}
		}
		return e
	}
	evals := []Evaluation{
		ev(1, "A", 4, nil), ev(1, "B", 4, nil),
		ev(2, "A", 2, nil), ev(2, "B", 2, map[Aspect]int{AspectJobs: 5, AspectReadiness: 4}),
		ev(3, "A", 3, nil), ev(3, "B", 3, map[Aspect]int{AspectTechnical: 4}),
		ev(4, "A", 5, nil), // one evaluator: no pair
	}
	ag := PanelAgreement(evals)
	if ag.Overall == nil || *ag.Overall >= 1 || *ag.Overall <= 0 {
		t.Fatalf("overall %v", ag.Overall)
	}
	if a := ag.Aspects[AspectCredibility]; a == nil || *a != 1 {
		t.Errorf("credibility: all agree, alpha %v, want 1", a)
	}
	if len(ag.Entities) != 3 || ag.Entities[0].EntityID != 2 || ag.Entities[2].Disagreement != 0 ||
		ag.Entities[0].Aspects[0] != AspectJobs {
		t.Fatalf("entities %+v: want 2 first (jobs most), 1 last at 0", ag.Entities)
	}
}

// roundAlpha rounds an alpha to 3 decimals, as Krippendorff reports it.
func roundAlpha(x float64) float64 { return math.Round(x*1000) / 1000 }
