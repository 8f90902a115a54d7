package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	wruntime "github.com/wailsapp/wails/v2/pkg/runtime"

	"atpreg/internal/apperr"
	"atpreg/internal/recent"
	"atpreg/internal/service"
)

// LifecycleService is the window's side of a register's life: the recent
// registers, opening another one or creating a new one, backups into a
// chosen folder and restoring from one. Every file or folder it works on
// comes from the system's dialog or from the recent list (which holds only
// registers opened through a dialog or the command line): the page never
// names a path of its own.
type LifecycleService struct {
	s   *Session
	dlg dialogs

	mu     sync.Mutex
	chosen string // the backup ChooseBackup picked, for CheckBackup and RestoreBackup
}

// BackupEvent is the Wails event a daily backup made at unlock reports
// with (a BackupReport).
const BackupEvent = "backup:done"

// dialogs are the system's file dialogs (tests answer them).
type dialogs interface {
	openFile(ctx context.Context, o wruntime.OpenDialogOptions) (string, error)
	saveFile(ctx context.Context, o wruntime.SaveDialogOptions) (string, error)
	openDir(ctx context.Context, o wruntime.OpenDialogOptions) (string, error)
}

// wailsDialogs are the real ones.
type wailsDialogs struct{}

func (wailsDialogs) openFile(ctx context.Context, o wruntime.OpenDialogOptions) (string, error) {
	return wruntime.OpenFileDialog(ctx, o)
}

func (wailsDialogs) saveFile(ctx context.Context, o wruntime.SaveDialogOptions) (string, error) {
	return wruntime.SaveFileDialog(ctx, o)
}

func (wailsDialogs) openDir(ctx context.Context, o wruntime.OpenDialogOptions) (string, error) {
	return wruntime.OpenDirectoryDialog(ctx, o)
}

// dialogContext is the window's context for a dialog, or the error that
// says dialogs need the window.
func (l *LifecycleService) dialogContext() (context.Context, error) {
	if _, real := l.dlg.(wailsDialogs); !real {
		return context.Background(), nil // tests answer the dialogs
	}
	ctx := l.s.windowContext()
	if ctx == nil {
		return nil, apperr.New(apperr.Internal, "The file dialog is only available in the window.")
	}
	return ctx, nil
}

// registerFilters are the open dialog's filters for registers.
var registerFilters = []wruntime.FileFilter{
	{DisplayName: "atpreg registers (*.atpreg)", Pattern: "*.atpreg"},
	{DisplayName: "All files", Pattern: "*"},
}

// RecentRegister is one register in the start screen's list.
type RecentRegister struct {
	Path   string `json:"path"`
	Name   string `json:"name"`   // the file's name
	Folder string `json:"folder"` // the folder it is in
	Used   string `json:"used"`   // RFC 3339: last unlocked, created or restored here
	// Exists is false when the file is no longer there (moved, deleted, on
	// a drive not plugged in).
	Exists bool `json:"exists"`
	// Current is the register the window works on now.
	Current    bool   `json:"current"`
	LastBackup string `json:"lastBackup"` // RFC 3339, "" if none made from the window
}

// Recent returns the registers used lately in the window, most recent first.
func (l *LifecycleService) Recent() []RecentRegister {
	entries, _ := l.s.recent().Load()
	current := recent.Clean(l.s.registerPath())
	out := []RecentRegister{}
	for _, e := range entries {
		r := RecentRegister{Path: e.Path, Name: filepath.Base(e.Path), Folder: filepath.Dir(e.Path),
			Used: stamp(e.Used), Exists: service.Exists(e.Path), Current: e.Path == current, LastBackup: stamp(e.Backup.Last)}
		out = append(out, r)
	}
	return out
}

// stamp is t in RFC 3339, "" for the zero time.
func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

