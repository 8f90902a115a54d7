package register

import "sort"

// Metric is a level of measurement for Krippendorff's alpha: how far apart
// two values are (the difference function δ²).
type Metric int

// The metrics. Scores 1..5 are ordinal: their order is meaningful, their
// distances are not known to be equal.
const (
	Nominal Metric = iota + 1
	Ordinal
	Interval
)

// coincidences is the coincidence matrix of reliability data: o[c][k] over
// the values that occur (in ascending order, vals), n[c] its margins and the
// total number of pairable values.
type coincidences struct {
	vals  []int
	index map[int]int
	o     [][]float64
	n     []float64
	total float64
}

// coincide builds the coincidence matrix of units (each the values the
// evaluators gave one unit; a missing value is simply absent). Units with
// fewer than two values are not pairable and count for nothing.
func coincide(units [][]int) coincidences {
	var c coincidences
	c.index = map[int]int{}
	for _, u := range units {
		if len(u) < 2 {
			continue
		}
		for _, v := range u {
			if _, ok := c.index[v]; !ok {
				c.index[v] = -1
				c.vals = append(c.vals, v)
			}
		}
	}
	sort.Ints(c.vals)
	for i, v := range c.vals {
		c.index[v] = i
	}
	m := len(c.vals)
	c.o = make([][]float64, m)
	for i := range c.o {
		c.o[i] = make([]float64, m)
	}
	c.n = make([]float64, m)
	for _, u := range units {
		if len(u) < 2 {
			continue
		}
		w := 1 / float64(len(u)-1)
		for i, a := range u {
			for j, b := range u {
				if i != j {
					c.o[c.index[a]][c.index[b]] += w
				}
			}
		}
	}
	for i := range c.o {
		for k := range c.o[i] {
			c.n[i] += c.o[i][k]
		}
		c.total += c.n[i]
	}
	return c
}

// delta returns the difference function δ²(c, k) of the metric over the
// matrix's values (by index).
func (c coincidences) delta(m Metric) func(i, k int) float64 {
	switch m {
	case Ordinal:
		cum := make([]float64, len(c.n)+1) // cum[i] = n_0 + ... + n_{i-1}
		for i, x := range c.n {
			cum[i+1] = cum[i] + x
		}
		return func(i, k int) float64 {
			if i > k {
				i, k = k, i
			}
			d := cum[k+1] - cum[i] - (c.n[i]+c.n[k])/2
			return d * d
		}
	case Interval:
		return func(i, k int) float64 {
			d := float64(c.vals[i] - c.vals[k])
			return d * d
		}
	}
	return func(i, k int) float64 {
		if i == k {
			return 0
		}
		return 1
	}
}

// expected returns the disagreement expected by chance, De.
func (c coincidences) expected(d func(i, k int) float64) float64 {
	var s float64
	for i := range c.n {
		for k := range c.n {
			s += c.n[i] * c.n[k] * d(i, k)
		}
	}
	return s / (c.total * (c.total - 1))
}

// Alpha returns Krippendorff's alpha of the reliability data units (one
// slice per unit holding the values the coders gave it; missing values are
// left out) under metric m: α = 1 − Do/De, Do the observed and De the
// expected disagreement over the coincidence matrix (docs/evaluation-
// agreement.md). ok is false when alpha is not defined: fewer than two
// pairable values, or no variation at all (De = 0).
//
// Checked against Krippendorff's own worked example (K. Krippendorff,
// "Computing Krippendorff's Alpha-Reliability", 2011, the reliability
// data of four observers and twelve units with missing values): nominal
// 0.743, ordinal 0.815, interval 0.849 (TestAlphaKrippendorffExample).
func Alpha(units [][]int, m Metric) (alpha float64, ok bool) {
	c := coincide(units)
	if c.total < 2 {
		return 0, false
	}
	d := c.delta(m)
	var do float64
	for i := range c.o {
		for k := range c.o[i] {
			do += c.o[i][k] * d(i, k)
		}
	}
	do /= c.total
	de := c.expected(d)
	if de == 0 {
		return 0, false
	}
	return 1 - do/de, true
}

