package app

import (
	"context"
	"sync"
	"time"

	wruntime "github.com/wailsapp/wails/v2/pkg/runtime"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
	"atpreg/internal/service"
)

// LetterService is the letters' bound service: letters of one kind to the
// contacts of the entity on its page or of a selection in the register,
// previewed, then saved as email drafts (or PDFs) into a folder, optionally
// with one pipeline move for all; the letter templates and letterhead of
// Settings; and "more information requested" (what is awaited).
type LetterService struct {
	s       *Session
	mu      sync.Mutex
	lastDir string
}

// LetterKind is a kind of letter the dialog offers.
type LetterKind struct {
	Code  string `json:"code"`
	Label string `json:"label"`
	// Asks is whether sending it marks the entity "more information requested".
	Asks bool `json:"asks"`
	// MoveTo is the pipeline move the dialog proposes with it ("" none).
	MoveTo string `json:"moveTo"`
}

// LetterMeeting is a meeting an invitation can name.
type LetterMeeting struct {
	ID       int64  `json:"id"`
	Title    string `json:"title"`
	StartsAt string `json:"startsAt"` // local, YYYY-MM-DDTHH:MM
	Place    string `json:"place"`
	Past     bool   `json:"past"`
}

// LetterChoices are the dialog's lists.
type LetterChoices struct {
	Kinds    []LetterKind    `json:"kinds"`
	Meetings []LetterMeeting `json:"meetings"`
	Statuses []StatusChoice  `json:"statuses"`
}

// StatusChoice is a pipeline status by code and label.
type StatusChoice struct {
	Code  string `json:"code"`
	Label string `json:"label"`
}

// LetterRequest is what the dialog asks for.
type LetterRequest struct {
	EntityIDs []int64 `json:"entityIds"`
	Kind      string  `json:"kind"`
	Lang      string  `json:"lang"`
	MeetingID int64   `json:"meetingId"`
	Questions string  `json:"questions"`
	MoveTo    string  `json:"moveTo"`
	Reason    string  `json:"reason"`
	Dir       string  `json:"dir"` // the folder to save into (Write only)
}

// LetterMissingItem is an RFI item a missing letter names.
type LetterMissingItem struct {
	Field   string `json:"field"`
	Label   string `json:"label"`
	Product string `json:"product"`
}

// LetterPreview is one entity's letter as it will be saved.
type LetterPreview struct {
	EntityID    int64               `json:"entityId"`
	EntityName  string              `json:"entityName"`
	ToName      string              `json:"toName"`
	To          string              `json:"to"`
	Subject     string              `json:"subject"`
	Body        string              `json:"body"`
	Missing     []LetterMissingItem `json:"missing"`
	Draft       bool                `json:"draft"`
	Notice      string              `json:"notice"`
	Attachments []string            `json:"attachments"`
}

// LetterFile is one file saved.
type LetterFile struct {
	EntityID   int64  `json:"entityId"`
	EntityName string `json:"entityName"`
	Path       string `json:"path"`
	DocID      string `json:"docId"`
	Part       string `json:"part"` // draft, letter, form
	SHA256     string `json:"sha256"`
}

// LettersResult is what Write did.
type LettersResult struct {
	Files    []LetterFile `json:"files"`
	Notices  []string     `json:"notices"`
	Moved    int          `json:"moved"`
	Requests int          `json:"requests"`
}

// LetterTemplate is the wording of one kind in one language; Custom when the
// officer changed the default.
type LetterTemplate struct {
	Kind    string `json:"kind"`
	Lang    string `json:"lang"`
	Subject string `json:"subject"`
	Body    string `json:"body"`
	Custom  bool   `json:"custom"`
}

// LetterSettings are the letterhead and every template (defaults filled
// in). OfficerName is the Settings' officer's name (read only here).
type LetterSettings struct {
	Organisation   string           `json:"organisation"`
	OrganisationZH string           `json:"organisationZh"`
	Address        string           `json:"address"`
	OfficerName    string           `json:"officerName"`
	OfficerTitle   string           `json:"officerTitle"`
	OfficerEmail   string           `json:"officerEmail"`
	OfficerPhone   string           `json:"officerPhone"`
	Templates      []LetterTemplate `json:"templates"`
}

