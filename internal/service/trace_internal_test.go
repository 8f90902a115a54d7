package service

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"atpreg/internal/apperr"
	"atpreg/internal/briefing"
	"atpreg/internal/pdftest"
	"atpreg/internal/register"
)

// twoCopies makes the demo meeting's packs for two named recipients.
func twoCopies(t *testing.T) (*Register, PackResult) { return twoCopiesIn(t, "") }

// twoCopiesIn makes the demo meeting's packs for two named recipients in
// lang.
func twoCopiesIn(t *testing.T, lang string) (*Register, PackResult) {
	t.Helper()
	r := newDemo(t)
	m, _ := packMeeting(t, r)
	res, err := r.MakePacks(context.Background(), PackRequest{MeetingID: m.ID, Lang: lang,
		Recipients: []PackRecipient{{Name: "Dr Fictional Reader One"}, {Name: "Dr Fictional Reader Two"}}, Dir: t.TempDir()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return r, res
}

// TestTraceRewrittenPack: a pack rewritten by qpdf without its metadata is
// traced to its ledger entry by the document id and copy number in its
// footers, read by atpreg's own text extraction.
func TestTraceRewrittenPack(t *testing.T) {
	r, res := twoCopies(t)
	qpdf, err := exec.LookPath("qpdf")
	if err != nil {
		t.Skip("qpdf is not installed")
	}
	out := filepath.Join(t.TempDir(), "rewritten.pdf")
	if b, err := exec.Command(qpdf, "--empty", "--pages", res.Files[1].Path, "--", out).CombinedOutput(); err != nil {
		t.Fatalf("qpdf: %v %s", err, b)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), res.DocumentID) {
		t.Fatal("the rewritten file still carries the document id in plain bytes (metadata): the test proves nothing")
	}
	got, err := r.Trace(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Matches) != 1 || got.Matches[0].Entry.ID != res.Files[1].LedgerID || got.Matches[0].Certainty != "certain" {
		t.Fatalf("traced to %+v, want ledger entry %d for certain", got.Matches, res.Files[1].LedgerID)
	}
	if m := got.Matches[0]; m.Disagree != 0 || m.Agree < 10 {
		t.Errorf("the wording of the copy: %d agree, %d disagree", m.Agree, m.Disagree)
	}
}

// entityExcerpt is the text of the pack's first entity page as pdftotext
// reads it, without header and footer, whitespace normalised.
func entityExcerpt(t *testing.T, path string) string {
	t.Helper()
	for pg := 3; pg <= pdftest.Pages(t, path); pg++ {
		txt, err := pdftest.Text(t, path, "-f", strconv.Itoa(pg), "-l", strconv.Itoa(pg))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(txt, "Name of entity") && !strings.Contains(txt, "Entity name") &&
			!strings.Contains(txt, "機構名稱") && !strings.Contains(txt, "機構的名稱") {
			continue
		}
		var keep []string
		for _, l := range strings.Split(txt, "\n") {
			if strings.Contains(l, "CONFIDENTIAL") || strings.Contains(l, "BP-") || strings.Contains(l, "Page ") || strings.Contains(l, "Copy") ||
				strings.Contains(l, "機密") || strings.Contains(l, "頁，共") || strings.Contains(l, "收件人：") {
				continue
			}
			keep = append(keep, l)
		}
		return pdftest.Flat(strings.Join(keep, " "))
	}
	t.Fatal("no entity page")
	return ""
}

// TestTraceBareExcerpt: one entity page's text, without header, footer or
// spacing, is traced by its wording to the copy it came from, of two; and
// among 1,000 simulated copies only that copy's wording fits it. The same
// holds for packs in Chinese.
func TestTraceBareExcerpt(t *testing.T) {
	for _, lang := range []string{register.LangEnglish, register.LangChinese} {
		t.Run(lang, func(t *testing.T) { traceBareExcerpt(t, lang) })
	}
}

func traceBareExcerpt(t *testing.T, lang string) {
	r, res := twoCopiesIn(t, lang)
	for i, f := range res.Files {
		ex := entityExcerpt(t, f.Path)
		if strings.Contains(ex, res.DocumentID) || strings.Contains(ex, f.Recipient) {
			t.Fatal("the excerpt names its copy: the test proves nothing")
		}
		got, err := r.Trace(context.Background(), []byte(ex))
		if err != nil {
			t.Fatal(err)
		}
		if got.Seen < 10 {
			t.Errorf("copy %d: %d wording choices seen on one entity page, want 10 or more", i+1, got.Seen)
		}
		if len(got.Matches) == 0 || got.Matches[0].Entry.ID != f.LedgerID || got.Matches[0].Certainty == "possible" {
			t.Fatalf("copy %d traced to %+v, want ledger entry %d", i+1, got.Matches, f.LedgerID)
		}
		t.Logf("copy %d: %d choices seen, %s", i+1, got.Seen, got.Matches[0].Certainty)
		// 1,000 simulated copies of the same document: only this one fits.
		obs := briefing.Observe(ex)
		fits := 0
		for n := 1; n <= 1000; n++ {
			if _, d := obs.Compare(briefing.VariantsFor(res.DocumentID, n)); d == 0 {
				fits++
				if n != f.CopyNo {
					t.Errorf("simulated copy %d fits the excerpt of copy %d", n, f.CopyNo)
				}
			}
		}
		if fits != 1 {
			t.Errorf("%d of 1,000 copies fit, want 1", fits)
		}
	}
}

// TestTraceText: what Trace reads in a file: UTF-8 with or without its
// byte-order mark, UTF-16 either way round (Notepad's "Unicode"), and the
// files it refuses in words: binary data, an encrypted PDF, a PDF with no
// text to read.
func TestTraceText(t *testing.T) {
	utf16 := func(s string, big bool) []byte {
		out := []byte{0xFF, 0xFE}
		if big {
			out = []byte{0xFE, 0xFF}
		}
		for _, r := range s { // ASCII and BMP only
			if big {
				out = append(out, byte(r>>8), byte(r))
			} else {
				out = append(out, byte(r), byte(r>>8))
			}
		}
		return out
	}
	const text = "Name of entity: Fictional Cell Ltd · 細胞"
	for _, tc := range []struct {
		name string
		data []byte
		want string
		says string
	}{
		{"utf-8", []byte(text), text, ""},
		{"utf-8 with bom", append([]byte("\xEF\xBB\xBF"), text...), text, ""},
		{"utf-16le", utf16(text, false), text, ""},
		{"utf-16be", utf16(text, true), text, ""},
		{"binary", []byte("GIF89a\x01\x00\x01\x00\x00\x00"), "", "neither a PDF nor text"},
		{"encrypted pdf", []byte("%PDF-1.7\n1 0 obj <</Filter /Standard>> endobj\ntrailer <</Encrypt 1 0 R>>\n%%EOF"), "", "encrypted"},
		{"pdf without text", []byte("%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"), "", "No text can be read out of this PDF"},
	} {
		got, err := traceText(tc.data)
		if tc.says == "" {
			if err != nil || got != tc.want {
				t.Errorf("%s: read %q, %v; want %q", tc.name, got, err, tc.want)
			}
			continue
		}
		if apperr.CodeOf(err) != apperr.Invalid || !strings.Contains(err.Error(), tc.says) {
			t.Errorf("%s: %v, want an invalid error saying %q", tc.name, err, tc.says)
		}
	}
}

// TestTraceChinesePack: a Chinese pack is traced by the document id and
// the copy number of its footers (收件人：… · 第 N 份), read by atpreg's own
// text extraction.
func TestTraceChinesePack(t *testing.T) {
	r, res := twoCopiesIn(t, register.LangChinese)
	data, err := os.ReadFile(res.Files[1].Path)
	if err != nil {
		t.Fatal(err)
	}
	got, err := r.Trace(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Matches) != 1 || got.Matches[0].Entry.ID != res.Files[1].LedgerID || got.Matches[0].Certainty != "certain" ||
		got.Matches[0].By != "document id and copy number" {
		t.Fatalf("traced to %+v, want ledger entry %d by its footer, for certain", got.Matches, res.Files[1].LedgerID)
	}
	if m := got.Matches[0]; m.Disagree != 0 || m.Agree < 10 {
		t.Errorf("the wording of the copy: %d agree, %d disagree", m.Agree, m.Disagree)
	}
	if lang := got.Matches[0].Entry.Options["lang"]; lang != register.LangChinese {
		t.Errorf("the ledger records the pack's language as %v", lang)
	}
}
