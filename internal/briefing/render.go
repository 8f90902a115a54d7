// Package briefing makes the confidential briefing packs: PDFs for dialogue
// meetings (or for chosen entities) marked for one recipient and copy on
// every page, traceable by their document id and recorded in the register's
// ledger.
//
// Render is pure: it lays out a pack from plain domain data (PackInput) and
// does no I/O. Service gathers the data from a Source (the register), applies
// each partner's conflicts, renders one pack per recipient, optionally
// encrypts them with AES-256, writes the files (0600) and records each in the
// ledger.
package briefing

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"atpreg/internal/apperr"
	"atpreg/internal/pdfdoc"
	"atpreg/internal/register"
)

// PackInput is everything one pack shows, gathered beforehand.
type PackInput struct {
	// Meeting is the dialogue meeting the pack is for; nil for a pack of
	// chosen entities.
	Meeting *register.Meeting
	// Partners are the names of the partners at the meeting, for its page.
	Partners []string
	// Purpose heads a pack without a meeting, e.g. "Screening of new entities".
	// Empty: "Briefing on selected entities".
	Purpose string
	// Recipient is the person or partner the copy is for (required).
	Recipient string
	// CopyNo is the copy number, 1 or more.
	CopyNo int
	// DocumentID identifies the pack, e.g. "BP-20260312-4F2A" (required).
	DocumentID string
	// Date is the pack's date, printed on the cover and used as the PDF's
	// creation date: a fixed Date gives byte-identical output.
	Date time.Time
	// PreparedBy is the officer's name, printed on the cover.
	PreparedBy string
	// Entities are the entities in the pack, in the order shown.
	Entities []EntityInput
	// Weights weigh the evaluation aspects (nil: equal weights).
	Weights register.Weights
	// Withheld are names of entities left out of this copy (conflicts). In an
	// anonymised pack they are scrubbed from free texts like the others; in
	// any pack they are scrubbed from the meeting's texts.
	Withheld []string
	// Recused names, per entity id, the partners at the meeting recused for
	// that entity's item by a conflict of interest (their own packs leave the
	// entity out): the meeting page and the entity's section say so.
	Recused map[int64][]string
	// Variants are the copy's wording choices; nil: drawn from the copy's id
	// (VariantsFor(CopyID(DocumentID, CopyNo))), as every published copy is.
	Variants Variants
}

// EntityInput is one entity of a pack with its evaluations.
type EntityInput struct {
	Entity      register.Entity
	Evaluations []register.Evaluation
}

// PackOptions choose what a pack shows.
type PackOptions struct {
	// Anonymise shows entities as codes (EntityCode) and products as
	// "<code>-P<n>": no entity name, contact, address or product name
	// anywhere in the file, metadata included; such strings are also
	// scrubbed from free texts.
	Anonymise bool
	// IncludeNotes adds the officer's notes on entities and products (left out
	// by default: they are internal).
	IncludeNotes bool
	// IncludeEvaluation adds the evaluation panel's result: the weighted
	// score, the mean per aspect and the tally of recommendations. It never
	// names an evaluator nor quotes a score's note or a recommendation's
	// reason (HKSTP's internal evaluation stays inside). Left out by default:
	// no score, mean or recommendation at all.
	IncludeEvaluation bool
}

// Pack is a rendered, unencrypted pack.
type Pack struct {
	PDF       []byte
	Pages     int
	EntityIDs []int64 // the entities in the pack, in order
	// Variants are the copy's wording choices, for the ledger.
	Variants Variants
	// Replaced lists the fields whose characters the font cannot draw (emoji,
	// rare CJK) and that were replaced visibly; the officer is told.
	Replaced []pdfdoc.Replacement
}

// EntityCode is the code that stands for an entity in an anonymised pack.
func EntityCode(id int64) string { return fmt.Sprintf("E-%04d", id) }

