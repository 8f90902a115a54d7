//go:build e2e

package e2e

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
)

// demandCanvasInk returns, for every chart canvas on the demand page, the
// number of pixels something was drawn on.
const demandCanvasInk = `[...document.querySelectorAll('[data-testid="demand-page"] canvas')].map(c => {
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
  return n;
})`

// TestDemandDashboard renders the demand dashboard from the real backend on a
// demo register: every chart drawn, totals as the Go side counts them, the
// status filter, and a click on a real bar listing the entities behind it.
func TestDemandDashboard(t *testing.T) {
	p := NewUnlockedPage(t, true)
	p.Click(`.sidebar [data-area="demand"]`)
	p.WaitVisible(`[data-testid="demand-dim"][data-dim="atp_type"] canvas`)
	p.WaitVisible(`[data-testid="demand-timeline"] canvas`)

	type totals struct{ Entities, Submissions int }
	want := Eval[totals](p, `window.go.app.DemandService.Dashboard([]).then(v => ({Entities: v.summary.entities, Submissions: v.summary.submissions}))`)
	if want.Entities == 0 || want.Submissions == 0 {
		t.Fatalf("the demo register counts %+v", want)
	}
	p.WaitText(`[data-testid="demand-total-entities"]`, fmt.Sprint(want.Entities))
	p.WaitText(`[data-testid="demand-total-products"]`, fmt.Sprint(want.Submissions))

	// Nine charts (eight questions and the timeline), each with ink on it.
	p.WaitJS(`(`+demandCanvasInk+`).every(n => n > 500)`, defaultWait)
	ink := Eval[[]int](p, demandCanvasInk)
	if len(ink) != 9 {
		t.Fatalf("%d charts on the page, want 9", len(ink))
	}
	p.Screenshot("demand-dashboard")

	// Click the products bar of the first answer (cell therapy) of the ATP chart.
	type point struct{ X, Y float64 }
	at := Eval[point](p, `(() => {
	  const c = document.querySelector('[data-dim="atp_type"] canvas');
	  c.scrollIntoView({block: 'center'});
	  const el = c.chart.getDatasetMeta(1).data[0];
	  const r = c.getBoundingClientRect();
	  return {X: r.left + (el.x + el.base) / 2, Y: r.top + el.y};
	})()`)
	p.Do(chromedp.MouseClickXY(at.X, at.Y))
	p.WaitText(`[data-testid="demand-drill-title"]`, "Cell therapy product")
	behind := Eval[int](p, `window.go.app.DemandService.Dashboard([]).then(v => v.summary.dimensions[0].rows[0].entities)`)
	p.WaitJS(fmt.Sprintf(`document.querySelectorAll('[data-testid="demand-drill-entity"]').length === %d`, behind), defaultWait)
	p.Screenshot("demand-drill")

	// A timeline segment: the first drawn segment of the first series.
	at = Eval[point](p, `(() => {
	  const c = document.querySelector('[data-testid="demand-timeline"] canvas');
	  c.scrollIntoView({block: 'center'});
	  const meta = c.chart.getDatasetMeta(0);
	  const i = c.chart.data.datasets[0].data.findIndex(v => v > 0);
	  const el = meta.data[i];
	  const r = c.getBoundingClientRect();
	  return {X: r.left + el.x, Y: r.top + (el.y + el.base) / 2};
	})()`)
	p.Do(chromedp.MouseClickXY(at.X, at.Y))
	p.WaitText(`[data-testid="demand-drill-title"]`, ", 20")
	p.WaitJS(`document.querySelectorAll('[data-testid="demand-drill-entity"]').length > 0`, defaultWait)

	// By keyboard: the timeline's table, a quarter's row, Enter.
	p.Click(`[data-testid="demand-timeline"] summary`)
	first := Eval[string](p, `(() => {
	  const tr = document.querySelector('[data-testid="demand-timeline"] tbody tr');
	  tr.focus();
	  return tr.querySelector('td').textContent;
	})()`)
	p.Key("Enter")
	p.WaitText(`[data-testid="demand-drill-title"]`, first)
	p.Screenshot("demand-timeline-table")

	// The status filter: only the invited.
	invited := Eval[int](p, `window.go.app.DemandService.Dashboard(['invited']).then(v => v.summary.entities)`)
	p.Click(`[data-testid="demand-filter"] [data-status="invited"]`)
	p.WaitText(`[data-testid="demand-total-entities"]`, fmt.Sprint(invited))
	p.WaitJS(`document.querySelector('[data-testid="demand-filter"] [data-status="invited"]').getAttribute('aria-pressed') === 'true'`, defaultWait)
	p.WaitJS(`(`+demandCanvasInk+`).length === 9 || document.querySelectorAll('[data-testid="demand-page"] canvas').length === 8`, defaultWait)
	// The charts redraw with the filtered counts, not only the totals.
	wantBars := Eval[string](p, `window.go.app.DemandService.Dashboard(['invited']).then(v => v.summary.dimensions[0].rows.map(r => r.submissions).join(','))`)
	p.WaitJS(fmt.Sprintf(`document.querySelector('[data-dim="atp_type"] canvas').chart.data.datasets[1].data.join(',') === %q`, wantBars), defaultWait)

	// An entity in the drill-down opens in the register.
	p.Click(`[data-testid="demand-filter"] [data-status=""]`)
	p.WaitText(`[data-testid="demand-total-entities"]`, fmt.Sprint(want.Entities))
	p.Click(`[data-testid="demand-dim"][data-dim="atp_type"] summary`)
	p.Click(`[data-testid="demand-dim"][data-dim="atp_type"] tbody tr`)
	p.Click(`[data-testid="demand-drill-entity"]`)
	p.WaitJS(`location.hash.startsWith('#/register/')`, defaultWait)
}
