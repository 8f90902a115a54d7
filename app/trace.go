package app

import (
	"context"
	"encoding/base64"
	"path/filepath"
	"strings"

	wruntime "github.com/wailsapp/wails/v2/pkg/runtime"

	"atpreg/internal/apperr"
	"atpreg/internal/service"
)

// TraceService is the leak-tracing screen's bound service: it names the
// briefing pack copies in the ledger that a leaked pack, opened through the
// system's dialog, or text pasted from one can come from
// (service.Trace, docs/leak-tracing.md).
type TraceService struct{ s *Session }

// TraceMatch is a ledger entry the traced text can come from, with how sure.
type TraceMatch struct {
	LedgerID    int64    `json:"ledgerId"`
	DocID       string   `json:"docId"`
	Recipient   string   `json:"recipient"`
	CopyNo      int      `json:"copyNo"`
	At          string   `json:"at"` // RFC 3339: when the copy was exported
	By          string   `json:"by"` // who exported it
	EntityNames []string `json:"entityNames"`
	FileName    string   `json:"fileName"`
	// Footer is true when the document id and copy number printed in the
	// pages' footers were read; false when the wording alone matched.
	Footer bool `json:"footer"`
	// Certainty is "certain", "likely" or "possible".
	Certainty string `json:"certainty"`
	// Agree and Disagree count the wording choices read in the text that
	// agree and disagree with this copy's.
	Agree    int `json:"agree"`
	Disagree int `json:"disagree"`
}

// TraceReport is what a trace found: the candidates, best first (none when
// no pack in the ledger fits), and how many wording choices were read.
type TraceReport struct {
	Source  string       `json:"source"` // the file's base name; "" for pasted text
	Seen    int          `json:"seen"`
	Matches []TraceMatch `json:"matches"`
}

// TraceText traces text the officer pasted (or typed) into the window.
// Errors: invalid when there is nothing to trace.
func (x *TraceService) TraceText(text string) (TraceReport, error) {
	rep, err := x.trace("", []byte(text))
	return rep, Fail(err)
}

// TraceFile traces a file dropped on the screen, given as base64 with its
// name. Errors: invalid when it cannot be received, is too large, or holds
// nothing to trace.
func (x *TraceService) TraceFile(name, dataBase64 string) (TraceReport, error) {
	if base64.StdEncoding.DecodedLen(len(dataBase64)) > service.MaxTraceBytes+2 {
		return TraceReport{}, Fail(apperr.New(apperr.Invalid, "The file %s is more than the %d MB a trace reads; a briefing pack is much smaller. Drop the pack itself, or paste its text.",
			droppedName(name), service.MaxTraceBytes>>20))
	}
	data, err := base64.StdEncoding.DecodeString(dataBase64)
	if err != nil {
		return TraceReport{}, Fail(apperr.New(apperr.Invalid, "The file could not be received by the window; try again, or choose it with Open a file."))
	}
	rep, err := x.trace(droppedName(name), data)
	return rep, Fail(err)
}

// PickAndTrace asks for a leaked pack (a PDF) or a text file with the
// system's dialog and traces it; nil when the officer cancels.
func (x *TraceService) PickAndTrace() (*TraceReport, error) {
	return x.pickAndTrace(func(ctx context.Context) (string, error) {
		return wruntime.OpenFileDialog(ctx, wruntime.OpenDialogOptions{
			Title: "Choose the leaked pack or its text",
			Filters: []wruntime.FileFilter{
				{DisplayName: "Briefing packs and text (*.pdf, *.txt)", Pattern: "*.pdf;*.txt"},
				{DisplayName: "All files", Pattern: "*"},
			},
		})
	})
}

// pickAndTrace is PickAndTrace with the dialog as pick ("" when cancelled).
func (x *TraceService) pickAndTrace(pick func(ctx context.Context) (string, error)) (*TraceReport, error) {
	if _, err := x.s.openRegister(); err != nil {
		return nil, Fail(err)
	}
	ctx := x.s.windowContext()
	if ctx == nil {
		return nil, Fail(apperr.New(apperr.Internal, "The file dialog is only available in the window."))
	}
	path, err := pick(ctx)
	if err != nil {
		return nil, Fail(apperr.Wrap(err, apperr.Internal, "The file dialog could not be opened."))
	}
	if path == "" {
		return nil, nil
	}
	rep, err := x.tracePath(path)
	if err != nil {
		return nil, Fail(err)
	}
	return &rep, nil
}

// tracePath traces the file at path, picked by the officer in the dialog.
func (x *TraceService) tracePath(path string) (TraceReport, error) {
	data, err := service.ReadTraceFile(path)
	if err != nil {
		return TraceReport{}, err
	}
	return x.trace(filepath.Base(path), data)
}

func (x *TraceService) trace(source string, data []byte) (TraceReport, error) {
	r, err := x.s.openRegister()
	if err != nil {
		return TraceReport{}, err
	}
	res, err := r.Trace(context.Background(), data)
	if err != nil {
		return TraceReport{}, err
	}
	out := TraceReport{Source: source, Seen: res.Seen, Matches: make([]TraceMatch, 0, len(res.Matches))}
	for _, m := range res.Matches {
		names := m.EntityNames
		if names == nil {
			names = []string{}
		}
		out.Matches = append(out.Matches, TraceMatch{LedgerID: m.Entry.ID, DocID: m.Entry.DocID, Recipient: m.Entry.Recipient,
			CopyNo: m.Entry.CopyNo, At: m.Entry.At, By: m.Entry.By, EntityNames: names, FileName: m.Entry.FileName,
			Footer: m.By == service.TraceByFooter, Certainty: m.Certainty, Agree: m.Agree, Disagree: m.Disagree})
	}
	return out, nil
}

// droppedName is the base name of a file the page names (either separator).
func droppedName(name string) string {
	n := filepath.Base(strings.ReplaceAll(strings.TrimSpace(name), "\\", "/"))
	if n == "." || n == "/" {
		return "dropped file"
	}
	return n
}
