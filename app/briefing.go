package app

import (
	"context"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	wruntime "github.com/wailsapp/wails/v2/pkg/runtime"

	"atpreg/internal/apperr"
	"atpreg/internal/service"
)

// BriefProgressEvent is the Wails event an export emits after each step,
// with a PackProgress.
const BriefProgressEvent = "brief:progress"

// BriefingService is the packs area's bound service: the export dialog's
// data, the export itself (with progress events and cancellation), the
// folder picker, opening the result with the system, and the ledger.
type BriefingService struct {
	s *Session

	mu      sync.Mutex
	cancel  context.CancelFunc // of the running export; nil when none
	lastDir string             // the folder of the last export
}

// PackMeeting is a meeting the dialog offers.
type PackMeeting struct {
	ID         int64   `json:"id"`
	Title      string  `json:"title"`
	StartsAt   string  `json:"startsAt"` // RFC 3339
	EntityIDs  []int64 `json:"entityIds"`
	PartnerIDs []int64 `json:"partnerIds"`
}

// PackEntity is an entity the dialog offers.
type PackEntity struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	Status      string `json:"status"`
	StatusLabel string `json:"statusLabel"`
	Complete    bool   `json:"complete"`
}

// PackPartner is a partner the dialog offers as a recipient, with the
// entities its packs leave out.
type PackPartner struct {
	ID         int64   `json:"id"`
	Name       string  `json:"name"`
	Facility   string  `json:"facility"`
	Conflicted []int64 `json:"conflicted"`
}

// PackSetup is what the export dialog offers.
type PackSetup struct {
	Meetings   []PackMeeting `json:"meetings"` // newest first
	Entities   []PackEntity  `json:"entities"` // by name
	Partners   []PackPartner `json:"partners"`
	DefaultDir string        `json:"defaultDir"` // the last folder used, else Documents or home
	Officer    string        `json:"officer"`
}

// Setup returns the meetings, entities and partners the export dialog offers.
func (b *BriefingService) Setup() (PackSetup, error) {
	r, err := b.s.openRegister()
	if err != nil {
		return PackSetup{}, Fail(err)
	}
	c, err := r.PackChoices(context.Background())
	if err != nil {
		return PackSetup{}, Fail(err)
	}
	out := PackSetup{Meetings: []PackMeeting{}, Entities: []PackEntity{}, Partners: []PackPartner{}, DefaultDir: b.defaultDir(), Officer: c.Officer}
	for _, m := range c.Meetings {
		out.Meetings = append(out.Meetings, PackMeeting{ID: m.ID, Title: m.Title, StartsAt: m.StartsAt.Format(time.RFC3339),
			EntityIDs: nonNilIDs(m.EntityIDs), PartnerIDs: nonNilIDs(m.PartnerIDs)})
	}
	for _, e := range c.Entities {
		out.Entities = append(out.Entities, PackEntity{ID: e.ID, Name: e.Name, Status: string(e.Status), StatusLabel: e.Status.LabelIn(lang()), Complete: e.Complete})
	}
	for _, p := range c.Partners {
		out.Partners = append(out.Partners, PackPartner{ID: p.ID, Name: p.Name, Facility: p.Facility, Conflicted: nonNilIDs(p.Conflicted)})
	}
	return out, nil
}

func nonNilIDs(ids []int64) []int64 {
	if ids == nil {
		return []int64{}
	}
	return ids
}

func (b *BriefingService) defaultDir() string {
	b.mu.Lock()
	last := b.lastDir
	b.mu.Unlock()
	return folderOr(last)
}

// PickFolder asks for the destination folder with the system's dialog; ""
// when the officer cancels.
func (b *BriefingService) PickFolder() (string, error) {
	ctx := b.s.windowContext()
	if ctx == nil {
		return "", Fail(apperr.New(apperr.Internal, "The folder dialog is only available in the window."))
	}
	dir, err := wruntime.OpenDirectoryDialog(ctx, wruntime.OpenDialogOptions{
		Title:                "Save the briefing packs in",
		DefaultDirectory:     b.defaultDir(),
		CanCreateDirectories: true,
	})
	if err != nil {
		return "", Fail(apperr.Wrap(err, apperr.Internal, "The folder dialog could not be opened."))
	}
	return dir, nil
}

// PackRecipient is whom one copy is for: a university partner (partnerId >
// 0, whose conflicts apply; name defaults to the partner's) or any named
// person (partnerId 0).
type PackRecipient struct {
	PartnerID int64  `json:"partnerId"`
	Name      string `json:"name"`
}

// PackRequest asks for packs: a meeting's or chosen entities', one copy per
// recipient, written into dir.
type PackRequest struct {
	MeetingID    int64           `json:"meetingId"`
	EntityIDs    []int64         `json:"entityIds"`
	Purpose      string          `json:"purpose"`
	Recipients   []PackRecipient `json:"recipients"`
	FirstCopy    int             `json:"firstCopy"`
	Anonymise    bool            `json:"anonymise"`
	IncludeNotes bool            `json:"includeNotes"`
	// IncludeEvaluation adds the evaluation panel's result (no evaluator's
	// name, note or reason).
	IncludeEvaluation bool   `json:"includeEvaluation"`
	Password          string `json:"password"` // never recorded
	Dir               string `json:"dir"`
	// Lang is the packs' language: "" or "en" English, "zh-HK" Traditional
	// Chinese.
	Lang string `json:"lang"`
}

