package service

// Intake: taking in what arrived (emails, filled RFI forms, the filled
// import template), written once for the command line (`atpreg intake`)
// and the window (files dropped on the register).

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"atpreg/internal/apperr"
	"atpreg/internal/evalsheet"
	"atpreg/internal/interchange"
	"atpreg/internal/mailin"
	"atpreg/internal/register"
	"atpreg/internal/rfiform"
	"atpreg/internal/store"
)

// What an intake takes a file as.
const (
	IntakeEmail = "email"  // an .eml or Outlook .msg email
	IntakeForm  = "form"   // a filled RFI form (PDF or Word)
	IntakeSheet = "import" // the filled import template (XLSX) or a CSV in the import format
	// IntakeEvaluation is a filled evaluation sheet (PDF or Word), see
	// sheets.go.
	IntakeEvaluation = "evaluation"
)

// MaxIntakeBytes is the largest file an intake takes (an email with its
// attachments); each file kept with an entity is at most
// register's attachment limit (20 MB).
const MaxIntakeBytes = 50 << 20

// IntakeFile is one file given to an intake: its name (only the base name
// is kept) and its bytes.
type IntakeFile struct {
	Name string
	Data []byte
}

// IntakeOptions say how an intake treats what it finds.
type IntakeOptions struct {
	// EntityID takes every email and form in for this entity (0: find the
	// entity by contact email, then by name, else create one).
	EntityID int64
	// Replace takes the form's value wherever it differs from the
	// register's (the command line's --replace).
	Replace bool
	// Take lists the keys (IntakeChange.Key) of the differences for which
	// the form's value is taken: the officer's pick per field in the
	// window. The others keep the register's value.
	Take []string
}

func (o IntakeOptions) takes(key string) bool { return o.Replace || slices.Contains(o.Take, key) }

// IntakeProblem is one reason an intake is rejected, in the officer's
// words: the file, the field (a form's field name, "file", "from" ...),
// the value found there and what to fix.
type IntakeProblem struct {
	File    string
	Field   string
	Value   string
	Message string // English
	said    apperr.Label
}

// Text is the problem's message in any language (the window's): its own
// when it was made as a message, else Message as it is.
func (p IntakeProblem) Text() apperr.Label {
	if p.said != nil {
		return p.said
	}
	return apperr.Verbatim(p.Message)
}

// intakeProblem is the problem of file and field with value, said by msg.
func intakeProblem(file, field, value string, msg apperr.Label) IntakeProblem {
	return IntakeProblem{File: file, Field: field, Value: value, Message: msg.LabelIn(apperr.English), said: msg}
}

// String returns the problem on one line.
func (p IntakeProblem) String() string {
	s := p.File
	if p.Field != "" {
		s += ", " + p.Field
	}
	if p.Value != "" {
		s += fmt.Sprintf(" %q", p.Value)
	}
	return s + ": " + p.Message
}

// IntakeChange is one field an intake fills or would change: an entity's
// own field (Product "") or a product's RFI item.
type IntakeChange struct {
	// Key names the field for IntakeOptions.Take: "entity.FIELD" or
	// "product.PRODUCT.FIELD" (PRODUCT folded: case and space ignored).
	Key     string
	Product string // the product's name; "" for the entity's own fields
	Field   string // the import column, e.g. "contact_phone", "atp_type"
	Label   string // the RFI's wording
	// Register is what the register holds ("" for a field filled), Form what
	// the form says. Choices are codes, several joined by "; ".
	Register string
	Form     string
	// Taken: the form's value is (or would be) written; for a difference,
	// only when the officer picked it (or --replace).
	Taken bool
}

// IntakeAttachment is one file that came with an email.
type IntakeAttachment struct {
	Name        string
	ContentType string
	Size        int
	SHA256      string
	Form        bool         // read as the RFI form
	Sheet       bool         // read as an evaluation sheet
	Email       bool         // an email attached to the email
	Kept        bool         // kept with the entity by this intake (false: already there, or not kept)
	Note        apperr.Fixed // why it is not kept, or what it is
}

