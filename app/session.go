// Package app is the facade the desktop window calls: thin, bound methods over
// atpreg's services. It holds no business rules; each method translates between
// the frontend and the services and reports errors in the officer's words
// (see Fail). One bound struct per area shares the *Session.
package app

import (
	"context"
	"os"
	"runtime/debug"
	"sync"
	"time"

	wruntime "github.com/wailsapp/wails/v2/pkg/runtime"

	"atpreg/internal/apperr"
	"atpreg/internal/passphrase"
	"atpreg/internal/paths"
	"atpreg/internal/store"
	"atpreg/internal/vault"
	"atpreg/internal/version"
)

// Config is what the facade needs to start.
type Config struct {
	// RegisterPath is the register file this window works on.
	RegisterPath string
	// Store are the register options (key derivation, clock).
	Store store.Options
	// Now is the clock (nil: time.Now).
	Now func() time.Time
	// Minute is how long a minute of auto-lock idle time lasts (0: a real
	// minute); the UI tests shorten it.
	Minute time.Duration
	// Demo fills a new register with fictional demo data; set by the register
	// area (it needs the domain's store layer), nil until then.
	Demo func(ctx context.Context, db *store.DB, officer string) error
}

// TestMinuteFromEnv returns the length of an auto-lock minute from
// ATPREG_INSECURE_TEST_MINUTE (e.g. "1s", for the UI tests), or 0 (a real minute).
func TestMinuteFromEnv() time.Duration {
	d, err := time.ParseDuration(os.Getenv("ATPREG_INSECURE_TEST_MINUTE"))
	if err != nil || d <= 0 {
		return 0
	}
	return d
}

// StoreOptionsFromEnv returns the production store options, or cheap key
// derivation when ATPREG_INSECURE_TEST_KDF=1 (for the UI tests only: it makes
// a new passphrase much easier to guess).
func StoreOptionsFromEnv() store.Options {
	var o store.Options
	if os.Getenv("ATPREG_INSECURE_TEST_KDF") == "1" {
		o = store.Options{KDF: vault.TestingKDF, AllowWeakKDF: true}
	}
	// The memory of each register's newest state, to notice an older copy.
	if dir, err := paths.StateDir(); err == nil {
		o.Seen = store.SeenDir{Dir: dir}
	}
	return o
}

// Session is the bound root service: the register's lifecycle (create,
// unlock, lock, auto-lock, passphrase) and settings. Area services reach the
// open register through DB.
type Session struct {
	cfg Config

	mu           sync.Mutex
	ctx          context.Context
	db           *store.DB
	settings     store.Settings
	lastActivity time.Time
	lockedAt     time.Time
	stop         chan struct{}
}

// NewSession returns the session for cfg.
func NewSession(cfg Config) *Session {
	return &Session{cfg: cfg}
}

// Startup is called by Wails when the window starts (as options.OnStartup,
// which Wails does not bind); it starts the auto-lock watch.
func (s *Session) Startup(ctx context.Context) {
	s.mu.Lock()
	s.ctx = ctx
	s.stop = make(chan struct{})
	stop := s.stop
	s.mu.Unlock()
	go s.watchIdle(stop)
}

// WindowContext returns the window's context once it has started (nil before).
func WindowContext(s *Session) context.Context { return s.windowContext() }

// Shutdown is called by Wails when the window closes: the register is closed
// (snapshot written, keys dropped).
func (s *Session) Shutdown(context.Context) {
	s.mu.Lock()
	if s.stop != nil {
		close(s.stop)
		s.stop = nil
	}
	s.mu.Unlock()
	_ = s.lock("closed")
}

func (s *Session) now() time.Time {
	if s.cfg.Now != nil {
		return s.cfg.Now()
	}
	return time.Now()
}

// openDB returns the open register, or an apperr.Locked error when it is
// locked. Every call counts as activity for the auto-lock. (The helpers the
// area services use are unexported so that Wails does not bind them.)
func (s *Session) openDB() (*store.DB, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db == nil {
		return nil, apperr.New(apperr.Locked, "The register is locked. Unlock it with your passphrase.")
	}
	s.lastActivity = s.now()
	return s.db, nil
}

// officer returns the officer's name from settings ("Officer" when not
// set); it is recorded as "who" on changes.
func (s *Session) officer() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.settings.OfficerName == "" {
		return "Officer"
	}
	return s.settings.OfficerName
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
	State           string         `json:"state"`
	Settings        store.Settings `json:"settings"`
	LockedAt        string         `json:"lockedAt"` // RFC 3339, when it was last locked
	AutoLockMinutes int            `json:"autoLockMinutes"`
}

