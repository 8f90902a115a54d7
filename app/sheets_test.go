package app_test

import (
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"atpreg/app"
	"atpreg/internal/forms/formstest"
	"atpreg/internal/service"
	"atpreg/internal/service/servicetest"
)

// clock is a register clock a test moves.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(days int) {
	c.mu.Lock()
	c.t = c.t.AddDate(0, 0, days)
	c.mu.Unlock()
}

// sheetServices returns the sheet and evaluation services of a demo
// register whose clock the test moves.
func sheetServices(t *testing.T) (*app.SheetService, *app.EvaluationService, *clock) {
	sh, ev, _, c := sheetSession(t)
	return sh, ev, c
}

// sheetSession is sheetServices with the intake service too.
func sheetSession(t *testing.T) (*app.SheetService, *app.EvaluationService, *app.IntakeService, *clock) {
	t.Helper()
	sh, ev, x, c, _ := sheetWindow(t)
	return sh, ev, x, c
}

// sheetWindow is sheetSession with the session itself (to switch its language).
func sheetWindow(t *testing.T) (*app.SheetService, *app.EvaluationService, *app.IntakeService, *clock, *app.Session) {
	t.Helper()
	c := &clock{t: servicetest.Now}
	s := app.NewSession(app.Config{RegisterPath: filepath.Join(t.TempDir(), "register.atpreg"),
		Options: service.Options{TestingKDF: true, Now: c.now}})
	if _, err := s.CreateRegister(testPassphrase, testPassphrase, true); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _, _ = s.Lock() })
	var sh *app.SheetService
	var ev *app.EvaluationService
	for _, b := range app.Bindings(s) {
		switch x := b.(type) {
		case *app.SheetService:
			sh = x
		case *app.EvaluationService:
			ev = x
		}
	}
	if sh == nil || ev == nil {
		t.Fatal("SheetService or EvaluationService is not bound")
	}
	return sh, ev, intakeService(t, s), c, s
}

