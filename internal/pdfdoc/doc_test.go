package pdfdoc_test

import (
	"bytes"
	"flag"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"atpreg/internal/apperr"
	"atpreg/internal/pdfdoc"
	"atpreg/internal/pdftest"
)

var update = flag.Bool("update", false, "rewrite testdata/golden files")

var clock = time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)

// sample builds a fictional briefing-style document of about four pages.
func sample(tb testing.TB, extraEntities int) *pdfdoc.Doc {
	tb.Helper()
	d, err := pdfdoc.New(pdfdoc.Options{
		Title:      "Briefing pack — Meeting with Harbourview University",
		Subject:    "ATP manufacturing capacity RFI",
		Author:     "HKSTP contact officer",
		DocumentID: "BP-2026-014",
		Recipient:  "Dr Ada Lam (Harbourview University)",
		CopyNo:     3,
		Watermark:  true,
		Clock:      clock,
	})
	if err != nil {
		tb.Fatal(err)
	}
	d.Cover(pdfdoc.CoverInfo{
		Heading:    "Briefing pack",
		Subheading: "Dialogue meeting with Harbourview University, 14 March 2026",
		Lines: [][2]string{
			{"Prepared for", "Dr Ada Lam (Harbourview University)"},
			{"Prepared by", "HKSTP contact officer"},
			{"Entities", "2"},
			{"Copy", "3 of 4"},
		},
		Notice: "Confidential. This pack holds commercially sensitive information submitted in response to the HKSTP Request for Information on ATP manufacturing capacity. Do not copy, forward or leave unattended. Return or destroy after the meeting.",
	})
	for i := 0; i < 2+extraEntities; i++ {
		name := fmt.Sprintf("Ocean Cell Therapeutics %d 海洋細胞治療", i+1)
		d.SetContext(name)
		d.H1(name)
		d.Para("香港科學園 嘅咗啲喺 — the entity plans autologous CAR-T manufacturing in Hong Kong and asks about GMP cleanroom space. Team morale 😀 is high.")
		d.H2("Submission")
		d.KV([][2]string{
			{"Entity type", "Start-up (incubated)"},
			{"Product", "OCT-101 autologous CAR-T for relapsed B-cell lymphoma"},
			{"Composition", strings.Repeat("Autologous T cells transduced with a lentiviral vector encoding an anti-CD19 CAR; 香港科學園 cryopreserved in 5% DMSO. ", 8)},
			{"Stage", "Phase I/II"},
		})
		d.H2("Evaluation")
		d.BarChart("Evaluation scores (out of 5)", []pdfdoc.Bar{
			{Label: "Technical readiness", Value: 4, Tone: pdfdoc.ToneGood},
			{Label: "Facility fit", Value: 3.5},
			{Label: "Timeline credibility", Value: 2, Tone: pdfdoc.ToneCaution},
			{Label: "Regulatory pathway", Value: 1.5, Tone: pdfdoc.ToneRisk},
		}, 5)
		d.Table([]string{"Date", "Meeting", "Notes"}, [][]string{
			{"2026-01-12", "Intro call", "Discussed cleanroom grade B requirements."},
			{"2026-02-03", "Site visit 科學園", strings.Repeat("Long note that wraps across several lines of the table cell. ", 4)},
			{"2026-02-20", "Follow-up", "Sent RFI clarification."},
		}, []float64{1, 1.3, 3})
		d.NotesBox(40)
	}
	d.SetContext("")
	d.H1("Demand overview")
	d.StackedChart("Requested cleanroom area by quarter (m²)", []string{"2026 Q1", "2026 Q2", "2026 Q3", "2026 Q4"}, []pdfdoc.Series{
		{Name: "Cell therapy", Values: []float64{120, 180, 240, 260}},
		{Name: "Gene therapy", Values: []float64{60, 80, 90, 150}},
		{Name: "Tissue engineered", Values: []float64{20, 20, 40, 60}},
	})
	return d
}

func mustBytes(tb testing.TB, d *pdfdoc.Doc) []byte {
	tb.Helper()
	b, err := d.Bytes()
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func TestTextIsExtractable(t *testing.T) {
	d := sample(t, 0)
	b := mustBytes(t, d)
	if !bytes.Contains(b, []byte("/Outlines")) {
		t.Error("no outline (bookmarks) in the PDF")
	}
	path := pdftest.WriteTemp(t, "sample.pdf", b)
	text, err := pdftest.Text(t, path)
	if err != nil {
		t.Fatal(err)
	}
	info, err := pdftest.Info(t, path)
	if err != nil {
		t.Fatalf("pdfinfo: %v\n%s", err, info)
	}
	pages := pdftest.Pages(t, path)
	if pages < 3 {
		t.Fatalf("only %d pages:\n%s", pages, info)
	}
	for _, want := range []string{
		"香港科學園 嘅咗啲喺",
		"海洋細胞治療",
		fmt.Sprintf("Page 1 of %d", pages),
		fmt.Sprintf("Page %d of %d", pages, pages),
		"BP-2026-014",
		"Evaluation scores (out of 5)",
		"Requested cleanroom area by quarter",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("pdftotext output lacks %q", want)
		}
	}
	// pdftotext returns rotated text one character a line: compare without spaces.
	raw, err := pdftest.Text(t, path, "-raw", "-f", "2", "-l", "2")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(pdftest.Squeeze(raw), "CONFIDENTIAL·DrAdaLam(HarbourviewUniversity)·Copy3") {
		t.Error("page 2 lacks the watermark")
	}
	if strings.Contains(text, "😀") {
		t.Error("the emoji reached the PDF")
	}
	if !strings.Contains(text, "morale □ is high") {
		t.Error("the emoji was not replaced by □")
	}
	for _, want := range []string{"Title: ", "Author: ", "HKSTP contact officer"} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
}

