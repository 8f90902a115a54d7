package service

import (
	"context"
	"slices"
	"strings"
	"testing"

	"atpreg/internal/pdftest"
	"atpreg/internal/register"
)

// TestPackEvaluationOutByDefault makes the demo meeting's pack for a partner
// without and with IncludeEvaluation and reads it with pdftotext: the default
// holds no evaluator's name, note, reason or score; the panel's result holds
// the weighted score, means and tally, still with no name, note or reason.
func TestPackEvaluationOutByDefault(t *testing.T) {
	r := newDemo(t)
	ctx := context.Background()
	m, partners := packMeeting(t, r)
	var names, quotes []string
	scored := 0
	for _, id := range m.EntityIDs {
		evs, err := r.db.EntityEvaluations(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if len(evs) > 0 {
			scored++
		}
		for _, ev := range evs {
			names = append(names, ev.Evaluator)
			if strings.TrimSpace(ev.Reason) != "" {
				quotes = append(quotes, ev.Reason)
			}
			for _, sc := range ev.Scores {
				if strings.TrimSpace(sc.Note) != "" {
					quotes = append(quotes, sc.Note)
				}
			}
		}
	}
	if scored == 0 || len(names) == 0 || len(quotes) == 0 {
		t.Fatalf("the demo meeting's entities have no evaluations to leak (%d scored, %d names, %d quotes)", scored, len(names), len(quotes))
	}
	pack := func(include bool) string {
		t.Helper()
		res, err := r.MakePacks(ctx, PackRequest{MeetingID: m.ID, Recipients: []PackRecipient{{PartnerID: partners[0].ID}},
			IncludeEvaluation: include, Dir: t.TempDir()}, nil)
		if err != nil {
			t.Fatal(err)
		}
		text, err := pdftest.Text(t, res.Files[0].Path)
		if err != nil {
			t.Fatal(err)
		}
		return pdftest.Flat(text)
	}
	noLeak := func(label, flat string) {
		t.Helper()
		for _, s := range append(append([]string{}, names...), quotes...) {
			if strings.Contains(flat, pdftest.Flat(s)) {
				t.Errorf("%s pack quotes the internal evaluation: %q", label, s)
			}
		}
	}
	def := pack(false)
	noLeak("the default", def)
	for _, s := range []string{"Weighted score", "Mean score", "Recommendation", "Evaluation"} {
		if strings.Contains(def, s) {
			t.Errorf("the default pack shows %q", s)
		}
	}
	with := pack(true)
	noLeak("the evaluation", with)
	for _, s := range []string{"Weighted score", "Mean score per aspect", "Recommendations", "Evaluation panel's result", "out of 5"} {
		if !strings.Contains(with, s) {
			t.Errorf("the pack with the panel's result lacks %q", s)
		}
	}
	if n := strings.Count(with, "Evaluation panel's result"); n != len(m.EntityIDs) {
		t.Errorf("%d entity sections with the panel's result, want %d", n, len(m.EntityIDs))
	}
	tally := false
	for _, rc := range register.Recommendations() {
		if strings.Contains(with, rc.Label()+" (") {
			tally = true
		}
	}
	if !tally {
		t.Error("no tally of recommendations in the pack with the panel's result")
	}
}

// TestPackMarksRecusal: at a meeting both partners attend, the other
// partner's pack marks the conflicted partner "recused for this item" on the
// meeting page and in the entity's section; the conflicted partner's own
// pack leaves the entity out.
func TestPackMarksRecusal(t *testing.T) {
	r := newDemo(t)
	ctx := context.Background()
	m, partners := packMeeting(t, r)
	if !slices.Contains(m.PartnerIDs, partners[1].ID) || !slices.Contains(m.PartnerIDs, partners[0].ID) {
		m.PartnerIDs = []int64{partners[0].ID, partners[1].ID}
		if _, err := r.SaveMeeting(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	e, err := r.db.GetEntity(ctx, m.EntityIDs[0])
	if err != nil {
		t.Fatal(err)
	}
	res, err := r.MakePacks(ctx, PackRequest{MeetingID: m.ID, Recipients: []PackRecipient{{PartnerID: partners[0].ID}, {PartnerID: partners[1].ID}},
		Dir: t.TempDir()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	read := func(i int) string {
		text, err := pdftest.Text(t, res.Files[i].Path)
		if err != nil {
			t.Fatal(err)
		}
		return pdftest.Flat(text)
	}
	other, own := read(0), read(1)
	mark := partners[1].Name + ": recused for this item"
	if n := strings.Count(other, mark); n < 1 {
		t.Errorf("the other partner's meeting page marks the recusal %d times", n)
	}
	if !strings.Contains(other, "Recused for this item (conflict of interest): "+partners[1].Name) {
		t.Error("the entity's section does not mark the recusal")
	}
	if strings.Contains(own, e.Name) || strings.Contains(own, "recused") {
		t.Errorf("the recused partner's own pack names the entity or the recusal")
	}
}