// LetterPlaceholder is a placeholder a template may use.
type LetterPlaceholder struct {
	Name        string `json:"name"`
	Description string `json:"description"`
}

// InfoRequest is "more information requested" of an entity.
type InfoRequest struct {
	ID           int64  `json:"id"`
	EntityID     int64  `json:"entityId"`
	EntityName   string `json:"entityName"`
	Kind         string `json:"kind"`
	KindLabel    string `json:"kindLabel"`
	Asked        string `json:"asked"`
	DocID        string `json:"docId"`
	AskedAt      string `json:"askedAt"` // RFC 3339
	AskedBy      string `json:"askedBy"`
	Open         bool   `json:"open"`
	AnsweredAt   string `json:"answeredAt"` // RFC 3339; "" while awaited
	AnsweredWith string `json:"answeredWith"`
}

var moveWith = map[register.LetterKind]register.Status{
	register.LetterInvite:  register.StatusInvited,
	register.LetterDecline: register.StatusDeclined,
	register.LetterHold:    register.StatusOnHold,
}

// Choices returns the kinds of letters, the meetings an invitation can
// name, and the pipeline's statuses.
func (l *LetterService) Choices() (LetterChoices, error) {
	r, err := l.s.openRegister()
	if err != nil {
		return LetterChoices{}, Fail(err)
	}
	out := LetterChoices{Kinds: []LetterKind{}, Meetings: []LetterMeeting{}, Statuses: []StatusChoice{}}
	for _, k := range register.LetterKinds() {
		out.Kinds = append(out.Kinds, LetterKind{Code: string(k), Label: k.LabelIn(lang()), Asks: k.AsksForInformation(), MoveTo: string(moveWith[k])})
	}
	ms, err := r.Meetings(context.Background())
	if err != nil {
		return LetterChoices{}, Fail(err)
	}
	for _, m := range ms {
		out.Meetings = append(out.Meetings, LetterMeeting{ID: m.Meeting.ID, Title: m.Meeting.Title, StartsAt: localTime(m.Meeting.StartsAt), Place: m.Meeting.Place, Past: m.Past})
	}
	for _, s := range register.Statuses() {
		out.Statuses = append(out.Statuses, StatusChoice{Code: string(s), Label: s.LabelIn(lang())})
	}
	return out, nil
}

func (q LetterRequest) service() service.LetterRequest {
	return service.LetterRequest{EntityIDs: q.EntityIDs, Kind: register.LetterKind(q.Kind), Lang: q.Lang, MeetingID: q.MeetingID,
		Questions: q.Questions, MoveTo: register.Status(q.MoveTo), Reason: q.Reason}
}

func missingItems(ms []register.MissingItem) []LetterMissingItem {
	out := make([]LetterMissingItem, len(ms))
	for i, m := range ms {
		out[i] = LetterMissingItem{Field: m.Field, Label: m.Label, Product: m.Product}
	}
	return out
}

func letterPreview(p service.LetterPreview) LetterPreview {
	atts := p.Attachments
	if atts == nil {
		atts = []string{}
	}
	return LetterPreview{EntityID: p.EntityID, EntityName: p.EntityName, ToName: p.ToName, To: p.To, Subject: p.Subject, Body: p.Body,
		Missing: missingItems(p.Missing), Draft: p.Draft, Notice: p.Notice.LabelIn(lang()), Attachments: atts}
}

// Preview composes the letters of q without saving anything. A selection
// with an entity that cannot have its letter is refused with every reason.
func (l *LetterService) Preview(q LetterRequest) ([]LetterPreview, error) {
	r, err := l.s.openRegister()
	if err != nil {
		return nil, Fail(err)
	}
	ps, err := r.PreviewLetters(context.Background(), q.service())
	if err != nil {
		return nil, Fail(err)
	}
	out := make([]LetterPreview, len(ps))
	for i, p := range ps {
		out[i] = letterPreview(p)
	}
	return out, nil
}

