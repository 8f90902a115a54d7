package service

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"atpreg/internal/apperr"
	"atpreg/internal/forms/formstest"
	"atpreg/internal/mailin/mailtest"
	"atpreg/internal/register"
	"atpreg/internal/rfiform"
	"atpreg/internal/store"
)

// formEntity is a fictional entity's answers, as a filled form holds them.
func formEntity() register.Entity {
	return register.Entity{
		Name: "Kowloon Bay Cell Works Ltd", Address: "8 Fictional Road, Kowloon Bay",
		ContactName: "Wong Siu Ming", ContactEmail: "siuming.wong@cellworks.example", ContactPhone: "+852 5555 0101",
		Submissions: []register.Submission{{
			ProductName: "CW-101 T cells", Composition: "Autologous T cells", PharmaceuticalForm: "Suspension for infusion",
			TherapeuticIndication: "Fictional lymphoma", Routes: []register.Route{register.RouteIntravenous},
			ATPType: register.ATPCellTherapy, IntendedUse: register.UsePhase1,
			StartingMaterials: []register.StartingMaterial{register.MaterialPeripheralBlood},
			ProcessType:       register.ProcessClosedSystem, PDCompleted: register.Yes, GMPBefore: register.No,
			HasAuthorizedPerson: register.No, NeedsTraining: register.No, ExpectedStart: "2026-01",
		}},
	}
}

