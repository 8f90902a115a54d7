package service

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"atpreg/internal/apperr"
	"atpreg/internal/letter"
	"atpreg/internal/pdftest"
	"atpreg/internal/register"
	"atpreg/internal/store"
)

var letterClock = time.Date(2026, 3, 10, 2, 0, 0, 0, time.UTC)

func demoForLetters(t *testing.T) (*Register, map[string]register.Entity) {
	t.Helper()
	r, err := CreateDemo(context.Background(), filepath.Join(t.TempDir(), "register.atpreg"), []byte("correct horse battery staple 42"),
		Options{TestingKDF: true, Now: func() time.Time { return letterClock }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = r.Close() })
	ents, err := r.db.Entities(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]register.Entity{}
	for _, e := range ents {
		byName[e.Name] = e
	}
	return r, byName
}

// pick returns the entities of ents that match, in id order, at least n.
func pick(t *testing.T, ents map[string]register.Entity, n int, match func(register.Entity) bool) []register.Entity {
	t.Helper()
	var out []register.Entity
	for _, e := range ents {
		if match(e) {
			out = append(out, e)
		}
	}
	if len(out) < n {
		t.Fatalf("the demo has %d matching entities, %d needed", len(out), n)
	}
	slices.SortFunc(out, func(a, b register.Entity) int { return int(a.ID - b.ID) })
	return out
}

// readDraft parses an .eml with Python's email package (letter.PyReadDraft).
func readDraft(t *testing.T, path string) map[string]any {
	t.Helper()
	out, err := exec.Command("python3", "-c", letter.PyReadDraft, path).CombinedOutput()
	if err != nil {
		t.Fatalf("python3: %v\n%s", err, out)
	}
	var m map[string]any
	if err := json.Unmarshal(out, &m); err != nil {
		t.Fatalf("python said %s", out)
	}
	return m
}

// pyAttachment writes the n-th attachment of an .eml to a file (Python's
// decoding, not ours) and returns its path.
func pyAttachment(t *testing.T, eml string, n int) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "attachment.pdf")
	prog := `import email, email.policy, sys
msg = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)
open(sys.argv[3], 'wb').write(list(msg.iter_attachments())[int(sys.argv[2])].get_payload(decode=True))`
	if out, err := exec.Command("python3", "-c", prog, eml, string(rune('0'+n)), dst).CombinedOutput(); err != nil {
		t.Fatalf("python3: %v\n%s", err, out)
	}
	return dst
}

