// Package app is the facade the desktop window calls: thin, bound methods over
// atpreg's services. It holds no business rules; each method translates between
// the frontend and the services and reports errors in the officer's words
// (see Fail). One bound struct per area shares the *Session.
package app

import (
	"context"
	"runtime/debug"
	"sync"
	"time"

	wruntime "github.com/wailsapp/wails/v2/pkg/runtime"

	"atpreg/internal/apperr"
	"atpreg/internal/recent"
	"atpreg/internal/register"
	"atpreg/internal/service"
	"atpreg/internal/version"
)

// Config is what the facade needs to start.
type Config struct {
	// RegisterPath is the register file this window works on.
	RegisterPath string
	// Options say how registers are opened (clock; cheap keys in tests).
	Options service.Options
	// Minute is how long a minute of auto-lock idle time lasts (0: a real
	// minute); the UI tests shorten it.
	Minute time.Duration
	// RecentFile is where the window keeps its list of recent registers
	// and their backup plans (paths.RecentFile); "" keeps none.
	RecentFile string
	// Restart, when set, starts the window afresh at the lock screen of the
	// register path once Lock (or auto-lock) has closed it, ending this
	// process and every process it started (the web view's): nothing the
	// register held in memory (passphrase, keys, register text) outlives
	// the lock. It returns only if it could not; the window then stays and
	// the page reloads instead. nil (tests, the dev build the browser tests
	// drive): the page reloads.
	Restart func(path, reason string, lockedAt time.Time) error
	// LockReason and LockedAt say why and when the register was locked
	// when this window is the fresh one Restart started ("" and zero
	// otherwise).
	LockReason string
	LockedAt   time.Time
}

// Session is the bound root service: the register's lifecycle (create,
// unlock, lock, auto-lock, passphrase) and settings. Area services reach the
// open register through DB.
type Session struct {
	cfg Config

	mu           sync.Mutex
	ctx          context.Context
	path         string // the register file the window works on now
	reg          *service.Register
	kdfWeak      bool              // the open register's key derivation is below the floor
	settings     register.Settings // the open register's, cached for auto-lock and Info
	lastActivity time.Time
	lockedAt     time.Time
	lockReason   string // why it was locked, when this window started at its lock screen
	stop         chan struct{}
	// backups is held (read-locked) by every backup under way, which holds
	// the open register and the passphrase; locking waits for them.
	backups sync.RWMutex
	// forgets are what locking drops besides the register: what the area
	// services keep between calls (an import or intake waiting to be
	// confirmed).
	forgets []func()
}

// NewSession returns the session for cfg.
func NewSession(cfg Config) *Session {
	return &Session{cfg: cfg, path: cfg.RegisterPath, lockedAt: cfg.LockedAt, lockReason: cfg.LockReason}
}

// onLock adds f to what locking drops (called while wiring, before the
// window starts).
func (s *Session) onLock(f func()) { s.forgets = append(s.forgets, f) }

// registerPath is the register file the window works on now.
func (s *Session) registerPath() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.path
}

// recent is the window's list of recent registers.
func (s *Session) recent() recent.List { return recent.List{File: s.cfg.RecentFile} }

// OnStartup and OnShutdown are the session's hooks for Wails' options of
// those names. They are functions, not methods of the bound Session, so that
// the page cannot call them.
func OnStartup(s *Session) func(context.Context) { return s.startup }

// OnShutdown: see OnStartup.
func OnShutdown(s *Session) func(context.Context) { return s.shutdown }

// startup is called by Wails when the window starts; it starts the
// auto-lock watch.
func (s *Session) startup(ctx context.Context) {
	s.mu.Lock()
	s.ctx = ctx
	s.stop = make(chan struct{})
	stop := s.stop
	s.mu.Unlock()
	go s.watchIdle(stop)
}

// isWindow reports whether ctx is the context Wails gave the window (it
// carries Wails' events): Wails' runtime functions end the process on any
// other, and the Go tests start sessions with a plain context.
func isWindow(ctx context.Context) bool { return ctx != nil && ctx.Value("events") != nil }

// WindowContext returns the window's context once it has started (nil before).
func WindowContext(s *Session) context.Context { return s.windowContext() }

// shutdown is called by Wails when the window closes: the register is
// closed (snapshot written, keys dropped).
func (s *Session) shutdown(context.Context) {
	s.mu.Lock()
	if s.stop != nil {
		close(s.stop)
		s.stop = nil
	}
	s.mu.Unlock()
	_ = s.lock("closed") // a daily backup under way finishes first
}

