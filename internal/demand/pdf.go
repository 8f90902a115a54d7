package demand

import (
	"fmt"
	"time"

	"atpreg/internal/pdfdoc"
	"atpreg/internal/register"
)

// suppressedBar is the length a "<3" is drawn with: the same for 1 and 2,
// so the bar tells no more than its label. A withheld count is drawn with no
// bar at all.
const suppressedBar = 1.5

// PDF lays the report out as an A4 document in the house style of the
// briefing packs: a cover with the metadata and the rules, an overview, a
// bar chart and a table for each dimension, and the timeline of expected
// commencement as a bar per quarter with a table by type of ATP product. The document metadata
// carries no names. The same report gives the same bytes.
//
// A report that fails its Audit is not written: the error says so.
func (r Report) PDF() ([]byte, error) {
	if _, err := r.Audit(); err != nil {
		return nil, err
	}
	w, err := wordsFor(r.Lang)
	if err != nil {
		return nil, err
	}
	clock, err := time.Parse(time.RFC3339, r.GeneratedAt)
	if err != nil {
		clock = time.Time{}
	}
	d, err := pdfdoc.New(pdfdoc.Options{
		Title:      w.pdfTitle,
		Subject:    r.Title,
		DocumentID: r.DocumentID,
		Clock:      clock,
		Anonymous:  true,
		Lang:       w.lang,
	})
	if err != nil {
		return nil, err
	}
	generated := r.GeneratedAt
	if !clock.IsZero() {
		generated = register.FormatDateTime(clock, w.lang)
	}
	fig := func(f Figure) string {
		if f.Withheld() {
			return w.withheldShown
		}
		return f.String()
	}
	d.Cover(pdfdoc.CoverInfo{
		Heading:    w.heading,
		Subheading: w.subheading,
		Lines: [][2]string{
			{w.document, r.DocumentID},
			{w.generated, generated},
			{w.statuses, r.FilterText()},
			{w.entities, fig(r.Totals.Entities)},
			{w.products, fig(r.Totals.Submissions)},
			{w.smallCounts, w.smallCountsText},
			{w.hidden, w.hiddenOf(r.Disclosure)},
			{w.madeBy, r.Generator},
		},
		Notice: w.notice + r.Suppression.Rule,
	})

	d.H1(w.about)
	d.Para(w.aboutText)
	d.H2(w.smallCounts)
	d.Para(r.Suppression.Rule)
	d.H2(w.howHidden)
	d.Para(r.Disclosure.Note)
	d.H2(w.howCounted)
	for _, c := range r.Counting {
		d.Para("• " + c)
	}

	d.H1(w.overview)
	d.Table([]string{"", w.count}, [][]string{
		{w.entities, fig(r.Totals.Entities)},
		{w.products, fig(r.Totals.Submissions)},
		{w.withoutProducts, fig(r.Totals.WithoutSubmissions)},
		{w.undatedProducts, fig(r.Timeline.UndatedSubmissions)},
	}, []float64{3, 1})

	for i, dm := range r.Dimensions {
		// Whole groups of questions to a page, so no heading is left alone
		// at a page foot and each chart sits beside its table.
		if i == 0 || pageBreakBefore[dm.Key] {
			d.PageBreak()
		}
		if i == 0 {
			d.H1(w.byQuestion)
		}
		d.H2(dm.Title)
		bars := make([]pdfdoc.Bar, len(dm.Rows))
		rows := make([][]string, len(dm.Rows))
		for i, row := range dm.Rows {
			bars[i] = figureBar(row.Label, row.Submissions, fig)
			rows[i] = []string{row.Label, fig(row.Entities), fig(row.Submissions)}
		}
		d.BarChart(w.products, bars, 0)
		d.Table([]string{w.answer, w.answerEntities, w.answerProducts}, rows, []float64{4, 1, 1})
		if dm.MultiChoice {
			d.Small(w.several)
		}
	}

	d.PageBreak()
	tl := r.Timeline
	period := w.period[r.Disclosure.Periods]
	if period == "" {
		period = w.period[PeriodQuarter]
	}
	d.H1(fmt.Sprintf(w.expectedBy, period))
	if len(tl.Periods) == 0 {
		d.Para(w.noDates)
	} else {
		// One bar per quarter, as every count is drawn: pdfdoc.StackedChart
		// prints each stack's sum, which cannot show "<3" or "withheld", so
		// the split by type is in the table below.
		bars := make([]pdfdoc.Bar, len(tl.Periods))
		for j, q := range tl.Periods {
			bars[j] = figureBar(w.periodLabel(q), tl.TotalSubmissions[j], fig)
		}
		d.BarChart(fmt.Sprintf(w.timelineChart, period), bars, 0)
		headers := []string{titleFirst(period)}
		widths := []float64{1.2}
		for _, se := range tl.Series {
			headers = append(headers, se.Label)
			widths = append(widths, 1)
		}
		headers = append(headers, w.allProducts, w.answerEntities)
		widths = append(widths, 1, 1)
		rows := make([][]string, len(tl.Periods))
		for j, q := range tl.Periods {
			row := []string{w.periodLabel(q)}
			for _, se := range tl.Series {
				row = append(row, fig(se.Submissions[j]))
			}
			row = append(row, fig(tl.TotalSubmissions[j]), fig(tl.TotalEntities[j]))
			rows[j] = row
		}
		d.Table(headers, rows, widths)
	}
	if tl.UndatedSubmissions.Withheld() {
		d.Small(w.undatedWithheld)
	} else {
		d.Small(fmt.Sprintf(w.undatedFrom, fig(tl.UndatedSubmissions), fig(tl.UndatedEntities)))
	}
	return d.Bytes()
}

// titleFirst capitalises the first letter of an ASCII word.
func titleFirst(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// pageBreakBefore are the dimensions that start a page of the PDF.
var pageBreakBefore = map[string]bool{DimStartingMaterial: true, DimPDNeeded: true, DimTraining: true}

// figureBar draws a figure as a bar: every "<3" with the same length, a
// withheld count with none; fig writes the figure.
func figureBar(label string, f Figure, fig func(Figure) string) pdfdoc.Bar {
	v := float64(f)
	switch {
	case f.Suppressed():
		v = suppressedBar
	case f.Withheld():
		v = 0
	}
	return pdfdoc.Bar{Label: label, Value: v, ValueText: fig(f)}
}
