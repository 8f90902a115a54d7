package vault

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"runtime/debug"

	"golang.org/x/crypto/argon2"

	"atpreg/internal/apperr"
)

// KDFParams are the Argon2id parameters that turn a passphrase into the key
// that wraps the data key. They are stored in each file's header.
type KDFParams struct {
	Time      uint32 // passes over memory
	MemoryKiB uint32 // memory in KiB
	Threads   uint8  // lanes
}

// DefaultKDF is used when KDFParams is zero: Argon2id t=4, 256 MiB, p=2,
// about 0.4-0.7 s on a 2-core laptop (see BenchmarkKDF).
var DefaultKDF = KDFParams{Time: 4, MemoryKiB: 256 << 10, Threads: 2}

// TestingKDF is cheap (well under a millisecond) and only for tests. It is
// below MinKDF: the store refuses it for new passphrases unless its options
// say explicitly that weak key derivation is allowed (tests only).
var TestingKDF = KDFParams{Time: 1, MemoryKiB: 8, Threads: 1}

// MinKDF is the floor this package calls strong enough: OWASP's minimum
// for Argon2id (19 MiB of memory with 2 passes, one lane). A register
// derived with less is refused for new passphrases and opened with a
// warning (see Weak).
var MinKDF = KDFParams{Time: 2, MemoryKiB: 19 << 10, Threads: 1}

// Weak reports whether p is below OWASP's minimum for Argon2id: less than
// 19 MiB of memory, or a single pass with less than 46 MiB (OWASP's other
// minimum setting trades memory for passes: 46 MiB with one pass).
func (p KDFParams) Weak() bool {
	p = p.orDefault()
	return p.MemoryKiB < MinKDF.MemoryKiB || p.Time < MinKDF.Time && p.MemoryKiB < 46<<10
}

// IsZero reports whether p is unset.
func (p KDFParams) IsZero() bool { return p == KDFParams{} }

// orDefault returns p, or DefaultKDF when p is zero.
func (p KDFParams) orDefault() KDFParams {
	if p.IsZero() {
		return DefaultKDF
	}
	return p
}

// valid reports whether p is within the bounds this package accepts, so a
// damaged or hostile header cannot ask for absurd work or memory.
func (p KDFParams) valid() bool {
	return p.Time >= 1 && p.Time <= 64 &&
		p.Threads >= 1 && p.Threads <= 64 &&
		p.MemoryKiB >= 8*uint32(p.Threads) && p.MemoryKiB <= 4<<20
}

// String describes p for reports: memory in MiB, or in KiB when it is not
// a whole number of MiB (never "m=0 MiB").
func (p KDFParams) String() string {
	if p.MemoryKiB%1024 == 0 && p.MemoryKiB > 0 {
		return fmt.Sprintf("Argon2id t=%d m=%d MiB p=%d", p.Time, p.MemoryKiB>>10, p.Threads)
	}
	return fmt.Sprintf("Argon2id t=%d m=%d KiB p=%d", p.Time, p.MemoryKiB, p.Threads)
}

const (
	keyLen    = 32
	saltLen   = 16
	nonceLen  = 12
	tagLen    = 16
	fileIDLen = 16
)

// FileID names one register; its snapshot and journal carry the same id.
type FileID [fileIDLen]byte

// Keyring holds an open register's data key, the subkeys derived from it,
// and the passphrase wrap of the data key. Zero it when the register closes.
type Keyring struct {
	fileID    FileID
	kdf       KDFParams
	salt      [saltLen]byte
	wrapNonce [nonceLen]byte
	wrapped   [keyLen + tagLen]byte

	dataKey []byte
	macKey  []byte
	payload cipher.AEAD
	journal cipher.AEAD

	// kek is the key-encryption key, kept only by Rotated so that Sibling
	// can wrap the same data key again without deriving it twice.
	kek cipher.AEAD
}

// NewKeyring makes a keyring for a new register: a random file id and data
// key, wrapped under passphrase with kdf (DefaultKDF when zero).
func NewKeyring(passphrase []byte, kdf KDFParams) (*Keyring, error) {
	k := &Keyring{dataKey: make([]byte, keyLen)}
	if _, err := rand.Read(k.fileID[:]); err != nil {
		return nil, err
	}
	if _, err := rand.Read(k.dataKey); err != nil {
		return nil, err
	}
	if err := k.derive(); err != nil {
		return nil, err
	}
	if err := k.Rewrap(passphrase, kdf); err != nil {
		k.Zero()
		return nil, err
	}
	return k, nil
}

