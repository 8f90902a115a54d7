//go:build e2e

package vault

import (
	"crypto/hkdf"
	"crypto/sha256"

	"golang.org/x/crypto/argon2"
)

// Secrets returns, by name, the keys an open register holds in memory: the
// key-encryption key derived from passphrase, the data key the file at path
// wraps, its subkeys and the state key derived from it. Only the real-window
// tests have it (build tag e2e): they search core dumps of the window for
// these after a lock.
func Secrets(path string, passphrase []byte) (map[string][]byte, error) {
	k, err := OpenKeys(osFS{}, path, passphrase)
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{
		"key-encryption key": argon2.IDKey(passphrase, k.salt[:], k.kdf.Time, k.kdf.MemoryKiB, k.kdf.Threads, keyLen),
		"data key":           append([]byte(nil), k.dataKey...),
		"header MAC key":     append([]byte(nil), k.macKey...),
	}
	for name, label := range map[string]string{"snapshot payload key": "atpreg v1 snapshot payload", "journal record key": "atpreg v1 journal records",
		"state MAC key": "atpreg v2 register state mac"} {
		sub, err := hkdf.Key(sha256.New, k.dataKey, k.fileID[:], label, keyLen)
		if err != nil {
			return nil, err
		}
		out[name] = sub
	}
	k.Zero()
	return out, nil
}
