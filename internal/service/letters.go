package service

// Letters to entities' contacts (issue 13): compose them from the register
// (the missing items come from the domain, register.Entity.Missing), render
// them (package letter: the PDF on the letterhead and the .eml draft with
// the PDF and, for a missing letter, the pre-filled RFI form attached), and
// publish them: every file leaves the laptop through the publishing path,
// recorded in the ledger and in each entity's history. A batch (several
// entities, optionally moved in the pipeline with one reason) is all or
// nothing. A missing or more-info letter opens a "more information
// requested" record that what comes back closes (closeInfoRequestsTx, for
// the intake).

import (
	"context"
	"fmt"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"atpreg/internal/apperr"
	"atpreg/internal/letter"
	"atpreg/internal/register"
	"atpreg/internal/rfiform"
	"atpreg/internal/store"
)

// LetterPlaceholder is a placeholder a letter template may use, documented.
type LetterPlaceholder = letter.Placeholder

// LetterPlaceholders returns the fixed set of placeholders of the templates.
func LetterPlaceholders() []LetterPlaceholder { return letter.Placeholders() }

// LetterRequest is what the officer asks for: letters of one kind to the
// contacts of one or more entities, and optionally a pipeline move of every
// one of them with one reason, all in one step.
type LetterRequest struct {
	EntityIDs []int64
	Kind      register.LetterKind
	Lang      string // "en" (default) or "zh-HK"
	MeetingID int64  // invite: the meeting (0: none fixed yet)
	Questions string // more-info: the officer's questions
	// MoveTo moves every entity to this status in the same step ("": no
	// move); Reason says why (required for declined, withdrawn, on hold).
	MoveTo register.Status
	Reason string
	// Replace lets a letter replace an existing file of its name (the
	// CLI's --force); otherwise an existing file is an apperr.Conflict
	// caused by a FileExistsError, and nothing is written.
	Replace bool
}

// LetterPreview is one entity's letter as it will be written.
type LetterPreview struct {
	EntityID   int64
	EntityName string
	ToName     string
	To         string // the contact's email; "" when the register has none
	Subject    string
	Body       string
	Missing    []register.MissingItem
	// Draft is whether an email draft can be made (the contact has an email).
	Draft bool
	// Notice is a word for the officer about this letter ("" when none),
	// e.g. that only a PDF letter can be made.
	Notice apperr.Text
	// Attachments names the files a draft carries.
	Attachments []string
}

// LetterFile is one file written.
type LetterFile struct {
	EntityID   int64
	EntityName string
	Path       string
	DocID      string
	Part       string // "draft", "letter" (the PDF on its own) or "form"
	SHA256     string
}

// LettersResult is what WriteLetters did.
type LettersResult struct {
	Files    []LetterFile
	Notices  []apperr.Text
	Moved    int // entities moved in the pipeline
	Requests int // information requests opened
}

// composed is one entity's letter, rendered.
type composed struct {
	ent     register.Entity
	l       letter.Letter
	c       letter.Composed
	pdf     []byte
	form    []byte // missing letters: the pre-filled RFI form
	draft   bool
	notice  apperr.Text
	docID   string
	attName string
	frmName string
}

// LetterSettings returns the letterhead and the officer's templates.
func (r *Register) LetterSettings(ctx context.Context) (register.LetterSettings, error) {
	return r.db.GetLetterSettings(ctx)
}

// SaveLetterSettings checks and stores the letterhead and templates: every
// template's placeholders must be known (the error names an unknown one and
// the template it is in, field "templates[i].subject" or ".body").
func (r *Register) SaveLetterSettings(ctx context.Context, s register.LetterSettings) error {
	s.Normalize()
	for i, t := range s.Templates {
		if err := letter.Check(t); err != nil {
			ae, ok := err.(*apperr.Error)
			if !ok {
				return err
			}
			field := "body"
			if len(ae.Fields) > 0 {
				field = ae.Fields[0].Field
			}
			return apperr.New(apperr.Invalid, "The %s letter (%s) was not saved. %s", apperr.Lower(t.Kind), t.Lang, ae).
				With(apperr.Field(fmt.Sprintf("templates[%d].%s", i, field), "%s", ae.Fields[0]))
		}
	}
	return r.db.SaveLetterSettings(ctx, s, r.Officer(ctx))
}

