//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// press sends a real key press (through the browser's input pipeline, so Tab
// moves the focus and Enter activates buttons) with optional modifiers.
func press(p *Page, key string, mods ...chromedp.Modifier) {
	p.T.Helper()
	p.Do(chromedp.KeyEvent(key, chromedp.KeyModifiers(mods...)))
}

// shortcut sends a single-key shortcut as the keyboard does when the page
// handles its key down: without the character, which a real key press types
// only when the key down was not taken.
func shortcut(p *Page, key string) {
	p.T.Helper()
	p.Do(chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		for _, k := range kb.Encode([]rune(key)[0]) {
			if k.Type == kb.KeyChar {
				continue
			}
			if _, err := chromedp.Call(ctx, input.DispatchKeyEvent, *k); err != nil {
				return err
			}
		}
		return nil
	}))
}

// mustID parses an entity id from a row's data-id.
func mustID(p *Page, s string) int64 {
	p.T.Helper()
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		p.T.Fatalf("entity id %q: %v", s, err)
	}
	return id
}

// typeText types text into the focused element.
func typeText(p *Page, text string) {
	p.T.Helper()
	p.Do(chromedp.KeyEvent(text))
}

// focused describes the focused element: its data-testid, else its id, else
// its aria-label, else its tag; "dialog:" first when it sits in a dialog.
const focused = `(()=>{const e=document.activeElement; if(!e||e===document.body) return 'body';
  const d=e.closest('[role="dialog"]')?'dialog:':''; return d+(e.dataset.testid||e.id||e.getAttribute('aria-label')||e.tagName.toLowerCase())})()`

