package cli

import (
	"fmt"

	"atpreg/internal/version"
)

func init() {
	register(&Command{
		Name:    "version",
		Summary: "print the version",
		Run: func(c *Context, args []string) error {
			if len(args) > 0 {
				return usagef("version takes no arguments")
			}
			_, err := fmt.Fprintf(c.Stdout, "atpreg %s\n", version.String())
			return err
		},
	})
}
