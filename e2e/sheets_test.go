//go:build e2e

package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"atpreg/internal/forms/formstest"
	"atpreg/internal/mailin/mailtest"
	"atpreg/internal/register"
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
// ranking. One evaluator's reply with the filled sheet is dropped on the
// register, reviewed with the evaluation it records and confirmed: the sheet
// is returned. Then the same register opened with the clock 30 days on: the
// Overview shows the other two sheets overdue.
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
	var wong string
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
			wong = filepath.Join(dir, f.Name())
			if !strings.Contains(m["body"].(string), fmt.Sprintf("%d entities", len(setup.InEvaluation)-1)) {
				t.Errorf("Wong's draft does not count the entity left off:\n%s", m["body"])
			}
		}
	}
	if wong == "" {
		t.Fatal("no draft to the new evaluator")
	}
	p.Click(`[data-testid="send-sheets-dialog"] footer .btn.primary`)

	// The panel's agreement on the ranking.
	p.WaitVisible(`[data-testid="agreement"]`)
	p.WaitText(`[data-testid="agreement"]`, "Panel agreement")
	if v := Eval[string](p, `document.querySelector('[data-testid="alpha-overall"] strong').textContent`); v == "—" || v == "" {
		t.Errorf("the demo panel's alpha overall is %q", v)
	}
	p.Click(`[data-testid="disagreement-list"] summary`)
	p.WaitJS(`document.querySelectorAll('[data-testid="disagreement-list"] li').length > 1`, defaultWait)
	p.Screenshot("sheets-ranking-agreement")
	p.Click(`[data-testid="disagreement-list"] summary`)

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
	p.WaitText(`[data-testid="evaluator-conflict"]`, "Dr Fictional Wong (evaluator): Former employer (fictional)")

	// Wong fills the first entity of the attached sheet (pypdf) and replies;
	// the reply dropped on the register is reviewed with the evaluation it
	// records, confirmed, and the sheet is returned.
	check := map[string]bool{"e1.recommendation.invite": true}
	for _, a := range register.Aspects() {
		check["e1."+string(a)+".4"] = true
	}
	filled, _ := formstest.FillPDF(t, pyFirstAttachment(t, wong), map[string]string{"e1.reason": "Convincing plan (fictional)."}, check)
	reply := mailtest.Build(mailtest.Email{From: "Dr Fictional Wong <wong@panel.example>", To: "atp@hkstp.example", Subject: "Re: Evaluation sheet",
		Date: time.Now(), MessageID: "wong-reply@panel.example", Text: "My sheet is attached.",
		Attachments: []mailtest.File{{Name: "Evaluation sheet.pdf", ContentType: "application/pdf", Data: filled}}})
	p.Click(`.sidebar [data-area="register"]`)
	p.WaitVisible(`[data-testid="register-grid"]`)
	p.dropFiles(`[data-testid="register-grid"]`, map[string][]byte{"Re Evaluation sheet.eml": reply}, true)
	p.WaitVisible(`[data-testid="intake-review"]`)
	p.WaitText(`[data-testid="intake-evaluation"]`, "Dr Fictional Wong's evaluation of "+other.Name+" is recorded.")
	p.WaitText(`[data-testid="intake-summary"]`, "1 evaluation from returned sheets")
	p.WaitText(`[data-testid="intake-action"]`, "Evaluations recorded")
	p.Screenshot("sheets-intake-review")
	p.Click(`[data-testid="intake-confirm"]`)
	p.WaitVisible(`[data-testid="intake-saved"]`)
	p.WaitText(`[data-testid="intake-review"]`, "is marked returned")
	p.Click(`[data-testid="intake-close"]`)
	p.Click(`.sidebar [data-area="overview"]`)
	p.WaitJS(`document.querySelectorAll('[data-testid="overview-sheets"] [data-testid="sheet-row"]').length === 2`, defaultWait)
	p.WaitText(`[data-testid="sheets-out-count"]`, "2 out")

	// A month on, the same register: the two sheets still out are overdue.
	p.Click(`[data-testid="lock-now"]`)
	p.WaitJS(`document.querySelector('[data-testid="lock-screen"]')?.dataset.state === 'locked'`, defaultWait)
	later := NewPage(t, StartApp(t, WithRegister(p.App.Register), WithEnv("ATPREG_INSECURE_TEST_CLOCK_DAYS=30")))
	later.WaitJS(`document.querySelector('[data-testid="lock-screen"]')?.dataset.state === 'locked'`, defaultWait)
	later.Fill(`[data-testid="passphrase"]`, TestPassphrase)
	later.Click(`[data-testid="unlock"]`)
	later.WaitJS(`document.querySelector('[data-ready][data-state="open"]')`, defaultWait)
	later.Click(`.sidebar [data-area="overview"]`)
	later.WaitText(`[data-testid="sheets-overdue-count"]`, "2 overdue")
	later.WaitJS(`document.querySelectorAll('[data-testid="overview-sheets"] [data-testid="sheet-row"][data-state="overdue"]').length === 2`, defaultWait)
	later.WaitText(`[data-testid="overview-sheets"] [data-testid="sheet-state"]`, "Overdue by 16 days")
	later.Screenshot("sheets-overview-overdue")
	later.Click(`.sidebar [data-area="settings"]`)
	later.WaitText(`[data-testid="evaluator-row"]:nth-child(1) [data-testid="evaluator-counts"]`, "1 overdue")
	later.WaitText(`[data-testid="evaluator-row"]:nth-child(2) [data-testid="evaluator-counts"]`, "1 returned")
	Eval[bool](later, `(document.querySelector('[data-testid="evaluators"]').scrollIntoView(), true)`)
	later.Screenshot("sheets-settings-overdue")
}

// pyFirstAttachment returns the first attachment of an .eml as Python's
// email package decodes it.
func pyFirstAttachment(t *testing.T, eml string) []byte {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "attachment")
	prog := `import email, email.policy, sys
msg = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)
open(sys.argv[2], 'wb').write(next(msg.iter_attachments()).get_payload(decode=True))`
	if out, err := exec.Command("python3", "-c", prog, eml, dst).CombinedOutput(); err != nil {
		t.Fatalf("python3: %v\n%s", err, out)
	}
	data, err := os.ReadFile(dst)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
