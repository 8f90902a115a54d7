package briefing

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode"

	"atpreg/internal/apperr"
	"atpreg/internal/fileout"
	"atpreg/internal/pdfdoc"
	"atpreg/internal/register"
)

// Source is what the Service reads from the register and records in it.
// StoreSource adapts the register's store; tests pass their own.
type Source interface {
	// Entities returns the entities with ids, in that order, with their
	// submissions (apperr.NotFound for an unknown id).
	Entities(ctx context.Context, ids ...int64) ([]register.Entity, error)
	// Evaluations returns the evaluations of one entity (empty when none).
	Evaluations(ctx context.Context, entityID int64) ([]register.Evaluation, error)
	// Meeting returns a dialogue meeting (apperr.NotFound when there is none).
	Meeting(ctx context.Context, id int64) (register.Meeting, error)
	// Partners returns every university partner.
	Partners(ctx context.Context) ([]register.Partner, error)
	// ConflictedEntities returns the entities a partner is conflicted with,
	// each with the reason; they are left out of that partner's packs.
	ConflictedEntities(ctx context.Context, partnerID int64) (map[int64]string, error)
	// Weights returns the evaluation weights from the settings.
	Weights(ctx context.Context) (register.Weights, error)
	// RecordExports records every pack of one export in the ledger, with an
	// "export" line in the history of each entity, all or none.
	RecordExports(ctx context.Context, recs []Record) error
}

// Record is one exported pack as the ledger keeps it.
type Record struct {
	DocID     string
	Recipient string
	CopyNo    int
	EntityIDs []int64
	Options   map[string]any
	FileName  string // the full path written
	SHA256    string // of the file as written (encrypted bytes when encrypted)
	By        string
	At        time.Time
}

// Recipient is whom one copy is for: a university partner (PartnerID > 0,
// whose conflicts apply; Name defaults to the partner's name) or any named
// person (PartnerID 0).
type Recipient struct {
	PartnerID int64  `json:"partnerId"`
	Name      string `json:"name"`
}

// Request asks for packs: a meeting's (MeetingID) or chosen entities'
// (EntityIDs), one copy per recipient.
type Request struct {
	MeetingID int64   `json:"meetingId"`
	EntityIDs []int64 `json:"entityIds"`
	// Purpose heads a pack of chosen entities.
	Purpose    string      `json:"purpose"`
	Recipients []Recipient `json:"recipients"`
	// FirstCopy is the copy number of the first recipient's pack; the others
	// follow in order. 0 means 1.
	FirstCopy    int  `json:"firstCopy"`
	Anonymise    bool `json:"anonymise"`
	IncludeNotes bool `json:"includeNotes"`
	// Password, when set, encrypts every pack with AES-256. It is never
	// recorded.
	Password string `json:"password"`
	// Dir is the folder the packs are written to, named
	// "<document id>-copy<N>-<recipient>.pdf".
	Dir string `json:"dir"`
	// Path, for a single recipient, is the exact file to write instead
	// (replaced if it exists).
	Path string `json:"path"`
}

// Omission is an entity left out of one recipient's pack.
type Omission struct {
	EntityID int64  `json:"entityId"`
	Name     string `json:"name"`
	Reason   string `json:"reason"`
}

// FileResult is one pack written.
type FileResult struct {
	Recipient string               `json:"recipient"`
	CopyNo    int                  `json:"copyNo"`
	Path      string               `json:"path"`
	SHA256    string               `json:"sha256"`
	Size      int                  `json:"size"`
	Pages     int                  `json:"pages"`
	EntityIDs []int64              `json:"entityIds"`
	Omitted   []Omission           `json:"omitted"`
	Replaced  []pdfdoc.Replacement `json:"replaced"`
	Encrypted bool                 `json:"encrypted"`
}

// Result is what an export did.
type Result struct {
	DocumentID string       `json:"documentId"`
	Files      []FileResult `json:"files"`
	// Notices tell the officer what to know: entities left out for
	// conflicts, recipients who got no pack, characters replaced.
	Notices []string `json:"notices"`
}

// Progress reports an export's advance: Done of Total steps (one per pack
// rendered, then one for writing and recording).
type Progress struct {
	Done      int    `json:"done"`
	Total     int    `json:"total"`
	Recipient string `json:"recipient"`
	Message   string `json:"message"`
}