// IntakeItem is what an intake does with one file.
type IntakeItem struct {
	File   string // the base name
	SHA256 string
	Size   int
	Kind   string // IntakeEmail, IntakeForm, IntakeSheet; "" when it is neither
	// Message is the email as a person reads it (nil unless Kind is
	// IntakeEmail).
	Message *mailin.Message
	// Action is ImportCreate (a new entity), ImportMerge or ImportUnchanged
	// for an email or form ("" for a sheet: see Import, or a file with a
	// problem).
	Action     string
	EntityID   int64 // the entity (0 for one a dry run would create)
	EntityName string
	// MatchedBy says how the entity was found: "entity" (--entity),
	// "earlier intake" (the same file or Message-ID), "contact email",
	// "name"; "" when created ("form" or "sender" in CreatedFrom).
	MatchedBy   string
	CreatedFrom string
	Status      register.Status // the entity's status before the intake
	Attachments []IntakeAttachment
	// Filled lists empty fields the intake fills (received_on and source
	// included); Differences the form's values that differ from the
	// register's (taken only when picked, or with Replace).
	Filled        []IntakeChange
	Differences   []IntakeChange
	AddedProducts []string
	// AlreadyTakenIn: this file (or an email with the same Message-ID) was
	// taken in before.
	AlreadyTakenIn bool
	Notes          []apperr.Text
	Import         *ImportReport // a sheet's import report
	// Evaluations are the evaluations a returned evaluation sheet records
	// (the file itself, or sheets attached to an email), one per entity.
	Evaluations []SheetTaken
	// SheetDocID is the document id of the sheet sent that came back ("" when
	// no sheet sent matches the entities on it).
	SheetDocID string
}

// IntakeReport says what an intake did, or would do (a check).
type IntakeReport struct {
	DryRun   bool
	Applied  bool // the register was changed
	Items    []IntakeItem
	Problems []IntakeProblem
	// Entities created, merged (changed) and left unchanged by emails and
	// forms (a sheet's entities are in its Import report).
	Created, Merged, Unchanged int
	// Evaluations recorded from evaluation sheets.
	Evaluations int
}

// Err returns nil when the report lists no problem, else an apperr.Invalid
// naming every problem (file, field, value, what to fix) and saying that
// nothing was changed.
func (rep IntakeReport) Err() error {
	if len(rep.Problems) == 0 {
		return nil
	}
	fe := make([]apperr.FieldError, len(rep.Problems))
	for i, p := range rep.Problems {
		field := p.File
		if p.Field != "" {
			field += ", " + p.Field
		}
		fe[i] = apperr.Field(field, "%s", p.Text())
		fe[i].Value = p.Value
	}
	files := map[string]bool{}
	for _, p := range rep.Problems {
		files[p.File] = true
	}
	return apperr.New(apperr.Invalid, "The intake was rejected: %d problem(s) in %d file(s), listed below. Nothing was changed; fix them (or leave the file out) and take the files in again.", len(rep.Problems), len(files)).With(fe...)
}

// ReadIntakeFile reads the file at path for an intake (apperr.NotFound when
// it cannot be read, apperr.Invalid when it is a folder or too large).
func ReadIntakeFile(path string) (IntakeFile, error) {
	name := baseName(path)
	st, err := os.Stat(path)
	if err != nil {
		return IntakeFile{}, unreadable(path, err)
	}
	if st.IsDir() {
		return IntakeFile{}, apperr.New(apperr.Invalid, "%s is a folder; name the emails and forms to take in.", path)
	}
	if st.Size() > MaxIntakeBytes {
		return IntakeFile{}, apperr.New(apperr.Invalid, "The file %s is %.1f MB, more than the %d MB an intake takes. Nothing was changed.", name, float64(st.Size())/(1<<20), MaxIntakeBytes>>20)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return IntakeFile{}, unreadable(path, err)
	}
	return IntakeFile{Name: name, Data: data}, nil
}

// CheckIntake is a dry run of an intake of files: the report says what
// would be created or merged, the fields filled, the differences and every
// problem. The register is not changed. Problems are in the report; the
// error is for a register that cannot be read.
func (r *Register) CheckIntake(ctx context.Context, files []IntakeFile, opt IntakeOptions) (IntakeReport, error) {
	return r.runIntake(ctx, files, opt, true)
}

// ApplyIntake takes files in, all or none, in one transaction. From an
// email (or a form sent alone) the entity is found by contact email (case
// ignored), then by name, else created from the form inside (or from the
// sender); the email and each attachment are kept, encrypted, with the
// entity; received_on is the email's date (today by the register clock
// when it has none), source its subject and Message-ID; a filled RFI form
// fills the entity and its products (matched by name, case and space
// ignored). Only empty fields are filled: a form's value that differs from
// the register's is reported and written only when opt takes it. A filled
// import template goes through the import (ApplyImport's rules). The same
// file taken in twice changes nothing. Any problem in any file rejects the
// whole intake: the report lists them and the error is an apperr.Invalid
// naming them.
func (r *Register) ApplyIntake(ctx context.Context, files []IntakeFile, opt IntakeOptions) (IntakeReport, error) {
	rep, err := r.runIntake(ctx, files, opt, false)
	if err == nil {
		err = rep.Err()
	}
	return rep, err
}

