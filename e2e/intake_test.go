//go:build e2e

package e2e

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"atpreg/internal/mailin/mailtest"
	"atpreg/internal/register"
	"atpreg/internal/rfiform"
)

// intakeEntity is a fictional entity as the register holds it before the
// reply arrives.
func intakeEntity() register.Entity {
	return register.Entity{
		Name: "Kowloon Bay Cell Works Ltd", Address: "8 Fictional Road, Kowloon Bay",
		ContactName: "Wong Siu Ming", ContactEmail: "siuming.wong@cellworks.example", ContactPhone: "+852 5555 0101",
		Status: "received", ReceivedOn: "2026-01-15", Tags: []string{},
		Submissions: []register.Submission{{
			ProductName: "CW-101 T cells", Composition: "Allogeneic T cells", PharmaceuticalForm: "Suspension for infusion",
			TherapeuticIndication: "Fictional lymphoma", Routes: []register.Route{register.RouteIntravenous},
			ATPType: register.ATPCellTherapy, IntendedUse: register.UsePhase1,
			StartingMaterials: []register.StartingMaterial{register.MaterialPeripheralBlood},
			ProcessType:       register.ProcessClosedSystem, PDCompleted: register.Yes, GMPBefore: register.No,
			HasAuthorizedPerson: register.No, NeedsTraining: register.No, ExpectedStart: "2026-01",
			TrainingRoles: []register.TrainingRole{},
		}},
	}
}

