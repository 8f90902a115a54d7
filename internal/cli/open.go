package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"

	"atpreg/internal/apperr"
	"atpreg/internal/passphrase"
	"atpreg/internal/paths"
	"atpreg/internal/store"
	"atpreg/internal/vault"
)

// StoreOptions are the register options for this process: production key
// derivation, or cheap derivation when ATPREG_INSECURE_TEST_KDF=1 (tests only),
// and the memory of each register's newest state in the user's config
// folder (paths.StateDir; none without a home folder in the environment).
func (c *Context) StoreOptions() store.Options {
	var o store.Options
	if c.Getenv != nil && c.Getenv("ATPREG_INSECURE_TEST_KDF") == "1" {
		o = store.Options{KDF: vault.TestingKDF, AllowWeakKDF: true}
	}
	if c.Getenv != nil {
		if dir, err := paths.StateDirFrom(c.Getenv); err == nil {
			o.Seen = store.SeenDir{Dir: dir}
		}
	}
	return o
}

// Passphrase returns the register's passphrase: the first line of
// --passphrase-file, else $ATPREG_PASSPHRASE, else a prompt without echo.
func (c *Context) Passphrase() ([]byte, error) {
	return c.secret(c.PassphraseFile, "ATPREG_PASSPHRASE", "Passphrase for "+c.Register+": ", false)
}

// NewPassphrase returns a passphrase for a new register (init, demo): like
// Passphrase, but a prompt asks twice, and a weak passphrase is refused.
func (c *Context) NewPassphrase() ([]byte, error) {
	p, err := c.secret(c.PassphraseFile, "ATPREG_PASSPHRASE", "New passphrase for "+c.Register+": ", true)
	if err != nil {
		return nil, err
	}
	return p, passphrase.Check(string(p))
}

// secret reads a passphrase from file, else the environment variable, else
// the terminal (twice when confirm).
func (c *Context) secret(file, envName, prompt string, confirm bool) ([]byte, error) {
	if file != "" {
		b, err := os.ReadFile(file)
		if err != nil {
			return nil, apperr.Wrap(err, apperr.Invalid, "The passphrase file cannot be read (%v). Check the path given to --passphrase-file.", errors.Unwrap(err))
		}
		line, _, _ := bytes.Cut(b, []byte("\n"))
		line = bytes.TrimSuffix(line, []byte("\r"))
		if len(line) == 0 {
			return nil, apperr.New(apperr.Invalid, "The passphrase file %s is empty: its first line must be the passphrase.", file)
		}
		return line, nil
	}
	if c.Getenv != nil {
		if v := c.Getenv(envName); v != "" {
			return []byte(v), nil
		}
	}
	if c.ReadSecret == nil {
		return nil, apperr.New(apperr.Invalid, "No passphrase given: use --passphrase-file FILE or set %s (there is no terminal to ask on).", envName)
	}
	p, err := c.ReadSecret(prompt)
	if err != nil {
		return nil, apperr.Wrap(err, apperr.Invalid, "No passphrase given: use --passphrase-file FILE or set %s (%v).", envName, err)
	}
	if confirm {
		again, err := c.ReadSecret("Type it again: ")
		if err != nil {
			return nil, apperr.Wrap(err, apperr.Invalid, "The passphrase was not confirmed (%v).", err)
		}
		if !bytes.Equal(p, again) {
			return nil, apperr.New(apperr.Invalid, "The two passphrases differ. Nothing was created; try again.")
		}
	}
	return p, nil
}

// OpenRegister opens the register named by --register (or the default) with
// the passphrase. The caller closes it.
func (c *Context) OpenRegister() (*store.DB, error) {
	if _, err := os.Stat(c.Register); errors.Is(err, os.ErrNotExist) {
		return nil, apperr.New(apperr.NotFound, "There is no register at %s. Create one with `atpreg init` (or `atpreg demo`), or name another with --register.", c.Register)
	}
	p, err := c.Passphrase()
	if err != nil {
		return nil, err
	}
	defer clear(p)
	opt := c.StoreOptions()
	db, err := store.Open(c.Register, p, opt)
	if err == nil && !opt.AllowWeakKDF {
		if w := db.KDFWarning(); w != "" && c.Stderr != nil {
			fmt.Fprintf(c.Stderr, "Warning: %s\n", w)
		}
	}
	return db, err
}

// CreateRegister creates a new register at --register (refusing to overwrite
// one) with a new passphrase. The caller closes it.
func (c *Context) CreateRegister() (*store.DB, error) {
	if _, err := os.Lstat(c.Register); err == nil {
		return nil, apperr.New(apperr.Conflict, "There is already a register at %s. Nothing was changed; name another file with --register.", c.Register)
	}
	p, err := c.NewPassphrase()
	if err != nil {
		return nil, err
	}
	defer clear(p)
	return store.Create(c.Register, p, c.StoreOptions())
}

// withRegister opens the register, runs fn and closes it, reporting the first error.
func (c *Context) withRegister(fn func(db *store.DB) error) (err error) {
	db, err := c.OpenRegister()
	if err != nil {
		return err
	}
	return c.closing(db, fn)
}

// closing runs fn on the open db and closes it, reporting the first error.
func (c *Context) closing(db *store.DB, fn func(db *store.DB) error) (err error) {
	defer func() {
		if cerr := db.Close(); err == nil && cerr != nil {
			err = cerr
		}
		c.printWarnings(db)
	}()
	return fn(db)
}

// printWarnings prints on stderr what went wrong without losing anything
// (a snapshot that could not be written while the changes are safe in the
// journal): the command still succeeds.
func (c *Context) printWarnings(db *store.DB) {
	if c.Stderr == nil {
		return
	}
	for _, w := range db.Warnings() {
		fmt.Fprintf(c.Stderr, "Warning: %s\n", w)
	}
}

// printf writes to standard output.
func (c *Context) printf(format string, args ...any) {
	fmt.Fprintf(c.Stdout, format, args...)
}
