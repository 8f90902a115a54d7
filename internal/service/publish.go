package service

// Publishing: the one way a file leaves the laptop (briefing packs, demand
// summaries, register exports, calendars, letters, evaluation sheets, RFI
// forms). Publish
//
//  1. stages every file: written to a hidden temporary file in its
//     destination folder, mode 0600, synced (internal/fileout);
//  2. records all of them in the ledger in ONE store transaction, each entry
//     marked not delivered and holding the file's exact bytes (they stay
//     inside the encrypted register, never in plain text on disk);
//  3. moves each file into place (rename, then a sync of the folder);
//  4. marks them delivered in one transaction, which drops the kept bytes.
//
// A crash before step 2 commits leaves nothing recorded and nothing in place
// (at most a hidden staging file); after it, every file is either in place
// or recorded as not delivered, and WriteAgain writes it again from the kept
// bytes (the ledger view offers it). A file in place is always recorded. The
// kill test (publish_kill_test.go) holds this.
//
// One document-id scheme for every published file: NewDocumentID. One file
// name convention in the ledger: FileName is the base name, Folder the
// folder (absolute).

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"atpreg/internal/apperr"
	"atpreg/internal/fileout"
	"atpreg/internal/register"
	"atpreg/internal/store"
)

// Document-id prefixes, one per kind of published document.
const (
	DocPrefixBrief    = "BP"  // briefing packs
	DocPrefixDemand   = "DS"  // demand summaries
	DocPrefixExport   = "EX"  // register exports
	DocPrefixCalendar = "CAL" // meeting calendars
	DocPrefixLetter   = "LT"  // letters to entities' contacts
	DocPrefixSheet    = "ES"  // evaluation sheets
	DocPrefixForm     = "RF"  // RFI forms to fill in
)

// docAlphabet is Crockford's base32 alphabet (no I, L, O, U).
const docAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// NewDocumentID returns a fresh document id made at t: the prefix, the date
// (the register's clock, UTC) and 64 random bits in Crockford base32, e.g.
// "BP-20260310-0J4ZQ8M2C1X7R". Collisions within a day become likely only
// after some four billion ids (the birthday bound of 64 bits), so there is
// room for millions a day; ids sort by date.
func NewDocumentID(prefix string, t time.Time) string {
	var b [8]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	x := binary.BigEndian.Uint64(b[:])
	var s [13]byte // 13 × 5 bits hold 64
	for i := len(s) - 1; i >= 0; i-- {
		s[i] = docAlphabet[x&31]
		x >>= 5
	}
	return prefix + "-" + t.UTC().Format("20060102") + "-" + string(s[:])
}

// Publication is one file to publish.
type Publication struct {
	Kind      string // register.LedgerBrief, LedgerDemand, ...
	DocID     string // NewDocumentID; copies of one pack share it
	Path      string // the destination file
	Data      []byte // its exact bytes
	Recipient string
	CopyNo    int
	EntityIDs []int64        // the entities it holds (their history records it)
	Options   map[string]any // how it was made (never a password)
	// Replace lets the file replace an existing one of that name; otherwise
	// an existing file is an apperr.Conflict and nothing is written.
	Replace bool
	// What names the file in messages (apperr.Fixed("The briefing pack")),
	// in the message's language.
	What apperr.Label
	// Variants is a pack copy's wording-variant vector (briefing.Variants), kept in the ledger.
	Variants string
}

// Publish publishes files as described at the top of publish.go and returns
// their ledger entries (delivered). Errors: apperr.Invalid (no folder, a
// folder that cannot be written to), apperr.Conflict (a file exists and may
// not be replaced), apperr.Canceled (ctx ended before anything was
// recorded); a failure before the record leaves nothing, one after leaves
// the entries recorded as not delivered, with a message that says so.
func (r *Register) Publish(ctx context.Context, files []Publication) ([]register.LedgerEntry, error) {
	return r.publish(ctx, files, nil)
}