// now is the wall clock of the window's activity (auto-lock, lock time).
func (s *Session) now() time.Time { return time.Now() }

// openRegister returns the open register, or an apperr.Locked error when it
// is locked. Every call counts as activity for the auto-lock. (The helpers
// the area services use are unexported so that Wails does not bind them.)
func (s *Session) openRegister() (*service.Register, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.reg == nil {
		return nil, apperr.New(apperr.Locked, "The register is locked. Unlock it with your passphrase.")
	}
	s.lastActivity = s.now()
	return s.reg, nil
}

// undelete puts back what the delete that gave token took away (the area
// services' Undelete). A locked register has dropped every token: too late.
func undelete(s *Session, token string) error {
	reg, err := s.openRegister()
	if err != nil {
		if apperr.Is(err, apperr.Locked) {
			return Fail(apperr.New(apperr.NotFound, "That can no longer be undone."))
		}
		return Fail(err)
	}
	return Fail(reg.Undelete(context.Background(), token))
}

// windowContext returns the window's context (for dialogs and events); nil in tests.
func (s *Session) windowContext() context.Context {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ctx
}

// AppInfo describes the running app and the register's state for the window.
type AppInfo struct {
	Version      string `json:"version"`
	RegisterPath string `json:"registerPath"`
	// State is "absent" (no register file yet), "locked" or "open".
	State    string   `json:"state" ts_type:"'absent' | 'locked' | 'open'"`
	Settings Settings `json:"settings"`
	LockedAt string   `json:"lockedAt"` // RFC 3339, when it was last locked
	// LockReason is why it was locked ("manual", "idle") when this window
	// was started afresh by the lock; "" otherwise, and once unlocked.
	LockReason      string `json:"lockReason"`
	AutoLockMinutes int    `json:"autoLockMinutes"`
	// KDFWeak: the open register's passphrase is protected by key
	// derivation below the minimum (an earlier atpreg's); Strengthen mends it.
	KDFWeak bool `json:"kdfWeak"`
}

// Settings are the officer's preferences as the window edits them: the
// name recorded on every change ("" until set), the auto-lock idle time in
// minutes (0: never) and the seven evaluation weights in percent, by
// aspect code.
type Settings struct {
	OfficerName     string           `json:"officerName"`
	AutoLockMinutes int              `json:"autoLockMinutes"`
	Weights         register.Weights `json:"weights"`
}

// settingsOf is s for the window.
func settingsOf(s register.Settings) Settings {
	return Settings{OfficerName: s.OfficerName, AutoLockMinutes: s.AutoLockMinutes, Weights: s.Weights}
}

// domain is s as the domain's settings.
func (s Settings) domain() register.Settings {
	return register.Settings{OfficerName: s.OfficerName, AutoLockMinutes: s.AutoLockMinutes, Weights: s.Weights}
}

// SetLanguage sets the language the window speaks: "en" (English) or
// "zh-HK" (Traditional Chinese as written in Hong Kong). From then on the
// errors, problems and labels the bound methods return are said in it. The
// command line always speaks English.
func (s *Session) SetLanguage(lang string) error {
	switch lang {
	case apperr.English, apperr.Chinese:
		windowLang.Store(lang)
		return nil
	}
	return Fail(apperr.New(apperr.Invalid, "%q is not a language of the window; use en or zh-HK.", lang).
		With(apperr.Field("lang", "Choose English or Traditional Chinese.")))
}

// Info returns the app version, the register path and the register's state.
func (s *Session) Info() AppInfo {
	s.mu.Lock()
	defer s.mu.Unlock()
	info := AppInfo{Version: version.String(), RegisterPath: s.path, State: "locked"}
	switch {
	case s.reg != nil:
		info.State = "open"
		info.Settings = settingsOf(s.settings)
		info.AutoLockMinutes = s.settings.AutoLockMinutes
		info.KDFWeak = s.kdfWeak
	case !service.Exists(s.path):
		info.State = "absent"
	}
	if !s.lockedAt.IsZero() {
		info.LockedAt = s.lockedAt.Format(time.RFC3339)
	}
	if s.reg == nil {
		info.LockReason = s.lockReason
	}
	return info
}

// CreateStepEvent is the Wails event CreateRegister emits as each step of
// making the register begins, so that the create screen can say what is
// happening during the few seconds it takes. Its payload is the step:
// "key" (deriving the key from the passphrase: most of the wait), "write"
// (writing the new encrypted file), "demo" (only for the demo: writing its
// fictional data), then "open" (opening the new register). A passphrase
// that is refused emits none.
const CreateStepEvent = "create:step"

