package service_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"atpreg/internal/apperr"
	"atpreg/internal/forms/formstest"
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