func TestMissingLetterDraft(t *testing.T) {
	ctx := context.Background()
	r, ents := demoForLetters(t)
	e := pick(t, ents, 1, func(e register.Entity) bool { return len(e.Missing()) >= 3 && e.ContactEmail != "" })[0]
	flagged := e.Missing()
	if len(flagged) == 0 {
		t.Fatal("the demo entity is complete")
	}
	out := filepath.Join(t.TempDir(), "fanling.eml")
	res, err := r.WriteLetters(ctx, LetterRequest{EntityIDs: []int64{e.ID}, Kind: register.LetterMissing}, out)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Files) != 1 || res.Files[0].Part != "draft" || res.Requests != 1 || len(res.Notices) != 0 {
		t.Fatalf("result: %+v", res)
	}
	st, err := os.Stat(out)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("draft: %v %v", err, st)
	}
	m := readDraft(t, out)
	if m["to"] != e.ContactName+" <"+e.ContactEmail+">" || m["x_unsent"] != "1" || m["bcc"] != nil ||
		!strings.Contains(m["subject"].(string), "information still required") || !strings.Contains(m["from"].(string), "gmp.atp@hkstp.org") {
		t.Errorf("headers: to=%v x-unsent=%v subject=%v from=%v", m["to"], m["x_unsent"], m["subject"], m["from"])
	}
	body := m["body"].(string)
	for _, it := range flagged {
		field := it.Field[strings.LastIndexByte(it.Field, '.')+1:]
		if !strings.Contains(body, "• "+register.FieldLabel(field)) {
			t.Errorf("the body does not name %s:\n%s", it.Field, body)
		}
	}
	if n := strings.Count(body, "  • "); n != len(flagged) {
		t.Errorf("the body names %d items; the register flags %d", n, len(flagged))
	}
	atts := m["attachments"].([]any)
	if len(atts) != 2 {
		t.Fatalf("attachments: %v", atts)
	}
	letterPDF, formPDF := pyAttachment(t, out, 0), pyAttachment(t, out, 1)
	text, err := pdftest.Text(t, letterPDF)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(pdftest.Squeeze(text), pdftest.Squeeze(res.Files[0].DocID)) || !strings.Contains(text, e.ContactName) {
		t.Errorf("the letter PDF lacks its reference or contact:\n%s", text)
	}
	info, err := pdftest.Info(t, formPDF)
	if err != nil || !strings.Contains(info, "AcroForm") && !strings.Contains(info, "Form:") {
		t.Errorf("the form attachment: %v\n%s", err, info)
	}
	ftext, _ := pdftest.Text(t, formPDF)
	if !strings.Contains(pdftest.Squeeze(ftext), "Pre-requisiteInformation") {
		t.Errorf("the second attachment is not the RFI form:\n%.400s", ftext)
	}

	// Recorded: the ledger (when, to whom, SHA-256), the history, the request.
	led, err := r.db.Ledger(ctx, store.LedgerFilter{EntityID: e.ID})
	if err != nil || len(led) != 1 {
		t.Fatalf("ledger: %v %+v", err, led)
	}
	if led[0].Kind != register.LedgerLetter || !led[0].Delivered || led[0].DocID != res.Files[0].DocID || led[0].SHA256 != res.Files[0].SHA256 || !strings.Contains(led[0].Recipient, e.ContactEmail) || led[0].At == "" {
		t.Errorf("ledger entry: %+v", led[0])
	}
	hist, _ := r.db.History(ctx, e.ID)
	var sawExport, sawRequest bool
	for _, h := range hist {
		sawExport = sawExport || (h.Action == store.ActionExport && strings.Contains(h.Detail, res.Files[0].DocID))
		sawRequest = sawRequest || h.Action == store.ActionInfoRequest
	}
	if !sawExport || !sawRequest {
		t.Errorf("history lacks the letter (%v) or the request (%v): %+v", sawExport, sawRequest, hist)
	}
	open, _ := r.InfoRequests(ctx, 0, true)
	if len(open) != 1 || open[0].EntityID != e.ID || open[0].DocID != res.Files[0].DocID || open[0].Asked == "" {
		t.Fatalf("open requests: %+v", open)
	}
	if n, err := r.CloseInfoRequests(ctx, e.ID, "reply by email"); err != nil || n != 1 {
		t.Fatalf("close: %d %v", n, err)
	}
	if open, _ = r.InfoRequests(ctx, 0, true); len(open) != 0 {
		t.Errorf("still open: %+v", open)
	}
	all, _ := r.InfoRequests(ctx, e.ID, false)
	if len(all) != 1 || all[0].AnsweredAt == nil || all[0].AnsweredWith != "reply by email" {
		t.Errorf("closed request: %+v", all)
	}
}

func TestMissingForCompleteEntityRefused(t *testing.T) {
	ctx := context.Background()
	r, ents := demoForLetters(t)
	e := pick(t, ents, 1, func(e register.Entity) bool { return e.Complete() })[0]
	dir := t.TempDir()
	_, err := r.WriteLetters(ctx, LetterRequest{EntityIDs: []int64{e.ID}, Kind: register.LetterMissing}, dir)
	if !apperr.Is(err, apperr.Invalid) || !strings.Contains(apperr.Message(err), "nothing missing") {
		t.Fatalf("got %v", err)
	}
	if files, _ := os.ReadDir(dir); len(files) != 0 {
		t.Errorf("files written: %v", files)
	}
	if led, _ := r.db.Ledger(ctx, store.LedgerFilter{}); len(led) != 0 {
		t.Errorf("ledger: %+v", led)
	}
}

