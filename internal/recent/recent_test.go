package recent_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"atpreg/internal/recent"
)

var t0 = time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)

// TestUsedForgetAndPlans: the most recently used register comes first;
// forgetting one leaves the others; a backup plan survives a new use; the
// file is 0600 in a 0700 folder and holds paths and times only.
func TestUsedForgetAndPlans(t *testing.T) {
	dir := t.TempDir()
	l := recent.List{File: filepath.Join(dir, "atpreg", "registers.json")}
	a, b := filepath.Join(dir, "a.atpreg"), filepath.Join(dir, "b.atpreg")
	for i, p := range []string{a, b, a} {
		if err := l.Used(p, t0.Add(time.Duration(i)*time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	got, err := l.Load()
	if err != nil || len(got) != 2 || got[0].Path != a || got[1].Path != b {
		t.Fatalf("list %+v, %v", got, err)
	}
	if err := l.SetPlan(b, func(p *recent.Plan) { p.Folder, p.Keep = "/media/usb/backups", 5 }); err != nil {
		t.Fatal(err)
	}
	if err := l.Used(b, t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	e, ok := l.Find(b)
	if !ok || e.Backup.Folder != "/media/usb/backups" || e.Backup.Keep != 5 || !e.Used.Equal(t0.Add(time.Hour)) {
		t.Fatalf("entry %+v %v", e, ok)
	}
	if err := l.Forget(a); err != nil {
		t.Fatal(err)
	}
	if got, _ := l.Load(); len(got) != 1 || got[0].Path != b {
		t.Fatalf("after forgetting: %+v", got)
	}
	st, err := os.Stat(l.File)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("list file %v mode %v", err, st.Mode().Perm())
	}
	if st, err := os.Stat(filepath.Dir(l.File)); err != nil || st.Mode().Perm() != 0o700 {
		t.Fatalf("list folder %v mode %v", err, st.Mode().Perm())
	}
	ents, _ := os.ReadDir(filepath.Dir(l.File))
	if len(ents) != 1 {
		t.Errorf("temporary files left: %v", ents)
	}
}

// TestTrimKeepsPlans: past MaxEntries the least recently used without a
// backup plan is forgotten first.
func TestTrimKeepsPlans(t *testing.T) {
	l := recent.List{File: filepath.Join(t.TempDir(), "registers.json")}
	first := "/registers/oldest-with-plan.atpreg"
	if err := l.Used(first, t0); err != nil {
		t.Fatal(err)
	}
	if err := l.SetPlan(first, func(p *recent.Plan) { p.Folder = "/media/usb" }); err != nil {
		t.Fatal(err)
	}
	for i := range recent.MaxEntries + 3 {
		if err := l.Used("/registers/r"+string(rune('a'+i))+".atpreg", t0.Add(time.Duration(i+1)*time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	got, _ := l.Load()
	if len(got) != recent.MaxEntries {
		t.Fatalf("%d entries, want %d", len(got), recent.MaxEntries)
	}
	if got[len(got)-1].Path != first {
		t.Errorf("the oldest register with a backup plan was forgotten: %+v", got[len(got)-1])
	}
	if got[0].Path != "/registers/r"+string(rune('a'+recent.MaxEntries+2))+".atpreg" {
		t.Errorf("newest first? %s", got[0].Path)
	}
}

// TestDamagedListStartsAgain: a damaged file is reported by Load and
// replaced by the next Update; no list file means no list, and the zero
// List keeps nothing.
func TestDamagedListStartsAgain(t *testing.T) {
	f := filepath.Join(t.TempDir(), "registers.json")
	l := recent.List{File: f}
	if got, err := l.Load(); err != nil || len(got) != 0 {
		t.Fatalf("no file: %v %v", got, err)
	}
	if err := os.WriteFile(f, []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Load(); err == nil {
		t.Fatal("a damaged list loads")
	}
	if err := l.Used("/r/a.atpreg", t0); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(f)
	if got, err := l.Load(); err != nil || len(got) != 1 || !strings.Contains(string(b), `"/r/a.atpreg"`) {
		t.Fatalf("after update: %v %v\n%s", got, err, b)
	}
	var zero recent.List
	if err := zero.Used("/r/a.atpreg", t0); err != nil {
		t.Fatal(err)
	}
	if got, _ := zero.Load(); got != nil {
		t.Fatal("the zero list remembers")
	}
}