// listed returns path's entry in the recent list: OpenRecent and
// ForgetRecent take only a path the list holds.
func (l *LifecycleService) listed(path string) (recent.Entry, error) {
	if e, ok := l.s.recent().Find(path); ok && path != "" {
		return e, nil
	}
	return recent.Entry{}, apperr.New(apperr.NotFound, "This register is not in the list of recent registers. Use Open another register… to choose it.")
}

// OpenRecent makes the recent register path the window's register: the
// open one is locked first (sealed, its keys dropped), then the page shows
// the unlock screen of path. path must be in the recent list.
func (l *LifecycleService) OpenRecent(path string) (AppInfo, error) {
	e, err := l.listed(path)
	if err != nil {
		return AppInfo{}, Fail(err)
	}
	if !service.Exists(e.Path) {
		return AppInfo{}, Fail(apperr.New(apperr.NotFound, "The register %s is no longer there (moved, deleted, or on a drive that is not plugged in). Nothing was changed; remove it from the list, or use Open another register… to find it.", e.Path))
	}
	if err := l.s.switchTo(e.Path); err != nil {
		return l.s.Info(), Fail(err)
	}
	return l.s.Info(), nil
}

// ForgetRecent removes path from the recent list (the file stays as it is)
// and returns the list.
func (l *LifecycleService) ForgetRecent(path string) ([]RecentRegister, error) {
	e, err := l.listed(path)
	if err != nil {
		return nil, Fail(err)
	}
	if err := l.s.recent().Forget(e.Path); err != nil {
		return nil, Fail(apperr.Wrap(err, apperr.Internal, "The list of recent registers could not be saved (%s).", apperr.Reason(err)))
	}
	return l.Recent(), nil
}

// OpenOther asks for a register file with the system's open dialog and
// makes it the window's register (the open one is locked first); nil when
// the officer cancels.
func (l *LifecycleService) OpenOther() (*AppInfo, error) {
	ctx, err := l.dialogContext()
	if err != nil {
		return nil, Fail(err)
	}
	path, err := l.dlg.openFile(ctx, wruntime.OpenDialogOptions{
		Title:            "Open a register",
		DefaultDirectory: filepath.Dir(l.s.registerPath()),
		Filters:          registerFilters,
	})
	if err != nil {
		return nil, Fail(apperr.Wrap(err, apperr.Internal, "The file dialog could not be opened."))
	}
	if path == "" {
		return nil, nil
	}
	if fi, err := os.Stat(path); err != nil || !fi.Mode().IsRegular() {
		return nil, Fail(apperr.New(apperr.NotFound, "There is no register file at %s. Choose an .atpreg file.", path))
	}
	if err := l.s.switchTo(path); err != nil {
		info := l.s.Info()
		return &info, Fail(err)
	}
	info := l.s.Info()
	return &info, nil
}

// NewRegister asks where to create a new register with the system's save
// dialog and makes that file the window's register (the open one is locked
// first): the page then shows the create screen, which also offers the
// demo data. demo only suggests the name "demo.atpreg". nil when the
// officer cancels; a file that exists already is refused (nothing is
// overwritten).
func (l *LifecycleService) NewRegister(demo bool) (*AppInfo, error) {
	ctx, err := l.dialogContext()
	if err != nil {
		return nil, Fail(err)
	}
	name := "register.atpreg"
	if demo {
		name = "demo.atpreg"
	}
	path, err := l.dlg.saveFile(ctx, wruntime.SaveDialogOptions{
		Title:            "Create a new register",
		DefaultDirectory: folderOr(""),
		DefaultFilename:  name,
		Filters:          registerFilters[:1],
	})
	if err != nil {
		return nil, Fail(apperr.Wrap(err, apperr.Internal, "The file dialog could not be opened."))
	}
	if path == "" {
		return nil, nil
	}
	if !strings.EqualFold(filepath.Ext(path), ".atpreg") {
		path += ".atpreg"
	}
	if service.Exists(path) {
		return nil, Fail(apperr.New(apperr.Conflict, "There is already a file at %s. Nothing was changed; choose another name, or open that register.", path))
	}
	if err := l.s.switchTo(path); err != nil {
		info := l.s.Info()
		return &info, Fail(err)
	}
	info := l.s.Info()
	return &info, nil
}

