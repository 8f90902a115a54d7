package app

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"path/filepath"
	"sync"
	"time"

	wruntime "github.com/wailsapp/wails/v2/pkg/runtime"

	"atpreg/internal/apperr"
	"atpreg/internal/mailin"
	"atpreg/internal/service"
)

// IntakeService is the window's intake: files dropped on the register (or
// picked) are reviewed (a dry run), then confirmed with the officer's pick
// per differing field, or cancelled.
type IntakeService struct {
	s       *Session
	mu      sync.Mutex
	pending map[string]pendingIntake
}

// forget drops every intake waiting to be confirmed (the register locks).
func (x *IntakeService) forget() {
	x.mu.Lock()
	defer x.mu.Unlock()
	clear(x.pending)
}

type pendingIntake struct {
	files    []service.IntakeFile
	entityID int64
}

// IntakeUpload is one file handed over by the window, its content in base64.
type IntakeUpload struct {
	Name   string `json:"name"`
	Base64 string `json:"base64"`
}

// EmailAddress is one mailbox of an email's header.
type EmailAddress struct {
	Name  string `json:"name"`
	Email string `json:"email"`
}

// EmailAttachment is a file that came with an email.
type EmailAttachment struct {
	Name        string `json:"name"`
	ContentType string `json:"contentType"`
	Size        int    `json:"size"`
	IsEmail     bool   `json:"isEmail"`
}

// EmailView is an email as a person reads it.
type EmailView struct {
	From        []EmailAddress    `json:"from"`
	To          []EmailAddress    `json:"to"`
	Cc          []EmailAddress    `json:"cc"`
	Subject     string            `json:"subject"`
	Date        string            `json:"date"` // RFC 3339, "" when the email has none
	MessageID   string            `json:"messageId"`
	Text        string            `json:"text"`
	Attachments []EmailAttachment `json:"attachments"`
}

// IntakeAttachmentView is an attachment in the review.
type IntakeAttachmentView struct {
	Name        string `json:"name"`
	ContentType string `json:"contentType"`
	Size        int    `json:"size"`
	Form        bool   `json:"form"`
	Sheet       bool   `json:"sheet"` // read as an evaluation sheet
	Email       bool   `json:"email"`
	Kept        bool   `json:"kept"`
	Note        string `json:"note"`
}

// IntakeEvaluationView is an evaluation a returned evaluation sheet
// records: whose, of which entity, whether it replaces that evaluator's
// earlier one, and the aspects left unscored (their labels).
type IntakeEvaluationView struct {
	EntityID   int64    `json:"entityId"`
	EntityName string   `json:"entityName"`
	Evaluator  string   `json:"evaluator"`
	Replaced   bool     `json:"replaced"`
	Unscored   []string `json:"unscored"`
}

// IntakeChangeView is a field filled, or a difference to pick.
type IntakeChangeView struct {
	Key      string `json:"key"`
	Product  string `json:"product"`
	Field    string `json:"field"`
	Label    string `json:"label"`
	Register string `json:"register"`
	Form     string `json:"form"`
	Taken    bool   `json:"taken"`
}

// IntakeItemView is what the intake does with one file.
type IntakeItemView struct {
	File           string                 `json:"file"`
	Kind           string                 `json:"kind" ts_type:"'email' | 'form' | 'import' | 'evaluation' | ''"`
	Action         string                 `json:"action"`
	EntityID       int64                  `json:"entityId"`
	EntityName     string                 `json:"entityName"`
	MatchedBy      string                 `json:"matchedBy"`
	CreatedFrom    string                 `json:"createdFrom"`
	Status         string                 `json:"status"`
	Email          *EmailView             `json:"email"`
	Attachments    []IntakeAttachmentView `json:"attachments"`
	Filled         []IntakeChangeView     `json:"filled"`
	Differences    []IntakeChangeView     `json:"differences"`
	AddedProducts  []string               `json:"addedProducts"`
	AlreadyTakenIn bool                   `json:"alreadyTakenIn"`
	Notes          []string               `json:"notes"`
	// Import sums up a sheet's import ("" for an email or form).
	Import string `json:"import"`
	// Evaluations are what a returned evaluation sheet (the file, or
	// sheets attached to the email) records, one per entity; SheetDocID
	// the sheet sent that it closes ("" when none matches).
	Evaluations []IntakeEvaluationView `json:"evaluations"`
	SheetDocID  string                 `json:"sheetDocId"`
}