func TestNoContactEmailGivesPDF(t *testing.T) {
	ctx := context.Background()
	r, ents := demoForLetters(t)
	e := pick(t, ents, 1, func(e register.Entity) bool { return true })[0]
	e.ContactEmail = ""
	if err := r.db.UpdateEntity(ctx, e, "test"); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "shingmun.eml")
	res, err := r.WriteLetters(ctx, LetterRequest{EntityIDs: []int64{e.ID}, Kind: register.LetterAcknowledge}, out)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Files) != 1 || res.Files[0].Part != "letter" || !strings.HasSuffix(res.Files[0].Path, "shingmun.pdf") {
		t.Fatalf("files: %+v", res.Files)
	}
	if len(res.Notices) != 1 || !strings.Contains(res.Notices[0].String(), "no contact email") {
		t.Errorf("notices: %v", res.Notices)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("a draft was written without a recipient")
	}
	text, err := pdftest.Text(t, res.Files[0].Path)
	if err != nil || !strings.Contains(text, "Acknowledgement") {
		t.Errorf("PDF: %v\n%s", err, text)
	}
}

func TestBatchDeclineAllOrNothing(t *testing.T) {
	ctx := context.Background()
	r, ents := demoForLetters(t)
	var ids []int64
	for _, e := range pick(t, ents, 3, func(e register.Entity) bool { return e.Status.Active() })[:3] {
		ids = append(ids, e.ID)
	}
	declined := pick(t, ents, 1, func(e register.Entity) bool { return e.Status == register.StatusDeclined })[0]
	dir := filepath.Join(t.TempDir(), "letters")

	// One entity cannot move (declined already): nothing at all happens.
	bad := append(append([]int64{}, ids...), declined.ID)
	_, err := r.WriteLetters(ctx, LetterRequest{EntityIDs: bad, Kind: register.LetterDecline, MoveTo: register.StatusDeclined, Reason: "Outside the RFI's scope"}, dir)
	if !apperr.Is(err, apperr.Invalid) || !strings.Contains(apperr.Message(err), declined.Name) {
		t.Fatalf("got %v", err)
	}
	if files, _ := os.ReadDir(dir); len(files) != 0 {
		t.Errorf("files written: %v", files)
	}
	for _, id := range ids {
		e, _ := r.db.GetEntity(ctx, id)
		if e.Status == register.StatusDeclined {
			t.Errorf("%s moved", e.Name)
		}
	}
	// Without a reason: refused.
	if _, err := r.WriteLetters(ctx, LetterRequest{EntityIDs: ids, Kind: register.LetterDecline, MoveTo: register.StatusDeclined}, dir); !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("no reason: %v", err)
	}

	res, err := r.WriteLetters(ctx, LetterRequest{EntityIDs: ids, Kind: register.LetterDecline, Lang: "zh-HK", MoveTo: register.StatusDeclined, Reason: "Outside the RFI's scope"}, dir)
	if err != nil {
		t.Fatal(err)
	}
	if res.Moved != 3 || len(res.Files) != 3 {
		t.Fatalf("result: %+v", res)
	}
	for i, f := range res.Files {
		if f.EntityID != ids[i] || filepath.Dir(f.Path) != dir || filepath.Ext(f.Path) != ".eml" {
			t.Errorf("file %d: %+v", i, f)
		}
		m := readDraft(t, f.Path)
		if !strings.Contains(m["subject"].(string), "貴機構就資料邀請提交的資料") || !strings.Contains(m["body"].(string), "遺憾通知") {
			t.Errorf("not the Chinese decline: %v", m["subject"])
		}
		e, _ := r.db.GetEntity(ctx, f.EntityID)
		if e.Status != register.StatusDeclined {
			t.Errorf("%s is %s", e.Name, e.Status)
		}
	}
	if led, _ := r.db.Ledger(ctx, store.LedgerFilter{}); len(led) != 3 {
		t.Errorf("ledger has %d entries", len(led))
	}
	// Again into the same folder: new references, new files.
	if _, err := r.WriteLetters(ctx, LetterRequest{EntityIDs: ids[:1], Kind: register.LetterHold}, dir); err != nil {
		t.Fatal(err)
	}
}