// BackupPlan is the open register's backup plan as the window shows it.
type BackupPlan struct {
	Folder string `json:"folder"` // "" until chosen
	Keep   int    `json:"keep"`   // backups kept in the folder (0: all)
	Daily  bool   `json:"daily"`  // a backup at the first unlock of a day
	Last   string `json:"last"`   // RFC 3339 of the last backup made here, "" if none
	// FolderMissing: the folder is not there now (a USB drive not plugged in).
	FolderMissing bool `json:"folderMissing"`
	// Backups are this register's backups in the folder, newest first.
	Backups []BackupFile `json:"backups"`
}

// BackupFile is one backup in the folder.
type BackupFile struct {
	Name string `json:"name"`
	Made string `json:"made"` // RFC 3339
	Size int64  `json:"size"`
}

// defaultKeep is how many backups a new plan keeps.
const defaultKeep = 10

// planOf is the window's view of path's plan p.
func planOf(path string, p recent.Plan) BackupPlan {
	v := BackupPlan{Folder: p.Folder, Keep: p.Keep, Daily: p.Daily, Last: stamp(p.Last), Backups: []BackupFile{}}
	if p.Folder == "" {
		return v
	}
	list, err := service.Backups(p.Folder, path)
	if err != nil {
		v.FolderMissing = apperr.Is(err, apperr.NotFound)
		return v
	}
	for _, b := range list {
		v.Backups = append(v.Backups, BackupFile{Name: filepath.Base(b.Path), Made: stamp(b.Made), Size: b.Size})
	}
	return v
}

// BackupPlan returns the open register's backup plan.
func (l *LifecycleService) BackupPlan() (BackupPlan, error) {
	reg, err := l.s.openRegister()
	if err != nil {
		return BackupPlan{}, Fail(err)
	}
	e, _ := l.s.recent().Find(reg.Path())
	return planOf(reg.Path(), e.Backup), nil
}

// ChooseBackupFolder asks for the backups' folder with the system's dialog
// (a USB drive, say) and keeps it in the open register's plan; nil when the
// officer cancels.
func (l *LifecycleService) ChooseBackupFolder() (*BackupPlan, error) {
	reg, err := l.s.openRegister()
	if err != nil {
		return nil, Fail(err)
	}
	ctx, err := l.dialogContext()
	if err != nil {
		return nil, Fail(err)
	}
	e, _ := l.s.recent().Find(reg.Path())
	dir, err := l.dlg.openDir(ctx, wruntime.OpenDialogOptions{
		Title:                "Keep the register's backups in",
		DefaultDirectory:     folderOr(e.Backup.Folder),
		CanCreateDirectories: true,
	})
	if err != nil {
		return nil, Fail(apperr.Wrap(err, apperr.Internal, "The folder dialog could not be opened."))
	}
	if dir == "" {
		return nil, nil
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return nil, Fail(apperr.New(apperr.NotFound, "There is no folder at %s. Choose a folder for the backups.", dir))
	}
	if same(dir, filepath.Dir(reg.Path())) {
		return nil, Fail(apperr.New(apperr.Invalid, "This is the register's own folder: a backup there is lost with the laptop or the disk. Choose another drive (a USB drive, say) or folder."))
	}
	if err := l.s.recent().SetPlan(reg.Path(), func(p *recent.Plan) {
		if p.Folder == "" && p.Keep == 0 {
			p.Keep = defaultKeep
		}
		p.Folder = dir
	}); err != nil {
		return nil, Fail(apperr.Wrap(err, apperr.Internal, "The backup folder could not be remembered (%s).", apperr.Reason(err)))
	}
	plan, err := l.BackupPlan()
	return &plan, err
}