// Notice is the confidentiality notice on every pack's cover.
const Notice = "CONFIDENTIAL. This pack holds information that entities submitted in confidence in response to " +
	"HKSTP's Request for Information on manufacturing capacity for Advanced Therapy Products, and HKSTP's own " +
	"assessment of it. The identity of every entity and the content of every dialogue are confidential. It is " +
	"provided solely to the named recipient for the stated purpose. Do not copy, forward or disclose it, in whole " +
	"or in part, and do not leave it unattended. This copy is numbered and traceable to its recipient. Return or " +
	"destroy it after use."

// shortAspect names the aspects briefly for chart labels (the RFI wording is
// in the table beside the chart).
var shortAspect = map[register.Aspect]string{
	register.AspectReadiness:   "Clinical readiness",
	register.AspectTechnical:   "Technical capacity",
	register.AspectCredibility: "Credibility, track record",
	register.AspectPipeline:    "Pipeline sustainability",
	register.AspectInvestment:  "Investment",
	register.AspectJobs:        "Jobs and training",
	register.AspectIntangibles: "Other intangibles",
}

// Render lays out a pack. It fails with apperr.Invalid when the recipient,
// document id or copy number is missing, or no entity is given. The same
// input and options give the same bytes.
func Render(in PackInput, opt PackOptions) (Pack, error) {
	if strings.TrimSpace(in.Recipient) == "" {
		return Pack{}, apperr.New(apperr.Invalid, "Name the recipient of the pack.")
	}
	if strings.TrimSpace(in.DocumentID) == "" {
		return Pack{}, apperr.New(apperr.Invalid, "The pack needs a document id.")
	}
	if in.CopyNo < 1 {
		return Pack{}, apperr.New(apperr.Invalid, "The copy number must be 1 or more.")
	}
	if len(in.Entities) == 0 {
		return Pack{}, apperr.New(apperr.Invalid, "The pack has no entities; choose at least one.")
	}
	date := in.Date
	if date.IsZero() {
		date = time.Now()
	}
	weights := in.Weights
	if weights == nil {
		weights = register.DefaultWeights()
	}
	rd := &packRenderer{in: in, opt: opt, scrub: newScrubber(in, opt.Anonymise), v: in.Variants}
	if rd.v == nil {
		rd.v = VariantsFor(CopyID(in.DocumentID, in.CopyNo))
	}

	title := "Briefing pack"
	sub := in.Purpose
	if sub == "" {
		sub = "Briefing on selected entities"
	}
	if in.Meeting != nil {
		sub = rd.scrub.text(in.Meeting.Title) + " — " + meetingTime(in.Meeting.StartsAt)
	}
	doc, err := pdfdoc.New(pdfdoc.Options{
		Title:      title + " — " + sub,
		Subject:    "HKSTP RFI on ATP manufacturing capacity: confidential briefing",
		Author:     in.PreparedBy,
		DocumentID: in.DocumentID,
		Recipient:  in.Recipient,
		CopyNo:     in.CopyNo,
		Watermark:  true,
		Clock:      date,
		Anonymous:  opt.Anonymise,
	})
	if err != nil {
		return Pack{}, err
	}
	rd.doc = doc

	// Summaries first: the cover and summary table show the scores.
	rd.scores = make([]register.EntityScore, len(in.Entities))
	for i, e := range in.Entities {
		rd.scores[i] = register.Summarise(e.Evaluations, weights)
	}

	cover := [][2]string{
		{rd.v.phrase(slotPreparedFor), in.Recipient},
		{"Copy", strconv.Itoa(in.CopyNo)},
		{"Document id", in.DocumentID},
		{"Date", date.Format("2 January 2006")},
	}
	if in.Meeting != nil {
		cover = append(cover, [2]string{"Meeting", meetingTime(in.Meeting.StartsAt)})
		if in.Meeting.Place != "" {
			cover = append(cover, [2]string{"Place", rd.scrub.text(in.Meeting.Place)})
		}
	}
	cover = append(cover, [2]string{"Entities", strconv.Itoa(len(in.Entities))})
	if in.PreparedBy != "" {
		cover = append(cover, [2]string{"Prepared by", in.PreparedBy + ", HKSTP"})
	}
	if opt.Anonymise {
		cover = append(cover, [2]string{"Mode", "Anonymised: entities are shown as codes"})
	}
	doc.Cover(pdfdoc.CoverInfo{Heading: title, Subheading: sub, Lines: cover,
		Notice: strings.Replace(Notice, slots[slotNotice].a, rd.v.phrase(slotNotice), 1)})

	if in.Meeting != nil {
		rd.meeting()
	}
	rd.summary()
	ids := make([]int64, len(in.Entities))
	for i := range in.Entities {
		ids[i] = in.Entities[i].Entity.ID
		rd.entity(i)
	}
	doc.SetContext("")

	out, err := doc.Bytes()
	if err != nil {
		return Pack{}, err
	}
	return Pack{PDF: out, Pages: CountPages(out), EntityIDs: ids, Replaced: doc.Replaced(), Variants: rd.v}, nil
}

