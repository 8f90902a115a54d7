package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strconv"
	"strings"

	rg "atpreg/internal/register"
	"atpreg/internal/service"
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

// statusFlag is --status: repeatable, each a comma-separated list of
// statuses (codes or labels).
type statusFlag struct{ codes *[]string }

func (f statusFlag) String() string {
	if f.codes == nil {
		return ""
	}
	return strings.Join(*f.codes, ",")
}

func (f statusFlag) Set(v string) error {
	for _, part := range strings.Split(v, ",") {
		s, err := rg.ParseStatus(part)
		if err != nil || s == "" {
			return fmt.Errorf("%q is not a status; use one of: %s", strings.TrimSpace(part), statusCodes())
		}
		*f.codes = append(*f.codes, string(s))
	}
	return nil
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
		Setup: func(fs *flag.FlagSet) func(c *Context, pos []string) error {
			var q service.ListQuery
			fs.Var(statusFlag{&q.Statuses}, "status", "keep entities in these statuses")
			fs.StringVar(&q.Search, "search", "", "keep entities holding every word of Q")
			asJSON := fs.Bool("json", false, "print a JSON array")
			return func(c *Context, pos []string) error {
				if len(pos) > 0 {
					return usagef("list: unexpected argument %q", pos[0])
				}
				return runList(c, q, *asJSON)
			}
		},
	}
}

func runList(c *Context, q service.ListQuery, asJSON bool) error {
	return c.withService(func(r *service.Register) error {
		rows, err := r.AllEntities(context.Background(), q)
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
		if len(rows) == 0 {
			c.printf("No entity matches.\n")
			return nil
		}
		table := [][]string{{"ID", "STATUS", "RFI ITEMS", "SCORE", "NAME", "PRODUCTS"}}
		for _, r := range rows {
			items := "complete"
			if !r.Complete {
				items = fmt.Sprintf("%d missing", r.MissingCount)
			}
			score := "-"
			if r.Score != nil {
				score = fmt.Sprintf("%.2f", *r.Score)
			}
			table = append(table, []string{strconv.FormatInt(r.ID, 10), string(r.Status), items, score, oneLine(r.Name), oneLine(strings.Join(r.Products, "; "))})
		}
		return printTable(c.Stdout, table)
	})
}

func statusCodes() string {
	var cs []string
	for _, s := range rg.Statuses() {
		cs = append(cs, string(s))
	}
	return strings.Join(cs, ", ")
}
