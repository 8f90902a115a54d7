//go:build e2e

package e2e

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// setValue sets an input's value as typing would (fires input and change),
// for text SendKeys cannot type reliably (Chinese).
func (p *Page) setValue(sel, value string) {
	p.T.Helper()
	p.WaitVisible(sel)
	Eval[bool](p, fmt.Sprintf(`(()=>{const e=document.querySelector(%q); e.focus(); e.value=%q;
	  e.dispatchEvent(new Event('input',{bubbles:true})); e.dispatchEvent(new Event('change',{bubbles:true})); return true})()`, sel, value))
}

// showRow scrolls the register's list, a screen at a time from the top, until
// the entity's row is rendered (the list renders only the rows on screen),
// brings it to the middle of the list and returns its selector.
func showRow(p *Page, id int) string {
	p.T.Helper()
	sel := fmt.Sprintf(`[data-testid="entity-row"][data-id="%d"]`, id)
	p.WaitVisible(`[data-testid="entity-row"]`)
	found := Eval[bool](p, fmt.Sprintf(`(async () => {
	  const g = document.querySelector('[data-testid="register-grid"]');
	  const pause = () => new Promise(r => setTimeout(r, 30));
	  for (let top = 0; ; top += g.clientHeight / 2) {
	    g.scrollTop = top;
	    for (let k = 0; k < 100 && (k < 2 || g.querySelector('tbody tr.waiting')); k++) await pause();
	    const r = g.querySelector(%q);
	    if (r) { r.scrollIntoView({block: 'center'}); await pause(); return true; }
	    if (top + g.clientHeight >= g.scrollHeight) return false;
	  } })()`, sel))
	if !found {
		p.T.Fatalf("entity %d is not in the register's list", id)
	}
	p.WaitVisible(sel)
	return sel
}

// entityJSON is what the tests read back through the real backend.
type entityJSON struct {
	ID           int64  `json:"id"`
	Name         string `json:"name"`
	ContactEmail string `json:"contact_email"`
	Status       string `json:"status"`
	Submissions  []struct {
		ProductName   string `json:"product_name"`
		ATPType       string `json:"atp_type"`
		GeneVector    string `json:"gene_vector"`
		PDCompleted   *bool  `json:"pd_completed"`
		PDFurther     string `json:"pd_further"`
		ExpectedStart string `json:"expected_start"`
	} `json:"submissions"`
}

type entityViewJSON struct {
	Entity   entityJSON `json:"entity"`
	Complete bool       `json:"complete"`
	Missing  []struct {
		Field string `json:"field"`
	} `json:"missing"`
	History []struct {
		Action string `json:"action"`
		Field  string `json:"field"`
		Old    string `json:"old"`
		New    string `json:"new"`
		Detail string `json:"detail"`
	} `json:"history"`
}

func getEntity(p *Page, id int64) entityViewJSON {
	p.T.Helper()
	raw := Eval[string](p, fmt.Sprintf(`window.go.app.RegisterService.Get(%d).then(v => JSON.stringify(v))`, id))
	var v entityViewJSON
	if err := json.Unmarshal([]byte(raw), &v); err != nil {
		p.T.Fatalf("decode entity %d: %v", id, err)
	}
	return v
}

// currentID is the entity id in the page's route (#/register/ID...).
func currentID(p *Page) int64 {
	p.T.Helper()
	return int64(Eval[float64](p, `Number(location.hash.split('/')[2] || 0)`))
}

