package demand

import (
	"fmt"
	"time"

	"atpreg/internal/pdfdoc"
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
	clock, err := time.Parse(time.RFC3339, r.GeneratedAt)
	if err != nil {
		clock = time.Time{}
	}
	d, err := pdfdoc.New(pdfdoc.Options{
		Title:      "Demand summary (anonymised)",
		Subject:    r.Title,
		DocumentID: r.DocumentID,
		Clock:      clock,
		Anonymous:  true,
	})
	if err != nil {
		return nil, err
	}
	generated := r.GeneratedAt
	if !clock.IsZero() {
		generated = clock.Format("2 January 2006, 15:04 (MST)")
	}
	d.Cover(pdfdoc.CoverInfo{
		Heading:    "Demand for ATP manufacturing capacity",
		Subheading: "Anonymised summary of the responses to the HKSTP Request for Information on Advanced Therapy Products manufacturing",
		Lines: [][2]string{
			{"Document", r.DocumentID},
			{"Generated", generated},
			{"Statuses included", r.FilterText()},
			{"Entities", r.Totals.Entities.String()},
			{"Product submissions", r.Totals.Submissions.String()},
			{"Small counts", "1 and 2 shown as " + Suppressed + "; counts that would reveal them " + Withheld},
			{"Hidden", r.Disclosure.hiddenText()},
			{"Made by", r.Generator},
		},
		Notice: "Anonymised aggregate counts only: no names, products, contacts or free text. " + SuppressionRule,
	})

	d.H1("About this summary")
	d.Para("The RFI asks interested entities for pre-requisite information on each product they would manufacture, to gauge the demand for ATP process development and GMP manufacturing capacity. This summary counts those answers.")
	d.H2("Small counts")
	d.Para(SuppressionRule)
	d.H2("What this summary hides, and why")
	d.Para(r.Disclosure.Note)
	d.H2("How the counts are made")
	for _, c := range r.Counting {
		d.Para("• " + c)
	}

	d.H1("Overview")
	d.Table([]string{"", "Count"}, [][]string{
		{"Entities", r.Totals.Entities.String()},
		{"Product submissions", r.Totals.Submissions.String()},
		{"Entities without a product submission yet", r.Totals.WithoutSubmissions.String()},
		{"Products without an expected start", r.Timeline.UndatedSubmissions.String()},
	}, []float64{3, 1})

	for i, dm := range r.Dimensions {
		// Whole groups of questions to a page, so no heading is left alone
		// at a page foot and each chart sits beside its table.
		if i == 0 || pageBreakBefore[dm.Key] {
			d.PageBreak()
		}
		if i == 0 {
			d.H1("Demand by question")
		}
		d.H2(dm.Title)
		bars := make([]pdfdoc.Bar, len(dm.Rows))
		rows := make([][]string, len(dm.Rows))
		for i, row := range dm.Rows {
			bars[i] = figureBar(row.Label, row.Submissions)
			rows[i] = []string{row.Label, row.Entities.String(), row.Submissions.String()}
		}
		d.BarChart("Product submissions", bars, 0)
		d.Table([]string{"Answer", "Entities", "Products"}, rows, []float64{4, 1, 1})
		if dm.MultiChoice {
			d.Small("Several answers allowed: a product counts in each row it names.")
		}
	}

	d.PageBreak()
	tl := r.Timeline
	d.H1("Expected commencement by " + r.Disclosure.periodName())
	if len(tl.Periods) == 0 {
		d.Para("No product gives an expected date of commencement.")
	} else {
		// One bar per quarter, as every count is drawn: pdfdoc.StackedChart
		// prints each stack's sum, which cannot show "<3" or "withheld", so
		// the split by type is in the table below.
		bars := make([]pdfdoc.Bar, len(tl.Periods))
		for j, q := range tl.Periods {
			bars[j] = figureBar(q, tl.TotalSubmissions[j])
		}
		d.BarChart("Product submissions by "+r.Disclosure.periodName()+" of expected commencement (by type of ATP product in the table below)", bars, 0)
		headers := []string{titleFirst(r.Disclosure.periodName())}
		widths := []float64{1.2}
		for _, se := range tl.Series {
			headers = append(headers, se.Label)
			widths = append(widths, 1)
		}
		headers = append(headers, "All products", "Entities")
		widths = append(widths, 1, 1)
		rows := make([][]string, len(tl.Periods))
		for j, q := range tl.Periods {
			row := []string{q}
			for _, se := range tl.Series {
				row = append(row, se.Submissions[j].String())
			}
			row = append(row, tl.TotalSubmissions[j].String(), tl.TotalEntities[j].String())
			rows[j] = row
		}
		d.Table(headers, rows, widths)
	}
	if tl.UndatedSubmissions.Withheld() {
		d.Small("Products without an expected start: " + Withheld + ", so that no \"<3\" above can be worked out from all products.")
	} else {
		d.Small(fmt.Sprintf("Products without an expected start: %s (from %s entities).", tl.UndatedSubmissions, tl.UndatedEntities))
	}
	return d.Bytes()
}

// hiddenText says in a line how many counts the report hides.
func (d ReportDisclosure) hiddenText() string {
	return fmt.Sprintf("%d of %d counts (%.0f%%): %d shown as %s, %d %s", d.Small+d.Withheld, d.Counts, 100*d.HiddenShare,
		d.Small, Suppressed, d.Withheld, Withheld)
}

// periodName is the grouping of the timeline in words ("quarter").
func (d ReportDisclosure) periodName() string {
	switch d.Periods {
	case "":
		return PeriodQuarter
	case PeriodWhole:
		return "period"
	}
	return d.Periods
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
// withheld count with none.
func figureBar(label string, f Figure) pdfdoc.Bar {
	v := float64(f)
	switch {
	case f.Suppressed():
		v = suppressedBar
	case f.Withheld():
		v = 0
	}
	return pdfdoc.Bar{Label: label, Value: v, ValueText: f.String()}
}
