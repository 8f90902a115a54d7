package cli

import (
	"fmt"

	"atpreg/internal/version"
)

// versionCommand is `atpreg version`.
func versionCommand() *Command {
	return &Command{
		Name:    "version",
		Summary: "print the version",
		Setup: rawArgs(func(c *Context, args []string) error {
			if len(args) > 0 {
				return usagef("version takes no arguments")
			}
			_, err := fmt.Fprintf(c.Stdout, "atpreg %s\n", version.String())
			return err
		}),
	}
}
