package cli

import (
	"context"
	"flag"
	"strings"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
	"atpreg/internal/service"
)

// demandCommand is `atpreg demand`.
func demandCommand() *Command {
	return &Command{
		Name:    "demand",
		Args:    "[--format pdf|json] [--status S[,S...]] [--lang en|zh-HK] [--force] -o FILE",
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
separated by commas), e.g. --status invited,in_dialogue. --lang zh-HK writes it
in Traditional Chinese (a JSON file keeps its keys in English). The summary is
recorded in the ledger with the file's SHA-256.
` + forceHelp,
		Setup: func(fs *flag.FlagSet) func(c *Context, pos []string) error {
			format := fs.String("format", "", "pdf or json")
			status := fs.String("status", "", "statuses to count, separated by commas")
			lang := fs.String("lang", "en", "the summary's language: en or zh-HK")
			out := outputFlag(fs)
			force := forceFlag(fs)
			return func(c *Context, pos []string) error {
				if err := needOutput("demand", *out, pos); err != nil {
					return err
				}
				return runDemand(c, *format, *status, *lang, *out, *force)
			}
		},
	}
}

// runDemand writes the anonymised demand summary to out.
func runDemand(c *Context, format, status, lang, out string, force bool) error {
	format, err := service.DemandFormatFor(format, out)
	if err != nil {
		return usagef("demand: %s", apperr.Message(err))
	}
	if lang, err = register.ParseLang(lang); err != nil {
		return usagef("demand: --lang: %s", lowerFirst(apperr.Message(err)))
	}
	var statuses []string
	if status != "" {
		statuses = strings.Split(status, ",")
	}
	if err := service.CheckDemandStatuses(statuses); err != nil {
		return usagef("demand: %s", apperr.Message(err))
	}
	if err := service.RefuseExisting(out, force); err != nil {
		return err
	}
	return c.withService(func(r *service.Register) error {
		res, err := r.ExportDemand(context.Background(), service.DemandRequest{Format: format, Path: out, Statuses: statuses, Lang: lang, Replace: force})
		if err != nil {
			return err
		}
		c.printf("Wrote the anonymised demand summary %s as %s to %s (SHA-256 %s); recorded in the ledger.\n",
			res.DocumentID, strings.ToUpper(res.Format), out, res.SHA256)
		return nil
	})
}