// IntakeProblemView is one reason the intake is rejected.
type IntakeProblemView struct {
	File    string `json:"file"`
	Field   string `json:"field"`
	Value   string `json:"value"`
	Message string `json:"message"`
}

// IntakeReview is the review of an intake (before) or its result (after).
type IntakeReview struct {
	Token     string              `json:"token"`
	DryRun    bool                `json:"dryRun"`
	Applied   bool                `json:"applied"`
	Items     []IntakeItemView    `json:"items"`
	Problems  []IntakeProblemView `json:"problems"`
	Created   int                 `json:"created"`
	Merged    int                 `json:"merged"`
	Unchanged int                 `json:"unchanged"`
	// Evaluations is how many evaluations returned sheets record.
	Evaluations int `json:"evaluations"`
}

func addresses(as []mailin.Address) []EmailAddress {
	out := make([]EmailAddress, len(as))
	for i, a := range as {
		out[i] = EmailAddress(a)
	}
	return out
}

// emailView turns a read email into the wire's.
func emailView(m *mailin.Message) *EmailView {
	if m == nil {
		return nil
	}
	v := &EmailView{From: addresses(m.From), To: addresses(m.To), Cc: addresses(m.Cc), Subject: m.Subject,
		MessageID: m.MessageID, Text: m.Text, Attachments: []EmailAttachment{}}
	if !m.Date.IsZero() {
		v.Date = m.Date.Format(time.RFC3339)
	}
	for _, a := range m.Attachments {
		v.Attachments = append(v.Attachments, EmailAttachment{Name: a.Name, ContentType: a.ContentType, Size: len(a.Data), IsEmail: a.Message != nil})
	}
	return v
}

func changes(cs []service.IntakeChange) []IntakeChangeView {
	out := make([]IntakeChangeView, len(cs))
	for i, c := range cs {
		out[i] = IntakeChangeView(c)
	}
	return out
}

func reviewOf(token string, rep service.IntakeReport) IntakeReview {
	v := IntakeReview{Token: token, DryRun: rep.DryRun, Applied: rep.Applied, Items: []IntakeItemView{}, Problems: []IntakeProblemView{},
		Created: rep.Created, Merged: rep.Merged, Unchanged: rep.Unchanged, Evaluations: rep.Evaluations}
	for _, it := range rep.Items {
		iv := IntakeItemView{File: it.File, Kind: it.Kind, Action: it.Action, EntityID: it.EntityID, EntityName: it.EntityName,
			MatchedBy: it.MatchedBy, CreatedFrom: it.CreatedFrom, Status: string(it.Status), Email: emailView(it.Message),
			Attachments: []IntakeAttachmentView{}, Filled: changes(it.Filled), Differences: changes(it.Differences),
			AddedProducts: append([]string{}, it.AddedProducts...), AlreadyTakenIn: it.AlreadyTakenIn, Notes: notesIn(it.Notes),
			Evaluations: []IntakeEvaluationView{}, SheetDocID: it.SheetDocID}
		for _, a := range it.Attachments {
			iv.Attachments = append(iv.Attachments, IntakeAttachmentView{Name: a.Name, ContentType: a.ContentType, Size: a.Size, Form: a.Form, Sheet: a.Sheet,
				Email: a.Email, Kept: a.Kept, Note: a.Note.LabelIn(lang())})
		}
		for _, e := range it.Evaluations {
			ev := IntakeEvaluationView{EntityID: e.EntityID, EntityName: e.EntityName, Evaluator: e.Evaluator, Replaced: e.Replaced, Unscored: []string{}}
			for _, a := range e.Unscored {
				ev.Unscored = append(ev.Unscored, a.LabelIn(lang()))
			}
			iv.Evaluations = append(iv.Evaluations, ev)
		}
		if ir := it.Import; ir != nil {
			iv.Import = importSummary(ir)
		}
		v.Items = append(v.Items, iv)
	}
	for _, p := range rep.Problems {
		v.Problems = append(v.Problems, IntakeProblemView{File: p.File, Field: p.Field, Value: p.Value, Message: p.Text().LabelIn(lang())})
	}
	return v
}

