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
// "<3" beside it cannot be worked out by subtraction.
const Withheld = "withheld"

// SuppressionRule states the small-count rule in the officer's words; every
// anonymised output carries it.
const SuppressionRule = "Small counts can identify an entity, so every count from 1 to 2 is shown as \"<3\" " +
	"(zero is shown as 0). Where counts add up to a total the summary shows (the answers to a single-answer question " +
	"add up to all products; the types of ATP product in a quarter add up to that quarter's products; the quarters and " +
	"the products without a date add up to all products), a \"<3\" could be worked out by subtraction, so the smallest " +
	"further counts of that group are withheld as well, with their entity counts, until it cannot: these are shown as \"" +
	Withheld + "\". Every other count is exact. The officer's own dashboard shows exact numbers."

// CountingRules say how the counts are made; every anonymised output carries them.
var CountingRules = []string{
	"Each product submission counts once in every chart; an entity counts once in a row when any of its products falls in that row, so the entity counts of one chart can add up to more than the number of entities.",
	"Starting materials and training roles allow several answers: a product counts in each row it names.",
	"\"Not answered\" counts products that leave the item of the RFI unanswered.",
	"Expected commencement is grouped by calendar quarter; products without a date are counted apart.",
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
}

// Report is the anonymised demand summary: aggregate counts only, each small
// count suppressed, with the rules it follows and its metadata.
type Report struct {
	Title       string       `json:"title"`
	DocumentID  string       `json:"documentId"`
	GeneratedAt string       `json:"generatedAt"` // RFC 3339
	Generator   string       `json:"generator"`
	Filter      ReportFilter `json:"filter"`
	Suppression ReportRule   `json:"suppression"`
	Counting    []string     `json:"counting"`
	Totals      ReportTotals `json:"totals"`
	Dimensions  []ReportDim  `json:"dimensions"`
	Timeline    ReportTime   `json:"timeline"`
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

// ReportTotals are the totals of a Report.
type ReportTotals struct {
	Entities           Figure `json:"entities"`
	Submissions        Figure `json:"submissions"`
	WithoutSubmissions Figure `json:"entitiesWithoutSubmissions"`
}

// ReportRow is one row of an anonymised dimension.
type ReportRow struct {
	Code        string `json:"code"`
	Label       string `json:"label"`
	Entities    Figure `json:"entities"`
	Submissions Figure `json:"submissions"`
}

// ReportDim is one anonymised dimension.
type ReportDim struct {
	Key         string      `json:"key"`
	Title       string      `json:"title"`
	MultiChoice bool        `json:"multiChoice"`
	Rows        []ReportRow `json:"rows"`
}

// ReportSeries is one ATP type along the anonymised timeline.
type ReportSeries struct {
	Code        string   `json:"code"`
	Label       string   `json:"label"`
	Entities    []Figure `json:"entities"`
	Submissions []Figure `json:"submissions"`
}

// ReportTime is the anonymised timeline of expected commencement.
type ReportTime struct {
	Quarters           []string       `json:"quarters"`
	Series             []ReportSeries `json:"series"`
	TotalEntities      []Figure       `json:"totalEntities"`
	TotalSubmissions   []Figure       `json:"totalSubmissions"`
	UndatedEntities    Figure         `json:"undatedEntities"`
	UndatedSubmissions Figure         `json:"undatedSubmissions"`
}

// ReportTitle is the title of every anonymised summary.
const ReportTitle = "Demand for ATP manufacturing capacity: anonymised summary"

// Anonymise turns s into a Report: the labels of the RFI's choices and masked
// counts only (no entity ids), with m's metadata. Counts are withheld where a
// "<3" could otherwise be worked out by subtraction (see protect).
func Anonymise(s Summary, m Meta) Report {
	r := Report{
		Title:       ReportTitle,
		DocumentID:  m.DocumentID,
		GeneratedAt: m.GeneratedAt.Format(time.RFC3339),
		Generator:   m.Generator,
		Filter:      ReportFilter{All: len(s.Statuses) == 0, Statuses: []string{}, Labels: []string{}},
		Suppression: ReportRule{Threshold: Threshold, ShownAs: Suppressed, Withheld: Withheld, Rule: SuppressionRule},
		Counting:    append([]string(nil), CountingRules...),
		Totals: ReportTotals{
			Entities:           Mask(s.Entities),
			Submissions:        Mask(s.Submissions),
			WithoutSubmissions: Mask(s.WithoutSubmissions),
		},
		Dimensions: make([]ReportDim, 0, len(s.Dimensions)),
	}
	for _, st := range s.Statuses {
		r.Filter.Statuses = append(r.Filter.Statuses, string(st))
		r.Filter.Labels = append(r.Filter.Labels, st.Label())
	}
	for _, d := range s.Dimensions {
		rd := ReportDim{Key: d.Key, Title: d.Title, MultiChoice: d.Multi, Rows: make([]ReportRow, len(d.Rows))}
		for i, row := range d.Rows {
			rd.Rows[i] = ReportRow{Code: row.Code, Label: row.Label, Entities: Mask(row.Entities), Submissions: Mask(row.Submissions)}
		}
		r.Dimensions = append(r.Dimensions, rd)
	}
	tl := s.Timeline
	rt := ReportTime{
		Quarters:           append([]string{}, tl.Quarters...),
		Series:             make([]ReportSeries, len(tl.Series)),
		TotalEntities:      make([]Figure, len(tl.Totals)),
		TotalSubmissions:   make([]Figure, len(tl.Totals)),
		UndatedEntities:    Mask(tl.Undated.Entities),
		UndatedSubmissions: Mask(tl.Undated.Submissions),
	}
	for i, se := range tl.Series {
		rs := ReportSeries{Code: se.Code, Label: se.Label, Entities: make([]Figure, len(se.Cells)), Submissions: make([]Figure, len(se.Cells))}
		for j, c := range se.Cells {
			rs.Entities[j], rs.Submissions[j] = Mask(c.Entities), Mask(c.Submissions)
		}
		rt.Series[i] = rs
	}
	for i, c := range tl.Totals {
		rt.TotalEntities[i], rt.TotalSubmissions[i] = Mask(c.Entities), Mask(c.Submissions)
	}
	r.Timeline = rt
	protect(s, &r)
	return r
}

// JSON returns the report as indented JSON with a final newline ("<3"
// written as is, not HTML-escaped).
func (r Report) JSON() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// FilterText says which statuses the report covers, for people.
func (r Report) FilterText() string {
	if r.Filter.All {
		return "All statuses"
	}
	return strings.Join(r.Filter.Labels, ", ")
}