// FileID returns the register's file id.
func (k *Keyring) FileID() FileID { return k.fileID }

// KDF returns the key-derivation parameters of the current wrap.
func (k *Keyring) KDF() KDFParams { return k.kdf }

// Rewrap wraps the data key under a new passphrase (fresh salt), with kdf
// (DefaultKDF when zero). Files written afterwards open with the new one.
func (k *Keyring) Rewrap(passphrase []byte, kdf KDFParams) error {
	return k.rewrap(passphrase, kdf, false)
}

func (k *Keyring) rewrap(passphrase []byte, kdf KDFParams, keepKEK bool) error {
	if len(passphrase) == 0 {
		return apperr.New(apperr.Invalid, "The passphrase is empty. Choose a passphrase.")
	}
	kdf = kdf.orDefault()
	if !kdf.valid() {
		return apperr.New(apperr.Invalid, "The key-derivation settings (%s) are out of range.", kdf)
	}
	var salt [saltLen]byte
	var nonce [nonceLen]byte
	if _, err := rand.Read(salt[:]); err != nil {
		return err
	}
	if _, err := rand.Read(nonce[:]); err != nil {
		return err
	}
	aead := kekAEAD(passphrase, kdf, salt[:])
	old := *k
	k.kdf, k.salt, k.wrapNonce = kdf, salt, nonce
	out := aead.Seal(nil, nonce[:], k.dataKey, k.wrapAAD())
	if len(out) != len(k.wrapped) {
		*k = old
		return fmt.Errorf("vault: wrapped key has %d bytes", len(out))
	}
	copy(k.wrapped[:], out)
	if keepKEK {
		k.kek = aead
	}
	return nil
}

// Rotated returns a keyring for the same register (same file id) with a new
// random data key, wrapped under passphrase with kdf (DefaultKDF when zero):
// files sealed with it open with passphrase only, and nothing sealed under
// k's data key opens with it. It keeps the key-encryption key for Sibling
// until ForgetKEK or Zero.
func (k *Keyring) Rotated(passphrase []byte, kdf KDFParams) (*Keyring, error) {
	if !k.usable() {
		return nil, errClosed
	}
	c := &Keyring{fileID: k.fileID, dataKey: make([]byte, keyLen)}
	if _, err := rand.Read(c.dataKey); err != nil {
		return nil, err
	}
	if err := c.derive(); err != nil {
		return nil, err
	}
	if err := c.rewrap(passphrase, kdf, true); err != nil {
		c.Zero()
		return nil, err
	}
	return c, nil
}

// Sibling returns a keyring with k's data key and passphrase wrap but
// another file id, for a file that is not this register's own (the .bak left
// by a restore) sealed again under k's key. k must come from Rotated.
func (k *Keyring) Sibling(id FileID) (*Keyring, error) {
	if !k.usable() {
		return nil, errClosed
	}
	if k.kek == nil {
		return nil, fmt.Errorf("vault: Sibling needs a keyring from Rotated")
	}
	c, err := k.clone()
	if err != nil {
		return nil, err
	}
	c.fileID = id
	if err := c.derive(); err != nil {
		c.Zero()
		return nil, err
	}
	c.kdf, c.salt = k.kdf, k.salt
	if _, err := rand.Read(c.wrapNonce[:]); err != nil {
		c.Zero()
		return nil, err
	}
	out := k.kek.Seal(nil, c.wrapNonce[:], c.dataKey, c.wrapAAD())
	copy(c.wrapped[:], out)
	return c, nil
}

// ForgetKEK drops the key-encryption key Rotated kept.
func (k *Keyring) ForgetKEK() {
	if k != nil {
		k.kek = nil
	}
}

// clone returns a copy of k with its own copy of the data key (and no
// key-encryption key).
func (k *Keyring) clone() (*Keyring, error) {
	c := &Keyring{fileID: k.fileID, kdf: k.kdf, salt: k.salt, wrapNonce: k.wrapNonce, wrapped: k.wrapped,
		dataKey: append([]byte(nil), k.dataKey...)}
	if err := c.derive(); err != nil {
		c.Zero()
		return nil, err
	}
	return c, nil
}

