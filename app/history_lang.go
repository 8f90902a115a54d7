package app

import (
	"regexp"
	"strconv"
	"strings"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
)

// The register's history keeps the sentences internal/store wrote when it
// recorded a change, in English (a record is not rewritten). The window
// says the usual ones in its language by reading them back into their
// parts; a detail that is none of these (a reason the officer typed) is
// shown as it was written.
var (
	detailFollowUp      = regexp.MustCompile(`^Meeting (\d+): follow-up action ("(?:[^"\\]|\\.)*")\.$`)
	detailBytes         = regexp.MustCompile(`^(\d+) bytes, SHA-256 ([0-9a-f]+)$`)
	detailConflict      = regexp.MustCompile(`^Conflict of interest with (.+): left out of their briefing packs and meeting materials\.$`)
	detailConflictGone  = regexp.MustCompile(`^Conflict of interest with (.+) removed\.$`)
	detailEvalConflict  = regexp.MustCompile(`^Conflict of interest with evaluator (.+): left off their evaluation sheets\.$`)
	detailEvalConfGone  = regexp.MustCompile(`^Conflict of interest with evaluator (.+) removed\.$`)
	detailEvaluation    = regexp.MustCompile(`^Evaluation (\d+) by (.+) (added|changed|deleted)\.$`)
	detailEvaluationVia = regexp.MustCompile(`^Evaluation (\d+) by (.+) (added|replaced) from (.+)\.$`)
	detailEvaluatorGone = regexp.MustCompile(`^Evaluator (.+) removed from the panel\.$`)
	detailInfoAsked     = regexp.MustCompile(`^More information requested: (.*)$`)
	detailInfoReceived  = regexp.MustCompile(`^Information received: (.*)$`)
	detailMeetingPlan   = regexp.MustCompile(`^Meeting (\d+) planned for (.+)\.$`)
	detailMeetingAdd    = regexp.MustCompile(`^Added to meeting (\d+)\.$`)
	detailMeetingOff    = regexp.MustCompile(`^Removed from meeting (\d+)\.$`)
	detailMinutes       = regexp.MustCompile(`^Minutes of meeting (\d+) \((.*)\) changed\.$`)
	detailMeetingGone   = regexp.MustCompile(`^Meeting (\d+) deleted\.$`)
	detailPartnerAdd    = regexp.MustCompile(`^Partner (\d+) added\.$`)
	detailPartnerChange = regexp.MustCompile(`^Partner (\d+) \((.*)\) changed\.$`)
	detailPartnerGone   = regexp.MustCompile(`^Partner (\d+) deleted\.$`)

	// service.importDetail: "Imported from F (SHA-256 …), rows 2, 3: merged (…)"
	detailImport      = regexp.MustCompile(`^Imported from (.+) \(SHA-256 ([0-9a-f]+)\), (rows?) ([0-9, ]+): (.+)$`)
	detailImportNew   = regexp.MustCompile(`^registered with (\d+) products?(?:\(s\))?$`)
	detailImportMerge = regexp.MustCompile(`^merged \((\d+) entity fields?(?:\(s\))? changed, (\d+) products?(?:\(s\))? added, (\d+) updated\)$`)
	// service.intakeDetail: "Taken in from F (SHA-256 …), the email "…" <id> from a@b, RFI form f.pdf"
	detailIntake      = regexp.MustCompile(`^Taken in from (.+?) \(SHA-256 ([0-9a-f]+)\)(.*)$`)
	detailIntakeEmail = regexp.MustCompile(`^, the email ("(?:[^"\\]|\\.)*")( <[^>]*>)?(?: from ([^\s,]+))?(.*)$`)
	detailMessageID   = regexp.MustCompile(`^Message-ID of (.+)$`)
	detailBytesIntake = regexp.MustCompile(`^(\d+) bytes, SHA-256 ([0-9a-f]+), taken in from (.+)$`)
	detailInfoIntake  = regexp.MustCompile(`^Information received: intake of (.+)$`)
	detailProduct     = regexp.MustCompile(`^Product: (.+)$`)
	// register.PublishedText: "Briefing pack BP-20260302-… for Dr Chan (copy 2), saved as pack.pdf"
	detailPublished = regexp.MustCompile(`^(Briefing pack|Demand summary|Register export|Calendar file|Letter|Evaluation sheet|RFI form|form)` +
		`( [A-Z]+-\d{8}-[0-9A-Za-z]+)?(?: of (\d+) entit(?:y|ies))?(?: for (.+?))?(?: \(copy (\d+)\))?(?:, saved as (.+))?$`)
)

// kindsSaid are the published documents' kinds (register.LedgerKindLabel) in
// the catalog; "form" is how a form's lines were first recorded.
var kindsSaid = map[string]apperr.Label{
	"Briefing pack": apperr.Fixed("Briefing pack"), "Demand summary": apperr.Fixed("Demand summary"),
	"Register export": apperr.Fixed("Register export"), "Calendar file": apperr.Fixed("Calendar file"),
	"Letter": apperr.Fixed("Letter"), "Evaluation sheet": apperr.Fixed("Evaluation sheet"),
	"RFI form": apperr.Fixed("RFI form"), "form": apperr.Fixed("RFI form"),
}