// TestRegisterCreateViaForm creates an entity with the RFI form (conditional
// items appearing as answers need them), then edits it with a malformed email:
// the problem shows beside the field and nothing is stored.
func TestRegisterCreateViaForm(t *testing.T) {
	p := NewUnlockedPage(t, false)
	p.Click(`.sidebar [data-area="register"]`)
	p.WaitVisible(`[data-testid="register-empty"]`)
	p.Screenshot("register-empty")

	p.Click(`[data-testid="new-entity"]`)
	p.WaitVisible(`[data-testid="entity-form"] #f-name`)
	p.Fill(`#f-name`, "Fictional Harbour Cell Ltd")
	p.Fill(`#f-contact_name`, "Dr Ada Fung")
	p.Fill(`#f-contact_email`, "ada.fung@fictional-cell.example.com")
	p.Fill(`#f-submissions-0--product_name`, "FHC-101 anti-CD19 CAR-T")
	p.Screenshot("register-form-top")

	// Conditional items are hidden until an answer asks for them.
	vector := `[data-field="submissions[0].gene_vector"]`
	further := `[data-field="submissions[0].pd_further"]`
	if Eval[bool](p, fmt.Sprintf(`!!document.querySelector(%q) || !!document.querySelector(%q)`, vector, further)) {
		t.Fatal("vector or further development shown before they apply")
	}
	p.Click(`[data-field="submissions[0].atp_type"] input[data-choice="gene_therapy"]`)
	p.Click(vector + ` input[data-choice="viral"]`)
	p.Click(`[data-field="submissions[0].pd_completed"] input[data-choice="no"]`)
	p.Fill(`#f-submissions-0--pd_further`, "Scale-up to 10 GMP batches a month.")
	p.Click(`[data-field="submissions[0].routes"] input[data-choice="other"]`)
	p.Fill(`#f-submissions-0--route_other`, "Intra-articular injection")
	p.WaitVisible(`[data-testid="unsaved"]`)
	p.Screenshot("register-form")

	p.Click(`[data-testid="save-entity"]`)
	p.WaitVisible(`[data-testid="entity-page"] [data-testid="entity-name"]`)
	p.WaitText(`[data-testid="entity-name"]`, "Fictional Harbour Cell Ltd")
	p.WaitVisible(`[data-testid="entity-page"] [data-testid="incomplete-badge"]`)
	p.WaitText(`[data-testid="register-saved"]`, "Entity created")

	id := currentID(p)
	v := getEntity(p, id)
	if v.Entity.Name != "Fictional Harbour Cell Ltd" || v.Entity.ContactEmail != "ada.fung@fictional-cell.example.com" {
		t.Fatalf("stored entity: %+v", v.Entity)
	}
	if len(v.Entity.Submissions) != 1 {
		t.Fatalf("stored %d submissions, want 1", len(v.Entity.Submissions))
	}
	s := v.Entity.Submissions[0]
	if s.ProductName != "FHC-101 anti-CD19 CAR-T" || s.ATPType != "gene_therapy" || s.GeneVector != "viral" ||
		s.PDCompleted == nil || *s.PDCompleted || s.PDFurther == "" {
		t.Fatalf("stored submission: %+v", s)
	}
	if v.Complete {
		t.Fatal("a submission with most items unanswered is stored as complete")
	}

	// Edit with a malformed email: the message is beside the field and
	// nothing is saved.
	p.Click(`[data-testid="edit-entity"]`)
	p.WaitVisible(`#f-contact_email`)
	p.Fill(`#f-contact_email`, "ada.fung at fictional-cell")
	p.Fill(`#f-name`, "Fictional Harbour Cell Renamed Ltd")
	p.Click(`[data-testid="save-entity"]`)
	p.WaitVisible(`[data-field="contact_email"] [data-testid="field-error"]`)
	p.WaitVisible(`[data-testid="form-error"]`)
	if msg := p.Text(`[data-field="contact_email"] [data-testid="field-error"]`); !strings.Contains(strings.ToLower(msg), "email") {
		t.Fatalf("the email's problem reads %q", msg)
	}
	if Eval[bool](p, `document.activeElement?.id === 'f-contact_email'`) == false {
		t.Error("focus did not move to the field with the problem")
	}
	p.Screenshot("register-form-error")
	after := getEntity(p, id)
	if after.Entity.ContactEmail != "ada.fung@fictional-cell.example.com" || after.Entity.Name != "Fictional Harbour Cell Ltd" {
		t.Fatalf("a rejected save changed the stored entity: %+v", after.Entity)
	}

	// Leaving with unsaved changes asks first; "Keep editing" stays, also
	// when the window's Back is what tried to leave.
	formHash := Eval[string](p, `location.hash`)
	p.Click(`.sidebar [data-area="overview"]`)
	p.WaitVisible(`[data-testid="leave-dialog"]`)
	p.Click(`[data-testid="leave-stay"]`)
	p.WaitJS(`!document.querySelector('[data-testid="leave-dialog"]') && !!document.querySelector('[data-testid="entity-form"]')`, defaultWait)
	Eval[bool](p, `(history.back(), true)`)
	p.WaitVisible(`[data-testid="leave-dialog"]`)
	p.Click(`[data-testid="leave-stay"]`)
	p.WaitJS(fmt.Sprintf(`location.hash === %q && !!document.querySelector('#f-contact_email')`, formHash), defaultWait)
	if got := Eval[string](p, `document.querySelector('#f-contact_email').value`); got != "ada.fung at fictional-cell" {
		t.Fatalf("after refusing Back the form holds %q, want the unsaved text", got)
	}
	// "Discard changes" finishes the trip that was asked for.
	p.Click(`.sidebar [data-area="evaluation"]`)
	p.Click(`[data-testid="leave-discard"]`)
	p.WaitJS(`document.querySelector('main.work')?.dataset.area === 'evaluation' && location.hash === '#/evaluation'`, defaultWait)
	if after := getEntity(p, id); after.Entity.Name != "Fictional Harbour Cell Ltd" {
		t.Fatalf("discarded changes were stored: %+v", after.Entity)
	}
}

