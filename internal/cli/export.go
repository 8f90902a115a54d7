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
		Args:    "--format csv|xlsx|json -o FILE",
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
The file holds confidential data in plain text: keep it safe.`,
		Setup: func(fs *flag.FlagSet) func(c *Context, pos []string) error {
			format := fs.String("format", "", "csv, xlsx or json")
			out := outputFlag(fs)
			return func(c *Context, pos []string) error {
				const usage = "atpreg export --format csv|xlsx|json -o FILE"
				if len(pos) > 0 {
					return usagef("export: unexpected argument %q (%s)", pos[0], usage)
				}
				if *out == "" {
					return usagef("export: name the output file with -o (%s)", usage)
				}
				return runExport(c, *format, *out)
			}
		},
	}
}

// runExport writes the whole register to out.
func runExport(c *Context, format, out string) error {
	f, err := service.ExportFormatFor(format, out)
	if err != nil {
		return usagef("export: %s", apperr.Message(err))
	}
	return c.withService(func(r *service.Register) error {
		res, err := r.ExportRegister(context.Background(), f, out)
		if err != nil {
			return err
		}
		c.printf("Exported %d entities as %s to %s (SHA-256 %s, ledger %s).\n", res.Entities, strings.ToUpper(f), out, res.SHA256, res.DocID)
		return nil
	})
}