// CountPages returns the number of pages of a PDF written by Render.
func CountPages(pdf []byte) int { return bytes.Count(pdf, []byte("/Type /Page\n")) }

type packRenderer struct {
	in     PackInput
	opt    PackOptions
	doc    *pdfdoc.Doc
	scrub  *scrubber
	scores []register.EntityScore
	v      Variants
}

func meetingTime(t time.Time) string {
	if t.IsZero() {
		return "date to be set"
	}
	return t.Format("Monday 2 January 2006, 15:04")
}

// name is how entity i is shown: its name, or its code when anonymised.
func (p *packRenderer) name(i int) string {
	e := p.in.Entities[i].Entity
	if p.opt.Anonymise {
		return EntityCode(e.ID)
	}
	return e.Name
}

// product is how product k of entity i is shown.
func (p *packRenderer) product(i, k int) string {
	if p.opt.Anonymise {
		return fmt.Sprintf("%s-P%d", EntityCode(p.in.Entities[i].Entity.ID), k+1)
	}
	return p.in.Entities[i].Entity.Submissions[k].ProductName
}

func (p *packRenderer) meeting() {
	m := p.in.Meeting
	d := p.doc
	d.SetContext("Meeting")
	d.H1("The meeting")
	rows := [][2]string{
		{"Meeting", p.scrub.text(m.Title)},
		{p.v.phrase(slotDateTime), meetingTime(m.StartsAt)},
	}
	if m.Place != "" {
		rows = append(rows, [2]string{"Place", p.scrub.text(m.Place)})
	}
	if len(p.in.Partners) > 0 {
		rows = append(rows, [2]string{"University partners", strings.Join(p.in.Partners, "\n")})
	}
	if len(m.Attendees) > 0 {
		rows = append(rows, [2]string{"HKSTP attendees", p.scrub.text(strings.Join(m.Attendees, "\n"))})
	}
	names := make([]string, len(p.in.Entities))
	for i := range p.in.Entities {
		names[i] = fmt.Sprintf("%d. %s", i+1, p.name(i))
		for _, partner := range p.in.Recused[p.in.Entities[i].Entity.ID] {
			names[i] += "\n    " + partner + ": recused for this item"
		}
	}
	rows = append(rows, [2]string{p.v.phrase(slotEntitiesDiscussed), strings.Join(names, "\n")})
	d.KV(rows)
	d.H2("Agenda")
	if strings.TrimSpace(m.Agenda) == "" {
		d.Small("No agenda has been set.")
	} else {
		for _, line := range strings.Split(p.scrub.text(m.Agenda), "\n") {
			if strings.TrimSpace(line) != "" {
				d.Para(line)
			}
		}
	}
	d.NotesBox(60)
}

