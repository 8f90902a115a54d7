//go:build e2e

package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sheetSetupJSON is what the send dialog is offered, read through the real
// backend.
type sheetSetupJSON struct {
	InEvaluation []struct {
		ID   int64  `json:"id"`
		Name string `json:"name"`
	} `json:"inEvaluation"`
}

// TestSheets runs issue 14 in the window on the demo register: an evaluator
// added in Settings (a bad email refused inline first) with a conflict of
// interest; "Send sheets…" from the ranking to the whole panel for the
// entities in evaluation, the conflicted entity shown left off before
// saving; three email drafts saved into a folder (read by Python's email
// package, each with the sheet attached); the sheets out on the Overview,
// per evaluator in Settings and per entity; the panel's agreement on the
// ranking. Then the same register opened with the clock 30 days on: the
// Overview shows the three sheets overdue.
func TestSheets(t *testing.T) {
	p := NewUnlockedPage(t, true)
	var setup sheetSetupJSON
	if err := json.Unmarshal([]byte(Eval[string](p, `window.go.app.SheetService.Setup().then(s => JSON.stringify(s))`)), &setup); err != nil || len(setup.InEvaluation) < 2 {
		t.Fatalf("setup: %v %+v", err, setup)
	}
	conflicted, other := setup.InEvaluation[0], setup.InEvaluation[1]

	// Settings: a new evaluator, refused with a bad email, then added.
	p.Click(`.sidebar [data-area="settings"]`)
	p.WaitVisible(`[data-testid="evaluators"]`)
	p.WaitJS(`document.querySelectorAll('[data-testid="evaluator-row"]').length === 2`, defaultWait)
	p.Click(`[data-testid="new-evaluator"]`)
	p.WaitVisible(`[data-testid="evaluator-form"]`)
	if Eval[string](p, `document.activeElement?.id ?? ''`) != "ev-name" {
		t.Error("the new evaluator form does not start in the name field")
	}
	p.Fill(`[data-testid="ev-name"]`, "Dr Fictional Wong")
	p.Fill(`[data-testid="ev-role"]`, "Clinical adviser")
	p.Fill(`[data-testid="ev-email"]`, "wong at panel")
	p.Click(`[data-testid="save-evaluator"]`)
	p.WaitText(`[data-testid="evaluator-form"] .field-error`, "not an email address")
	p.Screenshot("sheets-evaluator-error")
	p.Fill(`[data-testid="ev-email"]`, "wong@panel.example")
	p.Click(`[data-testid="save-evaluator"]`)
	p.WaitJS(`document.querySelectorAll('[data-testid="evaluator-row"]').length === 3 && !document.querySelector('[data-testid="evaluator-form"]')`, defaultWait)
	row := `[data-testid="evaluator-row"]:nth-child(2)` // by name: Dr Evelyn Tam, Dr Fictional Wong, Marcus Yip
	p.WaitText(row, "Dr Fictional Wong")

	// A conflict of interest, with its reason.
	p.Click(row + ` [data-testid="ev-add-conflict"]`)
	p.WaitVisible(`[data-testid="ev-conflict-dialog"]`)
	p.Fill(`[data-testid="ev-conflict-search"]`, conflicted.Name[:8])
	p.Click(fmt.Sprintf(`[data-testid="ev-conflict-pick-%d"]`, conflicted.ID))
	p.Fill(`[data-testid="ev-conflict-reason"]`, "Former employer (fictional)")
	p.Click(`[data-testid="ev-save-conflict"]`)
	p.WaitText(row+` [data-testid="ev-conflict"]`, conflicted.Name)
	p.Screenshot("sheets-settings-panel")

	// Send sheets from the ranking to the whole panel.
	p.Click(`.sidebar [data-area="evaluation"]`)
	p.Click(`[data-testid="send-sheets"]`)
	p.WaitVisible(`[data-testid="send-sheets-dialog"]`)
	p.WaitJS(`document.querySelectorAll('[data-testid="sheet-evaluator"] input:checked').length === 3`, defaultWait)
	p.WaitJS(fmt.Sprintf(`document.querySelectorAll('[data-testid="sheet-entities"] input:checked').length === %d`, len(setup.InEvaluation)), defaultWait)
	p.WaitText(`[data-testid="sheet-leftout"]`, conflicted.Name)
	if n := Eval[int](p, `document.querySelectorAll('[data-testid="sheet-leftout"]').length`); n != 1 {
		t.Errorf("%d evaluators shown with entities left off, want 1", n)
	}
	dir := filepath.Join(t.TempDir(), "sheets")
	p.Fill(`[data-testid="sheet-dir"]`, dir)
	p.Screenshot("sheets-send-dialog")
	p.Click(`[data-testid="sheets-send"]`)
	p.WaitVisible(`[data-testid="sheets-result"]`)
	p.WaitText(`[data-testid="sheets-notice"]`, conflicted.Name)
	p.Screenshot("sheets-send-result")
	files, err := os.ReadDir(dir)
	if err != nil || len(files) != 3 {
		t.Fatalf("%v: %d files in the folder, want 3", err, len(files))
	}
	var wong bool
	for _, f := range files {
		if filepath.Ext(f.Name()) != ".eml" {
			t.Errorf("%s is not an email draft", f.Name())
			continue
		}
		m := pyDraft(t, filepath.Join(dir, f.Name()))
		atts, _ := m["attachments"].([]any)
		if m["x_unsent"] != "1" || len(atts) != 1 || atts[0].(map[string]any)["type"] != "application/pdf" {
			t.Errorf("%s: %v", f.Name(), m)
		}
		if strings.Contains(m["to"].(string), "wong@panel.example") {
			wong = true
			if !strings.Contains(m["body"].(string), fmt.Sprintf("%d entities", len(setup.InEvaluation)-1)) {
				t.Errorf("Wong's draft does not count the entity left off:\n%s", m["body"])
			}
		}
	}
	if !wong {
		t.Error("no draft to the new evaluator")
	}
	p.Click(`[data-testid="send-sheets-dialog"] footer .btn.primary`)

	// The panel's agreement on the ranking.
	p.WaitVisible(`[data-testid="agreement"]`)
	p.WaitText(`[data-testid="agreement"]`, "Panel agreement")
	if v := Eval[string](p, `document.querySelector('[data-testid="alpha-overall"] strong').textContent`); v == "—" || v == "" {
		t.Errorf("the demo panel's alpha overall is %q", v)
	}
	p.Screenshot("sheets-ranking-agreement")

	// The Overview lists the three sheets out.
	p.Click(`.sidebar [data-area="overview"]`)
	p.WaitText(`[data-testid="overview-sheets"]`, "Dr Fictional Wong")
	p.WaitJS(`document.querySelectorAll('[data-testid="overview-sheets"] [data-testid="sheet-row"][data-state="out"]').length === 3`, defaultWait)
	p.WaitText(`[data-testid="sheets-out-count"]`, "3 out")
	p.Screenshot("sheets-overview-out")

	// Per entity: the sheets holding it, on its evaluation page.
	Eval[bool](p, fmt.Sprintf(`(location.hash = '#/evaluation/%d', true)`, other.ID))
	p.WaitJS(`document.querySelectorAll('[data-testid="entity-sheets"] [data-testid="sheet-row"]').length === 3`, defaultWait)
	p.Screenshot("sheets-entity")
	Eval[bool](p, fmt.Sprintf(`(location.hash = '#/evaluation/%d', true)`, conflicted.ID))
	p.WaitJS(`document.querySelectorAll('[data-testid="entity-sheets"] [data-testid="sheet-row"]').length === 2`, defaultWait)

	// A month on, the same register: the three sheets are overdue.
	p.Click(`[data-testid="lock-now"]`)
	p.WaitJS(`document.querySelector('[data-testid="lock-screen"]')?.dataset.state === 'locked'`, defaultWait)
	later := NewPage(t, StartApp(t, WithRegister(p.App.Register), WithEnv("ATPREG_INSECURE_TEST_CLOCK_DAYS=30")))
	later.WaitJS(`document.querySelector('[data-testid="lock-screen"]')?.dataset.state === 'locked'`, defaultWait)
	later.Fill(`[data-testid="passphrase"]`, TestPassphrase)
	later.Click(`[data-testid="unlock"]`)
	later.WaitJS(`document.querySelector('[data-ready][data-state="open"]')`, defaultWait)
	later.Click(`.sidebar [data-area="overview"]`)
	later.WaitText(`[data-testid="sheets-overdue-count"]`, "3 overdue")
	later.WaitJS(`document.querySelectorAll('[data-testid="overview-sheets"] [data-testid="sheet-row"][data-state="overdue"]').length === 3`, defaultWait)
	later.WaitText(`[data-testid="overview-sheets"] [data-testid="sheet-state"]`, "Overdue by 16 days")
	later.Screenshot("sheets-overview-overdue")
	later.Click(`.sidebar [data-area="settings"]`)
	later.WaitText(`[data-testid="evaluator-row"]:nth-child(2) [data-testid="evaluator-counts"]`, "1 overdue")
}
