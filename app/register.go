package app

import (
	"context"
	"encoding/base64"
	"slices"
	"strconv"
	"strings"

	wruntime "github.com/wailsapp/wails/v2/pkg/runtime"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
	"atpreg/internal/service"
)

// RegisterService is the register area's bound service: the entities, their
// product submissions, completeness, pipeline moves, history, attachments and
// search.
type RegisterService struct{ s *Session }

// ChoicesView holds every choice list in RFI order and the RFI's wording of
// every field, for forms, filters and labels.
type ChoicesView struct {
	Routes            []register.Choice `json:"routes"`
	ATPTypes          []register.Choice `json:"atpTypes"`
	GeneVectors       []register.Choice `json:"geneVectors"`
	IntendedUses      []register.Choice `json:"intendedUses"`
	StartingMaterials []register.Choice `json:"startingMaterials"`
	ProcessTypes      []register.Choice `json:"processTypes"`
	TrainingRoles     []register.Choice `json:"trainingRoles"`
	Statuses          []register.Choice `json:"statuses"`
	// Labels maps a field's JSON name to the RFI's wording of it.
	Labels map[string]string `json:"labels"`
	// NeedsReason lists the statuses a move to which must say why.
	NeedsReason []string `json:"needsReason"`
	// MaxAttachmentBytes is the largest file that can be attached.
	MaxAttachmentBytes int64 `json:"maxAttachmentBytes"`
}

// labelledFields are the fields whose wording ChoicesView.Labels carries.
var labelledFields = []string{
	"name", "address", "contact_name", "contact_email", "contact_phone", "received_on", "status", "source",
	"notes", "tags", "submissions", "product_name", "composition", "pharmaceutical_form",
	"therapeutic_indication", "routes", "route_other", "atp_type", "gene_vector", "intended_use",
	"intended_use_other", "starting_materials", "starting_materials_other", "process_type", "pd_completed",
	"pd_further", "gmp_before", "has_authorized_person", "needs_training", "training_roles",
	"training_details", "expected_start",
}

// Choices returns every choice list and field label (needs no open
// register), in the window's language (Session.SetLanguage).
func (r *RegisterService) Choices() ChoicesView {
	l := lang()
	c := register.ChoicesIn(l)
	v := ChoicesView{
		Routes: c["routes"], ATPTypes: c["atp_type"], GeneVectors: c["gene_vector"], IntendedUses: c["intended_use"],
		StartingMaterials: c["starting_materials"], ProcessTypes: c["process_type"], TrainingRoles: c["training_roles"],
		Statuses: c["status"], Labels: map[string]string{}, NeedsReason: []string{},
		MaxAttachmentBytes: register.MaxAttachmentBytes,
	}
	for _, f := range labelledFields {
		v.Labels[f] = register.FieldLabelIn(f, l)
	}
	for _, s := range register.Statuses() {
		if s.NeedsReason() {
			v.NeedsReason = append(v.NeedsReason, string(s))
		}
	}
	return v
}

// ListQuery is what the register's list asks for: the search, filters,
// sort column and order, and the page.
type ListQuery struct {
	// Search finds entities holding every word anywhere in their text.
	Search string `json:"search"`
	// Statuses keeps entities in any of these statuses (codes); none: all.
	Statuses []string `json:"statuses"`
	// ATPType, IntendedUse and ProcessType keep entities with at least one
	// product of that choice (code); "": any.
	ATPType     string `json:"atpType"`
	IntendedUse string `json:"intendedUse"`
	ProcessType string `json:"processType"`
	// Completeness is "", "complete" or "incomplete".
	Completeness string `json:"completeness" ts_type:"'' | 'complete' | 'incomplete'"`
	// Sort is the column: name (default), status, received_on, updated_at,
	// products, missing or score.
	Sort string `json:"sort" ts_type:"'name' | 'status' | 'received_on' | 'updated_at' | 'products' | 'missing' | 'score'"`
	// Desc sorts in descending order.
	Desc bool `json:"desc"`
	// Offset and Limit page the result; Limit 0 is a default page.
	Offset int `json:"offset"`
	Limit  int `json:"limit"`
}