func (p *packRenderer) summary() {
	d := p.doc
	d.SetContext("Summary")
	d.PageBreak()
	d.H1(p.v.phrase(slotSummary))
	rows := make([][]string, len(p.in.Entities))
	for i, ei := range p.in.Entities {
		e := ei.Entity
		var products, types, uses []string
		for k, s := range e.Submissions {
			products = append(products, p.product(i, k))
			types = append(types, orDash(atpLabel(s)))
			uses = append(uses, orDash(useLabel(s, p.scrub)))
		}
		completeness := "Complete"
		if n := len(e.Missing()); n > 0 {
			completeness = fmt.Sprintf("Incomplete (%d missing)", n)
		}
		row := []string{
			strconv.Itoa(i + 1),
			p.name(i),
			orDash(strings.Join(products, "\n")),
			orDash(strings.Join(types, "\n")),
			orDash(strings.Join(uses, "\n")),
			e.Status.Label(),
			completeness,
		}
		if p.opt.IncludeEvaluation {
			score := "Not evaluated"
			if p.scores[i].Scored() {
				score = fmt.Sprintf("%.2f / %d", p.scores[i].Rounded(), register.MaxScore)
			}
			row = append(row, score)
		}
		rows[i] = row
	}
	if !p.opt.IncludeEvaluation {
		d.Table([]string{"#", "Entity", "Product", "ATP type", "Intended use", "Status", "Completeness"},
			rows, []float64{0.4, 2.2, 2.0, 1.8, 2.25, 1.5, 1.85})
		return
	}
	d.Table([]string{"#", "Entity", "Product", "ATP type", "Intended use", "Status", "Completeness", "Weighted score"},
		rows, []float64{0.4, 1.9, 1.7, 1.6, 2.05, 1.3, 1.75, 1.35})
	d.Small(fmt.Sprintf("Weighted score: the evaluation panel's mean score per aspect (%d to %d), weighted by the register's aspect weights.", register.MinScore, register.MaxScore))
}

func (p *packRenderer) entity(i int) {
	d := p.doc
	ei := p.in.Entities[i]
	e := ei.Entity
	sc := p.scrub
	label := e.Name
	if label == "" {
		label = EntityCode(e.ID)
	}
	d.SetContext(label)
	d.PageBreak()
	d.H1(fmt.Sprintf("%d. %s", i+1, p.name(i)))

	rows := [][2]string{}
	if p.opt.Anonymise {
		rows = append(rows, [2]string{"Entity code", EntityCode(e.ID)})
	} else {
		rows = append(rows,
			[2]string{register.FieldLabel("name"), e.Name},
			[2]string{p.v.phrase(slotAddress), orDash(e.Address)},
			[2]string{p.v.phrase(slotContact), orDash(e.ContactName)},
			[2]string{register.FieldLabel("contact_email"), orDash(e.ContactEmail)},
			[2]string{p.v.phrase(slotPhone), orDash(e.ContactPhone)},
		)
	}
	rows = append(rows,
		[2]string{p.v.phrase(slotStatus), e.Status.Label()},
		[2]string{p.v.phrase(slotReceived), orDash(dateLabel(e.ReceivedOn))},
		[2]string{p.v.phrase(slotProducts), strconv.Itoa(len(e.Submissions))},
	)
	if p.opt.IncludeNotes && strings.TrimSpace(e.Notes) != "" {
		rows = append(rows, [2]string{"Officer's notes", sc.text(e.Notes)})
	}
	d.KV(rows)
	if rec := p.in.Recused[e.ID]; len(rec) > 0 {
		d.Para("Recused for this item (conflict of interest): " + strings.Join(rec, "; ") + ".")
	}

	d.H2(p.v.phrase(slotCompleteness))
	missing := e.Missing()
	if len(missing) == 0 {
		d.Para(p.v.phrase(slotComplete))
	} else {
		d.Para(fmt.Sprintf(p.v.phrase(slotIncomplete), len(missing)))
		mrows := make([][]string, len(missing))
		for j, m := range missing {
			where := "Entity"
			if k := submissionIndex(m.Field); k >= 0 {
				where = p.product(i, k)
				if strings.TrimSpace(e.Submissions[k].ProductName) == "" && !p.opt.Anonymise {
					where = fmt.Sprintf("Product %d", k+1)
				}
			}
			mrows[j] = []string{where, m.Label}
		}
		d.Table([]string{"Where", p.v.phrase(slotMissingItem)}, mrows, []float64{1, 2.6})
	}

	for k, s := range e.Submissions {
		d.SetContext(fmt.Sprintf("%s / product %d", label, k+1))
		d.H2(fmt.Sprintf("Product %d: %s", k+1, orDash(p.product(i, k))))
		d.KV(p.submissionRows(i, k, s))
	}

	if p.opt.IncludeEvaluation {
		d.SetContext(label + " / evaluation")
		p.evaluation(i)
	}
	if p.in.Meeting != nil {
		d.H2(p.v.phrase(slotDiscussion))
		d.NotesBox(55)
	}
}