func filledPDF(tb testing.TB, e register.Entity) []byte {
	tb.Helper()
	b, err := rfiform.PDF(&e, "en", time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func replyEmail(tb testing.TB, form []byte, extra ...mailtest.File) []byte {
	atts := []mailtest.File{}
	if form != nil {
		atts = append(atts, mailtest.File{Name: "RFI form filled.pdf", ContentType: "application/pdf", Data: form})
	}
	atts = append(atts, extra...)
	return mailtest.Build(mailtest.Email{
		From: "Wong Siu Ming <SiuMing.Wong@cellworks.example>", To: "atp@hkstp.example",
		Subject: "RFI reply: CW-101", Date: time.Date(2025, 2, 20, 9, 30, 0, 0, time.FixedZone("HKT", 8*3600)),
		MessageID: "reply-1@cellworks.example", Text: "Dear officer,\nplease find our filled form attached.\n",
		Attachments: atts,
	})
}

func entityCount(tb testing.TB, r *Register) int {
	tb.Helper()
	var n int
	if err := r.db.View(context.Background(), func(rd *store.Reader) error {
		return rd.Get(&n, `SELECT count(*) FROM entities`)
	}); err != nil {
		tb.Fatal(err)
	}
	return n
}

func attachmentCount(tb testing.TB, r *Register) int {
	tb.Helper()
	var n int
	if err := r.db.View(context.Background(), func(rd *store.Reader) error {
		return rd.Get(&n, `SELECT count(*) FROM attachments`)
	}); err != nil {
		tb.Fatal(err)
	}
	return n
}

func TestIntakeEmailWithFormCreatesEntityAndIsIdempotent(t *testing.T) {
	r := testRegister(t, false)
	ctx := context.Background()
	eml := replyEmail(t, filledPDF(t, formEntity()), mailtest.File{Name: "brochure.txt", ContentType: "text/plain", Data: []byte("Fictional brochure")})
	files := []IntakeFile{{Name: "/tmp/some/reply.eml", Data: eml}}

	check, err := r.CheckIntake(ctx, files, IntakeOptions{})
	if err != nil || len(check.Problems) > 0 {
		t.Fatalf("check: %v %v", err, check.Problems)
	}
	if check.Created != 1 || entityCount(t, r) != 0 || check.Items[0].EntityID != 0 {
		t.Fatalf("a check changed the register or says wrongly: %+v", check)
	}
	rep, err := r.ApplyIntake(ctx, files, IntakeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	it := rep.Items[0]
	if !rep.Applied || rep.Created != 1 || it.Kind != IntakeEmail || it.CreatedFrom != "form" || it.File != "reply.eml" {
		t.Fatalf("report: %+v", rep)
	}
	e, err := r.db.GetEntity(ctx, it.EntityID)
	if err != nil {
		t.Fatal(err)
	}
	if e.Name != "Kowloon Bay Cell Works Ltd" || e.ReceivedOn != "2025-02-20" || e.Source != "RFI reply: CW-101 <reply-1@cellworks.example>" ||
		len(e.Submissions) != 1 || e.Submissions[0].ATPType != register.ATPCellTherapy || e.Submissions[0].ExpectedStart != "2026-01" {
		t.Fatalf("entity: %+v", e)
	}
	atts, err := r.db.Attachments(ctx, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, a := range atts {
		names = append(names, a.Name)
	}
	if strings.Join(names, "|") != "reply.eml|RFI form filled.pdf|brochure.txt" {
		t.Fatalf("attachments: %v", names)
	}
	if !it.Attachments[0].Form || !it.Attachments[0].Kept || !it.Attachments[1].Kept {
		t.Fatalf("attachments in the report: %+v", it.Attachments)
	}
	hist, err := r.db.History(ctx, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	var intake bool
	for _, h := range hist {
		if h.Action == store.ActionIntake && h.Field == "file" && strings.Contains(h.Detail, "reply-1@cellworks.example") {
			intake = true
		}
	}
	if !intake {
		t.Fatalf("no intake line in the history: %+v", hist)
	}

	// The same email again, even under another name, changes nothing.
	again, err := r.ApplyIntake(ctx, []IntakeFile{{Name: "copy.eml", Data: eml}}, IntakeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if again.Applied || again.Unchanged != 1 || !again.Items[0].AlreadyTakenIn || again.Items[0].EntityID != e.ID {
		t.Fatalf("again: %+v", again)
	}
	if entityCount(t, r) != 1 || attachmentCount(t, r) != 3 {
		t.Fatalf("taking in twice changed the register: %d entities, %d attachments", entityCount(t, r), attachmentCount(t, r))
	}
	hist2, _ := r.db.History(ctx, e.ID)
	if len(hist2) != len(hist) {
		t.Fatalf("taking in twice added history: %d -> %d", len(hist), len(hist2))
	}
}

func TestIntakeFillsEmptyListsDifferencesAndTakesPicks(t *testing.T) {
	r := testRegister(t, false)
	ctx := context.Background()
	stored := formEntity()
	stored.ContactPhone = ""                               // empty: the form fills it
	stored.ContactEmail = "SIUMING.WONG@cellworks.example" // found by email, case ignored
	stored.Name = "Kowloon Bay Cell Works"                 // differs
	stored.Submissions[0].ProductName = "cw-101  T CELLS"
	stored.Submissions[0].Composition = "Allogeneic T cells" // differs
	stored.Submissions[0].PharmaceuticalForm = ""            // filled
	id, err := r.db.CreateEntity(ctx, stored, "test")
	if err != nil {
		t.Fatal(err)
	}
	form := formEntity()
	form.Submissions = append(form.Submissions, register.Submission{ProductName: "CW-202 MSC"})
	files := []IntakeFile{{Name: "form.pdf", Data: filledPDF(t, form)}}

	rep, err := r.ApplyIntake(ctx, files, IntakeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	it := rep.Items[0]
	if it.EntityID != id || it.MatchedBy != "contact email" || it.Action != ImportMerge || it.Kind != IntakeForm {
		t.Fatalf("item: %+v", it)
	}
	diffs := map[string]IntakeChange{}
	for _, d := range it.Differences {
		diffs[d.Key] = d
	}
	name, comp := diffs["entity.name"], diffs["product.cw-101 t cells.composition"]
	if len(diffs) != 2 || name.Register != "Kowloon Bay Cell Works" || name.Form != "Kowloon Bay Cell Works Ltd" || name.Taken ||
		comp.Register != "Allogeneic T cells" || comp.Form != "Autologous T cells" || comp.Product != "cw-101  T CELLS" {
		t.Fatalf("differences: %+v", it.Differences)
	}
	filled := map[string]bool{}
	for _, f := range it.Filled {
		filled[f.Key] = true
	}
	if !filled["entity.contact_phone"] || !filled["product.cw-101 t cells.pharmaceutical_form"] || !filled["entity.received_on"] {
		t.Fatalf("filled: %+v", it.Filled)
	}
	if strings.Join(it.AddedProducts, "|") != "CW-202 MSC" {
		t.Fatalf("added: %v", it.AddedProducts)
	}
	e, _ := r.db.GetEntity(ctx, id)
	if e.Name != "Kowloon Bay Cell Works" || e.Submissions[0].Composition != "Allogeneic T cells" ||
		e.ContactPhone != "+852 5555 0101" || e.Submissions[0].PharmaceuticalForm != "Suspension for infusion" || len(e.Submissions) != 2 {
		t.Fatalf("silently overwritten or not filled: %+v", e)
	}

	// The officer picks the form's composition, keeps the register's name.
	rep, err = r.ApplyIntake(ctx, files, IntakeOptions{Take: []string{"product.cw-101 t cells.composition"}})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Items[0].Action != ImportMerge || !rep.Items[0].AlreadyTakenIn {
		t.Fatalf("pick: %+v", rep.Items[0])
	}
	e, _ = r.db.GetEntity(ctx, id)
	if e.Name != "Kowloon Bay Cell Works" || e.Submissions[0].Composition != "Autologous T cells" {
		t.Fatalf("pick not applied as chosen: %+v", e)
	}
	// --replace takes the rest.
	if _, err = r.ApplyIntake(ctx, files, IntakeOptions{Replace: true}); err != nil {
		t.Fatal(err)
	}
	e, _ = r.db.GetEntity(ctx, id)
	if e.Name != "Kowloon Bay Cell Works Ltd" || attachmentCount(t, r) != 1 {
		t.Fatalf("replace: %+v, %d attachments", e, attachmentCount(t, r))
	}
}

func TestIntakeFromSenderAndDraft(t *testing.T) {
	r := testRegister(t, false)
	ctx := context.Background()
	eml := mailtest.Build(mailtest.Email{From: "陳大文 <tm.chan@harbourgene.example>", To: "atp@hkstp.example", Subject: "查詢 ATP", Big5: true,
		Text: "你好，我們想了解更多。", Attachments: []mailtest.File{{Name: "profile.txt", Data: []byte("Fictional company profile")}}})
	rep, err := r.ApplyIntake(ctx, []IntakeFile{{Name: "draft.eml", Data: eml}}, IntakeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	it := rep.Items[0]
	if it.CreatedFrom != "sender" || it.Message.Text == "" || !strings.Contains(it.Message.Text, "我們想了解更多") {
		t.Fatalf("item: %+v", it)
	}
	if len(it.Notes) == 0 || !strings.Contains(it.Notes[0].String(), "2025-03-01") {
		t.Fatalf("the missing date is not noted: %v", it.Notes)
	}
	e, _ := r.db.GetEntity(ctx, it.EntityID)
	if e.Name != "陳大文" || e.ContactEmail != "tm.chan@harbourgene.example" || e.ReceivedOn != "2025-03-01" || e.Source != "查詢 ATP" {
		t.Fatalf("entity from the sender: %+v", e)
	}
}

func TestIntakeRejectsAllOrNothing(t *testing.T) {
	r := testRegister(t, false)
	ctx := context.Background()
	good := IntakeFile{Name: "reply.eml", Data: replyEmail(t, filledPDF(t, formEntity()))}

	two := formEntity()
	docx, err := rfiform.DOCX(&two, "en", time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	twoBoxes := formstest.FillDOCXAsWord(t, docx, nil, map[string]bool{"p1.atp_type.gene_therapy": true})
	badMail := mailtest.Build(mailtest.Email{From: "not an address", To: "atp@hkstp.example", Subject: "hello",
		Date: time.Date(2025, 2, 3, 0, 0, 0, 0, time.UTC), Text: "no form"})
	files := []IntakeFile{good,
		{Name: "notes.txt", Data: []byte("just some notes, no email")},
		{Name: "two-boxes.docx", Data: twoBoxes},
		{Name: "nosender.eml", Data: badMail},
	}
	rep, err := r.ApplyIntake(ctx, files, IntakeOptions{})
	if !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("want Invalid, got %v", err)
	}
	if entityCount(t, r) != 0 || attachmentCount(t, r) != 0 || rep.Applied {
		t.Fatal("a rejected intake changed the register")
	}
	var got []string
	for _, p := range rep.Problems {
		got = append(got, p.String())
	}
	all := strings.Join(got, "\n")
	for _, want := range []string{"notes.txt, file: This file is neither an email", "two-boxes.docx, p1.atp_type", "nosender.eml, from"} {
		if !strings.Contains(all, want) {
			t.Errorf("problems lack %q:\n%s", want, all)
		}
	}
	if !strings.Contains(apperr.Message(err), "Nothing was changed") {
		t.Errorf("error: %v", err)
	}
	if len(apperr.FieldsOf(err)) != len(rep.Problems) {
		t.Errorf("the error names %d problems, the report %d", len(apperr.FieldsOf(err)), len(rep.Problems))
	}
}

func TestIntakeSheetGoesThroughTheImport(t *testing.T) {
	r := testRegister(t, false)
	ctx := context.Background()
	csv := "entity_name,contact_email,product_name\nFictional Sheet Bio,a@sheetbio.example,SB-1\n"
	rep, err := r.ApplyIntake(ctx, []IntakeFile{{Name: "rows.csv", Data: []byte(csv)}, {Name: "reply.eml", Data: replyEmail(t, nil)}}, IntakeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Items[0].Kind != IntakeSheet || rep.Items[0].Import == nil || rep.Items[0].Import.Created != 1 || entityCount(t, r) != 2 {
		t.Fatalf("report: %+v", rep.Items[0])
	}
	// --entity that does not exist
	rep, err = r.ApplyIntake(ctx, []IntakeFile{{Name: "reply2.eml", Data: replyEmail(t, nil, mailtest.File{Name: "x.txt", Data: []byte("x")})}}, IntakeOptions{EntityID: 99})
	if !apperr.Is(err, apperr.Invalid) || len(rep.Problems) != 1 || rep.Problems[0].Field != "--entity" {
		t.Fatalf("missing entity: %v %+v", err, rep.Problems)
	}
}

// TestIntakeFindsByNameAndTakesNothingTwice: a form whose contact email the
// register does not know is matched by the entity's name (case and spaces
// ignored), its different email listed, not taken; the same form again, and
// the same email saved again as another file (same Message-ID, other
// bytes, as a re-saved .eml or an Outlook .msg of it is), change nothing.
func TestIntakeFindsByNameAndTakesNothingTwice(t *testing.T) {
	r := testRegister(t, false)
	ctx := context.Background()
	stored := formEntity()
	stored.Name = "kowloon bay  cell works LTD"
	stored.ContactEmail = "office@cellworks.example"
	id, err := r.db.CreateEntity(ctx, stored, "test")
	if err != nil {
		t.Fatal(err)
	}
	form := IntakeFile{Name: "form.pdf", Data: filledPDF(t, formEntity())}
	rep, err := r.ApplyIntake(ctx, []IntakeFile{form}, IntakeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	it := rep.Items[0]
	if it.EntityID != id || it.MatchedBy != "name" || it.Action != ImportMerge {
		t.Fatalf("not found by name: %+v", it)
	}
	var email *IntakeChange
	for i, d := range it.Differences {
		if d.Key == "entity.contact_email" {
			email = &it.Differences[i]
		}
	}
	if email == nil || email.Taken || email.Register != "office@cellworks.example" {
		t.Fatalf("the other contact email is not listed as a difference: %+v", it.Differences)
	}
	unchanged := func(what string, f IntakeFile) {
		t.Helper()
		e0, _ := r.db.GetEntity(ctx, id)
		h0, _ := r.db.History(ctx, id)
		n0 := attachmentCount(t, r)
		rep, err := r.ApplyIntake(ctx, []IntakeFile{f}, IntakeOptions{})
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		it := rep.Items[0]
		if rep.Applied || it.Action != ImportUnchanged || !it.AlreadyTakenIn || it.EntityID != id {
			t.Fatalf("%s: %+v", what, it)
		}
		e1, _ := r.db.GetEntity(ctx, id)
		h1, _ := r.db.History(ctx, id)
		if n1 := attachmentCount(t, r); n1 != n0 || len(h1) != len(h0) || !reflect.DeepEqual(e0, e1) || entityCount(t, r) != 1 {
			t.Fatalf("%s changed the register: attachments %d -> %d, history %d -> %d", what, n0, n1, len(h0), len(h1))
		}
	}
	unchanged("the same form again", form)

	eml := replyEmail(t, form.Data)
	if _, err := r.ApplyIntake(ctx, []IntakeFile{{Name: "reply.eml", Data: eml}}, IntakeOptions{}); err != nil {
		t.Fatal(err)
	}
	unchanged("the same email again", IntakeFile{Name: "reply.eml", Data: eml})
	resaved := append([]byte("X-Fictional-Saved-By: another mail program\r\n"), eml...)
	unchanged("the same email saved again", IntakeFile{Name: "reply (saved again).eml", Data: resaved})
}
