package service

import (
	"bytes"
	"context"
	"encoding/binary"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"

	"atpreg/internal/apperr"
	"atpreg/internal/briefing"
	"atpreg/internal/pdfdoc"
	"atpreg/internal/register"
)

// TraceMatch is a ledger entry a leaked copy can come from, with how sure.
type TraceMatch struct {
	Entry register.LedgerEntry
	// EntityNames are the names of the copy's entities, in the entry's order
	// (a deleted entity shows as its code).
	EntityNames []string
	// By says what matched: TraceByFooter or TraceByWording.
	By string
	// Agree and Disagree count the wording choices seen in the text that
	// agree and disagree with this copy's; Seen is how many were seen.
	Agree, Disagree, Seen int
	// Certainty is "certain", "likely" or "possible".
	Certainty string
}

// What a TraceMatch matched by.
const (
	// TraceByFooter: the document id and copy number read in the pages' footers.
	TraceByFooter = "document id and copy number"
	// TraceByWording: the copy's wording variants.
	TraceByWording = "wording"
)

// TraceResult is what Trace found: the candidates, best first.
type TraceResult struct {
	Matches []TraceMatch
	// Seen is the number of wording choices read in the text.
	Seen int
}

var (
	docIDInText = regexp.MustCompile(`BP-\d{8}-[0-9A-Z]{4,}`)
	copyInText  = regexp.MustCompile(`·\s*(?:Copy\s+(\d+)|第\s*(\d+)\s*份)`)
)

// Trace names the briefing packs in the ledger that data can come from: a
// pack (PDF, also rewritten by another tool) or text copied or retyped out
// of one. A footer's document id and copy number settle it; otherwise the
// copy's wording variants (docs/leak-tracing.md) are compared with every
// pack's. Errors: apperr.Invalid (nothing to read: an encrypted PDF, a PDF
// without text, a file that is neither a PDF nor text, no text, no wording
// of a pack).
func (r *Register) Trace(ctx context.Context, data []byte) (TraceResult, error) {
	text, err := traceText(data)
	if err != nil {
		return TraceResult{}, err
	}
	if strings.TrimSpace(text) == "" {
		return TraceResult{}, apperr.New(apperr.Invalid, "There is no text to trace: give a pack (PDF) or text copied out of one.")
	}
	rows, err := r.PackLedger(ctx, 0)
	if err != nil {
		return TraceResult{}, err
	}
	res := TraceResult{Matches: []TraceMatch{}}
	obs := briefing.Observe(text)
	res.Seen = obs.Seen()
	// The footer: document id and copy number.
	ids := docIDInText.FindAllString(text, -1)
	var copies []int
	for _, m := range copyInText.FindAllStringSubmatch(text, -1) {
		if n, err := strconv.Atoi(m[1] + m[2]); err == nil && !slices.Contains(copies, n) {
			copies = append(copies, n)
		}
	}
	for _, row := range rows {
		e := row.LedgerEntry
		if slices.Contains(ids, e.DocID) && (len(copies) == 0 || slices.Contains(copies, e.CopyNo)) {
			m := TraceMatch{Entry: e, EntityNames: row.EntityNames, By: TraceByFooter, Seen: res.Seen, Certainty: "certain"}
			if len(copies) != 1 {
				m.Certainty = "possible"
			}
			if v, ok := briefing.ParseVariants(e.Variants); ok {
				m.Agree, m.Disagree = obs.Compare(v)
			}
			res.Matches = append(res.Matches, m)
		}
	}
	if len(res.Matches) > 0 {
		return res, nil
	}
	if res.Seen == 0 {
		return res, apperr.New(apperr.Invalid, "The text holds no document id and none of a pack's wording: it cannot be traced. Give more of the pack's text (a whole entity page).")
	}
	for _, row := range rows {
		e := row.LedgerEntry
		v, ok := briefing.ParseVariants(e.Variants)
		if !ok {
			continue
		}
		a, d := obs.Compare(v)
		res.Matches = append(res.Matches, TraceMatch{Entry: e, EntityNames: row.EntityNames, By: TraceByWording, Agree: a, Disagree: d, Seen: res.Seen})
	}
	slices.SortStableFunc(res.Matches, func(x, y TraceMatch) int {
		if x.Disagree != y.Disagree {
			return x.Disagree - y.Disagree
		}
		return y.Agree - x.Agree
	})
	// Keep the best and those as close as it (one more disagreement).
	if len(res.Matches) > 0 {
		best := res.Matches[0].Disagree
		cut := slices.IndexFunc(res.Matches, func(m TraceMatch) bool { return m.Disagree > best+1 })
		if cut > 0 {
			res.Matches = res.Matches[:cut]
		}
		for i := range res.Matches {
			m := &res.Matches[i]
			switch {
			case i == 0 && m.Disagree == 0 && m.Agree >= 10 && (len(res.Matches) == 1 || res.Matches[1].Disagree >= 1):
				m.Certainty = "certain"
				if len(res.Matches) > 1 && res.Matches[1].Disagree < 2 {
					m.Certainty = "likely"
				}
			case i == 0 && (len(res.Matches) == 1 || res.Matches[1].Disagree > m.Disagree):
				m.Certainty = "likely"
			default:
				m.Certainty = "possible"
			}
		}
	}
	return res, nil
}