// query is q as the service's query.
func (q ListQuery) query() service.ListQuery {
	return service.ListQuery{Search: q.Search, Statuses: q.Statuses, ATPType: q.ATPType, IntendedUse: q.IntendedUse,
		ProcessType: q.ProcessType, Completeness: q.Completeness, Sort: q.Sort, Desc: q.Desc, Offset: q.Offset, Limit: q.Limit}
}

// EntityRow is one line of the register's list.
type EntityRow struct {
	ID           int64    `json:"id"`
	Name         string   `json:"name"`
	Status       string   `json:"status"`
	StatusLabel  string   `json:"statusLabel"`
	ContactName  string   `json:"contactName"`
	ReceivedOn   string   `json:"receivedOn"`
	UpdatedAt    string   `json:"updatedAt"` // RFC 3339
	Complete     bool     `json:"complete"`
	MissingCount int      `json:"missingCount"`
	Products     []string `json:"products"`
	ATPTypes     []string `json:"atpTypes"` // codes, distinct, in product order
	// Score is the weighted total; null until evaluated.
	Score *float64 `json:"score" ts_type:"number | null"`
}

// ListPage is one page of the list and the number of entities matching in all.
type ListPage struct {
	Total int         `json:"total"`
	Rows  []EntityRow `json:"rows"`
}

func listPage(p service.ListPage) ListPage {
	out := ListPage{Total: p.Total, Rows: make([]EntityRow, len(p.Rows))}
	for i, r := range p.Rows {
		out.Rows[i] = EntityRow{ID: r.ID, Name: r.Name, Status: r.Status, StatusLabel: register.Status(r.Status).LabelIn(lang()), ContactName: r.ContactName,
			ReceivedOn: r.ReceivedOn, UpdatedAt: r.UpdatedAt, Complete: r.Complete, MissingCount: r.MissingCount,
			Products: nonNil(r.Products), ATPTypes: nonNil(r.ATPTypes), Score: r.Score}
	}
	return out
}

// List returns one page of the entities q selects (search, filters, sort).
func (r *RegisterService) List(q ListQuery) (ListPage, error) {
	reg, err := r.s.openRegister()
	if err != nil {
		return ListPage{Rows: []EntityRow{}}, Fail(err)
	}
	page, err := reg.ListEntities(context.Background(), q.query())
	if err != nil {
		return ListPage{Rows: []EntityRow{}}, Fail(err)
	}
	return listPage(page), nil
}

// EntityRef is one entity's id and name.
type EntityRef struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// Matching returns the id and name of every entity q's search and filters
// select (q's sort and page are ignored), by name: "select all" in the list
// ticks every one of them, not only the rows on screen.
func (r *RegisterService) Matching(q ListQuery) ([]EntityRef, error) {
	reg, err := r.s.openRegister()
	if err != nil {
		return []EntityRef{}, Fail(err)
	}
	refs, err := reg.MatchingEntities(context.Background(), q.query())
	if err != nil {
		return []EntityRef{}, Fail(err)
	}
	out := make([]EntityRef, len(refs))
	for i, e := range refs {
		out[i] = EntityRef(e)
	}
	return out, nil
}

// MissingView is one unanswered RFI item of an entity: its field (JSON name,
// "submissions[i].field" for a product's item), the RFI's wording, and for a
// product's item the product's id and name.
type MissingView struct {
	Field        string `json:"field"`
	Label        string `json:"label"`
	SubmissionID int64  `json:"submissionId"`
	Product      string `json:"product"`
}

// EntityView is one entity as the window shows it: the entity with its
// submissions, its completeness and what is missing, the statuses it may
// move to, its history (oldest first) and its attachments.
type EntityView struct {
	Entity      register.Entity   `json:"entity"`
	Complete    bool              `json:"complete"`
	Missing     []MissingView     `json:"missing"`
	Moves       []register.Choice `json:"moves"`
	History     []HistoryEntry    `json:"history"`
	Attachments []Attachment      `json:"attachments"`
}

