package cli

import (
	"flag"

	"atpreg/internal/service"
)

// templateCommand is `atpreg template`.
func templateCommand() *Command {
	return &Command{
		Name:    "template",
		Args:    "-o FILE.xlsx",
		Summary: "save a blank import template (header row, drop-down lists, column guide)",
		Help: `Writes a blank import template: an XLSX workbook whose first sheet "Import"
has the header row and drop-down lists for the choice and yes/no columns, and a
sheet "Columns" explaining each column. Hand it to a colleague, fill it in, and
bring it back with ` + "`atpreg import FILE`" + `. It needs no register and no passphrase.`,
		Setup: func(fs *flag.FlagSet) func(c *Context, pos []string) error {
			out := outputFlag(fs)
			return func(c *Context, pos []string) error {
				if err := needOutput("template", *out, pos); err != nil {
					return err
				}
				return runTemplate(c, *out)
			}
		},
	}
}

// runTemplate saves the blank import template to out.
func runTemplate(c *Context, out string) error {
	if err := service.SaveTemplate(out); err != nil {
		return err
	}
	c.printf("Saved the blank import template to %s.\n", out)
	return nil
}
