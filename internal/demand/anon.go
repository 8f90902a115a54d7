package demand

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"time"
)

// Threshold is the smallest count an anonymised output shows exactly: every
// count from 1 to Threshold-1 is shown as "<3". Zero is shown as 0.
const Threshold = 3

// Suppressed is how an anonymised output shows a small count.
const Suppressed = "<3"

// Withheld is how an anonymised output shows a count kept back so that a
// "<3" beside it cannot be worked out from the other counts.
const Withheld = "withheld"

// MaxHiddenShare is the largest share of its counts an anonymised summary
// should hide: the timeline is grouped by quarter, half-year or year, the
// finest that keeps within it.
const MaxHiddenShare = 0.2

// SuppressionRule states the small-count rule in the officer's words; every
// anonymised output carries it, with a methods note (see Disclosure).
const SuppressionRule = "Small counts can identify an entity, so every count from 1 to 2 is shown as \"<3\" " +
	"(zero is shown as 0). An answer with a small count is first merged with another answer of the same question " +
	"(shown as one row, \"A; or B\"), and the timeline is grouped by quarter, half-year or year, whichever is the finest " +
	"that leaves few counts hidden. Where a \"<3\" could still be worked out from the counts and totals the summary " +
	"shows, further counts are withheld until it cannot: these are shown as \"" + Withheld + "\". Before it is written, " +
	"the summary is checked by linear programming over every relation between its counts; it is not written if any " +
	"\"<3\" could be narrowed to a single value. Every other count is exact. The officer's own dashboard shows exact numbers."

// CountingRules say how the counts are made; every anonymised output carries them.
var CountingRules = []string{
	"Each product submission counts once in every chart; an entity counts once in a row when any of its products falls in that row, so the entity counts of one chart can add up to more than the number of entities.",
	"Starting materials and training roles allow several answers: a product counts in each row it names.",
	"\"Not answered\" counts products that leave the item of the RFI unanswered.",
	"Expected commencement is grouped by calendar quarter, half-year or year; products without a date are counted apart.",
	"The summary holds aggregate counts only: no names, products, contacts, free text or entity numbers.",
}

// Figure is a count as an anonymised output shows it: exact from Threshold
// up and at zero, "<3" from 1 to Threshold-1, or withheld (see
// SuppressionRule). It never holds the exact count it hides. In JSON it is a
// number, or the string "<3" or "withheld".
type Figure int

// Figures that hide their count.
const (
	suppressedFigure Figure = -1 // a count from 1 to 2
	withheldFigure   Figure = -2 // a count kept back to protect a "<3"
)

// Mask returns n as an anonymised figure.
func Mask(n int) Figure {
	if n > 0 && n < Threshold {
		return suppressedFigure
	}
	return Figure(n)
}

// Suppressed reports whether f is a small count shown as "<3".
func (f Figure) Suppressed() bool { return f == suppressedFigure }

// Withheld reports whether f is a count withheld to protect a "<3".
func (f Figure) Withheld() bool { return f == withheldFigure }

// Exact reports whether f shows its count.
func (f Figure) Exact() bool { return f >= 0 }

// String returns the figure as printed: the number, "<3" or "withheld".
func (f Figure) String() string {
	switch {
	case f.Suppressed():
		return Suppressed
	case f.Withheld():
		return Withheld
	}
	return strconv.Itoa(int(f))
}

// MarshalJSON writes the number, or "<3" or "withheld" as a string.
func (f Figure) MarshalJSON() ([]byte, error) {
	if !f.Exact() {
		return []byte(`"` + f.String() + `"`), nil
	}
	return []byte(strconv.Itoa(int(f))), nil
}

// Meta describes an anonymised output: which document it is and when and by
// what it was made. It carries no names.
type Meta struct {
	DocumentID  string    // e.g. "DS-20260314-0930"; printed on every page
	GeneratedAt time.Time // when it was made
	Generator   string    // e.g. "atpreg 1.2.0"
	// Lang is the language of the report's titles, labels, rules and notes
	// and of its PDF: "" or "en" English, "zh-HK" Traditional Chinese. The
	// JSON keys and the figures' values ("<3", "withheld") do not change.
	Lang string
}

// Report is the anonymised demand summary: aggregate counts only, each small
// count suppressed, with the rules it follows, what it hid and why, and its
// metadata.
type Report struct {
	Lang        string           `json:"lang"` // en or zh-HK
	Title       string           `json:"title"`
	DocumentID  string           `json:"documentId"`
	GeneratedAt string           `json:"generatedAt"` // RFC 3339
	Generator   string           `json:"generator"`
	Filter      ReportFilter     `json:"filter"`
	Suppression ReportRule       `json:"suppression"`
	Disclosure  ReportDisclosure `json:"disclosure"`
	Counting    []string         `json:"counting"`
	Totals      ReportTotals     `json:"totals"`
	Dimensions  []ReportDim      `json:"dimensions"`
	Timeline    ReportTime       `json:"timeline"`
}

