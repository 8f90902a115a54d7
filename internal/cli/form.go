package cli

import (
	"context"
	"flag"

	"atpreg/internal/service"
)

// formCommand is `atpreg form`.
func formCommand() *Command {
	return &Command{
		Name:    "form",
		Args:    "[--entity ID] [--lang en|zh-HK] [--force] -o FILE.pdf|FILE.docx",
		Summary: "save the RFI as a fillable form (PDF or Word), blank or pre-filled with an entity's answers",
		Help: `Writes the RFI's Pre-requisite Information table as a fillable form: a PDF with
form fields, or a Word document with content controls, told by the extension of
FILE. With --entity ID it is pre-filled with what the register holds for that
entity, so that the entity completes only what is missing. --lang zh-HK writes it
in Traditional Chinese with the English beside it (default en).

The form is logged in the register's ledger like every document that leaves
it (a pre-filled one in the entity's history too). Send it to the entity; take
the filled form back in with ` + "`atpreg intake FILE`" + `.
` + forceHelp,
		Setup: func(fs *flag.FlagSet) func(c *Context, pos []string) error {
			entity := fs.Int64("entity", 0, "pre-fill with this entity's answers")
			lang := fs.String("lang", "en", "the form's language: en or zh-HK")
			out := outputFlag(fs)
			force := forceFlag(fs)
			return func(c *Context, pos []string) error {
				if err := needOutput("form", *out, pos); err != nil {
					return err
				}
				if *lang != "en" && *lang != "zh-HK" {
					return usagef("form: --lang is en or zh-HK, not %q", *lang)
				}
				if *entity < 0 {
					return usagef("form: --entity needs an entity's number, not %d", *entity)
				}
				if err := service.RefuseExisting(*out, *force); err != nil {
					return err
				}
				return c.withService(func(r *service.Register) error {
					f, err := r.SaveForm(context.Background(), *entity, *lang, *out, *force)
					if err != nil {
						return err
					}
					what := "blank RFI form"
					if f.EntityID > 0 {
						what = "RFI form pre-filled for this entity"
					}
					c.printf("Saved the %s (%s, %s) to %s: document %s, recorded in the ledger (SHA-256 %s).\n",
						what, f.Format, f.Lang, *out, f.Entry.DocID, f.Entry.SHA256)
					return nil
				})
			}
		},
	}
}