// intakeForm is a filled RFI form found in a file.
type intakeForm struct {
	name   string
	entity register.Entity
}

// parsed is a file read before the register is touched.
type parsed struct {
	item  IntakeItem
	data  store.Content // the file and its SHA-256
	msg   *mailin.Message
	forms []intakeForm
	evals []intakeSheet // evaluation sheets
	sheet *ImportFile
	keep  []keptFile // the attachments to keep with the entity (an email's)
	bad   bool       // the file itself has problems
}

// keptFile is a file an intake keeps with the entity: its name and its
// bytes with their SHA-256, computed once when the file is read.
type keptFile struct {
	name string
	c    store.Content
}

// formProblems turns a form's problems into the intake's.
func formProblems(file string, ps []rfiform.Problem) []IntakeProblem {
	out := make([]IntakeProblem, 0, len(ps))
	for _, p := range ps {
		var msg apperr.Label = p.Text()
		if p.Label != "" && p.Label != "Form" {
			msg = apperr.T("%s: %s", p.LabelText(), p.Text())
		}
		out = append(out, intakeProblem(file, p.Field, p.Value, msg))
	}
	return out
}

// notAForm reports whether rfiform's answer says the file is no RFI form at
// all (a PDF or Word document without the form's fields), as opposed to a
// form of another kind or version or a form with problems.
func notAForm(err error, ps []rfiform.Problem) bool {
	if err != nil {
		return true
	}
	return len(ps) == 1 && ps[0].Field == "form_kind" && ps[0].Value == ""
}

// parseFile reads one file: what it is, the email, the forms inside.
func parseFile(f IntakeFile) (*parsed, []IntakeProblem) {
	name := baseName(f.Name)
	c := store.NewContent(f.Data)
	p := &parsed{data: c, item: IntakeItem{File: name, SHA256: c.SHA256(), Size: len(f.Data)}}
	bad := func(field, value, format string, args ...any) (*parsed, []IntakeProblem) {
		return p, []IntakeProblem{intakeProblem(name, field, value, apperr.T(format, args...))}
	}
	if len(f.Data) == 0 {
		return bad("file", "", "The file is empty. Take in the email or form itself.")
	}
	if len(f.Data) > MaxIntakeBytes {
		return bad("file", "", "The file is %.1f MB, more than the %d MB an intake takes.", float64(len(f.Data))/(1<<20), MaxIntakeBytes>>20)
	}
	kind := mailin.Detect(name, f.Data)
	switch kind {
	case mailin.KindEML, mailin.KindMSG:
		p.item.Kind = IntakeEmail
		m, err := mailin.Read(name, f.Data)
		if err != nil {
			return bad("file", "", "%s", apperr.Say(err))
		}
		p.msg, p.item.Message = m, m
		var problems []IntakeProblem
		for i, a := range m.Attachments {
			ac := store.NewContent(a.Data)
			ia := IntakeAttachment{Name: a.Name, ContentType: a.ContentType, Size: len(a.Data), SHA256: ac.SHA256(), Email: a.Message != nil}
			switch mailin.Detect(a.Name, a.Data) {
			case mailin.KindPDF, mailin.KindDOCX:
				if evalsheet.IsSheet(a.Data) {
					ia.Sheet = true
					s, ps, err := evalsheet.Read(a.Data)
					if err != nil {
						problems = append(problems, intakeProblem(name+" → "+a.Name, "file", "", apperr.Say(err)))
					} else if len(ps) > 0 {
						problems = append(problems, sheetProblems(name+" → "+a.Name, ps)...)
					} else {
						p.evals = append(p.evals, intakeSheet{name: a.Name, sheet: s})
					}
					break
				}
				e, ps, err := rfiform.Read(a.Data)
				if notAForm(err, ps) {
					break
				}
				ia.Form = true
				if len(ps) > 0 {
					problems = append(problems, formProblems(name+" → "+a.Name, ps)...)
					break
				}
				p.forms = append(p.forms, intakeForm{name: a.Name, entity: e})
			case mailin.KindXLSX:
				ia.Note = apperr.Fixed("a spreadsheet: kept; take it in on its own to import it")
			}
			if len(a.Data) == 0 {
				ia.Note = apperr.Fixed("empty: not kept")
			} else {
				p.keep = append(p.keep, keptFile{name: attachmentName(a.Name, i), c: ac})
			}
			p.item.Attachments = append(p.item.Attachments, ia)
		}
		return p, problems
	case mailin.KindPDF, mailin.KindDOCX:
		if evalsheet.IsSheet(f.Data) {
			p.item.Kind = IntakeEvaluation
			s, ps, err := evalsheet.Read(f.Data)
			if err != nil {
				return bad("file", "", "%s", apperr.Say(err))
			}
			if len(ps) > 0 {
				return p, sheetProblems(name, ps)
			}
			p.evals = []intakeSheet{{name: name, sheet: s}}
			return p, nil
		}
		p.item.Kind = IntakeForm
		e, ps, err := rfiform.Read(f.Data)
		if err != nil {
			return bad("file", "", "%s", apperr.Say(err))
		}
		if len(ps) > 0 {
			if notAForm(nil, ps) {
				return bad("form_kind", "", "This %s is not the RFI form (it has none of the form's fields). Take in the filled RFI form, or the email it came with.", strings.ToUpper(string(kind)))
			}
			return p, formProblems(name, ps)
		}
		p.forms = []intakeForm{{name: name, entity: e}}
		return p, nil
	case mailin.KindXLSX:
		return parseSheet(p, name, f.Data)
	}
	if strings.EqualFold(path.Ext(name), ".csv") {
		return parseSheet(p, name, f.Data)
	}
	return bad("file", "", "This file is neither an email (.eml, Outlook .msg), nor a filled RFI form (PDF, Word), nor the filled import template (XLSX, CSV). Leave it out, or take in the email or form it came with.")
}

