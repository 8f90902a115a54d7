package cli

import (
	"context"

	"atpreg/internal/service"
)

// demoCommand is `atpreg demo`.
func demoCommand() *Command {
	return &Command{
		Name:    "demo",
		Summary: "create a register filled with fictional demo data (refuses to overwrite one)",
		Help: `Creates the register named by --register, like init, and fills it with about
40 fictional entities (English and Traditional Chinese), their products, pipeline
history, evaluations, partners and meetings: a safe place to try atpreg. Every
name, address and email in it is made up.`,
		Setup: noArgs(func(c *Context) error {
			if err := c.refuseExisting(); err != nil {
				return err
			}
			p, err := c.NewPassphrase()
			if err != nil {
				return err
			}
			defer clear(p)
			r, err := service.CreateDemo(context.Background(), c.Register, p, c.Options)
			if err != nil {
				return err
			}
			page, err := r.ListEntities(context.Background(), service.ListQuery{Limit: 1})
			if cerr := c.closeRegister(r); err == nil {
				err = cerr
			}
			if err != nil {
				return err
			}
			c.printf("Created a demo register at %s with %d fictional entities.\n", c.Register, page.Total)
			return nil
		}),
	}
}