func (p *packRenderer) submissionRows(i, k int, s register.Submission) [][2]string {
	sc := p.scrub
	l := register.FieldLabel
	yn := func(y register.YesNo) string { return orDash(y.Label()) }
	routes := make([]string, 0, len(s.Routes))
	for _, r := range s.Routes {
		if r == register.RouteOther {
			routes = append(routes, withOther(r.Label(), sc.text(s.RouteOther)))
		} else {
			routes = append(routes, r.Label())
		}
	}
	materials := make([]string, 0, len(s.StartingMaterials))
	for _, m := range s.StartingMaterials {
		if m == register.MaterialOther {
			materials = append(materials, withOther(m.Label(), sc.text(s.StartingMaterialsOther)))
		} else {
			materials = append(materials, m.Label())
		}
	}
	roles := make([]string, 0, len(s.TrainingRoles))
	for _, r := range s.TrainingRoles {
		roles = append(roles, r.Label())
	}
	rows := [][2]string{
		{p.v.phrase(slotProductName), orDash(p.product(i, k))},
		{l("composition"), orDash(sc.text(s.Composition))},
		{l("pharmaceutical_form"), orDash(sc.text(s.PharmaceuticalForm))},
		{l("therapeutic_indication"), orDash(sc.text(s.TherapeuticIndication))},
		{l("routes"), orDash(strings.Join(routes, "; "))},
		{p.v.phrase(slotATPType), orDash(atpLabel(s))},
		{l("intended_use"), orDash(useLabel(s, sc))},
		{p.v.phrase(slotMaterials), orDash(strings.Join(materials, "; "))},
		{p.v.phrase(slotProcessType), orDash(s.ProcessType.Label())},
		{p.v.phrase(slotPDCompleted), yn(s.PDCompleted)},
	}
	if s.PDCompleted != register.Yes {
		rows = append(rows, [2]string{p.v.phrase(slotPDFurther), orDash(sc.text(s.PDFurther))})
	}
	rows = append(rows,
		[2]string{p.v.phrase(slotGMPBefore), yn(s.GMPBefore)},
		[2]string{p.v.phrase(slotAuthorized), yn(s.HasAuthorizedPerson)},
		[2]string{p.v.phrase(slotNeedsTraining), yn(s.NeedsTraining)},
	)
	if s.NeedsTraining != register.No {
		rows = append(rows,
			[2]string{p.v.phrase(slotTrainingRoles), orDash(strings.Join(roles, "; "))},
			[2]string{p.v.phrase(slotTrainingDetails), orDash(sc.text(s.TrainingDetails))},
		)
	}
	rows = append(rows, [2]string{p.v.phrase(slotExpectedStart), orDash(s.ExpectedStart.Label())})
	if p.opt.IncludeNotes && strings.TrimSpace(s.Notes) != "" {
		rows = append(rows, [2]string{"Officer's notes", sc.text(s.Notes)})
	}
	return rows
}