// HistoryEntry is one line of an entity's history: what changed (field,
// old, new), when (RFC 3339), by whom, and why or in what context.
type HistoryEntry struct {
	ID       int64  `json:"id"`
	EntityID int64  `json:"entityId"`
	At       string `json:"at"`
	By       string `json:"by"`
	Action   string `json:"action"`
	Field    string `json:"field"`
	Old      string `json:"old"`
	New      string `json:"new"`
	Detail   string `json:"detail"`
}

func historyEntries(h []register.AuditEntry) []HistoryEntry {
	out := make([]HistoryEntry, len(h))
	lang := lang()
	for i, a := range h {
		out[i] = HistoryEntry(a)
		out[i].Detail = detailIn(a.Detail, lang)
	}
	return out
}

// Attachment describes a file kept with an entity (stored encrypted inside
// the register), without its content. AddedAt is RFC 3339.
type Attachment struct {
	ID       int64  `json:"id"`
	EntityID int64  `json:"entityId"`
	Name     string `json:"name"`
	Mime     string `json:"mime"`
	Size     int64  `json:"size"`
	SHA256   string `json:"sha256"`
	AddedAt  string `json:"addedAt"`
	AddedBy  string `json:"addedBy"`
}

func attachments(as []register.AttachmentInfo) []Attachment {
	out := make([]Attachment, len(as))
	for i, a := range as {
		out[i] = Attachment(a)
	}
	return out
}

// Get returns the entity with id as an EntityView.
func (r *RegisterService) Get(id int64) (EntityView, error) {
	reg, err := r.s.openRegister()
	if err != nil {
		return EntityView{}, Fail(err)
	}
	rec, err := reg.EntityRecord(context.Background(), id)
	if err != nil {
		return EntityView{}, Fail(err)
	}
	e := rec.Entity
	v := EntityView{Entity: e, Complete: rec.Complete, Missing: []MissingView{}, Moves: []register.Choice{},
		History: historyEntries(rec.History), Attachments: attachments(rec.Attachments)}
	for _, m := range rec.Missing {
		mv := MissingView{Field: m.Field, Label: m.LabelIn(lang()), Product: m.Product}
		if i, ok := submissionIndex(m.Field); ok && i < len(e.Submissions) {
			mv.SubmissionID = e.Submissions[i].ID
		}
		v.Missing = append(v.Missing, mv)
	}
	for _, s := range rec.Moves {
		v.Moves = append(v.Moves, register.Choice{Code: string(s), Label: s.LabelIn(lang())})
	}
	return v, nil
}

// submissionIndex reads i from "submissions[i].field".
func submissionIndex(field string) (int, bool) {
	rest, ok := strings.CutPrefix(field, "submissions[")
	if !ok {
		return 0, false
	}
	num, _, ok := strings.Cut(rest, "]")
	if !ok {
		return 0, false
	}
	i, err := strconv.Atoi(num)
	return i, err == nil
}

// Create registers e with its submissions and returns its id. Validation
// problems come back as an invalid error whose fields are named by JSON
// name ("submissions[i].field" for a product's).
func (r *RegisterService) Create(e register.Entity) (int64, error) {
	reg, err := r.s.openRegister()
	if err != nil {
		return 0, Fail(err)
	}
	id, err := reg.CreateEntity(context.Background(), e)
	return id, Fail(err)
}

// Check validates the entity as Create and Update would, writing nothing:
// nil when it could be saved, else apperr.Invalid with the fields to fix.
// The form calls it on each change once a save has shown an error, so a
// corrected field loses its error at once.
func (r *RegisterService) Check(e register.Entity) error {
	return Fail(e.PrepareNew())
}

// Update saves the entity's fields and its submissions (added, changed,
// removed) in one transaction, recording each changed field in the history.
// The status changes only through Move.
func (r *RegisterService) Update(e register.Entity) error {
	reg, err := r.s.openRegister()
	if err != nil {
		return Fail(err)
	}
	return Fail(reg.UpdateEntity(context.Background(), e))
}

// Delete removes the entity; its history keeps a tombstone with the reason.
func (r *RegisterService) Delete(id int64, reason string) error {
	reg, err := r.s.openRegister()
	if err != nil {
		return Fail(err)
	}
	return Fail(reg.DeleteEntity(context.Background(), id, reason))
}

