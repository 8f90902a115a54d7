package app

import (
	"context"
	"encoding/base64"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	wruntime "github.com/wailsapp/wails/v2/pkg/runtime"

	"atpreg/internal/apperr"
	"atpreg/internal/fileout"
	"atpreg/internal/register"
	"atpreg/internal/store"
)

func init() { addService(func(s *Session) any { return &RegisterService{s: s} }) }

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

// Choices returns every choice list and field label (needs no open register).
func (r *RegisterService) Choices() ChoicesView {
	c := register.Choices()
	v := ChoicesView{
		Routes: c["routes"], ATPTypes: c["atp_type"], GeneVectors: c["gene_vector"], IntendedUses: c["intended_use"],
		StartingMaterials: c["starting_materials"], ProcessTypes: c["process_type"], TrainingRoles: c["training_roles"],
		Statuses: c["status"], Labels: map[string]string{}, NeedsReason: []string{},
		MaxAttachmentBytes: store.MaxAttachmentBytes,
	}
	for _, f := range labelledFields {
		v.Labels[f] = register.FieldLabel(f)
	}
	for _, s := range register.Statuses() {
		if s.NeedsReason() {
			v.NeedsReason = append(v.NeedsReason, string(s))
		}
	}
	return v
}

// List returns one page of the entities q selects (search, filters, sort).
func (r *RegisterService) List(q store.ListQuery) (store.ListPage, error) {
	db, err := r.s.openDB()
	if err != nil {
		return store.ListPage{Rows: []store.EntityRow{}}, Fail(err)
	}
	page, err := db.ListEntities(context.Background(), q)
	return page, Fail(err)
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
	Entity      register.Entity        `json:"entity"`
	Complete    bool                   `json:"complete"`
	Missing     []MissingView          `json:"missing"`
	Moves       []register.Choice      `json:"moves"`
	History     []store.AuditEntry     `json:"history"`
	Attachments []store.AttachmentInfo `json:"attachments"`
}

// Get returns the entity with id as an EntityView.
func (r *RegisterService) Get(id int64) (EntityView, error) {
	db, err := r.s.openDB()
	if err != nil {
		return EntityView{}, Fail(err)
	}
	v, err := entityView(context.Background(), db, id)
	return v, Fail(err)
}

