//go:build e2e

package e2e

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// newEvalEntity registers a fictional entity in evaluation through the real
// backend and returns its id.
func newEvalEntity(p *Page, name, atp string) int64 {
	p.T.Helper()
	return int64(Eval[float64](p, fmt.Sprintf(`window.go.app.RegisterService.Create({name: %q, status: 'evaluation',
	  contact_name: 'Pat Example', submissions: [{product_name: %q, atp_type: %q}]})`, name, name+" product", atp)))
}

// scoreViaBackend stores an evaluation with every aspect scored v except
// readiness (r).
func scoreViaBackend(p *Page, id int64, evaluator string, v, r int) {
	p.T.Helper()
	Eval[float64](p, fmt.Sprintf(`(()=>{const s={};
	  for (const a of ['readiness','technical','credibility','pipeline','investment','jobs','intangibles']) s[a]={score:%d, note:''};
	  s.readiness={score:%d, note:''};
	  return window.go.app.EvaluationService.Save({id:0, entityId:%d, evaluator:%q, date:'2026-02-10', scores:s,
	    recommendation:'invite', reason:'Fictional reason.'})})()`, v, r, id, evaluator))
}

type rankingJSON struct {
	Rows []struct {
		Rank     int     `json:"rank"`
		Tied     bool    `json:"tied"`
		EntityID int64   `json:"entityId"`
		Total    float64 `json:"total"`
	} `json:"rows"`
}

func backendRanking(p *Page) rankingJSON {
	p.T.Helper()
	raw := Eval[string](p, `window.go.app.EvaluationService.Ranking({statuses: [], atpType: ''}).then(v => JSON.stringify(v))`)
	var r rankingJSON
	if err := json.Unmarshal([]byte(raw), &r); err != nil {
		p.T.Fatal(err)
	}
	return r
}