// importSummary says what a spreadsheet in an intake does, counts with
// their nouns ("1 row: 1 entity created; 2 products added."), leaving out
// what does not happen.
// notesIn says notes in the window's language.
func notesIn(notes []apperr.Text) []string {
	out := make([]string, len(notes))
	for i, n := range notes {
		out[i] = n.LabelIn(lang())
	}
	return out
}

func importSummary(ir *service.ImportReport) string {
	return importSummaryIn(ir, lang())
}

// importSummaryIn is importSummary in lang.
func importSummaryIn(ir *service.ImportReport, lang string) string {
	var entities, products apperr.Commas
	for _, c := range []struct {
		n         int
		one, many apperr.Text
	}{
		{ir.Created, apperr.T("1 entity created"), apperr.T("%d entities created", ir.Created)},
		{ir.Merged, apperr.T("1 entity merged"), apperr.T("%d entities merged", ir.Merged)},
		{ir.Unchanged, apperr.T("1 entity unchanged"), apperr.T("%d entities unchanged", ir.Unchanged)},
	} {
		if c.n > 0 {
			entities = append(entities, counted(c.n, c.one, c.many))
		}
	}
	for _, c := range []struct {
		n         int
		one, many apperr.Text
	}{
		{ir.Added, apperr.T("1 product added"), apperr.T("%d products added", ir.Added)},
		{ir.Updated, apperr.T("1 product updated"), apperr.T("%d products updated", ir.Updated)},
	} {
		if c.n > 0 {
			products = append(products, counted(c.n, c.one, c.many))
		}
	}
	var parts apperr.List
	if len(entities) > 0 {
		parts = append(parts, entities)
	}
	if len(products) > 0 {
		parts = append(parts, products)
	}
	rows := counted(ir.Rows, apperr.T("1 row"), apperr.T("%d rows", ir.Rows))
	if len(parts) == 0 {
		return apperr.In(lang, "%s: nothing to change.", rows)
	}
	return apperr.In(lang, "%s: %s.", rows, parts)
}

// counted is one when n is 1, else many.
func counted(n int, one, many apperr.Text) apperr.Text {
	if n == 1 {
		return one
	}
	return many
}

// Review checks the files (a dry run) and keeps them for Confirm under the
// returned review's token. entityID > 0 takes every email and form in for
// that entity.
func (x *IntakeService) Review(files []IntakeUpload, entityID int64) (IntakeReview, error) {
	reg, err := x.s.openRegister()
	if err != nil {
		return IntakeReview{}, Fail(err)
	}
	in := make([]service.IntakeFile, 0, len(files))
	for _, f := range files {
		if base64DecodedSize(f.Base64) > service.MaxIntakeBytes {
			return IntakeReview{}, Fail(apperr.New(apperr.Invalid, "The file %s is more than the %d MB an intake takes. Nothing was changed.", f.Name, service.MaxIntakeBytes>>20))
		}
		data, err := base64.StdEncoding.DecodeString(f.Base64)
		if err != nil {
			return IntakeReview{}, Fail(apperr.Wrap(err, apperr.Invalid, "The file %s did not arrive intact; drop it again.", f.Name))
		}
		in = append(in, service.IntakeFile{Name: f.Name, Data: data})
	}
	rep, err := reg.CheckIntake(context.Background(), in, service.IntakeOptions{EntityID: entityID})
	if err != nil {
		return IntakeReview{}, Fail(err)
	}
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	token := hex.EncodeToString(b)
	x.mu.Lock()
	x.pending[token] = pendingIntake{files: in, entityID: entityID}
	x.mu.Unlock()
	return reviewOf(token, rep), nil
}