// evaluation shows the panel's result for entity i: weighted score,
// number of evaluations, recommendation tally and mean per aspect. It never
// names an evaluator nor quotes a note or reason.
func (p *packRenderer) evaluation(i int) {
	d := p.doc
	s := p.scores[i]
	d.H2("Evaluation panel's result")
	if !s.Scored() {
		d.Para("Not yet evaluated.")
		return
	}
	recs := make([]string, 0, len(s.Recommendations))
	for _, r := range register.Recommendations() {
		if n := s.Recommendations[r]; n > 0 {
			recs = append(recs, fmt.Sprintf("%s (%d)", r.Label(), n))
		}
	}
	d.KV([][2]string{
		{"Weighted score", fmt.Sprintf("%.2f out of %d", s.Rounded(), register.MaxScore)},
		{"Evaluations", strconv.Itoa(len(s.Evaluators))},
		{"Recommendations", orDash(strings.Join(recs, "; "))},
	})
	bars := make([]pdfdoc.Bar, 0, len(register.Aspects()))
	for _, a := range register.Aspects() {
		m, ok := s.Means[a]
		if !ok {
			bars = append(bars, pdfdoc.Bar{Label: shortAspect[a], Value: 0, ValueText: "not scored"})
			continue
		}
		bars = append(bars, pdfdoc.Bar{Label: shortAspect[a], Value: m, ValueText: strconv.FormatFloat(m, 'f', 1, 64), Tone: tone(m)})
	}
	d.BarChart(fmt.Sprintf("Mean score per aspect (%d to %d)", register.MinScore, register.MaxScore), bars, register.MaxScore)
	rows := make([][]string, 0, len(register.Aspects()))
	for _, a := range register.Aspects() {
		mean := "—"
		if m, ok := s.Means[a]; ok {
			mean = strconv.FormatFloat(m, 'f', 1, 64)
			if slices.Contains(s.Disagreements, a) {
				mean += " (scores differ by " + strconv.Itoa(s.Spread[a]) + ")"
			}
		}
		rows = append(rows, []string{a.Label(), mean})
	}
	d.Table([]string{"Aspect", "Mean score"}, rows, []float64{3.6, 1.4})
}

func tone(mean float64) pdfdoc.Tone {
	switch {
	case mean >= 4:
		return pdfdoc.ToneGood
	case mean >= 3:
		return pdfdoc.ToneNeutral
	case mean >= 2:
		return pdfdoc.ToneCaution
	}
	return pdfdoc.ToneRisk
}

func atpLabel(s register.Submission) string {
	if s.ATPType == "" {
		return ""
	}
	l := s.ATPType.Label()
	if s.ATPType == register.ATPGeneTherapy && s.GeneVector != "" {
		l += " (" + s.GeneVector.Label() + ")"
	}
	return l
}

func useLabel(s register.Submission, sc *scrubber) string {
	if s.IntendedUse == register.UseOther {
		return withOther(s.IntendedUse.Label(), sc.text(s.IntendedUseOther))
	}
	return s.IntendedUse.Label()
}

func withOther(label, text string) string {
	if strings.TrimSpace(text) == "" {
		return label
	}
	return label + ": " + text
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

func dateLabel(s string) string {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return t.Format("2 January 2006")
}

// submissionIndex returns i of a "submissions[i].field" name, or -1.
func submissionIndex(field string) int {
	rest, ok := strings.CutPrefix(field, "submissions[")
	if !ok {
		return -1
	}
	n, _, ok := strings.Cut(rest, "]")
	if !ok {
		return -1
	}
	i, err := strconv.Atoi(n)
	if err != nil {
		return -1
	}
	return i
}
