// Package evalsheet is the evaluation sheet as a fillable form (built on
// internal/forms): for one evaluator, per entity a summary of its
// submission, the seven aspects with their anchors and a box per score 1–5,
// a note per aspect, the recommendation boxes and a reason. Spec lays it
// out in English or in Traditional Chinese (with the English beside it);
// PDF and DOCX render it; Parse and Read turn a filled sheet back into one
// evaluation per entity with a list of problems in words.
//
// The sheet is blind: it holds the evaluator's own name and the entities'
// submissions, never another evaluator's name or score (the caller gives it
// nothing else). Field names are the contract of shared/CLI.md, "Forms":
// read-only `evaluator`; for entity N the prefix `eN.`: read-only
// `eN.entity_id`, checkboxes `eN.ASPECT.1` … `eN.ASPECT.5`, text
// `eN.ASPECT.note`, checkboxes `eN.recommendation.CODE`, text `eN.reason`.
// It does no I/O and knows nothing of the store.
package evalsheet

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"

	"atpreg/internal/apperr"
	"atpreg/internal/forms"
	"atpreg/internal/register"
)

// The sheet's identity, in its form_kind and form_version fields.
const (
	Kind    = "atpreg-evaluation-sheet"
	Version = "1"
)

// MaxEntities is how many entities one sheet holds (the form's field limit
// leaves room for about 44).
const MaxEntities = 40

// Lines of the text fields.
const (
	linesNote   = 2
	linesReason = 4
)

func wordsFor(lang string) (*words, error) {
	switch lang {
	case "", "en":
		return english(), nil
	case "zh-HK":
		return chinese(), nil
	}
	return nil, apperr.New(apperr.Invalid, "%q is not a language of the sheets; use en or zh-HK.", lang)
}

// Spec returns the evaluation sheet for evaluator on entities (in order,
// at most MaxEntities) in lang ("en" or "zh-HK"). Only the entities'
// submissions are shown: pass no evaluations.
func Spec(evaluator string, entities []register.Entity, lang string) (*forms.Spec, error) {
	w, err := wordsFor(lang)
	if err != nil {
		return nil, err
	}
	if lang == "" {
		lang = "en"
	}
	zh := lang == "zh-HK"
	en := english()
	if len(entities) == 0 {
		return nil, apperr.New(apperr.Invalid, "A sheet needs at least one entity to evaluate.")
	}
	if len(entities) > MaxEntities {
		return nil, apperr.New(apperr.Invalid, "A sheet holds at most %d entities, not %d; make several sheets.", MaxEntities, len(entities))
	}
	s := &forms.Spec{Kind: Kind, Version: Version, Lang: lang, Title: w.title, Subtitle: w.subtitle, Intro: w.intro, Footer: w.footer}
	s.Sections = append(s.Sections, forms.Section{Title: w.evaluator, Items: []forms.Item{{
		Label: w.evaluator, Fields: []forms.Field{forms.Text("evaluator", 1, evaluator).Fixed().Tooltip(w.evaluator)},
	}}})
	for i, e := range entities {
		n := i + 1
		p := fmt.Sprintf("e%d.", n)
		sec := forms.Section{Title: fmt.Sprintf(w.entity, n, e.Name), Note: w.summary + ": " + summary(e, w, lang), NewPage: true}
		sec.Items = append(sec.Items, forms.Item{Label: w.entityID,
			Fields: []forms.Field{forms.Text(p+"entity_id", 1, strconv.FormatInt(e.ID, 10)).Fixed().Tooltip(w.entityID)}})
		for _, a := range register.Aspects() {
			label, hint := w.aspect[a], w.scoreHint
			if zh {
				hint = en.aspect[a] + "\n" + w.scoreHint
			}
			var fields []forms.Field
			for score := register.MinScore; score <= register.MaxScore; score++ {
				anchor := a.Anchor(score)
				if zh && w.anchor != nil {
					anchor = w.anchor[a][score-1] + " " + anchor
				}
				fields = append(fields, forms.Check(fmt.Sprintf("%s%s.%d", p, a, score), fmt.Sprintf("%d  %s", score, anchor), false))
			}
			fields = append(fields, forms.Note(w.note), forms.Text(p+string(a)+".note", linesNote, "").Tooltip(w.note+": "+label))
			sec.Items = append(sec.Items, forms.Item{Label: label, Hint: hint, Fields: fields})
		}
		var recs []forms.Field
		for _, r := range register.Recommendations() {
			l := w.rec[r]
			if zh {
				l += " " + en.rec[r]
			}
			recs = append(recs, forms.Check(p+"recommendation."+string(r), l, false))
		}
		sec.Items = append(sec.Items,
			forms.Item{Label: w.recommendation, Hint: w.recommendationHint, Fields: recs},
			forms.Item{Label: w.reason, Fields: []forms.Field{forms.Text(p+"reason", linesReason, "").Tooltip(w.reason)}})
		s.Sections = append(s.Sections, sec)
	}
	return s, nil
}

