package cli

import (
	"flag"

	"atpreg/internal/service"
)

// templateCommand is `atpreg template`.
func templateCommand() *Command {
	return &Command{
		Name:    "template",
		Args:    "[--force] -o FILE.xlsx",
		Summary: "save a blank import template (header row, drop-down lists, column guide)",
		Help: `Writes a blank import template: an XLSX workbook whose first sheet "Import"
has the header row and drop-down lists for the choice and yes/no columns, and a
sheet "Columns" explaining each column. Hand it to a colleague, fill it in, and
bring it back with ` + "`atpreg import FILE`" + `. It needs no register and no passphrase.
` + forceHelp,
		Setup: func(fs *flag.FlagSet) func(c *Context, pos []string) error {
			out := outputFlag(fs)
			force := forceFlag(fs)
			return func(c *Context, pos []string) error {
				if err := needOutput("template", *out, pos); err != nil {
					return err
				}
				return runTemplate(c, *out, *force)
			}
		},
	}
}

// runTemplate saves the blank import template to out.
func runTemplate(c *Context, out string, force bool) error {
	if err := service.SaveTemplate(out, force); err != nil {
		return err
	}
	c.printf("Saved the blank import template to %s.\n", out)
	return nil
}