// DefaultLetterTemplate returns the default wording of kind in lang.
func DefaultLetterTemplate(kind register.LetterKind, lang string) (register.LetterTemplate, error) {
	k, err := register.ParseLetterKind(string(kind))
	if err != nil {
		return register.LetterTemplate{}, err
	}
	l, err := register.ParseLang(lang)
	if err != nil {
		return register.LetterTemplate{}, err
	}
	return letter.Default(k, l), nil
}

// sampleEntity is the fictional entity the Settings preview fills a
// template with when no entity is chosen.
func sampleEntity() register.Entity {
	return register.Entity{ID: 0, Name: "Sample Cell Therapeutics Ltd", Address: "Unit 1, 2 Example Road\nSha Tin, New Territories",
		ContactName: "Dr Sam Example", ContactEmail: "sam@sample-cell.example", ReceivedOn: "2026-01-15",
		Submissions: []register.Submission{{ProductName: "SCT-01", Composition: "Autologous T cells", PharmaceuticalForm: "Suspension for infusion",
			TherapeuticIndication: "Relapsed B-cell lymphoma", Routes: []register.Route{register.RouteIntravenous}, ATPType: register.ATPCellTherapy,
			IntendedUse: register.UsePhase1, StartingMaterials: []register.StartingMaterial{"peripheral_blood"},
			PDCompleted: register.Yes, GMPBefore: register.No, HasAuthorizedPerson: register.No, NeedsTraining: register.Yes}}}
}

// PreviewTemplate fills template t (the Settings card's text as typed) for
// entity id (0: a fictional sample entity) with the letterhead in s (as
// typed; zero: the stored one). An unknown placeholder is an
// apperr.Invalid naming it.
func (r *Register) PreviewTemplate(ctx context.Context, t register.LetterTemplate, s *register.LetterSettings, entityID int64) (LetterPreview, error) {
	if err := letter.Check(t); err != nil {
		return LetterPreview{}, err
	}
	ls, err := r.db.GetLetterSettings(ctx)
	if err != nil {
		return LetterPreview{}, err
	}
	if s != nil {
		ls = *s
		ls.Normalize()
	}
	e := sampleEntity()
	if entityID != 0 {
		if e, err = r.db.GetEntity(ctx, entityID); err != nil {
			return LetterPreview{}, err
		}
	}
	lang, err := register.ParseLang(t.Lang)
	if err != nil {
		return LetterPreview{}, err
	}
	kind, err := register.ParseLetterKind(string(t.Kind))
	if err != nil {
		return LetterPreview{}, err
	}
	l := letter.Letter{Kind: kind, Lang: lang, Date: r.Now().In(time.Local), Reference: previewRef(r.Now()), Letterhead: ls,
		OfficerName: r.Officer(ctx), Entity: e, Template: t, Questions: "1. (your questions)",
		Meeting: &letter.Meeting{Title: "Dialogue", Start: r.Now().In(time.Local).AddDate(0, 0, 14).Truncate(time.Hour), Minutes: 90, Place: "(the meeting's place)"}}
	if kind == register.LetterMissing && e.Complete() {
		e.ContactPhone = ""
		l.Entity = e
	}
	c, err := letter.Compose(l)
	if err != nil {
		return LetterPreview{}, err
	}
	return LetterPreview{EntityID: e.ID, EntityName: e.Name, ToName: e.ContactName, To: e.ContactEmail, Subject: c.Subject,
		Body: c.Body, Missing: orEmpty(c.Missing), Draft: e.ContactEmail != ""}, nil
}

