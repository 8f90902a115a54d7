// Package demand answers the question the RFI exists for: what capacity do
// the interested entities need? It counts entities and product submissions
// along each dimension of the RFI's pre-requisite information (ATP type and
// vector, intended use, starting materials, process type, process development
// still needed, GMP experience, Authorized Person, training needs by role)
// and along a timeline of expected commencement by quarter, stacked by ATP
// type.
//
// Aggregate gives exact counts with the entities behind each bar, for the
// officer's own dashboard. Anonymise turns them into a Report with no names,
// products, contacts, free text or entity ids, in which every count from 1 to
// 2 is shown as "<3" (small counts can identify an entity) and the counts
// that would let a "<3" be worked out by subtraction are withheld; the Report is
// written as JSON or as a PDF in the house style. All of this is pure; only
// Export touches the register (to read it and record the export in its
// ledger) and the file system.
package demand

import (
	"slices"
	"sort"

	"atpreg/internal/register"
)

// Codes of the rows that are not an RFI choice.
const (
	// CodeUnanswered is the row of submissions that leave the item unanswered.
	CodeUnanswered = "unanswered"
	// CodeGeneUnstated is the ATP row of gene therapy products whose vector
	// is not stated.
	CodeGeneUnstated = "gene_therapy.unstated"
	// CodeRoleUnstated is the training row of submissions that need training
	// but name no role.
	CodeRoleUnstated = "role_unstated"
	// CodeNoTraining is the training row of submissions that need none.
	CodeNoTraining = "no_training"
)

// Keys of the dimensions, in the order Aggregate returns them.
const (
	DimATPType          = "atp_type"
	DimIntendedUse      = "intended_use"
	DimStartingMaterial = "starting_materials"
	DimProcessType      = "process_type"
	DimPDNeeded         = "pd_needed"
	DimGMPBefore        = "gmp_before"
	DimAuthorizedPerson = "has_authorized_person"
	DimTraining         = "training_roles"
)

// Row is one bar of a dimension: a category with the number of product
// submissions in it and the number of distinct entities with at least one
// such submission. EntityIDs are the entities behind the bar (for the app's
// drill-down only; never in anonymised output), in register order.
type Row struct {
	Code        string  `json:"code"`
	Label       string  `json:"label"`
	Entities    int     `json:"entities"`
	Submissions int     `json:"submissions"`
	EntityIDs   []int64 `json:"entityIds"`
}

// Dimension is one question of the RFI counted across submissions. Multi
// reports whether a submission may fall in several rows (starting materials,
// training roles), so rows can add up to more than the submissions.
type Dimension struct {
	Key   string `json:"key"`
	Title string `json:"title"`
	Multi bool   `json:"multi"`
	Rows  []Row  `json:"rows"`
}

// Cell is one quarter of one timeline series (or a quarter's total).
type Cell struct {
	Entities    int     `json:"entities"`
	Submissions int     `json:"submissions"`
	EntityIDs   []int64 `json:"entityIds"`
}

// Series is one ATP type along the timeline: a cell per quarter.
type Series struct {
	Code  string `json:"code"`
	Label string `json:"label"`
	Cells []Cell `json:"cells"`
}

// Timeline counts submissions by the calendar quarter of their expected
// commencement ("2027-Q1"), stacked by ATP type. Quarters run without gaps
// from the first to the last one named (when that spans at most MaxSpan
// quarters; otherwise only quarters with submissions are listed). Undated
// counts the submissions without an expected start.
type Timeline struct {
	Quarters []string `json:"quarters"`
	Series   []Series `json:"series"`
	Totals   []Cell   `json:"totals"`
	Undated  Row      `json:"undated"`
}

// MaxSpan is the longest run of quarters the timeline lists without gaps
// (ten years).
const MaxSpan = 40

// Summary is the demand picture of a set of entities, with exact counts.
type Summary struct {
	// Statuses is the filter applied (codes in pipeline order); empty: all.
	Statuses []register.Status `json:"statuses"`
	// Entities is the number of entities counted, Submissions their products.
	Entities    int `json:"entities"`
	Submissions int `json:"submissions"`
	// WithoutSubmissions counts entities with no product submission yet;
	// they appear in no chart.
	WithoutSubmissions int         `json:"withoutSubmissions"`
	Dimensions         []Dimension `json:"dimensions"`
	Timeline           Timeline    `json:"timeline"`
}

// Dimension returns the dimension with key, and whether there is one.
func (s Summary) Dimension(key string) (Dimension, bool) {
	for _, d := range s.Dimensions {
		if d.Key == key {
			return d, true
		}
	}
	return Dimension{}, false
}