// waitFocus waits until the focused element is described as want.
func waitFocus(p *Page, want string) {
	p.T.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		got := Eval[string](p, focused)
		if got == want {
			return
		}
		if time.Now().After(deadline) {
			p.Screenshot("focus-" + sanitize(p.T.Name()))
			p.T.Fatalf("the focus is on %q, want %q", got, want)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestWalkthroughKeyboard walks the officer's main paths with the keyboard
// alone on the demo register: every step leaves the focus where the next key
// is useful, a dialog takes the focus, keeps Tab inside and gives it back, the
// shortcuts shown work, and every write says it was saved.
func TestWalkthroughKeyboard(t *testing.T) {
	p := NewUnlockedPage(t, true)
	area := func(want string) {
		t.Helper()
		p.WaitJS(fmt.Sprintf(`document.querySelector('main.work')?.dataset.area === %q`, want), defaultWait)
	}

	// Register: Alt+2 lands in the list, the arrows pick a row, Enter opens it.
	press(p, "2", chromedp.ModifierAlt)
	area("register")
	p.WaitVisible(`[data-testid="entity-row"]`)
	waitFocus(p, "register-grid")
	press(p, kb.ArrowDown)
	press(p, kb.ArrowDown)
	want := Eval[string](p, `document.querySelector('[data-testid="entity-row"].selected')?.dataset.id ?? ''`)
	if want == "" {
		t.Fatal("the arrows selected no row")
	}
	press(p, kb.Enter)
	p.WaitVisible(`[data-testid="entity-page"] [data-testid="entity-name"]`)
	if got := Eval[string](p, `location.hash`); got != "#/register/"+want {
		t.Fatalf("Enter opened %s, want the selected row %s", got, want)
	}
	name := p.Text(`[data-testid="entity-name"]`)

	// The move dialog takes the focus, keeps Tab inside, closes on Escape
	// and gives the focus back to the button that opened it.
	Eval[bool](p, `(document.querySelector('[data-testid="move-open"]').focus(), true)`)
	press(p, kb.Enter)
	p.WaitVisible(`[data-testid="move-dialog"]`)
	if got := Eval[string](p, focused); !strings.HasPrefix(got, "dialog:move-to-") {
		t.Fatalf("the move dialog opened with the focus on %q, want its first choice", got)
	}
	for i := range 12 {
		press(p, kb.Tab)
		if got := Eval[string](p, focused); !strings.HasPrefix(got, "dialog:") {
			t.Fatalf("Tab %d left the move dialog for %q", i+1, got)
		}
	}
	press(p, kb.Escape)
	p.WaitJS(`!document.querySelector('[data-testid="move-dialog"]')`, defaultWait)
	waitFocus(p, "move-open")

	// E edits with the focus in the name; Ctrl+S saves, stays and says so;
	// Escape (nothing left unsaved) goes back to the entity's page.
	Eval[bool](p, `(document.activeElement.blur(), true)`)
	shortcut(p, "e")
	p.WaitVisible(`[data-testid="entity-form"]`)
	waitFocus(p, "f-name")
	press(p, kb.End)
	typeText(p, " 2")
	p.WaitVisible(`[data-testid="unsaved"]`)
	press(p, "s", chromedp.ModifierCtrl)
	p.WaitJS(`!document.querySelector('[data-testid="unsaved"]')`, defaultWait)
	p.WaitText(`[data-testid="register-saved"]`, "Saved")
	if got := getEntity(p, mustID(p, want)).Entity.Name; got != name+" 2" {
		t.Fatalf("after Ctrl+S the stored name is %q, want %q", got, name+" 2")
	}
	press(p, kb.Escape)
	p.WaitVisible(`[data-testid="entity-page"] [data-testid="entity-name"]`)
	p.WaitText(`[data-testid="entity-name"]`, name+" 2")

	// Escape on a changed form asks first; the dialog starts on the safe
	// answer, Escape keeps editing with the focus back in the field, and
	// Discard (by keyboard) finishes the trip.
	shortcut(p, "e")
	waitFocus(p, "f-name")
	typeText(p, "x")
	p.WaitVisible(`[data-testid="unsaved"]`)
	press(p, kb.Escape)
	p.WaitVisible(`[data-testid="leave-dialog"]`)
	waitFocus(p, "dialog:leave-stay")
	press(p, kb.Escape)
	p.WaitJS(`!document.querySelector('[data-testid="leave-dialog"]')`, defaultWait)
	waitFocus(p, "f-name")
	press(p, kb.Escape)
	waitFocus(p, "dialog:leave-stay")
	press(p, kb.Tab)
	waitFocus(p, "dialog:leave-discard")
	press(p, kb.Enter)
	p.WaitVisible(`[data-testid="entity-page"] [data-testid="entity-name"]`)
	p.WaitText(`[data-testid="entity-name"]`, name+" 2")

	// Backspace goes back to the list, the focus in it and the row still picked.
	press(p, kb.Backspace)
	area("register")
	waitFocus(p, "register-grid")
	p.WaitJS(fmt.Sprintf(`document.querySelector('[data-testid="entity-row"].selected')?.dataset.id === %q`, want), defaultWait)

	// Ctrl+K searches from anywhere; Enter shows the matches.
	press(p, "k", chromedp.ModifierCtrl)
	p.WaitJS(`document.activeElement?.type === 'search'`, defaultWait)
	typeText(p, "Amberwave")
	press(p, kb.Enter)
	p.WaitJS(`document.querySelectorAll('[data-testid="entity-row"]').length === 1`, defaultWait)
	p.WaitText(`[data-testid="entity-row"]`, "Amberwave")

	// ArrowDown in the search box goes on into the results: the focus in
	// the list with its first row picked, and Enter opens it.
	press(p, kb.ArrowDown)
	waitFocus(p, "register-grid")
	amber := Eval[string](p, `document.querySelector('[data-testid="entity-row"]').dataset.id`)
	p.WaitJS(fmt.Sprintf(`document.querySelector('[data-testid="entity-row"].selected')?.dataset.id === %q`, amber), defaultWait)
	press(p, kb.Enter)
	p.WaitJS(fmt.Sprintf(`location.hash === '#/register/%s'`, amber), defaultWait)
	press(p, kb.Backspace)
	area("register")

	// Typing and ArrowDown at once (before the search's pause): the list
	// searches at once and picks the first of the new matches.
	press(p, "k", chromedp.ModifierCtrl)
	p.WaitJS(`document.activeElement?.type === 'search'`, defaultWait)
	typeText(p, "Tsing")
	press(p, kb.ArrowDown)
	waitFocus(p, "register-grid")
	p.WaitJS(`(()=>{const rows=[...document.querySelectorAll('[data-testid="entity-row"]')];
	  return rows.length > 0 && !rows.some(r => r.textContent.includes('Amberwave')) && rows[0].textContent.includes('Tsing') && rows[0].classList.contains('selected')})()`, defaultWait)
	p.Screenshot("walkthrough-search-arrowdown")
	press(p, kb.Enter)
	p.WaitVisible(`[data-testid="entity-page"] [data-testid="entity-name"]`)
	p.WaitText(`[data-testid="entity-name"]`, "Tsing")
	Eval[bool](p, `(document.activeElement.blur(), true)`)

	// Evaluation: Alt+3 lands in the ranking; Enter opens the picked entity.
	press(p, "3", chromedp.ModifierAlt)
	area("evaluation")
	p.WaitVisible(`[data-testid="ranking-table"] tbody tr`)
	waitFocus(p, "Ranking")
	press(p, kb.ArrowDown)
	press(p, kb.Enter)
	p.WaitVisible(`[data-testid="evaluation-entity"]`)

	// Meetings: Alt+4 lands in the planner; Enter opens a meeting; Ctrl+S
	// saves it before any field was picked (the focus is not in the form)
	// and says so.
	press(p, "4", chromedp.ModifierAlt)
	area("meetings")
	p.WaitVisible(`[data-testid="meeting-row"]`)
	waitFocus(p, "Meetings")
	press(p, kb.ArrowDown)
	press(p, kb.Enter)
	p.WaitJS(`document.querySelector('#m-title')?.value !== ''`, defaultWait)
	press(p, "s", chromedp.ModifierCtrl)
	p.WaitText(`[data-testid="register-saved"]`, "Meeting saved")

	// Settings: Alt+7, the officer's name, Enter saves and says so.
	press(p, "7", chromedp.ModifierAlt)
	area("settings")
	p.WaitVisible(`[data-testid="officer-name"]`)
	Eval[bool](p, `(document.querySelector('[data-testid="officer-name"]').focus(), true)`)
	typeText(p, "Joyce Lam")
	press(p, kb.Enter)
	p.WaitVisible(`[data-testid="settings-saved"]`)

	// Ctrl+L locks from anywhere.
	press(p, "l", chromedp.ModifierCtrl)
	p.WaitJS(`!document.querySelector('[data-state="open"]')`, defaultWait)
}

// setView sets the page's viewport and colour scheme.
func setView(p *Page, w, h int64, scheme string) {
	p.T.Helper()
	p.Do(chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: w, Height: h, DeviceScaleFactor: 1}); err != nil {
			return err
		}
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		})
		return err
	}))
	// The window's theme follows the system's at its next frame (unless the
	// officer chose one in Settings).
	p.WaitJS(fmt.Sprintf(`localStorage.getItem('atpreg.theme') !== null && localStorage.getItem('atpreg.theme') !== 'system' || document.documentElement.dataset.theme === %q`, scheme), defaultWait)
}

