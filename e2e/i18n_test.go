//go:build e2e

package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// TestWindowInBothLanguages walks every screen of the demo register in
// English and in Traditional Chinese (switched in Settings, without a
// restart), light and dark. On each it runs axe-core (WCAG 2.1 A and AA)
// and, in Chinese, fails on any text or accessible name that is still the
// English catalog's; it saves a screenshot of each screen in Chinese.
func TestWindowInBothLanguages(t *testing.T) {
	axe := readAxe(t)
	english := englishOnly(t)
	p := NewUnlockedPage(t, true)
	pages := demoScreens(p)
	for _, lang := range []string{"en", "zh-HK"} {
		chooseLanguage(p, lang)
		for _, scheme := range []string{"light", "dark"} {
			setView(p, 1280, 800, scheme)
			for _, pg := range pages {
				Eval[bool](p, fmt.Sprintf(`(location.hash=%q, true)`, pg.hash))
				if Eval[bool](p, `!!document.querySelector('[data-testid="leave-dialog"]')`) {
					p.Click(`[data-testid="leave-discard"]`)
				}
				p.WaitVisible(`main.work ` + pg.ready)
				Eval[bool](p, `document.fonts.ready.then(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true)))))`)
				where := fmt.Sprintf("%s (%s, %s)", pg.name, lang, scheme)
				for _, v := range runAxe(p, axe) {
					t.Errorf("%s: %s", where, v)
				}
				if lang == "zh-HK" {
					p.Screenshot(fmt.Sprintf("zh-%s-%s", scheme, pg.name))
					for _, s := range stillEnglish(p, english) {
						t.Errorf("%s: still English: %q", where, s)
					}
				}
			}
		}
	}
	// The lock screen, in Chinese, before any unlock.
	setView(p, 1280, 800, "light")
	// Locking reloads the page: the call is not awaited.
	Eval[bool](p, `(window.go.app.Session.Lock().catch(() => {}), true)`)
	p.WaitJS(`document.querySelector('[data-ready][data-state="locked"]')`, defaultWait)
	p.Screenshot("zh-light-lock")
	for _, v := range runAxe(p, axe) {
		t.Errorf("lock screen (zh-HK): %s", v)
	}
	for _, s := range stillEnglish(p, english) {
		t.Errorf("lock screen (zh-HK): still English: %q", s)
	}
}

// TestThemeChoice: Settings' theme choice overrides the system's and is kept
// across a reload.
func TestThemeChoice(t *testing.T) {
	p := NewUnlockedPage(t, false)
	setView(p, 1280, 800, "light")
	Eval[bool](p, `(location.hash='#/settings', true)`)
	p.WaitVisible(`[data-testid="theme"]`)
	pick := func(v string) {
		Eval[bool](p, fmt.Sprintf(`(()=>{const s=document.querySelector('[data-testid="theme"]'); s.value=%q; s.dispatchEvent(new Event('change',{bubbles:true})); return true})()`, v))
	}
	theme := func() string { return Eval[string](p, `document.documentElement.dataset.theme`) }
	if got := theme(); got != "light" {
		t.Fatalf("with the system light, the theme is %q", got)
	}
	pick("dark")
	if got := theme(); got != "dark" {
		t.Fatalf("after choosing dark, the theme is %q", got)
	}
	bg := Eval[string](p, `getComputedStyle(document.body).backgroundColor`)
	if luminance(bg) > 60 {
		t.Fatalf("the dark theme's background %s is not dark", bg)
	}
	box := Eval[string](p, `(()=>{const i=document.createElement('input'); i.type='checkbox'; document.querySelector('main.work').append(i); const c=getComputedStyle(i).backgroundColor; i.remove(); return c})()`)
	if luminance(box) > 80 {
		t.Fatalf("an unchecked checkbox is %s in the dark theme: it glares", box)
	}
	setView(p, 1280, 800, "dark")
	pick("light")
	if got := theme(); got != "light" {
		t.Fatalf("with the system dark and light chosen, the theme is %q", got)
	}
	pick("system")
	if got := theme(); got != "dark" {
		t.Fatalf("back to the system's (dark), the theme is %q", got)
	}
}

// chooseLanguage switches the window's language in Settings, as the officer does.
func chooseLanguage(p *Page, lang string) {
	p.T.Helper()
	Eval[bool](p, `(location.hash='#/settings', true)`)
	p.WaitVisible(`[data-testid="language"]`)
	Eval[bool](p, fmt.Sprintf(`(()=>{const s=document.querySelector('[data-testid="language"]'); s.value=%q; s.dispatchEvent(new Event('change',{bubbles:true})); return true})()`, lang))
	p.WaitJS(fmt.Sprintf(`document.documentElement.lang === %q`, lang), defaultWait)
}

