//go:build e2e

package e2e

import (
	"fmt"
	"strings"
	"testing"
)

// TestRegisterBulk: several entities selected in the register list (a
// checkbox each; Ctrl+A or the header's select-all for every entity the
// search and filters select, rendered or not) are tagged, moved and put on a
// meeting at once from the selection bar, through the real backend; each
// change is read back from the register.
func TestRegisterBulk(t *testing.T) {
	p := NewUnlockedPage(t, true)
	p.Click(`.sidebar [data-area="register"]`)
	p.WaitVisible(`[data-testid="entity-row"]`)

	// Ctrl+A in the list selects all 40, not only the rows in the page;
	// again, none of them.
	if n := Eval[int](p, `document.querySelectorAll('[data-testid="entity-row"]').length`); n >= 40 {
		t.Fatalf("%d rows in the page: the list should render only those on screen", n)
	}
	Eval[bool](p, `(document.querySelector('[data-testid="register-grid"]').focus(), true)`)
	p.Key("Control+a")
	p.WaitText(`[data-testid="selection-count"]`, "40 selected")
	p.WaitJS(`document.querySelector('[data-testid="pick-page"]').checked`, defaultWait)
	// The dialog for all 40 names the first 8 and counts the rest; its
	// title keeps the full count.
	p.Click(`[data-testid="bulk-tag-open"]`)
	p.WaitVisible(`[data-testid="bulk-dialog"]`)
	if names := p.Text(`[data-testid="bulk-names"]`); !strings.HasSuffix(names, " and 32 more entities") || strings.Count(names, ", ") != 7 {
		t.Errorf("the dialog for 40 entities names %q, want 8 names and \"and 32 more entities\"", names)
	}
	if title := p.Text(`#bulk-dialog-title`); !strings.Contains(title, "40") {
		t.Errorf("the dialog's title %q does not say 40", title)
	}
	p.Key("Escape")
	p.WaitJS(`!document.querySelector('[data-testid="bulk-dialog"]')`, defaultWait)
	p.WaitText(`[data-testid="selection-count"]`, "40 selected")
	Eval[bool](p, `(document.querySelector('[data-testid="register-grid"]').focus(), true)`)
	p.Key("Control+a")
	p.WaitJS(`!document.querySelector('[data-testid="selection-bar"]')`, defaultWait)

	// Filtered, the header's select-all ticks exactly the entities the
	// filter selects; with the filter cleared, it shows some of the list ticked.
	p.setValue(`[data-testid="filter-completeness"]`, "incomplete")
	incomplete := Eval[int](p, `window.go.app.RegisterService.List({completeness: 'incomplete', limit: 1}).then(p => p.total)`)
	if incomplete < 2 || incomplete >= 40 {
		t.Fatalf("the demo register has %d incomplete entities; the test needs some, not all", incomplete)
	}
	p.WaitText(`[data-testid="register-count"]`, fmt.Sprintf("%d entities", incomplete))
	p.Click(`[data-testid="pick-page"]`)
	p.WaitText(`[data-testid="selection-count"]`, fmt.Sprintf("%d selected", incomplete))
	p.WaitJS(`document.querySelector('[data-testid="pick-page"]').checked`, defaultWait)
	p.setValue(`[data-testid="filter-completeness"]`, "")
	p.WaitText(`[data-testid="register-count"]`, "40 entities")
	p.WaitJS(`(()=>{const c=document.querySelector('[data-testid="pick-page"]'); return c.indeterminate && !c.checked})()`, defaultWait)
	p.Click(`[data-testid="pick-clear"]`)
	p.WaitJS(`!document.querySelector('[data-testid="selection-bar"]')`, defaultWait)

	ids := Eval[[]int](p, `[...document.querySelectorAll('[data-testid="entity-row"]')].slice(0, 3).map(r => +r.dataset.id)`)
	pick := func(ids []int) {
		for _, id := range ids {
			p.Click(fmt.Sprintf(`[data-testid="entity-row"][data-id="%d"] [data-testid="entity-pick"]`, id))
		}
	}
	pick(ids)
	p.WaitText(`[data-testid="selection-count"]`, "3 selected")
	if !Eval[bool](p, `document.querySelector('[data-testid="pick-page"]').indeterminate`) {
		t.Fatal("the header's select-all does not show a partial selection")
	}

	// A tag for the three.
	p.Click(`[data-testid="bulk-tag-open"]`)
	p.WaitVisible(`[data-testid="bulk-dialog"]`)
	p.Fill(`[data-testid="bulk-tag"]`, "Bulk follow-up")
	p.Click(`[data-testid="bulk-confirm"]`)
	p.WaitText(`[data-testid="bulk-done"]`, "3 entities tagged “Bulk follow-up”.")
	p.Click(`[data-testid="bulk-close"]`)
	p.WaitJS(`!document.querySelector('[data-testid="bulk-dialog"]') && !document.querySelector('[data-testid="selection-bar"]')`, defaultWait)
	for _, id := range ids {
		tags := Eval[[]string](p, fmt.Sprintf(`window.go.app.RegisterService.Get(%d).then(v => v.entity.tags)`, id))
		if !strings.Contains(strings.Join(tags, "|"), "Bulk follow-up") {
			t.Fatalf("entity %d has tags %q, want Bulk follow-up", id, tags)
		}
	}

	// On hold, with the reason the pipeline asks for.
	pick(ids)
	p.Click(`[data-testid="bulk-move"]`)
	p.WaitVisible(`[data-testid="bulk-status-on_hold"]`)
	p.Click(`[data-testid="bulk-status-on_hold"]`)
	if !Eval[bool](p, `document.querySelector('[data-testid="bulk-confirm"]').disabled`) {
		t.Fatal("moving to On hold without a reason is offered")
	}
	p.Fill(`[data-testid="bulk-reason"]`, "Waiting for the fictional funding round")
	p.Click(`[data-testid="bulk-confirm"]`)
	p.WaitVisible(`[data-testid="bulk-done"]`)
	refused := Eval[string](p, `document.querySelector('[data-testid="bulk-refused"]')?.textContent ?? ''`)
	moved := 0
	for _, id := range ids {
		v := Eval[map[string]any](p, fmt.Sprintf(`window.go.app.RegisterService.Get(%d).then(v => v.entity)`, id))
		if v["status"] == "on_hold" {
			moved++
		} else if !strings.Contains(refused, fmt.Sprint(v["name"])) {
			t.Fatalf("entity %d (%v) is %v, neither moved nor named as refused (%q)", id, v["name"], v["status"], refused)
		}
	}
	if want := fmt.Sprintf("%d ", moved); moved == 0 || !strings.HasPrefix(p.Text(`[data-testid="bulk-done"]`), want) {
		t.Fatalf("%d moved; the dialog says %q", moved, p.Text(`[data-testid="bulk-done"]`))
	}
	p.Click(`[data-testid="bulk-close"]`)
	p.WaitJS(`!document.querySelector('[data-testid="bulk-dialog"]')`, defaultWait)
	p.Click(`[data-testid="pick-clear"]`)
	p.WaitJS(`!document.querySelector('[data-testid="selection-bar"]')`, defaultWait)

	// Onto a meeting (the one the dialog offers first).
	pick(ids[:2])
	p.Click(`[data-testid="bulk-meeting-open"]`)
	p.WaitVisible(`[data-testid="bulk-meeting"]`)
	meeting := Eval[int](p, `+document.querySelector('[data-testid="bulk-meeting"]').value`)
	p.Click(`[data-testid="bulk-confirm"]`)
	p.WaitVisible(`[data-testid="bulk-done"]`)
	p.Screenshot("register-bulk-meeting")
	on := Eval[[]int](p, fmt.Sprintf(`window.go.app.MeetingService.Get(%d).then(v => v.entities.map(e => e.id))`, meeting))
	refused = Eval[string](p, `document.querySelector('[data-testid="bulk-refused"]')?.textContent ?? ''`)
	for _, id := range ids[:2] {
		found := false
		for _, x := range on {
			found = found || x == id
		}
		if !found && refused == "" {
			t.Fatalf("entity %d is not on meeting %d (%v) and no refusal was shown", id, meeting, on)
		}
	}
}
