package service

import (
	"cmp"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"atpreg/internal/apperr"
	"atpreg/internal/briefing"
	"atpreg/internal/pdfdoc"
	"atpreg/internal/register"
)

// PackRecipient is whom one copy is for: a university partner (PartnerID >
// 0, whose conflicts apply; Name defaults to the partner's name) or any
// named person (PartnerID 0).
type PackRecipient struct {
	PartnerID int64
	Name      string
}

// PackRequest asks for briefing packs: a meeting's (MeetingID) or chosen
// entities' (EntityIDs), one copy per recipient.
type PackRequest struct {
	MeetingID int64
	EntityIDs []int64
	// Purpose heads a pack of chosen entities.
	Purpose    string
	Recipients []PackRecipient
	// FirstCopy is the copy number of the first recipient's pack; the others
	// follow. 0 means 1.
	FirstCopy    int
	Anonymise    bool
	IncludeNotes bool
	// IncludeEvaluation adds the evaluation panel's result (weighted score,
	// means per aspect, recommendation tally; never an evaluator's name, note
	// or reason). Left out by default.
	IncludeEvaluation bool
	// Password, when set, encrypts every pack with AES-256. It is never
	// recorded.
	Password string
	// Dir is the folder the packs are written to, named
	// "<document id>-copy<N>-<recipient>.pdf" (an existing file is a
	// conflict).
	Dir string
	// Path, for a single recipient, is the exact file to write instead.
	Path string
	// Replace lets a pack replace an existing file of its name (the CLI's
	// --force); otherwise an existing file is an apperr.Conflict caused by
	// a FileExistsError, and nothing is written.
	Replace bool
	// Lang is the packs' language: "" or "en" English, "zh-HK" Traditional
	// Chinese.
	Lang string
}

// PackFile is one pack published.
type PackFile struct {
	Recipient string
	CopyNo    int
	Path      string
	SHA256    string
	Size      int
	Pages     int
	EntityIDs []int64
	Omitted   []briefing.Omission
	Replaced  []pdfdoc.Replacement
	Encrypted bool
	LedgerID  int64
}

// PackResult is what MakePacks did.
type PackResult struct {
	DocumentID string
	Files      []PackFile
	// Notices tell the officer what to know: entities left out for
	// conflicts, recipients who got no pack, characters replaced.
	Notices []apperr.Text
}

// PackProgress reports the advance of MakePacks (briefing.Progress).
type PackProgress = briefing.Progress

// MakePacks renders one briefing pack per recipient, encrypts them when a
// password is given, and publishes them together (one ledger entry of kind
// brief per pack, an "export" line in its entities' history). A partner's
// conflicted entities are left out of their pack, with a notice. progress
// (optional) is called after each step. Cancelling ctx stops it before
// anything is recorded. Errors: apperr.Invalid (bad request, with the
// field), apperr.NotFound, apperr.Conflict (a file exists), apperr.Canceled.
func (r *Register) MakePacks(ctx context.Context, req PackRequest, progress func(PackProgress)) (PackResult, error) {
	if progress == nil {
		progress = func(PackProgress) {}
	}
	if err := checkPackRequest(req); err != nil {
		return PackResult{}, err
	}
	lang, _ := register.ParseLang(req.Lang)
	if err := ctx.Err(); err != nil {
		return PackResult{}, briefing.Canceled(err)
	}
	now := r.Now()
	in, err := r.packInput(ctx, req)
	if err != nil {
		return PackResult{}, err
	}
	copies, err := r.packCopies(ctx, req)
	if err != nil {
		return PackResult{}, err
	}
	st, err := r.db.GetSettings(ctx)
	if err != nil {
		return PackResult{}, err
	}
	officer := r.Officer(ctx)
	in.Weights, in.Date, in.PreparedBy = st.Weights, now, officer
	in.DocumentID = NewDocumentID(DocPrefixBrief, now)
	res := PackResult{DocumentID: in.DocumentID, Files: []PackFile{}}
	packs, notices, err := briefing.Make(ctx, in, copies, briefing.MakeOptions{
		PackOptions: briefing.PackOptions{Anonymise: req.Anonymise, IncludeNotes: req.IncludeNotes, IncludeEvaluation: req.IncludeEvaluation, Lang: lang},
		Password:    req.Password, FirstCopy: req.FirstCopy,
	}, progress)
	if err != nil {
		return PackResult{}, err
	}
	res.Notices = notices
	options := map[string]any{"anonymised": req.Anonymise, "encrypted": req.Password != "", "includeNotes": req.IncludeNotes, "includeEvaluation": req.IncludeEvaluation, "lang": lang}
	if req.MeetingID > 0 {
		options["meetingId"] = req.MeetingID
	} else if req.Purpose != "" {
		options["purpose"] = req.Purpose
	}
	pubs := make([]Publication, len(packs))
	for i, p := range packs {
		o := make(map[string]any, len(options)+2)
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
		path := req.Path
		if path == "" {
			path = filepath.Join(req.Dir, briefing.FileName(res.DocumentID, p.CopyNo, p.Recipient))
		}
		pubs[i] = Publication{Kind: register.LedgerBrief, DocID: res.DocumentID, Path: path, Data: p.PDF,
			Recipient: p.Recipient, CopyNo: p.CopyNo, EntityIDs: p.EntityIDs, Options: o,
			Replace: req.Replace, What: apperr.Fixed("The briefing pack"), Variants: p.Variants.String()}
	}
	if err := ctx.Err(); err != nil {
		return PackResult{}, briefing.Canceled(err)
	}
	entries, err := r.Publish(ctx, pubs)
	if err != nil {
		return PackResult{}, err
	}
	for i, p := range packs {
		e := entries[i]
		res.Files = append(res.Files, PackFile{Recipient: p.Recipient, CopyNo: p.CopyNo, Path: LedgerPath(e), SHA256: e.SHA256,
			Size: len(p.PDF), Pages: p.Pages, EntityIDs: p.EntityIDs, Omitted: p.Omitted, Replaced: p.Replaced,
			Encrypted: p.Encrypted, LedgerID: e.ID})
	}
	total := len(copies) + 1
	progress(PackProgress{Done: total, Total: total, Message: packsWritten(len(packs))})
	return res, nil
}

