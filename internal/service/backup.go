package service

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"atpreg/internal/apperr"
)

// CheckPassphrase reports whether pass is the open register's passphrase
// (apperr.WrongPass naming the field "passphrase" if not). Nothing changes.
func (r *Register) CheckPassphrase(pass []byte) error {
	if len(pass) == 0 {
		return &apperr.Error{Code: apperr.Invalid, Message: "Type the register's passphrase.",
			Fields: []apperr.FieldError{{Field: "passphrase", Message: "Type the register's passphrase."}}}
	}
	if err := r.db.CheckPassphrase(pass); err != nil {
		if apperr.Is(err, apperr.WrongPass) {
			return wrongPassphrase("Nothing was changed.")
		}
		return err
	}
	return nil
}

// wrongPassphrase is the error for a passphrase that does not open the
// register, naming the field "passphrase"; then says what happened.
func wrongPassphrase(then string) error {
	return apperr.New(apperr.WrongPass, "This is not the register's passphrase. %s", apperr.T(then)).
		With(apperr.Field("passphrase", "This is not the register's passphrase."))
}

// KDFWeak reports whether the register's key derivation is below the
// minimum (KDFWarning says it in words): Strengthen mends it.
func (r *Register) KDFWeak() bool { return r.KDFWarning() != "" }

// Strengthen seals the register again under its own passphrase pass with
// the current key-derivation settings and a new data key (what changing
// the passphrase does, keeping the passphrase): the remedy KDFWarning asks
// for. pass must be the register's passphrase (apperr.WrongPass, naming
// the field "passphrase", and nothing changes).
func (r *Register) Strengthen(pass []byte) error {
	if len(pass) == 0 {
		return &apperr.Error{Code: apperr.Invalid, Message: "Type the register's passphrase.",
			Fields: []apperr.FieldError{{Field: "passphrase", Message: "Type the register's passphrase."}}}
	}
	if err := r.db.ChangePassphraseWith(pass, pass); err != nil {
		if apperr.Is(err, apperr.WrongPass) {
			return wrongPassphrase("Nothing was changed.")
		}
		return err
	}
	return nil
}

// BackupFile is one backup of a register found in a folder.
type BackupFile struct {
	// Path is the backup's file.
	Path string
	// Made is when it was made, as its name says (local time).
	Made time.Time
	// Size is its size in bytes.
	Size int64
}

// BackupResult is what BackupInto did.
type BackupResult struct {
	// Path is the new backup (written and read back).
	Path string
	// Removed are the older backups removed to keep the number asked for.
	Removed []string
	// Kept are the register's backups in the folder afterwards, newest first.
	Kept []BackupFile
	// Warning says what could not be tidied ("" if nothing): the backup
	// itself was made.
	Warning apperr.Text
}

// backupStamp is the time format in backup file names.
const backupStamp = "20060102-150405"

// BackupName is the file name of a backup of the register at registerPath
// made at t: the register's name, "-backup-" and the local date and time
// ("register-backup-20250114-093005.atpreg").
func BackupName(registerPath string, t time.Time) string {
	return backupStem(registerPath) + "-backup-" + t.Local().Format(backupStamp) + ".atpreg"
}

// backupStem is the register's file name without its .atpreg.
func backupStem(registerPath string) string {
	base := filepath.Base(registerPath)
	if ext := filepath.Ext(base); strings.EqualFold(ext, ".atpreg") {
		base = base[:len(base)-len(ext)]
	}
	return base
}

// backupPattern matches the names BackupName gives (with the "-2", "-3"
// BackupInto adds when a name is taken) of backups of registerPath.
func backupPattern(registerPath string) *regexp.Regexp {
	return regexp.MustCompile(`^` + regexp.QuoteMeta(backupStem(registerPath)) + `-backup-(\d{8}-\d{6})(?:-(\d{1,4}))?\.atpreg$`)
}