// publishedIn says register.PublishedText's sentence d in lang ("" when d is
// not one).
func publishedIn(d, lang string) string {
	m := detailPublished.FindStringSubmatch(d)
	if m == nil || m[2] == "" && m[6] == "" {
		return ""
	}
	s := kindsSaid[m[1]].LabelIn(lang) + m[2]
	if m[3] != "" {
		n, _ := strconv.Atoi(m[3])
		if n == 1 {
			s += apperr.In(lang, " of %d entity", n)
		} else {
			s += apperr.In(lang, " of %d entities", n)
		}
	}
	if m[4] != "" {
		s += apperr.In(lang, " for %s", m[4])
	}
	if m[5] != "" {
		n, _ := strconv.Atoi(m[5])
		s += apperr.In(lang, " (copy %d)", n)
	}
	if m[6] != "" {
		s += apperr.In(lang, ", saved as %s", m[6])
	}
	return s
}

// intakeIn says the part of an intake's detail after the file ("" for
// none; ok false when it is not the intake's wording).
func intakeIn(rest, lang string) (string, bool) {
	var s string
	if m := detailIntakeEmail.FindStringSubmatch(rest); m != nil {
		subject, err := strconv.Unquote(m[1])
		if err != nil {
			return "", false
		}
		s += apperr.In(lang, ", the email %q", subject) + strings.TrimPrefix(m[2], " ")
		if m[3] != "" {
			s += apperr.In(lang, " from %s", m[3])
		}
		rest = m[4]
	}
	if rest != "" {
		if !strings.HasPrefix(rest, ", RFI form ") {
			return "", false
		}
		for _, f := range strings.Split(strings.TrimPrefix(rest, ", RFI form "), ", RFI form ") {
			s += apperr.In(lang, ", RFI form %s", f)
		}
	}
	return s, true
}

// askedIn says what a letter asked for (service.asked: "Name of product;
// Product A: Email") in Chinese: the RFI's items in its wording; as it was
// written when it is anything else (questions the officer typed).
func askedIn(asked string) string {
	parts := strings.Split(asked, "; ")
	out := make([]string, len(parts))
	for i, p := range parts {
		product, label := "", p
		if j := strings.LastIndex(p, ": "); j >= 0 {
			product, label = p[:j+2], p[j+2:]
		}
		f, ok := register.FieldOfLabel(label)
		if !ok {
			return asked
		}
		out[i] = register.FieldLabelIn(f, apperr.Chinese)
		if product != "" {
			out[i] = strings.TrimSuffix(product, ": ") + "：" + out[i]
		}
	}
	return strings.Join(out, "；")
}

