//go:build e2e

package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp/kb"
)

// TestTopSearchAsYouType types in the top search box away from the register
// list: matching entities show as the officer types (no Enter), the arrows
// reach them with the focus staying in the box, Enter opens the one reached;
// Escape closes the results, and Enter in the box shows every match in the
// register list as before.
func TestTopSearchAsYouType(t *testing.T) {
	p := NewUnlockedPage(t, true)
	p.Click(`.sidebar [data-area="meetings"]`)
	p.Click(`[data-testid="top-search"]`)
	typeText(p, "Tai Po")
	p.WaitVisible(`[data-testid="quick-result"]`)
	p.WaitText(`[data-testid="quick-foot"]`, "match")
	p.Screenshot("top-search-as-you-type")
	if h := Eval[string](p, `location.hash`); h != "#/meetings" {
		t.Fatalf("typing moved the page to %q", h)
	}
	// The name that starts with the words comes first (Harbourline matches
	// only by a product).
	if first := Eval[string](p, `document.querySelector('[data-testid="quick-result"] .name').textContent`); !strings.HasPrefix(first, "Tai Po") {
		t.Errorf("first result %q, want the entity named Tai Po…", first)
	}

	// Down, Down, Up: the first result is reached, the focus stays in the box.
	press(p, kb.ArrowDown)
	press(p, kb.ArrowDown)
	press(p, kb.ArrowUp)
	p.WaitJS(`document.querySelector('[data-testid="quick-result"]').getAttribute('aria-selected') === 'true'`, defaultWait)
	waitFocus(p, "top-search")
	if got := Eval[string](p, `document.querySelector('[data-testid="top-search"]').getAttribute('aria-activedescendant')`); got != "quick-0" {
		t.Errorf("aria-activedescendant %q, want quick-0", got)
	}
	first := Eval[string](p, `document.querySelector('[data-testid="quick-result"]').dataset.id`)
	press(p, kb.Enter)
	p.WaitJS(fmt.Sprintf(`location.hash === '#/register/%s'`, first), defaultWait)
	p.WaitJS(`!document.querySelector('[data-testid="quick-results"]')`, defaultWait)

	// Nothing matching says so; Escape closes the results.
	p.Click(`.sidebar [data-area="overview"]`)
	p.Click(`[data-testid="top-search"]`)
	typeText(p, "Fictional nonesuch")
	p.WaitText(`[data-testid="quick-foot"]`, "Nothing matches")
	press(p, kb.Escape)
	p.WaitJS(`!document.querySelector('[data-testid="quick-results"]')`, defaultWait)

	// Enter in the box: every match in the register list.
	p.Fill(`[data-testid="top-search"]`, "Harbourline")
	p.WaitVisible(`[data-testid="quick-result"]`)
	press(p, kb.Enter)
	p.WaitJS(`location.hash === '#/register'`, defaultWait)
	p.WaitText(`[data-testid="entity-row"]`, "Harbourline")
	p.WaitJS(`!document.querySelector('[data-testid="quick-results"]')`, defaultWait)
}
