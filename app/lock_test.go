package app_test

import (
	"context"
	"encoding/base64"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"atpreg/app"
	"atpreg/internal/service"
	"atpreg/internal/service/servicetest"
)

// restarts records the calls of a session's Config.Restart: each checks,
// as the fresh window will, that the register is sealed and free (it opens
// here, from its files alone) and counts its entities and the backups in
// backupDir.
type restarts struct {
	t         *testing.T
	backupDir string

	mu    sync.Mutex
	calls []restartCall
}

type restartCall struct {
	path, reason string
	at           time.Time
	entities     int
	backups      []string
}

func (r *restarts) restart(path, reason string, at time.Time) error {
	c := restartCall{path: path, reason: reason, at: at, entities: -1}
	reg, err := service.Open(path, servicetest.Passphrase, servicetest.Options())
	if err != nil {
		r.t.Errorf("at the restart the register does not open from its files: %v", err)
	} else {
		if page, err := reg.ListEntities(context.Background(), service.ListQuery{Limit: 1}); err == nil {
			c.entities = page.Total
		}
		_ = reg.Close()
	}
	if r.backupDir != "" {
		ents, _ := os.ReadDir(r.backupDir)
		for _, e := range ents {
			c.backups = append(c.backups, e.Name())
		}
	}
	r.mu.Lock()
	r.calls = append(r.calls, c)
	r.mu.Unlock()
	return nil
}

func (r *restarts) all() []restartCall {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]restartCall(nil), r.calls...)
}

// TestLockRestartsWindowAfterSealing: Lock closes the register (sealed,
// its lock file released, every acknowledged change in it) before the
// window starts afresh at its lock screen, and says why; a switch to
// another register does not restart.
func TestLockRestartsWindowAfterSealing(t *testing.T) {
	dir := t.TempDir()
	rec := &restarts{t: t}
	s := app.NewSession(app.Config{RegisterPath: filepath.Join(dir, "register.atpreg"), Options: servicetest.Options(), Restart: rec.restart})
	if _, err := s.CreateRegister(testPassphrase, testPassphrase, false); err != nil {
		t.Fatal(err)
	}
	addEntity(t, s, "Fernhollow Biologics")
	info, err := s.Lock()
	if err != nil || info.State != "locked" {
		t.Fatalf("lock: %+v %v", info, err)
	}
	calls := rec.all()
	if len(calls) != 1 || calls[0].reason != "manual" || calls[0].path != filepath.Join(dir, "register.atpreg") || calls[0].at.IsZero() {
		t.Fatalf("restarts after Lock: %+v", calls)
	}
	if calls[0].entities != 1 {
		t.Fatalf("at the restart the register holds %d entities, want the 1 added", calls[0].entities)
	}
	if _, err := s.Lock(); err != nil || len(rec.all()) != 1 {
		t.Fatalf("locking a locked register restarted again: %v %+v", err, rec.all())
	}

	// The fresh window: locked, and it says why.
	fresh := app.NewSession(app.Config{RegisterPath: calls[0].path, Options: servicetest.Options(), Restart: rec.restart,
		LockReason: calls[0].reason, LockedAt: calls[0].at})
	if info := fresh.Info(); info.State != "locked" || info.LockReason != "manual" || info.LockedAt == "" {
		t.Fatalf("the fresh window's Info: %+v", info)
	}
	if info, err := fresh.Unlock(testPassphrase); err != nil || info.State != "open" || info.LockReason != "" {
		t.Fatalf("unlock in the fresh window: %+v %v", info, err)
	}
	if n := entities(t, fresh); n != 1 {
		t.Fatalf("the fresh window's register holds %d entities", n)
	}
	// Opening another register is no lock: no restart.
	other := filepath.Join(dir, "other.atpreg")
	l := app.NewLifecycle(fresh, func(string) string { return other })
	if info, err := l.NewRegister(false); err != nil || info == nil || info.State != "absent" {
		t.Fatalf("new register: %+v %v", info, err)
	}
	if n := len(rec.all()); n != 1 {
		t.Fatalf("switching to another register restarted the window (%d restarts)", n)
	}
}