// TestSheetServicePanel adds, edits and removes evaluators and their
// conflicts through the facade, with field problems in the wire error.
func TestSheetServicePanel(t *testing.T) {
	sh, ev, _ := sheetServices(t)
	panel, err := sh.Panel()
	if err != nil || len(panel) != 2 {
		t.Fatalf("demo panel: %v %+v", err, panel)
	}
	b, _ := json.Marshal(panel[0])
	if !strings.HasPrefix(string(b), `{"evaluator":{"id":1,"name":"Dr Evelyn Tam","role":"Senior Manager, Advanced Therapies","email":"evelyn.tam@hkstp.example"},"conflicts":[],"sent":0,`) {
		t.Errorf("wire: %s", b)
	}
	if _, err := sh.SaveEvaluator(app.Evaluator{Name: "Dr Fictional Ho", Email: "not an address"}); err == nil || !strings.Contains(err.Error(), `"field":"email"`) {
		t.Errorf("bad email: %v", err)
	}
	if _, err := sh.SaveEvaluator(app.Evaluator{Name: " marcus yip "}); err == nil || !strings.Contains(err.Error(), `"code":"conflict"`) || !strings.Contains(err.Error(), `"field":"name"`) {
		t.Errorf("taken name: %v", err)
	}
	id, err := sh.SaveEvaluator(app.Evaluator{Name: "Dr Fictional Ho", Role: "Clinician", Email: "ho@panel.example"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sh.SaveEvaluator(app.Evaluator{ID: id, Name: "Dr Fictional Ho", Role: "Clinical adviser", Email: "ho@panel.example"}); err != nil {
		t.Fatal(err)
	}
	if err := sh.SetConflict(id, 5, ""); err == nil || !strings.Contains(err.Error(), `"field":"reason"`) {
		t.Errorf("no reason: %v", err)
	}
	if err := sh.SetConflict(id, 5, "Holds shares (fictional)"); err != nil {
		t.Fatal(err)
	}
	if ee, err := ev.Entity(5); err != nil || len(ee.EvaluatorConflicts) != 1 || ee.EvaluatorConflicts[0].EvaluatorName != "Dr Fictional Ho" {
		t.Errorf("the entity's evaluation lacks the evaluator's conflict: %v %+v", err, ee.EvaluatorConflicts)
	}
	panel, _ = sh.Panel()
	var ho *app.EvaluatorView
	for i := range panel {
		if panel[i].Evaluator.ID == id {
			ho = &panel[i]
		}
	}
	if ho == nil || ho.Evaluator.Role != "Clinical adviser" || len(ho.Conflicts) != 1 || ho.Conflicts[0].EntityID != 5 || ho.Conflicts[0].EntityName == "" {
		t.Fatalf("after edit and conflict: %+v", ho)
	}
	setup, err := sh.Setup()
	if err != nil || len(setup.Evaluators) != 3 || len(setup.InEvaluation) == 0 || setup.Due != "2025-03-15" || setup.Today != "2025-03-01" {
		t.Fatalf("setup: %v %+v", err, setup)
	}
	if err := sh.RemoveConflict(id, 5); err != nil {
		t.Fatal(err)
	}
	if err := sh.DeleteEvaluator(id); err != nil {
		t.Fatal(err)
	}
	if err := sh.DeleteEvaluator(id); err == nil || !strings.Contains(err.Error(), `"code":"notfound"`) {
		t.Errorf("deleted twice: %v", err)
	}
	if panel, _ = sh.Panel(); len(panel) != 2 {
		t.Errorf("%d evaluators after the removal", len(panel))
	}
}

// TestSheetServiceSend sends sheets to the panel for a meeting's entities,
// then follows them: out, then overdue once the clock passes the due date
// (on the Overview's list and per entity), with the panel's counts; the
// ranking and an entity's evaluations carry the agreement.
func TestSheetServiceSend(t *testing.T) {
	sh, ev, c := sheetServices(t)
	setup, err := sh.Setup()
	if err != nil {
		t.Fatal(err)
	}
	var meeting app.SheetMeeting
	for _, m := range setup.Meetings {
		if len(m.EntityIDs) > 0 {
			meeting = m
			break
		}
	}
	if meeting.ID == 0 {
		t.Fatal("no demo meeting with entities")
	}
	ids := []int64{setup.Evaluators[0].ID, setup.Evaluators[1].ID}
	dir := filepath.Join(t.TempDir(), "out")
	if _, err := sh.Send(app.SendSheetsRequest{EvaluatorIDs: ids, MeetingID: meeting.ID, Lang: "zh-HK", Format: "docx", Due: "2025-03-10"}); err == nil || !strings.Contains(err.Error(), `"field":"dir"`) {
		t.Errorf("no folder: %v", err)
	}
	if _, err := sh.Send(app.SendSheetsRequest{EvaluatorIDs: ids, MeetingID: meeting.ID, Lang: "zh-HK", Format: "docx", Due: "10/03/2025", Dir: dir}); err == nil || !strings.Contains(err.Error(), `"field":"due"`) {
		t.Errorf("bad date: %v", err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("a refused request made the folder: %v", err)
	}
	res, err := sh.Send(app.SendSheetsRequest{EvaluatorIDs: ids, MeetingID: meeting.ID, Lang: "zh-HK", Format: "docx", Due: "2025-03-10", Dir: dir})
	if err != nil || len(res.Files) != 2 || res.Due != "2025-03-10" {
		t.Fatalf("send: %v %+v", err, res)
	}
	for _, f := range res.Files {
		if f.Part != "sheet" || filepath.Ext(f.Path) != ".docx" || f.Entities != len(meeting.EntityIDs) || len(f.SHA256) != 64 {
			t.Errorf("file %+v", f)
		}
		if _, err := os.Stat(f.Path); err != nil {
			t.Error(err)
		}
	}
	if s, _ := sh.Setup(); s.Dir != dir {
		t.Errorf("the next dialog starts in %q, not the folder just used", s.Dir)
	}
	open, err := sh.Sheets(0, true)
	if err != nil || len(open) != 2 || open[0].State != "out" || len(open[0].EntityNames) != len(meeting.EntityIDs) {
		t.Fatalf("open sheets: %v %+v", err, open)
	}
	c.add(12) // three days past the due date
	open, _ = sh.Sheets(0, true)
	if len(open) != 2 || open[0].State != "overdue" || open[0].DaysLate != 3 {
		t.Fatalf("overdue: %+v", open)
	}
	mine, err := sh.Sheets(meeting.EntityIDs[0], false)
	if err != nil || len(mine) != 2 {
		t.Fatalf("sheets of entity %d: %v %+v", meeting.EntityIDs[0], err, mine)
	}
	panel, _ := sh.Panel()
	if panel[0].Sent != 1 || panel[0].Overdue != 1 || panel[0].Returned != 0 || len(panel[0].Sheets) != 1 {
		t.Errorf("panel counts: %+v", panel[0])
	}

	rk, err := ev.Ranking(app.RankingQuery{})
	if err != nil || rk.Agreement.Overall == nil || len(rk.Agreement.Alpha) != 7 || len(rk.Agreement.Entities) == 0 || rk.Agreement.Entities[0].Name == "" {
		t.Fatalf("ranking agreement: %v %+v", err, rk.Agreement)
	}
	b, _ := json.Marshal(rk.Agreement)
	if !strings.Contains(string(b), `"overall":`) || !strings.Contains(string(b), `"entities":[{"entityId":`) {
		t.Errorf("agreement wire: %s", b)
	}
	top := rk.Agreement.Entities[0]
	ee, err := ev.Entity(top.EntityID)
	if err != nil || ee.Agreement.Rank != 1 || ee.Agreement.Disagreement == nil || *ee.Agreement.Disagreement != top.Disagreement || ee.Agreement.Compared != len(rk.Agreement.Entities) {
		t.Fatalf("entity agreement: %v %+v", err, ee.Agreement)
	}
}

// TestSheetBackThroughIntake: a sheet sent from the window, filled by
// pypdf and dropped on the window's intake, is reviewed with the
// evaluations it records (and the aspect left unscored), confirmed, and
// marked returned.
func TestSheetBackThroughIntake(t *testing.T) {
	sh, _, x, _ := sheetSession(t)
	setup, err := sh.Setup()
	if err != nil || len(setup.InEvaluation) < 1 {
		t.Fatalf("setup: %v %+v", err, setup)
	}
	ent := setup.InEvaluation[0]
	res, err := sh.Send(app.SendSheetsRequest{EvaluatorIDs: []int64{setup.Evaluators[1].ID}, EntityIDs: []int64{ent.ID}, Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := os.ReadFile(res.Files[0].Path)
	if err != nil {
		t.Fatal(err)
	}
	check := map[string]bool{"e1.recommendation.hold": true}
	for _, a := range []string{"readiness", "technical", "credibility", "pipeline", "investment", "jobs"} {
		check["e1."+a+".2"] = true
	}
	filled, _ := formstest.FillPDF(t, pdf, map[string]string{"e1.reason": "Too early (fictional)."}, check)
	rev, err := x.Review([]app.IntakeUpload{{Name: "returned.pdf", Base64: base64.StdEncoding.EncodeToString(filled)}}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(rev.Items) != 1 || rev.Items[0].Kind != "evaluation" || rev.Evaluations != 1 || len(rev.Items[0].Evaluations) != 1 || len(rev.Problems) != 0 {
		t.Fatalf("review: %+v", rev)
	}
	e := rev.Items[0].Evaluations[0]
	if e.EntityID != ent.ID || e.Evaluator != setup.Evaluators[1].Name || len(e.Unscored) != 1 || !strings.Contains(e.Unscored[0], "intangibles") {
		t.Errorf("evaluation in the review: %+v", e)
	}
	if open, _ := sh.Sheets(0, true); len(open) != 1 {
		t.Fatalf("a review changed the sheets: %+v", open)
	}
	done, err := x.Confirm(rev.Token, nil)
	if err != nil || !done.Applied || done.Items[0].SheetDocID != res.Files[0].DocID {
		t.Fatalf("confirm: %v %+v", err, done)
	}
	if open, _ := sh.Sheets(0, true); len(open) != 0 {
		t.Errorf("still out after it came back: %+v", open)
	}
}

// TestSheetProblemsInTheWindowsLanguage: a returned sheet filled wrongly
// (two scores for one aspect, two recommendations, no reason) is refused
// with its problems in the window's language: English, then Traditional
// Chinese after the officer switches, with the aspect's Chinese label.
func TestSheetProblemsInTheWindowsLanguage(t *testing.T) {
	sh, _, x, _, s := sheetWindow(t)
	setup, err := sh.Setup()
	if err != nil || len(setup.InEvaluation) < 1 {
		t.Fatalf("setup: %v %+v", err, setup)
	}
	res, err := sh.Send(app.SendSheetsRequest{EvaluatorIDs: []int64{setup.Evaluators[0].ID}, EntityIDs: []int64{setup.InEvaluation[0].ID}, Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := os.ReadFile(res.Files[0].Path)
	if err != nil {
		t.Fatal(err)
	}
	filled, _ := formstest.FillPDF(t, pdf, map[string]string{}, map[string]bool{"e1.readiness.2": true, "e1.readiness.4": true,
		"e1.recommendation.hold": true, "e1.recommendation.invite": true})
	upload := []app.IntakeUpload{{Name: "returned.pdf", Base64: base64.StdEncoding.EncodeToString(filled)}}
	said := func() map[string]string {
		t.Helper()
		rev, err := x.Review(upload, 0)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, p := range rev.Problems {
			out[p.Field] = p.Message
		}
		if len(out) != 3 {
			t.Fatalf("problems: %+v", rev.Problems)
		}
		return out
	}
	en := said()
	if m := en["e1.readiness"]; !strings.Contains(m, "2 scores are ticked (2 and 4); tick one.") {
		t.Errorf("English readiness problem: %q", m)
	}
	if m := en["e1.reason"]; !strings.HasSuffix(m, ": give the reason for the recommendation.") {
		t.Errorf("English reason problem: %q", m)
	}
	speak(t, s, "zh-HK")
	zh := said()
	for field, m := range zh {
		if !hasHan(m) || strings.Contains(m, "tick") || strings.Contains(m, "Entity") {
			t.Errorf("zh-HK %s: %q is not Chinese", field, m)
		}
	}
	if m := zh["e1.readiness"]; !strings.Contains(m, "「產品進入臨床轉化的準備程度」") || !strings.Contains(m, "剔選了 2 個分數（2及4）；請只剔選一個。") {
		t.Errorf("zh-HK readiness problem: %q", m)
	}
	if m := zh["e1.recommendation"]; !strings.Contains(m, "剔選了 2 項評審建議") {
		t.Errorf("zh-HK recommendation problem: %q", m)
	}
	if m := zh["e1.reason"]; !strings.HasSuffix(m, "：請提供評審建議的理由。") {
		t.Errorf("zh-HK reason problem: %q", m)
	}
	t.Logf("zh-HK: %v", zh)
}
