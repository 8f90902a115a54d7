package app

import (
	"regexp"
	"strconv"

	"atpreg/internal/apperr"
)

// The register's history keeps the sentences internal/store wrote when it
// recorded a change, in English (a record is not rewritten). The window
// says the usual ones in its language by reading them back into their
// parts; a detail that is none of these (a reason the officer typed, an
// import's summary) is shown as it was written.
var (
	detailFollowUp      = regexp.MustCompile(`^Meeting (\d+): follow-up action ("(?:[^"\\]|\\.)*")\.$`)
	detailBytes         = regexp.MustCompile(`^(\d+) bytes, SHA-256 ([0-9a-f]+)$`)
	detailConflict      = regexp.MustCompile(`^Conflict of interest with (.+): left out of their briefing packs and meeting materials\.$`)
	detailConflictGone  = regexp.MustCompile(`^Conflict of interest with (.+) removed\.$`)
	detailEvalConflict  = regexp.MustCompile(`^Conflict of interest with evaluator (.+): left off their evaluation sheets\.$`)
	detailEvalConfGone  = regexp.MustCompile(`^Conflict of interest with evaluator (.+) removed\.$`)
	detailEvaluation    = regexp.MustCompile(`^Evaluation (\d+) by (.+) (added|changed|deleted|restored)\.$`)
	detailEvaluationVia = regexp.MustCompile(`^Evaluation (\d+) by (.+) (added|replaced) from (.+)\.$`)
	detailEvaluatorGone = regexp.MustCompile(`^Evaluator (.+) removed from the panel\.$`)
	detailInfoAsked     = regexp.MustCompile(`^More information requested: (.*)$`)
	detailInfoReceived  = regexp.MustCompile(`^Information received: (.*)$`)
	detailMeetingPlan   = regexp.MustCompile(`^Meeting (\d+) planned for (.+)\.$`)
	detailMeetingAdd    = regexp.MustCompile(`^Added to meeting (\d+)\.$`)
	detailMeetingOff    = regexp.MustCompile(`^Removed from meeting (\d+)\.$`)
	detailMinutes       = regexp.MustCompile(`^Minutes of meeting (\d+) \((.*)\) changed\.$`)
	detailMeetingGone   = regexp.MustCompile(`^Meeting (\d+) deleted\.$`)
	detailMeetingBack   = regexp.MustCompile(`^Meeting (\d+) restored\.$`)
	detailPartnerAdd    = regexp.MustCompile(`^Partner (\d+) added\.$`)
	detailPartnerChange = regexp.MustCompile(`^Partner (\d+) \((.*)\) changed\.$`)
	detailPartnerGone   = regexp.MustCompile(`^Partner (\d+) deleted\.$`)
	detailPartnerBack   = regexp.MustCompile(`^Partner (\d+) restored\.$`)
)

// detailIn says a stored history detail in lang (see above).
func detailIn(d, lang string) string {
	if lang == apperr.English || d == "" {
		return d
	}
	say := func(t apperr.Text) string { return t.LabelIn(lang) }
	num := func(s string) int64 { n, _ := strconv.ParseInt(s, 10, 64); return n }
	switch {
	case d == "Letterhead or letter templates changed.":
		return say(apperr.T("Letterhead or letter templates changed."))
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
		if m[3] == "added" {
			return say(apperr.T("Evaluation %d by %s added from %s.", num(m[1]), m[2], m[4]))
		}
		return say(apperr.T("Evaluation %d by %s replaced from %s.", num(m[1]), m[2], m[4]))
	case detailEvaluation.MatchString(d):
		m := detailEvaluation.FindStringSubmatch(d)
		switch m[3] {
		case "added":
			return say(apperr.T("Evaluation %d by %s added.", num(m[1]), m[2]))
		case "changed":
			return say(apperr.T("Evaluation %d by %s changed.", num(m[1]), m[2]))
		case "restored":
			return say(apperr.T("Evaluation %d by %s restored.", num(m[1]), m[2]))
		}
		return say(apperr.T("Evaluation %d by %s deleted.", num(m[1]), m[2]))
	case detailEvaluatorGone.MatchString(d):
		return say(apperr.T("Evaluator %s removed from the panel.", detailEvaluatorGone.FindStringSubmatch(d)[1]))
	case detailInfoAsked.MatchString(d):
		return say(apperr.T("More information requested: %s", detailInfoAsked.FindStringSubmatch(d)[1]))
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
	case detailMeetingBack.MatchString(d):
		return say(apperr.T("Meeting %d restored.", num(detailMeetingBack.FindStringSubmatch(d)[1])))
	case detailPartnerAdd.MatchString(d):
		return say(apperr.T("Partner %d added.", num(detailPartnerAdd.FindStringSubmatch(d)[1])))
	case detailPartnerChange.MatchString(d):
		m := detailPartnerChange.FindStringSubmatch(d)
		return say(apperr.T("Partner %d (%s) changed.", num(m[1]), m[2]))
	case detailPartnerGone.MatchString(d):
		return say(apperr.T("Partner %d deleted.", num(detailPartnerGone.FindStringSubmatch(d)[1])))
	case detailPartnerBack.MatchString(d):
		return say(apperr.T("Partner %d restored.", num(detailPartnerBack.FindStringSubmatch(d)[1])))
	}
	return d
}
