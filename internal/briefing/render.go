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
	// (VariantsFor(DocumentID, CopyNo)), as every published copy is.
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
	// Lang is the pack's language: "" or "en" English, "zh-HK" Traditional
	// Chinese (every fixed text, the RFI's wording, dates and the page
	// furniture; what the entities wrote stays as written).
	Lang string
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

// productCode is the code that stands for product k (from 0) of entity id
// in an anonymised pack: "E-0042-P1".
func productCode(id int64, k int) string { return fmt.Sprintf("%s-P%d", EntityCode(id), k+1) }

// Notice is the confidentiality notice on every pack's cover.
const Notice = "CONFIDENTIAL. This pack holds information that entities submitted in confidence in response to " +
	"HKSTP's Request for Information on manufacturing capacity for Advanced Therapy Products, and HKSTP's own " +
	"assessment of it. The identity of every entity and the content of every dialogue are confidential. It is " +
	"provided solely to the named recipient for the stated purpose. Do not copy, forward or disclose it, in whole " +
	"or in part, and do not leave it unattended. This copy is numbered and traceable to its recipient. Return or " +
	"destroy it after use."

// Render lays out a pack. It fails with apperr.Invalid when the recipient,
// document id or copy number is missing, no entity is given or the language
// is neither en nor zh-HK. The same input and options give the same bytes.
func Render(in PackInput, opt PackOptions) (Pack, error) {
	w, err := wordsFor(opt.Lang)
	if err != nil {
		return Pack{}, err
	}
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
	rd := &packRenderer{in: in, opt: opt, w: w, scrub: newScrubber(in, opt.Anonymise, w), v: in.Variants}
	if rd.v == nil {
		rd.v = VariantsFor(in.DocumentID, in.CopyNo)
	}

	title := w.title
	sub := in.Purpose
	if sub == "" {
		sub = w.selected
	}
	if in.Meeting != nil {
		sub = rd.scrub.text(in.Meeting.Title) + " — " + rd.meetingTime(in.Meeting.StartsAt)
	}
	doc, err := pdfdoc.New(pdfdoc.Options{
		Title:      title + " — " + sub,
		Subject:    w.subject,
		Author:     in.PreparedBy,
		DocumentID: in.DocumentID,
		Recipient:  in.Recipient,
		CopyNo:     in.CopyNo,
		Watermark:  true,
		Clock:      date,
		Anonymous:  opt.Anonymise,
		Lang:       w.lang,
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
		{rd.phrase(slotPreparedFor), in.Recipient},
		{w.copyNo, strconv.Itoa(in.CopyNo)},
		{w.documentID, in.DocumentID},
		{w.date, register.FormatDate(date, w.lang)},
	}
	if in.Meeting != nil {
		cover = append(cover, [2]string{w.meeting, rd.meetingTime(in.Meeting.StartsAt)})
		if in.Meeting.Place != "" {
			cover = append(cover, [2]string{w.place, rd.scrub.text(in.Meeting.Place)})
		}
	}
	cover = append(cover, [2]string{w.entities, strconv.Itoa(len(in.Entities))})
	if in.PreparedBy != "" {
		cover = append(cover, [2]string{w.preparedBy, fmt.Sprintf(w.preparedByHKSTP, in.PreparedBy)})
	}
	if opt.Anonymise {
		cover = append(cover, [2]string{w.mode, w.anonymised})
	}
	doc.Cover(pdfdoc.CoverInfo{Heading: title, Subheading: sub, Lines: cover,
		Notice: strings.Replace(w.notice, Variants(nil).phraseIn(slotNotice, w.lang), rd.phrase(slotNotice), 1)})

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
	w      *words
	doc    *pdfdoc.Doc
	scrub  *scrubber
	scores []register.EntityScore
	v      Variants
}

// phrase returns the copy's phrasing of slot i in the pack's language.
func (p *packRenderer) phrase(i int) string { return p.v.phraseIn(i, p.w.lang) }

// meetingTime writes when a meeting is: its day, date and time.
func (p *packRenderer) meetingTime(t time.Time) string {
	if t.IsZero() {
		return p.w.dateToBeSet
	}
	return register.FormatDayTime(t, p.w.lang)
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
		return productCode(p.in.Entities[i].Entity.ID, k)
	}
	return p.in.Entities[i].Entity.Submissions[k].ProductName
}