// SameKey reports whether k and o hold the same data key.
func (k *Keyring) SameKey(o *Keyring) bool {
	return k.usable() && o.usable() && hmac.Equal(k.dataKey, o.dataKey)
}

// StateKeys derives, from the data key, a name for this register and a key
// to authenticate what is remembered about it outside the register (the
// newest generation seen, to notice a rollback). Neither reveals the data
// key; both change when the data key does.
func (k *Keyring) StateKeys() (name string, macKey []byte, err error) {
	if !k.usable() {
		return "", nil, errClosed
	}
	id, err := hkdf.Key(sha256.New, k.dataKey, k.fileID[:], "atpreg v2 register state name", 16)
	if err != nil {
		return "", nil, err
	}
	macKey, err = hkdf.Key(sha256.New, k.dataKey, k.fileID[:], "atpreg v2 register state mac", keyLen)
	if err != nil {
		return "", nil, err
	}
	return hex.EncodeToString(id), macKey, nil
}

// Zero overwrites the data key and subkeys; the keyring is unusable after.
func (k *Keyring) Zero() {
	if k == nil {
		return
	}
	clear(k.dataKey)
	clear(k.macKey)
	k.dataKey, k.macKey, k.payload, k.journal, k.kek = nil, nil, nil, nil, nil
}

// usable reports whether the keyring still holds its key.
func (k *Keyring) usable() bool { return k != nil && k.dataKey != nil }

// derive computes the subkeys from the data key.
func (k *Keyring) derive() error {
	sub := func(label string) ([]byte, error) {
		return hkdf.Key(sha256.New, k.dataKey, k.fileID[:], "atpreg v1 "+label, keyLen)
	}
	pk, err := sub("snapshot payload")
	if err != nil {
		return err
	}
	jk, err := sub("journal records")
	if err != nil {
		return err
	}
	mk, err := sub("header mac")
	if err != nil {
		return err
	}
	k.macKey = mk
	if k.payload, err = newGCM(pk); err != nil {
		return err
	}
	if k.journal, err = newGCM(jk); err != nil {
		return err
	}
	clear(pk)
	clear(jk)
	return nil
}

// wrapAAD binds the wrapped key to the magic, version, file id and KDF fields.
func (k *Keyring) wrapAAD() []byte {
	b := make([]byte, 0, 64)
	b = append(b, snapMagic...)
	b = append(b, formatVersion)
	b = append(b, k.fileID[:]...)
	b = appendKDF(b, k.kdf, k.salt)
	return b
}

// unwrap derives the key-encryption key from passphrase and opens the wrapped
// data key. It reports false when the passphrase (or the KDF fields) is wrong.
func (k *Keyring) unwrap(passphrase []byte) (bool, error) {
	aead := kekAEAD(passphrase, k.kdf, k.salt[:])
	dk, err := aead.Open(nil, k.wrapNonce[:], k.wrapped[:], k.wrapAAD())
	if err != nil {
		return false, nil
	}
	k.dataKey = dk
	return true, k.derive()
}

func kekAEAD(passphrase []byte, kdf KDFParams, salt []byte) cipher.AEAD {
	kek := argon2.IDKey(passphrase, salt, kdf.Time, kdf.MemoryKiB, kdf.Threads, keyLen)
	defer clear(kek)
	returnKDFMemory(kdf)
	aead, err := newGCM(kek)
	if err != nil {
		panic(err) // a 32-byte key always makes a cipher
	}
	return aead
}

// returnKDFMemory hands Argon2id's working memory (256 MiB with DefaultKDF),
// garbage once the key is derived, back to the OS at once. Without it the
// process keeps it resident, and a second derivation (a passphrase change
// checks the current passphrase, then wraps under the new one) would
// allocate another block before the first is collected. Cheap derivations
// (tests) skip the forced collection.
func returnKDFMemory(kdf KDFParams) {
	if kdf.MemoryKiB >= 16<<10 {
		debug.FreeOSMemory()
	}
}

func newGCM(key []byte) (cipher.AEAD, error) {
	b, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(b)
}

// DeriveCost runs the key derivation once with p (DefaultKDF when zero), for
// calibration and benchmarks.
func DeriveCost(p KDFParams) {
	p = p.orDefault()
	kek := argon2.IDKey([]byte("calibration"), make([]byte, saltLen), p.Time, p.MemoryKiB, p.Threads, keyLen)
	clear(kek)
}
