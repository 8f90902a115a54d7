package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	rg "atpreg/internal/register"
	"atpreg/internal/store"
)

// listItem is one entity of `list --json`.
type listItem struct {
	ID           int64    `json:"id"`
	Name         string   `json:"name"`
	Status       string   `json:"status"`
	StatusLabel  string   `json:"status_label"`
	Complete     bool     `json:"complete"`
	MissingCount int      `json:"missing_count"`
	ContactName  string   `json:"contact_name"`
	ReceivedOn   string   `json:"received_on"`
	Products     []string `json:"products"`
	ATPTypes     []string `json:"atp_types"`
	Score        *float64 `json:"score"`
}

// listCommand is `atpreg list`.
func listCommand() *Command {
	return &Command{
		Name:    "list",
		Args:    "[--status S] [--search Q] [--json]",
		Summary: "list entities, one a line, or as a JSON array",
		Help: `--status keeps entities in status S (a code such as in_dialogue, or its label;
repeat it or separate several with commas). --search keeps entities holding
every word of Q anywhere in their text (names, contacts, products, notes,
composition ...), Chinese included. --json prints an array of objects with id,
name, status, complete, products and score (null until evaluated).`,
		Setup: rawArgs(runList),
	}
}

func runList(c *Context, args []string) error {
	var q store.ListQuery
	asJSON := false
	for i := 0; i < len(args); i++ {
		name, value, hasValue := cutEq(args[i])
		need := func() (string, error) {
			if hasValue {
				return value, nil
			}
			if i+1 >= len(args) {
				return "", usagef("list: %s needs a value", name)
			}
			i++
			return args[i], nil
		}
		switch name {
		case "--json":
			if hasValue {
				return usagef("list: --json takes no value")
			}
			asJSON = true
		case "--status":
			v, err := need()
			if err != nil {
				return err
			}
			for _, part := range strings.Split(v, ",") {
				s, err := rg.ParseStatus(part)
				if err != nil || s == "" {
					return usagef("list: %q is not a status; use one of: %s", strings.TrimSpace(part), statusCodes())
				}
				q.Statuses = append(q.Statuses, string(s))
			}
		case "--search":
			v, err := need()
			if err != nil {
				return err
			}
			q.Search = v
		default:
			return usagef("list: unexpected argument %q", args[i])
		}
	}
	return c.withRegister(func(db *store.DB) error {
		rows, err := allRows(db, q)
		if err != nil {
			return err
		}
		if asJSON {
			items := make([]listItem, len(rows))
			for i, r := range rows {
				items[i] = listItem{ID: r.ID, Name: r.Name, Status: r.Status, StatusLabel: r.StatusLabel, Complete: r.Complete,
					MissingCount: r.MissingCount, ContactName: r.ContactName, ReceivedOn: r.ReceivedOn,
					Products: r.Products, ATPTypes: r.ATPTypes, Score: r.Score}
			}
			enc := json.NewEncoder(c.Stdout)
			enc.SetIndent("", "  ")
			return enc.Encode(items)
		}
		tw := tabwriter.NewWriter(c.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tSTATUS\tRFI ITEMS\tSCORE\tNAME\tPRODUCTS")
		for _, r := range rows {
			items := "complete"
			if !r.Complete {
				items = fmt.Sprintf("%d missing", r.MissingCount)
			}
			score := "-"
			if r.Score != nil {
				score = fmt.Sprintf("%.2f", *r.Score)
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", r.ID, r.Status, items, score, oneLine(r.Name), oneLine(strings.Join(r.Products, "; ")))
		}
		return tw.Flush()
	})
}

// allRows returns every row q selects, page after page.
func allRows(db *store.DB, q store.ListQuery) ([]store.EntityRow, error) {
	q.Limit = store.MaxListLimit
	var out []store.EntityRow
	for {
		page, err := db.ListEntities(context.Background(), q)
		if err != nil {
			return nil, err
		}
		out = append(out, page.Rows...)
		if len(page.Rows) == 0 || len(out) >= page.Total {
			return out, nil
		}
		q.Offset = len(out)
	}
}

func statusCodes() string {
	var cs []string
	for _, s := range rg.Statuses() {
		cs = append(cs, string(s))
	}
	return strings.Join(cs, ", ")
}