// Move moves the entity to status to in the pipeline, recorded with the
// time, the reason and the officer.
func (r *RegisterService) Move(id int64, to string, reason string) error {
	reg, err := r.s.openRegister()
	if err != nil {
		return Fail(err)
	}
	return Fail(reg.MoveEntity(context.Background(), id, register.Status(to), reason))
}

// AddAttachment attaches a file given as base64 (drag and drop, tests).
func (r *RegisterService) AddAttachment(entityID int64, name string, dataBase64 string) (Attachment, error) {
	reg, err := r.s.openRegister()
	if err != nil {
		return Attachment{}, Fail(err)
	}
	// Refuse an oversized file before decoding it (the exact size comes
	// from the length and padding of the base64 text).
	if err := register.CheckAttachmentSize(name, base64DecodedSize(dataBase64)); err != nil {
		return Attachment{}, Fail(err)
	}
	data, err := base64.StdEncoding.DecodeString(dataBase64)
	if err != nil {
		return Attachment{}, Fail(apperr.Wrap(err, apperr.Invalid, "The file's content did not arrive intact; try attaching it again."))
	}
	defer clear(data)
	info, err := reg.AddAttachment(context.Background(), entityID, name, data)
	if err != nil {
		return Attachment{}, Fail(err)
	}
	return Attachment(info), nil
}

// base64DecodedSize is the number of bytes standard base64 text s decodes
// to (for well-formed text; decoding catches the rest).
func base64DecodedSize(s string) int64 {
	n := int64(len(s)) / 4 * 3
	if strings.HasSuffix(s, "==") {
		n -= 2
	} else if strings.HasSuffix(s, "=") {
		n--
	}
	return n
}

// PickAndAttach asks for a file with the system's open dialog and attaches
// it; nil when the officer cancels.
func (r *RegisterService) PickAndAttach(entityID int64) (*Attachment, error) {
	reg, err := r.s.openRegister()
	if err != nil {
		return nil, Fail(err)
	}
	ctx := r.s.windowContext()
	if ctx == nil {
		return nil, Fail(apperr.New(apperr.Internal, "The file dialog is only available in the window."))
	}
	path, err := wruntime.OpenFileDialog(ctx, wruntime.OpenDialogOptions{
		Title: "Attach the original submission",
		Filters: []wruntime.FileFilter{
			{DisplayName: "Submissions (PDF, Word, email)", Pattern: "*.pdf;*.doc;*.docx;*.eml;*.msg;*.txt;*.xlsx;*.xls"},
			{DisplayName: "All files", Pattern: "*"},
		},
	})
	if err != nil {
		return nil, Fail(apperr.Wrap(err, apperr.Internal, "The file dialog could not be opened."))
	}
	if path == "" {
		return nil, nil
	}
	info, err := reg.AttachFile(context.Background(), entityID, path)
	if err != nil {
		return nil, Fail(err)
	}
	a := Attachment(info)
	return &a, nil
}

// AttachmentData is an attachment's content for the window to show from
// memory (a blob URL), never through a temporary file.
type AttachmentData struct {
	Name   string `json:"name"`
	Mime   string `json:"mime"`
	Base64 string `json:"base64"`
}

// AttachmentData returns the attachment with id, its content as base64.
func (r *RegisterService) AttachmentData(id int64) (AttachmentData, error) {
	reg, err := r.s.openRegister()
	if err != nil {
		return AttachmentData{}, Fail(err)
	}
	info, data, err := reg.AttachmentData(context.Background(), id)
	if err != nil {
		return AttachmentData{}, Fail(err)
	}
	defer clear(data)
	return AttachmentData{Name: info.Name, Mime: info.Mime, Base64: base64.StdEncoding.EncodeToString(data)}, nil
}