// Confirm takes the reviewed files in, all or none, taking the form's value
// for the differences whose keys are in take (the others keep the
// register's). A rejected intake keeps the files for another try.
func (x *IntakeService) Confirm(token string, take []string) (IntakeReview, error) {
	x.mu.Lock()
	p, ok := x.pending[token]
	x.mu.Unlock()
	if !ok {
		return IntakeReview{}, Fail(apperr.New(apperr.NotFound, "This review has expired; drop the files again."))
	}
	reg, err := x.s.openRegister()
	if err != nil {
		return IntakeReview{}, Fail(err)
	}
	rep, err := reg.ApplyIntake(context.Background(), p.files, service.IntakeOptions{EntityID: p.entityID, Take: take})
	if err != nil {
		return reviewOf(token, rep), Fail(err)
	}
	x.Discard(token)
	return reviewOf("", rep), nil
}

// Discard forgets a review's files (Cancel).
func (x *IntakeService) Discard(token string) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if p, ok := x.pending[token]; ok {
		for _, f := range p.files {
			clear(f.Data)
		}
		delete(x.pending, token)
	}
}

// AttachmentEmail reads an attachment that is an email (.eml or .msg) for
// the attachments viewer: headers, body as text, attachments; never raw MIME.
func (x *IntakeService) AttachmentEmail(id int64) (EmailView, error) {
	reg, err := x.s.openRegister()
	if err != nil {
		return EmailView{}, Fail(err)
	}
	m, err := reg.AttachmentMessage(context.Background(), id)
	if err != nil {
		return EmailView{}, Fail(err)
	}
	return *emailView(m), nil
}

// SaveFormAs asks where to save with the system's save dialog and writes the
// RFI form there as format (pdf or docx) in lang (en or zh-HK): blank for
// entityID 0, else pre-filled with the entity's answers. It returns the
// path, "" when the officer cancels.
func (x *IntakeService) SaveFormAs(entityID int64, lang, format string) (string, error) {
	ctx := x.s.windowContext()
	if ctx == nil {
		return "", Fail(apperr.New(apperr.Internal, "The file dialog is only available in the window."))
	}
	labels := map[string]string{"pdf": "PDF form (*.pdf)", "docx": "Word document (*.docx)"}
	path, err := x.saveForm(entityID, lang, format, func(name string) (string, error) {
		path, err := wruntime.SaveFileDialog(ctx, wruntime.SaveDialogOptions{Title: "Save the RFI form", DefaultFilename: name,
			Filters: []wruntime.FileFilter{{DisplayName: labels[format], Pattern: "*." + format}}})
		if err != nil {
			return "", apperr.Wrap(err, apperr.Internal, "The file dialog could not be opened.")
		}
		return path, nil
	})
	return path, Fail(err)
}

// saveForm writes the form where choose says (given the suggested name;
// "" cancels), adding the format's extension when the path has none.
func (x *IntakeService) saveForm(entityID int64, lang, format string, choose func(name string) (string, error)) (string, error) {
	reg, err := x.s.openRegister()
	if err != nil {
		return "", err
	}
	name, err := reg.FormFileName(context.Background(), entityID, format)
	if err != nil {
		return "", err
	}
	path, err := choose(name)
	if err != nil || path == "" {
		return "", err
	}
	if filepath.Ext(path) == "" {
		path += "." + format
	}
	if _, err := reg.SaveForm(context.Background(), entityID, lang, path, true); err != nil { // the save dialog asked
		return "", err
	}
	return path, nil
}
