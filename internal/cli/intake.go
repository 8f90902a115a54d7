package cli

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"atpreg/internal/service"
)

// intakeCommand is `atpreg intake`.
func intakeCommand() *Command {
	return &Command{
		Name:    "intake",
		Args:    "FILE... [--entity ID] [--dry-run] [--replace]",
		Summary: "take in what arrived: emails (.eml, .msg), filled RFI forms (.pdf, .docx), the filled template (.xlsx); all files or none",
		Help: `Takes in each FILE: an email (.eml, or an Outlook .msg), a filled RFI form (PDF
or Word), or the filled import template (XLSX, or a CSV in the import format).

From an email (or a form sent alone) the entity is found by its contact email
(case ignored), then by its name, else created from the filled form inside (or
from the sender). The email and every attachment are kept with the entity,
encrypted in the register; received_on is the email's date, source its subject
and Message-ID. A filled RFI form among the attachments fills the entity and its
products (matched by name, case and space ignored). The import template goes
through the import (see ` + "`atpreg help import`" + `).

Nothing is silently overwritten: empty fields are filled, and values of the form
that differ from the register's are listed; --replace takes the form's values
for them. Taking in the same email or form again changes nothing.

--entity ID takes every email and form in for that entity.
--dry-run reports what would be done and changes nothing.

Exit status 4 when any file is rejected (not an email or form, a form of another
kind or version, two boxes ticked for one answer, a date or email address that
cannot be read); each problem is listed as file, field, value and what to fix,
and nothing is taken in.`,
		Setup: func(fs *flag.FlagSet) func(c *Context, pos []string) error {
			entity := fs.Int64("entity", 0, "take the emails and forms in for this entity")
			dryRun := fs.Bool("dry-run", false, "report what would be taken in, change nothing")
			replace := fs.Bool("replace", false, "take the form's values where they differ from the register's")
			return func(c *Context, pos []string) error {
				if len(pos) == 0 {
					return usagef("intake: name the files to take in")
				}
				if *entity < 0 {
					return usagef("intake: --entity needs an entity's number, not %d", *entity)
				}
				return runIntake(c, pos, service.IntakeOptions{EntityID: *entity, Replace: *replace}, *dryRun)
			}
		},
	}
}

// runIntake reads the files, then takes them in (or checks them).
func runIntake(c *Context, paths []string, opt service.IntakeOptions, dryRun bool) error {
	files := make([]service.IntakeFile, 0, len(paths))
	for _, p := range paths {
		f, err := service.ReadIntakeFile(p)
		if err != nil {
			return err
		}
		files = append(files, f)
	}
	return c.withService(func(r *service.Register) error {
		ctx := context.Background()
		var rep service.IntakeReport
		var err error
		if dryRun {
			rep, err = r.CheckIntake(ctx, files, opt)
			if err == nil {
				err = rep.Err()
			}
		} else {
			rep, err = r.ApplyIntake(ctx, files, opt)
		}
		if err != nil {
			return err
		}
		printIntakeReport(c, rep, opt)
		return nil
	})
}

func quoted(s string) string {
	if s == "" {
		return "(empty)"
	}
	return fmt.Sprintf("%q", s)
}

func printIntakeReport(c *Context, rep service.IntakeReport, opt service.IntakeOptions) {
	would := ""
	if rep.DryRun {
		would = "would be "
	}
	for _, it := range rep.Items {
		c.printf("%s (%s, SHA-256 %s)\n", it.File, it.Kind, it.SHA256)
		if m := it.Message; m != nil {
			from := ""
			if len(m.From) > 0 {
				from = m.From[0].Email
				if m.From[0].Name != "" {
					from = m.From[0].Name + " <" + m.From[0].Email + ">"
				}
			}
			date := "no date"
			if !m.Date.IsZero() {
				date = m.Date.Format("2006-01-02 15:04 -0700")
			}
			c.printf("  From %s, %s: %s\n", from, date, quoted(m.Subject))
		}
		if it.Import != nil {
			ir := it.Import
			c.printf("  Import: %d %s; entities %d %screated, %d %smerged, %d unchanged; products %d %sadded, %d %supdated.\n",
				ir.Rows, plural(ir.Rows, "row", "rows"), ir.Created, would, ir.Merged, would, ir.Unchanged, ir.Added, would, ir.Updated, would)
			continue
		}
		for _, e := range it.Evaluations {
			how := "recorded"
			if e.Replaced {
				how = "replaced the earlier one"
			}
			c.printf("  Evaluation of entity #%d %s by %s: %s%s.\n", e.EntityID, e.EntityName, e.Evaluator, would, how)
		}
		if it.SheetDocID != "" {
			c.printf("  Sheet %s %smarked returned.\n", it.SheetDocID, would)
		}
		if it.Kind == service.IntakeEvaluation || (len(it.Evaluations) > 0 && it.Action == "") {
			for _, n := range it.Notes {
				c.printf("  Note: %s\n", n)
			}
			continue
		}
		id := ""
		if it.EntityID > 0 {
			id = fmt.Sprintf(" #%d", it.EntityID)
		}
		switch it.Action {
		case service.ImportCreate:
			c.printf("  Entity%s %s: %screated from the %s.\n", id, it.EntityName, would, it.CreatedFrom)
		case service.ImportMerge:
			c.printf("  Entity%s %s (found by %s): %smerged.\n", id, it.EntityName, it.MatchedBy, would)
		default:
			c.printf("  Entity%s %s (found by %s): unchanged.\n", id, it.EntityName, it.MatchedBy)
		}
		if len(it.Attachments) > 0 {
			parts := make([]string, 0, len(it.Attachments))
			for _, a := range it.Attachments {
				s := a.Name
				var tags []string
				if a.Form {
					tags = append(tags, "RFI form")
				}
				if a.Sheet {
					tags = append(tags, "evaluation sheet")
				}
				if a.Email {
					tags = append(tags, "email")
				}
				if a.Note != "" {
					tags = append(tags, string(a.Note))
				}
				if len(tags) > 0 {
					s += " (" + strings.Join(tags, ", ") + ")"
				}
				parts = append(parts, s)
			}
			c.printf("  Attachments: %s\n", strings.Join(parts, "; "))
		}
		for _, f := range it.Filled {
			c.printf("  Filled: %s %s\n", changeField(f), quoted(f.Form))
		}
		for _, p := range it.AddedProducts {
			c.printf("  Added product: %s\n", p)
		}
		if len(it.Differences) > 0 {
			kept := "kept the register's value; --replace takes the form's"
			if opt.Replace {
				kept = "took the form's value (--replace)"
			}
			c.printf("  Differences (%s):\n", kept)
			for _, d := range it.Differences {
				c.printf("    %s: register %s, form %s\n", changeField(d), quoted(d.Register), quoted(d.Form))
			}
		}
		for _, n := range it.Notes {
			c.printf("  Note: %s\n", n)
		}
		if it.Status != "" && it.MatchedBy != "" {
			c.printf("  Status: %s\n", it.Status)
		}
	}
	tail := ""
	if rep.DryRun {
		tail = " Nothing was changed (dry run)."
	}
	if rep.Evaluations > 0 {
		c.printf("Evaluations from sheets: %d %srecorded.\n", rep.Evaluations, would)
	}
	c.printf("Entities: %d %screated, %d %smerged, %d unchanged.%s\n", rep.Created, would, rep.Merged, would, rep.Unchanged, tail)
}

func changeField(ch service.IntakeChange) string {
	if ch.Product == "" {
		return ch.Field
	}
	return ch.Product + ", " + ch.Field
}