func (p *packRenderer) meeting() {
	m := p.in.Meeting
	d, w := p.doc, p.w
	d.SetContext("Meeting")
	d.H1(w.theMeeting)
	rows := [][2]string{
		{w.meeting, p.scrub.text(m.Title)},
		{p.phrase(slotDateTime), p.meetingTime(m.StartsAt)},
	}
	if m.Place != "" {
		rows = append(rows, [2]string{w.place, p.scrub.text(m.Place)})
	}
	if len(p.in.Partners) > 0 {
		rows = append(rows, [2]string{w.partners, strings.Join(p.in.Partners, "\n")})
	}
	if len(m.Attendees) > 0 {
		rows = append(rows, [2]string{w.hkstp, p.scrub.text(strings.Join(m.Attendees, "\n"))})
	}
	names := make([]string, len(p.in.Entities))
	for i := range p.in.Entities {
		names[i] = fmt.Sprintf("%d. %s", i+1, p.name(i))
		for _, partner := range p.in.Recused[p.in.Entities[i].Entity.ID] {
			names[i] += "\n    " + fmt.Sprintf(w.recused, partner)
		}
	}
	rows = append(rows, [2]string{p.phrase(slotEntitiesDiscussed), strings.Join(names, "\n")})
	d.KV(rows)
	d.H2(w.agenda)
	if strings.TrimSpace(m.Agenda) == "" {
		d.Small(w.noAgenda)
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
	d, w := p.doc, p.w
	d.SetContext("Summary")
	d.PageBreak()
	d.H1(p.phrase(slotSummary))
	rows := make([][]string, len(p.in.Entities))
	for i, ei := range p.in.Entities {
		e := ei.Entity
		var products, types, uses []string
		for k, s := range e.Submissions {
			products = append(products, p.product(i, k))
			types = append(types, orDash(p.atpLabel(s)))
			uses = append(uses, orDash(p.useLabel(s)))
		}
		completeness := w.complete
		if n := len(e.Missing()); n > 0 {
			completeness = fmt.Sprintf(w.incompleteN, n)
		}
		row := []string{
			strconv.Itoa(i + 1),
			p.name(i),
			orDash(strings.Join(products, "\n")),
			orDash(strings.Join(types, "\n")),
			orDash(strings.Join(uses, "\n")),
			e.Status.LabelIn(w.lang),
			completeness,
		}
		if p.opt.IncludeEvaluation {
			score := w.notEvaluated
			if p.scores[i].Scored() {
				score = fmt.Sprintf(w.scoreOf, p.scores[i].Rounded(), register.MaxScore)
			}
			row = append(row, score)
		}
		rows[i] = row
	}
	headers := []string{w.colNo, w.colEntity, w.colProduct, w.colATP, w.colUse, w.colStatus, w.colCompleteness}
	if !p.opt.IncludeEvaluation {
		d.Table(headers, rows, []float64{0.4, 2.2, 2.0, 1.8, 2.25, 1.5, 1.85})
		return
	}
	d.Table(append(headers, w.colScore), rows, []float64{0.4, 1.9, 1.7, 1.6, 2.05, 1.3, 1.75, 1.35})
	d.Small(fmt.Sprintf(w.weightedNote, register.MinScore, register.MaxScore))
}

func (p *packRenderer) entity(i int) {
	d, w := p.doc, p.w
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
		rows = append(rows, [2]string{p.phrase(slotEntityCode), EntityCode(e.ID)})
	} else {
		rows = append(rows,
			[2]string{p.phrase(slotEntityName), e.Name},
			[2]string{p.phrase(slotAddress), orDash(e.Address)},
			[2]string{p.phrase(slotContact), orDash(e.ContactName)},
			[2]string{p.phrase(slotEmail), orDash(e.ContactEmail)},
			[2]string{p.phrase(slotPhone), orDash(e.ContactPhone)},
		)
	}
	rows = append(rows,
		[2]string{p.phrase(slotStatus), e.Status.LabelIn(w.lang)},
		[2]string{p.phrase(slotReceived), orDash(register.FormatISODate(e.ReceivedOn, w.lang))},
		[2]string{p.phrase(slotProducts), strconv.Itoa(len(e.Submissions))},
	)
	if p.opt.IncludeNotes && strings.TrimSpace(e.Notes) != "" {
		rows = append(rows, [2]string{w.officersNotes, sc.text(e.Notes)})
	}
	d.KV(rows)
	if rec := p.in.Recused[e.ID]; len(rec) > 0 {
		d.Para(fmt.Sprintf(w.recusedItem, strings.Join(rec, w.partnerSep)))
	}

	d.H2(p.phrase(slotCompleteness))
	missing := e.Missing()
	if len(missing) == 0 {
		d.Para(p.phrase(slotComplete))
	} else {
		d.Para(fmt.Sprintf(p.phrase(slotIncomplete), len(missing)))
		mrows := make([][]string, len(missing))
		for j, m := range missing {
			where := w.whereEntity
			if k := submissionIndex(m.Field); k >= 0 {
				where = p.product(i, k)
				if strings.TrimSpace(e.Submissions[k].ProductName) == "" && !p.opt.Anonymise {
					where = fmt.Sprintf(w.productN, k+1)
				}
			}
			mrows[j] = []string{where, m.LabelIn(w.lang)}
		}
		d.Table([]string{w.where, p.phrase(slotMissingItem)}, mrows, []float64{1, 2.6})
	}

	for k, s := range e.Submissions {
		d.SetContext(fmt.Sprintf("%s / product %d", label, k+1))
		d.H2(fmt.Sprintf(w.productNName, k+1, orDash(p.product(i, k))))
		d.KV(p.submissionRows(i, k, s))
	}

	if p.opt.IncludeEvaluation {
		d.SetContext(label + " / evaluation")
		p.evaluation(i)
	}
	if p.in.Meeting != nil {
		d.H2(p.phrase(slotDiscussion))
		d.NotesBox(55)
	}
}

