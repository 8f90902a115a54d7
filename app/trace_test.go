package app_test

import (
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"atpreg/app"
	"atpreg/internal/apperr"
	"atpreg/internal/pdftest"
)

// bound returns the session's bound service of type T.
func bound[T any](t *testing.T, s *app.Session) T {
	t.Helper()
	for _, b := range app.Bindings(s) {
		if v, ok := b.(T); ok {
			return v
		}
	}
	var zero T
	t.Fatalf("%T is not bound", zero)
	return zero
}

// twoPacks exports the demo register's fullest meeting through the window's
// facade for two named recipients, unencrypted, into a test folder.
func twoPacks(t *testing.T, s *app.Session, includeEvaluation bool) app.PackResult {
	t.Helper()
	b := bound[*app.BriefingService](t, s)
	setup, err := b.Setup()
	if err != nil {
		t.Fatal(err)
	}
	var meeting app.PackMeeting
	for _, m := range setup.Meetings {
		if len(m.EntityIDs) > len(meeting.EntityIDs) {
			meeting = m
		}
	}
	res, err := b.Export(app.PackRequest{MeetingID: meeting.ID, Dir: t.TempDir(), IncludeEvaluation: includeEvaluation,
		Recipients: []app.PackRecipient{{Name: "Dr Fictional Reader One"}, {Name: "Dr Fictional Reader Two"}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Files) != 2 {
		t.Fatalf("%d packs for two recipients", len(res.Files))
	}
	return res
}

// entityPageText is the bare text of the pack's first entity page as
// pdftotext reads it: without the header, the footer or the watermark, all
// whitespace one space, as someone would paste it from a copy.
func entityPageText(t *testing.T, path string) string {
	t.Helper()
	for pg := 2; pg <= pdftest.Pages(t, path); pg++ {
		txt, err := pdftest.Text(t, path, "-f", strconv.Itoa(pg), "-l", strconv.Itoa(pg))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(txt, "Name of entity") && !strings.Contains(txt, "Entity name") {
			continue
		}
		var keep []string
		for _, l := range strings.Split(txt, "\n") {
			if strings.Contains(l, "CONFIDENTIAL") || strings.Contains(l, "BP-") || strings.Contains(l, "Page ") || strings.Contains(l, "Copy") {
				continue
			}
			keep = append(keep, l)
		}
		return pdftest.Flat(strings.Join(keep, " "))
	}
	t.Fatal("the pack has no entity page")
	return ""
}

// TestTraceFromWindow traces through the window's facade: each pack file
// (as the open dialog picks it) to its own ledger entry by its footers, and
// the bare pasted text of one entity page, and the same text saved by
// Windows' Notepad (UTF-16 with a byte-order mark), to its copy by wording.
func TestTraceFromWindow(t *testing.T) {
	s := newTestSession(t, true)
	res := twoPacks(t, s, false)
	tr := bound[*app.TraceService](t, s)
	ledger, err := bound[*app.BriefingService](t, s).Ledger(0)
	if err != nil {
		t.Fatal(err)
	}
	ledgerID := map[int]int64{}
	for _, row := range ledger {
		ledgerID[row.CopyNo] = row.ID
	}

	for _, f := range res.Files {
		rep, err := app.TracePicked(tr, f.Path)
		if err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(f.Path)
		if err != nil {
			t.Fatal(err)
		}
		dropped, err := tr.TraceFile(`C:\fakepath\`+filepath.Base(f.Path), base64.StdEncoding.EncodeToString(data))
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(dropped, rep) {
			t.Errorf("copy %d: dropped, the file traces to %+v; picked, to %+v", f.CopyNo, dropped, rep)
		}
		if rep.Source != filepath.Base(f.Path) || len(rep.Matches) != 1 {
			t.Fatalf("copy %d's file traced to %+v", f.CopyNo, rep)
		}
		m := rep.Matches[0]
		if m.LedgerID != ledgerID[f.CopyNo] || m.CopyNo != f.CopyNo || m.Recipient != f.Recipient || m.DocID != res.DocumentID ||
			!m.Footer || m.Certainty != "certain" || m.Disagree != 0 || m.Agree < 10 || len(m.EntityNames) != len(f.EntityIDs) ||
			m.EntityNames[0] == "" || m.FileName != filepath.Base(f.Path) || m.At == "" || m.By == "" {
			t.Errorf("copy %d's file: match %+v", f.CopyNo, m)
		}
	}

	for _, f := range res.Files {
		text := entityPageText(t, f.Path)
		if strings.Contains(text, res.DocumentID) || strings.Contains(text, f.Recipient) || strings.Contains(text, "Copy") {
			t.Fatal("the excerpt names its copy: the test proves nothing")
		}
		pasted, err := tr.TraceText(text)
		if err != nil {
			t.Fatal(err)
		}
		units := utf16.Encode([]rune(strings.ReplaceAll(text, ". ", ".\r\n")))
		notepad := []byte{0xFF, 0xFE}
		for _, u := range units {
			notepad = binary.LittleEndian.AppendUint16(notepad, u)
		}
		saved, err := app.TracePicked(tr, pdftest.WriteTemp(t, "excerpt.txt", notepad))
		if err != nil {
			t.Fatal(err)
		}
		for label, rep := range map[string]app.TraceReport{"pasted": pasted, "saved as UTF-16": saved} {
			if rep.Seen < 10 || len(rep.Matches) == 0 {
				t.Fatalf("copy %d %s: %d choices read, %d matches", f.CopyNo, label, rep.Seen, len(rep.Matches))
			}
			m := rep.Matches[0]
			if m.LedgerID != ledgerID[f.CopyNo] || m.Footer || m.Certainty != "certain" || m.Disagree != 0 || m.Agree != rep.Seen {
				t.Errorf("copy %d %s: best match %+v of %d read", f.CopyNo, label, m, rep.Seen)
			}
			for _, other := range rep.Matches[1:] {
				if other.Certainty == "certain" || other.Disagree < 2 {
					t.Errorf("copy %d %s: another copy fits too: %+v", f.CopyNo, label, other)
				}
			}
		}
	}
}

// TestTraceBadInput: nothing to trace, a file that is no pack, an encrypted
// pack, a folder and a missing file each give a message that says what to
// do, and change nothing in the ledger.
func TestTraceBadInput(t *testing.T) {
	s := newTestSession(t, true)
	res := twoPacks(t, s, false)
	tr := bound[*app.TraceService](t, s)
	b := bound[*app.BriefingService](t, s)
	before, err := b.Ledger(0)
	if err != nil {
		t.Fatal(err)
	}
	enc, err := b.Export(app.PackRequest{EntityIDs: res.Files[0].EntityIDs[:1], Dir: t.TempDir(), Password: "fictional pack password",
		Recipients: []app.PackRecipient{{Name: "Dr Fictional Reader Three"}}})
	if err != nil {
		t.Fatal(err)
	}
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01")
	cases := []struct {
		name string
		run  func() (app.TraceReport, error)
		code apperr.Code
		says string
	}{
		{"empty text", func() (app.TraceReport, error) { return tr.TraceText("") }, apperr.Invalid, "no text to trace"},
		{"spaces", func() (app.TraceReport, error) { return tr.TraceText(" \n\t ") }, apperr.Invalid, "no text to trace"},
		{"other prose", func() (app.TraceReport, error) {
			return tr.TraceText("Minutes of the fictional garden club: the roses did well this year.")
		}, apperr.Invalid, "cannot be traced"},
		{"a picture", func() (app.TraceReport, error) {
			return app.TracePicked(tr, pdftest.WriteTemp(t, "photo.txt", png))
		}, apperr.Invalid, "neither a PDF nor text"},
		{"an empty file", func() (app.TraceReport, error) {
			return app.TracePicked(tr, pdftest.WriteTemp(t, "empty.txt", nil))
		}, apperr.Invalid, "no text to trace"},
		{"an encrypted pack", func() (app.TraceReport, error) { return app.TracePicked(tr, enc.Files[0].Path) }, apperr.Invalid, "encrypted"},
		{"a file the window could not receive", func() (app.TraceReport, error) { return tr.TraceFile("pack.pdf", "%%not base64%%") }, apperr.Invalid, "could not be received"},
		{"a dropped picture", func() (app.TraceReport, error) {
			return tr.TraceFile("photo.png", base64.StdEncoding.EncodeToString(png))
		}, apperr.Invalid, "neither a PDF nor text"},
		{"a folder", func() (app.TraceReport, error) { return app.TracePicked(tr, t.TempDir()) }, apperr.Invalid, "is a folder"},
		{"a missing file", func() (app.TraceReport, error) {
			return app.TracePicked(tr, filepath.Join(t.TempDir(), "gone.pdf"))
		}, apperr.NotFound, "cannot be read"},
	}
	for _, tc := range cases {
		rep, err := tc.run()
		if got := wireCode(t, err); got != tc.code {
			t.Errorf("%s: code %q (%v), want %q; report %+v", tc.name, got, err, tc.code, rep)
			continue
		}
		var w struct{ Message string }
		_ = json.Unmarshal([]byte(err.Error()), &w)
		if !strings.Contains(w.Message, tc.says) {
			t.Errorf("%s: message %q, want it to say %q", tc.name, w.Message, tc.says)
		}
	}
	after, err := b.Ledger(0)
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before)+1 {
		t.Errorf("the ledger went from %d to %d entries; only the encrypted pack was exported", len(before), len(after))
	}

	// The dialog is the window's: without it, the call says so.
	if _, err := tr.PickAndTrace(); wireCode(t, err) != apperr.Internal {
		t.Errorf("PickAndTrace without a window: %v", err)
	}
	if _, err := os.Stat(res.Files[0].Path); err != nil {
		t.Errorf("the traced pack is gone: %v", err)
	}
}
