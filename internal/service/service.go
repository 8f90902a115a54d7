// Package service holds every use case atpreg offers, written once for both
// faces: the desktop window (app/) and the command line (internal/cli) call
// these and nothing below them. A use case checks its rules (through the
// domain in internal/register), reads and writes through the store, renders
// through the renderers, and publishes files through one path (publish.go).
//
// Register is an open register; the functions Create, Open, Verify and
// Restore work on a register file. Area files add the use cases of one area
// (import.go, briefing.go, ...).
package service

import (
	"context"
	"errors"
	"os"
	"time"

	"atpreg/internal/apperr"
	"atpreg/internal/passphrase"
	"atpreg/internal/register"
	"atpreg/internal/store"
	"atpreg/internal/vault"
)

// Options say how registers are opened. The zero value is production.
type Options struct {
	// Now is the clock (nil: time.Now).
	Now func() time.Time
	// TestingKDF derives keys cheaply (Argon2id t=1, a few KiB): a register
	// made with it is easy to break. Only tests set it (Go tests directly,
	// the browser tests through a binary built with the atpreg_testhooks
	// tag, see internal/testhooks); production wiring never does.
	TestingKDF bool
	// StateDir is the folder where the newest state seen of each register
	// is remembered, so that an older copy put in its place is refused
	// (paths.StateDir; main sets it for both faces). Empty: nothing is
	// remembered or checked (tests).
	StateDir string
}

func (o Options) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}

func (o Options) store() store.Options {
	so := store.Options{Now: o.Now}
	if o.TestingKDF {
		so.KDF, so.AllowWeakKDF = vault.TestingKDF, true
	}
	if o.StateDir != "" {
		so.Seen = store.SeenDir{Dir: o.StateDir}
	}
	return so
}

// DefaultOfficer is who changes are recorded as while Settings name no
// officer (register.DefaultOfficer).
const DefaultOfficer = register.DefaultOfficer

// Register is an open register and every use case on it. It is safe for
// concurrent use (the store serialises writes).
type Register struct {
	db   *store.DB
	opt  Options
	undo undoShelf // what recent deletes took away, for Undelete
}

// Path returns the register's file.
func (r *Register) Path() string { return r.db.Path() }

// Now returns the register's clock reading.
func (r *Register) Now() time.Time { return r.opt.now() }

// Close seals the register (the journal is compacted into the sealed file)
// and drops its keys, and what recent deletes took away (nothing can be
// undeleted after).
func (r *Register) Close() error {
	r.undo.drop()
	return r.db.Close()
}

// Officer returns the officer's name from Settings, or DefaultOfficer: who
// a change is recorded as.
func (r *Register) Officer(ctx context.Context) string {
	s, err := r.db.GetSettings(ctx)
	if err != nil {
		return DefaultOfficer
	}
	return s.Officer()
}

// Exists reports whether there is a register file at path.
func Exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// ConfirmPassphrase checks a new passphrase typed twice: the same both times
// and strong enough (passphrase.Check). The error names the field to fix
// ("passphrase" or "confirm").
func ConfirmPassphrase(pass, confirm []byte) error {
	if string(pass) != string(confirm) {
		return &apperr.Error{Code: apperr.Invalid, Message: "The two passphrases differ. Type the same passphrase twice.",
			Fields: []apperr.FieldError{{Field: "confirm", Message: "This does not match the passphrase above."}}}
	}
	return passphrase.Check(string(pass))
}

// Create makes a new, empty register at path protected by pass, which must
// be strong enough (passphrase.Check); it refuses to overwrite anything
// (apperr.Conflict). The returned register is open.
func Create(path string, pass []byte, opt Options) (*Register, error) {
	return CreateReporting(context.Background(), path, pass, opt, false, nil)
}

// CreateDemo makes a new register like Create and fills it with the
// fictional demo data. If filling fails, nothing is left behind: the new
// register's files are removed.
func CreateDemo(ctx context.Context, path string, pass []byte, opt Options) (*Register, error) {
	return CreateReporting(ctx, path, pass, opt, true, nil)
}

// Step is a stage of making or opening a register that a person waits through;
// CreateReporting and OpenReporting tell each as it begins.
type Step = store.Step

// The stages of CreateReporting, in order: StepKey takes most of the time
// (Argon2id, slow on purpose); StepDemo only for a demo register.
const (
	StepKey   = store.StepKey   // deriving the key from the passphrase
	StepWrite = store.StepWrite // writing the new encrypted, sealed file
	StepDemo  = Step("demo")    // writing the demo data into it
)

// CreateReporting is Create, or with demo CreateDemo, telling progress
// (when not nil) each Step as it begins, so that the window can say what it
// is doing. A passphrase or path that is refused is refused before any step.
func CreateReporting(ctx context.Context, path string, pass []byte, opt Options, demo bool, progress func(Step)) (*Register, error) {
	if err := passphrase.Check(string(pass)); err != nil {
		return nil, err
	}
	if Exists(path) {
		return nil, apperr.New(apperr.Conflict, "There is already a register at %s. Nothing was changed; choose another file, or open that one.", path)
	}
	so := opt.store()
	so.Progress = progress
	db, err := store.Create(path, pass, so)
	if err != nil {
		return nil, err
	}
	r := &Register{db: db, opt: opt}
	if !demo {
		return r, nil
	}
	if progress != nil {
		progress(StepDemo)
	}
	if err := store.LoadDemo(ctx, r.db, "Demo"); err != nil {
		_ = r.db.Close()
		for _, p := range []string{path, vault.JournalPath(path), path + ".bak"} {
			_ = os.Remove(p)
		}
		return nil, err
	}
	return r, nil
}

