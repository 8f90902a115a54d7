package service_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"atpreg/internal/apperr"
	"atpreg/internal/forms/formstest"
	"atpreg/internal/letter"
	"atpreg/internal/register"
	"atpreg/internal/service"
	"atpreg/internal/service/servicetest"
)

// TestSheetConflictsAndDeleted: a conflicted entity is left off the sheet
// and reported; a sheet naming an entity since deleted, or one the
// evaluator is now conflicted with, is refused in words and records
// nothing; the sheet is tracked and shows overdue after its due date.
func TestSheetConflictsAndDeleted(t *testing.T) {
	ctx := context.Background()
	r := servicetest.New(t)
	var ids []int64
	for _, n := range []string{"Fictional Alpha Ltd", "Fictional Beta Ltd", "Fictional Gamma Ltd"} {
		id, err := r.CreateEntity(ctx, register.Entity{Name: n})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	ev, err := r.SaveEvaluator(ctx, register.Evaluator{Name: "Dr Fictional Judge", Role: "Panel", Email: "judge@panel.example"})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.SetEvaluatorConflict(ctx, ev, ids[2], "Board member"); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "sheet.pdf")
	res, err := r.MakeSheet(ctx, service.SheetRequest{Evaluator: "Dr Fictional Judge", EntityIDs: ids, Path: path, Due: r.Now().Format("2006-01-02")})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.EntityIDs) != 2 || len(res.LeftOut) != 1 || res.LeftOut[0].EntityID != ids[2] || res.Entry.Kind != register.LedgerSheet {
		t.Fatalf("result %+v", res)
	}
	pdf, _ := os.ReadFile(path)
	check := map[string]bool{"e1.recommendation.invite": true, "e2.recommendation.decline": true}
	for _, a := range register.Aspects() {
		check["e1."+string(a)+".4"], check["e2."+string(a)+".2"] = true, true
	}
	filled, _ := formstest.FillPDF(t, pdf, map[string]string{"e1.reason": "Good.", "e2.reason": "Weak."}, check)
	file := service.IntakeFile{Name: "back.pdf", Data: filled}

	// Now conflicted with the second entity: refused, nothing recorded.
	if err := r.SetEvaluatorConflict(ctx, ev, ids[1], "New employer"); err != nil {
		t.Fatal(err)
	}
	rep, err := r.ApplyIntake(ctx, []service.IntakeFile{file}, service.IntakeOptions{})
	if !apperr.Is(err, apperr.Invalid) || len(rep.Problems) != 1 || !strings.Contains(rep.Problems[0].Message, "now has a conflict of interest") {
		t.Fatalf("conflicted: %v %+v", err, rep.Problems)
	}
	if d, _ := r.EvaluationDossier(ctx, ids[0]); len(d.Evaluations) != 0 {
		t.Fatal("half recorded: the first entity's evaluation was kept")
	}
	if err := r.RemoveEvaluatorConflict(ctx, ev, ids[1]); err != nil {
		t.Fatal(err)
	}
	// The second entity deleted: refused, nothing recorded.
	if err := r.DeleteEntity(ctx, ids[1], "Withdrew (fictional)"); err != nil {
		t.Fatal(err)
	}
	rep, err = r.ApplyIntake(ctx, []service.IntakeFile{file}, service.IntakeOptions{})
	if !apperr.Is(err, apperr.Invalid) || len(rep.Problems) != 1 || !strings.Contains(rep.Problems[0].Message, "no longer in the register") {
		t.Fatalf("deleted: %v %+v", err, rep.Problems)
	}
	if d, _ := r.EvaluationDossier(ctx, ids[0]); len(d.Evaluations) != 0 {
		t.Fatal("half recorded after the deleted entity")
	}
	tr, err := r.SheetTracking(ctx)
	if err != nil || len(tr) != 1 || tr[0].Sent != 1 || tr[0].Returned != 0 {
		t.Fatalf("tracking %+v %v", tr, err)
	}
}