// completeEntity is a fictional entity answering every RFI item except the
// expected start.
const completeEntity = `{
  name: "Fictional Peak Biotherapeutics Ltd", address: "Unit 101, 1/F, Building 1W, 1 Science Park West Avenue, Hong Kong Science Park",
  contact_name: "Dr Grace Ip", contact_email: "grace.ip@fictional-peak.example.org", contact_phone: "+852 3123 4567",
  status: "received", received_on: "2026-02-02", source: "", notes: "", tags: [],
  submissions: [{
    product_name: "FPB-101 umbilical cord MSC", composition: "Allogeneic MSC, 5x10^7 cells in 20 mL.",
    pharmaceutical_form: "Suspension for injection", therapeutic_indication: "Knee osteoarthritis",
    routes: ["intravenous"], route_other: "", atp_type: "cell_therapy", gene_vector: "",
    intended_use: "phase_1", intended_use_other: "", starting_materials: ["cord_tissue"], starting_materials_other: "",
    process_type: "open_manual", pd_completed: true, pd_further: "", gmp_before: false, has_authorized_person: true,
    needs_training: false, training_roles: [], training_details: "", expected_start: "", notes: ""
  }]
}`

// TestRegisterCompletenessAndMove shows the incomplete flag for a submission
// missing one item, clears it once the item is answered in the form, and
// records a status move in the history.
func TestRegisterCompletenessAndMove(t *testing.T) {
	p := NewUnlockedPage(t, false)
	id := int64(Eval[float64](p, `window.go.app.RegisterService.Create(`+completeEntity+`)`))

	p.Click(`.sidebar [data-area="register"]`)
	row := fmt.Sprintf(`[data-testid="entity-row"][data-id="%d"]`, id)
	p.WaitVisible(row + ` [data-testid="incomplete-badge"]`)
	p.WaitText(row+` [data-testid="incomplete-badge"]`, "1 missing")

	// Keyboard: select the row and open it with Enter.
	Eval[bool](p, `(document.querySelector('[data-testid="register-grid"]').focus(), true)`)
	p.Key("ArrowDown")
	p.WaitJS(`document.querySelector('`+row+`').classList.contains('selected')`, defaultWait)
	p.Key("Enter")
	p.WaitVisible(`[data-testid="entity-page"] [data-testid="missing-list"]`)
	p.WaitText(`[data-testid="missing-list"]`, "Expected date of commencement of project")

	p.Click(`[data-testid="edit-entity"]`)
	p.Fill(`#f-submissions-0--expected_start`, "2027-03")
	p.Key("Control+s")
	p.WaitVisible(`[data-testid="saved-note"]`)
	if v := getEntity(p, id); !v.Complete || v.Entity.Submissions[0].ExpectedStart != "2027-03" {
		t.Fatalf("after answering the expected start: complete=%v missing=%v", v.Complete, v.Missing)
	}
	p.Key("Escape")
	p.WaitVisible(`[data-testid="entity-page"] [data-testid="complete-badge"]`)
	if Eval[bool](p, `!!document.querySelector('[data-testid="entity-page"] [data-testid="incomplete-badge"]')`) {
		t.Fatal("the incomplete flag is still shown")
	}
	p.WaitVisible(`[data-testid="history-entry"][data-action="update"]`)

	// Move to screening with a reason: recorded in the history.
	p.Click(`[data-testid="move-open"]`)
	p.WaitVisible(`[data-testid="move-dialog"]`)
	p.Click(`[data-testid="move-to-screening"]`)
	p.Fill(`[data-testid="move-reason"]`, "Acknowledged receipt; checking the information.")
	p.Click(`[data-testid="move-confirm"]`)
	p.WaitText(`[data-testid="entity-status"]`, "Screening")
	p.WaitVisible(`[data-testid="history-entry"][data-action="status"]`)
	p.WaitText(`[data-testid="history"]`, "Screening")
	p.Screenshot("register-entity")

	v := getEntity(p, id)
	if v.Entity.Status != "screening" {
		t.Fatalf("stored status %q, want screening", v.Entity.Status)
	}
	found := false
	for _, h := range v.History {
		if h.Action == "status" && h.New == "screening" {
			found = true
		}
	}
	if !found {
		t.Fatalf("no status move to screening in the history: %+v", v.History)
	}

	// Back in the list the row is no longer flagged.
	p.Click(`.sidebar [data-area="register"]`)
	p.WaitVisible(row)
	if Eval[bool](p, `!!document.querySelector('`+row+` [data-testid="incomplete-badge"]')`) {
		t.Fatal("the list still flags the completed entity")
	}
}

