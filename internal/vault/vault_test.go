package vault_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"atpreg/internal/apperr"
	"atpreg/internal/vault"
)

var pass = []byte("correct horse battery staple")

func newKeyring(t *testing.T) *vault.Keyring {
	t.Helper()
	k, err := vault.NewKeyring(pass, vault.TestingKDF)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func sealed(t *testing.T, k *vault.Keyring, payload []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := vault.WriteSnapshot(&b, k, 7, payload); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestSnapshotRoundTrip(t *testing.T) {
	k := newKeyring(t)
	for _, n := range []int{1, 100, vault.ChunkSize, vault.ChunkSize + 1, 3*vault.ChunkSize - 5} {
		payload := bytes.Repeat([]byte("fictional entity "), n/17+1)[:n]
		s, err := vault.ReadSnapshot("x", bytes.NewReader(sealed(t, k, payload)), pass)
		if err != nil {
			t.Fatalf("n=%d: %v", n, err)
		}
		if s.Generation != 7 || !bytes.Equal(s.Payload, payload) || s.Keyring.FileID() != k.FileID() {
			t.Fatalf("n=%d: round trip differs (gen %d)", n, s.Generation)
		}
	}
}

func TestSnapshotNoPlaintext(t *testing.T) {
	k := newKeyring(t)
	secret := []byte("Fictional Cell Therapeutics Limited")
	b := sealed(t, k, bytes.Repeat(secret, 50))
	if bytes.Contains(b, secret) || bytes.Contains(b, pass) {
		t.Fatal("plaintext found in the sealed file")
	}
}

func TestSnapshotWrongPassphrase(t *testing.T) {
	k := newKeyring(t)
	_, err := vault.ReadSnapshot("x", bytes.NewReader(sealed(t, k, []byte("payload"))), []byte("not it"))
	if !apperr.Is(err, apperr.WrongPass) {
		t.Fatalf("got %v (%s), want wrongpass", err, apperr.CodeOf(err))
	}
}

// TestSnapshotEveryBitFlip flips one bit in every byte of a small sealed file:
// each must fail to open as damage (the header CRC catches flips in the
// key-derivation fields, which would otherwise look like a wrong passphrase).
func TestSnapshotEveryBitFlip(t *testing.T) {
	k := newKeyring(t)
	orig := sealed(t, k, bytes.Repeat([]byte("abc"), 100))
	for i := range orig {
		b := bytes.Clone(orig)
		b[i] ^= 1 << (i % 8)
		_, err := vault.ReadSnapshot("x", bytes.NewReader(b), pass)
		if err == nil {
			t.Fatalf("flip at byte %d opened", i)
		}
		if c := apperr.CodeOf(err); c != apperr.Damaged {
			t.Fatalf("flip at byte %d: code %s (%v), want damaged", i, c, err)
		}
	}
}

func TestSnapshotEveryTruncation(t *testing.T) {
	k := newKeyring(t)
	orig := sealed(t, k, bytes.Repeat([]byte("abc"), 100))
	for n := range len(orig) {
		_, err := vault.ReadSnapshot("x", bytes.NewReader(orig[:n]), pass)
		if !apperr.Is(err, apperr.Damaged) {
			t.Fatalf("cut at %d: %v (%s), want damaged", n, err, apperr.CodeOf(err))
		}
	}
	_, err := vault.ReadSnapshot("x", bytes.NewReader(append(bytes.Clone(orig), 0)), pass)
	if !apperr.Is(err, apperr.Damaged) {
		t.Fatalf("extended: %v, want damaged", err)
	}
}

func TestRewrap(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "r.atpreg")
	k := newKeyring(t)
	payload := []byte("fictional payload")
	if err := vault.WriteSnapshotFile(path, k, 1, payload); err != nil {
		t.Fatal(err)
	}
	if err := vault.WriteSnapshotFile(path, k, 2, payload); err != nil {
		t.Fatal(err)
	}
	newPass := []byte("another fictional passphrase")
	if err := k.Rewrap(newPass, vault.TestingKDF); err != nil {
		t.Fatal(err)
	}
	if err := vault.RewrapSnapshotFile(path+".bak", k); err != nil {
		t.Fatal(err)
	}
	s, err := vault.ReadSnapshotFile(path+".bak", newPass)
	if err != nil || s.Generation != 1 || !bytes.Equal(s.Payload, payload) {
		t.Fatalf("rewrapped .bak: %v", err)
	}
	if _, err := vault.ReadSnapshotFile(path+".bak", pass); !apperr.Is(err, apperr.WrongPass) {
		t.Fatalf("old passphrase on rewrapped file: %v", err)
	}
	other := newKeyring(t)
	if err := vault.RewrapSnapshotFile(path, other); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("rewrap with a foreign keyring: %v", err)
	}
}

func TestWriteSnapshotFileKeepsBak(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "r.atpreg")
	k := newKeyring(t)
	for gen := uint64(1); gen <= 3; gen++ {
		if err := vault.WriteSnapshotFile(path, k, gen, []byte{byte(gen)}); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		path string
		gen  uint64
	}{{path, 3}, {path + ".bak", 2}} {
		s, err := vault.ReadSnapshotFile(c.path, pass)
		if err != nil || s.Generation != c.gen {
			t.Fatalf("%s: gen %v err %v, want %d", c.path, s, err, c.gen)
		}
		fi, _ := os.Stat(c.path)
		if fi.Mode().Perm() != 0o600 {
			t.Fatalf("%s mode %v", c.path, fi.Mode())
		}
	}
	if _, err := os.Stat(path + ".tmp"); !os.IsNotExist(err) {
		t.Fatal("temporary file left behind")
	}
}

func TestLock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.atpreg")
	l, err := vault.LockRegister(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := vault.LockRegister(path); !apperr.Is(err, apperr.Locked) {
		t.Fatalf("second lock: %v", err)
	}
	if err := l.Unlock(); err != nil {
		t.Fatal(err)
	}
	l2, err := vault.LockRegister(path)
	if err != nil {
		t.Fatalf("lock after unlock: %v", err)
	}
	l2.Unlock()
}

func BenchmarkKDF(b *testing.B) {
	b.ReportMetric(float64(vault.DefaultKDF.MemoryKiB>>10), "MiB")
	for b.Loop() {
		vault.DeriveCost(vault.DefaultKDF)
	}
}