func parseSheet(p *parsed, name string, data []byte) (*parsed, []IntakeProblem) {
	p.item.Kind = IntakeSheet
	f, err := NewImportFile(name, data)
	if err != nil {
		return p, []IntakeProblem{intakeProblem(name, "file", "", apperr.Say(err))}
	}
	p.sheet = &f
	return p, importProblems(name, f.Problems())
}

func importProblems(file string, ps []ImportProblem) []IntakeProblem {
	out := make([]IntakeProblem, 0, len(ps))
	for _, ip := range ps {
		field := ip.Column
		if ip.Row > 0 {
			field = fmt.Sprintf("row %d, %s", ip.Row, ip.Column)
		}
		out = append(out, intakeProblem(file, field, ip.Value, ip.Text()))
	}
	return out
}

// attachmentName gives an attachment a name the store accepts.
func attachmentName(name string, i int) string {
	name = strings.TrimSpace(strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, baseName(name)))
	if name == "" || name == "unnamed file" {
		name = "attachment-" + strconv.Itoa(i+1)
	}
	return name
}

func (r *Register) runIntake(ctx context.Context, files []IntakeFile, opt IntakeOptions, dryRun bool) (IntakeReport, error) {
	rep := IntakeReport{DryRun: dryRun, Items: []IntakeItem{}}
	if len(files) == 0 {
		return rep, apperr.New(apperr.Invalid, "No file was given to take in. Name the emails (.eml, .msg), filled forms (.pdf, .docx) or filled templates (.xlsx).")
	}
	ps := make([]*parsed, len(files))
	for i, f := range files {
		p, problems := parseFile(f)
		p.bad = len(problems) > 0
		ps[i] = p
		rep.Problems = append(rep.Problems, problems...)
	}
	by := r.Officer(ctx)
	now := r.Now()
	err := r.db.Update(ctx, func(tx *store.Tx) error {
		for _, p := range ps {
			if p.item.Kind == "" || p.bad {
				continue // its problems are reported; nothing to take in
			}
			if p.sheet != nil {
				ir := ImportReport{File: *p.sheet, Format: string(p.sheet.batch.Format), DryRun: dryRun, Rows: p.sheet.batch.Rows,
					Entities: []ImportEntity{}, Columns: interchange.ColumnNames()}
				if err := importTx(tx, *p.sheet, &ir, by, now); err != nil {
					return err
				}
				countImport(&ir)
				ir.Table = importTable(p.sheet.batch, ir)
				p.item.Import = &ir
				rep.Problems = append(rep.Problems, importProblems(p.item.File, ir.Problems)...)
				continue
			}
			for _, s := range p.evals {
				problems, err := r.takeSheet(tx, p.item.File, s, &p.item, by, now)
				if err != nil {
					return err
				}
				rep.Problems = append(rep.Problems, problems...)
			}
			if len(p.evals) > 0 && len(p.forms) == 0 {
				if p.msg != nil {
					p.item.Notes = append(p.item.Notes, apperr.T("The email carries evaluation sheets only: the sheets are recorded, the email is not kept with an entity."))
				}
				continue
			}
			problems, err := r.intakeOne(tx, p, opt, by, now)
			if err != nil {
				return err
			}
			rep.Problems = append(rep.Problems, problems...)
		}
		if len(rep.Problems) > 0 || dryRun {
			return errRollBack
		}
		return nil
	})
	if err != nil && !errors.Is(err, errRollBack) {
		return rep, err
	}
	rolledBack := err != nil
	for _, p := range ps {
		it := p.item
		switch it.Action {
		case ImportCreate:
			rep.Created++
			if rolledBack {
				it.EntityID = 0
			}
		case ImportMerge:
			rep.Merged++
		case ImportUnchanged:
			rep.Unchanged++
		}
		if it.Import != nil && rolledBack {
			for i := range it.Import.Entities {
				if it.Import.Entities[i].Action == ImportCreate {
					it.Import.Entities[i].EntityID = 0
				}
			}
		}
		if rolledBack {
			for i := range it.Attachments {
				it.Attachments[i].Kept = false
			}
		}
		if len(rep.Problems) > 0 {
			it.Evaluations, it.SheetDocID = nil, ""
		}
		rep.Evaluations += len(it.Evaluations)
		if it.Import != nil && !rolledBack {
			it.Import.Applied = it.Import.Created+it.Import.Merged > 0
			rep.Applied = rep.Applied || it.Import.Applied
		}
		rep.Items = append(rep.Items, it)
	}
	rep.Applied = !rolledBack && (rep.Applied || rep.Created+rep.Merged+rep.Evaluations > 0)
	return rep, nil
}