// overflowing lists the work area's scrolling boxes whose content is wider
// than the box (a table whose first columns scroll out of sight), and headings
// and buttons whose text is cut.
const overflowing = `(()=>{const out=[];
  for (const e of document.querySelectorAll('main.work *')) {
    if (!e.getClientRects().length) continue;
    const s=getComputedStyle(e);
    if ((s.overflowX==='auto'||s.overflowX==='scroll') && e.scrollWidth > e.clientWidth+1)
      out.push('scrolls sideways: '+(e.dataset.testid||e.getAttribute('aria-label')||e.className));
    if (e.matches('h1, h2, .btn') && e.scrollWidth > e.clientWidth+1)
      out.push('cut: '+e.textContent.trim().slice(0,40));
  }
  return out})()`

// screen is one page of the window: its name, its address and what shows
// once it is ready.
type screen struct{ name, hash, ready string }

// demoScreens lists every page of the demo register open in p (an entity's,
// a meeting's with the first of each).
func demoScreens(p *Page) []screen {
	id := int64(Eval[float64](p, `window.go.app.RegisterService.List({limit:5}).then(r=>r.rows[0].id)`))
	mid := int64(Eval[float64](p, `window.go.app.MeetingService.List().then(r=>r[0].id)`))
	return []screen{
		{"overview", "#/overview", `[data-testid="overdue-item"]`},
		{"register", "#/register", `[data-testid="entity-row"]`},
		{"entity", fmt.Sprintf("#/register/%d", id), `[data-testid="entity-name"]`},
		{"entity-form", fmt.Sprintf("#/register/%d/edit", id), `#f-name`},
		{"entity-new", "#/register/new", `#f-name`},
		{"ranking", "#/evaluation", `[data-testid="ranking-table"] tbody tr`},
		{"evaluation", fmt.Sprintf("#/evaluation/%d", id), `[data-testid="evaluation-entity"]`},
		{"meetings", "#/meetings", `[data-testid="meeting-row"]`},
		{"partners", "#/meetings/partners", `h1`},
		{"meeting", fmt.Sprintf("#/meetings/%d", mid), `[data-testid="meeting-title"]`},
		{"packs", "#/packs", `h1`},
		{"pack-new", "#/packs/new", `h1`},
		{"trace", "#/packs/trace", `h1`},
		{"demand", "#/demand", `h1`},
		{"import", "#/import", `h1`},
		{"settings", "#/settings", `[data-testid="officer-name"]`},
	}
}

// TestWalkthroughScreens visits every page of the demo register at the
// usual window (1280x800), the smallest (980x620) and in the dark theme,
// saves a screenshot of each for a person to look at, and fails when a page
// scrolls sideways or cuts a heading or a button.
func TestWalkthroughScreens(t *testing.T) {
	p := NewUnlockedPage(t, true)
	pages := demoScreens(p)
	for _, v := range []struct {
		w, h   int64
		scheme string
	}{{1280, 800, "light"}, {980, 620, "light"}, {1280, 800, "dark"}, {980, 620, "dark"}} {
		setView(p, v.w, v.h, v.scheme)
		for _, pg := range pages {
			Eval[bool](p, fmt.Sprintf(`(location.hash=%q, true)`, pg.hash))
			if Eval[bool](p, `!!document.querySelector('[data-testid="leave-dialog"]')`) {
				p.Click(`[data-testid="leave-discard"]`)
			}
			p.WaitVisible(`main.work ` + pg.ready)
			// A positive sign that the screen has laid out (fonts loaded, two
			// frames painted) before the absence of overflow is asserted.
			Eval[bool](p, `document.fonts.ready.then(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true)))))`)
			p.Screenshot(fmt.Sprintf("walk-%dx%d-%s-%s", v.w, v.h, v.scheme, pg.name))
			if bad := Eval[[]string](p, overflowing); len(bad) > 0 {
				t.Errorf("%s at %dx%d: %s", pg.name, v.w, v.h, strings.Join(bad, "; "))
			}
		}
	}
}
