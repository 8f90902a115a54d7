package cli

import (
	"context"
	"path/filepath"
	"strings"

	"atpreg/internal/apperr"
	"atpreg/internal/demand"
	"atpreg/internal/store"
	"atpreg/internal/version"
)

// demandCommand is `atpreg demand`.
func demandCommand() *Command {
	return &Command{
		Name:    "demand",
		Args:    "[--format pdf|json] [--status S[,S...]] -o FILE",
		Summary: "write the anonymised demand summary (logged in the register's ledger)",
		Help: `Writes the anonymised demand summary to FILE (mode 0600): counts of entities
and product submissions by type of ATP product and vector, intended use, starting
materials, type of process, process development still needed, GMP experience,
Authorized Person, training needs by role, and expected commencement by quarter.
It holds aggregate counts only (no names, products, contacts or free text);
every count from 1 to 2 is shown as "<3", and a count that would let a "<3" be
worked out by subtraction from a total is shown as "withheld".
  pdf   the summary with its charts, in the style of the briefing packs
  json  the same counts as one JSON object
Without --format the format is taken from FILE's extension (pdf when it is
neither). --status counts only the entities in those statuses (codes or labels,
separated by commas), e.g. --status invited,in_dialogue. The summary is recorded
in the ledger with the file's SHA-256.`,
		Setup: rawArgs(runDemand),
	}
}

func runDemand(c *Context, args []string) error {
	pos, flags, err := flagArgs("demand", args, map[string]bool{"format": true, "status": true, "o": true, "output": true}, nil)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("demand: unexpected argument %q (atpreg demand [--format pdf|json] -o FILE)", pos[0])
	}
	out := flags["o"]
	if out == "" {
		out = flags["output"]
	}
	if out == "" {
		return usagef("demand: name the output file with -o FILE")
	}
	format := flags["format"]
	if format == "" {
		format = demand.FormatPDF
		if strings.EqualFold(filepath.Ext(out), ".json") {
			format = demand.FormatJSON
		}
	}
	if _, err := demand.ParseFormat(format); err != nil {
		return usagef("demand: %s", apperr.Message(err))
	}
	var statuses []string
	if s := flags["status"]; s != "" {
		statuses = strings.Split(s, ",")
	}
	filter, err := demand.ParseStatuses(statuses)
	if err != nil {
		return usagef("demand: %s", apperr.Message(err))
	}
	return c.withRegister(func(db *store.DB) error {
		s, err := db.GetSettings(context.Background())
		if err != nil {
			return err
		}
		res, err := demand.Export(context.Background(), db, demand.ExportInput{
			Format: format, Path: out, Statuses: filter, By: s.OfficerName, Generator: "atpreg " + version.String(),
		})
		if err != nil {
			return err
		}
		c.printf("Wrote the anonymised demand summary %s as %s to %s (SHA-256 %s); recorded in the ledger.\n",
			res.DocumentID, strings.ToUpper(res.Format), out, res.SHA256)
		return nil
	})
}