// publish is Publish with within (when not nil) run in the transaction that
// records the files: an error from it records nothing and puts nothing in
// place (letters: the pipeline moves and information requests).
func (r *Register) publish(ctx context.Context, files []Publication, within func(tx *store.Tx) error) ([]register.LedgerEntry, error) {
	if len(files) == 0 {
		return nil, apperr.New(apperr.Invalid, "There is nothing to publish.")
	}
	seen := map[string]bool{}
	for i := range files {
		f := &files[i]
		if f.What == nil {
			f.What = apperr.Fixed("The file")
		}
		if strings.TrimSpace(f.Path) == "" {
			return nil, apperr.New(apperr.Invalid, "Name the file to write %s to.", apperr.Lower(f.What))
		}
		abs, err := filepath.Abs(f.Path)
		if err != nil {
			return nil, apperr.Wrap(err, apperr.Invalid, "%s cannot be written to %s: the path is not valid.", f.What, f.Path)
		}
		f.Path = abs
		if seen[abs] {
			return nil, apperr.New(apperr.Invalid, "Two files would be written as %s; give each its own name.", filepath.Base(abs))
		}
		seen[abs] = true
		if err := RefuseExisting(abs, f.Replace); err != nil {
			return nil, err
		}
	}
	// 1. Stage.
	staged := make([]*fileout.Staged, 0, len(files))
	defer func() {
		for _, s := range staged {
			s.Discard() // a no-op once committed
		}
	}()
	for _, f := range files {
		s, err := fileout.Stage(f.Path, f.Data, f.What)
		if err != nil {
			return nil, err
		}
		staged = append(staged, s)
	}
	if err := ctx.Err(); err != nil {
		return nil, apperr.Wrap(err, apperr.Canceled, "The export was cancelled; nothing was saved.")
	}
	// 2. Record, all or nothing; not abandoned half-way by a late cancel.
	ctx = context.WithoutCancel(ctx)
	officer := r.Officer(ctx)
	entries := make([]register.LedgerEntry, len(files))
	contents := make([][]byte, len(files))
	for i, f := range files {
		sum := sha256.Sum256(f.Data)
		entries[i] = register.LedgerEntry{DocID: f.DocID, Kind: f.Kind, Recipient: f.Recipient, CopyNo: f.CopyNo,
			EntityIDs: f.EntityIDs, Options: f.Options, FileName: filepath.Base(f.Path), Folder: filepath.Dir(f.Path), Variants: f.Variants,
			SHA256: hex.EncodeToString(sum[:]), By: officer}
		contents[i] = f.Data
	}
	recorded, err := r.db.RecordPublishedWith(ctx, entries, contents, within)
	if err != nil {
		return nil, err
	}
	// 3. Put in place.
	var ids []int64
	for i, s := range staged {
		if err := s.Commit(); err != nil {
			_ = r.db.MarkDelivered(ctx, ids)
			return nil, apperr.Wrap(err, apperr.Internal, "%s %s is recorded in the ledger but could not be put in place as %s (%s). Free some space or fix the folder, then write it again from the ledger.",
				files[i].What, recorded[i].DocID, recorded[i].FileName, apperr.Say(err))
		}
		ids = append(ids, recorded[i].ID)
	}
	// 4. Delivered.
	if err := r.db.MarkDelivered(ctx, ids); err != nil {
		return nil, err
	}
	for i := range recorded {
		recorded[i].Delivered = true
	}
	return recorded, nil
}

// Undelivered returns the ledger entries whose files were recorded but not
// put in place (a crash or a failure between the two), newest first: the
// ledger view offers to write each again.
func (r *Register) Undelivered(ctx context.Context) ([]register.LedgerEntry, error) {
	return r.db.Ledger(ctx, store.LedgerFilter{Undelivered: true})
}

