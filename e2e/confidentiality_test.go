//go:build e2e

package e2e

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

// markup is register text a hostile reply could carry: if any screen put it
// into the page as HTML, the image's error handler or the SVG's load handler
// would run and set window.__xss.
const markup = `<img src=x onerror=window.__xss=1><svg onload=window.__xss=2>`

// noMarkupRan fails the test if register text ran as markup on the current
// screen: a handler fired, or an element with such a handler is in the page.
func noMarkupRan(p *Page, where string) {
	p.T.Helper()
	// An <img src=x> fails asynchronously: first wait for a positive sign that
	// such a failure has been handled (a probe image of our own, added after
	// the screen's, reports its error), only then look for what must not be.
	Eval[bool](p, `(window.__probe = 0, Object.assign(document.body.appendChild(document.createElement('img')),
		{hidden: true, onerror: () => { window.__probe = 1 }, src: 'x-probe'}), true)`)
	deadline := time.Now().Add(defaultWait)
	for Eval[int](p, `window.__probe`) != 1 {
		if time.Now().After(deadline) {
			p.T.Fatalf("%s: the probe image's error never fired", where)
		}
		time.Sleep(50 * time.Millisecond)
	}
	got := Eval[string](p, `JSON.stringify({xss: window.__xss, handlers: document.querySelectorAll('[onerror],[onload],script:not([src])').length})`)
	if got != `{"xss":0,"handlers":0}` {
		p.Screenshot("markup-ran-" + where)
		p.T.Fatalf("%s: register text ran as markup: %s", where, got)
	}
}

// TestRegisterTextNeverRunsAsMarkup imports an entity whose name, contact and
// product are markup from a spreadsheet (with a bad cell quoting markup too),
// gives it a partner, a meeting, an evaluation and an HTML attachment with
// the same text, then visits every screen that shows them: the text is shown
// as text everywhere, and the attachment is shown as its source, not a page.
func TestRegisterTextNeverRunsAsMarkup(t *testing.T) {
	p := NewUnlockedPage(t, true)
	Eval[bool](p, `(window.__xss = 0, location.hash = '#/import', true)`)
	p.WaitVisible(`[data-testid="import-drop"]`)
	csv := "entity_name,contact_name,product_name,atp_type,composition\r\n" +
		markup + "," + markup + "," + markup + "," + markup + "," + markup + "\r\n"
	drop := func(text string) {
		js, _ := json.Marshal(text)
		Eval[bool](p, `(()=>{const dt=new DataTransfer(); dt.items.add(new File([`+string(js)+`], 'replies.csv', {type:'text/csv'}));
		  document.querySelector('[data-testid="import-drop"]').dispatchEvent(new DragEvent('drop',{dataTransfer:dt,bubbles:true,cancelable:true})); return true})()`)
	}
	drop(csv)
	p.WaitText(`[data-testid="import-problem-count"]`, "1 problem")
	noMarkupRan(p, "import-problems")
	p.Click(`[data-testid="import-cancel"]`)
	p.WaitVisible(`[data-testid="import-drop"]`)
	drop(strings.Replace(csv, ","+markup+","+markup+"\r\n", ",cell_therapy,"+markup+"\r\n", 1))
	p.WaitText(`[data-testid="import-summary-text"]`, "Would import 1 row")
	noMarkupRan(p, "import-preview")
	p.Key("Control+Enter")
	p.WaitVisible(`[data-testid="import-done"]`)

	id := int64(Eval[float64](p, fmt.Sprintf(`window.go.app.RegisterService.List({search: '', limit: 500}).then(r => r.rows.find(x => x.name === %q).id)`, markup)))
	partner := newPartner(p, markup)
	meeting := int64(Eval[float64](p, fmt.Sprintf(`window.go.app.MeetingService.Save({id: 0, title: %q,
	  startsAt: '2026-12-10T14:30', durationMinutes: 60, place: %q, partnerIds: [%d], attendees: [%q],
	  entityIds: [%d], agenda: %q, minutes: '', outcome: '', actions: [{text: %q, owner: '', due: '2026-01-05', done: false}], entityMinutes: {}})`,
		markup, markup, partner, markup, id, markup, markup)))
	scoreViaBackend(p, id, markup, 4, 4)
	html := "<html><body><script>window.__xss=3</script>" + markup + "</body></html>"
	Eval[map[string]any](p, fmt.Sprintf(`window.go.app.RegisterService.AddAttachment(%d, 'reply.html', %q)`, id, base64.StdEncoding.EncodeToString([]byte(html))))

	for _, tc := range []struct {
		hash  string
		named bool // the screen shows the entity's, partner's or meeting's text
	}{
		{"#/overview", false},
		{"#/register", true},
		{fmt.Sprintf("#/register/%d", id), true},
		{"#/evaluation", true},
		{fmt.Sprintf("#/evaluation/%d", id), true},
		{"#/meetings", true},
		{fmt.Sprintf("#/meetings/%d", meeting), true},
		{"#/packs", false},
		{"#/packs/new", true},
		{"#/demand", false}, // anonymised: no names
	} {
		where := strings.NewReplacer("#/", "", "/", "-").Replace(tc.hash)
		Eval[bool](p, fmt.Sprintf(`(location.hash = %q, true)`, tc.hash))
		p.WaitVisible(`main.work`)
		if tc.hash == "#/register" {
			showRow(p, int(id)) // the list renders the rows on screen only
		}
		if tc.named {
			deadline := time.Now().Add(defaultWait)
			for !Eval[bool](p, `document.querySelector('main.work').textContent.includes('<img src=x')`) {
				if time.Now().After(deadline) {
					p.Screenshot("markup-missing-" + where)
					t.Fatalf("%s does not show the register text", where)
				}
				time.Sleep(100 * time.Millisecond)
			}
		}
		noMarkupRan(p, where)
	}

	// The HTML attachment is shown as its source text, never as a page.
	Eval[bool](p, fmt.Sprintf(`(location.hash = '#/register/%d', true)`, id))
	p.Click(`[data-testid="attachment"] button.name`)
	p.WaitVisible(`[data-testid="attachment-text"]`)
	if txt := p.Text(`[data-testid="attachment-text"]`); !strings.Contains(txt, "<script>window.__xss=3</script>") {
		t.Fatalf("the HTML attachment is not shown as text: %q", txt)
	}
	if n := Eval[int](p, `document.querySelectorAll('[data-testid="attachment-viewer"] iframe, [data-testid="attachment-viewer"] img').length`); n != 0 {
		t.Fatalf("the HTML attachment is rendered in %d frame(s) or image(s)", n)
	}
	p.Screenshot("confidentiality-html-attachment")
	noMarkupRan(p, "attachment-viewer")
}

