package service

import (
	"bytes"
	"context"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"atpreg/internal/apperr"
	"atpreg/internal/briefing"
	"atpreg/internal/pdfdoc"
	"atpreg/internal/register"
)

// TraceMatch is a ledger entry a leaked copy can come from, with how sure.
type TraceMatch struct {
	Entry register.LedgerEntry
	// By says what matched: "document id and copy number" (read from the
	// pages' footers) or "wording" (the copy's wording variants).
	By string
	// Agree and Disagree count the wording choices seen in the text that
	// agree and disagree with this copy's; Seen is how many were seen.
	Agree, Disagree, Seen int
	// Certainty is "certain", "likely" or "possible".
	Certainty string
}

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
// pack's. Errors: apperr.Invalid (nothing to read: an encrypted PDF, no
// text, no wording of a pack).
func (r *Register) Trace(ctx context.Context, data []byte) (TraceResult, error) {
	text := string(data)
	if bytes.HasPrefix(bytes.TrimLeft(data, " \t\r\n"), []byte("%PDF")) {
		if bytes.Contains(data, []byte("/Encrypt")) {
			return TraceResult{}, apperr.New(apperr.Invalid, "The PDF is encrypted: open it with its password and copy its text, then trace the text.")
		}
		text = pdfdoc.ExtractText(data)
	}
	if strings.TrimSpace(text) == "" {
		return TraceResult{}, apperr.New(apperr.Invalid, "There is no text to trace: give a pack (PDF) or text copied out of one.")
	}
	entries, err := r.Ledger(ctx, register.LedgerBrief, 0)
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
	for _, e := range entries {
		if slices.Contains(ids, e.DocID) && (len(copies) == 0 || slices.Contains(copies, e.CopyNo)) {
			m := TraceMatch{Entry: e, By: "document id and copy number", Seen: res.Seen, Certainty: "certain"}
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
	for _, e := range entries {
		v, ok := briefing.ParseVariants(e.Variants)
		if !ok {
			continue
		}
		a, d := obs.Compare(v)
		res.Matches = append(res.Matches, TraceMatch{Entry: e, By: "wording", Agree: a, Disagree: d, Seen: res.Seen})
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
