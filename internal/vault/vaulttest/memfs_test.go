package vaulttest_test

import (
	"bytes"
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"testing"

	"atpreg/internal/vault"
	"atpreg/internal/vault/vaulttest"
)

func write(t *testing.T, m *vaulttest.MemFS, name string, data []byte, sync bool) {
	t.Helper()
	f, err := m.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write(data); err != nil {
		t.Fatal(err)
	}
	if sync {
		if err := f.Sync(); err != nil {
			t.Fatal(err)
		}
	}
	f.Close()
}

// TestCrashKeepsWhatWasSynced: a file synced and its folder synced survives
// every power cut whole; a file written but not synced, or renamed without
// the folder synced, is sometimes lost, sometimes torn, sometimes kept.
func TestCrashKeepsWhatWasSynced(t *testing.T) {
	m := vaulttest.NewMemFS()
	m.MkdirAll("/d", 0o700)
	synced := bytes.Repeat([]byte("s"), 3*vaulttest.SectorSize+7)
	write(t, m, "/d/synced", synced, true)
	m.SyncDir("/d")
	loose := bytes.Repeat([]byte("u"), 4*vaulttest.SectorSize)
	write(t, m, "/d/loose", loose, false)
	write(t, m, "/d/tmp", []byte("renamed"), true)
	if err := m.Rename("/d/tmp", "/d/target"); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	outcomes := map[string]bool{}
	for range 200 {
		c := m.Crash(rng)
		got, err := c.ReadFile("/d/synced")
		if err != nil || !bytes.Equal(got, synced) {
			t.Fatalf("synced file after a power cut: %v", err)
		}
		switch got, err := c.ReadFile("/d/loose"); {
		case errors.Is(err, fs.ErrNotExist):
			outcomes["loose gone"] = true
		case bytes.Equal(got, loose):
			outcomes["loose whole"] = true
		default:
			outcomes["loose torn"] = true
		}
		_, errT := c.ReadFile("/d/target")
		_, errR := c.ReadFile("/d/tmp")
		switch {
		case errT == nil && errR != nil:
			outcomes["rename kept"] = true
		case errT != nil && errR == nil:
			outcomes["rename lost"] = true
		case errT != nil && errR != nil:
			outcomes["tmp never created"] = true
		default:
			t.Fatal("a rename both done and not done")
		}
	}
	for _, o := range []string{"loose gone", "loose whole", "loose torn", "rename kept", "rename lost", "tmp never created"} {
		if !outcomes[o] {
			t.Errorf("never saw %q in 200 power cuts", o)
		}
	}
	// The program's own view is untouched by simulating a cut.
	if got, _ := m.ReadFile("/d/loose"); !bytes.Equal(got, loose) {
		t.Fatal("Crash changed the MemFS")
	}
}

func TestLockAndHook(t *testing.T) {
	m := vaulttest.NewMemFS()
	m.MkdirAll("/d", 0o700)
	unlock, created, err := m.Lock("/d/r.lock")
	if err != nil || !created {
		t.Fatalf("lock: %v %v", err, created)
	}
	if _, _, err := m.Lock("/d/r.lock"); !errors.Is(err, vault.ErrBusy) {
		t.Fatalf("second lock: %v", err)
	}
	unlock(true)
	if _, err := m.Lstat("/d/r.lock"); !errors.Is(err, fs.ErrNotExist) {
		t.Fatal("lock file not removed")
	}
	full := errors.New("no space left on device")
	m.Hook = func(op vaulttest.Op) error {
		if op.Kind == "write" {
			return full
		}
		return nil
	}
	f, err := m.OpenFile("/d/x", os.O_WRONLY|os.O_CREATE, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write([]byte("x")); !errors.Is(err, full) {
		t.Fatalf("write with a failing hook: %v", err)
	}
	if got, _ := m.ReadFile("/d/x"); len(got) != 0 {
		t.Fatal("a failed write changed the file")
	}
}