func TestInviteWithMeetingAndMoreInfo(t *testing.T) {
	ctx := context.Background()
	r, ents := demoForLetters(t)
	ms, err := r.db.Meetings(ctx)
	if err != nil || len(ms) == 0 {
		t.Fatalf("meetings: %v", err)
	}
	e := pick(t, ents, 1, func(e register.Entity) bool { return true })[0]
	p, err := r.PreviewLetters(ctx, LetterRequest{EntityIDs: []int64{e.ID}, Kind: register.LetterInvite, MeetingID: ms[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	start := ms[0].StartsAt.In(time.Local)
	if !strings.Contains(p[0].Body, "Time: "+start.Format("15:04")) || !strings.Contains(p[0].Body, "Date: "+register.FormatDay(start, register.LangEnglish)) {
		t.Errorf("invite body:\n%s", p[0].Body)
	}
	if _, err := r.PreviewLetters(ctx, LetterRequest{EntityIDs: []int64{e.ID}, Kind: register.LetterMoreInfo}); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("more-info without questions: %v", err)
	}
	p, err = r.PreviewLetters(ctx, LetterRequest{EntityIDs: []int64{e.ID}, Kind: register.LetterMoreInfo, Questions: "What is your batch size?"})
	if err != nil || !strings.Contains(p[0].Body, "What is your batch size?") {
		t.Fatalf("more-info: %v %+v", err, p)
	}
}

func TestLetterSettingsRefuseUnknownPlaceholder(t *testing.T) {
	ctx := context.Background()
	r, _ := demoForLetters(t)
	s, err := r.LetterSettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.Templates = append(s.Templates, register.LetterTemplate{Kind: register.LetterHold, Lang: "en", Subject: "On hold", Body: "Dear {{contact_name}}, about {{product_list}}."})
	err = r.SaveLetterSettings(ctx, s)
	var ae *apperr.Error
	if e, ok := err.(*apperr.Error); ok {
		ae = e
	}
	if ae == nil || !strings.Contains(ae.Message, "{{product_list}}") || ae.Fields[0].Field != "templates[0].body" {
		t.Fatalf("got %#v", err)
	}
	s.Templates[0].Body = "Dear {{contact_name}}, about {{products}}.\n\n{{officer_name}}"
	s.OfficerTitle = "RFI Officer"
	if err := r.SaveLetterSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	got, _ := r.LetterSettings(ctx)
	if got.OfficerTitle != "RFI Officer" || len(got.Templates) != 1 {
		t.Errorf("saved: %+v", got)
	}
	p, err := r.PreviewTemplate(ctx, got.Templates[0], nil, 0)
	if err != nil || !strings.Contains(p.Body, "Dear Dr Sam Example, about SCT-01.") {
		t.Errorf("preview: %v %q", err, p.Body)
	}
	if _, err := r.PreviewTemplate(ctx, register.LetterTemplate{Kind: "hold", Lang: "en", Subject: "x", Body: "{{nope}}"}, nil, 0); !apperr.Is(err, apperr.Invalid) || !strings.Contains(apperr.Message(err), "{{nope}}") {
		t.Errorf("preview of an unknown placeholder: %v", err)
	}
}

// An intake for the entity closes "more information requested": the
// entity's reply (an email with the filled form) after a missing letter.
func TestIntakeClosesInfoRequest(t *testing.T) {
	ctx := context.Background()
	r, _ := demoForLetters(t)
	e := formEntity()
	e.Submissions[0].ProcessType = "" // the register lacks it
	id, err := r.db.CreateEntity(ctx, e, "test")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.WriteLetters(ctx, LetterRequest{EntityIDs: []int64{id}, Kind: register.LetterMissing}, t.TempDir()); err != nil {
		t.Fatal(err)
	}
	if open, _ := r.InfoRequests(ctx, id, true); len(open) != 1 || !strings.Contains(open[0].Asked, "Type of process") {
		t.Fatalf("open: %+v", open)
	}
	rep, err := r.ApplyIntake(ctx, []IntakeFile{{Name: "reply.eml", Data: replyEmail(t, filledPDF(t, formEntity()))}}, IntakeOptions{EntityID: id, Replace: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Problems) > 0 {
		t.Fatalf("problems: %+v", rep.Problems)
	}
	all, _ := r.InfoRequests(ctx, id, false)
	if len(all) != 1 || all[0].Open() || all[0].AnsweredWith != "intake of reply.eml" {
		t.Fatalf("after the intake: %+v", all)
	}
	if !strings.Contains(fmt.Sprint(rep.Items[0].Notes), "marked as received") {
		t.Errorf("notes: %v", rep.Items[0].Notes)
	}
}