// Info returns the app version, the register path and the register's state.
func (s *Session) Info() AppInfo {
	s.mu.Lock()
	defer s.mu.Unlock()
	info := AppInfo{Version: version.String(), RegisterPath: s.cfg.RegisterPath, State: "locked"}
	switch {
	case s.db != nil:
		info.State = "open"
		info.Settings = s.settings
		info.AutoLockMinutes = s.settings.AutoLockMinutes
	case !exists(s.cfg.RegisterPath):
		info.State = "absent"
	}
	if !s.lockedAt.IsZero() {
		info.LockedAt = s.lockedAt.Format(time.RFC3339)
	}
	return info
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// CreateRegister creates the register with the passphrase pass (typed twice) and opens
// it; with demo it is filled with fictional demo data first.
func (s *Session) CreateRegister(pass, confirm string, demo bool) (AppInfo, error) {
	if pass != confirm {
		return AppInfo{}, Fail(&apperr.Error{Code: apperr.Invalid, Message: "The two passphrases differ. Type the same passphrase twice.",
			Fields: []apperr.FieldError{{Field: "confirm", Message: "This does not match the passphrase above."}}})
	}
	if err := passphrase.Check(pass); err != nil {
		return AppInfo{}, Fail(err)
	}
	if demo && s.cfg.Demo == nil {
		return AppInfo{}, Fail(apperr.New(apperr.Internal, "This build has no demo data."))
	}
	db, err := store.Create(s.cfg.RegisterPath, []byte(pass), s.storeOptions())
	if err != nil {
		return AppInfo{}, Fail(err)
	}
	if demo {
		if err := s.cfg.Demo(context.Background(), db, "Demo"); err != nil {
			_ = db.Close()
			return AppInfo{}, Fail(err)
		}
	}
	if err := s.opened(db); err != nil {
		return AppInfo{}, Fail(err)
	}
	return s.Info(), nil
}

// Unlock opens the register with passphrase.
func (s *Session) Unlock(passphrase string) (AppInfo, error) {
	s.mu.Lock()
	open := s.db != nil
	s.mu.Unlock()
	if open {
		return s.Info(), nil
	}
	if passphrase == "" {
		return AppInfo{}, Fail(&apperr.Error{Code: apperr.Invalid, Message: "Type the register's passphrase.",
			Fields: []apperr.FieldError{{Field: "passphrase", Message: "Type the register's passphrase."}}})
	}
	db, err := store.Open(s.cfg.RegisterPath, []byte(passphrase), s.storeOptions())
	if err != nil {
		return AppInfo{}, Fail(err)
	}
	if err := s.opened(db); err != nil {
		return AppInfo{}, Fail(err)
	}
	return s.Info(), nil
}

func (s *Session) storeOptions() store.Options {
	o := s.cfg.Store
	if o.Now == nil {
		o.Now = s.cfg.Now
	}
	return o
}

func (s *Session) opened(db *store.DB) error {
	settings, err := db.GetSettings(context.Background())
	if err != nil {
		_ = db.Close()
		return err
	}
	s.mu.Lock()
	s.db, s.settings, s.lastActivity = db, settings, s.now()
	s.mu.Unlock()
	return nil
}

// Lock closes the register now: the journal is compacted into the sealed
// file, keys and decrypted data are dropped from memory as far as Go allows.
func (s *Session) Lock() (AppInfo, error) {
	if err := s.lock("manual"); err != nil {
		return AppInfo{}, Fail(err)
	}
	return s.Info(), nil
}

func (s *Session) lock(reason string) error {
	s.mu.Lock()
	db := s.db
	s.db = nil
	s.settings = store.Settings{}
	if db != nil {
		s.lockedAt = s.now()
	}
	ctx := s.ctx
	s.mu.Unlock()
	if db == nil {
		return nil
	}
	err := db.Close()
	db = nil
	freeMemory()
	if ctx != nil && reason != "closed" {
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
	if s.db != nil {
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
	if s.db == nil || s.settings.AutoLockMinutes <= 0 {
		return false
	}
	return s.now().Sub(s.lastActivity) >= time.Duration(s.settings.AutoLockMinutes)*s.minute()
}

// SaveSettings stores the officer's settings.
func (s *Session) SaveSettings(in store.Settings) (store.Settings, error) {
	db, err := s.openDB()
	if err != nil {
		return store.Settings{}, Fail(err)
	}
	if err := db.SaveSettings(context.Background(), in, s.officer()); err != nil {
		return store.Settings{}, Fail(err)
	}
	got, err := db.GetSettings(context.Background())
	if err != nil {
		return store.Settings{}, Fail(err)
	}
	s.mu.Lock()
	s.settings = got
	s.mu.Unlock()
	return got, nil
}

// ChangePassphrase replaces the passphrase after checking the current one.
func (s *Session) ChangePassphrase(current, next, confirm string) error {
	db, err := s.openDB()
	if err != nil {
		return Fail(err)
	}
	if next != confirm {
		return Fail(&apperr.Error{Code: apperr.Invalid, Message: "The two new passphrases differ.",
			Fields: []apperr.FieldError{{Field: "confirm", Message: "This does not match the new passphrase."}}})
	}
	if err := passphrase.Check(next); err != nil {
		return Fail(err)
	}
	if err := db.ChangePassphraseWith([]byte(current), []byte(next)); err != nil {
		if apperr.Is(err, apperr.WrongPass) {
			return Fail(&apperr.Error{Code: apperr.WrongPass, Message: "The current passphrase is not right. Nothing was changed.",
				Fields: []apperr.FieldError{{Field: "current", Message: "This is not the register's current passphrase."}}})
		}
		return Fail(err)
	}
	return nil
}