// senderOf returns the email's first sender.
func senderOf(m *mailin.Message) mailin.Address {
	if m != nil && len(m.From) > 0 {
		return m.From[0]
	}
	return mailin.Address{}
}

func nameKey(s string) string { return interchange.ProductKey(s) }

// findEntity finds the entity an email or form belongs to, inside tx.
func findEntity(tx *store.Tx, p *parsed, opt IntakeOptions) (int64, string, error) {
	if opt.EntityID > 0 {
		ok, err := store.EntityExists(&tx.Reader, opt.EntityID)
		if err != nil || !ok {
			return 0, "", err
		}
		return opt.EntityID, "entity", nil
	}
	holders, err := store.AttachmentHolders(&tx.Reader, p.item.SHA256)
	if err != nil {
		return 0, "", err
	}
	if len(holders) == 0 && p.msg != nil && p.msg.MessageID != "" {
		if holders, err = store.MessageHolders(&tx.Reader, p.msg.MessageID); err != nil {
			return 0, "", err
		}
	}
	if len(holders) > 0 {
		p.item.AlreadyTakenIn = true
		return holders[0], "earlier intake", nil
	}
	contacts, err := store.EntityContacts(&tx.Reader)
	if err != nil {
		return 0, "", err
	}
	var emails, names []string
	for _, f := range p.forms {
		emails = append(emails, f.entity.ContactEmail)
		names = append(names, f.entity.Name)
	}
	emails = append(emails, senderOf(p.msg).Email)
	for _, e := range emails {
		if strings.TrimSpace(e) == "" {
			continue
		}
		for _, c := range contacts {
			if strings.EqualFold(strings.TrimSpace(c.Email), strings.TrimSpace(e)) {
				return c.ID, "contact email", nil
			}
		}
	}
	for _, n := range names {
		if nameKey(n) == "" {
			continue
		}
		for _, c := range contacts {
			if nameKey(c.Name) == nameKey(n) {
				return c.ID, "name", nil
			}
		}
	}
	return 0, "", nil
}

// senderEntity makes an entity from an email's sender: named after the
// sender's display name, else the address's domain.
func senderEntity(a mailin.Address) register.Entity {
	name := strings.TrimSpace(a.Name)
	if name == "" || strings.EqualFold(name, a.Email) {
		_, domain, _ := strings.Cut(a.Email, "@")
		name = domain
	}
	contact := strings.TrimSpace(a.Name)
	if strings.EqualFold(contact, a.Email) {
		contact = ""
	}
	return register.Entity{Name: name, ContactName: contact, ContactEmail: strings.TrimSpace(a.Email)}
}