// TestRegisterSearch searches the demo register from the top search box in
// English and in Chinese.
func TestRegisterSearch(t *testing.T) {
	p := NewUnlockedPage(t, true)
	p.Click(`.sidebar [data-area="register"]`)
	p.WaitVisible(`[data-testid="entity-row"]`)
	p.WaitText(`[data-testid="register-count"]`, "40 entities")
	p.Screenshot("register-list")

	for _, c := range []struct{ query, want string }{
		{"Harbourline", "Harbourline Cell Therapeutics Ltd"},
		{"翠峰", "翠峰細胞醫學有限公司"},
		{"海澄基因", "海澄基因治療有限公司"},
	} {
		p.Click(`.sidebar [data-area="overview"]`)
		p.Key("Control+k")
		p.setValue(`.topbar input[type=search]`, c.query)
		p.Key("Enter")
		p.WaitJS(`document.querySelector('main.work')?.dataset.area === 'register'`, defaultWait)
		p.WaitText(`[data-testid="register-count"]`, c.query)
		p.WaitText(`[data-testid="register-grid"] tbody`, c.want)
		n := Eval[float64](p, `document.querySelectorAll('[data-testid="entity-row"]').length`)
		if n < 1 || n > 3 {
			t.Fatalf("search %q shows %v rows", c.query, n)
		}
	}
	p.Screenshot("register-search")

	// The status filter keeps entities in any of the ticked statuses.
	p.Key("Control+k")
	p.setValue(`.topbar input[type=search]`, "")
	p.WaitText(`[data-testid="register-count"]`, "40 entities")
	p.Click(`[data-testid="filter-status"]`)
	p.WaitVisible(`[data-testid="status-menu"]`)
	p.Click(`[data-testid="status-menu"] input[data-status="screening"]`)
	p.Click(`[data-testid="status-menu"] input[data-status="declined"]`)
	p.WaitText(`[data-testid="filter-status"]`, "Screening, Declined")
	want := Eval[float64](p, `window.go.app.RegisterService.List({search: '', statuses: ['screening', 'declined'], atpType: '', intendedUse: '',
	  processType: '', completeness: '', sort: 'name', desc: false, offset: 0, limit: 100}).then(p => p.total)`)
	if want < 2 {
		t.Fatalf("the demo register has %v entities screening or declined; the test needs both", want)
	}
	p.WaitJS(fmt.Sprintf(`document.querySelectorAll('[data-testid="entity-row"]').length === %v`, want), defaultWait)
	p.Screenshot("register-status-filter")
	statuses := Eval[[]any](p, `[...new Set([...document.querySelectorAll('[data-testid="entity-row"] .badge.status')].map(b => b.dataset.status))].sort()`)
	if fmt.Sprint(statuses) != "[declined screening]" {
		t.Fatalf("rows shown are in statuses %v, want declined and screening", statuses)
	}
	p.Key("Escape")
	p.WaitJS(`!document.querySelector('[data-testid="status-menu"]')`, defaultWait)
	p.WaitText(`[data-testid="register-count"]`, fmt.Sprintf("%v entities", want))
	p.Click(`[data-testid="filter-status"]`)
	p.Click(`[data-testid="status-menu"] .foot button`)
	p.WaitText(`[data-testid="filter-status"]`, "All statuses")
	p.Key("Control+k")
	p.setValue(`.topbar input[type=search]`, "海澄基因")
	p.WaitText(`[data-testid="register-grid"] tbody`, "海澄基因治療有限公司")

	// Open the found entity and look at its page.
	p.Click(`[data-testid="entity-row"] .name-link`)
	p.WaitVisible(`[data-testid="entity-page"] [data-testid="submission-view"]`)
	p.Screenshot("register-entity-demo")
}