// TestEvaluationScoringWithWeights scores an entity with the keyboard (number
// keys score the focused aspect, Tab moves on) under unequal weights: the
// anchor of the level shows while scoring, the total shown live and after
// saving equals the one the backend computes, and the ranking table lists
// entities in the backend's order with ties shown as ties.
func TestEvaluationScoringWithWeights(t *testing.T) {
	p := NewUnlockedPage(t, false)
	// Readiness counts 40%, the six others 10% each, set in Settings: the
	// editor lists the backend's seven aspects in RFI order with their
	// wording, refuses a total other than 100% and saves into the audit trail.
	p.Click(`.sidebar [data-area="settings"]`)
	p.WaitVisible(`[data-testid="weight-readiness"]`)
	wlabels := Eval[string](p, `[...document.querySelectorAll('[data-testid="weights-editor"] label[for^="w-"]')].map(l => l.textContent.trim()).join('|')`)
	backend := Eval[string](p, `window.go.app.EvaluationService.Setup().then(s => s.aspects.map(a => a.label).join('|'))`)
	if wlabels != backend || !strings.HasPrefix(wlabels, "Readiness of product for clinical translation|") {
		t.Fatalf("weights editor labels %q, backend %q", wlabels, backend)
	}
	for _, a := range []string{"technical", "credibility", "pipeline", "investment", "jobs", "intangibles"} {
		p.Fill(`[data-testid="weight-`+a+`"]`, "10")
	}
	p.Fill(`[data-testid="weight-readiness"]`, "50")
	p.WaitText(`[data-testid="weights-total"]`, "110%")
	if !Eval[bool](p, `document.querySelector('[data-testid="weights-save"]').disabled`) {
		t.Error("weights totalling 110% can be saved")
	}
	p.Fill(`[data-testid="weight-readiness"]`, "40")
	p.WaitText(`[data-testid="weights-total"]`, "100%")
	p.Click(`[data-testid="weights-save"]`)
	p.WaitText(`[data-testid="weights-editor"]`, "Saved at")
	if w := Eval[float64](p, `window.go.app.Session.Info().then(i => i.settings.weights.readiness)`); w != 40 {
		t.Fatalf("stored readiness weight %v, want 40", w)
	}
	p.Screenshot("evaluation-weights")

	a := newEvalEntity(p, "Alpha Fictional Therapeutics Ltd", "cell_therapy")
	b := newEvalEntity(p, "Beta Fictional Biologics Ltd", "gene_therapy")
	c := newEvalEntity(p, "Gamma Fictional Tissue Ltd", "tissue_engineered")
	scoreViaBackend(p, b, "Dr Fictional One", 3, 3) // 3.00
	scoreViaBackend(p, c, "Dr Fictional One", 2, 5) // 0.4*5 + 0.6*2 = 3.20
	Eval[bool](p, `location.hash = '#/evaluation/`+fmt.Sprint(a)+`'; true`)
	p.WaitVisible(`[data-testid="score-form"]`)

	// Keyboard: focus readiness, press 5, Tab to the next aspect, 2, and so on.
	p.Click(`[data-testid="aspect-readiness"]`)
	keys := []string{"5", "2", "2", "2", "2", "2", "2"}
	aspects := []string{"readiness", "technical", "credibility", "pipeline", "investment", "jobs", "intangibles"}
	for i, k := range keys {
		p.Do(chromedp.KeyEvent(k))
		p.WaitJS(fmt.Sprintf(`document.querySelector('[data-testid="aspect-%s"]').dataset.score === %q`, aspects[i], k), defaultWait)
		if i == 0 {
			// The anchor text of the level is shown while scoring.
			anchor := p.Text(`[data-testid="anchor-readiness"]`)
			if !strings.Contains(anchor, "Clinical-grade process ready") {
				t.Errorf("anchor for readiness 5: %q", anchor)
			}
		}
		if i < len(keys)-1 {
			p.Do(chromedp.KeyEvent(kb.Tab))
			p.WaitJS(fmt.Sprintf(`document.activeElement?.dataset?.testid === 'aspect-%s'`, aspects[i+1]), defaultWait)
		}
	}
	// 0.4*5 + 0.6*2 = 3.20: the same total as c, so a and c tie.
	p.WaitText(`[data-testid="live-total"]`, "3.20")
	live := strings.TrimSpace(p.Text(`[data-testid="live-total"]`))
	computed := Eval[float64](p, `window.go.app.EvaluationService.WeightedTotal({readiness:5, technical:2, credibility:2, pipeline:2, investment:2, jobs:2, intangibles:2})`)
	if live != fmt.Sprintf("%.2f", computed) {
		t.Fatalf("live total %q, backend computes %.2f", live, computed)
	}
	p.Fill(`[data-testid="evaluator"]`, "Dr Fictional Two")
	p.Click(`[data-testid="rec-invite"]`)
	p.Fill(`[data-testid="reason"]`, "Fictional: clinical-grade process, modest local plans.")
	p.Screenshot("evaluation-scoring")

	// A day the calendar does not have is named at once beside the field,
	// and saving sends nothing until it is put right.
	p.Fill(`[data-testid="ev-date"]`, "2026-02-31")
	p.WaitText(`[data-testid="ev-date-read"]`, "No such day: Feb 2026 has 28 days")
	if !Eval[bool](p, `document.querySelector('[data-testid="ev-date"]').getAttribute('aria-invalid') === 'true' &&
	  document.querySelector('[data-testid="ev-date-read"]').classList.contains('bad')`) {
		t.Error("2026-02-31 is not marked invalid")
	}
	p.Click(`[data-testid="save-evaluation"]`)
	p.WaitJS(`document.activeElement?.dataset?.testid === 'ev-date'`, defaultWait)
	if n := Eval[float64](p, fmt.Sprintf(`window.go.app.EvaluationService.Entity(%d).then(v => (v.evaluations ?? []).length)`, a)); n != 0 {
		t.Fatalf("an evaluation dated 2026-02-31 was saved (%v stored)", n)
	}
	p.Fill(`[data-testid="ev-date"]`, "2026-13-01")
	p.WaitText(`[data-testid="ev-date-read"]`, "there is no month 13")
	p.Fill(`[data-testid="ev-date"]`, "2026-02-10")
	p.WaitText(`[data-testid="ev-date-read"]`, "10 Feb 2026")
	p.Click(`[data-testid="save-evaluation"]`)

	p.WaitVisible(`[data-testid="evaluation-matrix"]`)
	shown := strings.TrimSpace(p.Text(`[data-testid="entity-total"]`))
	stored := Eval[float64](p, fmt.Sprintf(`window.go.app.EvaluationService.Entity(%d).then(v => v.total)`, a))
	if shown != fmt.Sprintf("%.2f", stored) || shown != "3.20" {
		t.Fatalf("total shown %q, backend %.2f, want 3.20", shown, stored)
	}
	p.Screenshot("evaluation-entity")

	// Ranking: the table's order is the backend's, and a tie is shown as one.
	p.Click(`.sidebar [data-area="evaluation"]`)
	p.WaitJS(`document.querySelectorAll('[data-testid="rank-row"]').length === 3`, defaultWait)
	rank := backendRanking(p)
	var want []string
	for _, r := range rank.Rows {
		want = append(want, fmt.Sprint(r.EntityID))
	}
	got := Eval[[]string](p, `[...document.querySelectorAll('[data-testid="rank-row"]')].map(r => r.dataset.id)`)
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("ranking rows %v, backend order %v", got, want)
	}
	if want[2] != fmt.Sprint(b) || !rank.Rows[0].Tied || !rank.Rows[1].Tied || rank.Rows[2].Rank != 3 {
		t.Fatalf("backend ranking: %+v", rank.Rows)
	}
	labels := Eval[[]string](p, `[...document.querySelectorAll('[data-testid="rank-row"] td.rank')].map(td => td.textContent.trim())`)
	if strings.Join(labels, ",") != "=1,=1,3" {
		t.Errorf("rank labels %v, want =1,=1,3", labels)
	}
	totals := Eval[[]string](p, `[...document.querySelectorAll('[data-testid="rank-total"]')].map(td => td.textContent.trim())`)
	for i, r := range rank.Rows {
		if totals[i] != fmt.Sprintf("%.2f", r.Total) {
			t.Errorf("row %d total %q, backend %.2f", i, totals[i], r.Total)
		}
	}

	// Sorting by an aspect: readiness descending puts a and c (5) before b (3).
	p.Click(`[data-sort="readiness"]`)
	first := Eval[string](p, `document.querySelector('[data-testid="rank-row"]:last-child').dataset.id`)
	if first != fmt.Sprint(b) {
		t.Errorf("sorted by readiness (descending), last row is %s, want %d", first, b)
	}
	// Filter by ATP type.
	p.setValue(`[data-testid="rank-filter-atp"]`, "gene_therapy")
	p.WaitJS(`document.querySelectorAll('[data-testid="rank-row"]').length === 1`, defaultWait)
	if id := Eval[string](p, `document.querySelector('[data-testid="rank-row"]').dataset.id`); id != fmt.Sprint(b) {
		t.Errorf("gene therapy filter shows %s, want %d", id, b)
	}
	p.setValue(`[data-testid="rank-filter-atp"]`, "")
	p.WaitJS(`document.querySelectorAll('[data-testid="rank-row"]').length === 3`, defaultWait)
	p.Screenshot("evaluation-ranking")

	// The status line's "Evaluation added" follows a switch of language.
	p.WaitText(`[data-testid="register-saved"]`, "Evaluation added")
	chooseLanguage(p, "zh-HK")
	p.WaitText(`[data-testid="register-saved"]`, "已新增評審")
	chooseLanguage(p, "en")
	p.WaitText(`[data-testid="register-saved"]`, "Evaluation added")
}