// UnlockStepEvent is the Wails event Unlock emits as each step of opening
// the register begins, so that the lock screen can say what is happening
// during the seconds it takes. Its payload is the step: "key" (deriving the
// key from the passphrase and decrypting the file: most of the wait),
// "read" (loading the database and replaying its journal of changes), then
// "open" (opening the register in the window). A wrong passphrase emits
// "key" only; a missing register or an empty passphrase none.
const UnlockStepEvent = "unlock:step"

// stepOpen is the last step CreateStepEvent and UnlockStepEvent tell.
const stepOpen service.Step = "open"

// stepTeller returns what emits event with each step to the window (nothing
// outside a Wails window: Wails ends the process on any other context).
func (s *Session) stepTeller(event string) func(service.Step) {
	win := s.windowContext()
	return func(step service.Step) {
		if isWindow(win) {
			wruntime.EventsEmit(win, event, string(step))
		}
	}
}

// CreateRegister creates the register with the passphrase pass (typed twice) and opens
// it; with demo it is filled with fictional demo data first. It emits
// CreateStepEvent as each step begins.
func (s *Session) CreateRegister(pass, confirm string, demo bool) (AppInfo, error) {
	if err := service.ConfirmPassphrase([]byte(pass), []byte(confirm)); err != nil {
		return AppInfo{}, Fail(err)
	}
	tell := s.stepTeller(CreateStepEvent)
	reg, err := service.CreateReporting(context.Background(), s.registerPath(), []byte(pass), s.cfg.Options, demo,
		tell)
	if err != nil {
		return AppInfo{}, Fail(err)
	}
	tell(stepOpen)
	if err := s.opened(reg); err != nil {
		return AppInfo{}, Fail(err)
	}
	s.dailyBackup(reg, []byte(pass))
	return s.Info(), nil
}

// CheckPassphrase checks a new passphrase and its confirmation as
// CreateRegister and ChangePassphrase would (the same twice, strong enough),
// writing nothing: nil when they would be accepted, else apperr.Invalid
// with the field to fix. The form checks again on each change once an error
// is shown.
func (s *Session) CheckPassphrase(pass, confirm string) error {
	return Fail(service.ConfirmPassphrase([]byte(pass), []byte(confirm)))
}

// Unlock opens the register with passphrase. It emits UnlockStepEvent as
// each step begins.
func (s *Session) Unlock(passphrase string) (AppInfo, error) {
	s.mu.Lock()
	open := s.reg != nil
	s.mu.Unlock()
	if open {
		return s.Info(), nil
	}
	tell := s.stepTeller(UnlockStepEvent)
	reg, err := service.OpenReporting(s.registerPath(), []byte(passphrase), s.cfg.Options,
		tell)
	if err != nil {
		return AppInfo{}, Fail(err)
	}
	tell(stepOpen)
	if err := s.opened(reg); err != nil {
		return AppInfo{}, Fail(err)
	}
	s.dailyBackup(reg, []byte(passphrase))
	return s.Info(), nil
}

// opened makes reg the window's open register and notes it first in the
// recent list.
func (s *Session) opened(reg *service.Register) error {
	settings, err := reg.Settings(context.Background())
	if err != nil {
		_ = reg.Close()
		return err
	}
	weak := s.weakKDF(reg)
	s.mu.Lock()
	s.reg, s.settings, s.lastActivity, s.kdfWeak, s.lockReason = reg, settings, s.now(), weak, ""
	s.mu.Unlock()
	_ = s.recent().Used(reg.Path(), s.now()) // a list that cannot be written only loses the convenience
	return nil
}

// Lock closes the register now: a backup under way is finished, the
// journal is compacted into the sealed file and the register's lock file
// released; then, in the window, the process ends and a fresh one shows
// the lock screen (Config.Restart), so that neither the passphrase nor the
// keys nor any register text stay in memory. Without Restart the keys and
// decrypted data are dropped as far as Go allows and the page reloads.
func (s *Session) Lock() (AppInfo, error) {
	if err := s.lock("manual"); err != nil {
		return AppInfo{}, Fail(err)
	}
	return s.Info(), nil
}