// Row returns the row with code, and whether there is one.
func (d Dimension) Row(code string) (Row, bool) {
	for _, r := range d.Rows {
		if r.Code == code {
			return r, true
		}
	}
	return Row{}, false
}

// counter accumulates one row. Entities are visited in input order, so an
// entity is new to the row exactly when its position differs from the last
// one counted (ids may be unset in fixtures, positions never are).
type counter struct {
	code, label string
	subs        int
	last        int // position of the last entity counted; -1 for none
	ids         []int64
}

func newCounter(code, label string) *counter {
	return &counter{code: code, label: label, last: -1, ids: []int64{}}
}

func (c *counter) add(pos int, id int64) {
	c.subs++
	if pos != c.last {
		c.last = pos
		c.ids = append(c.ids, id)
	}
}

func (c *counter) row() Row {
	return Row{Code: c.code, Label: c.label, Entities: len(c.ids), Submissions: c.subs, EntityIDs: c.ids}
}

func (c *counter) cell() Cell {
	return Cell{Entities: len(c.ids), Submissions: c.subs, EntityIDs: c.ids}
}

// dim is a dimension being counted: rows in display order, found by code.
type dim struct {
	key, title string
	multi      bool
	rows       []*counter
	byCode     map[string]*counter
}

func newDim(key, title string, multi bool, choices []register.Choice, extra ...register.Choice) *dim {
	d := &dim{key: key, title: title, multi: multi, byCode: map[string]*counter{}}
	for _, c := range append(slices.Clone(choices), extra...) {
		ct := newCounter(c.Code, c.Label)
		d.rows = append(d.rows, ct)
		d.byCode[c.Code] = ct
	}
	return d
}

func (d *dim) add(code string, pos int, id int64) {
	if c, ok := d.byCode[code]; ok {
		c.add(pos, id)
	}
}

func (d *dim) result() Dimension {
	out := Dimension{Key: d.key, Title: d.title, Multi: d.multi, Rows: make([]Row, len(d.rows))}
	for i, c := range d.rows {
		out.Rows[i] = c.row()
	}
	return out
}

func choicesOf[T interface {
	~string
	LabelIn(lang string) string
}](vs []T, lang string) []register.Choice {
	out := make([]register.Choice, len(vs))
	for i, v := range vs {
		out[i] = register.Choice{Code: string(v), Label: v.LabelIn(lang)}
	}
	return out
}

// atpChoices are the rows of the ATP dimension: cell therapy, gene therapy by
// vector (viral, non-viral, not stated), tissue engineered.
func atpChoices(w *words) []register.Choice {
	return []register.Choice{
		{Code: string(register.ATPCellTherapy), Label: register.ATPCellTherapy.LabelIn(w.lang)},
		{Code: atpCode(register.ATPGeneTherapy, register.VectorViral), Label: w.geneViral},
		{Code: atpCode(register.ATPGeneTherapy, register.VectorNonViral), Label: w.geneNonViral},
		{Code: CodeGeneUnstated, Label: w.geneUnstated},
		{Code: string(register.ATPTissueEngineered), Label: register.ATPTissueEngineered.LabelIn(w.lang)},
	}
}

// atpCode is the ATP row of a submission: the type, and for gene therapy the
// vector ("gene_therapy.viral").
func atpCode(t register.ATPType, v register.GeneVector) string {
	switch {
	case t == "" || !t.Valid():
		return CodeUnanswered
	case t != register.ATPGeneTherapy:
		return string(t)
	case v == "" || !v.Valid():
		return CodeGeneUnstated
	}
	return string(t) + "." + string(v)
}

// seriesChoices are the layers of the timeline: the ATP types, then
// submissions whose type is not stated.
func seriesChoices(w *words) []register.Choice {
	return append(choicesOf(register.ATPTypes(), w.lang), register.Choice{Code: CodeUnanswered, Label: w.typeUnstated})
}