// Service makes packs from the register.
type Service struct {
	Src     Source
	Officer string           // recorded as who exported, printed as preparer
	Now     func() time.Time // nil: time.Now
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// DocumentID returns a document id for packs made at t for the given
// entities and recipients: "BP-YYYYMMDD-XXXXXX", the suffix hashed from the
// inputs and the time to the nanosecond.
func DocumentID(t time.Time, entityIDs []int64, recipients []string) string {
	h := sha256.New()
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], uint64(t.UnixNano()))
	h.Write(b[:])
	for _, id := range entityIDs {
		binary.BigEndian.PutUint64(b[:], uint64(id))
		h.Write(b[:])
	}
	for _, r := range recipients {
		h.Write([]byte(r))
		h.Write([]byte{0})
	}
	return "BP-" + t.Format("20060102") + "-" + strings.ToUpper(hex.EncodeToString(h.Sum(nil))[:6])
}

// Export renders one pack per recipient, encrypts them when a password is
// given, writes them (0600) and records each in the ledger. A partner's
// conflicted entities are left out of their pack (and their names scrubbed
// from its free texts), with a notice. progress (optional) is called after
// each step. Cancelling ctx stops the export before anything is written;
// a failure leaves no file behind and records nothing. Errors:
// apperr.Invalid (bad request), apperr.NotFound, apperr.Conflict (a file
// exists), apperr.Canceled.
func (s *Service) Export(ctx context.Context, req Request, progress func(Progress)) (Result, error) {
	if progress == nil {
		progress = func(Progress) {}
	}
	if err := s.check(req); err != nil {
		return Result{}, err
	}
	now := s.now()
	in, err := s.gather(ctx, req)
	if err != nil {
		return Result{}, err
	}
	recipients, err := s.recipients(ctx, req)
	if err != nil {
		return Result{}, err
	}
	weights, err := s.Src.Weights(ctx)
	if err != nil {
		return Result{}, err
	}
	in.Weights = weights
	in.Date = now
	in.PreparedBy = s.Officer
	names := make([]string, len(recipients))
	for i, r := range recipients {
		names[i] = r.name
	}
	ids := make([]int64, len(in.Entities))
	for i, e := range in.Entities {
		ids[i] = e.Entity.ID
	}
	res := Result{DocumentID: DocumentID(now, ids, names), Files: []FileResult{}, Notices: []string{}}
	in.DocumentID = res.DocumentID
	opt := PackOptions{Anonymise: req.Anonymise, IncludeNotes: req.IncludeNotes}

	total := len(recipients) + 1
	type made struct {
		FileResult
		pdf []byte
	}
	var packs []made
	var replaced []pdfdoc.Replacement
	copyNo := max(req.FirstCopy, 1)
	for i, r := range recipients {
		if err := ctx.Err(); err != nil {
			return Result{}, canceled(err)
		}
		pin := in
		pin.Recipient, pin.CopyNo = r.name, copyNo
		pin.Entities = nil
		var omitted []Omission
		for _, e := range in.Entities {
			if reason, ok := r.conflicts[e.Entity.ID]; ok {
				omitted = append(omitted, Omission{EntityID: e.Entity.ID, Name: e.Entity.Name, Reason: reason})
				pin.Withheld = append(pin.Withheld, e.Entity.Name)
				continue
			}
			pin.Entities = append(pin.Entities, e)
		}
		if len(omitted) > 0 {
			list := make([]string, len(omitted))
			for j, o := range omitted {
				list[j] = o.Name
			}
			res.Notices = append(res.Notices, fmt.Sprintf("%s: %d entit%s left out for a conflict of interest (%s).",
				r.name, len(omitted), plural(len(omitted), "y", "ies"), strings.Join(list, "; ")))
		}
		if len(pin.Entities) == 0 {
			res.Notices = append(res.Notices, fmt.Sprintf("%s gets no pack: they are conflicted with every entity in it.", r.name))
			progress(Progress{Done: i + 1, Total: total, Recipient: r.name, Message: "No pack: every entity is conflicted"})
			continue
		}
		p, err := Render(pin, opt)
		if err != nil {
			return Result{}, err
		}
		pdf := p.PDF
		if req.Password != "" {
			if pdf, err = pdfdoc.Encrypt(p.PDF, req.Password, ""); err != nil {
				return Result{}, err
			}
		}
		sum := sha256.Sum256(pdf)
		for _, rp := range p.Replaced {
			if !slices.ContainsFunc(replaced, func(x pdfdoc.Replacement) bool { return x.Where == rp.Where }) {
				replaced = append(replaced, rp)
			}
		}
		packs = append(packs, made{FileResult: FileResult{Recipient: r.name, CopyNo: copyNo, SHA256: hex.EncodeToString(sum[:]),
			Size: len(pdf), Pages: p.Pages, EntityIDs: p.EntityIDs, Omitted: nonNil(omitted), Replaced: nonNil(p.Replaced),
			Encrypted: req.Password != ""}, pdf: pdf})
		copyNo++
		progress(Progress{Done: i + 1, Total: total, Recipient: r.name, Message: fmt.Sprintf("Copy %d for %s: %d pages", pin.CopyNo, r.name, p.Pages)})
	}
	if len(replaced) > 0 {
		res.Notices = append(res.Notices, replacedNotice(replaced))
	}
	if len(packs) == 0 {
		return Result{}, apperr.New(apperr.Invalid, "No pack was made: every recipient is conflicted with every entity in it.")
	}
	if err := ctx.Err(); err != nil {
		return Result{}, canceled(err)
	}

	// Write every file, then record them all; undo the files on failure.
	var written []string
	undo := func() {
		for _, p := range written {
			_ = os.Remove(p)
		}
	}
	for i := range packs {
		path := req.Path
		if path == "" {
			path = filepath.Join(req.Dir, fileName(res.DocumentID, packs[i].CopyNo, packs[i].Recipient))
		}
		if err := writeFile(path, packs[i].pdf, req.Path != ""); err != nil {
			undo()
			return Result{}, err
		}
		written = append(written, path)
		packs[i].Path = path
	}
	options := map[string]any{"anonymised": req.Anonymise, "encrypted": req.Password != "", "includeNotes": req.IncludeNotes}
	if req.MeetingID > 0 {
		options["meetingId"] = req.MeetingID
	} else if req.Purpose != "" {
		options["purpose"] = req.Purpose
	}
	recs := make([]Record, len(packs))
	for i, p := range packs {
		o := make(map[string]any, len(options)+1)
		for k, v := range options {
			o[k] = v
		}
		o["pages"] = p.Pages
		if len(p.Omitted) > 0 {
			left := make([]int64, len(p.Omitted))
			for j, x := range p.Omitted {
				left[j] = x.EntityID
			}
			o["conflictedLeftOut"] = left
		}
		recs[i] = Record{DocID: res.DocumentID, Recipient: p.Recipient, CopyNo: p.CopyNo, EntityIDs: p.EntityIDs,
			Options: o, FileName: p.Path, SHA256: p.SHA256, By: s.Officer, At: now}
	}
	// Recording must not be abandoned half-way by a late cancellation.
	if err := s.Src.RecordExports(context.WithoutCancel(ctx), recs); err != nil {
		undo()
		return Result{}, err
	}
	for _, p := range packs {
		res.Files = append(res.Files, p.FileResult)
	}
	progress(Progress{Done: total, Total: total, Message: fmt.Sprintf("%d pack%s written and recorded", len(packs), plural(len(packs), "", "s"))})
	return res, nil
}