func (p *packRenderer) submissionRows(i, k int, s register.Submission) [][2]string {
	sc, w := p.scrub, p.w
	lang := w.lang
	yn := func(y register.YesNo) string { return orDash(y.LabelIn(lang)) }
	routes := make([]string, 0, len(s.Routes))
	for _, r := range s.Routes {
		if r == register.RouteOther {
			routes = append(routes, p.withOther(r.LabelIn(lang), sc.text(s.RouteOther)))
		} else {
			routes = append(routes, r.LabelIn(lang))
		}
	}
	materials := make([]string, 0, len(s.StartingMaterials))
	for _, m := range s.StartingMaterials {
		if m == register.MaterialOther {
			materials = append(materials, p.withOther(m.LabelIn(lang), sc.text(s.StartingMaterialsOther)))
		} else {
			materials = append(materials, m.LabelIn(lang))
		}
	}
	roles := make([]string, 0, len(s.TrainingRoles))
	for _, r := range s.TrainingRoles {
		roles = append(roles, r.LabelIn(lang))
	}
	rows := [][2]string{
		{p.phrase(slotProductName), orDash(p.product(i, k))},
		{p.phrase(slotComposition), orDash(sc.text(s.Composition))},
		{p.phrase(slotPharmForm), orDash(sc.text(s.PharmaceuticalForm))},
		{p.phrase(slotIndication), orDash(sc.text(s.TherapeuticIndication))},
		{p.phrase(slotRoutes), orDash(strings.Join(routes, w.listSep))},
		{p.phrase(slotATPType), orDash(p.atpLabel(s))},
		{p.phrase(slotIntendedUse), orDash(p.useLabel(s))},
		{p.phrase(slotMaterials), orDash(strings.Join(materials, w.listSep))},
		{p.phrase(slotProcessType), orDash(s.ProcessType.LabelIn(lang))},
		{p.phrase(slotPDCompleted), yn(s.PDCompleted)},
	}
	if s.PDCompleted != register.Yes {
		rows = append(rows, [2]string{p.phrase(slotPDFurther), orDash(sc.text(s.PDFurther))})
	}
	rows = append(rows,
		[2]string{p.phrase(slotGMPBefore), yn(s.GMPBefore)},
		[2]string{p.phrase(slotAuthorized), yn(s.HasAuthorizedPerson)},
		[2]string{p.phrase(slotNeedsTraining), yn(s.NeedsTraining)},
	)
	if s.NeedsTraining != register.No {
		rows = append(rows,
			[2]string{p.phrase(slotTrainingRoles), orDash(strings.Join(roles, w.listSep))},
			[2]string{p.phrase(slotTrainingDetails), orDash(sc.text(s.TrainingDetails))},
		)
	}
	rows = append(rows, [2]string{p.phrase(slotExpectedStart), orDash(s.ExpectedStart.LabelIn(lang))})
	if p.opt.IncludeNotes && strings.TrimSpace(s.Notes) != "" {
		rows = append(rows, [2]string{w.officersNotes, sc.text(s.Notes)})
	}
	return rows
}

