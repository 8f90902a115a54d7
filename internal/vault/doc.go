// Package vault keeps the register encrypted at rest: key derivation from the
// passphrase, the sealed snapshot file, the encrypted journal of committed
// changes, and the lock file that keeps one process per register.
//
// # Keys
//
// A register has one random 256-bit data key. It is stored only wrapped
// (AES-256-GCM) under a key-encryption key derived from the passphrase with
// Argon2id; the Argon2id parameters and salt live in the header, so they can
// change from file to file. From the data key, HKDF-SHA256 derives three
// subkeys: one for the snapshot payload, one for the journal records, one for
// the header MAC. Changing the passphrase makes a new data key (Rotated) and
// the store seals the register again under it.
//
// # Snapshot file (format version 1)
//
// All integers are big-endian.
//
//	offset size field
//	     0    7 magic "ATPREG\x00"
//	     7    1 format version (1)
//	     8   16 file id: random, names this register; its journal carries it too
//	    24    8 generation: +1 on every snapshot
//	    32    4 chunk size (plaintext bytes per chunk, 1 MiB)
//	    36    8 payload length (plaintext bytes: the serialized SQLite database)
//	    44    1 KDF algorithm (1 = Argon2id)
//	    45    4 Argon2id time (passes)
//	    49    4 Argon2id memory (KiB)
//	    53    1 Argon2id threads
//	    54   16 salt
//	    70   12 nonce of the wrapped data key
//	    82   48 wrapped data key (AES-256-GCM; AAD = bytes 0..24 and 44..70)
//	   130   32 header MAC: HMAC-SHA256(mac key, bytes 0..130)
//	   162    4 CRC-32C of bytes 0..162 (catches accidental damage before the passphrase is tried)
//	   166      chunks
//
// The payload is split into chunks of the chunk size (the last may be
// shorter; there is at least one). Each chunk is stored as a 12-byte random
// nonce followed by the AES-256-GCM ciphertext and tag. Its associated data is
// SHA-256(bytes 0..44) ‖ chunk index (8 bytes) ‖ final flag (1 byte), so a
// chunk moved, dropped, repeated or taken from another file fails to open, and
// so does a file cut short or extended.
//
// Checks on opening, in order: magic and version; length of the header;
// CRC-32C (damage); the wrapped key (a failure here means the passphrase is
// wrong: apperr.WrongPass); the header MAC (the header was edited); every
// chunk; the file length. Later format versions keep the CRC-32C of bytes
// 0..162 at offset 162 (and the journal's at offset 32), so that an older
// atpreg can tell a newer file (apperr.Conflict: update atpreg) from a
// damaged version byte.
//
// Any failure other than the passphrase is reported as
// apperr.Damaged, in words that say what is wrong, and nothing is written.
//
// # Journal file (format version 2)
//
//	offset size field
//	     0    7 magic "ATPJRN\x00"
//	     7    1 format version (2)
//	     8   16 file id of the register it belongs to
//	    24    8 generation of the snapshot it applies to
//	    32    4 CRC-32C of bytes 0..32
//	    36      records
//
// A record is a 20-byte header (marker A7 52 45 43, sequence number from 0,
// body length, CRC-32C of file id ‖ generation ‖ header bytes 0..16), then
// the body: a 12-byte random nonce and the AES-256-GCM ciphertext, with
// associated data file id ‖ generation ‖ header bytes 0..16. Each append is
// followed by fsync before the caller is told the change is saved.
//
// On opening, a record that does not read is a torn tail (a write cut short
// by a crash) only if no intact record header follows it: then it is dropped
// and the file truncated back to the last good record. Otherwise it is
// damage: a flipped bit in any record but the last never silently drops the
// changes after it. A journal of an older generation than the snapshot is
// stale (the snapshot already holds its records) and is replaced; a journal
// with another file id, or a newer generation, is damage.
//
// Journals of format version 1 (a bare 4-byte length before each body, with
// associated data file id ‖ generation ‖ sequence number) are still read and
// appended to; the next snapshot starts a journal of format 2.
//
// # Files
//
// Everything is read and written through an FS: OS in production; tests
// use vaulttest.MemFS, which simulates power cuts (writes since the last
// sync lost, torn or reordered; folder changes since the last folder sync
// lost, the later first).
package vault