// detailIn says a stored history detail in lang (see above).
func detailIn(d, lang string) string {
	if lang == apperr.English || d == "" {
		return d
	}
	say := func(t apperr.Text) string { return t.LabelIn(lang) }
	num := func(s string) int64 { n, _ := strconv.ParseInt(s, 10, 64); return n }
	switch d {
	case "Letterhead or letter templates changed.":
		return say(apperr.T("Letterhead or letter templates changed."))
	case "Product added":
		return apperr.Fixed("Product added").LabelIn(lang)
	case "Product removed":
		return apperr.Fixed("Product removed").LabelIn(lang)
	case "Product order changed":
		return apperr.Fixed("Product order changed").LabelIn(lang)
	}
	if s := publishedIn(d, lang); s != "" {
		return s
	}
	switch {
	case detailImport.MatchString(d):
		m := detailImport.FindStringSubmatch(d)
		rows := say(apperr.T("row %s", m[4]))
		if m[3] == "rows" {
			rows = say(apperr.T("rows %s", strings.ReplaceAll(m[4], ", ", "、")))
		}
		what := m[5]
		switch n := detailImportMerge.FindStringSubmatch(what); {
		case what == "registered":
			what = apperr.Fixed("registered").LabelIn(lang)
		case detailImportNew.MatchString(what):
			what = say(apperr.T("registered with %d product(s)", num(detailImportNew.FindStringSubmatch(what)[1])))
		case n != nil:
			what = say(apperr.T("merged (%d entity field(s) changed, %d product(s) added, %d updated)", num(n[1]), num(n[2]), num(n[3])))
		}
		return say(apperr.T("Imported from %s (SHA-256 %s), %s: %s", m[1], m[2], apperr.Verbatim(rows), apperr.Verbatim(what)))
	case detailIntake.MatchString(d):
		m := detailIntake.FindStringSubmatch(d)
		rest, ok := intakeIn(m[3], lang)
		if !ok {
			return d
		}
		return say(apperr.T("Taken in from %s (SHA-256 %s)%s", m[1], m[2], apperr.Verbatim(rest)))
	case detailMessageID.MatchString(d):
		return say(apperr.T("Message-ID of %s", detailMessageID.FindStringSubmatch(d)[1]))
	case detailBytesIntake.MatchString(d):
		m := detailBytesIntake.FindStringSubmatch(d)
		return say(apperr.T("%d bytes, SHA-256 %s, taken in from %s", num(m[1]), m[2], m[3]))
	case detailInfoIntake.MatchString(d):
		return say(apperr.T("Information received: intake of %s", detailInfoIntake.FindStringSubmatch(d)[1]))
	case detailProduct.MatchString(d):
		return say(apperr.T("Product: %s", detailProduct.FindStringSubmatch(d)[1]))
	case detailFollowUp.MatchString(d):
		m := detailFollowUp.FindStringSubmatch(d)
		text, err := strconv.Unquote(m[2])
		if err != nil {
			return d
		}
		return say(apperr.T("Meeting %d: follow-up action %q.", num(m[1]), text))
	case detailBytes.MatchString(d):
		m := detailBytes.FindStringSubmatch(d)
		return say(apperr.T("%d bytes, SHA-256 %s", num(m[1]), m[2]))
	case detailEvalConflict.MatchString(d):
		return say(apperr.T("Conflict of interest with evaluator %s: left off their evaluation sheets.", detailEvalConflict.FindStringSubmatch(d)[1]))
	case detailEvalConfGone.MatchString(d):
		return say(apperr.T("Conflict of interest with evaluator %s removed.", detailEvalConfGone.FindStringSubmatch(d)[1]))
	case detailConflict.MatchString(d):
		return say(apperr.T("Conflict of interest with %s: left out of their briefing packs and meeting materials.", detailConflict.FindStringSubmatch(d)[1]))
	case detailConflictGone.MatchString(d):
		return say(apperr.T("Conflict of interest with %s removed.", detailConflictGone.FindStringSubmatch(d)[1]))
	case detailEvaluationVia.MatchString(d):
		m := detailEvaluationVia.FindStringSubmatch(d)
		var from apperr.Label = apperr.Verbatim(m[4])
		if f, ok := strings.CutPrefix(m[4], "evaluation sheet "); ok {
			from = apperr.T("evaluation sheet %s", f)
		}
		if m[3] == "added" {
			return say(apperr.T("Evaluation %d by %s added from %s.", num(m[1]), m[2], from))
		}
		return say(apperr.T("Evaluation %d by %s replaced from %s.", num(m[1]), m[2], from))
	case detailEvaluation.MatchString(d):
		m := detailEvaluation.FindStringSubmatch(d)
		switch m[3] {
		case "added":
			return say(apperr.T("Evaluation %d by %s added.", num(m[1]), m[2]))
		case "changed":
			return say(apperr.T("Evaluation %d by %s changed.", num(m[1]), m[2]))
		}
		return say(apperr.T("Evaluation %d by %s deleted.", num(m[1]), m[2]))
	case detailEvaluatorGone.MatchString(d):
		return say(apperr.T("Evaluator %s removed from the panel.", detailEvaluatorGone.FindStringSubmatch(d)[1]))
	case detailInfoAsked.MatchString(d):
		return say(apperr.T("More information requested: %s", apperr.Verbatim(askedIn(detailInfoAsked.FindStringSubmatch(d)[1]))))
	case detailInfoReceived.MatchString(d):
		return say(apperr.T("Information received: %s", detailInfoReceived.FindStringSubmatch(d)[1]))
	case detailMeetingPlan.MatchString(d):
		m := detailMeetingPlan.FindStringSubmatch(d)
		return say(apperr.T("Meeting %d planned for %s.", num(m[1]), m[2]))
	case detailMeetingAdd.MatchString(d):
		return say(apperr.T("Added to meeting %d.", num(detailMeetingAdd.FindStringSubmatch(d)[1])))
	case detailMeetingOff.MatchString(d):
		return say(apperr.T("Removed from meeting %d.", num(detailMeetingOff.FindStringSubmatch(d)[1])))
	case detailMinutes.MatchString(d):
		m := detailMinutes.FindStringSubmatch(d)
		return say(apperr.T("Minutes of meeting %d (%s) changed.", num(m[1]), m[2]))
	case detailMeetingGone.MatchString(d):
		return say(apperr.T("Meeting %d deleted.", num(detailMeetingGone.FindStringSubmatch(d)[1])))
	case detailPartnerAdd.MatchString(d):
		return say(apperr.T("Partner %d added.", num(detailPartnerAdd.FindStringSubmatch(d)[1])))
	case detailPartnerChange.MatchString(d):
		m := detailPartnerChange.FindStringSubmatch(d)
		return say(apperr.T("Partner %d (%s) changed.", num(m[1]), m[2]))
	case detailPartnerGone.MatchString(d):
		return say(apperr.T("Partner %d deleted.", num(detailPartnerGone.FindStringSubmatch(d)[1])))
	}
	return d
}
