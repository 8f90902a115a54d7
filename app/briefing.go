package app

import (
	"cmp"
	"context"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"time"

	wruntime "github.com/wailsapp/wails/v2/pkg/runtime"

	"atpreg/internal/apperr"
	"atpreg/internal/briefing"
	"atpreg/internal/store"
)

func init() { addService(func(s *Session) any { return &BriefingService{s: s} }) }

// BriefProgressEvent is the Wails event an export emits after each step,
// with a briefing.Progress.
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
	db, err := b.s.openDB()
	if err != nil {
		return PackSetup{}, Fail(err)
	}
	ctx := context.Background()
	out := PackSetup{Meetings: []PackMeeting{}, Entities: []PackEntity{}, Partners: []PackPartner{}, DefaultDir: b.defaultDir(), Officer: b.s.officer()}
	meetings, err := db.Meetings(ctx)
	if err != nil {
		return PackSetup{}, Fail(err)
	}
	for _, m := range meetings {
		out.Meetings = append(out.Meetings, PackMeeting{ID: m.ID, Title: m.Title, StartsAt: m.StartsAt.Format(time.RFC3339),
			EntityIDs: packIDs(m.EntityIDs), PartnerIDs: packIDs(m.PartnerIDs)})
	}
	slices.SortStableFunc(out.Meetings, func(a, b PackMeeting) int { return -cmp.Compare(a.StartsAt, b.StartsAt) })
	entities, err := db.Entities(ctx)
	if err != nil {
		return PackSetup{}, Fail(err)
	}
	for _, e := range entities {
		out.Entities = append(out.Entities, PackEntity{ID: e.ID, Name: e.Name, Status: string(e.Status), StatusLabel: e.Status.Label(), Complete: e.Complete()})
	}
	slices.SortStableFunc(out.Entities, func(a, b PackEntity) int { return cmp.Compare(a.Name, b.Name) })
	partners, err := db.Partners(ctx)
	if err != nil {
		return PackSetup{}, Fail(err)
	}
	for _, p := range partners {
		c, err := db.ConflictedEntities(ctx, p.ID)
		if err != nil {
			return PackSetup{}, Fail(err)
		}
		ids := make([]int64, 0, len(c))
		for id := range c {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		out.Partners = append(out.Partners, PackPartner{ID: p.ID, Name: p.Name, Facility: p.Facility, Conflicted: ids})
	}
	return out, nil
}

func packIDs(ids []int64) []int64 {
	if ids == nil {
		return []int64{}
	}
	return ids
}

func (b *BriefingService) defaultDir() string {
	b.mu.Lock()
	last := b.lastDir
	b.mu.Unlock()
	if last != "" {
		return last
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	if st, err := os.Stat(filepath.Join(home, "Documents")); err == nil && st.IsDir() {
		return filepath.Join(home, "Documents")
	}
	return home
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

// Export makes one pack per recipient into req.Dir (see briefing.Service),
// emitting BriefProgressEvent after each step. Only one export runs at a
// time; Cancel stops it before anything is written.
func (b *BriefingService) Export(req briefing.Request) (briefing.Result, error) {
	db, err := b.s.openDB()
	if err != nil {
		return briefing.Result{}, Fail(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	b.mu.Lock()
	if b.cancel != nil {
		b.mu.Unlock()
		return briefing.Result{}, Fail(apperr.New(apperr.Conflict, "An export is already running; wait for it or cancel it."))
	}
	b.cancel = cancel
	b.mu.Unlock()
	defer func() {
		b.mu.Lock()
		b.cancel = nil
		b.mu.Unlock()
	}()
	req.Path = "" // the window always names a folder
	win := b.s.windowContext()
	svc := &briefing.Service{Src: briefing.StoreSource{DB: db}, Officer: b.s.officer(), Now: b.s.now}
	res, err := svc.Export(ctx, req, func(p briefing.Progress) {
		if win != nil {
			wruntime.EventsEmit(win, BriefProgressEvent, p)
		}
	})
	if err != nil {
		return briefing.Result{}, Fail(err)
	}
	b.mu.Lock()
	b.lastDir = req.Dir
	b.mu.Unlock()
	return res, nil
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

// Open opens an exported pack (folder false) or the folder holding it
// (folder true) with the system. Only files recorded in the ledger can be
// opened.
func (b *BriefingService) Open(path string, folder bool) error {
	db, err := b.s.openDB()
	if err != nil {
		return Fail(err)
	}
	entries, err := db.Ledger(context.Background(), store.LedgerFilter{Kind: store.LedgerBrief})
	if err != nil {
		return Fail(err)
	}
	if !slices.ContainsFunc(entries, func(e store.LedgerEntry) bool { return e.FileName == path }) {
		return Fail(apperr.New(apperr.NotFound, "That file is not an exported pack in the ledger."))
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
	store.LedgerEntry
	EntityNames []string `json:"entityNames"`
	FileExists  bool     `json:"fileExists"`
}

// Ledger returns the exported briefing packs, newest first, with the names
// of their entities (limit 0: all).
func (b *BriefingService) Ledger(limit int) ([]PackLedgerRow, error) {
	db, err := b.s.openDB()
	if err != nil {
		return nil, Fail(err)
	}
	ctx := context.Background()
	entries, err := db.Ledger(ctx, store.LedgerFilter{Kind: store.LedgerBrief, Limit: max(limit, 0)})
	if err != nil {
		return nil, Fail(err)
	}
	all, err := db.Entities(ctx)
	if err != nil {
		return nil, Fail(err)
	}
	names := make(map[int64]string, len(all))
	for _, e := range all {
		names[e.ID] = e.Name
	}
	out := make([]PackLedgerRow, len(entries))
	for i, e := range entries {
		row := PackLedgerRow{LedgerEntry: e, EntityNames: make([]string, len(e.EntityIDs))}
		for j, id := range e.EntityIDs {
			if n, ok := names[id]; ok {
				row.EntityNames[j] = n
			} else {
				row.EntityNames[j] = briefing.EntityCode(id) + " (deleted)"
			}
		}
		_, statErr := os.Stat(e.FileName)
		row.FileExists = statErr == nil
		out[i] = row
	}
	return out, nil
}