// TestEvaluationDemoDisagreement opens the demo ranking and an entity whose
// two evaluators disagree by 2 on an aspect: the matrix flags it.
func TestEvaluationDemoDisagreement(t *testing.T) {
	p := NewUnlockedPage(t, true)
	p.Click(`.sidebar [data-area="evaluation"]`)
	p.WaitJS(`document.querySelectorAll('[data-testid="rank-row"]').length > 5`, defaultWait)
	p.Screenshot("evaluation-demo-ranking")
	id := Eval[float64](p, `window.go.app.EvaluationService.Ranking({statuses: [], atpType: ''}).then(v => v.rows.find(r => r.disagreements.length > 0).entityId)`)
	Eval[bool](p, fmt.Sprintf(`location.hash = '#/evaluation/%d'; true`, int64(id)))
	p.WaitVisible(`[data-testid="evaluation-matrix"]`)
	p.WaitVisible(`[data-testid^="disagreement-"]`)
	p.Screenshot("evaluation-demo-disagreement")
}

// watchNativeConfirm replaces the browser's confirm() by one that counts its
// calls (and answers yes, so a page still using it would leave at once);
// nativeConfirms reads the count.
func watchNativeConfirm(p *Page) {
	p.T.Helper()
	Eval[bool](p, `window.__confirms = 0; window.confirm = () => { window.__confirms++; return true; }; true`)
}

