package cli

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"strings"

	"atpreg/internal/service"
)

// sheetCommand is `atpreg sheet`.
func sheetCommand() *Command {
	return &Command{
		Name:    "sheet",
		Args:    "--evaluator NAME (--entity ID... | --meeting ID) [--lang en|zh-HK] [--due YYYY-MM-DD] [--format pdf|docx] [--force] -o FILE.pdf|FILE.docx|FILE.eml",
		Summary: "make a fillable evaluation sheet for one evaluator, blind to the other evaluators (logged in the register)",
		Help: `Writes an evaluation sheet for one evaluator of the panel (Settings): per entity
a summary of its submission, the seven aspects with what each score means, a box
per score 1 to 5, a note per aspect, the recommendation and a reason. The sheet
shows no other evaluator's name or scores. The entities are those given with
--entity (repeat it, or separate ids by commas) or those of meeting ID.

Entities the evaluator has a conflict of interest with are left out; a notice
says which. The sheet is recorded in the register's ledger and tracked until it
comes back, due on --due (default 14 days from today). FILE's extension says
PDF or Word; --lang zh-HK writes it in Traditional Chinese with the English
beside it. FILE.eml writes an email draft to the evaluator (their email in
Settings) with the sheet attached, as a PDF or, with --format docx, a Word
document; the email names no entity.

Take the filled sheet back in with ` + "`atpreg intake FILE`" + ` (the sheet itself, or the email
it came with): each entity's evaluation is recorded under the evaluator, the
same sheet returned twice replacing, never duplicating.
` + forceHelp,
		Setup: func(fs *flag.FlagSet) func(c *Context, pos []string) error {
			var entities idList
			evaluator := fs.String("evaluator", "", "the evaluator's name, as in Settings")
			fs.Var(&entities, "entity", "entity ids (repeat, or separate by commas)")
			meeting := fs.Int64("meeting", 0, "the meeting whose entities to evaluate")
			lang := fs.String("lang", "en", "the sheet's language: en or zh-HK")
			due := fs.String("due", "", "when the sheet is due back (YYYY-MM-DD)")
			format := fs.String("format", "", "the attached sheet's format when FILE is an .eml: pdf (default) or docx")
			out := outputFlag(fs)
			force := forceFlag(fs)
			return func(c *Context, pos []string) error {
				if err := needOutput("sheet", *out, pos); err != nil {
					return err
				}
				switch {
				case strings.TrimSpace(*evaluator) == "":
					return usagef("sheet: name the evaluator with --evaluator NAME")
				case *meeting == 0 && len(entities) == 0:
					return usagef("sheet: give --entity ID... or --meeting ID")
				case *meeting != 0 && len(entities) > 0:
					return usagef("sheet: give --entity or --meeting, not both")
				case *lang != "en" && *lang != "zh-HK":
					return usagef("sheet: --lang is en or zh-HK, not %q", *lang)
				case *format != "" && *format != "pdf" && *format != "docx":
					return usagef("sheet: --format is pdf or docx, not %q", *format)
				case *format != "" && !strings.EqualFold(filepath.Ext(*out), ".eml"):
					return usagef("sheet: --format is for an email draft (-o FILE.eml); the extension of %s says the format", filepath.Base(*out))
				}
				if err := service.RefuseExisting(*out, *force); err != nil {
					return err
				}
				return c.withService(func(r *service.Register) error {
					res, err := r.MakeSheet(context.Background(), service.SheetRequest{Evaluator: *evaluator, EntityIDs: entities,
						MeetingID: *meeting, Lang: *lang, Path: *out, Due: *due, Format: *format, Replace: *force})
					if err != nil {
						return err
					}
					for _, l := range res.LeftOut {
						fmt.Fprintf(c.Stderr, "atpreg: note: left out entity %d (%s): %s has a conflict of interest with it (%s).\n", l.EntityID, l.Name, res.Evaluator.Name, l.Reason)
					}
					what := "evaluation sheet"
					if strings.EqualFold(filepath.Ext(*out), ".eml") {
						what = "email draft to " + res.Evaluator.Email + " with the evaluation sheet"
					}
					c.printf("Wrote %s: %s %s for %s, %d %s (%s, %s), due %s.\nSHA-256 %s\n",
						*out, what, res.Entry.DocID, res.Evaluator.Name, len(res.EntityIDs), plural(len(res.EntityIDs), "entity", "entities"),
						res.Format, res.Lang, res.Due, res.Entry.SHA256)
					return nil
				})
			}
		},
	}
}