// lock closes the open register for reason: "manual" and "idle" are the
// officer's locks (the window starts afresh, or the page is told), "switch"
// another register is opened next, "closed" the window closes.
func (s *Session) lock(reason string) error {
	s.mu.Lock()
	reg := s.reg
	s.reg = nil
	s.settings = register.Settings{}
	s.kdfWeak = false
	if reg != nil {
		s.lockedAt = s.now()
		s.lockReason = ""
	}
	ctx, path, lockedAt := s.ctx, s.path, s.lockedAt
	s.mu.Unlock()
	if reg == nil {
		return nil
	}
	for _, f := range s.forgets {
		f()
	}
	// A backup under way (it holds the register and the passphrase)
	// finishes before the register closes; none starts after: the
	// register is no longer the session's.
	s.backups.Lock()
	err := reg.Close()
	s.backups.Unlock()
	reg = nil
	freeMemory()
	if s.cfg.Restart != nil && (reason == "manual" || reason == "idle") {
		// In the window it returns only when the fresh window could not
		// be started (then the page is told, as without Restart).
		if s.cfg.Restart(path, reason, lockedAt) == nil {
			return err
		}
	}
	if ctx != nil && reason != "closed" && reason != "switch" {
		wruntime.EventsEmit(ctx, "session:locked", reason)
	}
	return err
}

// freeMemory returns freed memory (the decrypted database) to the OS.
func freeMemory() { debug.FreeOSMemory() }

// Touch records activity in the window (typing, clicking), postponing auto-lock.
func (s *Session) Touch() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.reg != nil {
		s.lastActivity = s.now()
	}
}

func (s *Session) minute() time.Duration {
	if s.cfg.Minute > 0 {
		return s.cfg.Minute
	}
	return time.Minute
}

func (s *Session) watchIdle(stop <-chan struct{}) {
	tick := min(2*time.Second, s.minute()/4)
	t := time.NewTicker(tick)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			if s.idleTooLong() {
				_ = s.lock("idle")
			}
		}
	}
}

// idleTooLong reports whether the open register has been idle past its auto-lock time.
func (s *Session) idleTooLong() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.reg == nil || s.settings.AutoLockMinutes <= 0 {
		return false
	}
	return s.now().Sub(s.lastActivity) >= time.Duration(s.settings.AutoLockMinutes)*s.minute()
}

// SaveSettings stores the officer's settings and returns them as stored.
func (s *Session) SaveSettings(in Settings) (Settings, error) {
	reg, err := s.openRegister()
	if err != nil {
		return Settings{}, Fail(err)
	}
	got, err := reg.SaveSettings(context.Background(), in.domain())
	if err != nil {
		return Settings{}, Fail(err)
	}
	s.mu.Lock()
	s.settings = got
	s.mu.Unlock()
	return settingsOf(got), nil
}

// settingsView is the settings as the window gets them (the session's copy).
type settingsView = Settings

// weightsSaved puts weights just stored into the session's copy of the
// settings and returns that copy.
func (s *Session) weightsSaved(w register.Weights) settingsView {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settings.Weights = w
	return settingsOf(s.settings)
}

// ChangePassphrase replaces the passphrase after checking the current one.
// The register is sealed again with the current key derivation, so a weak
// one is mended too.
func (s *Session) ChangePassphrase(current, next, confirm string) error {
	reg, err := s.openRegister()
	if err != nil {
		return Fail(err)
	}
	if err := reg.ChangePassphrase([]byte(current), []byte(next), []byte(confirm)); err != nil {
		return Fail(err)
	}
	s.kdfChecked(reg)
	freeMemory()
	return nil
}

// Strengthen seals the open register again under its passphrase with the
// current key derivation (when Info says kdfWeak), keeping the passphrase.
func (s *Session) Strengthen(passphrase string) (AppInfo, error) {
	reg, err := s.openRegister()
	if err != nil {
		return AppInfo{}, Fail(err)
	}
	if err := reg.Strengthen([]byte(passphrase)); err != nil {
		return AppInfo{}, Fail(err)
	}
	s.kdfChecked(reg)
	freeMemory()
	return s.Info(), nil
}

// weakKDF reports whether the window should warn about reg's key
// derivation: it is below the minimum, and not because the window runs
// with the tests' cheap keys (which only a test-hooks build sets, on
// purpose; production never does).
func (s *Session) weakKDF(reg *service.Register) bool {
	return reg.KDFWeak() && !s.cfg.Options.TestingKDF
}

// kdfChecked notes again whether reg's key derivation is weak.
func (s *Session) kdfChecked(reg *service.Register) {
	weak := s.weakKDF(reg)
	s.mu.Lock()
	if s.reg == reg {
		s.kdfWeak = weak
	}
	s.mu.Unlock()
}

// switchTo closes the open register (without the locked event: the page
// reloads itself after a switch) and makes path the window's register.
func (s *Session) switchTo(path string) error {
	err := s.lock("switch")
	s.mu.Lock()
	s.path = path
	s.mu.Unlock()
	return err
}
