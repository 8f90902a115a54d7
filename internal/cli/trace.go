package cli

import (
	"context"
	"flag"
	"os"

	"atpreg/internal/apperr"
	"atpreg/internal/service"
)

// traceCommand is `atpreg trace`.
func traceCommand() *Command {
	return &Command{
		Name:    "trace",
		Args:    "FILE",
		Summary: "name the briefing pack copies a leaked pack or text can come from",
		Help: `Reads FILE, a briefing pack (PDF, also one rewritten by another tool) or text
copied or retyped out of one, and names the ledger entries it can come from,
with how sure: by the document id and copy number in the pages' footers, or
else by the copy's wording (every copy words some labels and sentences its
own way; see docs/leak-tracing.md). An entity page's text is enough.`,
		Setup: func(fs *flag.FlagSet) func(c *Context, pos []string) error {
			return func(c *Context, pos []string) error {
				if len(pos) != 1 {
					return usagef("trace needs one FILE")
				}
				data, err := os.ReadFile(pos[0])
				if err != nil {
					return apperr.Wrap(err, apperr.Invalid, "The file %s cannot be read (%s). Check the path.", pos[0], apperr.Reason(err))
				}
				return c.withService(func(r *service.Register) error {
					res, err := r.Trace(context.Background(), data)
					if err != nil {
						return err
					}
					if len(res.Matches) == 0 {
						c.printf("No briefing pack in the ledger fits (%d wording choices read).\n", res.Seen)
						return nil
					}
					c.printf("%d wording choices read.\n", res.Seen)
					for _, m := range res.Matches {
						c.printf("%s: ledger entry %d, document %s, copy %d for %s (%s, %s; wording %d agree, %d disagree)\n",
							m.Certainty, m.Entry.ID, m.Entry.DocID, m.Entry.CopyNo, m.Entry.Recipient, m.By, m.Entry.At, m.Agree, m.Disagree)
					}
					return nil
				})
			}
		},
	}
}