// TestSendSheets sends the sheets of three evaluators in one step on the
// demo register: those with an email get an email draft (read by Python's
// email package) with the sheet attached, the one without gets the bare
// sheet and a notice; a conflicted entity is left off one sheet and named.
// The attached sheet, filled by pypdf, comes back through the intake and
// closes its sheet. An evaluator conflicted with every entity refuses the
// whole request and writes and records nothing.
func TestSendSheets(t *testing.T) {
	ctx := context.Background()
	r := servicetest.NewDemo(t)
	panel, err := r.Evaluators(ctx)
	if err != nil || len(panel) != 2 {
		t.Fatalf("demo panel %+v %v", panel, err)
	}
	noMail, err := r.SaveEvaluator(ctx, register.Evaluator{Name: "Prof Fictional Lam", Role: "External adviser"})
	if err != nil {
		t.Fatal(err)
	}
	ents := []int64{3, 7, 12}
	if err := r.SetEvaluatorConflict(ctx, panel[1].ID, 7, "Former employer"); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "sheets")
	due := r.Now().AddDate(0, 0, 10).Format("2006-01-02")
	res, err := r.SendSheets(ctx, service.SheetsRequest{EvaluatorIDs: []int64{panel[0].ID, panel[1].ID, noMail}, EntityIDs: ents,
		Lang: "en", Format: "pdf", Due: due, Dir: dir, Draft: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Files) != 3 || res.Due != due {
		t.Fatalf("result %+v", res)
	}
	notices := fmt.Sprint(res.Notices)
	for _, want := range []string{"left off " + panel[1].Name + "'s sheet", "Prof Fictional Lam has no email"} {
		if !strings.Contains(notices, want) {
			t.Errorf("notices lack %q:\n%s", want, notices)
		}
	}
	for i, f := range res.Files {
		wantPart, wantExt := "draft", ".eml"
		if i == 2 {
			wantPart, wantExt = "sheet", ".pdf"
		}
		if f.Part != wantPart || filepath.Ext(f.Path) != wantExt || filepath.Dir(f.Path) != dir || !strings.Contains(filepath.Base(f.Path), f.Evaluator.Name) {
			t.Errorf("file %d: %+v", i, f)
		}
		if st, err := os.Stat(f.Path); err != nil || st.Mode().Perm() != 0o600 {
			t.Errorf("file %d: %v %v", i, st, err)
		}
	}
	if len(res.Files[1].EntityIDs) != 2 || len(res.Files[1].LeftOut) != 1 {
		t.Errorf("the conflicted evaluator's sheet: %+v", res.Files[1])
	}
	m := pyEmail(t, res.Files[0].Path)
	atts, _ := m["attachments"].([]any)
	if m["to"] != panel[0].Name+" <"+panel[0].Email+">" || m["x_unsent"] != "1" || len(atts) != 1 || len(m["defects"].([]any)) != 0 {
		t.Fatalf("draft: %v", m)
	}
	body := m["body"].(string)
	if !strings.Contains(body, "3 entities") || !strings.Contains(body, res.Files[0].DocID) {
		t.Errorf("draft body:\n%s", body)
	}
	for _, id := range ents { // the cover names no entity: the sheet does
		e, _ := r.Entity(ctx, id)
		if strings.Contains(body, e.Name) || strings.Contains(m["subject"].(string), e.Name) {
			t.Errorf("the cover email names %s", e.Name)
		}
	}
	pdf, err := os.ReadFile(pyFirstAttachment(t, res.Files[0].Path))
	if err != nil {
		t.Fatal(err)
	}
	check := map[string]bool{}
	for i := 1; i <= 3; i++ {
		for _, a := range register.Aspects() {
			check[fmt.Sprintf("e%d.%s.3", i, a)] = true
		}
		check[fmt.Sprintf("e%d.recommendation.hold", i)] = true
	}
	filled, _ := formstest.FillPDF(t, pdf, map[string]string{"e1.reason": "Fictional reason.", "e2.reason": "Fictional.", "e3.reason": "Fictional too."}, check)
	if rep, err := r.ApplyIntake(ctx, []service.IntakeFile{{Name: "returned.pdf", Data: filled}}, service.IntakeOptions{}); err != nil {
		t.Fatalf("%v: %+v", err, rep.Problems)
	}
	open, err := r.SheetStatuses(ctx, service.SheetFilter{Open: true})
	if err != nil || len(open) != 2 {
		t.Fatalf("open sheets after one came back: %+v %v", open, err)
	}
	of3, err := r.SheetStatuses(ctx, service.SheetFilter{EntityID: 3})
	if err != nil || len(of3) != 3 || !of3[2].Returned() || of3[2].EvaluatorName != panel[0].Name || of3[0].EntityNames[0] == "" {
		t.Fatalf("sheets of entity 3: %+v %v", of3, err)
	}

	// Conflicted with every entity chosen: nothing written, nothing recorded.
	if err := r.SetEvaluatorConflict(ctx, noMail, 3, "Shareholder"); err != nil {
		t.Fatal(err)
	}
	dir2 := filepath.Join(t.TempDir(), "again")
	_, err = r.SendSheets(ctx, service.SheetsRequest{EvaluatorIDs: []int64{panel[0].ID, noMail}, EntityIDs: []int64{3}, Dir: dir2})
	if !apperr.Is(err, apperr.Invalid) || !strings.Contains(apperr.Message(err), "Prof Fictional Lam has a conflict of interest with every entity") {
		t.Fatalf("all conflicted: %v", err)
	}
	if _, err := os.Stat(dir2); !os.IsNotExist(err) {
		t.Errorf("the folder was made: %v", err)
	}
	if all, _ := r.SheetStatuses(ctx, service.SheetFilter{}); len(all) != 3 {
		t.Errorf("%d sheets recorded, want 3", len(all))
	}
	// A past due date names the field.
	_, err = r.SendSheets(ctx, service.SheetsRequest{EvaluatorIDs: []int64{panel[0].ID}, EntityIDs: []int64{3}, Dir: dir2, Due: "2001-01-01"})
	if fe := apperr.FieldsOf(err); len(fe) != 1 || fe[0].Field != "due" {
		t.Errorf("past due: %v", err)
	}
}

// pyEmail reads an .eml with Python's email package (letter.PyReadDraft).
func pyEmail(t *testing.T, path string) map[string]any {
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

// pyFirstAttachment writes the first attachment of an .eml to a file
// (Python's decoding, not ours) and returns its path.
func pyFirstAttachment(t *testing.T, eml string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "attachment")
	prog := `import email, email.policy, sys
msg = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)
open(sys.argv[2], 'wb').write(next(msg.iter_attachments()).get_payload(decode=True))`
	if out, err := exec.Command("python3", "-c", prog, eml, dst).CombinedOutput(); err != nil {
		t.Fatalf("python3: %v\n%s", err, out)
	}
	return dst
}