// TestEveryCharacterSurvivesWrapping checks that wrapped CJK text loses no
// character at line breaks (fpdf's own SplitText drops one per break).
func TestEveryCharacterSurvivesWrapping(t *testing.T) {
	d, err := pdfdoc.New(pdfdoc.Options{Title: "Wrap", DocumentID: "T-1", Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("香港科學園嘅咗啲喺", 40)
	d.Para(long)
	d.KV([][2]string{{"Name", long}})
	path := pdftest.WriteTemp(t, "wrap.pdf", mustBytes(t, d))
	text, err := pdftest.Text(t, path)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Count(text, "科")
	if want := 2 * 40; got != want {
		t.Fatalf("found %d of %d 科 after wrapping", got, want)
	}
}

func TestReplacedReportsWhere(t *testing.T) {
	d := sample(t, 0)
	got := d.Replaced()
	want := []pdfdoc.Replacement{
		{Where: "Ocean Cell Therapeutics 1 海洋細胞治療", Runes: []rune{'😀'}},
		{Where: "Ocean Cell Therapeutics 2 海洋細胞治療", Runes: []rune{'😀'}},
	}
	if len(got) != len(want) {
		t.Fatalf("Replaced() = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i].Where != want[i].Where || !slices.Equal(got[i].Runes, want[i].Runes) {
			t.Errorf("Replaced()[%d] = %+v, want %+v", i, got[i], want[i])
		}
	}

	d2, _ := pdfdoc.New(pdfdoc.Options{Title: "T", Clock: clock})
	d2.SetContext("Entity X")
	d2.KV([][2]string{{"Composition", "cells 𠀀 and 🚀"}, {"Notes", "fine"}})
	d2.KV([][2]string{{"Composition", "more 🚀 and 🧪"}})
	got = d2.Replaced()
	if len(got) != 1 || got[0].Where != "Entity X / Composition" || !slices.Equal(got[0].Runes, []rune{0x20000, '🚀', '🧪'}) {
		t.Fatalf("Replaced() = %+v", got)
	}
}

func TestReproducible(t *testing.T) {
	a := mustBytes(t, sample(t, 0))
	b := mustBytes(t, sample(t, 0))
	if !bytes.Equal(a, b) {
		t.Fatal("the same document produced different bytes")
	}
	d := sample(t, 0)
	if !bytes.Equal(mustBytes(t, d), mustBytes(t, d)) {
		t.Fatal("Bytes twice on one Doc differ")
	}
}

func TestGolden(t *testing.T) {
	tests := []struct {
		name  string
		build func(testing.TB) *pdfdoc.Doc
	}{
		{"sample", func(tb testing.TB) *pdfdoc.Doc { return sample(tb, 0) }},
		{"anonymous", func(tb testing.TB) *pdfdoc.Doc {
			d, err := pdfdoc.New(pdfdoc.Options{Title: "Demand summary", Author: "Officer Name", DocumentID: "DS-2026-Q1", Anonymous: true, Clock: clock})
			if err != nil {
				tb.Fatal(err)
			}
			d.H1("Demand")
			d.BarChart("Entities by product class", []pdfdoc.Bar{{Label: "CAR-T", Value: 7}, {Label: "Gene therapy", Value: 3}}, 0)
			return d
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := mustBytes(t, tc.build(t))
			pdftest.Golden(t, filepath.Join("testdata", "golden", tc.name+".pdf"), got, *update)
		})
	}
}

func TestAnonymousMetadata(t *testing.T) {
	d, err := pdfdoc.New(pdfdoc.Options{Title: "Demand summary", Author: "Officer Name", Recipient: "Dr Someone", DocumentID: "DS-1", Anonymous: true, Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	d.Para("Counts only.")
	b := mustBytes(t, d)
	info, err := pdftest.Info(t, pdftest.WriteTemp(t, "anon.pdf", b))
	if err != nil {
		t.Fatalf("pdfinfo: %v\n%s", err, info)
	}
	for _, name := range []string{"Officer Name", "Dr Someone"} {
		if strings.Contains(info, name) {
			t.Errorf("metadata of an anonymous document names %q:\n%s", name, info)
		}
	}
}

func TestEncrypt(t *testing.T) {
	plain := mustBytes(t, sample(t, 0))
	enc, err := pdfdoc.Encrypt(plain, "open sesame", "owner secret")
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(enc, []byte("BP-2026-014")) {
		t.Error("the document id is readable in the encrypted file")
	}
	path := pdftest.WriteTemp(t, "enc.pdf", enc)
	info, err := pdftest.Info(t, path, "-upw", "open sesame")
	if err != nil {
		t.Fatalf("pdfinfo with the password: %v\n%s", err, info)
	}
	if out, err := pdftest.Info(t, path); err == nil {
		t.Errorf("pdfinfo opened the encrypted PDF without the password:\n%s", out)
	}
	if !strings.Contains(info, "Encrypted:") || !strings.Contains(info, "algorithm:AES-256") {
		t.Errorf("pdfinfo does not report AES-256 encryption:\n%s", info)
	}
	if _, err := pdftest.Text(t, path); err == nil {
		t.Error("pdftotext read the encrypted PDF without a password")
	}
	text, err := pdftest.Text(t, path, "-upw", "open sesame")
	if err != nil {
		t.Fatalf("pdftotext with the password: %v", err)
	}
	if !strings.Contains(text, "香港科學園") {
		t.Error("decrypted text lacks the Chinese content")
	}
	if _, err := pdfdoc.Encrypt(plain, "", "x"); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("Encrypt without a password: err = %v, want invalid", err)
	}
}

func TestNewRejects(t *testing.T) {
	tests := []struct {
		name string
		opt  pdfdoc.Options
	}{
		{"ErrWatermarkWithoutRecipient", pdfdoc.Options{Title: "T", Watermark: true}},
		{"ErrNegativeCopy", pdfdoc.Options{Title: "T", CopyNo: -1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := pdfdoc.New(tc.opt); !apperr.Is(err, apperr.Invalid) {
				t.Fatalf("err = %v, want invalid", err)
			}
		})
	}
}

func TestBadContentFailsBytes(t *testing.T) {
	tests := []struct {
		name string
		add  func(*pdfdoc.Doc)
	}{
		{"ErrTableWidths", func(d *pdfdoc.Doc) { d.Table([]string{"A", "B"}, nil, []float64{1}) }},
		{"ErrTableRow", func(d *pdfdoc.Doc) { d.Table([]string{"A"}, [][]string{{"1", "2"}}, nil) }},
		{"ErrNegativeBar", func(d *pdfdoc.Doc) { d.BarChart("x", []pdfdoc.Bar{{Label: "a", Value: -1}}, 5) }},
		{"ErrSeriesLength", func(d *pdfdoc.Doc) {
			d.StackedChart("x", []string{"Q1", "Q2"}, []pdfdoc.Series{{Name: "s", Values: []float64{1}}})
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := pdfdoc.New(pdfdoc.Options{Title: "T", Clock: clock})
			if err != nil {
				t.Fatal(err)
			}
			tc.add(d)
			if _, err := d.Bytes(); !apperr.Is(err, apperr.Internal) {
				t.Fatalf("err = %v, want an internal error", err)
			}
		})
	}
}

// TestLongContentStaysInsideMargins lays out values and table cells taller
// than a page and checks that every page's text ends above the footer.
func TestLongContentStaysInsideMargins(t *testing.T) {
	d, err := pdfdoc.New(pdfdoc.Options{Title: "Long", DocumentID: "T-2", Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("A very long value that keeps going 香港科學園. ", 250)
	d.KV([][2]string{{"Short", "x"}, {"Huge", long}, {"After", "END-OF-KV"}})
	d.Table([]string{"A", "B"}, [][]string{{"1", long}, {"2", "END-OF-TABLE"}}, nil)
	path := pdftest.WriteTemp(t, "long.pdf", mustBytes(t, d))
	out, err := pdftest.Text(t, path, "-bbox")
	if err != nil {
		t.Fatal(err)
	}
	// Words of the body must lie above the footer rule at 283 mm (802 pt),
	// footer words below it; nothing in between the content end and the rule.
	const contentEndPt, footerRulePt = (297.0 - 20.0) * 72 / 25.4, (297.0 - 14.0) * 72 / 25.4
	var words int
	for _, line := range strings.Split(out, "\n") {
		if !strings.Contains(line, "<word ") {
			continue
		}
		var xMin, yMin, xMax, yMax float64
		i := strings.Index(line, "xMin=")
		if _, err := fmt.Sscanf(line[i:], `xMin="%f" yMin="%f" xMax="%f" yMax="%f"`, &xMin, &yMin, &xMax, &yMax); err != nil {
			t.Fatalf("parse %q: %v", line, err)
		}
		words++
		if yMax > contentEndPt+2 && yMin < footerRulePt {
			t.Errorf("a word runs into the bottom margin: %s", line)
		}
	}
	text, _ := pdftest.Text(t, path)
	for _, want := range []string{"END-OF-KV", "END-OF-TABLE"} {
		if !strings.Contains(text, want) {
			t.Errorf("lost %q", want)
		}
	}
	if words < 1000 {
		t.Fatalf("only %d words found", words)
	}
}
