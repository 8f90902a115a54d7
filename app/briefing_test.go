package app_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"atpreg/app"
	"atpreg/internal/apperr"
	"atpreg/internal/pdftest"
)

// wireCode returns the code of an error made by app.Fail.
func wireCode(t *testing.T, err error) apperr.Code {
	t.Helper()
	if err == nil {
		return ""
	}
	var w struct {
		Code apperr.Code `json:"code"`
	}
	if jerr := json.Unmarshal([]byte(err.Error()), &w); jerr != nil {
		t.Fatalf("error is not wire JSON: %v", err)
	}
	return w.Code
}

func TestBriefingExport(t *testing.T) {
	s := newTestSession(t, true)
	b := &app.BriefingService{}
	for _, svc := range app.Bindings(s) {
		if bs, ok := svc.(*app.BriefingService); ok {
			b = bs
		}
	}
	setup, err := b.Setup()
	if err != nil {
		t.Fatal(err)
	}
	if len(setup.Meetings) == 0 || len(setup.Partners) < 2 || len(setup.Entities) == 0 {
		t.Fatalf("setup: %d meetings, %d partners, %d entities", len(setup.Meetings), len(setup.Partners), len(setup.Entities))
	}
	var meeting app.PackMeeting
	for _, m := range setup.Meetings {
		if len(m.EntityIDs) > len(meeting.EntityIDs) {
			meeting = m
		}
	}
	dir := t.TempDir()
	req := app.PackRequest{MeetingID: meeting.ID, Dir: dir, Password: "fictional pack password"}
	for _, p := range setup.Partners {
		req.Recipients = append(req.Recipients, app.PackRecipient{PartnerID: p.ID})
	}
	res, err := b.Export(req)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Files) != len(setup.Partners) {
		t.Fatalf("%d files for %d partners", len(res.Files), len(setup.Partners))
	}
	if setup.DefaultDir == dir {
		t.Error("default folder before any export is the test folder")
	}
	again, err := b.Setup()
	if err != nil || again.DefaultDir != dir {
		t.Errorf("default folder after export = %q (%v), want %q", again.DefaultDir, err, dir)
	}

	rows, err := b.Ledger(0)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(res.Files) {
		t.Fatalf("%d ledger rows, want %d", len(rows), len(res.Files))
	}
	for _, r := range rows {
		if !r.FileExists || r.DocID != res.DocumentID || len(r.EntityNames) != len(r.EntityIDs) || r.EntityNames[0] == "" || !r.Encrypted || !r.Delivered || r.Path != filepath.Join(dir, r.FileName) || r.Folder != dir {
			t.Errorf("ledger row %+v", r)
		}
	}

	var opened []string
	defer app.SetOpenWith(func(_ context.Context, p string) error { opened = append(opened, p); return nil })()
	path := res.Files[0].Path
	if err := b.Open(path, false); err != nil {
		t.Fatal(err)
	}
	if err := b.Open(path, true); err != nil {
		t.Fatal(err)
	}
	if len(opened) != 2 || opened[0] != path || opened[1] != filepath.Dir(path) {
		t.Errorf("opened %v", opened)
	}
	for _, tc := range []struct {
		name string
		path string
		code apperr.Code
	}{
		{"ErrNotInLedger", filepath.Join(dir, "other.pdf"), apperr.NotFound},
		{"ErrSystemFile", "/etc/passwd", apperr.NotFound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if code := wireCode(t, b.Open(tc.path, false)); code != tc.code {
				t.Errorf("code %q, want %q", code, tc.code)
			}
		})
	}
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if code := wireCode(t, b.Open(path, false)); code != apperr.NotFound {
		t.Errorf("opening a removed pack: code %q", code)
	}
	rows, _ = b.Ledger(1)
	if len(rows) != 1 {
		t.Errorf("Ledger(1) gave %d rows", len(rows))
	}
	defer app.SetOpenWith(func(context.Context, string) error { return errors.New("no opener") })()
	if code := wireCode(t, b.Open(res.Files[1].Path, true)); code != apperr.Internal {
		t.Errorf("failing opener: code %q", code)
	}

	if und, err := b.Undelivered(); err != nil || len(und) != 0 {
		t.Errorf("undelivered %+v, %v", und, err)
	}
	if _, err := b.WriteAgain(rows[0].ID); wireCode(t, err) != apperr.Invalid {
		t.Errorf("writing a delivered pack again: %v", err)
	}
	if b.Cancel() {
		t.Error("Cancel reported an export while none runs")
	}
	if _, err := b.Export(app.PackRequest{Dir: dir}); wireCode(t, err) != apperr.Invalid {
		t.Errorf("empty request: %v", err)
	}
	if _, err := s.Lock(); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Setup(); wireCode(t, err) != apperr.Locked {
		t.Errorf("Setup on a locked register: %v", err)
	}
}

// TestPackEvaluationChoice: the export dialog's "include the evaluation
// panel's result" (PackRequest.IncludeEvaluation) reaches the packs: without
// it a pack holds no evaluation at all; with it the panel's result, and in
// neither an evaluator's name or reason (read with pdftotext).
func TestPackEvaluationChoice(t *testing.T) {
	s := newTestSession(t, true)
	r, err := app.OpenRegister(s)
	if err != nil {
		t.Fatal(err)
	}
	without, with := twoPacks(t, s, false), twoPacks(t, s, true)
	var secrets []string
	for _, id := range with.Files[0].EntityIDs {
		d, err := r.EvaluationDossier(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		for _, ev := range d.Evaluations {
			secrets = append(secrets, ev.Evaluator)
			if ev.Reason != "" {
				secrets = append(secrets, ev.Reason)
			}
		}
	}
	if len(secrets) == 0 {
		t.Fatal("the demo meeting's entities have no evaluation: the test proves nothing")
	}
	read := func(path string) string {
		text, err := pdftest.Text(t, path)
		if err != nil {
			t.Fatal(err)
		}
		return pdftest.Flat(text)
	}
	def, incl := read(without.Files[0].Path), read(with.Files[0].Path)
	if strings.Contains(def, "Evaluation panel's result") || strings.Contains(def, "Weighted score") {
		t.Error("a pack made without the choice shows the evaluation")
	}
	if !strings.Contains(incl, "Evaluation panel's result") || !strings.Contains(incl, "Weighted score") {
		t.Error("a pack made with the choice lacks the panel's result")
	}
	for _, sec := range secrets {
		if strings.Contains(def, pdftest.Flat(sec)) || strings.Contains(incl, pdftest.Flat(sec)) {
			t.Errorf("a pack quotes the internal evaluation: %q", sec)
		}
	}
	// The ledger says which copies carry the panel's result.
	rows, err := bound[*app.BriefingService](t, s).Ledger(0)
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows {
		if row.Evaluation != (row.DocID == with.DocumentID) {
			t.Errorf("ledger row of %s copy %d: evaluation %v", row.DocID, row.CopyNo, row.Evaluation)
		}
	}
}