// intakeOne takes one email or form in inside tx.
func (r *Register) intakeOne(tx *store.Tx, p *parsed, opt IntakeOptions, by string, now time.Time) ([]IntakeProblem, error) {
	it := &p.item
	file := it.File
	var problems []IntakeProblem
	id, how, err := findEntity(tx, p, opt)
	if err != nil {
		return nil, err
	}
	if opt.EntityID > 0 && id == 0 {
		return []IntakeProblem{intakeProblem(file, "--entity", strconv.FormatInt(opt.EntityID, 10),
			apperr.T("There is no entity with this number. Look it up with `atpreg list` (or leave --entity out to find the entity by the contact email)."))}, nil
	}
	var cur register.Entity
	created := id == 0
	if created {
		if len(p.forms) > 0 {
			cur = p.forms[0].entity
			it.CreatedFrom = "form"
		} else {
			s := senderOf(p.msg)
			if s.Email == "" || !register.ValidEmail(s.Email) {
				v := s.Email
				if v == "" && p.msg != nil && len(p.msg.From) > 0 {
					v = p.msg.From[0].Name
				}
				return []IntakeProblem{intakeProblem(file, "from", v,
					apperr.T("The sender's email address cannot be read, and the email holds no filled RFI form, so there is nothing to name the entity by. Take the email in for an entity you choose (--entity ID), or ask the sender for the filled form."))}, nil
			}
			cur = senderEntity(s)
			it.CreatedFrom = "sender"
		}
		cur.Submissions = slices.Clone(cur.Submissions)
		it.Action = ImportCreate
	} else {
		if cur, err = store.EntityTx(&tx.Reader, id); err != nil {
			return nil, err
		}
		it.MatchedBy = how
		it.Status = cur.Status
	}
	merged := cur
	merged.Submissions = slices.Clone(cur.Submissions)
	changed := false
	// The email's date and subject.
	fill := func(field, value string, dst *string) {
		if strings.TrimSpace(*dst) != "" || value == "" {
			return
		}
		*dst = value
		it.Filled = append(it.Filled, IntakeChange{Key: "entity." + field, Field: field, Label: register.FieldLabel(field), Form: value, Taken: true})
		changed = true
	}
	if p.msg != nil {
		date := ""
		if p.msg.Date.IsZero() {
			date = now.Format("2006-01-02")
			it.Notes = append(it.Notes, apperr.T("The email has no date (a draft?): received_on is today's date, %s.", date))
		} else {
			date = p.msg.Date.Format("2006-01-02")
		}
		fill("received_on", date, &merged.ReceivedOn)
		src := strings.TrimSpace(p.msg.Subject)
		if p.msg.MessageID != "" {
			src = strings.TrimSpace(src + " <" + p.msg.MessageID + ">")
		}
		if len([]rune(src)) > register.MaxShortLen {
			src = string([]rune(src)[:register.MaxShortLen])
		}
		fill("source", src, &merged.Source)
	} else {
		fill("received_on", now.Format("2006-01-02"), &merged.ReceivedOn)
		fill("source", "form "+file, &merged.Source)
	}
	if !created {
		for _, f := range p.forms {
			if mergeForm(&merged, f.entity, it, opt) {
				changed = true
			}
		}
	} else {
		for _, f := range p.forms[min(1, len(p.forms)):] {
			mergeForm(&merged, f.entity, it, opt)
		}
	}
	merged.Normalize()
	if err := merged.Validate(); err != nil {
		fe := apperr.FieldsOf(err)
		if len(fe) == 0 {
			return nil, err
		}
		for _, f := range fe {
			problems = append(problems, intakeProblem(file, f.Field, "", f))
		}
		return problems, nil
	}
	it.EntityName = merged.Name
	detail := intakeDetail(p)
	if created {
		if id, err = store.CreateEntityTx(tx, merged, by, now, "Taken in from "+detail); err != nil {
			if fe := apperr.FieldsOf(err); len(fe) > 0 {
				for _, f := range fe {
					problems = append(problems, intakeProblem(file, f.Field, "", f))
				}
				return problems, nil
			}
			return nil, err
		}
		changed = true
	} else if changed {
		if err := store.UpdateEntityTx(tx, merged, by, now); err != nil {
			return nil, err
		}
	}
	it.EntityID = id
	// Keep the file itself and, for an email, each attachment.
	keep := append([]keptFile{{name: file, c: p.data}}, p.keep...)
	// The same email saved again as another file (an Outlook .msg of it, an
	// .eml saved again by another program) has other bytes but the same
	// Message-ID: it is not kept a second time.
	sameMessage := false
	if p.msg != nil && p.msg.MessageID != "" && !created {
		holders, err := store.MessageHolders(&tx.Reader, p.msg.MessageID)
		if err != nil {
			return nil, err
		}
		sameMessage = slices.Contains(holders, id)
	}
	for i, k := range keep {
		if i == 0 && sameMessage {
			it.AlreadyTakenIn = true
			continue
		}
		if size := len(k.c.Data()); size > store.MaxAttachmentBytes {
			problems = append(problems, intakeProblem(file, "attachment", k.name,
				apperr.T("This file is %.1f MB; files kept with an entity can be at most %d MB. Ask the sender for a smaller copy, or take the email in without it.", float64(size)/(1<<20), store.MaxAttachmentBytes>>20)))
			continue
		}
		have, err := store.EntityHasAttachment(&tx.Reader, id, k.c.SHA256())
		if err != nil {
			return nil, err
		}
		if have {
			if i == 0 {
				it.AlreadyTakenIn = true
			}
			continue
		}
		if _, err := store.AddAttachmentTx(tx, id, k.name, k.c, by, now, "taken in from "+file); err != nil {
			if fe := apperr.FieldsOf(err); len(fe) > 0 {
				problems = append(problems, intakeProblem(file, "attachment", k.name, apperr.Say(err)))
				continue
			}
			return nil, err
		}
		if i > 0 {
			it.Attachments[attachmentIndex(p, i)].Kept = true
		}
		changed = true
	}
	if it.AlreadyTakenIn {
		it.Notes = append(it.Notes, apperr.T("This file was taken in before; only what is new is taken."))
	}
	if created {
		it.Action = ImportCreate
	} else if changed {
		it.Action = ImportMerge
	} else {
		it.Action = ImportUnchanged
	}
	if changed {
		if err := store.AuditTx(tx, store.AuditEntry{EntityID: id, At: store.TimeText(now), By: by, Action: store.ActionIntake,
			Field: "file", New: file, Detail: "Taken in from " + detail}); err != nil {
			return nil, err
		}
		// What came back closes "more information requested" (letters.go).
		if n, err := r.closeInfoRequestsTx(tx, id, "intake of "+file, by, now); err != nil {
			return nil, err
		} else if n > 0 {
			it.Notes = append(it.Notes, apperr.T("The information requested of this entity is marked as received."))
		}
		if p.msg != nil && p.msg.MessageID != "" {
			if err := store.AuditTx(tx, store.AuditEntry{EntityID: id, At: store.TimeText(now), By: by, Action: store.ActionIntake,
				Field: "message_id", New: p.msg.MessageID, Detail: "Message-ID of " + file}); err != nil {
				return nil, err
			}
		}
	}
	return problems, nil
}