// SaveAttachmentAs writes the attachment where the officer chooses with the
// system's save dialog and returns the path; "" when cancelled.
func (r *RegisterService) SaveAttachmentAs(id int64) (string, error) {
	ctx := r.s.windowContext()
	if ctx == nil {
		return "", Fail(apperr.New(apperr.Internal, "The file dialog is only available in the window."))
	}
	path, err := r.saveAttachment(id, func(name string) (string, error) {
		path, err := wruntime.SaveFileDialog(ctx, wruntime.SaveDialogOptions{Title: "Save the attachment as", DefaultFilename: name})
		if err != nil {
			return "", apperr.Wrap(err, apperr.Internal, "The file dialog could not be opened.")
		}
		return path, nil
	})
	return path, Fail(err)
}

// saveAttachment saves a copy of the attachment with id where choose says
// (service.Register.SaveAttachmentCopy).
func (r *RegisterService) saveAttachment(id int64, choose func(name string) (string, error)) (string, error) {
	reg, err := r.s.openRegister()
	if err != nil {
		return "", err
	}
	return reg.SaveAttachmentCopy(context.Background(), id, choose)
}

// DeleteAttachment removes the attachment, noting it in the entity's history.
func (r *RegisterService) DeleteAttachment(id int64) error {
	reg, err := r.s.openRegister()
	if err != nil {
		return Fail(err)
	}
	return Fail(reg.DeleteAttachment(context.Background(), id))
}

// History returns the entity's history, oldest first (also for a deleted
// entity: it ends with the tombstone).
func (r *RegisterService) History(id int64) ([]HistoryEntry, error) {
	reg, err := r.s.openRegister()
	if err != nil {
		return nil, Fail(err)
	}
	h, err := reg.History(context.Background(), id)
	if err != nil {
		return nil, Fail(err)
	}
	return historyEntries(h), nil
}

// AddTag adds tag to each entity of ids that does not hold it yet (ignoring
// case) and returns how many gained it. Every entity is read and checked
// first: an unknown id or a tag the rules refuse (empty, with ';' or ',',
// too long, one tag too many) changes nothing; then each entity is saved
// as Update does, its history recording the tags before and after.
func (r *RegisterService) AddTag(ids []int64, tag string) (int, error) {
	tag = strings.Join(strings.Fields(tag), " ")
	if tag == "" {
		return 0, Fail(apperr.New(apperr.Invalid, "Write the tag to add."))
	}
	if len(ids) == 0 {
		return 0, Fail(apperr.New(apperr.Invalid, "Select at least one entity to tag."))
	}
	reg, err := r.s.openRegister()
	if err != nil {
		return 0, Fail(err)
	}
	ctx := context.Background()
	var toTag []register.Entity
	seen := map[int64]bool{}
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		e, err := reg.Entity(ctx, id)
		if err != nil {
			return 0, Fail(err)
		}
		if slices.ContainsFunc(e.Tags, func(t string) bool { return strings.EqualFold(t, tag) }) {
			continue
		}
		e.Tags = append(slices.Clone(e.Tags), tag)
		probe := e
		if err := probe.PrepareNew(); err != nil {
			if fs := apperr.FieldsOf(err); len(fs) > 0 && fs[0].Field == "tags" {
				return 0, Fail(apperr.New(apperr.Invalid, "%s: %s Nothing was tagged.", e.Name, fs[0]))
			}
			return 0, Fail(err)
		}
		toTag = append(toTag, e)
	}
	for i, e := range toTag {
		if err := reg.UpdateEntity(ctx, e); err != nil {
			return i, Fail(err)
		}
	}
	return len(toTag), nil
}

// LookAlike is an entity already in the register that one being typed looks
// like: why is "email" (the same contact email) or "name" (nearly the same
// name).
type LookAlike struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	Why  string `json:"why"`
}

// LookAlikes names the entities other than e itself with e's contact email
// or nearly its name, so the form can warn before a second entry of one
// company is saved. It changes nothing.
func (r *RegisterService) LookAlikes(e register.Entity) ([]LookAlike, error) {
	reg, err := r.s.openRegister()
	if err != nil {
		return nil, Fail(err)
	}
	found, err := reg.LookAlikes(context.Background(), e)
	if err != nil {
		return nil, Fail(err)
	}
	out := make([]LookAlike, 0, len(found))
	for _, f := range found {
		out = append(out, LookAlike{ID: f.ID, Name: f.Name, Why: f.Why})
	}
	return out, nil
}
