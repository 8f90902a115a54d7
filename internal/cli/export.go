package cli

import (
	"context"
	"path/filepath"
	"strings"

	"atpreg/internal/apperr"
	"atpreg/internal/interchange"
	"atpreg/internal/store"
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
		Setup: rawArgs(runExport),
	}
}

func runExport(c *Context, args []string) error {
	pos, flags, err := flagArgs("export", args, map[string]bool{"format": true, "o": true, "output": true}, nil)
	if err != nil {
		return err
	}
	const usage = "atpreg export --format csv|xlsx|json -o FILE"
	if len(pos) > 0 {
		return usagef("export: unexpected argument %q (%s)", pos[0], usage)
	}
	out, err := outputFromFlags("export", flags, usage)
	if err != nil {
		return err
	}
	format := flags["format"]
	if format == "" {
		format = strings.TrimPrefix(strings.ToLower(filepath.Ext(out)), ".")
	}
	f, err := interchange.ParseFormat(format)
	if err != nil {
		return usagef("export: %s", apperr.Message(err))
	}
	return c.withRegister(func(db *store.DB) error {
		s, err := db.GetSettings(context.Background())
		if err != nil {
			return err
		}
		entry, err := db.ExportRegister(context.Background(), f, out, s.OfficerName)
		if err != nil {
			return err
		}
		c.printf("Exported %d entities as %s to %s (SHA-256 %s, ledger %s).\n", len(entry.EntityIDs), strings.ToUpper(string(f)), out, entry.SHA256, entry.DocID)
		return nil
	})
}