// summary is a short account of an entity's submission for the sheet: per
// product its name, type, intended use, indication, process, readiness
// answers and expected start, with the RFI's wording and the date in lang.
func summary(e register.Entity, w *words, lang string) string {
	if w == nil {
		w = english()
	}
	if len(e.Submissions) == 0 {
		return w.noProducts
	}
	label := func(field string) string { return register.FieldLabelIn(field, lang) }
	sep, end, next := ": ", ".", ". "
	if lang == register.LangChinese {
		sep, end, next = "：", "。", "。"
	}
	var parts []string
	for _, s := range e.Submissions {
		var bits []string
		add := func(label, v string) {
			if v = strings.TrimSpace(v); v != "" {
				bits = append(bits, label+sep+clip(v, 240))
			}
		}
		if s.ATPType != "" {
			add(label("atp_type"), s.ATPType.LabelIn(lang))
		}
		if s.IntendedUse != "" {
			add(label("intended_use"), s.IntendedUse.LabelIn(lang))
		}
		add(label("therapeutic_indication"), s.TherapeuticIndication)
		add(label("composition"), s.Composition)
		if s.ProcessType != "" {
			add(label("process_type"), s.ProcessType.LabelIn(lang))
		}
		if s.PDCompleted.Answered() {
			add(label("pd_completed"), s.PDCompleted.LabelIn(lang))
		}
		if s.GMPBefore.Answered() {
			add(label("gmp_before"), s.GMPBefore.LabelIn(lang))
		}
		add(label("expected_start"), s.ExpectedStart.LabelIn(lang))
		parts = append(parts, fmt.Sprintf(w.product, s.ProductName)+next+strings.Join(bits, next)+end)
	}
	return strings.Join(parts, "\n")
}

func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// PDF returns the sheet as a fillable PDF (see Spec). date is the
// document's date (zero: now).
func PDF(evaluator string, entities []register.Entity, lang string, date time.Time) ([]byte, error) {
	s, err := Spec(evaluator, entities, lang)
	if err != nil {
		return nil, err
	}
	return s.PDF(date)
}

// DOCX returns the sheet as a Word document with content controls.
func DOCX(evaluator string, entities []register.Entity, lang string, date time.Time) ([]byte, error) {
	s, err := Spec(evaluator, entities, lang)
	if err != nil {
		return nil, err
	}
	return s.DOCX(date)
}

// Sheet is a filled evaluation sheet: the evaluator it was made for and one
// evaluation per entity on it that was filled in (Evaluator, EntityID,
// Scores, Recommendation, Reason; an unscored aspect is absent from
// Scores). Skipped lists the entity ids left blank (nothing ticked or
// written); EntityIDs every entity on the sheet, in order.
type Sheet struct {
	Evaluator   string
	EntityIDs   []int64
	Evaluations []register.Evaluation
	Skipped     []int64
}

// Problem is one thing wrong on a filled sheet, in the officer's words: the
// field, the value found there and what to fix.
type Problem struct {
	Field   string
	Value   string
	Message string // English
	said    apperr.Label
}

// Text is the problem's message in any language (the window's).
func (p Problem) Text() apperr.Label {
	if p.said != nil {
		return p.said
	}
	return apperr.Verbatim(p.Message)
}

// problem is the problem of field with value, said by msg.
func problem(field, value string, msg apperr.Label) Problem {
	return Problem{Field: field, Value: value, Message: msg.LabelIn(apperr.English), said: msg}
}

// scoresTicked are the scores ticked for one aspect, said as a list: "3 and
// 4" in English, "3及4" in Chinese.
type scoresTicked []string

func (s scoresTicked) LabelIn(lang string) string {
	if lang == apperr.Chinese {
		return strings.Join(s, "及")
	}
	return strings.Join(s, " and ")
}

// IsSheet reports whether data is a form of the sheet's kind (any
// version): a PDF or Word document with form_kind atpreg-evaluation-sheet.
// It reads the file's fields, so it says false for anything unreadable.
func IsSheet(data []byte) bool {
	v, err := readValues(data)
	return err == nil && v.Kind == Kind
}

func readValues(data []byte) (forms.Values, error) {
	switch {
	case bytes.HasPrefix(bytes.TrimLeft(data[:min(len(data), 1024)], "\x00\t\n\r "), []byte("%PDF-")):
		return forms.ReadPDF(data)
	case bytes.HasPrefix(data, []byte("PK\x03\x04")), bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return forms.ReadDOCX(data)
	}
	return forms.Values{}, apperr.New(apperr.Invalid, "This file is neither a PDF nor a Word document, so it cannot be an evaluation sheet. Send the filled sheet as the PDF or .docx it came as.")
}