func orEmpty(m []register.MissingItem) []register.MissingItem {
	if m == nil {
		return []register.MissingItem{}
	}
	return m
}

// previewRef is the reference a preview shows: the real one is given when
// the letter is saved.
func previewRef(t time.Time) string {
	return DocPrefixLetter + "-" + t.UTC().Format("20060102") + "-…"
}

// checkRequest normalises req and checks what does not depend on entities.
func checkRequest(req *LetterRequest) error {
	k, err := register.ParseLetterKind(string(req.Kind))
	if err != nil {
		return apperr.New(apperr.Invalid, "%s", apperr.Say(err)).With(apperr.Field("kind", "%s", apperr.Say(err)))
	}
	req.Kind = k
	if req.Lang, err = register.ParseLang(req.Lang); err != nil {
		return apperr.New(apperr.Invalid, "%s", apperr.Say(err)).With(apperr.Field("lang", "%s", apperr.Say(err)))
	}
	if len(req.EntityIDs) == 0 {
		return &apperr.Error{Code: apperr.Invalid, Message: "Choose the entities to write to.", Fields: []apperr.FieldError{{Field: "entityIds", Message: "Choose at least one entity."}}}
	}
	seen := map[int64]bool{}
	ids := req.EntityIDs[:0:0]
	for _, id := range req.EntityIDs {
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	req.EntityIDs = ids
	if req.MeetingID != 0 && req.Kind != register.LetterInvite {
		return &apperr.Error{Code: apperr.Invalid, Message: "Only an invitation names a meeting; leave the meeting out, or write an invite letter.",
			Fields: []apperr.FieldError{{Field: "meetingId", Message: "Only for invite letters."}}}
	}
	req.Reason = strings.TrimSpace(req.Reason)
	if req.MoveTo != "" {
		to, err := register.ParseStatus(string(req.MoveTo))
		if err != nil {
			return apperr.New(apperr.Invalid, "%s", apperr.Say(err)).With(apperr.Field("moveTo", "%s", apperr.Say(err)))
		}
		req.MoveTo = to
		if to.NeedsReason() && req.Reason == "" {
			return apperr.New(apperr.Invalid, "Say why the entities are %s: a reason is required for this move. Nothing was written.", apperr.Lower(to)).
				With(apperr.Field("reason", "A reason is required for this move."))
		}
	}
	return nil
}

// compose composes and renders every letter of req, or refuses them all
// with every entity's problem named. ids are given to each letter.
func (r *Register) compose(ctx context.Context, req LetterRequest, render bool) ([]composed, error) {
	if err := checkRequest(&req); err != nil {
		return nil, err
	}
	ents, err := r.db.Entities(ctx, req.EntityIDs...)
	if err != nil {
		return nil, err
	}
	ls, err := r.db.GetLetterSettings(ctx)
	if err != nil {
		return nil, err
	}
	var mt *letter.Meeting
	if req.MeetingID != 0 {
		m, err := r.db.GetMeeting(ctx, req.MeetingID)
		if err != nil {
			return nil, err
		}
		mt = &letter.Meeting{Title: m.Title, Start: m.StartsAt.In(time.Local), Minutes: m.DurationMinutes, Place: m.Place}
	}
	now := r.Now()
	officer := r.Officer(ctx)
	var problems apperr.List
	out := make([]composed, 0, len(ents))
	for _, e := range ents {
		if req.MoveTo != "" {
			if e.Status == req.MoveTo {
				problems = append(problems, apperr.T("%s is already %q", e.Name, req.MoveTo))
				continue
			}
			if !register.CanMove(e.Status, req.MoveTo) {
				problems = append(problems, apperr.T("%s cannot move from %q to %q", e.Name, e.Status, req.MoveTo))
				continue
			}
		}
		x := composed{ent: e, docID: NewDocumentID(DocPrefixLetter, now)}
		if !render {
			x.docID = previewRef(now)
		}
		x.l = letter.Letter{Kind: req.Kind, Lang: req.Lang, Date: now.In(time.Local), Reference: x.docID, Letterhead: ls,
			OfficerName: officer, Entity: e, Questions: req.Questions, Meeting: mt, Reason: req.Reason}
		x.c, err = letter.Compose(x.l)
		if err != nil {
			if apperr.Is(err, apperr.Invalid) && len(ents) > 1 {
				problems = append(problems, apperr.Say(err))
				continue
			}
			return nil, err
		}
		x.draft = strings.TrimSpace(e.ContactEmail) != ""
		if x.draft {
			if a, err := mail.ParseAddress(e.ContactEmail); err != nil || a.Address != e.ContactEmail {
				x.draft = false
				x.notice = apperr.T("%s: the contact email %q is not an address a mail program can use, so only the PDF letter is made. Correct the email on the entity's page to make a draft.", e.Name, e.ContactEmail)
			}
		} else {
			x.notice = apperr.T("%s has no contact email in the register, so no email draft can be made: the letter is saved as a PDF to print or send yourself. Add the contact's email on the entity's page to make a draft.", e.Name)
		}
		zh := req.Lang == register.LangChinese
		x.attName = "HKSTP letter " + x.docID + ".pdf"
		x.frmName = "RFI pre-requisite information form.pdf"
		if zh {
			x.attName = "香港科技園公司信函 " + x.docID + ".pdf"
			x.frmName = "先決資料表格.pdf"
		}
		if render {
			if x.pdf, err = letter.PDF(x.l, x.c); err != nil {
				return nil, err
			}
			if req.Kind == register.LetterMissing {
				if x.form, err = rfiform.PDF(&e, req.Lang, now); err != nil {
					return nil, err
				}
			}
		}
		out = append(out, x)
	}
	if len(problems) > 0 {
		return nil, apperr.New(apperr.Invalid, "No letter was written: %s. Leave these entities out of the selection, or fix them, and try again.", problems)
	}
	return out, nil
}

// PreviewLetters composes the letters of req without writing anything:
// what each entity's contact will read, and a notice where only a PDF can
// be made. A batch with any entity that cannot have its letter is refused
// with every reason.
func (r *Register) PreviewLetters(ctx context.Context, req LetterRequest) ([]LetterPreview, error) {
	xs, err := r.compose(ctx, req, false)
	if err != nil {
		return nil, err
	}
	out := make([]LetterPreview, len(xs))
	for i, x := range xs {
		p := LetterPreview{EntityID: x.ent.ID, EntityName: x.ent.Name, ToName: x.ent.ContactName, To: x.ent.ContactEmail,
			Subject: x.c.Subject, Body: x.c.Body, Missing: orEmpty(x.c.Missing), Draft: x.draft, Notice: x.notice, Attachments: []string{}}
		if x.draft {
			p.Attachments = append(p.Attachments, x.attName)
			if x.l.Kind == register.LetterMissing {
				p.Attachments = append(p.Attachments, x.frmName)
			}
		}
		out[i] = p
	}
	return out, nil
}

// WriteLetters composes, renders and publishes the letters of req to out,
// and makes the pipeline move and opens the information requests, all in
// one step: every file is recorded in the ledger and the entities' history
// in the same transaction as the moves, or nothing is.
//
// out is FILE.eml (one entity: the email draft with the PDF letter, and
// the pre-filled form for a missing letter, attached), FILE.pdf (one
// entity: the letter; a missing letter's form beside it as "FILE form.pdf")
// or a folder (made when absent): one draft per entity, or a PDF where the
// contact has no email. An entity without a contact email gets a PDF
// letter, never a draft, and a notice says so.
func (r *Register) WriteLetters(ctx context.Context, req LetterRequest, out string) (LettersResult, error) {
	if strings.TrimSpace(out) == "" {
		return LettersResult{}, apperr.New(apperr.Invalid, "Name the file or folder to write the letters to (FILE.eml, FILE.pdf or a folder).")
	}
	if err := checkRequest(&req); err != nil {
		return LettersResult{}, err
	}
	ext := strings.ToLower(filepath.Ext(out))
	single := ext == ".eml" || ext == ".pdf"
	if single && len(req.EntityIDs) > 1 {
		return LettersResult{}, apperr.New(apperr.Invalid, "%d entities get %d letters: name a folder to write them to, not the file %s.", len(req.EntityIDs), len(req.EntityIDs), filepath.Base(out))
	}
	xs, err := r.compose(ctx, req, true)
	if err != nil {
		return LettersResult{}, err
	}
	officer := r.Officer(ctx)
	ls, err := r.db.GetLetterSettings(ctx)
	if err != nil {
		return LettersResult{}, err
	}
	if !single {
		if err := os.MkdirAll(out, 0o700); err != nil {
			return LettersResult{}, apperr.Wrap(err, apperr.Invalid, "The folder %s cannot be made (%s). Choose a folder you can write to.", out, apperr.Reason(err))
		}
	}
	var res LettersResult
	var pubs []Publication
	for _, x := range xs {
		stem := filepath.Join(out, fileStem(x.ent.Name, req.Kind, x.docID))
		if single {
			stem = strings.TrimSuffix(out, filepath.Ext(out))
		}
		recipient := strings.TrimSpace(x.ent.ContactName + " <" + x.ent.ContactEmail + ">")
		if !x.draft {
			recipient = strings.TrimSpace(x.ent.ContactName + " (" + x.ent.Name + ")")
		}
		opts := map[string]any{"letter": string(req.Kind), "lang": req.Lang, "subject": x.c.Subject}
		if req.MeetingID != 0 {
			opts["meeting"] = req.MeetingID
		}
		add := func(path, part string, data []byte) {
			o := map[string]any{"part": part}
			for k, v := range opts {
				o[k] = v
			}
			pubs = append(pubs, Publication{Kind: register.LedgerLetter, DocID: x.docID, Path: path, Data: data, Recipient: recipient,
				EntityIDs: []int64{x.ent.ID}, Options: o, What: apperr.T("The letter to %s", x.ent.Name), Replace: req.Replace})
			res.Files = append(res.Files, LetterFile{EntityID: x.ent.ID, EntityName: x.ent.Name, Path: path, DocID: x.docID, Part: part})
		}
		if x.draft && (ext == ".eml" || !single) {
			atts := []letter.Attachment{{Name: x.attName, Type: "application/pdf", Data: x.pdf}}
			if x.form != nil {
				atts = append(atts, letter.Attachment{Name: x.frmName, Type: "application/pdf", Data: x.form})
			}
			eml, err := letter.EML(letter.Draft{FromName: officer, From: ls.OfficerEmail, ToName: x.ent.ContactName, To: x.ent.ContactEmail,
				Subject: x.c.Subject, Body: x.c.Body, Date: r.Now(), MessageID: x.docID + "@atpreg.invalid", Attachments: atts})
			if err != nil {
				return LettersResult{}, err
			}
			add(stem+".eml", "draft", eml)
		} else {
			add(stem+".pdf", "letter", x.pdf)
			if x.form != nil {
				add(stem+" form.pdf", "form", x.form)
			}
			if !x.notice.Empty() {
				res.Notices = append(res.Notices, x.notice)
			}
		}
	}
	now := r.Now()
	recorded, err := r.publish(ctx, pubs, func(tx *store.Tx) error {
		for _, x := range xs {
			if req.MoveTo != "" {
				if err := store.MoveEntityTx(tx, x.ent.ID, req.MoveTo, req.Reason, officer, now); err != nil {
					return apperr.Wrap(err, apperr.Invalid, "%s: %s Nothing was written.", x.ent.Name, apperr.Say(err))
				}
				res.Moved++
			}
			if req.Kind.AsksForInformation() {
				if _, err := store.OpenInfoRequestTx(tx, register.InfoRequest{EntityID: x.ent.ID, Kind: req.Kind, Asked: asked(x),
					DocID: x.docID, AskedAt: now, AskedBy: officer}); err != nil {
					return err
				}
				res.Requests++
			}
		}
		return nil
	})
	if err != nil {
		return LettersResult{}, err
	}
	for i := range res.Files {
		res.Files[i].SHA256 = recorded[i].SHA256
		res.Files[i].Path = LedgerPath(recorded[i])
	}
	return res, nil
}

// asked is what an information request records as asked.
func asked(x composed) string {
	if x.l.Kind == register.LetterMoreInfo {
		return strings.TrimSpace(x.l.Questions)
	}
	labels := make([]string, len(x.c.Missing))
	for i, m := range x.c.Missing {
		field := m.Field[strings.LastIndexByte(m.Field, '.')+1:]
		labels[i] = register.FieldLabel(field)
		if m.Product != "" {
			labels[i] = m.Product + ": " + labels[i]
		}
	}
	return strings.Join(labels, "; ")
}

// fileStem is a letter's file name without extension in a folder: the
// entity's name made safe for every file system, the kind, the reference.
func fileStem(name string, kind register.LetterKind, docID string) string {
	return fileNamePart(name, "entity") + " - " + string(kind) + " - " + docID
}

// fileNamePart is name made safe for every file system as part of a file
// name (reserved characters replaced, at most 60 characters), or def when
// nothing is left.
func fileNamePart(name, def string) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(name) {
		switch {
		case strings.ContainsRune(`<>:"/\|?*`, r), unicode.IsControl(r):
			b.WriteRune('_')
		default:
			b.WriteRune(r)
		}
	}
	safe := strings.Trim(b.String(), ". ")
	if rs := []rune(safe); len(rs) > 60 {
		safe = strings.TrimSpace(string(rs[:60]))
	}
	if safe == "" {
		safe = def
	}
	return safe
}