// Write saves the letters of q into q.Dir (one draft per entity, or a PDF
// where the contact has no email), makes the move, and records everything,
// all or nothing.
func (l *LetterService) Write(q LetterRequest) (LettersResult, error) {
	r, err := l.s.openRegister()
	if err != nil {
		return LettersResult{}, Fail(err)
	}
	if q.Dir == "" {
		return LettersResult{}, Fail(&apperr.Error{Code: apperr.Invalid, Message: "Choose the folder to save the letters in.",
			Fields: []apperr.FieldError{{Field: "dir", Message: "Choose a folder."}}})
	}
	res, err := r.WriteLetters(context.Background(), q.service(), q.Dir)
	if err != nil {
		return LettersResult{}, Fail(err)
	}
	l.mu.Lock()
	l.lastDir = q.Dir
	l.mu.Unlock()
	out := LettersResult{Files: []LetterFile{}, Notices: notesIn(res.Notices), Moved: res.Moved, Requests: res.Requests}
	if out.Notices == nil {
		out.Notices = []string{}
	}
	for _, f := range res.Files {
		out.Files = append(out.Files, LetterFile{EntityID: f.EntityID, EntityName: f.EntityName, Path: f.Path, DocID: f.DocID, Part: f.Part, SHA256: f.SHA256})
	}
	return out, nil
}

// LastFolder returns the folder letters were last saved in this session,
// else the Documents folder.
func (l *LetterService) LastFolder() string {
	l.mu.Lock()
	last := l.lastDir
	l.mu.Unlock()
	return folderOr(last)
}

// PickFolder asks for the folder to save letters in; "" when cancelled.
func (l *LetterService) PickFolder() (string, error) {
	ctx := l.s.windowContext()
	if ctx == nil {
		return "", Fail(apperr.New(apperr.Internal, "The folder dialog is only available in the window."))
	}
	dir, err := wruntime.OpenDirectoryDialog(ctx, wruntime.OpenDialogOptions{Title: "Save the letters in", DefaultDirectory: l.LastFolder(), CanCreateDirectories: true})
	if err != nil {
		return "", Fail(apperr.Wrap(err, apperr.Internal, "The folder dialog could not be opened."))
	}
	return dir, nil
}

// OpenInMail opens a saved draft (a file in the ledger) with the system's
// mail program (the .eml's default application), or a PDF with its viewer.
func (l *LetterService) OpenInMail(path string) error {
	r, err := l.s.openRegister()
	if err != nil {
		return Fail(err)
	}
	if _, err := r.PublishedPath(context.Background(), path); err != nil {
		return Fail(err)
	}
	if err := openWith(l.s.windowContext(), path); err != nil {
		return Fail(apperr.Wrap(err, apperr.Internal, "The mail program could not be started; open the file from its folder."))
	}
	return nil
}

func letterSettingsView(s register.LetterSettings, officer string) LetterSettings {
	out := LetterSettings{Organisation: s.Organisation, OrganisationZH: s.OrganisationZH, Address: s.Address, OfficerName: officer,
		OfficerTitle: s.OfficerTitle, OfficerEmail: s.OfficerEmail, OfficerPhone: s.OfficerPhone, Templates: []LetterTemplate{}}
	for _, k := range register.LetterKinds() {
		for _, lang := range []string{register.LangEnglish, register.LangChinese} {
			t, custom := s.Template(k, lang)
			if !custom {
				t, _ = service.DefaultLetterTemplate(k, lang)
			}
			out.Templates = append(out.Templates, LetterTemplate{Kind: string(k), Lang: lang, Subject: t.Subject, Body: t.Body, Custom: custom})
		}
	}
	return out
}

func (in LetterSettings) domain() register.LetterSettings {
	s := register.LetterSettings{Organisation: in.Organisation, OrganisationZH: in.OrganisationZH, Address: in.Address,
		OfficerTitle: in.OfficerTitle, OfficerEmail: in.OfficerEmail, OfficerPhone: in.OfficerPhone, Templates: []register.LetterTemplate{}}
	for _, t := range in.Templates {
		d, err := service.DefaultLetterTemplate(register.LetterKind(t.Kind), t.Lang)
		if err == nil && d.Subject == t.Subject && d.Body == t.Body {
			continue // the default wording is not stored: it follows improvements
		}
		s.Templates = append(s.Templates, register.LetterTemplate{Kind: register.LetterKind(t.Kind), Lang: t.Lang, Subject: t.Subject, Body: t.Body})
	}
	return s
}

// Settings returns the letterhead and every template.
func (l *LetterService) Settings() (LetterSettings, error) {
	r, err := l.s.openRegister()
	if err != nil {
		return LetterSettings{}, Fail(err)
	}
	ctx := context.Background()
	s, err := r.LetterSettings(ctx)
	if err != nil {
		return LetterSettings{}, Fail(err)
	}
	return letterSettingsView(s, r.Officer(ctx)), nil
}