// Read reads a filled sheet (PDF or Word, told apart by content) and
// parses it (see Parse). The error is for a file that cannot be read as a
// form at all.
func Read(data []byte) (Sheet, []Problem, error) {
	v, err := readValues(data)
	if err != nil {
		return Sheet{}, nil, err
	}
	s, ps := Parse(v)
	return s, ps, nil
}

// Parse turns the values of a filled sheet into evaluations and lists
// every problem: another form or version, no evaluator, an entity number
// that cannot be read, two score boxes ticked for one aspect, two
// recommendations, an entity with scores or notes but no recommendation or
// reason. An entity left wholly blank is skipped (Sheet.Skipped), not a
// problem; an aspect left unscored is allowed (absent from the scores) and
// the caller reports it. The date of each evaluation is left to the caller.
func Parse(v forms.Values) (Sheet, []Problem) {
	var out Sheet
	var ps []Problem
	if err := v.Expect(Kind, Version, apperr.Fixed("the evaluation sheet")); err != nil {
		return out, []Problem{problem(forms.KindField, v.Kind, apperr.Say(err))}
	}
	out.Evaluator = strings.TrimSpace(v.Text["evaluator"])
	if out.Evaluator == "" {
		ps = append(ps, problem("evaluator", "", apperr.T("The sheet names no evaluator. Use the sheet atpreg made for the evaluator, filled and saved.")))
	}
	for n := 1; ; n++ {
		p := fmt.Sprintf("e%d.", n)
		raw, ok := v.Text[p+"entity_id"]
		if !ok {
			break
		}
		id, err := strconv.ParseInt(strings.TrimSpace(raw), 10, 64)
		if err != nil || id <= 0 {
			ps = append(ps, problem(p+"entity_id", raw, apperr.T("The entity's number on the sheet cannot be read. Use the sheet atpreg made, filled and saved.")))
			continue
		}
		out.EntityIDs = append(out.EntityIDs, id)
		ev := register.Evaluation{EntityID: id, Evaluator: out.Evaluator, Scores: map[register.Aspect]register.Score{}}
		filled := false
		for _, a := range register.Aspects() {
			var ticked []string
			for score := register.MinScore; score <= register.MaxScore; score++ {
				if v.Ticked(fmt.Sprintf("%s%s.%d", p, a, score)) {
					ticked = append(ticked, strconv.Itoa(score))
				}
			}
			note := strings.TrimSpace(v.Text[p+string(a)+".note"])
			switch len(ticked) {
			case 0:
				if note != "" {
					ev.Scores[a] = register.Score{Note: note} // unscored, with a note
				}
			case 1:
				score, _ := strconv.Atoi(ticked[0])
				ev.Scores[a] = register.Score{Value: score, Note: note}
			default:
				ps = append(ps, problem(p+string(a), strings.Join(ticked, ", "),
					apperr.T("Entity %d, %q: %d scores are ticked (%s); tick one.", id, a, len(ticked), scoresTicked(ticked))))
			}
			filled = filled || len(ticked) > 0 || note != ""
		}
		var recs []string
		for _, r := range register.Recommendations() {
			if v.Ticked(p + "recommendation." + string(r)) {
				recs = append(recs, string(r))
			}
		}
		ev.Reason = strings.TrimSpace(v.Text[p+"reason"])
		filled = filled || len(recs) > 0 || ev.Reason != ""
		if !filled {
			out.Skipped = append(out.Skipped, id)
			continue
		}
		switch len(recs) {
		case 0:
			ps = append(ps, problem(p+"recommendation", "", apperr.T("Entity %d is scored but no recommendation is ticked; tick one: %s.", id, recLabels())))
		case 1:
			ev.Recommendation = register.Recommendation(recs[0])
		default:
			ps = append(ps, problem(p+"recommendation", strings.Join(recs, ", "),
				apperr.T("Entity %d: %d recommendations are ticked; tick one.", id, len(recs))))
		}
		if ev.Reason == "" {
			ps = append(ps, problem(p+"reason", "", apperr.T("Entity %d: give the reason for the recommendation.", id)))
		}
		// Scores with Value 0 stand for "unscored with a note"; drop the
		// zero only after the domain checks (ValidateSheet allows it).
		out.Evaluations = append(out.Evaluations, ev)
	}
	if len(out.EntityIDs) == 0 && len(ps) == 0 {
		ps = append(ps, problem("e1.entity_id", "", apperr.T("The sheet holds no entity. Use the sheet atpreg made for the evaluator.")))
	}
	return out, ps
}

// recLabels lists the recommendations to tick: "Invite, Hold, Decline" in
// English, with "、" in Chinese.
func recLabels() apperr.Label {
	var out apperr.Commas
	for _, r := range register.Recommendations() {
		out = append(out, r)
	}
	return out
}