// PackOmission is an entity left out of one recipient's pack.
type PackOmission struct {
	EntityID int64  `json:"entityId"`
	Name     string `json:"name"`
	Reason   string `json:"reason"`
}

// ReplacedChars are characters the font cannot print, replaced by a box in
// one place of a pack.
type ReplacedChars struct {
	Where string `json:"where"`
	Chars string `json:"chars"`
}

// PackFileResult is one pack written.
type PackFileResult struct {
	Recipient string          `json:"recipient"`
	CopyNo    int             `json:"copyNo"`
	Path      string          `json:"path"`
	SHA256    string          `json:"sha256"`
	Size      int             `json:"size"`
	Pages     int             `json:"pages"`
	EntityIDs []int64         `json:"entityIds"`
	Omitted   []PackOmission  `json:"omitted"`
	Replaced  []ReplacedChars `json:"replaced"`
	Encrypted bool            `json:"encrypted"`
}

// PackResult is what an export did.
type PackResult struct {
	DocumentID string           `json:"documentId"`
	Files      []PackFileResult `json:"files"`
	Notices    []string         `json:"notices"`
}

// PackProgress is the payload of BriefProgressEvent.
type PackProgress struct {
	Done      int    `json:"done"`
	Total     int    `json:"total"`
	Recipient string `json:"recipient"`
	Message   string `json:"message"`
}

func packResult(res service.PackResult) PackResult {
	out := PackResult{DocumentID: res.DocumentID, Files: []PackFileResult{}, Notices: notesIn(res.Notices)}
	if out.Notices == nil {
		out.Notices = []string{}
	}
	for _, f := range res.Files {
		pf := PackFileResult{Recipient: f.Recipient, CopyNo: f.CopyNo, Path: f.Path, SHA256: f.SHA256, Size: f.Size, Pages: f.Pages,
			EntityIDs: nonNilIDs(f.EntityIDs), Omitted: []PackOmission{}, Replaced: []ReplacedChars{}, Encrypted: f.Encrypted}
		for _, o := range f.Omitted {
			pf.Omitted = append(pf.Omitted, PackOmission{EntityID: o.EntityID, Name: o.Name, Reason: o.Reason})
		}
		for _, rp := range f.Replaced {
			pf.Replaced = append(pf.Replaced, ReplacedChars{Where: rp.Where, Chars: string(rp.Runes)})
		}
		out.Files = append(out.Files, pf)
	}
	return out
}