// replyEML is a Big5 email from the entity with atpreg's own RFI form,
// filled with e's answers, attached.
func replyEML(t *testing.T, e register.Entity, msgID string) []byte {
	t.Helper()
	form, err := rfiform.PDF(&e, "en", time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	return mailtest.Build(mailtest.Email{
		From: "黃小明 <siuming.wong@cellworks.example>", To: "ATP Office <atp@hkstp.example>",
		Subject: "RFI 回覆：CW-101", Date: time.Date(2026, 2, 20, 9, 30, 0, 0, time.FixedZone("HKT", 8*3600)),
		MessageID: msgID, Big5: true,
		Text:        "敬啟者：\n附上已填妥的表格。\n\nDear officer, please find our filled form attached.\n黃小明\n",
		Attachments: []mailtest.File{{Name: "RFI form filled.pdf", ContentType: "application/pdf", Data: form}},
	})
}

// dropFiles drags files (name → bytes) over the element sel as the
// window's drag and drop delivers them, and drops them when drop is true
// (else the drag is held over the page until the next dropFiles).
func (p *Page) dropFiles(sel string, files map[string][]byte, drop bool) {
	p.T.Helper()
	var js strings.Builder
	js.WriteString(`(()=>{const dt=new DataTransfer();`)
	for name, data := range files {
		b64, _ := json.Marshal(base64.StdEncoding.EncodeToString(data))
		n, _ := json.Marshal(name)
		fmt.Fprintf(&js, `dt.items.add(new File([Uint8Array.from(atob(%s), c => c.charCodeAt(0))], %s, {type: 'message/rfc822'}));`, b64, n)
	}
	sj, _ := json.Marshal(sel)
	fmt.Fprintf(&js, `const el=document.querySelector(%s);
	  el.dispatchEvent(new DragEvent('dragenter',{bubbles:true,cancelable:true,dataTransfer:dt}));
	  el.dispatchEvent(new DragEvent('dragover',{bubbles:true,cancelable:true,dataTransfer:dt}));`, sj)
	// A drag held over the page goes on firing dragover (the overlay stays
	// while it does); a drop ends it.
	js.WriteString(`clearInterval(window.__intakeDrag);`)
	if drop {
		js.WriteString(`el.dispatchEvent(new DragEvent('drop',{bubbles:true,cancelable:true,dataTransfer:dt}));`)
	} else {
		js.WriteString(`window.__intakeDrag=setInterval(()=>el.dispatchEvent(new DragEvent('dragover',{bubbles:true,cancelable:true,dataTransfer:dt})),100);`)
	}
	js.WriteString(`return true})()`)
	Eval[bool](p, js.String())
}

// TestIntakeEmailWithForm: an entity is in the register; a Big5 reply email
// whose filled RFI form differs in one field is dropped on the register.
// The review shows the email as a person reads it and the difference with a
// pick (keeping the register's value by default); the officer takes the
// form's value and confirms with Enter; the entity page shows the new value
// and the email among its attachments, previewed decoded. A second reply
// whose form has a bad contact email cannot be confirmed, and Escape
// cancels it with the register unchanged.
func TestIntakeEmailWithForm(t *testing.T) {
	p := NewUnlockedPage(t, false)
	stored := intakeEntity()
	body, err := json.Marshal(stored)
	if err != nil {
		t.Fatal(err)
	}
	id := int64(Eval[float64](p, `window.go.app.RegisterService.Create(`+string(body)+`)`))
	p.Click(`.sidebar [data-area="register"]`)
	p.WaitVisible(fmt.Sprintf(`[data-testid="entity-row"][data-id="%d"]`, id))

	form := intakeEntity()
	form.Submissions[0].Composition = "Autologous T cells, 1x10^8 per bag"
	eml := replyEML(t, form, "reply-1@cellworks.example")

	// Files dragged over the list show the overlay; dropping them opens the review.
	p.dropFiles(`[data-testid="register-grid"]`, map[string][]byte{"RFI reply.eml": eml}, false)
	p.WaitText(`[data-testid="intake-overlay"]`, "Drop emails, filled RFI forms or evaluation sheets to take them in")
	p.Screenshot("intake-overlay")
	p.dropFiles(`[data-testid="register-grid"]`, map[string][]byte{"RFI reply.eml": eml}, true)
	p.WaitVisible(`[data-testid="intake-review"]`)
	p.WaitJS(`!document.querySelector('[data-testid="intake-overlay"]')`, defaultWait)

	for sel, want := range map[string]string{
		`[data-testid="email-from"]`:        "黃小明 <siuming.wong@cellworks.example>",
		`[data-testid="email-to"]`:          "ATP Office <atp@hkstp.example>",
		`[data-testid="email-subject"]`:     "RFI 回覆：CW-101",
		`[data-testid="email-date"]`:        "2026",
		`[data-testid="email-body"]`:        "附上已填妥的表格。",
		`[data-testid="email-attachments"]`: "RFI form filled.pdf",
		`[data-testid="intake-entity"]`:     "Kowloon Bay Cell Works Ltd — found by its contact email",
		`[data-testid="intake-action"]`:     "Merge into existing",
	} {
		if got := p.Text(sel); !strings.Contains(got, want) {
			t.Errorf("%s shows %q, want %q in it", sel, got, want)
		}
	}
	const key = "product.cw-101 t cells.composition"
	row := fmt.Sprintf(`[data-testid="intake-diff"][data-key=%q]`, key)
	if n := Eval[int](p, `document.querySelectorAll('[data-testid="intake-diff"]').length`); n != 1 {
		t.Fatalf("%d differences shown, want 1", n)
	}
	if got := p.Text(row); !strings.Contains(got, "Allogeneic T cells") || !strings.Contains(got, "Autologous T cells, 1x10^8 per bag") {
		t.Fatalf("difference row %q", got)
	}
	if !Eval[bool](p, fmt.Sprintf(`document.querySelector('%s [data-testid="keep-register"]').checked`, row)) {
		t.Fatal("the register's value is not kept by default")
	}
	if Eval[bool](p, `document.querySelector('[data-testid="intake-confirm"]').disabled`) {
		t.Fatal("Confirm is disabled on a clean review")
	}
	if n := Eval[float64](p, fmt.Sprintf(`window.go.app.RegisterService.Get(%d).then(v => v.attachments.length)`, id)); n != 0 {
		t.Fatalf("the review changed the register: %v attachments", n)
	}
	p.Screenshot("intake-review")

	// Take the form's value; Enter confirms.
	p.Click(row + ` [data-testid="take-form"]`)
	p.WaitText(`[data-testid="intake-summary"]`, "the form's value is taken for 1")
	p.Screenshot("intake-review-picked")
	p.Key("Enter")
	p.WaitVisible(`[data-testid="intake-saved"]`)
	p.WaitText(`[data-testid="intake-saved"]`, "Took in 1 file: 1 entity updated.")
	p.WaitText(`[data-testid="register-saved"]`, "Intake saved")
	p.Screenshot("intake-saved")
	if got := Eval[string](p, fmt.Sprintf(`window.go.app.RegisterService.Get(%d).then(v => v.entity.submissions[0].composition)`, id)); got != "Autologous T cells, 1x10^8 per bag" {
		t.Fatalf("composition after the intake: %q", got)
	}

	// The link leads to the entity: the new value, the email kept, decoded in its preview.
	p.Click(`[data-testid="intake-entity-link"]`)
	p.WaitJS(`!document.querySelector('[data-testid="intake-review"]')`, defaultWait)
	p.WaitText(`[data-testid="entity-page"]`, "Autologous T cells, 1x10^8 per bag")
	p.WaitText(`[data-testid="attachments"]`, "RFI reply.eml")
	p.Screenshot("intake-entity")
	p.Click(`[data-testid="attachment"] .name[title="View RFI reply.eml"]`)
	p.WaitVisible(`[data-testid="attachment-email"]`)
	p.WaitText(`[data-testid="attachment-email"] [data-testid="email-subject"]`, "RFI 回覆：CW-101")
	p.WaitText(`[data-testid="attachment-email"] [data-testid="email-body"]`, "Dear officer, please find our filled form attached.")
	viewer := p.Text(`[data-testid="attachment-viewer"]`)
	for _, raw := range []string{"Content-Type:", "Content-Transfer-Encoding", "MIME-Version", "=?big5?"} {
		if strings.Contains(viewer, raw) {
			t.Errorf("the email's preview shows raw MIME (%q):\n%s", raw, viewer)
		}
	}
	p.Screenshot("intake-attachment-preview")
	p.Key("Escape")
	p.WaitJS(`!document.querySelector('[data-testid="attachment-viewer"]')`, defaultWait)

	// A reply with a problem, dropped on the entity's page: listed in
	// words, Confirm disabled, Escape cancels and nothing changes.
	bad := intakeEntity()
	bad.ContactEmail = "siuming.wong(at)cellworks"
	bad.Submissions[0].Composition = "Something else"
	p.dropFiles(`[data-testid="entity-page"] h1`, map[string][]byte{"second reply.eml": replyEML(t, bad, "reply-2@cellworks.example")}, true)
	p.WaitVisible(`[data-testid="intake-review"] [data-testid="intake-problem"]`)
	problem := p.Text(`[data-testid="intake-problem"]`)
	if !strings.Contains(problem, "second reply.eml") || !strings.Contains(problem, "siuming.wong(at)cellworks") || !strings.Contains(problem, "name@company.com") {
		t.Errorf("the problem does not name the value: %q", problem)
	}
	if !Eval[bool](p, `document.querySelector('[data-testid="intake-confirm"]').disabled`) {
		t.Fatal("Confirm is enabled despite a problem")
	}
	p.Screenshot("intake-problem")
	p.Key("Escape")
	p.WaitJS(`!document.querySelector('[data-testid="intake-review"]')`, defaultWait)
	if n := Eval[float64](p, fmt.Sprintf(`window.go.app.RegisterService.Get(%d).then(v => v.attachments.length)`, id)); n != 2 {
		t.Fatalf("%v attachments after a cancelled intake, want 2 (the first email and its form)", n)
	}
}