// Backups lists the backups of the register at registerPath that BackupInto
// made in folder (recognised by their names), newest first. A folder that
// is not there is apperr.NotFound.
func Backups(folder, registerPath string) ([]BackupFile, error) {
	ents, err := os.ReadDir(folder)
	if err != nil {
		return nil, backupFolderError(folder, err)
	}
	re := backupPattern(registerPath)
	type found struct {
		f   BackupFile
		seq int
	}
	var list []found
	for _, e := range ents {
		m := re.FindStringSubmatch(e.Name())
		if m == nil || !e.Type().IsRegular() {
			continue
		}
		made, err := time.ParseInLocation(backupStamp, m[1], time.Local)
		if err != nil {
			continue
		}
		seq := 1
		if m[2] != "" {
			seq, _ = strconv.Atoi(m[2])
		}
		var size int64
		if fi, err := e.Info(); err == nil {
			size = fi.Size()
		}
		list = append(list, found{BackupFile{Path: filepath.Join(folder, e.Name()), Made: made, Size: size}, seq})
	}
	slices.SortFunc(list, func(a, b found) int {
		if c := b.f.Made.Compare(a.f.Made); c != 0 {
			return c
		}
		return b.seq - a.seq
	})
	out := make([]BackupFile, len(list))
	for i, f := range list {
		out[i] = f.f
	}
	return out, nil
}

// backupFolderError says, in the officer's words, why folder cannot be used.
func backupFolderError(folder string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return apperr.Wrap(err, apperr.NotFound, "The backup folder %s is not there (is the USB drive plugged in?). No backup was made; plug the drive in, or choose another folder.", folder)
	}
	return apperr.Wrap(err, apperr.Internal, "The backup folder %s cannot be read (%s). No backup was made; choose another folder.", folder, apperr.Reason(err))
}

// BackupInto makes a backup of the register in folder, which must exist
// (a folder that is not there, a USB drive not plugged in, is
// apperr.NotFound: nothing is created in its place): a sealed copy under
// pass, named by BackupName, written and read back (Backup). pass must be
// the register's passphrase (apperr.WrongPass otherwise: a copy under a
// mistyped passphrase could never be opened). Then, with keep > 0, the
// register's older backups in folder beyond the newest keep are removed;
// keep 0 keeps them all. Only files named as BackupInto names them are
// ever removed, and only after the new backup read back.
func (r *Register) BackupInto(folder string, pass []byte, keep int) (BackupResult, error) {
	if keep < 0 {
		return BackupResult{}, apperr.New(apperr.Invalid, "The number of backups to keep cannot be negative (0 keeps them all).")
	}
	if folder == "" || !filepath.IsAbs(folder) {
		return BackupResult{}, apperr.New(apperr.Invalid, "Choose the folder for backups first.")
	}
	fi, err := os.Stat(folder)
	if err != nil {
		return BackupResult{}, backupFolderError(folder, err)
	}
	if !fi.IsDir() {
		return BackupResult{}, apperr.New(apperr.Invalid, "%s is a file, not a folder. No backup was made; choose a folder for backups.", folder)
	}
	if err := r.CheckPassphrase(pass); err != nil {
		if apperr.Is(err, apperr.WrongPass) {
			return BackupResult{}, wrongPassphrase("No backup was made.")
		}
		return BackupResult{}, err
	}
	name := BackupName(r.Path(), r.Now())
	dst := filepath.Join(folder, name)
	for n := 2; Exists(dst); n++ {
		if n > 99 {
			return BackupResult{}, apperr.New(apperr.Conflict, "There are already backups named %s in %s. No backup was made; choose another folder.", name, folder)
		}
		dst = filepath.Join(folder, strings.TrimSuffix(name, ".atpreg")+"-"+strconv.Itoa(n)+".atpreg")
	}
	if err := r.Backup(dst, pass, false); err != nil {
		return BackupResult{}, err
	}
	res := BackupResult{Path: dst}
	all, err := Backups(folder, r.Path())
	if err != nil {
		res.Warning = apperr.T("The backup was made, but the folder's older backups could not be listed (%s).", apperr.Say(err))
		return res, nil
	}
	for i, b := range all {
		if keep == 0 || i < keep || b.Path == dst {
			res.Kept = append(res.Kept, b)
			continue
		}
		if err := os.Remove(b.Path); err != nil {
			res.Kept = append(res.Kept, b)
			res.Warning = apperr.T("The backup was made, but the older backup %s could not be removed (%s).", filepath.Base(b.Path), apperr.Reason(err))
			continue
		}
		res.Removed = append(res.Removed, b.Path)
	}
	return res, nil
}