// newDims returns the dimensions, empty, in the order Aggregate returns
// them, with their titles and rows in w's language.
func newDims(w *words) []*dim {
	unanswered := register.Choice{Code: CodeUnanswered, Label: w.notAnswered}
	yn := append(register.YesNoChoicesIn(w.lang), unanswered)
	t := w.dimTitle
	return []*dim{
		newDim(DimATPType, t[DimATPType], false, atpChoices(w), unanswered),
		newDim(DimIntendedUse, t[DimIntendedUse], false, choicesOf(register.IntendedUses(), w.lang), unanswered),
		newDim(DimStartingMaterial, t[DimStartingMaterial], true, choicesOf(register.StartingMaterials(), w.lang), unanswered),
		newDim(DimProcessType, t[DimProcessType], false, choicesOf(register.ProcessTypes(), w.lang), unanswered),
		newDim(DimPDNeeded, t[DimPDNeeded], false, []register.Choice{
			{Code: "yes", Label: w.pdStill}, {Code: "no", Label: w.pdDone}, unanswered}),
		newDim(DimGMPBefore, t[DimGMPBefore], false, yn),
		newDim(DimAuthorizedPerson, t[DimAuthorizedPerson], false, slices.Clone(yn)),
		newDim(DimTraining, t[DimTraining], true, choicesOf(register.TrainingRoles(), w.lang),
			register.Choice{Code: CodeRoleUnstated, Label: w.roleUnstated},
			register.Choice{Code: CodeNoTraining, Label: w.noTraining},
			unanswered),
	}
}

// relabel returns s with its titles and labels in w's language, found by
// the dimensions' keys and the rows' codes (s is not changed).
func relabel(s Summary, w *words) Summary {
	defs := map[string]*dim{}
	for _, d := range newDims(w) {
		defs[d.key] = d
	}
	out := s
	out.Dimensions = make([]Dimension, len(s.Dimensions))
	for i, d := range s.Dimensions {
		d.Rows = slices.Clone(d.Rows)
		if def, ok := defs[d.Key]; ok {
			d.Title = def.title
			for j, r := range d.Rows {
				if c, ok := def.byCode[r.Code]; ok {
					d.Rows[j].Label = c.label
				}
			}
		}
		out.Dimensions[i] = d
	}
	series := map[string]string{}
	for _, c := range seriesChoices(w) {
		series[c.Code] = c.Label
	}
	out.Timeline.Series = slices.Clone(s.Timeline.Series)
	for i, se := range out.Timeline.Series {
		if l, ok := series[se.Code]; ok {
			out.Timeline.Series[i].Label = l
		}
	}
	out.Timeline.Undated.Label = w.undated
	return out
}

func yesNoCode(y register.YesNo) string {
	if y.Answered() {
		return string(y)
	}
	return CodeUnanswered
}

// Aggregate counts the submissions of the entities whose status is among
// statuses (all entities when statuses is empty). Each submission counts once
// in each single-choice dimension (unanswered items in a "Not answered" row)
// and once in every row it names in a multi-choice one; an entity counts once
// in a row when any of its submissions does. Entities keep their order;
// the input is not changed. Titles and labels are in English (Anonymise
// gives a report in another language).
func Aggregate(entities []register.Entity, statuses []register.Status) Summary {
	return AggregateIn(entities, statuses, register.LangEnglish)
}

// AggregateIn is Aggregate with the dimensions' titles and rows' labels in
// lang (en or zh-HK; English for any other): the window's exact picture in
// its language.
func AggregateIn(entities []register.Entity, statuses []register.Status, lang string) Summary {
	w := wordsOf(lang)
	want := map[register.Status]bool{}
	for _, s := range statuses {
		want[s] = true
	}
	var filter []register.Status
	for _, s := range register.Statuses() {
		if want[s] {
			filter = append(filter, s)
		}
	}
	dims := newDims(w)
	type qkey struct{ quarter, series string }
	quarterCells := map[qkey]*counter{}
	quarterTotals := map[string]*counter{}
	undated := newCounter("undated", w.undated)

	var sum Summary
	sum.Statuses = filter
	for pos, e := range entities {
		if len(want) > 0 && !want[e.Status] {
			continue
		}
		sum.Entities++
		if len(e.Submissions) == 0 {
			sum.WithoutSubmissions++
		}
		for _, s := range e.Submissions {
			sum.Submissions++
			id := e.ID
			dims[0].add(atpCode(s.ATPType, s.GeneVector), pos, id)
			if s.IntendedUse.Valid() {
				dims[1].add(string(s.IntendedUse), pos, id)
			} else {
				dims[1].add(CodeUnanswered, pos, id)
			}
			answered := false
			for _, m := range distinct(s.StartingMaterials) {
				if m.Valid() {
					dims[2].add(string(m), pos, id)
					answered = true
				}
			}
			if !answered {
				dims[2].add(CodeUnanswered, pos, id)
			}
			if s.ProcessType.Valid() {
				dims[3].add(string(s.ProcessType), pos, id)
			} else {
				dims[3].add(CodeUnanswered, pos, id)
			}
			// Process development is still needed when it is not completed.
			switch s.PDCompleted {
			case register.No:
				dims[4].add("yes", pos, id)
			case register.Yes:
				dims[4].add("no", pos, id)
			default:
				dims[4].add(CodeUnanswered, pos, id)
			}
			dims[5].add(yesNoCode(s.GMPBefore), pos, id)
			dims[6].add(yesNoCode(s.HasAuthorizedPerson), pos, id)
			countTraining(dims[7], s, pos, id)

			q := quarterOf(s.ExpectedStart)
			if q == "" {
				undated.add(pos, id)
				continue
			}
			series := CodeUnanswered
			if s.ATPType.Valid() {
				series = string(s.ATPType)
			}
			k := qkey{q, series}
			if quarterCells[k] == nil {
				quarterCells[k] = newCounter("", "")
			}
			quarterCells[k].add(pos, id)
			if quarterTotals[q] == nil {
				quarterTotals[q] = newCounter(q, q)
			}
			quarterTotals[q].add(pos, id)
		}
	}
	for _, d := range dims {
		sum.Dimensions = append(sum.Dimensions, d.result())
	}

	present := make([]string, 0, len(quarterTotals))
	for q := range quarterTotals {
		present = append(present, q)
	}
	tl := Timeline{Quarters: quarterRange(present), Undated: undated.row()}
	empty := func() Cell { return Cell{EntityIDs: []int64{}} }
	for _, ch := range seriesChoices(w) {
		se := Series{Code: ch.Code, Label: ch.Label, Cells: make([]Cell, len(tl.Quarters))}
		for i, q := range tl.Quarters {
			if c := quarterCells[qkey{q, ch.Code}]; c != nil {
				se.Cells[i] = c.cell()
			} else {
				se.Cells[i] = empty()
			}
		}
		tl.Series = append(tl.Series, se)
	}
	tl.Totals = make([]Cell, len(tl.Quarters))
	for i, q := range tl.Quarters {
		if c := quarterTotals[q]; c != nil {
			tl.Totals[i] = c.cell()
		} else {
			tl.Totals[i] = empty()
		}
	}
	sum.Timeline = tl
	return sum
}