// same reports whether a and b are the same folder.
func same(a, b string) bool {
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(sa, sb)
}

// SaveBackupPlan sets how many backups to keep (0: all) and whether one is
// made daily, at the first unlock of a day.
func (l *LifecycleService) SaveBackupPlan(keep int, daily bool) (BackupPlan, error) {
	reg, err := l.s.openRegister()
	if err != nil {
		return BackupPlan{}, Fail(err)
	}
	if keep < 0 || keep > 999 {
		return BackupPlan{}, Fail(&apperr.Error{Code: apperr.Invalid, Message: "Keep between 1 and 999 backups, or 0 to keep them all.",
			Fields: []apperr.FieldError{{Field: "keep", Message: "A number from 0 (all) to 999."}}})
	}
	e, _ := l.s.recent().Find(reg.Path())
	if daily && e.Backup.Folder == "" {
		return BackupPlan{}, Fail(&apperr.Error{Code: apperr.Invalid, Message: "Choose the folder for backups first.",
			Fields: []apperr.FieldError{{Field: "folder", Message: "Choose the folder for backups first."}}})
	}
	if err := l.s.recent().SetPlan(reg.Path(), func(p *recent.Plan) { p.Keep, p.Daily = keep, daily }); err != nil {
		return BackupPlan{}, Fail(apperr.Wrap(err, apperr.Internal, "The backup plan could not be saved (%s).", apperr.Reason(err)))
	}
	return l.BackupPlan()
}

// BackupReport is what a backup did.
type BackupReport struct {
	OK      bool     `json:"ok"`
	Name    string   `json:"name"`    // the new backup's file name
	Folder  string   `json:"folder"`  // where it is
	Removed []string `json:"removed"` // older backups removed (names)
	// Message says what happened, in words (why it failed when !OK).
	Message string     `json:"message"`
	Plan    BackupPlan `json:"plan"`
}

// BackupNow makes a backup of the open register into its plan's folder,
// sealed under passphrase, which must be the register's (a copy under a
// mistyped one could never be opened); it is read back before older ones
// beyond the plan's number are removed.
func (l *LifecycleService) BackupNow(passphrase string) (BackupReport, error) {
	reg, err := l.s.openRegister()
	if err != nil {
		return BackupReport{}, Fail(err)
	}
	e, _ := l.s.recent().Find(reg.Path())
	if e.Backup.Folder == "" {
		return BackupReport{}, Fail(&apperr.Error{Code: apperr.Invalid, Message: "Choose the folder for backups first.",
			Fields: []apperr.FieldError{{Field: "folder", Message: "Choose the folder for backups first."}}})
	}
	l.s.backups.RLock() // locking waits for the backup
	rep, err := l.s.backup(reg, e.Backup, []byte(passphrase))
	l.s.backups.RUnlock()
	if err != nil {
		return BackupReport{}, Fail(err)
	}
	return rep, nil
}

// backup makes one backup of reg by plan and notes when in the plan.
func (s *Session) backup(reg *service.Register, plan recent.Plan, pass []byte) (BackupReport, error) {
	res, err := reg.BackupInto(plan.Folder, pass, plan.Keep)
	freeMemory()
	if err != nil {
		return BackupReport{}, err
	}
	now := s.now()
	_ = s.recent().SetPlan(reg.Path(), func(p *recent.Plan) { p.Last = now })
	rep := BackupReport{OK: true, Name: filepath.Base(res.Path), Folder: plan.Folder, Removed: []string{}}
	for _, r := range res.Removed {
		rep.Removed = append(rep.Removed, filepath.Base(r))
	}
	rep.Message = apperr.In(lang(), "Backed up to %s and read back.", filepath.Join(plan.Folder, rep.Name))
	if !res.Warning.Empty() {
		rep.Message = apperr.In(lang(), "Backed up to %s and read back. %s", filepath.Join(plan.Folder, rep.Name), res.Warning)
	}
	e, _ := s.recent().Find(reg.Path())
	rep.Plan = planOf(reg.Path(), e.Backup)
	return rep, nil
}