// attachmentIndex maps the i-th kept file (0 is the email) to its
// attachment in the item (empty attachments are not kept).
func attachmentIndex(p *parsed, i int) int {
	n := 0
	for j, a := range p.item.Attachments {
		if a.Size == 0 {
			continue
		}
		n++
		if n == i {
			return j
		}
	}
	return 0
}

func intakeDetail(p *parsed) string {
	d := fmt.Sprintf("%s (SHA-256 %s)", p.item.File, p.item.SHA256)
	if p.msg != nil {
		d += fmt.Sprintf(", the email %q", p.msg.Subject)
		if p.msg.MessageID != "" {
			d += " <" + p.msg.MessageID + ">"
		}
		if s := senderOf(p.msg); s.Email != "" {
			d += " from " + s.Email
		}
	}
	for _, f := range p.forms {
		d += ", RFI form " + f.name
	}
	return d
}

// entityField is one of an entity's own fields a form fills.
type entityField struct {
	col string
	ptr func(*register.Entity) *string
}

var formEntityFields = []entityField{
	{"name", func(e *register.Entity) *string { return &e.Name }},
	{"address", func(e *register.Entity) *string { return &e.Address }},
	{"contact_name", func(e *register.Entity) *string { return &e.ContactName }},
	{"contact_email", func(e *register.Entity) *string { return &e.ContactEmail }},
	{"contact_phone", func(e *register.Entity) *string { return &e.ContactPhone }},
}

// subField is one RFI item of a product: its text and how to copy it.
type subField struct {
	col  string
	get  func(*register.Submission) string
	copy func(dst, src *register.Submission)
}

func textField(col string, p func(*register.Submission) *string) subField {
	return subField{col, func(s *register.Submission) string { return *p(s) }, func(d, s *register.Submission) { *p(d) = *p(s) }}
}

func codeField[T ~string](col string, p func(*register.Submission) *T) subField {
	return subField{col, func(s *register.Submission) string { return string(*p(s)) }, func(d, s *register.Submission) { *p(d) = *p(s) }}
}

func codesField[T ~string](col string, p func(*register.Submission) *[]T) subField {
	return subField{col, func(s *register.Submission) string {
		parts := make([]string, len(*p(s)))
		for i, c := range *p(s) {
			parts[i] = string(c)
		}
		return strings.Join(parts, "; ")
	}, func(d, s *register.Submission) { *p(d) = slices.Clone(*p(s)) }}
}

type sub = register.Submission