// Open opens the register at path with pass. Errors: apperr.NotFound (no
// register there, with how to make one), apperr.WrongPass, apperr.Damaged,
// apperr.Locked (open in another window or command), apperr.Conflict
// (written by a newer atpreg). On error nothing on disk has changed.
func Open(path string, pass []byte, opt Options) (*Register, error) {
	return OpenReporting(path, pass, opt, nil)
}

// StepRead is the stage of OpenReporting after StepKey: loading the
// register's database and replaying its journal of changes.
const StepRead = store.StepRead

// OpenReporting is Open, telling progress (when not nil) each Step as it
// begins, so that the window can say what it is doing: StepKey (deriving the
// key from the passphrase and decrypting the file, most of the time), then
// StepRead. A missing register or an empty passphrase is refused before any
// step; a wrong passphrase after StepKey.
func OpenReporting(path string, pass []byte, opt Options, progress func(Step)) (*Register, error) {
	if !Exists(path) {
		return nil, apperr.New(apperr.NotFound, "There is no register at %s. Create one (or open the demo), or name another file.", path)
	}
	if len(pass) == 0 {
		return nil, &apperr.Error{Code: apperr.Invalid, Message: "Type the register's passphrase.",
			Fields: []apperr.FieldError{{Field: "passphrase", Message: "Type the register's passphrase."}}}
	}
	so := opt.store()
	so.Progress = progress
	db, err := store.Open(path, pass, so)
	if err != nil {
		return nil, err
	}
	return &Register{db: db, opt: opt}, nil
}

// ChangePassphrase replaces the passphrase: current must be the register's
// passphrase (apperr.WrongPass, naming the field "current"), next strong
// enough and typed twice alike.
func (r *Register) ChangePassphrase(current, next, confirm []byte) error {
	if string(next) != string(confirm) {
		return &apperr.Error{Code: apperr.Invalid, Message: "The two new passphrases differ.",
			Fields: []apperr.FieldError{{Field: "confirm", Message: "This does not match the new passphrase."}}}
	}
	if err := passphrase.Check(string(next)); err != nil {
		return err
	}
	// The current passphrase is checked by the store, and also opens a .bak
	// left by a restore, which is then sealed under the new key too.
	if err := r.db.ChangePassphraseWith(current, next); err != nil {
		if apperr.Is(err, apperr.WrongPass) {
			return &apperr.Error{Code: apperr.WrongPass, Message: "The current passphrase is not right. Nothing was changed.",
				Fields: []apperr.FieldError{{Field: "current", Message: "This is not the register's current passphrase."}}}
		}
		return err
	}
	return nil
}

// KDFWarning says, when the register's key derivation is below the minimum
// (a register from an earlier version, or made by tests), how to strengthen
// it: change the passphrase; "" otherwise.
func (r *Register) KDFWarning() string { return r.db.KDFWarning() }

// Warnings returns what went wrong without losing anything since the
// register was opened (a snapshot that could not be written while the
// changes are safe in the journal); it can be called after Close, and a
// command that has only warnings succeeds.
func (r *Register) Warnings() []string { return r.db.Warnings() }

// VerifyReport is what Verify found.
type VerifyReport = store.VerifyReport

// Verify decrypts the register at path and checks its integrity without
// changing anything.
func Verify(path string, pass []byte, opt Options) (VerifyReport, error) {
	if !Exists(path) {
		return VerifyReport{}, apperr.New(apperr.NotFound, "There is no register at %s. Create one with `atpreg init`, or name another with --register.", path)
	}
	return store.Verify(path, pass, opt.store())
}

// Backup writes a sealed copy of the register to dst under pass, then reads
// it back; a copy that does not read back is reported as damaged. A file at
// dst is replaced only with replace (an earlier backup; never the
// register's own files); otherwise it is an apperr.Conflict caused by a
// FileExistsError and nothing is written.
func (r *Register) Backup(dst string, pass []byte, replace bool) error {
	write := r.db.Backup
	if replace {
		write = r.db.BackupReplacing
	} else if err := RefuseExisting(dst, false); err != nil {
		return err
	}
	if err := write(dst, pass); err != nil {
		return err
	}
	if _, err := store.Verify(dst, pass, r.opt.store()); err != nil {
		return apperr.Wrap(err, apperr.Damaged, "The backup %s was written but does not read back (%s). Do not rely on it.", dst, apperr.Say(err))
	}
	return nil
}

// CheckBackup checks, without the passphrase, that src is there and looks
// like a sealed copy of a register: apperr.NotFound, apperr.Invalid (a file
// of another kind), apperr.Damaged (a register file whose header is
// damaged). Restore checks the same; a face calls it first so as not to ask
// for a passphrase in vain.
func CheckBackup(src string) error {
	if !Exists(src) {
		return apperr.New(apperr.NotFound, "There is no backup at %s.", src)
	}
	if _, _, err := vault.Peek(vault.OS, src); err != nil {
		return restoreError(src, err)
	}
	return nil
}

// Restore brings back the sealed copy src (opened with pass) as the register
// at path, after verifying it; the current register is kept as path.bak. A
// src that is no register at all is apperr.Invalid (rejected input), a
// damaged one apperr.Damaged; either changes nothing.
func Restore(path, src string, pass []byte, opt Options) error {
	if err := CheckBackup(src); err != nil {
		return err
	}
	return restoreError(src, store.Restore(path, src, pass, opt.store()))
}

// restoreError words a file that is no register as the wrong file given.
func restoreError(src string, err error) error {
	if errors.Is(err, vault.ErrNotRegister) {
		return apperr.Wrap(err, apperr.Invalid, "%s is not an atpreg register or backup. Nothing was changed; choose a backup atpreg made (or a register's .bak file).", src)
	}
	return err
}
