package cli

import (
	"context"
	"flag"
	"strings"

	"atpreg/internal/apperr"
	"atpreg/internal/service"
)

// exportCommand is `atpreg export`.
func exportCommand() *Command {
	return &Command{
		Name:    "export",
		Args:    "[--format csv|xlsx|json] [--force] -o FILE",
		Summary: "export the whole register (logged in the register's ledger)",
		Help: `Writes the whole register to FILE (mode 0600):
  csv   entities and submissions in the import format (re-importable), with
        three extra columns entity_source, entity_tags, entity_notes that
        carry the rest of an entity (optional on import)
  xlsx  a workbook: Submissions (the import format, first), Entities,
        Evaluations, Partners and Meetings, each with a frozen header row
  json  everything as one JSON object
Without --format the format is taken from FILE's extension. The export is
recorded in the ledger with the file's SHA-256, and in each entity's history.
The file holds confidential data in plain text: keep it safe.
` + forceHelp,
		Setup: func(fs *flag.FlagSet) func(c *Context, pos []string) error {
			format := fs.String("format", "", "csv, xlsx or json")
			out := outputFlag(fs)
			force := forceFlag(fs)
			return func(c *Context, pos []string) error {
				if err := needOutput("export", *out, pos); err != nil {
					return err
				}
				return runExport(c, *format, *out, *force)
			}
		},
	}
}

// runExport writes the whole register to out.
func runExport(c *Context, format, out string, force bool) error {
	f, err := service.ExportFormatFor(format, out)
	if err != nil {
		return usagef("export: %s", apperr.Message(err))
	}
	if err := service.RefuseExisting(out, force); err != nil {
		return err
	}
	return c.withService(func(r *service.Register) error {
		res, err := r.ExportRegister(context.Background(), f, out, force)
		if err != nil {
			return err
		}
		c.printf("Exported %d entities as %s to %s (SHA-256 %s, ledger %s).\n", res.Entities, strings.ToUpper(f), out, res.SHA256, res.DocID)
		return nil
	})
}