// dailyBackupAge is how old the last backup must be for the daily backup
// at unlock to make another.
const dailyBackupAge = 20 * time.Hour

// dailyBackup makes, in the background, the daily backup of the register
// just unlocked with pass when its plan asks for one and none was made in
// the last day; it reports with BackupEvent. pass is the passphrase just
// typed (kept only until the backup is written; nothing else keeps it).
func (s *Session) dailyBackup(reg *service.Register, pass []byte) {
	e, ok := s.recent().Find(reg.Path())
	if !ok || !e.Backup.Daily || e.Backup.Folder == "" || (!e.Backup.Last.IsZero() && s.now().Sub(e.Backup.Last) < dailyBackupAge) {
		clear(pass)
		return
	}
	s.backups.RLock() // held until the backup is written: locking waits for it
	go func() {
		defer s.backups.RUnlock()
		defer clear(pass)
		rep, err := s.backup(reg, e.Backup, pass)
		if err != nil {
			rep = BackupReport{Folder: e.Backup.Folder, Removed: []string{},
				Message: apperr.In(lang(), "The daily backup was not made: %s", apperr.Say(err)), Plan: planOf(reg.Path(), e.Backup)}
		}
		if ctx := s.windowContext(); ctx != nil {
			wruntime.EventsEmit(ctx, BackupEvent, rep)
		}
	}()
}

// BackupChoice is the backup ChooseBackup picked.
type BackupChoice struct {
	Name     string `json:"name"`
	Folder   string `json:"folder"`
	Size     int64  `json:"size"`
	Modified string `json:"modified"` // RFC 3339
}

// ChooseBackup asks for a backup file with the system's open dialog and
// keeps it for CheckBackup and RestoreBackup; nil when the officer cancels.
// It works with the register locked too (a register that no longer opens
// is what restoring is for).
func (l *LifecycleService) ChooseBackup() (*BackupChoice, error) {
	ctx, err := l.dialogContext()
	if err != nil {
		return nil, Fail(err)
	}
	start := ""
	if e, ok := l.s.recent().Find(l.s.registerPath()); ok {
		start = e.Backup.Folder
	}
	path, err := l.dlg.openFile(ctx, wruntime.OpenDialogOptions{
		Title:            "Restore the register from a backup",
		DefaultDirectory: folderOr(start),
		Filters:          registerFilters,
	})
	if err != nil {
		return nil, Fail(apperr.Wrap(err, apperr.Internal, "The file dialog could not be opened."))
	}
	if path == "" {
		return nil, nil
	}
	fi, err := os.Stat(path)
	if err != nil || !fi.Mode().IsRegular() {
		return nil, Fail(apperr.New(apperr.NotFound, "There is no backup at %s. Choose a backup file (.atpreg).", path))
	}
	if same(path, l.s.registerPath()) {
		return nil, Fail(apperr.New(apperr.Invalid, "This is the register itself, not a backup. Choose a backup file."))
	}
	// A file that is no register at all is told before a passphrase is asked.
	if err := service.CheckBackup(path); err != nil {
		return nil, Fail(err)
	}
	l.mu.Lock()
	l.chosen = path
	l.mu.Unlock()
	return &BackupChoice{Name: filepath.Base(path), Folder: filepath.Dir(path), Size: fi.Size(), Modified: stamp(fi.ModTime())}, nil
}

// BackupCheck is what reading a backup found.
type BackupCheck struct {
	Name        string `json:"name"`
	Entities    int64  `json:"entities"`
	Submissions int64  `json:"submissions"`
	Meetings    int64  `json:"meetings"`
	// Current is how many entities the register that would be replaced
	// holds now (-1 if it is locked or absent).
	Current int64 `json:"current"`
}

