package cli

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"atpreg/internal/apperr"
	"atpreg/internal/interchange"
	"atpreg/internal/store"
)

// importCommand is `atpreg import`.
func importCommand() *Command {
	return &Command{
		Name:    "import",
		Args:    "FILE [--dry-run]",
		Summary: "import submissions from a CSV or XLSX file (all rows or none)",
		Help: `Reads FILE (UTF-8 CSV, or the first sheet of an XLSX workbook) in the import
format (see ` + "`atpreg template`" + `), checks every cell and imports all rows in one
transaction, or none. Rows of an entity already in the register (same name,
case and surrounding space ignored, and same contact email) are merged into it:
filled cells replace stored values, products are matched by name, new ones are
added. Importing the same file again changes nothing. The import is recorded in
each entity's history with the file's name and SHA-256.

--dry-run reports what would be created or merged and every problem, and
changes nothing.

Exit status 4 when the file is rejected; every problem is listed on standard
error as row, column, value and reason.`,
		Setup: rawArgs(runImport),
	}
}

// flagArgs splits args into positional arguments and --name[=value] flags;
// valued names take the next argument when no '=' is given.
func flagArgs(cmd string, args []string, valued, boolean map[string]bool) (pos []string, flags map[string]string, err error) {
	flags = map[string]string{}
	for i := 0; i < len(args); i++ {
		a := args[i]
		if !strings.HasPrefix(a, "-") || a == "-" {
			pos = append(pos, a)
			continue
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		switch {
		case boolean[name]:
			if hasValue {
				return nil, nil, usagef("%s: --%s takes no value", cmd, name)
			}
			flags[name] = "true"
		case valued[name]:
			if !hasValue {
				if i+1 >= len(args) {
					return nil, nil, usagef("%s: --%s needs a value", cmd, name)
				}
				i++
				value = args[i]
			}
			flags[name] = value
		default:
			return nil, nil, usagef("%s: unknown flag %s (see atpreg help %s)", cmd, a, cmd)
		}
	}
	return pos, flags, nil
}

func runImport(c *Context, args []string) error {
	pos, flags, err := flagArgs("import", args, nil, map[string]bool{"dry-run": true})
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("import: give one file to import (atpreg import FILE [--dry-run])")
	}
	dryRun := flags["dry-run"] != ""
	path := pos[0]
	st, err := os.Stat(path)
	if err != nil {
		return apperr.Wrap(err, apperr.NotFound, "The file %s cannot be read; check the path.", path)
	}
	if st.IsDir() {
		return apperr.New(apperr.Invalid, "%s is a folder; give a CSV or XLSX file.", path)
	}
	if st.Size() > interchange.MaxFileBytes {
		return apperr.New(apperr.Invalid, "The file %s is %.1f MB, more than the %d MB an import takes. Split it into smaller files and import them one after another. Nothing was changed.",
			filepath.Base(path), float64(st.Size())/(1<<20), interchange.MaxFileBytes>>20)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return apperr.Wrap(err, apperr.NotFound, "The file %s cannot be read.", path)
	}
	tab, err := interchange.Read(data)
	if err != nil {
		return err
	}
	b := interchange.Parse(tab)
	sum := sha256.Sum256(data)
	file := store.ImportFile{Name: filepath.Base(path), SHA256: hex.EncodeToString(sum[:])}
	if err := b.Err(); err != nil {
		return err // header or cell problems: no need for the register
	}
	return c.withRegister(func(db *store.DB) error {
		s, err := db.GetSettings(context.Background())
		if err != nil {
			return err
		}
		rep, err := db.Import(context.Background(), b, file, s.OfficerName, dryRun)
		if err == nil && dryRun && len(rep.Problems) > 0 {
			err = (&interchange.Batch{Problems: rep.Problems}).Err()
		}
		if err != nil {
			return err
		}
		printImportReport(c, rep)
		return nil
	})
}

func printImportReport(c *Context, rep store.ImportReport) {
	verb := "Imported"
	tail := ""
	if rep.DryRun {
		verb, tail = "Dry run of", " Nothing was changed (dry run)."
	}
	c.printf("%s %s (SHA-256 %s): %d rows.\n", verb, rep.File.Name, rep.File.SHA256, rep.Rows)
	would := ""
	if rep.DryRun {
		would = "would be "
	}
	c.printf("Entities: %d %screated, %d %smerged, %d unchanged. Products: %d %sadded, %d %supdated.%s\n",
		rep.Created, would, rep.Merged, would, rep.Unchanged, rep.Added, would, rep.Updated, would, tail)
	for _, e := range rep.Entities {
		id := ""
		if e.EntityID > 0 {
			id = fmt.Sprintf(" #%d", e.EntityID)
		}
		state := "complete"
		if !e.Complete {
			state = fmt.Sprintf("incomplete, %d item(s) missing", e.Missing)
		}
		c.printf("  %-9s %s%s (%d product(s), %s)\n", e.Action, e.Name, id, len(e.Products), state)
	}
}
