package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"slices"
	"strings"

	rg "atpreg/internal/register"
	"atpreg/internal/service"
)

// evaluatorItem is one evaluator of `evaluator list --json`.
type evaluatorItem struct {
	ID        int64               `json:"id"`
	Name      string              `json:"name"`
	Role      string              `json:"role"`
	Email     string              `json:"email"`
	Conflicts []evaluatorConflict `json:"conflicts"`
	Sent      int                 `json:"sheets_sent"`
	Returned  int                 `json:"sheets_returned"`
	Overdue   int                 `json:"sheets_overdue"`
}

type evaluatorConflict struct {
	EntityID   int64  `json:"entity_id"`
	EntityName string `json:"entity_name"`
	Reason     string `json:"reason"`
}

// evaluatorActions are the actions of `atpreg evaluator` with the flags
// each takes.
var evaluatorActions = map[string][]string{
	"list":       {"json"},
	"add":        {"role", "email"},
	"edit":       {"name", "role", "email"},
	"remove":     {},
	"conflict":   {"entity", "reason"},
	"unconflict": {"entity"},
}

// evaluatorCommand is `atpreg evaluator`: the evaluation panel of Settings.
func evaluatorCommand() *Command {
	return &Command{
		Name:    "evaluator",
		Args:    "[list [--json] | add NAME [--role R] [--email E] | edit NAME [--name N] [--role R] [--email E] | remove NAME | conflict NAME --entity ID --reason TEXT | unconflict NAME --entity ID]",
		Summary: "the evaluation panel: list, add, change or remove evaluators and their conflicts of interest",
		Help: `The evaluators of the panel, as in the window's Settings: each has a name
(unique, case ignored), a role and an email (for the email draft that carries
their sheet, see ` + "`atpreg sheet -o FILE.eml`" + `).

  list        the panel, one evaluator a line with their sheets (sent, returned,
              overdue) and conflicts; --json prints an array
  add         a new evaluator
  edit        change an evaluator's name, role or email (what is not given stays)
  remove      take an evaluator off the panel, with their conflicts and the
              tracking of their sheets; their evaluations stay under their name
  conflict    record a conflict of interest with entity ID and why: the entity
              is left off their sheets, and a sheet returned with it is refused
  unconflict  clear that conflict

NAME is the evaluator's name (case ignored); quote it when it has spaces.`,
		Setup: func(fs *flag.FlagSet) func(c *Context, pos []string) error {
			asJSON := fs.Bool("json", false, "list: print a JSON array")
			role := fs.String("role", "", "the evaluator's role")
			email := fs.String("email", "", "the evaluator's email")
			newName := fs.String("name", "", "edit: the evaluator's new name")
			entity := fs.Int64("entity", 0, "conflict, unconflict: the entity's id")
			reason := fs.String("reason", "", "conflict: why the evaluator is conflicted")
			return func(c *Context, pos []string) error {
				action := "list"
				if len(pos) > 0 {
					action = pos[0]
				}
				allowed, ok := evaluatorActions[action]
				if !ok {
					return usagef("evaluator: %q is not an action; use list, add, edit, remove, conflict or unconflict", action)
				}
				set := map[string]bool{}
				var bad []string
				fs.Visit(func(f *flag.Flag) {
					set[f.Name] = true
					if !slices.Contains(allowed, f.Name) {
						bad = append(bad, "--"+f.Name)
					}
				})
				if len(bad) > 0 {
					return usagef("evaluator %s does not take %s", action, strings.Join(bad, ", "))
				}
				var name string
				switch {
				case action == "list" && len(pos) > 1:
					return usagef("evaluator list: unexpected argument %q", pos[1])
				case action != "list" && len(pos) < 2:
					return usagef("evaluator %s: name the evaluator (quote a name with spaces)", action)
				case len(pos) > 2:
					return usagef("evaluator %s: unexpected argument %q (quote a name with spaces)", action, pos[2])
				case action != "list":
					name = pos[1]
				}
				if (action == "conflict" || action == "unconflict") && *entity <= 0 {
					return usagef("evaluator %s: give the entity with --entity ID", action)
				}
				ctx := context.Background()
				return c.withService(func(r *service.Register) error {
					switch action {
					case "list":
						return listEvaluators(ctx, c, r, *asJSON)
					case "add":
						if _, err := r.SaveEvaluator(ctx, rg.Evaluator{Name: name, Role: *role, Email: *email}); err != nil {
							return err
						}
						c.printf("Added %s to the evaluation panel.\n", strings.TrimSpace(name))
						return nil
					}
					ev, err := r.Evaluator(ctx, name)
					if err != nil {
						return err
					}
					switch action {
					case "edit":
						if set["name"] {
							ev.Name = *newName
						}
						if set["role"] {
							ev.Role = *role
						}
						if set["email"] {
							ev.Email = *email
						}
						if _, err := r.SaveEvaluator(ctx, ev); err != nil {
							return err
						}
						c.printf("Saved evaluator %s.\n", strings.TrimSpace(ev.Name))
					case "remove":
						if err := r.DeleteEvaluator(ctx, ev.ID); err != nil {
							return err
						}
						c.printf("Removed %s from the evaluation panel; their evaluations stay under their name.\n", ev.Name)
					case "conflict":
						if err := r.SetEvaluatorConflict(ctx, ev.ID, *entity, *reason); err != nil {
							return err
						}
						c.printf("Recorded %s's conflict of interest with entity %d: it is left off their sheets.\n", ev.Name, *entity)
					case "unconflict":
						if err := r.RemoveEvaluatorConflict(ctx, ev.ID, *entity); err != nil {
							return err
						}
						c.printf("Cleared %s's conflict of interest with entity %d.\n", ev.Name, *entity)
					}
					return nil
				})
			}
		},
	}
}

