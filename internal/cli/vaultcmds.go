package cli

import (
	"bytes"
	"encoding/json"
	"os"

	"atpreg/internal/apperr"
	"atpreg/internal/passphrase"
	"atpreg/internal/store"
)

func init() {
	register(&Command{
		Name:    "init",
		Summary: "create a new empty register (refuses to overwrite one)",
		Help: `Creates the register named by --register (default: your data folder) and
protects it with a passphrase from --passphrase-file, $ATPREG_PASSPHRASE or a
prompt (asked twice). A forgotten passphrase cannot be recovered: keep it safe.`,
		Run: func(c *Context, args []string) error {
			if len(args) > 0 {
				return usagef("init takes no arguments")
			}
			db, err := c.CreateRegister()
			if err != nil {
				return err
			}
			if err := db.Close(); err != nil {
				return err
			}
			c.printf("Created an empty register at %s\n", c.Register)
			return nil
		},
	})
	register(&Command{
		Name:    "verify",
		Args:    "[--json]",
		Summary: "decrypt the register, check its integrity and print counts",
		Help: `Exit status 3 means the passphrase is wrong; 5 means the register is damaged
or was tampered with (restore it from a backup). Nothing is changed.`,
		Run: func(c *Context, args []string) error {
			asJSON, err := onlyFlag(args, "verify", "--json")
			if err != nil {
				return err
			}
			p, err := c.existingPassphrase()
			if err != nil {
				return err
			}
			defer clear(p)
			rep, err := store.Verify(c.Register, p, c.StoreOptions())
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(c.Stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(rep)
			}
			c.printf("Register %s: integrity %s\n", rep.Path, rep.Integrity)
			c.printf("  schema version %d, snapshot generation %d, %d journal records", rep.SchemaVersion, rep.Generation, rep.JournalRecords)
			if rep.JournalTornTail {
				c.printf(" (an unfinished last record was dropped)")
			}
			c.printf("\n  key derivation: %s\n", rep.KDF)
			if rep.KDFWarning != "" {
				c.printf("  warning: %s\n", rep.KDFWarning)
			}
			for _, t := range rep.Tables {
				c.printf("  %-22s %8d\n", t.Table, t.Rows)
			}
			return nil
		},
	})
	register(&Command{
		Name:    "passwd",
		Summary: "change the register's passphrase",
		Help: `The current passphrase comes from --passphrase-file, $ATPREG_PASSPHRASE or a
prompt; the new one from $ATPREG_NEW_PASSPHRASE or a prompt (asked twice).
The register is sealed again under a new data key (with the current
key-derivation settings), its journal compacted, and its previous copy (.bak)
sealed again too, so the old passphrase opens none of its files. Backups
made earlier keep their passphrase.`,
		Run: func(c *Context, args []string) error {
			if len(args) > 0 {
				return usagef("passwd takes no arguments")
			}
			cur, err := c.existingPassphrase()
			if err != nil {
				return err
			}
			defer clear(cur)
			db, err := store.Open(c.Register, cur, c.StoreOptions())
			if err != nil {
				return err
			}
			return c.closing(db, func(db *store.DB) error {
				next, err := c.secret("", "ATPREG_NEW_PASSPHRASE", "New passphrase: ", true)
				if err != nil {
					return err
				}
				defer clear(next)
				if err := passphrase.Check(string(next)); err != nil {
					return err
				}
				if err := db.ChangePassphraseWith(cur, next); err != nil {
					return err
				}
				c.printf("The passphrase of %s was changed.\n", c.Register)
				return nil
			})
		},
	})
	register(&Command{
		Name:    "backup",
		Args:    "-o FILE",
		Summary: "write a sealed copy of the register",
		Help: `The copy has the same format and passphrase as the register, and is checked
by reading it back. It refuses to overwrite an existing file.`,
		Run: func(c *Context, args []string) error {
			out, err := outputFlag(args, "backup")
			if err != nil {
				return err
			}
			p, err := c.existingPassphrase()
			if err != nil {
				return err
			}
			defer clear(p)
			db, err := store.Open(c.Register, p, c.StoreOptions())
			if err != nil {
				return err
			}
			if err := db.Backup(out, p); err != nil {
				_ = db.Close()
				return err
			}
			if err := db.Close(); err != nil {
				return err
			}
			if _, err := store.Verify(out, p, c.StoreOptions()); err != nil {
				return apperr.Wrap(err, apperr.Damaged, "The backup %s was written but does not read back (%s). Do not rely on it.", out, apperr.Message(err))
			}
			c.printf("Backup written to %s (verified)\n", out)
			return nil
		},
	})
	register(&Command{
		Name:    "restore",
		Args:    "FILE",
		Summary: "bring back a sealed copy (refuses a damaged one)",
		Help: `FILE is a backup (or a register's .bak). It is verified with the passphrase
first; a damaged copy or a wrong passphrase changes nothing. The current
register is kept beside it as .bak, and the copy's passphrase becomes the
register's.`,
		Run: func(c *Context, args []string) error {
			if len(args) != 1 || len(args[0]) > 0 && args[0][0] == '-' {
				return usagef("restore needs exactly one FILE (a backup)")
			}
			src := args[0]
			if _, err := os.Stat(src); err != nil {
				return apperr.New(apperr.NotFound, "There is no backup at %s.", src)
			}
			p, err := c.secret(c.PassphraseFile, "ATPREG_PASSPHRASE", "Passphrase of the backup "+src+": ", false)
			if err != nil {
				return err
			}
			defer clear(p)
			if err := store.Restore(c.Register, src, p, c.StoreOptions()); err != nil {
				return err
			}
			c.printf("Restored %s from %s (the previous register is kept as %s.bak)\n", c.Register, src, c.Register)
			return nil
		},
	})
}

// existingPassphrase checks the register exists, then reads its passphrase.
func (c *Context) existingPassphrase() ([]byte, error) {
	if _, err := os.Stat(c.Register); err != nil {
		return nil, apperr.New(apperr.NotFound, "There is no register at %s. Create one with `atpreg init`, or name another with --register.", c.Register)
	}
	return c.Passphrase()
}

// outputFlag reads a required "-o FILE" (or --output FILE, -o=FILE) from args.
func outputFlag(args []string, cmd string) (string, error) {
	var out string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "-o" || a == "--output":
			if i+1 >= len(args) {
				return "", usagef("%s: %s needs a file name", cmd, a)
			}
			i++
			out = args[i]
		case bytes.HasPrefix([]byte(a), []byte("-o=")) || bytes.HasPrefix([]byte(a), []byte("--output=")):
			_, out, _ = cutEq(a)
		default:
			return "", usagef("%s: unexpected argument %q", cmd, a)
		}
	}
	if out == "" {
		return "", usagef("%s needs -o FILE", cmd)
	}
	return out, nil
}

func cutEq(a string) (string, string, bool) {
	for i := 0; i < len(a); i++ {
		if a[i] == '=' {
			return a[:i], a[i+1:], true
		}
	}
	return a, "", false
}

// onlyFlag accepts no arguments but the optional boolean flag.
func onlyFlag(args []string, cmd, flag string) (bool, error) {
	on := false
	for _, a := range args {
		if a != flag {
			return false, usagef("%s: unexpected argument %q", cmd, a)
		}
		on = true
	}
	return on, nil
}
