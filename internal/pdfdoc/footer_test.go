package pdfdoc_test

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"atpreg/internal/pdfdoc"
	"atpreg/internal/pdftest"
)

// longName returns a fictional recipient name of exactly n characters built
// from part.
func longName(part string, n int) string {
	var b strings.Builder
	for utf8.RuneCountInString(b.String()) < n {
		b.WriteString(part)
	}
	return string([]rune(b.String())[:n])
}

// TestFooterCarriesWholeRecipient reads every page's footer (the strip below
// the footer rule, without the watermark) with pdftotext and finds the whole
// recipient name, the copy number, the document id and the page number.
func TestFooterCarriesWholeRecipient(t *testing.T) {
	names := map[string]string{
		"English": longName("Professor Adelaide Montgomery-Fairweather, Harbourview University Institute for Regenerative Medicine ", 120),
		"Chinese": longName("海港景大學再生醫學研究所細胞治療轉化中心主任陳嘉慧教授", 120),
		"Short":   "Dr Ada Lam",
	}
	for label, name := range names {
		t.Run(label, func(t *testing.T) {
			name = strings.TrimSpace(name)
			for _, wm := range []bool{false, true} {
				d, err := pdfdoc.New(pdfdoc.Options{Title: "Briefing pack", DocumentID: "BP-20260314-4F2A", Recipient: name, CopyNo: 17, Watermark: wm, Clock: clock})
				if err != nil {
					t.Fatal(err)
				}
				for i := 0; i < 3; i++ {
					if i > 0 {
						d.PageBreak()
					}
					d.H1("Section " + strconv.Itoa(i+1))
					d.Para("Fictional text for the page.")
				}
				b, err := d.Bytes()
				if err != nil {
					t.Fatal(err)
				}
				path := pdftest.WriteTemp(t, "footer.pdf", b)
				if n := pdftest.Pages(t, path); n != 3 {
					t.Fatalf("%d pages, want 3", n)
				}
				for pg := 1; pg <= 3; pg++ {
					// The footer strip: from the footer rule (283 mm) down, in points at 72 dpi.
					txt, err := pdftest.Text(t, path, "-f", strconv.Itoa(pg), "-l", strconv.Itoa(pg), "-x", "0", "-y", "800", "-W", "596", "-H", "42")
					if err != nil {
						t.Fatal(err)
					}
					sq := pdftest.Squeeze(txt)
					for _, want := range []string{pdftest.Squeeze(name), "Copy17", "BP-20260314-4F2A", "Page" + strconv.Itoa(pg) + "of3"} {
						if !strings.Contains(sq, want) {
							t.Errorf("watermark %v, page %d: footer %q lacks %q", wm, pg, txt, want)
						}
					}
					if strings.Contains(txt, "…") {
						t.Errorf("watermark %v, page %d: footer cut: %q", wm, pg, txt)
					}
				}
			}
		})
	}
}

// TestChineseFurniture: a zh-HK document's header, footer, watermark and
// note boxes are in Chinese, with no English left; another language is
// refused.
func TestChineseFurniture(t *testing.T) {
	d, err := pdfdoc.New(pdfdoc.Options{Title: "簡報文件", DocumentID: "BP-20260314-4F2A", Recipient: "陳嘉慧教授", CopyNo: 17,
		Watermark: true, Clock: clock, Lang: "zh-HK"})
	if err != nil {
		t.Fatal(err)
	}
	d.H1("會議")
	d.Para("虛構的內容。")
	d.NotesBox(30)
	b, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	path := pdftest.WriteTemp(t, "zh.pdf", b)
	txt, err := pdftest.Text(t, path)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := pdftest.Text(t, path, "-raw")
	if err != nil {
		t.Fatal(err)
	}
	sq := pdftest.Squeeze(txt)
	for _, want := range []string{"機密", "收件人：陳嘉慧教授·第17份", "第1頁，共1頁", "筆記", "BP-20260314-4F2A"} {
		if !strings.Contains(sq, want) {
			t.Errorf("the Chinese document lacks %q:\n%s", want, txt)
		}
	}
	if !strings.Contains(pdftest.Squeeze(raw), "機密·陳嘉慧教授·第17份") {
		t.Errorf("no Chinese watermark:\n%s", raw)
	}
	for _, en := range []string{"CONFIDENTIAL", "Page", "Copy", "For ", "Notes"} {
		if strings.Contains(txt, en) {
			t.Errorf("the Chinese document shows %q:\n%s", en, txt)
		}
	}
	if _, err := pdfdoc.New(pdfdoc.Options{Lang: "fr"}); err == nil {
		t.Error("a document in French was started")
	}
}
