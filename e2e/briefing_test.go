//go:build e2e

package e2e

import (
	"bytes"
	"os"
	"strconv"
	"strings"
	"testing"

	"atpreg/internal/pdftest"
)

// TestBriefingExport exports a meeting's packs through the window on a demo
// register: one encrypted copy per partner written to the chosen folder
// (0600, AES-256), then listed in the ledger; then an anonymised pack of
// chosen entities for a named recipient that names none of them.
func TestBriefingExport(t *testing.T) {
	p := NewUnlockedPage(t, true)
	p.Click(`.sidebar [data-area="packs"]`)
	p.WaitVisible(`[data-testid="ledger-empty"]`)
	p.Screenshot("packs-ledger-empty")

	p.Click(`[data-testid="packs-new"]`)
	p.WaitVisible(`[data-testid="pack-copies"]`)
	dir := t.TempDir()
	p.Fill(`[data-testid="pack-dir"]`, dir)
	p.Fill(`[data-testid="pack-password"]`, "fictional pack password")
	p.Fill(`[data-testid="pack-password2"]`, "fictional pack password")
	copies := Eval[int](p, `document.querySelectorAll('[data-testid="pack-copies"] li').length`)
	if copies < 2 {
		t.Fatalf("the meeting offers %d copies, want one per partner (2)", copies)
	}
	// A partner is flagged "in this pack" exactly when their copy leaves entities out.
	flagged := Eval[int](p, `document.querySelectorAll('[data-testid="pack-conflict"]').length`)
	if left := Eval[int](p, `document.querySelectorAll('[data-testid="pack-left-out"]').length`); flagged != left {
		t.Errorf("%d partners flagged with conflicts in this pack, %d copies leave entities out", flagged, left)
	}
	p.Screenshot("packs-export-form")
	Eval[bool](p, `(window.__progress = [], window.runtime.EventsOn('brief:progress', e => window.__progress.push(e)), true)`)
	p.Click(`[data-testid="pack-export-button"]`)
	p.WaitVisible(`[data-testid="pack-result"]`)
	p.Screenshot("packs-export-done")
	// The backend reported each copy and the final step as Wails events.
	// (Counted as distinct steps: the dev server's event bridge may deliver
	// an event to a page more than once.)
	p.WaitJS(`new Set(window.__progress.map(e => e.done + '/' + e.total + '/' + e.message)).size >= `+strconv.Itoa(copies+1)+
		` && window.__progress.some(e => e.done === e.total && /written and recorded/.test(e.message))`, defaultWait)

	paths := Eval[[]string](p, `[...document.querySelectorAll('[data-testid="pack-file"]')].map(e => e.dataset.path)`)
	if len(paths) != copies {
		t.Fatalf("%d files shown for %d copies", len(paths), copies)
	}
	for _, path := range paths {
		if !strings.HasPrefix(path, dir) {
			t.Errorf("pack written to %s, outside the chosen folder %s", path, dir)
		}
		st, err := os.Stat(path)
		if err != nil {
			t.Fatalf("pack not on disk: %v", err)
		}
		if st.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v, want 0600", path, st.Mode().Perm())
		}
		b, _ := os.ReadFile(path)
		if !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.Contains(b, []byte("/Encrypt")) {
			t.Errorf("%s is not an encrypted PDF", path)
		}
		if out, err := pdftest.Info(t, path, "-upw", "fictional pack password"); err != nil || !strings.Contains(out, "AES-256") {
			t.Errorf("pdfinfo %s: %v\n%s", path, err, out)
		}
		if out, err := pdftest.Info(t, path); err == nil {
			t.Errorf("pdfinfo opened %s without the password:\n%s", path, out)
		}
	}

	doc := Eval[string](p, `document.querySelector('[data-testid="pack-result"]').dataset.doc`)
	p.Click(`.sidebar [data-area="packs"]`)
	p.WaitVisible(`[data-testid="ledger-table"]`)
	rows := Eval[int](p, `document.querySelectorAll('[data-testid="ledger-row"][data-doc="`+doc+`"]').length`)
	if rows != len(paths) {
		t.Fatalf("the ledger lists %d copies of %s, want %d", rows, doc, len(paths))
	}
	p.Screenshot("packs-ledger")

	// An anonymised pack of two chosen entities for a named recipient.
	type ent struct {
		ID   int64
		Name string
	}
	ents := Eval[[]ent](p, `window.go.app.BriefingService.Setup().then(s => s.entities.slice(0, 2).map(e => ({ID: e.id, Name: e.name})))`)
	p.Click(`[data-testid="packs-new"]`)
	p.WaitVisible(`[data-testid="pack-copies"]`)
	p.Click(`[data-testid="pack-source-entities"]`)
	for _, e := range ents {
		p.Click(`[data-testid="pack-entities"] input[data-entity="` + strconv.FormatInt(e.ID, 10) + `"]`)
	}
	// Only the named recipient: clear the partners the form starts with.
	Eval[bool](p, `(document.querySelectorAll('input[data-partner]:checked').forEach(e => e.click()), true)`)
	p.Fill(`[data-testid="pack-other"]`, "Dr Ada Lam (HKSTP)")
	p.Key("Enter")
	p.Click(`[data-testid="pack-anonymise"]`)
	anonDir := t.TempDir()
	p.Fill(`[data-testid="pack-dir"]`, anonDir)
	p.Click(`[data-testid="pack-export-button"]`)
	p.WaitVisible(`[data-testid="pack-result"]`)
	anon := Eval[[]string](p, `[...document.querySelectorAll('[data-testid="pack-file"]')].map(e => e.dataset.path)`)
	if len(anon) != 1 || !strings.Contains(anon[0], "Dr-Ada-Lam-HKSTP") {
		t.Fatalf("anonymised export wrote %v", anon)
	}
	out, err := pdftest.Text(t, anon[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if strings.Contains(out, e.Name) {
			t.Errorf("the anonymised pack names %q", e.Name)
		}
	}
	if !strings.Contains(out, "Dr Ada Lam (HKSTP)") {
		t.Error("the pack does not name its recipient")
	}
}
