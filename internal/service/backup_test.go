package service_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
	"atpreg/internal/service"
	"atpreg/internal/service/servicetest"
)

// tickingOptions are the tests' cheap options with a clock that moves a
// minute on at every reading after the first, so that each backup has a
// name of its own.
func tickingOptions() service.Options {
	o := servicetest.Options()
	t := servicetest.Now
	o.Now = func() time.Time { now := t; t = t.Add(time.Minute); return now }
	return o
}

// entityCount is the number of entities the register at path holds, read
// back with pass.
func entityCount(t *testing.T, path string, pass []byte) int64 {
	t.Helper()
	rep, err := service.Verify(path, pass, servicetest.Options())
	if err != nil {
		t.Fatalf("verify %s: %v", filepath.Base(path), err)
	}
	for _, tc := range rep.Tables {
		if tc.Table == "entities" {
			return tc.Rows
		}
	}
	t.Fatalf("verify %s: no entities table in %+v", filepath.Base(path), rep.Tables)
	return 0
}

// hasField reports whether err names field.
func hasField(err error, field string) bool {
	for _, f := range apperr.FieldsOf(err) {
		if f.Field == field {
			return true
		}
	}
	return false
}

func names(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = filepath.Base(p)
	}
	return out
}

// TestBackupIntoKeepsTheNewest makes four backups into a folder, keeping
// three: each is a sealed copy that reads back with the passphrase, 0600,
// named after the register and the time; the oldest goes, and files that
// are not this register's backups (another register's, the officer's own)
// stay whatever their names.
func TestBackupIntoKeepsTheNewest(t *testing.T) {
	r, err := service.Create(filepath.Join(t.TempDir(), "rfi 2025.atpreg"), servicetest.Passphrase, tickingOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	folder := t.TempDir()
	foreign := []string{"other-backup-20250101-000000.atpreg", "rfi 2025-backup-notes.txt", "rfi 2025.atpreg"}
	for _, name := range foreign {
		if err := os.WriteFile(filepath.Join(folder, name), []byte("the officer's own file"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	var made []string
	for i := range 4 {
		if _, err := r.CreateEntity(context.Background(), register.Entity{Name: "Fictional Cell Works " + string(rune('A'+i)), ContactEmail: "ops@example.org"}); err != nil {
			t.Fatal(err)
		}
		res, err := r.BackupInto(folder, servicetest.Passphrase, 3)
		if err != nil {
			t.Fatalf("backup %d: %v", i, err)
		}
		if !res.Warning.Empty() {
			t.Errorf("backup %d: warning %s", i, res.Warning)
		}
		if !strings.HasPrefix(filepath.Base(res.Path), "rfi 2025-backup-2025030") || filepath.Dir(res.Path) != folder {
			t.Errorf("backup %d written as %s", i, res.Path)
		}
		if n := entityCount(t, res.Path, servicetest.Passphrase); n != int64(i+1) {
			t.Errorf("backup %d holds %d entities, want %d", i, n, i+1)
		}
		if st, err := os.Stat(res.Path); err != nil || st.Mode().Perm() != 0o600 {
			t.Errorf("backup %d: %v, mode %v", i, err, st.Mode().Perm())
		}
		made = append(made, res.Path)
		if i == 3 && (len(res.Removed) != 1 || res.Removed[0] != made[0]) {
			t.Errorf("the fourth backup removed %v, want the first, %s", names(res.Removed), filepath.Base(made[0]))
		}
		if want := min(i+1, 3); len(res.Kept) != want || res.Kept[0].Path != res.Path {
			t.Errorf("backup %d: kept %d backups, newest first? %+v", i, len(res.Kept), res.Kept)
		}
	}
	list, err := service.Backups(folder, r.Path())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range list {
		got = append(got, b.Path)
	}
	want := []string{made[3], made[2], made[1]}
	if !slices.Equal(got, want) {
		t.Errorf("backups in the folder %v, want %v", names(got), names(want))
	}
	for _, name := range foreign {
		if _, err := os.Stat(filepath.Join(folder, name)); err != nil {
			t.Errorf("%s, not a backup of this register, was touched: %v", name, err)
		}
	}
}

// TestBackupIntoSameSecond: two backups made at the same second get two
// names, and the later one is listed first.
func TestBackupIntoSameSecond(t *testing.T) {
	r := servicetest.New(t) // a fixed clock
	folder := t.TempDir()
	a, err := r.BackupInto(folder, servicetest.Passphrase, 0)
	if err != nil {
		t.Fatal(err)
	}
	b, err := r.BackupInto(folder, servicetest.Passphrase, 0)
	if err != nil {
		t.Fatal(err)
	}
	if a.Path == b.Path || !strings.HasSuffix(b.Path, "-2.atpreg") {
		t.Fatalf("second backup %s beside %s", b.Path, a.Path)
	}
	list, err := service.Backups(folder, r.Path())
	if err != nil || len(list) != 2 || list[0].Path != b.Path {
		t.Fatalf("backups %+v, %v", list, err)
	}
}

// TestBackupIntoRefuses: a wrong passphrase, a folder that is not there
// (a USB drive not plugged in) or a file in place of the folder make no
// backup, create nothing, and say what to do.
func TestBackupIntoRefuses(t *testing.T) {
	r := servicetest.New(t)
	folder := t.TempDir()
	_, err := r.BackupInto(folder, []byte("not the fictional passphrase"), 3)
	if !apperr.Is(err, apperr.WrongPass) || !hasField(err, "passphrase") {
		t.Errorf("wrong passphrase: %v", err)
	}
	missing := filepath.Join(folder, "usb-drive")
	_, err = r.BackupInto(missing, servicetest.Passphrase, 3)
	if !apperr.Is(err, apperr.NotFound) || !strings.Contains(err.Error(), "plugged in") {
		t.Errorf("missing folder: %v", err)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("the missing backup folder was created")
	}
	file := filepath.Join(folder, "a-file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := r.BackupInto(file, servicetest.Passphrase, 3); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("a file for a folder: %v", err)
	}
	if _, err := r.BackupInto("relative/folder", servicetest.Passphrase, 3); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("a relative folder: %v", err)
	}
	ents, _ := os.ReadDir(folder)
	if len(ents) != 1 {
		t.Errorf("refused backups left files: %v", ents)
	}
}

// TestCheckPassphrase: the register's passphrase passes, another is
// WrongPass naming the field.
func TestCheckPassphrase(t *testing.T) {
	r := servicetest.New(t)
	if err := r.CheckPassphrase(servicetest.Passphrase); err != nil {
		t.Fatal(err)
	}
	if err := r.CheckPassphrase([]byte("fictional but wrong")); !apperr.Is(err, apperr.WrongPass) || !hasField(err, "passphrase") {
		t.Fatalf("wrong passphrase: %v", err)
	}
	if err := r.CheckPassphrase(nil); !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("empty passphrase: %v", err)
	}
}

// TestStrengthen opens a register made with weak key derivation as
// production does (warned), refuses a wrong passphrase without change, and
// then seals it again under the same passphrase with the current settings:
// the warning is gone, also after reopening, and nothing was lost.
func TestStrengthen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "register.atpreg")
	weak, err := service.Create(path, servicetest.Passphrase, servicetest.Options())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := weak.CreateEntity(context.Background(), register.Entity{Name: "Fictional Strong Labs", ContactEmail: "a@example.org"}); err != nil {
		t.Fatal(err)
	}
	if err := weak.Close(); err != nil {
		t.Fatal(err)
	}
	production := service.Options{Now: servicetest.Options().Now}
	r, err := service.Open(path, servicetest.Passphrase, production)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = r.Close() }()
	if !r.KDFWeak() {
		t.Fatal("a register with the tests' cheap keys is not reported weak")
	}
	if err := r.Strengthen([]byte("fictional but wrong")); !apperr.Is(err, apperr.WrongPass) || !hasField(err, "passphrase") {
		t.Fatalf("wrong passphrase: %v", err)
	}
	if !r.KDFWeak() {
		t.Fatal("a refused strengthening changed the key derivation")
	}
	if err := r.Strengthen(servicetest.Passphrase); err != nil {
		t.Fatal(err)
	}
	if r.KDFWeak() {
		t.Fatalf("still weak after strengthening: %s", r.KDFWarning())
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	r2, err := service.Open(path, servicetest.Passphrase, production)
	if err != nil {
		t.Fatal(err)
	}
	defer r2.Close()
	if r2.KDFWeak() {
		t.Fatal("weak again after reopening")
	}
	list, err := r2.AllEntities(context.Background(), service.ListQuery{})
	if err != nil || len(list) != 1 {
		t.Fatalf("entities after strengthening: %d, %v", len(list), err)
	}
}