// evaluation shows the panel's result for entity i: weighted score,
// number of evaluations, recommendation tally and mean per aspect. It never
// names an evaluator nor quotes a note or reason.
func (p *packRenderer) evaluation(i int) {
	d, w := p.doc, p.w
	s := p.scores[i]
	d.H2(w.evaluationResult)
	if !s.Scored() {
		d.Para(w.notYet)
		return
	}
	recs := make([]string, 0, len(s.Recommendations))
	for _, r := range register.Recommendations() {
		if n := s.Recommendations[r]; n > 0 {
			recs = append(recs, fmt.Sprintf(w.recommendationN, r.LabelIn(w.lang), n))
		}
	}
	d.KV([][2]string{
		{w.weightedScore, fmt.Sprintf(w.scoreOutOf, s.Rounded(), register.MaxScore)},
		{w.evaluations, strconv.Itoa(len(s.Evaluators))},
		{w.recommendations, orDash(strings.Join(recs, w.listSep))},
	})
	bars := make([]pdfdoc.Bar, 0, len(register.Aspects()))
	for _, a := range register.Aspects() {
		m, ok := s.Means[a]
		if !ok {
			bars = append(bars, pdfdoc.Bar{Label: w.shortAspect[a], Value: 0, ValueText: w.notScored})
			continue
		}
		bars = append(bars, pdfdoc.Bar{Label: w.shortAspect[a], Value: m, ValueText: strconv.FormatFloat(m, 'f', 1, 64), Tone: tone(m)})
	}
	d.BarChart(fmt.Sprintf(w.meanChart, register.MinScore, register.MaxScore), bars, register.MaxScore)
	rows := make([][]string, 0, len(register.Aspects()))
	for _, a := range register.Aspects() {
		mean := "—"
		if m, ok := s.Means[a]; ok {
			mean = strconv.FormatFloat(m, 'f', 1, 64)
			if slices.Contains(s.Disagreements, a) {
				mean += fmt.Sprintf(w.differBy, s.Spread[a])
			}
		}
		rows = append(rows, []string{a.LabelIn(w.lang), mean})
	}
	d.Table([]string{w.colAspect, w.colMean}, rows, []float64{3.6, 1.4})
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

func (p *packRenderer) atpLabel(s register.Submission) string {
	if s.ATPType == "" {
		return ""
	}
	l := s.ATPType.LabelIn(p.w.lang)
	if s.ATPType == register.ATPGeneTherapy && s.GeneVector != "" {
		l = fmt.Sprintf(p.w.vector, l, s.GeneVector.LabelIn(p.w.lang))
	}
	return l
}

func (p *packRenderer) useLabel(s register.Submission) string {
	if s.IntendedUse == register.UseOther {
		return p.withOther(s.IntendedUse.LabelIn(p.w.lang), p.scrub.text(s.IntendedUseOther))
	}
	return s.IntendedUse.LabelIn(p.w.lang)
}

func (p *packRenderer) withOther(label, text string) string {
	if strings.TrimSpace(text) == "" {
		return label
	}
	return fmt.Sprintf(p.w.withOther, label, text)
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
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