var formSubFields = []subField{
	textField("composition", func(s *sub) *string { return &s.Composition }),
	textField("pharmaceutical_form", func(s *sub) *string { return &s.PharmaceuticalForm }),
	textField("therapeutic_indication", func(s *sub) *string { return &s.TherapeuticIndication }),
	codesField("routes", func(s *sub) *[]register.Route { return &s.Routes }),
	textField("route_other", func(s *sub) *string { return &s.RouteOther }),
	codeField("atp_type", func(s *sub) *register.ATPType { return &s.ATPType }),
	codeField("gene_vector", func(s *sub) *register.GeneVector { return &s.GeneVector }),
	codeField("intended_use", func(s *sub) *register.IntendedUse { return &s.IntendedUse }),
	textField("intended_use_other", func(s *sub) *string { return &s.IntendedUseOther }),
	codesField("starting_materials", func(s *sub) *[]register.StartingMaterial { return &s.StartingMaterials }),
	textField("starting_materials_other", func(s *sub) *string { return &s.StartingMaterialsOther }),
	codeField("process_type", func(s *sub) *register.ProcessType { return &s.ProcessType }),
	codeField("pd_completed", func(s *sub) *register.YesNo { return &s.PDCompleted }),
	textField("pd_further", func(s *sub) *string { return &s.PDFurther }),
	codeField("gmp_before", func(s *sub) *register.YesNo { return &s.GMPBefore }),
	codeField("has_authorized_person", func(s *sub) *register.YesNo { return &s.HasAuthorizedPerson }),
	codeField("needs_training", func(s *sub) *register.YesNo { return &s.NeedsTraining }),
	codesField("training_roles", func(s *sub) *[]register.TrainingRole { return &s.TrainingRoles }),
	textField("training_details", func(s *sub) *string { return &s.TrainingDetails }),
	codeField("expected_start", func(s *sub) *register.Month { return &s.ExpectedStart }),
}

// same compares two values of a field as a person would: surrounding space
// ignored, and case too for an email address.
func same(col, a, b string) bool {
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	if col == "contact_email" {
		return strings.EqualFold(a, b)
	}
	return a == b
}

// mergeForm lays a form's entity over e: empty fields are filled, products
// new to e are added, and values that differ are listed in it.Differences
// and written only when opt takes them. It reports whether e changed.
func mergeForm(e *register.Entity, form register.Entity, it *IntakeItem, opt IntakeOptions) bool {
	changed := false
	for _, f := range formEntityFields {
		dst, src := f.ptr(e), *f.ptr(&form)
		if strings.TrimSpace(src) == "" || same(f.col, *dst, src) {
			continue
		}
		ch := IntakeChange{Key: "entity." + f.col, Field: f.col, Label: register.FieldLabel(f.col), Register: *dst, Form: src}
		if strings.TrimSpace(*dst) == "" {
			ch.Taken = true
			it.Filled = append(it.Filled, ch)
		} else {
			ch.Taken = opt.takes(ch.Key)
			it.Differences = append(it.Differences, ch)
		}
		if ch.Taken {
			*dst = src
			changed = true
		}
	}
	byName := map[string]int{}
	for i, s := range e.Submissions {
		if _, ok := byName[nameKey(s.ProductName)]; !ok {
			byName[nameKey(s.ProductName)] = i
		}
	}
	for _, in := range form.Submissions {
		j, ok := byName[nameKey(in.ProductName)]
		if !ok {
			in.ID, in.EntityID = 0, 0
			e.Submissions = append(e.Submissions, in)
			byName[nameKey(in.ProductName)] = len(e.Submissions) - 1
			it.AddedProducts = append(it.AddedProducts, in.ProductName)
			changed = true
			continue
		}
		s := &e.Submissions[j]
		for _, f := range formSubFields {
			src, dst := f.get(&in), f.get(s)
			if src == "" || same(f.col, dst, src) {
				continue
			}
			ch := IntakeChange{Key: "product." + nameKey(s.ProductName) + "." + f.col, Product: s.ProductName, Field: f.col,
				Label: register.FieldLabel(f.col), Register: dst, Form: src}
			if dst == "" {
				ch.Taken = true
				it.Filled = append(it.Filled, ch)
			} else {
				ch.Taken = opt.takes(ch.Key)
				it.Differences = append(it.Differences, ch)
			}
			if ch.Taken {
				f.copy(s, &in)
				changed = true
			}
		}
	}
	return changed
}

// AttachmentMessage reads the attachment with id as an email (.eml or
// Outlook .msg) for a person to read: headers, body as text, attachments.
// An attachment that is no email is an apperr.Invalid.
func (r *Register) AttachmentMessage(ctx context.Context, id int64) (*mailin.Message, error) {
	info, data, err := r.db.AttachmentData(ctx, id)
	if err != nil {
		return nil, err
	}
	defer clear(data)
	switch mailin.Detect(info.Name, data) {
	case mailin.KindEML, mailin.KindMSG:
		return mailin.Read(info.Name, data)
	}
	return nil, apperr.New(apperr.Invalid, "The attachment %s is not an email; open it as a file.", info.Name)
}
