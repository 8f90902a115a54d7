package pdfdoc_test

import (
	"bytes"
	"testing"

	"atpreg/internal/pdfdoc"
	"atpreg/internal/pdftest"
)

// BenchmarkFourPages composes and writes the four-page sample after the
// font index is warm (as every pack after the first in a process).
func BenchmarkFourPages(b *testing.B) {
	mustBytes(b, sample(b, 0))
	var size int
	for b.Loop() {
		size = len(mustBytes(b, sample(b, 0)))
	}
	b.ReportMetric(float64(size)/1024, "KB")
}

// BenchmarkOneEntityPack is the smallest realistic pack: cover plus one entity.
func BenchmarkOneEntityPack(b *testing.B) {
	mustBytes(b, sample(b, 0))
	for b.Loop() {
		d, err := pdfdoc.New(pdfdoc.Options{Title: "Briefing pack", DocumentID: "BP-1", Recipient: "Dr Ada Lam", CopyNo: 1, Watermark: true, Clock: clock})
		if err != nil {
			b.Fatal(err)
		}
		d.Cover(pdfdoc.CoverInfo{Heading: "Briefing pack", Lines: [][2]string{{"Prepared for", "Dr Ada Lam"}}})
		d.H1("Ocean Cell Therapeutics 海洋細胞治療")
		d.KV([][2]string{{"Product", "OCT-101 autologous CAR-T"}, {"Composition", "香港科學園 嘅咗啲喺 T cells"}})
		d.BarChart("Scores", []pdfdoc.Bar{{Label: "Fit", Value: 4}}, 5)
		mustBytes(b, d)
	}
}

// BenchmarkThousandPages lays out about 1,000 pages and reports the page
// count, output size and the process's peak resident set (VmHWM).
func BenchmarkThousandPages(b *testing.B) {
	var out []byte
	for b.Loop() {
		out = mustBytes(b, sample(b, 800))
	}
	b.ReportMetric(float64(bytes.Count(out, []byte("/Type /Page\n"))), "pages")
	b.ReportMetric(float64(len(out))/(1<<20), "MB")
	b.ReportMetric(pdftest.PeakRSSMB(), "peakRSS-MB")
}
