package cli

import (
	"context"
	"errors"
	"os"

	"atpreg/internal/store"
	"atpreg/internal/vault"
)

func init() {
	register(&Command{
		Name:    "demo",
		Summary: "create a register filled with fictional demo data (refuses to overwrite one)",
		Help: `Creates the register named by --register, like init, and fills it with about
40 fictional entities (English and Traditional Chinese), their products, pipeline
history, evaluations, partners and meetings: a safe place to try atpreg. Every
name, address and email in it is made up.`,
		Run: func(c *Context, args []string) error {
			if len(args) > 0 {
				return usagef("demo takes no arguments")
			}
			db, err := c.CreateRegister()
			if err != nil {
				return err
			}
			if err := store.LoadDemo(context.Background(), db, "Demo"); err != nil {
				// A failed command leaves nothing behind.
				cerr := db.Close()
				os.Remove(c.Register)
				os.Remove(vault.JournalPath(c.Register))
				os.Remove(c.Register + ".bak")
				return errors.Join(err, cerr)
			}
			page, err := db.ListEntities(context.Background(), store.ListQuery{Limit: 1})
			if cerr := db.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return err
			}
			c.printf("Created a demo register at %s with %d fictional entities\n", c.Register, page.Total)
			return nil
		},
	})
}