func entityView(ctx context.Context, db *store.DB, id int64) (EntityView, error) {
	e, err := db.GetEntity(ctx, id)
	if err != nil {
		return EntityView{}, err
	}
	v := EntityView{Entity: e, Complete: e.Complete(), Missing: []MissingView{}, Moves: []register.Choice{}}
	for _, m := range e.Missing() {
		mv := MissingView{Field: m.Field, Label: m.Label, Product: m.Product}
		if i, ok := submissionIndex(m.Field); ok && i < len(e.Submissions) {
			mv.SubmissionID = e.Submissions[i].ID
		}
		v.Missing = append(v.Missing, mv)
	}
	for _, s := range register.Moves(e.Status) {
		v.Moves = append(v.Moves, register.Choice{Code: string(s), Label: s.Label()})
	}
	if v.History, err = db.History(ctx, id); err != nil {
		return EntityView{}, err
	}
	for i := range v.History {
		v.History[i].At = store.RFC3339(v.History[i].At)
	}
	if v.Attachments, err = db.Attachments(ctx, id); err != nil {
		return EntityView{}, err
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
	db, err := r.s.openDB()
	if err != nil {
		return 0, Fail(err)
	}
	id, err := db.CreateEntity(context.Background(), e, r.s.officer())
	return id, Fail(err)
}

// Update saves the entity's fields and its submissions (added, changed,
// removed) in one transaction, recording each changed field in the history.
// The status changes only through Move.
func (r *RegisterService) Update(e register.Entity) error {
	db, err := r.s.openDB()
	if err != nil {
		return Fail(err)
	}
	return Fail(db.UpdateEntity(context.Background(), e, r.s.officer()))
}

// Delete removes the entity; its history keeps a tombstone with the reason.
func (r *RegisterService) Delete(id int64, reason string) error {
	db, err := r.s.openDB()
	if err != nil {
		return Fail(err)
	}
	return Fail(db.DeleteEntity(context.Background(), id, reason, r.s.officer()))
}

// Move moves the entity to status to in the pipeline, recorded with the
// time, the reason and the officer.
func (r *RegisterService) Move(id int64, to string, reason string) error {
	db, err := r.s.openDB()
	if err != nil {
		return Fail(err)
	}
	return Fail(db.MoveEntity(context.Background(), id, register.Status(to), reason, r.s.officer()))
}

// AddAttachment attaches a file given as base64 (drag and drop, tests).
func (r *RegisterService) AddAttachment(entityID int64, name string, dataBase64 string) (store.AttachmentInfo, error) {
	db, err := r.s.openDB()
	if err != nil {
		return store.AttachmentInfo{}, Fail(err)
	}
	// Refuse an oversized file before decoding it (the exact size comes
	// from the length and padding of the base64 text).
	if err := store.CheckAttachmentSize(name, base64DecodedSize(dataBase64)); err != nil {
		return store.AttachmentInfo{}, Fail(err)
	}
	data, err := base64.StdEncoding.DecodeString(dataBase64)
	if err != nil {
		return store.AttachmentInfo{}, Fail(apperr.Wrap(err, apperr.Invalid, "The file's content did not arrive intact; try attaching it again."))
	}
	defer clear(data)
	info, err := db.AddAttachment(context.Background(), entityID, name, data, r.s.officer())
	return info, Fail(err)
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
func (r *RegisterService) PickAndAttach(entityID int64) (*store.AttachmentInfo, error) {
	db, err := r.s.openDB()
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
	st, err := os.Stat(path)
	if err != nil {
		return nil, Fail(apperr.Wrap(err, apperr.NotFound, "The file %s cannot be read.", filepath.Base(path)))
	}
	if err := store.CheckAttachmentSize(path, st.Size()); err != nil {
		return nil, Fail(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, Fail(apperr.Wrap(err, apperr.Internal, "The file %s cannot be read.", filepath.Base(path)))
	}
	defer clear(data)
	info, err := db.AddAttachment(context.Background(), entityID, filepath.Base(path), data, r.s.officer())
	if err != nil {
		return nil, Fail(err)
	}
	return &info, nil
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
	db, err := r.s.openDB()
	if err != nil {
		return AttachmentData{}, Fail(err)
	}
	info, data, err := db.AttachmentData(context.Background(), id)
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

// saveAttachment writes the attachment with id to the path choose returns
// for its name ("" to cancel) the way every export is written
// (internal/fileout): a private 0600 file replacing any file of that name,
// never half a file.
func (r *RegisterService) saveAttachment(id int64, choose func(name string) (string, error)) (string, error) {
	db, err := r.s.openDB()
	if err != nil {
		return "", err
	}
	info, data, err := db.AttachmentData(context.Background(), id)
	if err != nil {
		return "", err
	}
	defer clear(data)
	path, err := choose(info.Name)
	if err != nil || path == "" {
		return "", err
	}
	if err := fileout.Write(path, data, "The attachment"); err != nil {
		return "", err
	}
	return path, nil
}

// DeleteAttachment removes the attachment, noting it in the entity's history.
func (r *RegisterService) DeleteAttachment(id int64) error {
	db, err := r.s.openDB()
	if err != nil {
		return Fail(err)
	}
	return Fail(db.DeleteAttachment(context.Background(), id, r.s.officer()))
}

// History returns the entity's history, oldest first (also for a deleted
// entity: it ends with the tombstone).
func (r *RegisterService) History(id int64) ([]store.AuditEntry, error) {
	db, err := r.s.openDB()
	if err != nil {
		return nil, Fail(err)
	}
	h, err := db.History(context.Background(), id)
	if err != nil {
		return nil, Fail(err)
	}
	for i := range h {
		h[i].At = store.RFC3339(h[i].At)
	}
	return h, nil
}