// Ledger returns the published documents of kind (every kind for ""), newest
// first, at most limit (0: all).
func (r *Register) Ledger(ctx context.Context, kind string, limit int) ([]register.LedgerEntry, error) {
	return r.db.Ledger(ctx, store.LedgerFilter{Kind: kind, Limit: max(limit, 0)})
}

// LedgerPath returns where entry's file was written ("" when the entry
// predates recorded folders).
func LedgerPath(e register.LedgerEntry) string {
	if e.Folder == "" {
		return ""
	}
	return filepath.Join(e.Folder, e.FileName)
}

// WriteAgain writes the file of an undelivered ledger entry again, from the
// bytes the register kept, where it was meant to go, and marks it
// delivered. A file already there with the same bytes only marks it
// delivered. Errors: apperr.NotFound, apperr.Invalid (already delivered),
// apperr.Conflict (a different file holds its name).
func (r *Register) WriteAgain(ctx context.Context, id int64) (register.LedgerEntry, error) {
	e, content, err := r.db.LedgerContent(ctx, id)
	if err != nil {
		return e, err
	}
	if e.Delivered {
		return e, apperr.New(apperr.Invalid, "%s (%s) was put in place when it was made; there is nothing to write again.", e.FileName, e.DocID)
	}
	path := LedgerPath(e)
	sum := sha256.Sum256(content)
	if path == "" || hex.EncodeToString(sum[:]) != e.SHA256 {
		return e, apperr.New(apperr.Damaged, "The register does not hold the bytes of %s (%s); it cannot be written again. Make the document anew.", e.FileName, e.DocID)
	}
	if have, err := os.ReadFile(path); err == nil {
		if !bytes.Equal(have, content) {
			return e, apperr.New(apperr.Conflict, "A different file named %s is in %s; move it away, then write %s again.", e.FileName, e.Folder, e.DocID)
		}
	} else {
		s, err := fileout.Stage(path, content, apperr.T("The %s document %s", e.Kind, e.DocID))
		if err != nil {
			return e, err
		}
		if err := s.Commit(); err != nil {
			return e, err
		}
	}
	if err := r.db.MarkDelivered(ctx, []int64{e.ID}); err != nil {
		return e, err
	}
	e.Delivered = true
	return e, nil
}

// saveFile puts data at path through the same staging (0600, synced, then
// renamed into place) without a ledger entry: for a file that holds nothing
// of the register (the blank import template). An existing file at path is
// replaced only with replace (RefuseExisting).
func saveFile(path string, data []byte, what apperr.Label, replace bool) error {
	if strings.TrimSpace(path) == "" {
		return apperr.New(apperr.Invalid, "Name the file to write %s to.", apperr.Lower(what))
	}
	if err := RefuseExisting(path, replace); err != nil {
		return err
	}
	return fileout.Write(path, data, what)
}

// FileExistsError is the cause of the apperr.Conflict returned when a file
// is to be written where one already exists and may not be replaced (a
// Publication without Replace, an export or backup without replace): a
// face can word what to do about it (the CLI's --force). It matches
// fs.ErrExist.
type FileExistsError struct {
	Path string // the existing file
}

func (e *FileExistsError) Error() string { return "file exists" }

// Unwrap makes errors.Is(err, fs.ErrExist) hold.
func (e *FileExistsError) Unwrap() error { return fs.ErrExist }

// RefuseExisting returns the apperr.Conflict (caused by a FileExistsError)
// for a file at path, unless replace; nil when there is none. Every use case
// that writes a file checks it; a face may call it first, so as not to ask
// for a passphrase or make a document in vain.
func RefuseExisting(path string, replace bool) error {
	if replace {
		return nil
	}
	if _, err := os.Lstat(path); err != nil {
		return nil
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	return apperr.Wrap(&FileExistsError{Path: path}, apperr.Conflict, "A file named %s already exists in %s; nothing was written. Choose another folder or name.", filepath.Base(abs), filepath.Dir(abs))
}
