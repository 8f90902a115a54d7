package vault_test

import (
	"bytes"
	"errors"
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

// TestRotatedAndSibling checks the keys a passphrase change makes: a new
// data key under the new passphrase only, and a sibling (another file id,
// the same new key and passphrase) for a .bak left by a restore.
func TestRotatedAndSibling(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "r.atpreg")
	k := newKeyring(t)
	payload := []byte("fictional payload")
	if err := vault.WriteSnapshotFile(vault.OS, path, k, 1, payload); err != nil {
		t.Fatal(err)
	}
	newPass := []byte("another fictional passphrase")
	k2, err := k.Rotated(newPass, vault.TestingKDF)
	if err != nil {
		t.Fatal(err)
	}
	defer k2.Zero()
	if k2.FileID() != k.FileID() || k2.SameKey(k) {
		t.Fatal("rotation kept the data key or changed the file id")
	}
	if _, err := vault.ReadSnapshotFileWithKey(vault.OS, path, k2); !errors.Is(err, vault.ErrNotThisKey) {
		t.Fatalf("a file of the old key opened with the new one: %v", err)
	}
	s, err := vault.ReadSnapshotFileWithKey(vault.OS, path, k)
	if err != nil || !bytes.Equal(s.Payload, payload) || s.Generation != 1 {
		t.Fatalf("open with the data key: %v", err)
	}
	var other vault.FileID
	other[0] = 42
	sib, err := k2.Sibling(other)
	if err != nil {
		t.Fatal(err)
	}
	defer sib.Zero()
	bak := filepath.Join(dir, "other.atpreg")
	if err := vault.WriteNewSnapshotFile(vault.OS, bak, sib, 3, payload); err != nil {
		t.Fatal(err)
	}
	s, err = vault.ReadSnapshotFile(vault.OS, bak, newPass)
	if err != nil || s.Keyring.FileID() != other || !s.Keyring.SameKey(k2) {
		t.Fatalf("sibling: %v", err)
	}
	if _, err := vault.ReadSnapshotFile(vault.OS, bak, pass); !apperr.Is(err, apperr.WrongPass) {
		t.Fatalf("old passphrase on the sibling: %v", err)
	}
	k2.ForgetKEK()
	if _, err := k2.Sibling(other); err == nil {
		t.Fatal("Sibling without the key-encryption key")
	}
}

func TestKDFStringAndFloor(t *testing.T) {
	for _, c := range []struct {
		p    vault.KDFParams
		s    string
		weak bool
	}{
		{vault.TestingKDF, "Argon2id t=1 m=8 KiB p=1", true},
		{vault.DefaultKDF, "Argon2id t=4 m=256 MiB p=2", false},
		{vault.MinKDF, "Argon2id t=2 m=19 MiB p=1", false},
		{vault.KDFParams{Time: 2, MemoryKiB: 19<<10 - 1, Threads: 1}, "Argon2id t=2 m=19455 KiB p=1", true},
		{vault.KDFParams{Time: 1, MemoryKiB: 19 << 10, Threads: 1}, "Argon2id t=1 m=19 MiB p=1", true},
		{vault.KDFParams{Time: 1, MemoryKiB: 46 << 10, Threads: 1}, "Argon2id t=1 m=46 MiB p=1", false},
		{vault.KDFParams{Time: 64, MemoryKiB: 1 << 10, Threads: 1}, "Argon2id t=64 m=1 MiB p=1", true},
	} {
		if got := c.p.String(); got != c.s {
			t.Errorf("%+v: %q, want %q", c.p, got, c.s)
		}
		if c.p.Weak() != c.weak {
			t.Errorf("%+v: weak %v, want %v", c.p, c.p.Weak(), c.weak)
		}
	}
}

func TestWriteSnapshotFileKeepsBak(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "r.atpreg")
	k := newKeyring(t)
	for gen := uint64(1); gen <= 3; gen++ {
		if err := vault.WriteSnapshotFile(vault.OS, path, k, gen, []byte{byte(gen)}); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		path string
		gen  uint64
	}{{path, 3}, {path + ".bak", 2}} {
		s, err := vault.ReadSnapshotFile(vault.OS, c.path, pass)
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
	l, err := vault.LockRegister(vault.OS, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := vault.LockRegister(vault.OS, path); !apperr.Is(err, apperr.Locked) {
		t.Fatalf("second lock: %v", err)
	}
	if err := l.Unlock(); err != nil {
		t.Fatal(err)
	}
	l2, err := vault.LockRegister(vault.OS, path)
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
