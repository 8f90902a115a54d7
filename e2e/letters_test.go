//go:build e2e

package e2e

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"atpreg/internal/letter"
)

// pyDraft reads an .eml with Python's email package.
func pyDraft(t *testing.T, path string) map[string]any {
	t.Helper()
	out, err := exec.Command("python3", "-c", letter.PyReadDraft, path).CombinedOutput()
	if err != nil {
		t.Fatalf("python3: %v\n%s", err, out)
	}
	var m map[string]any
	if err := json.Unmarshal(out, &m); err != nil {
		t.Fatalf("python said %s", out)
	}
	return m
}

// TestLetters writes the batch decision of the issue through the window on
// the demo register: three ticked entities in the register (ids 3, 23, 26:
// screening or received) declined with one reason and a Chinese letter each,
// previewed, saved as drafts in one step; then a refusal (a missing letter
// for a complete entity, 22) that changes nothing; then a missing letter
// from an entity's page (37), which the entity page and the Overview show
// as more information requested.
func TestLetters(t *testing.T) {
	p := NewUnlockedPage(t, true)
	p.Click(`.sidebar [data-area="register"]`)
	for _, id := range []int{3, 23, 26} {
		p.Click(showRow(p, id) + ` [data-testid="entity-pick"]`)
	}
	p.WaitVisible(`[data-testid="letters-selection"]`)
	p.Click(`[data-testid="letters-selection"]`)
	p.WaitVisible(`[data-testid="letters-dialog"]`)
	dir := filepath.Join(t.TempDir(), "letters")
	waitKinds := func() {
		p.WaitJS(`document.querySelectorAll('[data-testid="letter-kind"] option').length === 6`, defaultWait)
	}
	waitKinds()
	p.setValue(`[data-testid="letter-kind"]`, "decline")
	p.setValue(`[data-testid="letter-lang"]`, "zh-HK")
	p.WaitJS(`document.querySelector('[data-testid="letter-move"]').checked && document.querySelector('[data-testid="letter-move-to"]').value === 'declined'`, defaultWait)
	p.setValue(`[data-testid="letter-reason"]`, "Outside the scope of the RFI")
	p.setValue(`[data-testid="letter-dir"]`, dir)
	p.WaitJS(`document.querySelectorAll('[data-testid="preview-tab"]').length === 3 && /遺憾通知/.test(document.querySelector('[data-testid="preview-body"]').textContent)`, defaultWait)
	p.Screenshot("letters-batch-preview")
	p.Click(`[data-testid="letters-save"]`)
	p.WaitVisible(`[data-testid="letters-result"]`)
	p.Screenshot("letters-batch-saved")

	files, err := os.ReadDir(dir)
	if err != nil || len(files) != 3 {
		t.Fatalf("%v: %d files in the folder, want 3", err, len(files))
	}
	for _, f := range files {
		m := pyDraft(t, filepath.Join(dir, f.Name()))
		if m["x_unsent"] != "1" || !strings.Contains(m["subject"].(string), "貴機構就資料邀請提交的資料") {
			t.Errorf("%s: %v", f.Name(), m)
		}
		if atts, _ := m["attachments"].([]any); len(atts) != 1 {
			t.Errorf("%s: attachments %v", f.Name(), atts)
		}
	}
	if n := Eval[int](p, `document.querySelectorAll('[data-testid="open-in-mail"]').length`); n != 3 {
		t.Errorf("%d open buttons", n)
	}
	for _, id := range []int64{3, 23, 26} {
		v := getEntity(p, id)
		if v.Entity.Status != "declined" {
			t.Errorf("entity %d is %s", id, v.Entity.Status)
		}
		var letterLine bool
		for _, h := range v.History {
			letterLine = letterLine || (h.Field == "letter" && strings.Contains(h.Detail, "Letter LT-"))
		}
		if !letterLine {
			t.Errorf("entity %d's history lacks the letter: %+v", id, v.History)
		}
	}
	p.Key("Escape")

	// A refused letter names the reason and writes nothing.
	p.Click(`.sidebar [data-area="register"]`)
	p.Click(showRow(p, 22) + ` [data-testid="entity-pick"]`)
	p.Click(`[data-testid="letters-selection"]`)
	p.WaitVisible(`[data-testid="letters-dialog"]`)
	waitKinds()
	p.setValue(`[data-testid="letter-kind"]`, "missing")
	p.WaitText(`[data-testid="letters-error"]`, "nothing missing")
	if Eval[bool](p, `!document.querySelector('[data-testid="letters-save"]').disabled`) {
		t.Error("Save is offered for a refused letter")
	}
	p.Key("Escape")

	// From an entity's page: a missing letter; the entity is then awaited.
	p.Click(showRow(p, 37) + ` .name-link`)
	p.WaitVisible(`[data-testid="letters-open"]`)
	p.Click(`[data-testid="letters-open"]`)
	p.WaitVisible(`[data-testid="letters-dialog"]`)
	waitKinds()
	p.setValue(`[data-testid="letter-kind"]`, "missing")
	p.setValue(`[data-testid="letter-dir"]`, dir)
	p.WaitText(`[data-testid="preview-body"]`, "Type of process")
	p.Click(`[data-testid="letters-save"]`)
	p.WaitVisible(`[data-testid="letters-result"]`)
	p.Click(`[data-testid="letters-dialog"] footer .btn.primary`)
	p.WaitVisible(`[data-testid="info-request"][data-open="true"]`)
	p.Screenshot("letters-entity-awaited")
	p.Click(`.sidebar [data-area="overview"]`)
	p.WaitText(`[data-testid="overview-awaited"]`, "Cypress Gate Biologics Ltd")
	p.Screenshot("letters-overview-awaited")

	// Settings: a template with an unknown placeholder is named in the live
	// preview and refused on saving; a known one previews filled in.
	p.Click(`.sidebar [data-area="settings"]`)
	p.WaitVisible(`[data-testid="tpl-preview"]`)
	p.setValue(`[data-testid="tpl-kind"]`, "hold")
	p.setValue(`[data-testid="tpl-body"]`, "Dear {{contact_name}},\n\nAbout {{entity_nmae}}.")
	p.WaitText(`[data-testid="tpl-error"]`, "{{entity_nmae}}")
	p.Click(`[data-testid="letter-settings-save"]`)
	p.WaitText(`[data-testid="letter-settings-error"]`, "{{entity_nmae}}")
	p.setValue(`[data-testid="tpl-body"]`, "Dear {{contact_name}},\n\nAbout {{entity_name}}.")
	p.WaitText(`[data-testid="tpl-preview"]`, "About Sample Cell Therapeutics Ltd.")
	p.Screenshot("letters-settings-template")
}
