package cli

import (
	"encoding/json"
	"flag"
	"os"

	"atpreg/internal/apperr"
	"atpreg/internal/service"
)

// initCommand is `atpreg init`.
func initCommand() *Command {
	return &Command{
		Name:    "init",
		Summary: "create a new empty register (refuses to overwrite one)",
		Help: `Creates the register named by --register (default: your data folder) and
protects it with a passphrase from --passphrase-file, $ATPREG_PASSPHRASE or a
prompt (asked twice). A forgotten passphrase cannot be recovered: keep it safe.`,
		Setup: noArgs(func(c *Context) error {
			if err := c.refuseExisting(); err != nil {
				return err
			}
			p, err := c.NewPassphrase()
			if err != nil {
				return err
			}
			defer clear(p)
			r, err := service.Create(c.Register, p, c.Options)
			if err != nil {
				return err
			}
			if err := c.closeRegister(r); err != nil {
				return err
			}
			c.printf("Created an empty register at %s.\n", c.Register)
			return nil
		}),
	}
}

// verifyCommand is `atpreg verify`.
func verifyCommand() *Command {
	return &Command{
		Name:    "verify",
		Args:    "[--json]",
		Summary: "decrypt the register, check its integrity and print counts",
		Help: `Exit status 3 means the passphrase is wrong; 5 means the register is damaged
or was tampered with (restore it from a backup). Nothing is changed.`,
		Setup: func(fs *flag.FlagSet) func(c *Context, pos []string) error {
			asJSON := fs.Bool("json", false, "print the report as JSON")
			return func(c *Context, pos []string) error {
				if len(pos) > 0 {
					return usagef("verify: unexpected argument %q", pos[0])
				}
				return runVerify(c, *asJSON)
			}
		},
	}
}

// runVerify verifies the register and prints the report.
func runVerify(c *Context, asJSON bool) error {
	p, err := c.existingPassphrase()
	if err != nil {
		return err
	}
	defer clear(p)
	rep, err := service.Verify(c.Register, p, c.Options)
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
	rows := map[string]int{}
	for _, t := range rep.Tables {
		rows[t.Table] = int(t.Rows)
	}
	c.printf("  It holds:\n")
	for _, k := range verifyCounts {
		if n, ok := rows[k.table]; ok {
			c.printf("    %-32s %6d\n", k.label, n)
		}
	}
	return nil
}

// verifyCounts are the counts verify shows the officer, by table (the
// search indexes and bookkeeping tables are in --json).
var verifyCounts = []struct{ table, label string }{
	{"entities", "entities"},
	{"submissions", "product submissions"},
	{"attachments", "attachments"},
	{"evaluations", "evaluations"},
	{"partners", "university partners"},
	{"meetings", "meetings"},
	{"meeting_actions", "follow-up actions"},
	{"ledger", "documents that left the laptop"},
	{"audit", "history lines"},
}

// passwdCommand is `atpreg passwd`.
func passwdCommand() *Command {
	return &Command{
		Name:    "passwd",
		Summary: "change the register's passphrase",
		Help: `The current passphrase comes from --passphrase-file, $ATPREG_PASSPHRASE or a
prompt; the new one from $ATPREG_NEW_PASSPHRASE or a prompt (asked twice).
The register is sealed again under a new data key (with the current
key-derivation settings), its journal compacted, and its previous copy (.bak)
sealed again too, so the old passphrase opens none of its files. Backups
made earlier keep their passphrase.`,
		Setup: noArgs(func(c *Context) error {
			current, err := c.existingPassphrase()
			if err != nil {
				return err
			}
			defer clear(current)
			r, err := c.open(current)
			if err != nil {
				return err
			}
			err = changePassphrase(c, r, current)
			if cerr := c.closeRegister(r); err == nil {
				err = cerr
			}
			if err != nil {
				return err
			}
			c.printf("The passphrase of %s was changed.\n", c.Register)
			return nil
		}),
	}
}