// Export makes one pack per recipient into req.Dir (service.MakePacks),
// emitting BriefProgressEvent after each step. Only one export runs at a
// time; Cancel stops it before anything is recorded.
func (b *BriefingService) Export(req PackRequest) (PackResult, error) {
	r, err := b.s.openRegister()
	if err != nil {
		return PackResult{}, Fail(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	b.mu.Lock()
	if b.cancel != nil {
		b.mu.Unlock()
		return PackResult{}, Fail(apperr.New(apperr.Conflict, "An export is already running; wait for it or cancel it."))
	}
	b.cancel = cancel
	b.mu.Unlock()
	defer func() {
		b.mu.Lock()
		b.cancel = nil
		b.mu.Unlock()
	}()
	sreq := service.PackRequest{MeetingID: req.MeetingID, EntityIDs: req.EntityIDs, Purpose: req.Purpose, FirstCopy: req.FirstCopy,
		Anonymise: req.Anonymise, IncludeNotes: req.IncludeNotes, IncludeEvaluation: req.IncludeEvaluation, Password: req.Password, Dir: req.Dir, Lang: req.Lang}
	for _, rc := range req.Recipients {
		sreq.Recipients = append(sreq.Recipients, service.PackRecipient{PartnerID: rc.PartnerID, Name: rc.Name})
	}
	win := b.s.windowContext()
	res, err := r.MakePacks(ctx, sreq, func(p service.PackProgress) {
		if win != nil {
			wruntime.EventsEmit(win, BriefProgressEvent, PackProgress{Done: p.Done, Total: p.Total, Recipient: p.Recipient, Message: p.Message.LabelIn(lang())})
		}
	})
	if err != nil {
		return PackResult{}, Fail(err)
	}
	b.mu.Lock()
	b.lastDir = req.Dir
	b.mu.Unlock()
	return packResult(res), nil
}

// Cancel stops the running export; false when none is running.
func (b *BriefingService) Cancel() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.cancel == nil {
		return false
	}
	b.cancel()
	return true
}

// openWith opens a file or folder with the system's default application.
var openWith = func(ctx context.Context, path string) error {
	if runtime.GOOS == "linux" || runtime.GOOS == "freebsd" {
		cmd := exec.Command("xdg-open", path)
		if err := cmd.Start(); err != nil {
			return err
		}
		go func() { _ = cmd.Wait() }()
		return nil
	}
	if ctx == nil {
		return apperr.New(apperr.Internal, "Opening files is only available in the window.")
	}
	wruntime.BrowserOpenURL(ctx, (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String())
	return nil
}

// Open opens a published document (folder false) or the folder holding it
// (folder true) with the system. Only files recorded in the ledger can be
// opened.
func (b *BriefingService) Open(path string, folder bool) error {
	r, err := b.s.openRegister()
	if err != nil {
		return Fail(err)
	}
	if _, err := r.PublishedPath(context.Background(), path); err != nil {
		return Fail(err)
	}
	target := path
	if folder {
		target = filepath.Dir(path)
	}
	if _, err := os.Stat(target); err != nil {
		return Fail(apperr.New(apperr.NotFound, "%s is no longer there (it may have been moved or deleted).", target))
	}
	if err := openWith(b.s.windowContext(), target); err != nil {
		return Fail(apperr.Wrap(err, apperr.Internal, "The system could not open %s.", filepath.Base(target)))
	}
	return nil
}

// PackLedgerRow is one exported pack as the ledger screen lists it.
type PackLedgerRow struct {
	ID          int64    `json:"id"`
	DocID       string   `json:"docId"`
	Recipient   string   `json:"recipient"`
	CopyNo      int      `json:"copyNo"`
	EntityIDs   []int64  `json:"entityIds"`
	EntityNames []string `json:"entityNames"`
	Anonymised  bool     `json:"anonymised"`
	Encrypted   bool     `json:"encrypted"`
	Evaluation  bool     `json:"evaluation"` // the copy carries the evaluation panel's result
	FileName    string   `json:"fileName"`   // the base name
	Folder      string   `json:"folder"`     // "" for packs from before folders were recorded
	Path        string   `json:"path"`       // folder and name; "" when the folder is unknown
	SHA256      string   `json:"sha256"`
	Delivered   bool     `json:"delivered"`  // false: recorded, not put in place (WriteAgain)
	FileExists  bool     `json:"fileExists"` // the file is still where it was written
	By          string   `json:"by"`
	At          string   `json:"at"` // RFC 3339
}

// Ledger returns the exported briefing packs, newest first, with the names
// of their entities (limit 0: all).
func (b *BriefingService) Ledger(limit int) ([]PackLedgerRow, error) {
	r, err := b.s.openRegister()
	if err != nil {
		return nil, Fail(err)
	}
	rows, err := r.PackLedger(context.Background(), limit)
	if err != nil {
		return nil, Fail(err)
	}
	out := make([]PackLedgerRow, len(rows))
	for i, e := range rows {
		anon, _ := e.Options["anonymised"].(bool)
		enc, _ := e.Options["encrypted"].(bool)
		eval, _ := e.Options["includeEvaluation"].(bool)
		out[i] = PackLedgerRow{ID: e.ID, DocID: e.DocID, Recipient: e.Recipient, CopyNo: e.CopyNo, EntityIDs: nonNilIDs(e.EntityIDs),
			EntityNames: e.EntityNames, Anonymised: anon, Encrypted: enc, Evaluation: eval, FileName: e.FileName, Folder: e.Folder, Path: e.Path,
			SHA256: e.SHA256, Delivered: e.Delivered, FileExists: e.FileExists, By: e.By, At: e.At}
	}
	return out, nil
}

// UndeliveredDoc is a published document of any kind whose file was
// recorded but not put in place (the app stopped in between).
type UndeliveredDoc struct {
	ID        int64  `json:"id"`
	DocID     string `json:"docId"`
	Kind      string `json:"kind"`
	Recipient string `json:"recipient"`
	CopyNo    int    `json:"copyNo"`
	FileName  string `json:"fileName"`
	Folder    string `json:"folder"`
	At        string `json:"at"` // RFC 3339
}

// Undelivered returns the published documents whose files are not in place;
// the ledger screen offers to write each again.
func (b *BriefingService) Undelivered() ([]UndeliveredDoc, error) {
	r, err := b.s.openRegister()
	if err != nil {
		return nil, Fail(err)
	}
	es, err := r.Undelivered(context.Background())
	if err != nil {
		return nil, Fail(err)
	}
	out := make([]UndeliveredDoc, len(es))
	for i, e := range es {
		out[i] = UndeliveredDoc{ID: e.ID, DocID: e.DocID, Kind: e.Kind, Recipient: e.Recipient, CopyNo: e.CopyNo, FileName: e.FileName, Folder: e.Folder, At: e.At}
	}
	return out, nil
}

// WriteAgain writes the file of undelivered document id again, from the
// bytes the register kept, where it was meant to go; it returns its path.
func (b *BriefingService) WriteAgain(id int64) (string, error) {
	r, err := b.s.openRegister()
	if err != nil {
		return "", Fail(err)
	}
	e, err := r.WriteAgain(context.Background(), id)
	if err != nil {
		return "", Fail(err)
	}
	return service.LedgerPath(e), nil
}