// TestRegisterAttachmentsAndDelete drops a file on the entity page, views it
// from memory, deletes it with confirmation, then deletes the entity with a
// typed reason.
func TestRegisterAttachmentsAndDelete(t *testing.T) {
	p := NewUnlockedPage(t, false)
	id := int64(Eval[float64](p, `window.go.app.RegisterService.Create(`+completeEntity+`)`))
	p.Click(`.sidebar [data-area="register"]`)
	p.Click(fmt.Sprintf(`[data-testid="entity-row"][data-id="%d"] .name-link`, id))
	p.WaitVisible(`[data-testid="attachments"]`)

	// Drop a file as the window's drag and drop would deliver it.
	Eval[bool](p, `(()=>{const dt=new DataTransfer();
	  dt.items.add(new File(['Subject: RFI reply\n\n我們對GMP產能有興趣 (fictional)'], 'rfi-reply.eml', {type:'message/rfc822'}));
	  const zone=document.querySelector('[data-testid="attachments"]');
	  zone.dispatchEvent(new DragEvent('dragover',{bubbles:true,cancelable:true,dataTransfer:dt}));
	  zone.dispatchEvent(new DragEvent('drop',{bubbles:true,cancelable:true,dataTransfer:dt})); return true})()`)
	p.WaitVisible(`[data-testid="attachment"]`)
	p.WaitText(`[data-testid="register-saved"]`, "Attachment saved")
	p.WaitVisible(`[data-testid="history-entry"][data-action="attach"]`)
	p.Screenshot("register-entity-attached")

	// An email is previewed decoded (headers and text), never as raw MIME.
	p.Click(`[data-testid="attachment"] .name`)
	p.WaitText(`[data-testid="attachment-email"] [data-testid="email-subject"]`, "RFI reply")
	p.WaitText(`[data-testid="attachment-email"] [data-testid="email-body"]`, "我們對GMP產能有興趣")
	p.Screenshot("register-attachment")
	p.Key("Escape")
	p.WaitJS(`!document.querySelector('[data-testid="attachment-viewer"]')`, defaultWait)

	p.Click(`[data-testid="attachment"] button[aria-label="Delete"]`)
	p.Click(`[data-testid="attachment-delete-confirm"]`)
	p.WaitJS(`!document.querySelector('[data-testid="attachment"]')`, defaultWait)
	if n := Eval[float64](p, fmt.Sprintf(`window.go.app.RegisterService.Get(%d).then(v => v.attachments.length)`, id)); n != 0 {
		t.Fatalf("%v attachments left after deleting the only one", n)
	}

	// Deleting the entity needs a reason.
	p.Click(`[data-testid="delete-open"]`)
	p.WaitVisible(`[data-testid="delete-dialog"]`)
	if !Eval[bool](p, `document.querySelector('[data-testid="delete-confirm"]').disabled`) {
		t.Fatal("delete is possible without a reason")
	}
	p.Fill(`[data-testid="delete-reason"]`, "Duplicate of another entry.")
	p.Click(`[data-testid="delete-confirm"]`)
	p.WaitVisible(`[data-testid="register-empty"]`)
	if code := Eval[string](p, fmt.Sprintf(`window.go.app.RegisterService.Get(%d).then(() => 'found', e => JSON.parse(e.message ?? e).code)`, id)); code != "notfound" {
		t.Fatalf("after delete, Get answers %q, want notfound", code)
	}
}