// Agreement is how far the evaluators agree across the panel: Krippendorff's
// alpha (ordinal) per aspect (the units are the entities, the values their
// evaluators' scores) and overall (every entity-aspect pair a unit), with
// the entities where evaluators disagree most first. An alpha is nil when
// it is not defined (fewer than two evaluators on any entity, or no
// variation).
type Agreement struct {
	Aspects map[Aspect]*float64 `json:"aspects"`
	Overall *float64            `json:"overall"`
	// Entities are the entities with at least two evaluators, the most
	// disagreed first.
	Entities []EntityDisagreement `json:"entities"`
}

// EntityDisagreement is how much an entity's evaluators disagree: the
// observed ordinal disagreement among its scores (all aspects) over the
// panel's expected disagreement, 0 when they agree, about 1 when they
// disagree as much as chance would; Aspects lists its aspects from the most
// disagreed.
type EntityDisagreement struct {
	EntityID     int64    `json:"entity_id"`
	Evaluators   int      `json:"evaluators"`
	Disagreement float64  `json:"disagreement"`
	Aspects      []Aspect `json:"aspects"`
}

// PanelAgreement computes the agreement of evals (every evaluation of the
// register; one evaluator's latest per entity counts once) with the ordinal
// metric.
func PanelAgreement(evals []Evaluation) Agreement {
	out := Agreement{Aspects: map[Aspect]*float64{}, Entities: []EntityDisagreement{}}
	// One evaluation per entity and evaluator: the last given wins.
	type key struct {
		entity    int64
		evaluator string
	}
	last := map[key]Evaluation{}
	var order []key
	for _, ev := range evals {
		k := key{ev.EntityID, ev.Evaluator}
		if _, ok := last[k]; !ok {
			order = append(order, k)
		}
		last[k] = ev
	}
	byEntity := map[int64][]Evaluation{}
	var ids []int64
	for _, k := range order {
		if _, ok := byEntity[k.entity]; !ok {
			ids = append(ids, k.entity)
		}
		byEntity[k.entity] = append(byEntity[k.entity], last[k])
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	unit := func(evs []Evaluation, a Aspect) []int {
		var u []int
		for _, ev := range evs {
			if s := ev.Scores[a].Value; s >= MinScore && s <= MaxScore {
				u = append(u, s)
			}
		}
		return u
	}
	var all [][]int
	for _, a := range Aspects() {
		var units [][]int
		for _, id := range ids {
			units = append(units, unit(byEntity[id], a))
		}
		all = append(all, units...)
		if v, ok := Alpha(units, Ordinal); ok {
			out.Aspects[a] = &v
		} else {
			out.Aspects[a] = nil
		}
	}
	if v, ok := Alpha(all, Ordinal); ok {
		out.Overall = &v
	}
	c := coincide(all)
	if c.total < 2 {
		return out
	}
	d := c.delta(Ordinal)
	de := c.expected(d)
	for _, id := range ids {
		evs := byEntity[id]
		if len(evs) < 2 {
			continue
		}
		var do, n float64
		type aspectDo struct {
			a  Aspect
			do float64
		}
		var per []aspectDo
		for _, a := range Aspects() {
			u := unit(evs, a)
			if len(u) < 2 {
				continue
			}
			var s float64
			for i, x := range u {
				for j, y := range u {
					if i != j {
						s += d(c.index[x], c.index[y]) / float64(len(u)-1)
					}
				}
			}
			do += s
			n += float64(len(u))
			per = append(per, aspectDo{a, s / float64(len(u))})
		}
		if n == 0 {
			continue
		}
		ed := EntityDisagreement{EntityID: id, Evaluators: len(evs), Aspects: []Aspect{}}
		if de > 0 {
			ed.Disagreement = Round2(do / n / de)
		}
		sort.SliceStable(per, func(i, j int) bool { return per[i].do > per[j].do })
		for _, p := range per {
			if p.do > 0 {
				ed.Aspects = append(ed.Aspects, p.a)
			}
		}
		out.Entities = append(out.Entities, ed)
	}
	sort.SliceStable(out.Entities, func(i, j int) bool { return out.Entities[i].Disagreement > out.Entities[j].Disagreement })
	return out
}