// TestIdleLockRestarts: the auto-lock restarts the window too, with the
// reason "idle".
func TestIdleLockRestarts(t *testing.T) {
	rec := &restarts{t: t}
	s := app.NewSession(app.Config{RegisterPath: filepath.Join(t.TempDir(), "register.atpreg"), Options: servicetest.Options(),
		Minute: 40 * time.Millisecond, Restart: rec.restart})
	app.OnStartup(s)(context.Background())
	defer app.OnShutdown(s)(context.Background())
	if _, err := s.CreateRegister(testPassphrase, testPassphrase, false); err != nil {
		t.Fatal(err)
	}
	set := s.Info().Settings
	set.AutoLockMinutes = 1
	if _, err := s.SaveSettings(set); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for len(rec.all()) == 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	calls := rec.all()
	if len(calls) != 1 || calls[0].reason != "idle" {
		t.Fatalf("restarts after idling: %+v", calls)
	}
	if s.Info().State != "locked" {
		t.Fatal("still open after the idle lock")
	}
}

// TestLockWaitsForDailyBackup: a lock right after the unlock that started
// the daily backup waits for it: at the restart the backup is whole.
func TestLockWaitsForDailyBackup(t *testing.T) {
	dir := t.TempDir()
	usb := t.TempDir()
	rec := &restarts{t: t, backupDir: usb}
	path := filepath.Join(dir, "register.atpreg")
	recentFile := filepath.Join(dir, "config", "atpreg", "registers.json")
	s := app.NewSession(app.Config{RegisterPath: path, Options: servicetest.Options(), RecentFile: recentFile, Restart: rec.restart})
	l := app.NewLifecycle(s, func(kind string) string { return usb })
	if _, err := s.CreateRegister(testPassphrase, testPassphrase, false); err != nil {
		t.Fatal(err)
	}
	if _, err := l.ChooseBackupFolder(); err != nil {
		t.Fatal(err)
	}
	if _, err := l.SaveBackupPlan(3, true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Lock(); err != nil {
		t.Fatal(err)
	}
	fresh := app.NewSession(app.Config{RegisterPath: path, Options: servicetest.Options(), RecentFile: recentFile, Restart: rec.restart})
	if _, err := fresh.Unlock(testPassphrase); err != nil { // starts the daily backup
		t.Fatal(err)
	}
	if _, err := fresh.Lock(); err != nil {
		t.Fatal(err)
	}
	calls := rec.all()
	if len(calls) != 2 || len(calls[1].backups) != 1 {
		t.Fatalf("at the restart after the unlock the backup folder holds %+v, want the daily backup", calls)
	}
	if _, err := service.Verify(filepath.Join(usb, calls[1].backups[0]), servicetest.Passphrase, servicetest.Options()); err != nil {
		t.Fatalf("the daily backup is not whole at the restart: %v", err)
	}
}

// TestLockForgetsPendingImport: a file checked but not confirmed is
// dropped at the lock: after unlocking, its token imports nothing.
func TestLockForgetsPendingImport(t *testing.T) {
	s := newTestSession(t, false)
	x := interchangeService(t, s)
	p, err := x.DryRun("replies.csv", base64.StdEncoding.EncodeToString([]byte(importFile)))
	if err != nil || p.Token == "" {
		t.Fatalf("dry run: %+v %v", p, err)
	}
	if _, err := s.Lock(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Unlock(testPassphrase); err != nil {
		t.Fatal(err)
	}
	if _, err := x.Confirm(p.Token); err == nil {
		t.Fatal("a file checked before the lock was imported after it")
	}
	if n := entities(t, s); n != 0 {
		t.Fatalf("the register holds %d entities", n)
	}
}