// readAxe reads axe-core's script from the frontend's npm packages.
func readAxe(t *testing.T) string {
	t.Helper()
	path := filepath.Join("..", "frontend", "node_modules", "axe-core", "axe.min.js")
	b, err := os.ReadFile(requireFile(t, path, "make deps-npm (axe-core is a frontend devDependency)"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// runAxe injects axe-core (once per document) and returns its WCAG 2.1 A and
// AA violations on the page as "rule: target — summary" lines.
func runAxe(p *Page, axe string) []string {
	p.T.Helper()
	if !Eval[bool](p, `typeof window.axe === 'object'`) {
		Eval[bool](p, axe+"\n;true")
	}
	return Eval[[]string](p, `axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a','wcag2aa','wcag21a','wcag21aa']}, resultTypes: ['violations']})
	  .then(r => r.violations.flatMap(v => v.nodes.slice(0, 3).map(n => v.id + ': ' + n.target.join(' ') + ' — ' + (n.failureSummary||'').split('\n').slice(0,2).join(' '))))`)
}

// englishText is what the English catalog says where the Chinese one says
// something else: whole messages (a text equal to one is untranslated), and
// the fixed parts of messages with placeholders long enough to be telling.
type englishText struct {
	Whole []string `json:"whole"`
	Parts []string `json:"parts"`
}

var placeholder = regexp.MustCompile(`\{\w+\}`)

// englishOnly reads every catalog pair under frontend/messages.
func englishOnly(t *testing.T) englishText {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "frontend", "messages", "*", "en.json"))
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, filepath.Join("..", "frontend", "messages", "en.json"))
	whole, parts := map[string]bool{}, map[string]bool{}
	for _, f := range files {
		en, zh := readCatalog(t, f), readCatalog(t, filepath.Join(filepath.Dir(f), "zh-HK.json"))
		for k, texts := range en {
			if strings.Join(texts, "\x00") == strings.Join(zh[k], "\x00") {
				continue
			}
			for _, s := range texts {
				if !placeholder.MatchString(s) {
					whole[strings.Join(strings.Fields(s), " ")] = true
					continue
				}
				for _, part := range placeholder.Split(s, -1) {
					part = strings.Join(strings.Fields(part), " ")
					if len(part) >= 12 && strings.Contains(part, " ") {
						parts[part] = true
					}
				}
			}
		}
	}
	var out englishText
	for s := range whole {
		out.Whole = append(out.Whole, s)
	}
	for s := range parts {
		out.Parts = append(out.Parts, s)
	}
	sort.Strings(out.Whole)
	sort.Strings(out.Parts)
	if len(out.Whole) < 10 {
		t.Fatalf("only %d English messages read from the catalogs", len(out.Whole))
	}
	return out
}

// readCatalog reads one catalog file: each key's texts (a plural's variants).
func readCatalog(t *testing.T, path string) map[string][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	out := map[string][]string{}
	for k, v := range raw {
		if k == "$schema" {
			continue
		}
		var s string
		if json.Unmarshal(v, &s) == nil {
			out[k] = []string{s}
			continue
		}
		var variants []struct {
			Match map[string]string `json:"match"`
		}
		if err := json.Unmarshal(v, &variants); err != nil {
			t.Fatalf("%s: %s: %v", path, k, err)
		}
		for _, vr := range variants {
			keys := make([]string, 0, len(vr.Match))
			for m := range vr.Match {
				keys = append(keys, m)
			}
			sort.Strings(keys)
			for _, m := range keys {
				out[k] = append(out[k], vr.Match[m])
			}
		}
	}
	return out
}

// stillEnglish returns the page's visible texts and accessible names that are
// the English catalog's.
func stillEnglish(p *Page, english englishText) []string {
	p.T.Helper()
	b, err := json.Marshal(english)
	if err != nil {
		p.T.Fatal(err)
	}
	return Eval[[]string](p, `(()=>{const en=`+string(b)+`; const whole=new Set(en.whole); const out=new Set();
	  const norm=s=>s.replace(/\s+/g,' ').trim();
	  const check=s=>{s=norm(s); if(!s) return; if(whole.has(s)) {out.add(s); return;} for (const p of en.parts) if (s.includes(p)) {out.add(s); return;}};
	  const w=document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	  for (let n=w.nextNode(); n; n=w.nextNode()) { const e=n.parentElement; if (!e || e.closest('script,style,[hidden]')) continue; if (!e.getClientRects().length && !e.closest('select')) continue; check(n.textContent); }
	  for (const e of document.querySelectorAll('[title],[aria-label],[placeholder],[alt]')) { if (!e.getClientRects().length) continue; for (const a of ['title','aria-label','placeholder','alt']) { const v=e.getAttribute(a); if (v) check(v); } }
	  return [...out]})()`)
}