// countTraining counts a submission's training needs: each role it names
// (unless it answers that no training is needed), else whether training is
// needed without a role, not needed, or not answered.
func countTraining(d *dim, s register.Submission, pos int, id int64) {
	named := false
	if s.NeedsTraining != register.No {
		for _, r := range distinct(s.TrainingRoles) {
			if r.Valid() {
				d.add(string(r), pos, id)
				named = true
			}
		}
	}
	switch {
	case named:
	case s.NeedsTraining == register.Yes:
		d.add(CodeRoleUnstated, pos, id)
	case s.NeedsTraining == register.No:
		d.add(CodeNoTraining, pos, id)
	default:
		d.add(CodeUnanswered, pos, id)
	}
}

// distinct returns vs without repeats, in order: a product that names an
// answer twice counts once in its row (the store keeps no repeats, but a
// summary must not depend on that).
func distinct[T comparable](vs []T) []T {
	out := make([]T, 0, len(vs))
	for _, v := range vs {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// quarterRange returns the quarters from the earliest to the latest of qs
// without gaps, or qs sorted when that run would be longer than MaxSpan.
func quarterRange(qs []string) []string {
	if len(qs) == 0 {
		return []string{}
	}
	sort.Strings(qs)
	first, last := quarterIndex(qs[0]), quarterIndex(qs[len(qs)-1])
	if last-first+1 > MaxSpan {
		return qs
	}
	out := make([]string, 0, last-first+1)
	for i := first; i <= last; i++ {
		out = append(out, quarterName(i))
	}
	return out
}

// quarterOf returns the quarter of m ("2027-Q1"), or "" when m is empty or
// malformed. It reads the "YYYY-MM" prefix directly: Month.Quarter parses
// the whole date, which costs far more when counting many submissions.
func quarterOf(m register.Month) string {
	if len(m) != 7 && len(m) != 10 || m[4] != '-' {
		return ""
	}
	for _, i := range []int{0, 1, 2, 3, 5, 6} {
		if m[i] < '0' || m[i] > '9' {
			return ""
		}
	}
	mon := int(m[5]-'0')*10 + int(m[6]-'0')
	y := quarterIndex(string(m[:4]) + "-Q1")
	if mon < 1 || mon > 12 || y/4 < register.MinYear || y/4 > register.MaxYear {
		return ""
	}
	return quarterName(y + (mon-1)/3)
}

// quarterIndex maps "2027-Q1" to a running number of quarters.
func quarterIndex(q string) int {
	y := 0
	for _, c := range q[:4] {
		y = y*10 + int(c-'0')
	}
	return y*4 + int(q[6]-'1')
}

func quarterName(i int) string {
	y, q := i/4, i%4+1
	return string([]byte{byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-', 'Q', byte('0' + q)})
}