// TestRegisterList10k fills a register with 10,000 fictional entities through
// the backend and scrolls, sorts and searches the one virtual list: only a
// window of rows is ever in the page, End reaches the last entity and shows
// it, the middle of the list shows the right rows, and the table tells a
// screen reader the whole count. It logs how long the list took to answer
// (figures for the README, never asserted).
func TestRegisterList10k(t *testing.T) {
	p := NewUnlockedPage(t, false)
	// Filled 500 at a time, each batch its own call: one call for all 10,000
	// ran past the harness's deadline on a loaded machine.
	n := 0.0
	for from := 0; from < 10000; from += 500 {
		n += Eval[float64](p, fmt.Sprintf(`(async () => {
	  const mk = (i) => ({name: 'Fictional Entity ' + String(i).padStart(5, '0') + ' Ltd', address: '', contact_name: 'Contact ' + i,
	    contact_email: '', contact_phone: '', status: 'received', received_on: '2026-01-01', source: '', notes: '', tags: [],
	    submissions: [{product_name: 'Product ' + i, routes: [], starting_materials: [], training_roles: [], pd_completed: null,
	      gmp_before: null, has_authorized_person: null, needs_training: null}]});
	  let done = 0;
	  for (let i = %d; i < %d; i += 100) {
	    await Promise.all(Array.from({length: 100}, (_, k) => window.go.app.RegisterService.Create(mk(i + k))));
	    done += 100;
	  }
	  return done; })()`, from, from+500))
	}
	if n != 10000 {
		t.Fatalf("created %v entities", n)
	}
	p.Click(`.sidebar [data-area="register"]`)
	p.WaitText(`[data-testid="register-count"]`, "10,000 entities")
	ms := Eval[float64](p, `(async () => { const t = performance.now();
	  await window.go.app.RegisterService.List({search: '', statuses: [], atpType: '', intendedUse: '', processType: '', completeness: '', sort: 'name', desc: true, offset: 0, limit: 100});
	  return performance.now() - t; })()`)
	t.Logf("List, 100 of 10,000 sorted by name: %.1f ms", ms)

	// The rows in the page: a window, never the list.
	rendered := func() int {
		t.Helper()
		return Eval[int](p, `document.querySelectorAll('[data-testid="register-grid"] tbody tr').length`)
	}
	windowOnly := func(where string) {
		t.Helper()
		if n := rendered(); n == 0 || n >= 100 {
			t.Fatalf("%s: %d rows in the page, want a window (1–99) of the 10,000", where, n)
		}
	}
	name := func(i int) string { return fmt.Sprintf("Fictional Entity %05d Ltd", i) }
	// The row at index i of the list (by aria-rowindex: the header is row 1).
	rowAt := func(i int) string {
		return fmt.Sprintf(`[data-testid="entity-row"][aria-rowindex="%d"]`, i+2)
	}

	p.Click(`th [data-sort="name"]`)
	p.WaitText(`[data-testid="register-grid"] tbody tr:first-child`, name(0))
	p.Click(`th [data-sort="name"]`)
	p.WaitText(`[data-testid="register-grid"] tbody tr:first-child`, name(9999))
	windowOnly("at the top")
	if rc := Eval[string](p, `document.querySelector('[data-testid="register-table"]').getAttribute('aria-rowcount')`); rc != "10001" {
		t.Fatalf("aria-rowcount = %q, want 10001 (10,000 entities and the header row)", rc)
	}

	// End: the last entity by the order (A–Z reversed: 00000) selected and on screen.
	Eval[bool](p, `(document.querySelector('[data-testid="register-grid"]').focus(), true)`)
	p.Key("End")
	p.WaitText(rowAt(9999)+`.selected`, name(0))
	onScreen := func(sel string) bool {
		return Eval[bool](p, fmt.Sprintf(`(()=>{const r=document.querySelector(%q), g=document.querySelector('[data-testid="register-grid"]');
		  if(!r) return false; const a=r.getBoundingClientRect(), b=g.getBoundingClientRect(), h=g.querySelector('thead').getBoundingClientRect().height;
		  const top=b.top+g.clientTop; return a.top >= top + h - 1 && a.bottom <= top + g.clientHeight + 1})()`, sel))
	}
	if !onScreen(rowAt(9999)) {
		t.Log(Eval[string](p, `(()=>{const g=document.querySelector('[data-testid="register-grid"]'); const rs=[...g.querySelectorAll('tbody tr')];
		  return JSON.stringify({st:g.scrollTop, sh:g.scrollHeight, ch:g.clientHeight, gt:g.getBoundingClientRect().top, head:g.querySelector('thead').getBoundingClientRect().height,
		    mt:g.querySelector('table').style.marginTop, sp:g.querySelector('.spacer-rows').style.height, rows:rs.slice(-3).map(r=>[r.dataset.index, r.getBoundingClientRect().top, r.getBoundingClientRect().height, r.className])})})()`))
		t.Fatal("End selected the last entity but it is not on screen")
	}
	windowOnly("at the end")
	p.Screenshot("register-list-10k-end")

	// Home, then a screen down: the selection moves by the rows a screen holds.
	p.Key("Home")
	p.WaitText(rowAt(0)+`.selected`, name(9999))
	p.Key("PageDown")
	p.WaitJS(`+(document.querySelector('[data-testid="entity-row"].selected')?.dataset.index ?? 0) > 3`, defaultWait)
	down := Eval[int](p, `+document.querySelector('[data-testid="entity-row"].selected').dataset.index`)
	if !onScreen(rowAt(down)) {
		t.Fatalf("PageDown selected row %d off screen", down)
	}

	// Scrolled to the middle (as the scroll bar would): the rows there.
	Eval[bool](p, `(()=>{const g=document.querySelector('[data-testid="register-grid"]'); g.scrollTop = (g.scrollHeight - g.clientHeight) / 2; return true})()`)
	p.WaitJS(`(()=>{const rows=[...document.querySelectorAll('[data-testid="entity-row"]')]; return rows.length > 5 && rows.every(r => r.textContent.includes('Fictional Entity 0'))
	  && +rows[0].dataset.index > 4000 && +rows[0].dataset.index < 6000})()`, defaultWait)
	mid := Eval[[]int](p, `[...document.querySelectorAll('[data-testid="entity-row"]')].map(r => +r.dataset.index)`)
	for _, i := range mid {
		if got := p.Text(rowAt(i) + ` .name-link`); got != name(9999-i) {
			t.Fatalf("row %d of the list shows %q, want %q", i, got, name(9999-i))
		}
	}
	windowOnly("in the middle")
	p.Screenshot("register-list-10k-middle")

	// A row in the middle opened and the entity page left by its back
	// button: the list is where it was, the row still selected.
	pick := mid[len(mid)/2]
	p.Click(rowAt(pick) + ` td:nth-child(3)`) // its status cell
	p.WaitVisible(rowAt(pick) + `.selected`)
	scrolled := Eval[float64](p, `document.querySelector('[data-testid="register-grid"]').scrollTop`)
	Eval[bool](p, `(document.querySelector('[data-testid="register-grid"]').focus(), true)`)
	p.Key("Enter")
	p.WaitText(`[data-testid="entity-page"] [data-testid="entity-name"]`, name(9999-pick))
	p.Click(`[data-testid="entity-page"] button.back`)
	p.WaitText(rowAt(pick)+`.selected`, name(9999-pick))
	p.WaitJS(fmt.Sprintf(`Math.abs(document.querySelector('[data-testid="register-grid"]').scrollTop - %v) < 1`, scrolled), defaultWait)
	if !onScreen(rowAt(pick)) {
		t.Fatalf("back on the list, the selected row %d is off screen", pick)
	}

	p.Key("Control+k")
	p.setValue(`.topbar input[type=search]`, "Entity 04321")
	p.WaitText(`[data-testid="register-count"]`, "1 entity")
	p.WaitText(`[data-testid="register-grid"] tbody`, "Fictional Entity 04321 Ltd")
	p.Screenshot("register-list-10k")
}