// ReportFilter is the status filter of a Report.
type ReportFilter struct {
	All      bool     `json:"allStatuses"`
	Statuses []string `json:"statuses"` // codes
	Labels   []string `json:"labels"`
}

// ReportRule is the small-count rule of a Report.
type ReportRule struct {
	Threshold int    `json:"threshold"`
	ShownAs   string `json:"shownAs"`
	Withheld  string `json:"withheldAs"`
	Rule      string `json:"rule"`
}

// ReportDisclosure says what a Report hides and why: how many of the counts
// it prints are hidden, which answers it merged, how it groups the timeline,
// and the methods note that says so in words.
type ReportDisclosure struct {
	// Counts is the number of counts printed (totals, both counts of every
	// row, every cell of the timeline); Small of them are "<3" and Withheld
	// withheld. HiddenShare is (Small+Withheld)/Counts.
	Counts      int     `json:"counts"`
	Small       int     `json:"small"`
	Withheld    int     `json:"withheld"`
	HiddenShare float64 `json:"hiddenShare"`
	// Periods is how the timeline is grouped: PeriodQuarter, PeriodHalf or
	// PeriodYear.
	Periods string `json:"periods"`
	// Merged lists each merged row as "question: row".
	Merged []string `json:"merged"`
	// Note is the methods note: the numbers above and the reasons, in words.
	Note string `json:"note"`
	// unsafe is set by Anonymise when no count was left to withhold for
	// some pinned "<3": too few entities to anonymise.
	unsafe bool
}

// ReportTotals are the totals of a Report.
type ReportTotals struct {
	Entities           Figure `json:"entities"`
	Submissions        Figure `json:"submissions"`
	WithoutSubmissions Figure `json:"entitiesWithoutSubmissions"`
}

// ReportRow is one row of an anonymised dimension. Merged lists the codes of
// the answers a row merges (empty for a row of one answer).
type ReportRow struct {
	Code        string   `json:"code"`
	Label       string   `json:"label"`
	Merged      []string `json:"merged,omitempty"`
	Entities    Figure   `json:"entities"`
	Submissions Figure   `json:"submissions"`
}

// ReportDim is one anonymised dimension.
type ReportDim struct {
	Key         string      `json:"key"`
	Title       string      `json:"title"`
	MultiChoice bool        `json:"multiChoice"`
	Rows        []ReportRow `json:"rows"`
}

// ReportSeries is one ATP type along the anonymised timeline: its products
// in each period. Merged lists the codes of the types a series merges.
type ReportSeries struct {
	Code        string   `json:"code"`
	Label       string   `json:"label"`
	Merged      []string `json:"merged,omitempty"`
	Submissions []Figure `json:"submissions"`
}

// ReportTime is the anonymised timeline of expected commencement, by
// period ("2027-Q1", "2027-H1" or "2027"; see ReportDisclosure.Periods).
type ReportTime struct {
	Periods            []string       `json:"periods"`
	Series             []ReportSeries `json:"series"`
	TotalEntities      []Figure       `json:"totalEntities"`
	TotalSubmissions   []Figure       `json:"totalSubmissions"`
	UndatedEntities    Figure         `json:"undatedEntities"`
	UndatedSubmissions Figure         `json:"undatedSubmissions"`
}

// ReportTitle is the title of every anonymised summary.
const ReportTitle = "Demand for ATP manufacturing capacity: anonymised summary"

// Anonymise turns s into a Report: the labels of the RFI's choices and masked
// counts only (no entity ids), with m's metadata. Answers with small counts
// are merged (see mergeSparse); the timeline is grouped by the finest period
// (quarter, half-year, year) that hides at most MaxHiddenShare of the
// counts, or else by the one that hides fewest (by year, or as one period
// when by year a "<3" could still be worked out); counts are withheld where a
// "<3" could otherwise be worked out (see protect). A report that still lets
// a "<3" be worked out fails its Audit, and JSON and PDF refuse to write it.
//
// The report is in m.Lang (English for an unknown language: ParseLang
// checks it before).
func Anonymise(s Summary, m Meta) Report {
	w := wordsOf(m.Lang)
	merged, notes := mergeSparse(relabel(s, w), w)
	var best Report
	bestOK, bestShare := false, 2.0
	groupings := []string{PeriodQuarter, PeriodHalf, PeriodYear, PeriodWhole}
	for gi, g := range groupings {
		last := gi >= len(groupings)-2 || len(s.Timeline.Quarters) == 0
		r, ok := anonymise(merged, regroup(merged.Timeline, g), m, w, last)
		r.Disclosure.Periods = g
		share := r.Disclosure.HiddenShare
		if ok && !bestOK || ok == bestOK && share < bestShare-1e-9 {
			best, bestOK, bestShare = r, ok, share
		}
		if ok && share <= MaxHiddenShare || len(s.Timeline.Quarters) == 0 || ok && g == PeriodYear {
			break
		}
	}
	best.Disclosure.unsafe = !bestOK
	best.Disclosure.Merged = notes
	best.Disclosure.Note = w.note(best.Disclosure)
	return best
}