// backupCommand is `atpreg backup`.
func backupCommand() *Command {
	return &Command{
		Name:    "backup",
		Args:    "[--force] -o FILE",
		Summary: "write a sealed copy of the register",
		Help: `The copy has the same format and passphrase as the register, and is checked
by reading it back. An existing FILE (an earlier backup) is replaced only with
--force, and never the register's own files.`,
		Setup: func(fs *flag.FlagSet) func(c *Context, pos []string) error {
			out := outputFlag(fs)
			force := forceFlag(fs)
			return func(c *Context, pos []string) error {
				if err := needOutput("backup", *out, pos); err != nil {
					return err
				}
				return runBackup(c, *out, *force)
			}
		},
	}
}

// runBackup writes and verifies a sealed copy of the register at out.
func runBackup(c *Context, out string, force bool) error {
	if err := service.RefuseExisting(out, force); err != nil {
		return err
	}
	p, err := c.existingPassphrase()
	if err != nil {
		return err
	}
	defer clear(p)
	r, err := c.open(p)
	if err != nil {
		return err
	}
	err = r.Backup(out, p, force)
	if cerr := c.closeRegister(r); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	c.printf("Backup written to %s (verified by reading it back).\n", out)
	return nil
}

// restoreCommand is `atpreg restore`.
func restoreCommand() *Command {
	return &Command{
		Name:    "restore",
		Args:    "FILE",
		Summary: "bring back a sealed copy (refuses a damaged one)",
		Help: `FILE is a backup (or a register's .bak). It is verified with the passphrase
first; a damaged copy or a wrong passphrase changes nothing. The current
register is kept beside it as .bak, and the copy's passphrase becomes the
register's.`,
		Setup: func(*flag.FlagSet) func(c *Context, pos []string) error { return runRestore },
	}
}

// runRestore brings back the backup pos[0].
func runRestore(c *Context, pos []string) error {
	if len(pos) != 1 {
		return usagef("restore needs exactly one FILE (a backup)")
	}
	src := pos[0]
	if err := service.CheckBackup(src); err != nil {
		return err
	}
	p, err := c.secret(c.PassphraseFile, "ATPREG_PASSPHRASE", "Passphrase of the backup "+src+": ", false)
	if err != nil {
		return err
	}
	defer clear(p)
	if err := service.Restore(c.Register, src, p, c.Options); err != nil {
		return err
	}
	c.printf("Restored %s from %s (the previous register is kept as %s.bak).\n", c.Register, src, c.Register)
	return nil
}

// existingPassphrase checks the register exists, then reads its passphrase.
func (c *Context) existingPassphrase() ([]byte, error) {
	if _, err := os.Stat(c.Register); err != nil {
		return nil, apperr.New(apperr.NotFound, "There is no register at %s. Create one with `atpreg init`, or name another with --register.", c.Register)
	}
	return c.Passphrase()
}

// outputFlag declares -o FILE (also --output) on fs.
func outputFlag(fs *flag.FlagSet) *string {
	out := fs.String("o", "", "the file to write")
	fs.StringVar(out, "output", "", "the file to write")
	return out
}

// forceFlag declares --force on fs: an existing output file may be
// replaced (without it, it is refused and nothing is written).
func forceFlag(fs *flag.FlagSet) *bool {
	return fs.Bool("force", false, "replace an existing file")
}

// forceHelp is the line of a command's help about --force.
const forceHelp = "An existing FILE is replaced only with --force."

// needOutput checks that -o FILE was given and no positional argument.
func needOutput(cmd, out string, pos []string) error {
	if len(pos) > 0 {
		return usagef("%s: unexpected argument %q", cmd, pos[0])
	}
	if out == "" {
		return usagef("%s needs -o FILE", cmd)
	}
	return nil
}

// changePassphrase asks for the new passphrase and makes it r's.
func changePassphrase(c *Context, r *service.Register, current []byte) error {
	next, err := c.secret("", "ATPREG_NEW_PASSPHRASE", "New passphrase: ", true)
	if err != nil {
		return err
	}
	defer clear(next)
	return r.ChangePassphrase(current, next, next)
}