func checkPackRequest(req PackRequest) error {
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
	if _, err := register.ParseLang(req.Lang); err != nil {
		fields = append(fields, apperr.Field("lang", "%s", apperr.Say(err)))
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
		return apperr.New(apperr.Invalid, "The packs cannot be made: %s", fields[0]).With(fields...)
	}
	return nil
}

// packInput reads the meeting or the chosen entities with their evaluations.
func (r *Register) packInput(ctx context.Context, req PackRequest) (briefing.PackInput, error) {
	var in briefing.PackInput
	var ids []int64
	if req.MeetingID > 0 {
		mt, err := r.db.GetMeeting(ctx, req.MeetingID)
		if err != nil {
			return in, err
		}
		m := mt.Meeting
		if len(m.EntityIDs) == 0 {
			return in, apperr.New(apperr.Invalid, "The meeting %q discusses no entities yet; add them to the meeting first.", m.Title)
		}
		// The register keeps times in UTC; the pack says them on the
		// officer's clock, as letters do.
		m.StartsAt = m.StartsAt.In(time.Local)
		in.Meeting = &m
		ids = m.EntityIDs
		conflicts, err := r.db.MeetingConflicts(ctx, m.ID)
		if err != nil {
			return in, err
		}
		for _, c := range conflicts {
			if in.Recused == nil {
				in.Recused = map[int64][]string{}
			}
			in.Recused[c.EntityID] = append(in.Recused[c.EntityID], c.PartnerName)
		}
		partners, err := r.db.Partners(ctx)
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
	if len(ids) == 0 {
		return in, nil
	}
	entities, err := r.db.Entities(ctx, ids...)
	if err != nil {
		return in, err
	}
	for _, e := range entities {
		if err := ctx.Err(); err != nil {
			return in, briefing.Canceled(err)
		}
		evs, err := r.db.EntityEvaluations(ctx, e.ID)
		if err != nil {
			return in, err
		}
		in.Entities = append(in.Entities, briefing.EntityInput{Entity: e, Evaluations: evs})
	}
	return in, nil
}

// packCopies resolves the recipients: a partner's name and conflicts.
func (r *Register) packCopies(ctx context.Context, req PackRequest) ([]briefing.Copy, error) {
	var partners []register.Partner
	out := make([]briefing.Copy, 0, len(req.Recipients))
	for _, rc := range req.Recipients {
		c := briefing.Copy{Recipient: strings.TrimSpace(rc.Name)}
		if rc.PartnerID > 0 {
			if partners == nil {
				var err error
				if partners, err = r.db.Partners(ctx); err != nil {
					return nil, err
				}
			}
			i := slices.IndexFunc(partners, func(p register.Partner) bool { return p.ID == rc.PartnerID })
			if i < 0 {
				return nil, apperr.New(apperr.NotFound, "University partner %d is not in the register (it may have been deleted).", rc.PartnerID)
			}
			if c.Recipient == "" {
				c.Recipient = partners[i].Name
			}
			conflicts, err := r.db.ConflictedEntities(ctx, rc.PartnerID)
			if err != nil {
				return nil, err
			}
			c.Conflicts = conflicts
		}
		out = append(out, c)
	}
	return out, nil
}

// PackRecipientNamed is the recipient named name: the university partner of
// that name (case and surrounding space ignored), whose conflicts apply, or
// else a named person.
func (r *Register) PackRecipientNamed(ctx context.Context, name string) (PackRecipient, error) {
	partners, err := r.db.Partners(ctx)
	if err != nil {
		return PackRecipient{}, err
	}
	return PackRecipient{PartnerID: briefing.FindPartner(partners, name), Name: strings.TrimSpace(name)}, nil
}

// PackEntity is an entity the pack dialog offers.
type PackEntity struct {
	ID       int64
	Name     string
	Status   register.Status
	Complete bool
}

// PackPartner is a partner the pack dialog offers as a recipient, with the
// entities its packs leave out.
type PackPartner struct {
	register.Partner
	Conflicted []int64
}

// PackSetup is what the pack dialog offers.
type PackSetup struct {
	Meetings []register.Meeting // newest first
	Entities []PackEntity       // by name
	Partners []PackPartner
	Officer  string
}

// PackChoices returns the meetings, entities and partners (with their
// conflicts) the pack dialog offers.
func (r *Register) PackChoices(ctx context.Context) (PackSetup, error) {
	out := PackSetup{Meetings: []register.Meeting{}, Entities: []PackEntity{}, Partners: []PackPartner{}, Officer: r.Officer(ctx)}
	meetings, err := r.db.Meetings(ctx)
	if err != nil {
		return out, err
	}
	for _, m := range meetings {
		out.Meetings = append(out.Meetings, m.Meeting)
	}
	slices.SortStableFunc(out.Meetings, func(a, b register.Meeting) int { return -a.StartsAt.Compare(b.StartsAt) })
	entities, err := r.db.Entities(ctx)
	if err != nil {
		return out, err
	}
	for _, e := range entities {
		out.Entities = append(out.Entities, PackEntity{ID: e.ID, Name: e.Name, Status: e.Status, Complete: e.Complete()})
	}
	slices.SortStableFunc(out.Entities, func(a, b PackEntity) int { return cmp.Compare(a.Name, b.Name) })
	partners, err := r.db.Partners(ctx)
	if err != nil {
		return out, err
	}
	for _, p := range partners {
		c, err := r.db.ConflictedEntities(ctx, p.ID)
		if err != nil {
			return out, err
		}
		ids := make([]int64, 0, len(c))
		for id := range c {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		out.Partners = append(out.Partners, PackPartner{Partner: p, Conflicted: ids})
	}
	return out, nil
}

// PackLedgerRow is one published pack with the names of its entities and
// whether its file is still where it was written.
type PackLedgerRow struct {
	register.LedgerEntry
	Path        string
	EntityNames []string
	FileExists  bool
}

// PackLedger returns the published briefing packs, newest first (limit 0:
// all), with their entities' names (a deleted entity shows as its code).
func (r *Register) PackLedger(ctx context.Context, limit int) ([]PackLedgerRow, error) {
	entries, err := r.Ledger(ctx, register.LedgerBrief, limit)
	if err != nil {
		return nil, err
	}
	all, err := r.db.Entities(ctx)
	if err != nil {
		return nil, err
	}
	names := make(map[int64]string, len(all))
	for _, e := range all {
		names[e.ID] = e.Name
	}
	out := make([]PackLedgerRow, len(entries))
	for i, e := range entries {
		row := PackLedgerRow{LedgerEntry: e, Path: LedgerPath(e), EntityNames: make([]string, len(e.EntityIDs))}
		for j, id := range e.EntityIDs {
			if n, ok := names[id]; ok {
				row.EntityNames[j] = n
			} else {
				row.EntityNames[j] = briefing.EntityCode(id) + " (deleted)"
			}
		}
		if row.Path != "" {
			_, statErr := os.Stat(row.Path)
			row.FileExists = statErr == nil
		}
		out[i] = row
	}
	return out, nil
}

// PublishedPath returns path when it is a file the ledger records as
// published (any kind), for opening it with the system. Errors:
// apperr.NotFound.
func (r *Register) PublishedPath(ctx context.Context, path string) (string, error) {
	entries, err := r.Ledger(ctx, "", 0)
	if err != nil {
		return "", err
	}
	if !slices.ContainsFunc(entries, func(e register.LedgerEntry) bool { return path != "" && LedgerPath(e) == path }) {
		return "", apperr.New(apperr.NotFound, "That file is not a published document in the ledger.")
	}
	return path, nil
}

// packsWritten is the last progress message of making n packs.
func packsWritten(n int) apperr.Text {
	if n == 1 {
		return apperr.T("1 pack written and recorded")
	}
	return apperr.T("%d packs written and recorded", n)
}
