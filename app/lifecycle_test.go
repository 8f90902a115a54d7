package app_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"atpreg/app"
	"atpreg/internal/apperr"
	"atpreg/internal/register"
	"atpreg/internal/service"
	"atpreg/internal/service/servicetest"
)

// wireErr decodes the JSON a bound method's error carries.
func wireErr(t *testing.T, err error) (code string, msg string, fields map[string]string) {
	t.Helper()
	if err == nil {
		t.Fatal("no error")
	}
	var w struct {
		Code    string `json:"code"`
		Message string `json:"message"`
		Fields  []struct{ Field, Message string }
	}
	if e := json.Unmarshal([]byte(err.Error()), &w); e != nil {
		t.Fatalf("not a wire error: %v", err)
	}
	fields = map[string]string{}
	for _, f := range w.Fields {
		fields[f.Field] = f.Message
	}
	return w.Code, w.Message, fields
}

// lifeSession is a session on dir/first.atpreg (not created yet) that keeps
// its recent list in dir, with the dialogs answered by answers[kind].
func lifeSession(t *testing.T, dir string, answers map[string]string) (*app.Session, *app.LifecycleService) {
	t.Helper()
	s := app.NewSession(app.Config{
		RegisterPath: filepath.Join(dir, "first.atpreg"),
		Options:      servicetest.Options(),
		RecentFile:   filepath.Join(dir, "config", "atpreg", "registers.json"),
	})
	t.Cleanup(func() {
		app.WaitBackups(s)
		_, _ = s.Lock()
	})
	return s, app.NewLifecycle(s, func(kind string) string { return answers[kind] })
}

// addEntity adds a fictional entity to the session's open register.
func addEntity(t *testing.T, s *app.Session, name string) {
	t.Helper()
	r, err := app.OpenRegister(s)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.CreateEntity(context.Background(), register.Entity{Name: name, ContactEmail: "office@example.org"}); err != nil {
		t.Fatal(err)
	}
}

// entities is the number of entities in the session's open register.
func entities(t *testing.T, s *app.Session) int {
	t.Helper()
	r, err := app.OpenRegister(s)
	if err != nil {
		t.Fatal(err)
	}
	page, err := r.ListEntities(context.Background(), service.ListQuery{})
	if err != nil {
		t.Fatal(err)
	}
	return page.Total
}

