package cli

import (
	"context"
	"flag"
	"fmt"

	"atpreg/internal/service"
)

// importCommand is `atpreg import`.
func importCommand() *Command {
	return &Command{
		Name:    "import",
		Args:    "FILE [--dry-run] [--quiet]",
		Summary: "import submissions from a CSV or XLSX file (all rows or none)",
		Help: `Reads FILE (UTF-8 CSV, or the first sheet of an XLSX workbook) in the import
format (see ` + "`atpreg template`" + `), checks every cell and imports all rows in one
transaction, or none. Rows of an entity already in the register (same name,
case and surrounding space ignored, and same contact email) are merged into it:
filled cells replace stored values, products are matched by name, new ones are
added. Importing the same file again changes nothing. The import is recorded in
each entity's history with the file's name and SHA-256.

--dry-run reports what would be created or merged and every problem, and
changes nothing. --quiet prints only the totals, not a line per entity.

Exit status 4 when the file is rejected; every problem is listed on standard
error as row, column, value and reason.`,
		Setup: func(fs *flag.FlagSet) func(c *Context, pos []string) error {
			dryRun := fs.Bool("dry-run", false, "report what would be imported, change nothing")
			quiet := fs.Bool("quiet", false, "print only the totals")
			return func(c *Context, pos []string) error {
				if len(pos) != 1 {
					return usagef("import: give one file to import")
				}
				return runImport(c, pos[0], *dryRun, *quiet)
			}
		},
	}
}

// runImport checks or imports the file at path. A file that cannot be read,
// or whose own cells have problems, is rejected before the register is
// opened.
func runImport(c *Context, path string, dryRun, quiet bool) error {
	f, err := service.ReadImportFile(path)
	if err != nil {
		return err
	}
	if err := f.Err(); err != nil {
		return err
	}
	return c.withService(func(r *service.Register) error {
		ctx := context.Background()
		var rep service.ImportReport
		if dryRun {
			rep, err = r.CheckImport(ctx, f)
			if err == nil {
				err = rep.Err()
			}
		} else {
			rep, err = r.ApplyImport(ctx, f)
		}
		if err != nil {
			return err
		}
		printImportReport(c, rep, quiet)
		return nil
	})
}

// printImportReport prints the totals of rep and, unless quiet, a line per
// entity.
func printImportReport(c *Context, rep service.ImportReport, quiet bool) {
	verb := "Imported"
	tail := ""
	if rep.DryRun {
		verb, tail = "Dry run of", " Nothing was changed (dry run)."
	}
	c.printf("%s %s (SHA-256 %s): %d %s.\n", verb, rep.File.Name, rep.File.SHA256, rep.Rows, plural(rep.Rows, "row", "rows"))
	would := ""
	if rep.DryRun {
		would = "would be "
	}
	c.printf("Entities: %d %screated, %d %smerged, %d unchanged. Products: %d %sadded, %d %supdated.%s\n",
		rep.Created, would, rep.Merged, would, rep.Unchanged, rep.Added, would, rep.Updated, would, tail)
	if quiet {
		return
	}
	for _, e := range rep.Entities {
		id := ""
		if e.EntityID > 0 {
			id = fmt.Sprintf(" #%d", e.EntityID)
		}
		state := "complete"
		if !e.Complete {
			state = fmt.Sprintf("incomplete, %d %s missing", e.Missing, plural(e.Missing, "item", "items"))
		}
		c.printf("  %-9s %s%s (%d %s, %s)\n", e.Action, e.Name, id, len(e.Products), plural(len(e.Products), "product", "products"), state)
	}
}
