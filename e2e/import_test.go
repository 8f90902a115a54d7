//go:build e2e

package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// importCSV is a fictional reply sheet: two products of one entity (its name
// in Chinese, a composition with a comma, a quote and a line break) and one
// entity whose type of ATP product is not a known choice.
const importCSV = "entity_name,contact_email,product_name,atp_type,composition\r\n" +
	"港灣細胞 Harbour Cell,ada@harbour-cell.example.com,HC-001,Cell therapy product,\"T cells, \"\"fresh\"\"\r\n1e8\"\r\n" +
	"港灣細胞 Harbour Cell,ada@harbour-cell.example.com,HC-002,gene_therapy,\r\n" +
	"Kowloon Tissue,ops@ktw.example.org,KT-1,stem cells,\r\n"

func TestImportDryRunAndImport(t *testing.T) {
	p := NewUnlockedPage(t, false)
	Eval[bool](p, `(location.hash = '#/register', true)`)
	p.Click(`[data-testid="open-import"]`)
	p.WaitVisible(`[data-testid="import-drop"]`)
	p.Screenshot("import-start")

	// A file with a bad cell: the dry run lists it, highlighted, and the
	// import button stays disabled.
	bad := filepath.Join(t.TempDir(), "replies.csv")
	if err := os.WriteFile(bad, []byte(importCSV), 0o600); err != nil {
		t.Fatal(err)
	}
	p.Do(chromedp.SetUploadFiles(`[data-testid="import-file"]`, []string{bad}))
	p.WaitVisible(`[data-testid="import-table"]`)
	p.WaitText(`[data-testid="import-problem-count"]`, "1 problem")
	if got := Eval[string](p, `document.querySelector('tr.problem')?.dataset.row ?? ''`); got != "4" {
		t.Fatalf("highlighted row %q, want 4", got)
	}
	if txt := p.Text(`tr.problem [data-column="atp_type"]`); !strings.Contains(txt, "stem cells") || !strings.Contains(txt, "not a known type of ATP product") {
		t.Fatalf("problem text %q", txt)
	}
	if !Eval[bool](p, `document.querySelector('[data-testid="import-confirm"]').disabled`) {
		t.Fatal("the import button is enabled despite a problem")
	}
	p.Screenshot("import-dry-run-problems")

	// The fixed file, dropped on the page: a clean dry run, then the import.
	p.Click(`[data-testid="import-cancel"]`)
	p.WaitVisible(`[data-testid="import-drop"]`)
	fixed := strings.Replace(importCSV, "stem cells", "Tissue engineered product", 1)
	js, _ := json.Marshal(fixed)
	Eval[bool](p, `(()=>{const dt=new DataTransfer(); dt.items.add(new File([`+string(js)+`], 'replies-fixed.csv', {type:'text/csv'}));
	  const el=document.querySelector('[data-testid="import-drop"]'); el.dispatchEvent(new DragEvent('drop',{dataTransfer:dt,bubbles:true,cancelable:true})); return true})()`)
	p.WaitText(`[data-testid="import-summary-text"]`, "Would import 3 rows: 2 new entities, 3 products added.")
	if n := Eval[int](p, `document.querySelectorAll('[data-testid="import-table"] tbody tr').length`); n != 3 {
		t.Fatalf("%d rows in the table, want 3", n)
	}
	if n := Eval[int](p, `window.go.app.RegisterService.List({limit: 50}).then(r => r.total)`); n != 0 {
		t.Fatalf("the dry run changed the register: %d entities", n)
	}
	p.Screenshot("import-dry-run-clean")
	p.Key("Control+Enter") // the keyboard path; the button does the same
	p.WaitVisible(`[data-testid="import-done"]`)
	p.WaitText(`[data-testid="import-done"]`, "Imported 3 rows")
	p.Screenshot("import-done")

	type row struct {
		Name     string   `json:"name"`
		Products []string `json:"products"`
	}
	rows := Eval[[]row](p, `window.go.app.RegisterService.List({sort: 'name', limit: 50}).then(r => r.rows)`)
	if len(rows) != 2 || rows[1].Name != "港灣細胞 Harbour Cell" || len(rows[1].Products) != 2 {
		t.Fatalf("register after the import: %+v", rows)
	}
	// The same file again changes nothing.
	p.Click(`[data-testid="import-done"] button.ghost`)
	Eval[bool](p, `(()=>{const dt=new DataTransfer(); dt.items.add(new File([`+string(js)+`], 'replies-fixed.csv', {type:'text/csv'}));
	  document.querySelector('[data-testid="import-drop"]').dispatchEvent(new DragEvent('drop',{dataTransfer:dt,bubbles:true,cancelable:true})); return true})()`)
	p.WaitText(`[data-testid="import-summary-text"]`, "Nothing to import: 2 entities already up to date.")
}

// TestImportCheckAgain: a file with a problem offers Check again; the
// officer fixes and saves the same file, Check again opens the file chooser
// and the file chosen is checked anew: the problem is gone and the import
// can go ahead. Counts read "1 problem", "3 rows".
func TestImportCheckAgain(t *testing.T) {
	p := NewUnlockedPage(t, false)
	Eval[bool](p, `(location.hash = '#/import', true)`)
	p.WaitVisible(`[data-testid="import-drop"]`)
	file := filepath.Join(t.TempDir(), "replies.csv")
	if err := os.WriteFile(file, []byte(importCSV), 0o600); err != nil {
		t.Fatal(err)
	}
	p.Do(chromedp.SetUploadFiles(`[data-testid="import-file"]`, []string{file}))
	p.WaitText(`[data-testid="import-problem-count"]`, "1 problem")
	p.WaitText(`[data-testid="import-summary"]`, "CSV · 3 rows")
	p.WaitVisible(`[data-testid="import-check-again"]`)
	p.Screenshot("import-check-again")
	hashBefore := p.Text(`[data-testid="import-summary"] .file span[title]`)

	// Fixed and saved in place (as a spreadsheet program would: a new file
	// under the same name).
	fixed := strings.Replace(importCSV, "stem cells", "Tissue engineered product", 1)
	tmp := file + ".tmp"
	if err := os.WriteFile(tmp, []byte(fixed), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, file); err != nil {
		t.Fatal(err)
	}
	Eval[bool](p, `(document.querySelector('[data-testid="import-file"]').addEventListener('click', e => { window.__chooser = true; e.preventDefault() }), true)`)
	p.Click(`[data-testid="import-check-again"]`)
	p.WaitJS(`window.__chooser === true`, defaultWait)
	p.Do(chromedp.SetUploadFiles(`[data-testid="import-file"]`, []string{file}))
	p.WaitText(`[data-testid="import-summary-text"]`, "Would import 3 rows: 2 new entities, 3 products added.")
	if Eval[bool](p, `document.querySelector('[data-testid="import-confirm"]').disabled`) {
		t.Fatal("the import button is disabled after the fixed file was checked again")
	}
	if Eval[bool](p, `!!document.querySelector('[data-testid="import-check-again"]')`) {
		t.Error("Check again is still offered for a clean file")
	}
	// The bytes checked are the file as it is on disk now, not the first
	// check's: the file's SHA-256 changed with it.
	if hashAfter := p.Text(`[data-testid="import-summary"] .file span[title]`); hashAfter == hashBefore || !strings.HasPrefix(hashAfter, "SHA-256 ") {
		t.Errorf("the check again shows %q, the first check %q: the fixed file was not read anew", hashAfter, hashBefore)
	}
}