// SaveSettings saves the letterhead and the templates (a template equal to
// the default is kept as the default). A template with an unknown
// placeholder is refused, naming it.
func (l *LetterService) SaveSettings(in LetterSettings) (LetterSettings, error) {
	r, err := l.s.openRegister()
	if err != nil {
		return LetterSettings{}, Fail(err)
	}
	ctx := context.Background()
	if err := r.SaveLetterSettings(ctx, in.domain()); err != nil {
		return LetterSettings{}, Fail(err)
	}
	s, err := r.LetterSettings(ctx)
	if err != nil {
		return LetterSettings{}, Fail(err)
	}
	return letterSettingsView(s, r.Officer(ctx)), nil
}

// PreviewTemplate fills t as typed, with the letterhead as typed, for a
// fictional sample entity (entityID 0) or a real one. An unknown
// placeholder is an error naming it.
func (l *LetterService) PreviewTemplate(t LetterTemplate, letterhead LetterSettings, entityID int64) (LetterPreview, error) {
	r, err := l.s.openRegister()
	if err != nil {
		return LetterPreview{}, Fail(err)
	}
	lh := letterhead.domain()
	p, err := r.PreviewTemplate(context.Background(), register.LetterTemplate{Kind: register.LetterKind(t.Kind), Lang: t.Lang, Subject: t.Subject, Body: t.Body}, &lh, entityID)
	if err != nil {
		return LetterPreview{}, Fail(err)
	}
	return letterPreview(p), nil
}

// DefaultTemplate returns the default wording of kind in lang.
func (l *LetterService) DefaultTemplate(kind, lang string) (LetterTemplate, error) {
	t, err := service.DefaultLetterTemplate(register.LetterKind(kind), lang)
	if err != nil {
		return LetterTemplate{}, Fail(err)
	}
	return LetterTemplate{Kind: string(t.Kind), Lang: t.Lang, Subject: t.Subject, Body: t.Body}, nil
}

// Placeholders returns the placeholders templates may use.
func (l *LetterService) Placeholders() []LetterPlaceholder {
	var out []LetterPlaceholder
	for _, p := range service.LetterPlaceholders() {
		out = append(out, LetterPlaceholder{Name: p.Name, Description: p.Description})
	}
	return out
}

func infoRequest(q register.InfoRequest) InfoRequest {
	out := InfoRequest{ID: q.ID, EntityID: q.EntityID, EntityName: q.EntityName, Kind: string(q.Kind), KindLabel: q.Kind.LabelIn(lang()), Asked: q.Asked,
		DocID: q.DocID, AskedAt: q.AskedAt.UTC().Format(time.RFC3339), AskedBy: q.AskedBy, Open: q.Open(), AnsweredWith: q.AnsweredWith}
	if q.AnsweredAt != nil {
		out.AnsweredAt = q.AnsweredAt.UTC().Format(time.RFC3339)
	}
	return out
}

func (l *LetterService) requests(entityID int64, open bool) ([]InfoRequest, error) {
	r, err := l.s.openRegister()
	if err != nil {
		return nil, Fail(err)
	}
	qs, err := r.InfoRequests(context.Background(), entityID, open)
	if err != nil {
		return nil, Fail(err)
	}
	out := make([]InfoRequest, len(qs))
	for i, q := range qs {
		out[i] = infoRequest(q)
	}
	return out, nil
}

// InfoRequests returns what was asked of the entity, answered or not,
// oldest first.
func (l *LetterService) InfoRequests(entityID int64) ([]InfoRequest, error) {
	return l.requests(entityID, false)
}

// Awaited returns the information still awaited from every entity, oldest
// first (the Overview lists it).
func (l *LetterService) Awaited() ([]InfoRequest, error) { return l.requests(0, true) }

// MarkReceived records that what was asked of the entity came back (with
// says how), closing its open requests; it returns how many.
func (l *LetterService) MarkReceived(entityID int64, with string) (int, error) {
	r, err := l.s.openRegister()
	if err != nil {
		return 0, Fail(err)
	}
	n, err := r.CloseInfoRequests(context.Background(), entityID, with)
	return n, Fail(err)
}