// InfoRequests returns the information requests of entity id (every
// entity for 0), only those still awaited when open is set, oldest first.
func (r *Register) InfoRequests(ctx context.Context, entityID int64, open bool) ([]register.InfoRequest, error) {
	return r.db.InfoRequests(ctx, entityID, open)
}

// CloseInfoRequests records that what entity id was asked for came back
// (with says how, e.g. "reply by telephone"), closing its open requests.
// It returns how many it closed.
func (r *Register) CloseInfoRequests(ctx context.Context, entityID int64, with string) (int, error) {
	with = strings.TrimSpace(with)
	if with == "" {
		return 0, &apperr.Error{Code: apperr.Invalid, Message: "Say what came back (e.g. \"reply by email of 3 March\").",
			Fields: []apperr.FieldError{{Field: "with", Message: "Say what came back."}}}
	}
	by := r.Officer(ctx)
	var n int
	err := r.db.Update(ctx, func(tx *store.Tx) error {
		ok, err := store.EntityExists(&tx.Reader, entityID)
		if err != nil {
			return err
		}
		if !ok {
			return apperr.New(apperr.NotFound, "There is no entity %d in the register.", entityID)
		}
		n, err = r.closeInfoRequestsTx(tx, entityID, with, by, r.Now())
		return err
	})
	return n, err
}

// closeInfoRequestsTx is the intake's hook (intake.go calls it): inside
// the intake's transaction, what came in for entity id at time at (with,
// e.g. "intake of reply.eml") closes its open information requests. It
// returns how many it closed.
func (r *Register) closeInfoRequestsTx(tx *store.Tx, entityID int64, with, by string, at time.Time) (int, error) {
	return store.CloseInfoRequestsTx(tx, entityID, at, with, by)
}