// anonymise builds the report of s with the timeline tl, masks its small
// counts and protects them. It reports whether every "<3" is safe. Unless
// last, a report whose small counts alone are more than MaxHiddenShare of its
// counts is left unprotected, and reported unsafe.
func anonymise(s Summary, tl Timeline, m Meta, w *words, last bool) (Report, bool) {
	r := Report{
		Lang:        w.lang,
		Title:       w.title,
		DocumentID:  m.DocumentID,
		GeneratedAt: m.GeneratedAt.Format(time.RFC3339),
		Generator:   m.Generator,
		Filter:      ReportFilter{All: len(s.Statuses) == 0, Statuses: []string{}, Labels: []string{}},
		Suppression: ReportRule{Threshold: Threshold, ShownAs: Suppressed, Withheld: Withheld, Rule: w.rule},
		Disclosure:  ReportDisclosure{Merged: []string{}},
		Counting:    append([]string(nil), w.counting...),
		Totals: ReportTotals{
			Entities:           Figure(s.Entities),
			Submissions:        Figure(s.Submissions),
			WithoutSubmissions: Figure(s.WithoutSubmissions),
		},
		Dimensions: make([]ReportDim, 0, len(s.Dimensions)),
	}
	for _, st := range s.Statuses {
		r.Filter.Statuses = append(r.Filter.Statuses, string(st))
		r.Filter.Labels = append(r.Filter.Labels, st.LabelIn(w.lang))
	}
	for _, d := range s.Dimensions {
		rd := ReportDim{Key: d.Key, Title: d.Title, MultiChoice: d.Multi, Rows: make([]ReportRow, len(d.Rows))}
		for i, row := range d.Rows {
			rd.Rows[i] = ReportRow{Code: row.Code, Label: row.Label, Merged: mergedCodes(row.Code),
				Entities: Figure(row.Entities), Submissions: Figure(row.Submissions)}
		}
		r.Dimensions = append(r.Dimensions, rd)
	}
	rt := ReportTime{
		Periods:            append([]string{}, tl.Quarters...),
		Series:             make([]ReportSeries, len(tl.Series)),
		TotalEntities:      make([]Figure, len(tl.Totals)),
		TotalSubmissions:   make([]Figure, len(tl.Totals)),
		UndatedEntities:    Figure(tl.Undated.Entities),
		UndatedSubmissions: Figure(tl.Undated.Submissions),
	}
	for i, se := range tl.Series {
		rs := ReportSeries{Code: se.Code, Label: se.Label, Merged: mergedCodes(se.Code), Submissions: make([]Figure, len(se.Cells))}
		for j, c := range se.Cells {
			rs.Submissions[j] = Figure(c.Submissions)
		}
		rt.Series[i] = rs
	}
	for i, c := range tl.Totals {
		rt.TotalEntities[i], rt.TotalSubmissions[i] = Figure(c.Entities), Figure(c.Submissions)
	}
	r.Timeline = rt

	sy := relations(&r)
	vals := make([]int, len(sy.figs))
	for k, f := range sy.figs {
		vals[k] = int(*f)
		*f = Mask(vals[k])
	}
	d := &r.Disclosure
	ok := true
	small := 0
	for _, f := range sy.figs {
		if f.Suppressed() {
			small++
		}
	}
	// A grouping whose small counts alone hide too much is not protected
	// unless it is the last to try (the caller then takes a coarser one).
	if last || float64(small) <= MaxHiddenShare*float64(len(sy.figs)) {
		ok = protect(sy, vals)
	} else {
		ok = false
	}
	d.Counts = len(sy.figs)
	for _, f := range sy.figs {
		switch {
		case f.Suppressed():
			d.Small++
		case f.Withheld():
			d.Withheld++
		}
	}
	if d.Counts > 0 {
		d.HiddenShare = float64(d.Small+d.Withheld) / float64(d.Counts)
	}
	return r, ok
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// JSON returns the report as indented JSON with a final newline ("<3"
// written as is, not HTML-escaped). A report that fails its Audit is not
// written: the error says so.
func (r Report) JSON() ([]byte, error) {
	if _, err := r.Audit(); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// FilterText says which statuses the report covers, for people, in the
// report's language.
func (r Report) FilterText() string {
	w := wordsOf(r.Lang)
	if r.Filter.All {
		return w.allStatuses
	}
	return strings.Join(r.Filter.Labels, w.statusSep)
}