func (s *Service) check(req Request) error {
	var fields []apperr.FieldError
	if req.MeetingID <= 0 && len(req.EntityIDs) == 0 {
		fields = append(fields, apperr.FieldError{Field: "entityIds", Message: "Choose a meeting or at least one entity."})
	}
	if req.MeetingID > 0 && len(req.EntityIDs) > 0 {
		fields = append(fields, apperr.FieldError{Field: "entityIds", Message: "Choose a meeting or entities, not both."})
	}
	if len(req.Recipients) == 0 {
		fields = append(fields, apperr.FieldError{Field: "recipients", Message: "Choose at least one recipient."})
	}
	for _, r := range req.Recipients {
		if r.PartnerID == 0 && strings.TrimSpace(r.Name) == "" {
			fields = append(fields, apperr.FieldError{Field: "recipients", Message: "Every recipient needs a name."})
			break
		}
	}
	if req.FirstCopy < 0 {
		fields = append(fields, apperr.FieldError{Field: "firstCopy", Message: "The copy number must be 1 or more."})
	}
	switch {
	case req.Path != "" && len(req.Recipients) > 1:
		fields = append(fields, apperr.FieldError{Field: "path", Message: "Give a folder, not one file, for packs to several recipients."})
	case req.Path == "" && strings.TrimSpace(req.Dir) == "":
		fields = append(fields, apperr.FieldError{Field: "dir", Message: "Choose the folder to save the packs in."})
	case req.Path == "":
		if st, err := os.Stat(req.Dir); err != nil || !st.IsDir() {
			fields = append(fields, apperr.FieldError{Field: "dir", Message: "The folder does not exist; choose another."})
		}
	}
	if len(fields) > 0 {
		return &apperr.Error{Code: apperr.Invalid, Message: "The packs cannot be made: " + fields[0].Message, Fields: fields}
	}
	return nil
}