// MaxTraceBytes is the largest file Trace reads (a briefing pack is far
// smaller).
const MaxTraceBytes = 64 << 20

// ReadTraceFile reads the file at path for Trace: a regular file of at most
// MaxTraceBytes (apperr.NotFound when it cannot be read, apperr.Invalid when
// it is a folder or too large).
func ReadTraceFile(path string) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, unreadable(path, err)
	}
	if st.IsDir() {
		return nil, apperr.New(apperr.Invalid, "%s is a folder; choose a briefing pack (PDF) or a text file.", path)
	}
	if st.Size() > MaxTraceBytes {
		return nil, apperr.New(apperr.Invalid, "The file %s is %.1f MB, more than the %d MB a trace reads; a briefing pack is much smaller. Choose the pack itself, or copy its text and trace that.",
			baseName(path), float64(st.Size())/(1<<20), MaxTraceBytes>>20)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, unreadable(path, err)
	}
	return data, nil
}

// traceText is the text Trace reads in data: a PDF's page text, else the
// text itself (UTF-8, or UTF-16 with its byte-order mark, as Windows'
// Notepad saves it). Errors: apperr.Invalid for an encrypted PDF and for a
// file that is neither a PDF nor text.
func traceText(data []byte) (string, error) {
	if bytes.HasPrefix(bytes.TrimLeft(data, " \t\r\n"), []byte("%PDF")) {
		if bytes.Contains(data, []byte("/Encrypt")) {
			return "", apperr.New(apperr.Invalid, "The PDF is encrypted: open it with its password and copy its text, then trace the text.")
		}
		text := pdfdoc.ExtractText(data)
		if strings.TrimSpace(text) == "" {
			return "", apperr.New(apperr.Invalid, "No text can be read out of this PDF (a scan, or a PDF atpreg did not write): copy or retype its text and trace that.")
		}
		return text, nil
	}
	var order binary.ByteOrder
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		order = binary.LittleEndian
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		order = binary.BigEndian
	}
	if order != nil {
		units := make([]uint16, 0, len(data)/2)
		for i := 2; i+1 < len(data); i += 2 {
			units = append(units, order.Uint16(data[i:]))
		}
		data = []byte(string(utf16.Decode(units)))
	}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if bytes.IndexByte(data, 0) >= 0 {
		return "", apperr.New(apperr.Invalid, "The file is neither a PDF nor text: give a briefing pack (PDF), or text copied out of one (pasted, or saved as a .txt file).")
	}
	return string(data), nil
}
