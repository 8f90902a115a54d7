package briefing_test

import (
	"strconv"
	"testing"

	"atpreg/internal/briefing"
	"atpreg/internal/pdftest"
	"atpreg/internal/register"
)

// manyEntities returns n fictional entities of one product each, evaluated
// twice, cycling through the fixture's entities (about two pages each).
func manyEntities(n int) []briefing.EntityInput {
	base := fixtureEntities()
	out := make([]briefing.EntityInput, n)
	for i := range out {
		src := base[i%2]
		e := src.Entity
		e.ID = int64(1000 + i)
		e.Name = e.Name + " " + strconv.Itoa(i)
		e.Submissions = append([]register.Submission(nil), e.Submissions[:1]...)
		e.Submissions[0].Composition = "Autologous CD3+ T cells transduced with a lentiviral vector encoding an anti-CD19 CAR; target dose 1×10⁶ CAR+ cells/kg in 50 mL with 5% DMSO."
		evs := make([]register.Evaluation, len(src.Evaluations))
		for j, ev := range src.Evaluations {
			ev.EntityID = e.ID
			evs[j] = ev
		}
		out[i] = briefing.EntityInput{Entity: e, Evaluations: evs}
	}
	return out
}

// BenchmarkOneEntityPack renders a meeting pack of one entity with the font
// index warm (as every pack after the first in a process).
func BenchmarkOneEntityPack(b *testing.B) {
	in := fixtureInput()
	in.Entities = manyEntities(1)
	render(b, in, briefing.PackOptions{})
	var p briefing.Pack
	for b.Loop() {
		p = render(b, in, briefing.PackOptions{})
	}
	b.ReportMetric(float64(p.Pages), "pages")
	b.ReportMetric(float64(len(p.PDF))/1024, "KB")
}

// BenchmarkPack500Entities renders a 500-entity pack of chosen entities
// (about 1,000 pages) and
// reports pages, size and the process's peak resident set (VmHWM).
func BenchmarkPack500Entities(b *testing.B) {
	in := fixtureInput()
	in.Meeting, in.Partners = nil, nil
	in.Entities = manyEntities(500)
	var p briefing.Pack
	for b.Loop() {
		p = render(b, in, briefing.PackOptions{})
	}
	b.ReportMetric(float64(p.Pages), "pages")
	b.ReportMetric(float64(len(p.PDF))/(1<<20), "MB")
	b.ReportMetric(pdftest.PeakRSSMB(), "peakRSS-MB")
}
