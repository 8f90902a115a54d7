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
		Setup: noArgs(func(c *Context) error {
			_, err := fmt.Fprintf(c.Stdout, "atpreg %s\n", version.String())
			return err
		}),
	}
}