func nativeConfirms(p *Page) int {
	p.T.Helper()
	return Eval[int](p, `window.__confirms`)
}

// TestEvaluationLeaveDialog leaves a scoring form with unsaved scores: the
// app's own dialog asks (never the browser's confirm()); "Keep editing"
// stays with the score kept, "Discard changes" goes where the officer was
// going, and Cancel in the form asks the same way.
func TestEvaluationLeaveDialog(t *testing.T) {
	p := NewUnlockedPage(t, false)
	id := newEvalEntity(p, "Delta Fictional Cells Ltd", "cell_therapy")
	Eval[bool](p, `location.hash = '#/evaluation/`+fmt.Sprint(id)+`'; true`)
	p.WaitVisible(`[data-testid="score-form"]`)
	watchNativeConfirm(p)
	form := fmt.Sprintf(`#/evaluation/%d`, id)

	p.Click(`[data-testid="aspect-readiness"]`)
	p.Do(chromedp.KeyEvent("4"))
	p.WaitJS(`document.querySelector('[data-testid="aspect-readiness"]').dataset.score === '4'`, defaultWait)

	// A sidebar link: asked, and "Keep editing" stays with the score.
	p.Click(`.sidebar [data-area="meetings"]`)
	p.WaitVisible(`[data-testid="leave-dialog"]`)
	p.WaitText(`[data-testid="leave-dialog"]`, "this evaluation")
	p.Screenshot("evaluation-leave-dialog")
	p.Click(`[data-testid="leave-stay"]`)
	p.WaitJS(`!document.querySelector('[data-testid="leave-dialog"]')`, defaultWait)
	if h := Eval[string](p, `location.hash`); h != form {
		t.Fatalf("after Keep editing the address is %q, want %q", h, form)
	}
	if s := Eval[string](p, `document.querySelector('[data-testid="aspect-readiness"]').dataset.score`); s != "4" {
		t.Fatalf("after Keep editing readiness is %q, want 4", s)
	}

	// The form's Cancel asks too; Escape in the dialog keeps editing.
	p.Click(`[data-testid="score-form"] footer button.btn:not(.primary)`)
	p.WaitVisible(`[data-testid="leave-dialog"]`)
	p.Key("Escape")
	p.WaitJS(`!document.querySelector('[data-testid="leave-dialog"]') && !!document.querySelector('[data-testid="score-form"]')`, defaultWait)
	p.Click(`[data-testid="score-form"] footer button.btn:not(.primary)`)
	p.WaitVisible(`[data-testid="leave-dialog"]`)
	p.Click(`[data-testid="leave-discard"]`)
	p.WaitJS(`!document.querySelector('[data-testid="leave-dialog"]') && !document.querySelector('[data-testid="score-form"]')`, defaultWait)

	// A new score, then leaving by the sidebar: "Discard changes" goes on.
	p.Click(`[data-testid="add-evaluation"]`)
	p.WaitVisible(`[data-testid="score-form"]`)
	p.Click(`[data-testid="aspect-technical"]`)
	p.Do(chromedp.KeyEvent("2"))
	p.WaitJS(`document.querySelector('[data-testid="aspect-technical"]').dataset.score === '2'`, defaultWait)
	p.Click(`.sidebar [data-area="meetings"]`)
	p.WaitVisible(`[data-testid="leave-dialog"]`)
	p.Click(`[data-testid="leave-discard"]`)
	p.WaitJS(`location.hash === '#/meetings' && !document.querySelector('[data-testid="leave-dialog"]')`, defaultWait)
	if n := Eval[int](p, `window.go.app.EvaluationService.Entity(`+fmt.Sprint(id)+`).then(v => (v.evaluations ?? []).length)`); n != 0 {
		t.Errorf("discarded scores were saved: %d evaluations", n)
	}
	if n := nativeConfirms(p); n != 0 {
		t.Errorf("the browser's confirm() was called %d times", n)
	}
}
