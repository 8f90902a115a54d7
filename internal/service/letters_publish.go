package service

// TRANSITION: until the publishing path (publish.go, branch pub) is on
// main, letters are staged with fileout and recorded with the ledger's
// RecordExportTx as kind "export" (the ledger knows no "letter" kind yet).
// When Publish lands this file goes: letters publish through it as kind
// "letter" with the moves and information requests in its transaction.

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"os"
	"path/filepath"
	"time"

	"atpreg/internal/apperr"
	"atpreg/internal/fileout"
	"atpreg/internal/store"
)

const letterLedgerKind = store.LedgerExport

// letterPublication is one file of a letter to publish.
type letterPublication struct {
	Kind      string
	DocID     string
	Path      string
	Data      []byte
	Recipient string
	EntityIDs []int64
	Options   map[string]any
	What      string
}

// letterID is a fresh letter reference: LT-date-64 random bits in
// Crockford base32.
func letterID(t time.Time) string {
	const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
	var b [8]byte
	_, _ = rand.Read(b[:])
	x := binary.BigEndian.Uint64(b[:])
	var s [13]byte
	for i := len(s) - 1; i >= 0; i-- {
		s[i] = alphabet[x&31]
		x >>= 5
	}
	return DocPrefixLetter + "-" + t.UTC().Format("20060102") + "-" + string(s[:])
}

// publishLetters stages files, records them and runs within in one
// transaction, then puts them in place. It returns each file's SHA-256.
func (r *Register) publishLetters(ctx context.Context, files []letterPublication, within func(tx *store.Tx) error) ([]string, error) {
	seen := map[string]bool{}
	for i := range files {
		abs, err := filepath.Abs(files[i].Path)
		if err != nil {
			return nil, apperr.Wrap(err, apperr.Invalid, "%s cannot be written to %s.", files[i].What, files[i].Path)
		}
		if seen[abs] {
			return nil, apperr.New(apperr.Invalid, "Two files would be written as %s; give each its own name.", filepath.Base(abs))
		}
		seen[abs] = true
		files[i].Path = abs
		if fileExists(abs) {
			return nil, apperr.New(apperr.Conflict, "A file named %s already exists in %s; choose another folder or name. Nothing was written.", filepath.Base(abs), filepath.Dir(abs))
		}
	}
	var staged []*fileout.Staged
	defer func() {
		for _, s := range staged {
			s.Discard()
		}
	}()
	for _, f := range files {
		s, err := fileout.Stage(f.Path, f.Data, f.What)
		if err != nil {
			return nil, err
		}
		staged = append(staged, s)
	}
	sums := make([]string, len(files))
	officer := r.Officer(ctx)
	at := store.TimeText(r.Now())
	err := r.db.Update(context.WithoutCancel(ctx), func(tx *store.Tx) error {
		if err := within(tx); err != nil {
			return err
		}
		for i, f := range files {
			sum := sha256.Sum256(f.Data)
			sums[i] = hex.EncodeToString(sum[:])
			if _, err := store.RecordExportTx(tx, store.LedgerEntry{DocID: f.DocID, Kind: f.Kind, Recipient: f.Recipient, EntityIDs: f.EntityIDs,
				Options: f.Options, FileName: f.Path, SHA256: sums[i], By: officer, At: at}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, s := range staged {
		if err := s.Commit(); err != nil {
			return nil, err
		}
	}
	return sums, nil
}

func fileExists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}