// listEvaluators prints the panel with each evaluator's sheets and
// conflicts.
func listEvaluators(ctx context.Context, c *Context, r *service.Register, asJSON bool) error {
	tracking, err := r.SheetTracking(ctx)
	if err != nil {
		return err
	}
	cs, err := r.EvaluatorConflicts(ctx)
	if err != nil {
		return err
	}
	items := make([]evaluatorItem, 0, len(tracking))
	for _, t := range tracking {
		it := evaluatorItem{ID: t.Evaluator.ID, Name: t.Evaluator.Name, Role: t.Evaluator.Role, Email: t.Evaluator.Email,
			Conflicts: []evaluatorConflict{}, Sent: t.Sent, Returned: t.Returned, Overdue: t.Overdue}
		for _, cf := range cs {
			if cf.EvaluatorID == t.Evaluator.ID {
				it.Conflicts = append(it.Conflicts, evaluatorConflict{EntityID: cf.EntityID, EntityName: cf.EntityName, Reason: cf.Reason})
			}
		}
		items = append(items, it)
	}
	if asJSON {
		b, err := json.MarshalIndent(items, "", "  ")
		if err != nil {
			return err
		}
		c.printf("%s\n", b)
		return nil
	}
	if len(items) == 0 {
		c.printf("No evaluator on the panel. Add one with `atpreg evaluator add NAME --role ROLE --email EMAIL`.\n")
		return nil
	}
	for _, it := range items {
		line := it.Name
		if it.Role != "" {
			line += ", " + it.Role
		}
		if it.Email != "" {
			line += " <" + it.Email + ">"
		}
		sheets := "no sheet sent"
		if it.Sent > 0 {
			sheets = fmt.Sprintf("sheets: %d sent, %d returned", it.Sent, it.Returned)
			if it.Overdue > 0 {
				sheets += fmt.Sprintf(", %d overdue", it.Overdue)
			}
		}
		c.printf("%d  %s; %s\n", it.ID, line, sheets)
		for _, cf := range it.Conflicts {
			c.printf("     conflict of interest: entity %d %s (%s)\n", cf.EntityID, cf.EntityName, cf.Reason)
		}
	}
	return nil
}