// TestWindowLogQuotesNoCallArguments makes Wails log what it can: the
// frontend raises its log level to trace, reads an entity, and sends a call
// whose arguments do not parse (Wails logs such a call whole). Neither the
// entity's name nor the arguments may reach the app's output.
func TestWindowLogQuotesNoCallArguments(t *testing.T) {
	p := NewUnlockedPage(t, false)
	id := newEntityIn(p, "Fictional Quarry Bay Vector Labs", "received")
	Eval[bool](p, `(window.runtime.SetLogLevel(1), window.runtime.LogInfo('Fictional Quarry Bay note'), true)`)
	Eval[string](p, fmt.Sprintf(`window.go.app.RegisterService.Get(%d).then(v => v.entity.name)`, id))
	// Wails drops a call whose arguments do not parse (its promise never
	// settles) and logs it: wait for that positive sign in the app's output
	// (the logger's withheld line) before asserting what must not be there.
	withheld := strings.Count(p.App.Log(), "details are withheld")
	Eval[bool](p, `(window.go.app.RegisterService.Get('Fictional Quarry Bay Vector Labs').catch(() => {}), true)`)
	deadline := time.Now().Add(defaultWait)
	for strings.Count(p.App.Log(), "details are withheld") <= withheld {
		if time.Now().After(deadline) {
			t.Fatalf("the bad call was never logged (no withheld line):\n%s", p.App.Log())
		}
		time.Sleep(100 * time.Millisecond)
	}
	Eval[string](p, `window.go.app.Session.Info().then(i => i.state)`)
	if out := p.App.Log(); strings.Contains(out, "Quarry Bay") {
		t.Fatalf("register content in the app's output:\n%s", out)
	}
}