// chosenBackup is the backup ChooseBackup picked.
func (l *LifecycleService) chosenBackup() (string, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.chosen == "" {
		return "", apperr.New(apperr.Invalid, "Choose the backup to restore first.")
	}
	return l.chosen, nil
}

// CheckBackup reads the chosen backup with passphrase (its own: the one the
// register had when it was made) and says what it holds, changing nothing.
func (l *LifecycleService) CheckBackup(passphrase string) (BackupCheck, error) {
	src, err := l.chosenBackup()
	if err != nil {
		return BackupCheck{}, Fail(err)
	}
	rep, err := l.verify(src, passphrase)
	if err != nil {
		return BackupCheck{}, Fail(err)
	}
	out := BackupCheck{Name: filepath.Base(src), Current: -1}
	for _, t := range rep.Tables {
		switch t.Table {
		case "entities":
			out.Entities = t.Rows
		case "submissions":
			out.Submissions = t.Rows
		case "meetings":
			out.Meetings = t.Rows
		}
	}
	if reg, err := l.s.openRegister(); err == nil {
		if page, err := reg.ListEntities(context.Background(), service.ListQuery{Limit: 1}); err == nil {
			out.Current = int64(page.Total)
		}
	}
	return out, nil
}

// verify reads the backup src with passphrase, the field "passphrase"
// named when it is not the backup's.
func (l *LifecycleService) verify(src, passphrase string) (service.VerifyReport, error) {
	if passphrase == "" {
		return service.VerifyReport{}, &apperr.Error{Code: apperr.Invalid, Message: "Type the backup's passphrase.",
			Fields: []apperr.FieldError{{Field: "passphrase", Message: "Type the passphrase the register had when the backup was made."}}}
	}
	rep, err := service.Verify(src, []byte(passphrase), l.s.cfg.Options)
	freeMemory()
	if apperr.Is(err, apperr.WrongPass) {
		return rep, &apperr.Error{Code: apperr.WrongPass, Message: "This passphrase does not open the backup. Nothing was changed.",
			Fields: []apperr.FieldError{{Field: "passphrase", Message: "Not this backup's passphrase: type the one the register had when the backup was made."}}}
	}
	return rep, err
}

// RestoreBackup replaces the window's register with the chosen backup,
// opened with passphrase, which becomes the register's passphrase: the
// backup is read and checked first (a damaged backup or a wrong passphrase
// changes nothing, and the open register stays open); then the register is
// locked, the backup put in its place (the register as it was is kept
// beside it as .bak), and the restored register opened. If putting it in
// place fails, nothing was changed, and the register is left locked.
func (l *LifecycleService) RestoreBackup(passphrase string) (AppInfo, error) {
	src, err := l.chosenBackup()
	if err != nil {
		return AppInfo{}, Fail(err)
	}
	if _, err := l.verify(src, passphrase); err != nil {
		return AppInfo{}, Fail(err)
	}
	path := l.s.registerPath()
	if err := l.s.switchTo(path); err != nil {
		return l.s.Info(), Fail(err)
	}
	if err := service.Restore(path, src, []byte(passphrase), l.s.cfg.Options); err != nil {
		return l.s.Info(), Fail(apperr.Wrap(err, apperr.CodeOf(err), "%s The register was locked for the restore: unlock it with its passphrase.", apperr.Say(err)))
	}
	l.mu.Lock()
	l.chosen = ""
	l.mu.Unlock()
	reg, err := service.Open(path, []byte(passphrase), l.s.cfg.Options)
	freeMemory()
	if err != nil {
		return l.s.Info(), Fail(apperr.Wrap(err, apperr.CodeOf(err), "The backup was restored, but the register did not open afterwards: %s", apperr.Say(err)))
	}
	if err := l.s.opened(reg); err != nil {
		return l.s.Info(), Fail(err)
	}
	return l.s.Info(), nil
}