// gather reads the meeting or the chosen entities with their evaluations.
func (s *Service) gather(ctx context.Context, req Request) (PackInput, error) {
	var in PackInput
	var ids []int64
	if req.MeetingID > 0 {
		m, err := s.Src.Meeting(ctx, req.MeetingID)
		if err != nil {
			return in, err
		}
		if len(m.EntityIDs) == 0 {
			return in, apperr.New(apperr.Invalid, "The meeting %q discusses no entities yet; add them to the meeting first.", m.Title)
		}
		in.Meeting = &m
		ids = m.EntityIDs
		partners, err := s.Src.Partners(ctx)
		if err != nil {
			return in, err
		}
		for _, p := range partners {
			if slices.Contains(m.PartnerIDs, p.ID) {
				in.Partners = append(in.Partners, p.Name)
			}
		}
	} else {
		in.Purpose = strings.TrimSpace(req.Purpose)
		seen := map[int64]bool{}
		for _, id := range req.EntityIDs {
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	entities, err := s.Src.Entities(ctx, ids...)
	if err != nil {
		return in, err
	}
	for _, e := range entities {
		if err := ctx.Err(); err != nil {
			return in, canceled(err)
		}
		evs, err := s.Src.Evaluations(ctx, e.ID)
		if err != nil {
			return in, err
		}
		in.Entities = append(in.Entities, EntityInput{Entity: e, Evaluations: evs})
	}
	return in, nil
}

type recipient struct {
	name      string
	conflicts map[int64]string
}

func (s *Service) recipients(ctx context.Context, req Request) ([]recipient, error) {
	var partners []register.Partner
	out := make([]recipient, 0, len(req.Recipients))
	for _, r := range req.Recipients {
		rc := recipient{name: strings.TrimSpace(r.Name)}
		if r.PartnerID > 0 {
			if partners == nil {
				var err error
				if partners, err = s.Src.Partners(ctx); err != nil {
					return nil, err
				}
			}
			i := slices.IndexFunc(partners, func(p register.Partner) bool { return p.ID == r.PartnerID })
			if i < 0 {
				return nil, apperr.New(apperr.NotFound, "University partner %d is not in the register (it may have been deleted).", r.PartnerID)
			}
			if rc.name == "" {
				rc.name = partners[i].Name
			}
			c, err := s.Src.ConflictedEntities(ctx, r.PartnerID)
			if err != nil {
				return nil, err
			}
			rc.conflicts = c
		}
		out = append(out, rc)
	}
	return out, nil
}

// FindPartner returns the id of the partner named name (case and surrounding
// space ignored), or 0 when none is.
func FindPartner(partners []register.Partner, name string) int64 {
	for _, p := range partners {
		if strings.EqualFold(strings.TrimSpace(p.Name), strings.TrimSpace(name)) {
			return p.ID
		}
	}
	return 0
}

func replacedNotice(rs []pdfdoc.Replacement) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = fmt.Sprintf("%s (%s)", r.Where, string(r.Runes))
	}
	return "Some characters cannot be printed and were replaced by □ in: " + strings.Join(parts, "; ") + "."
}

// fileName is "<doc id>-copy<N>-<recipient>.pdf" with the recipient reduced
// to letters, digits and dashes.
func fileName(docID string, copyNo int, recipient string) string {
	var b strings.Builder
	dash := false
	for _, r := range recipient {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
		if b.Len() > 60 {
			break
		}
	}
	slug := strings.Trim(b.String(), "-")
	if slug == "" {
		slug = "recipient"
	}
	return fmt.Sprintf("%s-copy%d-%s.pdf", docID, copyNo, slug)
}

// writeFile writes b to path (mode 0600) through a temporary file in the same
// folder, synced before it is renamed into place. An existing file is an
// apperr.Conflict unless replace.
func writeFile(path string, b []byte, replace bool) error {
	if !replace {
		if _, err := os.Lstat(path); err == nil {
			return apperr.New(apperr.Conflict, "A file named %s already exists; choose another folder.", filepath.Base(path))
		}
	}
	return fileout.Write(path, b, "The briefing pack")
}

func canceled(err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return apperr.Wrap(err, apperr.Canceled, "The export was cancelled; no pack was saved.")
	}
	return err
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