// TestRecentRegistersAndSwitching: registers created and unlocked in the
// window are listed most recent first; New register… and Open another…
// switch the window to the file the dialog answers (locking the open one);
// a recent register opens by its path only if the list holds it; a new
// register never overwrites a file; forgetting one leaves the file; the
// list file holds paths, never register content.
func TestRecentRegistersAndSwitching(t *testing.T) {
	dir := t.TempDir()
	answers := map[string]string{}
	s, l := lifeSession(t, dir, answers)
	first := filepath.Join(dir, "first.atpreg")
	if _, err := s.CreateRegister(testPassphrase, testPassphrase, false); err != nil {
		t.Fatal(err)
	}
	addEntity(t, s, "Fictional Moonfield Biologics")

	answers["save"] = filepath.Join(dir, "second") // the .atpreg is added
	info, err := l.NewRegister(false)
	if err != nil || info == nil || info.State != "absent" || info.RegisterPath != filepath.Join(dir, "second.atpreg") {
		t.Fatalf("new register: %+v, %v", info, err)
	}
	if _, err := app.OpenRegister(s); !apperr.Is(err, apperr.Locked) {
		t.Fatalf("the first register is still open after New register…: %v", err)
	}
	if _, err := s.CreateRegister(testPassphrase, testPassphrase, false); err != nil {
		t.Fatal(err)
	}
	second := filepath.Join(dir, "second.atpreg")
	got := l.Recent()
	if len(got) != 2 || got[0].Path != second || !got[0].Current || got[1].Path != first || got[1].Current || !got[1].Exists || got[1].Name != "first.atpreg" {
		t.Fatalf("recent %+v", got)
	}

	answers["save"] = first
	if _, err := l.NewRegister(false); err == nil {
		t.Fatal("New register… onto an existing register")
	} else if code, _, _ := wireErr(t, err); code != "conflict" {
		t.Fatalf("code %s", code)
	}
	if s.Info().RegisterPath != second || s.Info().State != "open" {
		t.Fatalf("a refused New register… changed the window: %+v", s.Info())
	}
	answers["save"] = ""
	if info, err := l.NewRegister(true); info != nil || err != nil {
		t.Fatalf("cancelled: %+v %v", info, err)
	}

	info2, err := l.OpenRecent(first)
	if err != nil || info2.State != "locked" || info2.RegisterPath != first {
		t.Fatalf("open recent: %+v %v", info2, err)
	}
	if _, err := s.Unlock(testPassphrase); err != nil {
		t.Fatal(err)
	}
	if n := entities(t, s); n != 1 {
		t.Fatalf("first register has %d entities", n)
	}
	if l.Recent()[0].Path != first {
		t.Fatal("the register unlocked last is not first in the list")
	}
	if _, err := l.OpenRecent(filepath.Join(dir, "never-listed.atpreg")); err == nil {
		t.Fatal("a path the list does not hold opened")
	} else if code, _, _ := wireErr(t, err); code != "notfound" {
		t.Fatalf("code %s", code)
	}
	if s.Info().State != "open" {
		t.Fatal("a refused OpenRecent locked the register")
	}

	other := filepath.Join(dir, "elsewhere", "third.atpreg")
	if err := os.MkdirAll(filepath.Dir(other), 0o700); err != nil {
		t.Fatal(err)
	}
	if r, err := service.Create(other, servicetest.Passphrase, servicetest.Options()); err != nil {
		t.Fatal(err)
	} else if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	answers["open"] = other
	if info, err := l.OpenOther(); err != nil || info.RegisterPath != other || info.State != "locked" {
		t.Fatalf("open other: %+v %v", info, err)
	}

	if err := os.Rename(second, second+".moved"); err != nil {
		t.Fatal(err)
	}
	for _, r := range l.Recent() {
		if r.Path == second && r.Exists {
			t.Error("a moved register is listed as there")
		}
	}
	if _, err := l.OpenRecent(second); err == nil {
		t.Fatal("a register no longer there opened")
	} else if _, msg, _ := wireErr(t, err); !strings.Contains(msg, "no longer there") {
		t.Fatalf("message %q", msg)
	}
	list, err := l.ForgetRecent(second)
	if err != nil || len(list) != 1 || list[0].Path != first {
		t.Fatalf("after forgetting: %+v %v", list, err)
	}
	if _, err := os.Stat(second + ".moved"); err != nil {
		t.Fatal("forgetting touched the file")
	}
	b, err := os.ReadFile(filepath.Join(dir, "config", "atpreg", "registers.json"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "Moonfield") || !strings.Contains(string(b), "first.atpreg") {
		t.Fatalf("the recent list holds:\n%s", b)
	}
	if st, _ := os.Stat(filepath.Join(dir, "config", "atpreg", "registers.json")); st.Mode().Perm() != 0o600 {
		t.Errorf("recent list mode %v", st.Mode().Perm())
	}
}

// TestBackupNowAndRestore: a backup goes into the folder the dialog
// answers, only under the register's own passphrase; the register's own
// folder is refused. A backup is read before anything is replaced (a
// wrong passphrase or a damaged file changes nothing and the register
// stays open); restoring it brings its content back, keeps the register as
// it was beside it (.bak) and leaves the restored register open.
func TestBackupNowAndRestore(t *testing.T) {
	dir := t.TempDir()
	usb := filepath.Join(t.TempDir(), "USB DRIVE")
	if err := os.Mkdir(usb, 0o700); err != nil {
		t.Fatal(err)
	}
	answers := map[string]string{}
	s, l := lifeSession(t, dir, answers)
	if _, err := s.CreateRegister(testPassphrase, testPassphrase, false); err != nil {
		t.Fatal(err)
	}
	addEntity(t, s, "Fictional Alpha Cell Works")

	if _, err := l.BackupNow(testPassphrase); err == nil {
		t.Fatal("a backup without a folder")
	} else if _, _, f := wireErr(t, err); f["folder"] == "" {
		t.Fatalf("no folder field: %v", err)
	}
	answers["folder"] = dir
	if _, err := l.ChooseBackupFolder(); err == nil {
		t.Fatal("the register's own folder accepted for backups")
	}
	answers["folder"] = usb
	plan, err := l.ChooseBackupFolder()
	if err != nil || plan.Folder != usb || plan.Keep != 10 || len(plan.Backups) != 0 {
		t.Fatalf("plan %+v %v", plan, err)
	}
	if _, err := l.BackupNow("not the passphrase"); err == nil {
		t.Fatal("a backup under a wrong passphrase")
	} else if code, _, f := wireErr(t, err); code != "wrongpass" || f["passphrase"] == "" {
		t.Fatalf("wrong passphrase: %v", err)
	}
	if ents, _ := os.ReadDir(usb); len(ents) != 0 {
		t.Fatalf("a refused backup wrote %v", ents)
	}
	rep, err := l.BackupNow(testPassphrase)
	if err != nil || !rep.OK || rep.Folder != usb || len(rep.Plan.Backups) != 1 || rep.Plan.Last == "" {
		t.Fatalf("backup: %+v %v", rep, err)
	}
	backup := filepath.Join(usb, rep.Name)
	addEntity(t, s, "Fictional Beta Vectors")

	// A file that is no register: refused when chosen.
	notes := filepath.Join(usb, "notes.atpreg")
	if err := os.WriteFile(notes, []byte("the officer's notes, not a register"), 0o600); err != nil {
		t.Fatal(err)
	}
	answers["open"] = notes
	if _, err := l.ChooseBackup(); err == nil {
		t.Fatal("a file that is no register chosen as a backup")
	} else if code, _, _ := wireErr(t, err); code != "invalid" {
		t.Fatalf("not a register: %v", err)
	}

	// A damaged copy: refused before anything changes.
	damaged := filepath.Join(usb, "damaged.atpreg")
	b, _ := os.ReadFile(backup)
	b[len(b)/2] ^= 0x40
	if err := os.WriteFile(damaged, b, 0o600); err != nil {
		t.Fatal(err)
	}
	answers["open"] = damaged
	if _, err := l.ChooseBackup(); err != nil {
		t.Fatal(err)
	}
	if _, err := l.RestoreBackup(testPassphrase); err == nil {
		t.Fatal("a damaged backup restored")
	} else if code, _, _ := wireErr(t, err); code != "damaged" {
		t.Fatalf("damaged: %v", err)
	}
	if s.Info().State != "open" || entities(t, s) != 2 {
		t.Fatal("a refused restore changed the register or locked it")
	}

	answers["open"] = backup
	choice, err := l.ChooseBackup()
	if err != nil || choice.Name != rep.Name || choice.Folder != usb {
		t.Fatalf("choose: %+v %v", choice, err)
	}
	if _, err := l.CheckBackup("not the passphrase"); err == nil {
		t.Fatal("checked with a wrong passphrase")
	} else if code, _, f := wireErr(t, err); code != "wrongpass" || f["passphrase"] == "" {
		t.Fatalf("check: %v", err)
	}
	check, err := l.CheckBackup(testPassphrase)
	if err != nil || check.Entities != 1 || check.Current != 2 {
		t.Fatalf("check: %+v %v", check, err)
	}
	if _, err := l.RestoreBackup("not the passphrase"); err == nil || s.Info().State != "open" || entities(t, s) != 2 {
		t.Fatalf("restore with a wrong passphrase: %v, %+v", err, s.Info())
	}
	info, err := l.RestoreBackup(testPassphrase)
	if err != nil || info.State != "open" {
		t.Fatalf("restore: %+v %v", info, err)
	}
	if n := entities(t, s); n != 1 {
		t.Fatalf("restored register has %d entities, want the backup's 1", n)
	}
	path := s.Info().RegisterPath
	bak, err := service.Verify(path+".bak", []byte(testPassphrase), servicetest.Options())
	if err != nil {
		t.Fatalf("the register as it was is not kept as .bak: %v", err)
	}
	for _, tc := range bak.Tables {
		if tc.Table == "entities" && tc.Rows != 2 {
			t.Errorf(".bak holds %d entities, want 2", tc.Rows)
		}
	}
	if _, err := l.RestoreBackup(testPassphrase); err == nil {
		t.Fatal("a second restore without choosing again")
	}

	// From the start screen of a register not created yet (a new laptop):
	// the backup becomes that register.
	answers["save"] = filepath.Join(dir, "new laptop.atpreg")
	if info, err := l.NewRegister(false); err != nil || info.State != "absent" {
		t.Fatalf("new register: %+v %v", info, err)
	}
	if _, err := l.ChooseBackup(); err != nil {
		t.Fatal(err)
	}
	if check, err := l.CheckBackup(testPassphrase); err != nil || check.Current != -1 || check.Entities != 1 {
		t.Fatalf("check on the start screen: %+v %v", check, err)
	}
	if info, err := l.RestoreBackup(testPassphrase); err != nil || info.State != "open" || info.RegisterPath != answers["save"] {
		t.Fatalf("restore onto a new register: %+v %v", info, err)
	}
	if n := entities(t, s); n != 1 {
		t.Fatalf("the new laptop's register holds %d entities", n)
	}
	if l.Recent()[0].Path != answers["save"] {
		t.Fatal("the restored register is not first in the recent list")
	}
}

// TestDailyBackupAtUnlock: with a daily plan, unlocking makes a backup in
// the background when none was made in the last day, and not twice a day.
func TestDailyBackupAtUnlock(t *testing.T) {
	dir := t.TempDir()
	usb := t.TempDir()
	s, l := lifeSession(t, dir, map[string]string{"folder": usb})
	if _, err := s.CreateRegister(testPassphrase, testPassphrase, false); err != nil {
		t.Fatal(err)
	}
	if _, err := l.ChooseBackupFolder(); err != nil {
		t.Fatal(err)
	}
	if _, err := l.SaveBackupPlan(-1, true); err == nil {
		t.Fatal("a negative number kept")
	}
	if plan, err := l.SaveBackupPlan(3, true); err != nil || !plan.Daily || plan.Keep != 3 {
		t.Fatalf("plan %+v %v", plan, err)
	}
	for range 2 {
		if _, err := s.Lock(); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Unlock(testPassphrase); err != nil {
			t.Fatal(err)
		}
		app.WaitBackups(s)
	}
	plan, err := l.BackupPlan()
	if err != nil || len(plan.Backups) != 1 || plan.Last == "" {
		t.Fatalf("after two unlocks in a day: %+v %v", plan, err)
	}
	if _, err := service.Verify(filepath.Join(usb, plan.Backups[0].Name), []byte(testPassphrase), servicetest.Options()); err != nil {
		t.Fatalf("the daily backup does not read back: %v", err)
	}
}

// TestStrengthenInWindow: a register with weak key derivation opened as
// production opens it says so in Info; Strengthen with a wrong passphrase
// changes nothing, with the right one it mends it.
func TestStrengthenInWindow(t *testing.T) {
	path := filepath.Join(t.TempDir(), "weak.atpreg")
	r, err := service.Create(path, servicetest.Passphrase, servicetest.Options())
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	// A window running with the tests' cheap keys on purpose does not warn.
	cheap := app.NewSession(app.Config{RegisterPath: path, Options: servicetest.Options()})
	if info, err := cheap.Unlock(string(servicetest.Passphrase)); err != nil || info.KDFWeak {
		t.Fatalf("cheap-key window: %+v %v", info, err)
	}
	if _, err := cheap.Lock(); err != nil {
		t.Fatal(err)
	}
	s := app.NewSession(app.Config{RegisterPath: path, Options: service.Options{Now: servicetest.Options().Now}})
	defer s.Lock()
	info, err := s.Unlock(string(servicetest.Passphrase))
	if err != nil || !info.KDFWeak {
		t.Fatalf("unlock: %+v %v", info, err)
	}
	if _, err := s.Strengthen("not the passphrase"); err == nil {
		t.Fatal("strengthened with a wrong passphrase")
	} else if code, _, f := wireErr(t, err); code != "wrongpass" || f["passphrase"] == "" {
		t.Fatalf("wrong: %v", err)
	}
	if !s.Info().KDFWeak {
		t.Fatal("a refused Strengthen changed the warning")
	}
	info, err = s.Strengthen(string(servicetest.Passphrase))
	if err != nil || info.KDFWeak {
		t.Fatalf("strengthen: %+v %v", info, err)
	}
}
