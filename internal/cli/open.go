package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"

	"atpreg/internal/apperr"
	"atpreg/internal/passphrase"
	"atpreg/internal/service"
)

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
			return nil, apperr.Wrap(err, apperr.Invalid, "The passphrase file cannot be read (%s). Check the path given to --passphrase-file.", apperr.Reason(err))
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
	p, err := []byte(nil), errNoTerminal
	if c.ReadSecret != nil {
		p, err = c.ReadSecret(prompt)
	}
	if err != nil {
		// Not a register's fault nor the input's: how the command was
		// called (exit 2), with where the passphrase can come from.
		how := "use --passphrase-file FILE or set " + envName
		if envName != "ATPREG_PASSPHRASE" {
			how = "set " + envName // --passphrase-file gives the current passphrase, not this one
		}
		if errors.Is(err, errNoTerminal) {
			return nil, usagef("no passphrase given: %s (there is no terminal to ask on)", how)
		}
		return nil, usagef("no passphrase given: %s (the terminal could not be read: %s)", how, apperr.Reason(err))
	}
	if confirm {
		again, err := c.ReadSecret("Type it again: ")
		if err != nil {
			return nil, apperr.Wrap(err, apperr.Invalid, "The passphrase was not confirmed (the terminal could not be read: %s).", apperr.Reason(err))
		}
		if !bytes.Equal(p, again) {
			return nil, apperr.New(apperr.Invalid, "The two passphrases differ. Nothing was created; try again.")
		}
	}
	return p, nil
}

// OpenRegister opens the register named by --register (or the default) with
// the passphrase. The caller closes it.
func (c *Context) OpenRegister() (*service.Register, error) {
	if !service.Exists(c.Register) {
		return nil, apperr.New(apperr.NotFound, "There is no register at %s. Create one with `atpreg init` (or `atpreg demo`), or name another with --register.", c.Register)
	}
	p, err := c.Passphrase()
	if err != nil {
		return nil, err
	}
	defer clear(p)
	return c.open(p)
}

// open opens the register with the passphrase p and warns on stderr when
// its key derivation is weak (not for the tests' cheap keys).
func (c *Context) open(p []byte) (*service.Register, error) {
	r, err := service.Open(c.Register, p, c.Options)
	if err == nil && !c.Options.TestingKDF && c.Stderr != nil {
		if w := r.KDFWarning(); w != "" {
			fmt.Fprintf(c.Stderr, "Warning: %s\n", w)
		}
	}
	return r, err
}

// closeRegister closes r and prints its warnings (what went wrong without
// losing anything, such as a snapshot that could not be written while the
// changes are safe in the journal: the command still succeeds).
func (c *Context) closeRegister(r *service.Register) error {
	err := r.Close()
	if c.Stderr != nil {
		for _, w := range r.Warnings() {
			fmt.Fprintf(c.Stderr, "Warning: %s\n", w)
		}
	}
	return err
}

// refuseExisting refuses a new register where one exists.
func (c *Context) refuseExisting() error {
	if service.Exists(c.Register) {
		return apperr.New(apperr.Conflict, "There is already a register at %s. Nothing was changed; name another file with --register.", c.Register)
	}
	return nil
}

// withService opens the register, runs fn and closes it, reporting the first error.
func (c *Context) withService(fn func(r *service.Register) error) (err error) {
	r, err := c.OpenRegister()
	if err != nil {
		return err
	}
	defer func() {
		if cerr := c.closeRegister(r); err == nil && cerr != nil {
			err = cerr
		}
	}()
	return fn(r)
}

// printf writes to standard output.
func (c *Context) printf(format string, args ...any) {
	fmt.Fprintf(c.Stdout, format, args...)
}
