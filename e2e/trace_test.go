//go:build e2e

package e2e

import (
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"testing"

	"atpreg/internal/pdftest"
)

// entityPageText is the bare text of a pack's first entity page as
// pdftotext reads it: without header, footer or watermark, spacing gone,
// as someone would copy it out of the PDF.
func entityPageText(t *testing.T, path string) string {
	t.Helper()
	for pg := 2; pg <= pdftest.Pages(t, path); pg++ {
		txt, err := pdftest.Text(t, path, "-f", strconv.Itoa(pg), "-l", strconv.Itoa(pg))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(txt, "Name of entity") && !strings.Contains(txt, "Entity name") {
			continue
		}
		var keep []string
		for _, l := range strings.Split(txt, "\n") {
			if strings.Contains(l, "CONFIDENTIAL") || strings.Contains(l, "BP-") || strings.Contains(l, "Page ") || strings.Contains(l, "Copy") {
				continue
			}
			keep = append(keep, l)
		}
		return pdftest.Flat(strings.Join(keep, " "))
	}
	t.Fatal("the pack has no entity page")
	return ""
}

// TestTraceLeakedCopy: the officer makes a meeting's packs for two named
// recipients through the export page, with the evaluation panel's result;
// pastes the bare text of one entity page of the second copy into the
// trace screen (reached from the ledger) and sees that copy named
// "certain", by its wording; drops the first copy's PDF and sees it named
// by its footers. Nothing pasted gives a message that says what to do.
func TestTraceLeakedCopy(t *testing.T) {
	p := NewUnlockedPage(t, true)
	p.Click(`.sidebar [data-area="packs"]`)
	p.WaitVisible(`[data-testid="ledger-empty"]`)
	if n := Eval[int](p, `document.querySelectorAll('[data-testid="packs-trace"]').length`); n != 0 {
		t.Error("the empty ledger offers to trace a copy")
	}
	p.Click(`[data-testid="packs-new"]`)
	p.WaitVisible(`[data-testid="pack-copies"]`)
	Eval[bool](p, `(document.querySelectorAll('input[data-partner]:checked').forEach(e => e.click()), true)`)
	recipients := []string{"Dr Fictional Reader One", "Dr Fictional Reader Two"}
	for _, r := range recipients {
		p.Fill(`[data-testid="pack-other"]`, r)
		p.Key("Enter")
	}
	p.WaitJS(`document.querySelectorAll('[data-testid="pack-copies"] li').length === 2`, defaultWait)
	p.Click(`[data-testid="pack-evaluation"]`)
	p.Fill(`[data-testid="pack-dir"]`, t.TempDir())
	p.Click(`[data-testid="pack-export-button"]`)
	p.WaitVisible(`[data-testid="pack-result"]`)
	doc := Eval[string](p, `document.querySelector('[data-testid="pack-result"]').dataset.doc`)
	paths := Eval[[]string](p, `[...document.querySelectorAll('[data-testid="pack-file"]')].map(e => e.dataset.path)`)
	if len(paths) != 2 {
		t.Fatalf("the export wrote %v, want two copies", paths)
	}
	full, err := pdftest.Text(t, paths[0])
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(pdftest.Flat(full), "Evaluation panel's result") {
		t.Error("the pack made with \"Include the evaluation panel's result\" ticked lacks it")
	}

	// The bare text of copy 2's first entity page, pasted.
	leak := entityPageText(t, paths[1])
	if strings.Contains(leak, doc) || strings.Contains(leak, recipients[1]) || strings.Contains(leak, "Copy") {
		t.Fatal("the excerpt names its copy: the test proves nothing")
	}
	p.Click(`.sidebar [data-area="packs"]`)
	p.WaitVisible(`[data-testid="ledger-table"]`)
	if n := Eval[int](p, `document.querySelectorAll('[data-testid="ledger-row"] [data-testid="ledger-evaluation"]').length`); n != 2 {
		t.Errorf("the ledger marks %d copies as carrying the panel's result, want 2", n)
	}
	p.Screenshot("trace-ledger")
	p.Click(`[data-testid="packs-trace"]`)
	p.WaitVisible(`[data-testid="trace-page"]`)
	p.WaitJS(`document.activeElement === document.querySelector('[data-testid="trace-text"]')`, defaultWait)
	p.Screenshot("trace-empty")

	// Nothing to trace: a message, no result (spaces are nothing too).
	p.Fill(`[data-testid="trace-text"]`, "   ")
	p.Click(`[data-testid="trace-run"]`)
	p.WaitText(`[data-testid="trace-error"]`, "Nothing to trace yet: paste the text")
	if n := Eval[int](p, `document.querySelectorAll('[data-testid="trace-result"]').length`); n != 0 {
		t.Error("an empty text shows a result")
	}
	p.Screenshot("trace-nothing")

	p.Fill(`[data-testid="trace-text"]`, "")
	js, _ := json.Marshal(leak)
	Eval[bool](p, `(()=>{const e=document.querySelector('[data-testid="trace-text"]'); e.focus(); return document.execCommand('insertText', false, `+string(js)+`)})()`)
	p.Click(`[data-testid="trace-run"]`)
	p.WaitVisible(`[data-testid="trace-match"]`)
	if n := Eval[int](p, `document.querySelectorAll('[data-testid="trace-error"]').length`); n != 0 {
		t.Errorf("the error stays after a trace: %q", p.Text(`[data-testid="trace-error"]`))
	}
	type found struct {
		Certainty, Copy, Doc, Text string
	}
	matches := Eval[[]found](p, `[...document.querySelectorAll('[data-testid="trace-match"]')].map(e => ({Certainty: e.dataset.certainty, Copy: e.dataset.copy, Doc: e.dataset.doc, Text: e.textContent}))`)
	best := matches[0]
	if best.Certainty != "certain" || best.Copy != "2" || best.Doc != doc || !strings.Contains(best.Text, recipients[1]) ||
		!strings.Contains(best.Text, "Certain") || !strings.Contains(best.Text, "wording choices read match this copy") {
		t.Errorf("the pasted page of copy 2 is traced to %+v", best)
	}
	for _, m := range matches[1:] {
		if m.Certainty == "certain" || m.Copy == "2" {
			t.Errorf("another entry is named too: %+v", m)
		}
	}
	summary := p.Text(`[data-testid="trace-summary"]`)
	if !strings.HasPrefix(summary, "The pasted text comes from copy 2 for "+recipients[1]) {
		t.Errorf("the summary reads %q", summary)
	}
	p.Screenshot("trace-pasted")

	// Copy 1's PDF dropped on the page: named by its footers.
	data, err := os.ReadFile(paths[0])
	if err != nil {
		t.Fatal(err)
	}
	p.dropFiles(`[data-testid="trace-page"]`, map[string][]byte{"forwarded.pdf": data}, true)
	p.WaitText(`[data-testid="trace-summary"]`, "forwarded.pdf comes from copy 1 for "+recipients[0])
	first := Eval[found](p, `(e => ({Certainty: e.dataset.certainty, Copy: e.dataset.copy, Doc: e.dataset.doc, Text: e.textContent}))(document.querySelector('[data-testid="trace-match"]'))`)
	if first.Certainty != "certain" || first.Copy != "1" || first.Doc != doc || !strings.Contains(first.Text, "printed at the foot of its pages") {
		t.Errorf("the dropped copy 1 is traced to %+v", first)
	}
	if n := Eval[int](p, `document.querySelectorAll('[data-testid="trace-match"]').length`); n != 1 {
		t.Errorf("%d entries for a copy its footers name", n)
	}
	p.Screenshot("trace-dropped")

	// The entity's details without its products (about ten wording choices):
	// copy 2 still comes first, and no other copy is named certain.
	p.Click(`[data-testid="trace-clear"]`)
	cut := strings.Index(leak, "Product 1:")
	if cut < 0 {
		t.Fatalf("the entity page has no \"Product 1:\": %q", leak)
	}
	p.Fill(`[data-testid="trace-text"]`, leak[:cut])
	p.Click(`[data-testid="trace-run"]`)
	p.WaitVisible(`[data-testid="trace-match"]`)
	part := Eval[[]found](p, `[...document.querySelectorAll('[data-testid="trace-match"]')].map(e => ({Certainty: e.dataset.certainty, Copy: e.dataset.copy, Doc: e.dataset.doc, Text: e.textContent}))`)
	if part[0].Copy != "2" || part[0].Certainty == "possible" {
		t.Errorf("part of copy 2's page is traced first to %+v", part[0])
	}
	for _, m := range part[1:] {
		if m.Certainty != "possible" {
			t.Errorf("part of copy 2's page names another copy %s: %+v", m.Certainty, m)
		}
	}
	p.Screenshot("trace-few")

	// Text of no pack: the message says what to give instead.
	p.Click(`[data-testid="trace-clear"]`)
	p.Fill(`[data-testid="trace-text"]`, "Minutes of the fictional garden club: the roses did well.")
	p.Key("Control+Enter")
	p.WaitText(`[data-testid="trace-error"]`, "cannot be traced")
}
