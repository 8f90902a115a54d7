package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	rg "atpreg/internal/register"
	"atpreg/internal/service"
)

// showSection is one more part of `show`, after the products and before
// the history: an area (such as evaluation) lists its sections in
// showSections. load returns the value for the JSON object under key (nil:
// left out); text prints it for people.
type showSection struct {
	key  string
	load func(ctx context.Context, r *service.Register, id int64) (any, error)
	text func(w io.Writer, v any)
}

// showSections are the areas' parts of `show`, in order.
var showSections = evaluationSections()

// historyItem is one line of the history in `show --json`.
type historyItem struct {
	At     string `json:"at"`
	By     string `json:"by"`
	Action string `json:"action"`
	Field  string `json:"field"`
	Old    string `json:"old"`
	New    string `json:"new"`
	Detail string `json:"detail"`
}

// attachmentItem is one attachment in `show --json`.
type attachmentItem struct {
	ID      int64  `json:"id"`
	Name    string `json:"name"`
	Mime    string `json:"mime"`
	Size    int64  `json:"size"`
	SHA256  string `json:"sha256"`
	AddedAt string `json:"added_at"`
	AddedBy string `json:"added_by"`
}

// showCommand is `atpreg show`.
func showCommand() *Command {
	return &Command{
		Name:    "show",
		Args:    "ID [--json]",
		Summary: "show one entity with its products, evaluation and history",
		Help: `--json prints one object: the entity's fields (name and address also as
the import's entity_name and entity_address), "submissions" with every import
column by the same name (multi-choice columns as arrays of codes, yes/no as
true/false/null), "complete" and "missing" (the unanswered RFI items),
"history" and "attachments" (without their content).`,
		Setup: func(fs *flag.FlagSet) func(c *Context, pos []string) error {
			asJSON := fs.Bool("json", false, "print one JSON object")
			return func(c *Context, pos []string) error {
				switch {
				case len(pos) == 0:
					return usagef("show needs an entity id (see atpreg list)")
				case len(pos) > 1:
					return usagef("show takes one entity id")
				}
				id, err := strconv.ParseInt(pos[0], 10, 64)
				if err != nil || id <= 0 {
					return usagef("show: %q is not an entity id (a number, see atpreg list)", pos[0])
				}
				return runShow(c, id, *asJSON)
			}
		},
	}
}

func runShow(c *Context, id int64, asJSON bool) error {
	ctx := context.Background()
	return c.withService(func(r *service.Register) error {
		rec, err := r.EntityRecord(ctx, id)
		if err != nil {
			return err
		}
		extra := make([]any, len(showSections))
		for i, s := range showSections {
			if extra[i], err = s.load(ctx, r, id); err != nil {
				return err
			}
		}
		if asJSON {
			return showJSON(c.Stdout, rec, extra)
		}
		showText(c.Stdout, rec, extra)
		return nil
	})
}

func showJSON(w io.Writer, rec service.EntityRecord, extra []any) error {
	e, hist, atts := rec.Entity, rec.History, rec.Attachments
	b, err := json.Marshal(e)
	if err != nil {
		return err
	}
	obj := map[string]any{}
	if err := json.Unmarshal(b, &obj); err != nil {
		return err
	}
	// The import's names of the entity's columns too, so that the object
	// carries every import column by the same name (CLI.md).
	obj["entity_name"] = e.Name
	obj["entity_address"] = e.Address
	obj["complete"] = rec.Complete
	obj["missing"] = rec.Missing
	hs := make([]historyItem, len(hist))
	for i, h := range hist {
		hs[i] = historyItem{At: h.At, By: h.By, Action: h.Action, Field: h.Field, Old: h.Old, New: h.New, Detail: h.Detail}
	}
	obj["history"] = hs
	as := make([]attachmentItem, len(atts))
	for i, a := range atts {
		as[i] = attachmentItem{ID: a.ID, Name: a.Name, Mime: a.Mime, Size: a.Size, SHA256: a.SHA256, AddedAt: a.AddedAt, AddedBy: a.AddedBy}
	}
	obj["attachments"] = as
	for i, s := range showSections {
		if extra[i] != nil {
			obj[s.key] = extra[i]
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(obj)
}

// localTime shows an RFC 3339 time in the machine's zone, to the minute.
func localTime(t string) string {
	if pt, err := time.Parse(time.RFC3339, t); err == nil {
		return pt.Local().Format("2006-01-02 15:04")
	}
	return t
}

func showText(w io.Writer, rec service.EntityRecord, extra []any) {
	e, hist, atts := rec.Entity, rec.History, rec.Attachments
	line := func(label, value string) {
		if value != "" {
			fmt.Fprintf(w, "  %-22s %s\n", label+":", indentRest(value, 25))
		}
	}
	fmt.Fprintf(w, "%s  (entity %d)\n", e.Name, e.ID)
	line("Status", e.Status.Label())
	line("Received", e.ReceivedOn)
	line("Source", e.Source)
	contact := e.ContactName
	if e.ContactEmail != "" {
		contact = strings.TrimSpace(contact + " <" + e.ContactEmail + ">")
	}
	if e.ContactPhone != "" {
		contact = strings.TrimSpace(contact + "  " + e.ContactPhone)
	}
	line("Contact", contact)
	line("Address", e.Address)
	line("Tags", strings.Join(e.Tags, ", "))
	line("Notes", e.Notes)
	if missing := rec.Missing; len(missing) == 0 {
		line("RFI items", "complete")
	} else {
		var ls []string
		for _, m := range missing {
			l := m.Label
			if m.Product != "" {
				l = m.Product + ": " + l
			}
			ls = append(ls, l)
		}
		line("RFI items", fmt.Sprintf("INCOMPLETE, %d missing:\n- %s", len(missing), strings.Join(ls, "\n- ")))
	}
	for i, s := range e.Submissions {
		fmt.Fprintf(w, "\nProduct %d: %s\n", i+1, s.ProductName)
		for _, f := range submissionText(s) {
			line(f[0], f[1])
		}
	}
	for i, s := range showSections {
		if extra[i] != nil && s.text != nil {
			fmt.Fprintln(w)
			s.text(w, extra[i])
		}
	}
	if len(atts) > 0 {
		fmt.Fprintf(w, "\nAttachments:\n")
		for _, a := range atts {
			fmt.Fprintf(w, "  %s  %s (%d bytes) added by %s\n", localTime(a.AddedAt), a.Name, a.Size, a.AddedBy)
		}
	}
	fmt.Fprintf(w, "\nHistory:\n")
	for _, h := range hist {
		fmt.Fprintf(w, "  %s  %-12s %s\n", localTime(h.At), h.Action, oneLine(describeAudit(h)))
	}
}

// describeAudit says what one history line records, for people.
func describeAudit(h rg.AuditEntry) string {
	var s string
	switch h.Action {
	case rg.ActionCreate:
		s = "registered as " + rg.Status(h.New).Label()
	case rg.ActionStatus:
		s = rg.Status(h.Old).Label() + " -> " + rg.Status(h.New).Label()
	case rg.ActionDelete:
		s = "deleted " + h.Old
	case rg.ActionAttach:
		s = "attached " + h.New
	case rg.ActionDetach:
		s = "removed attachment " + h.Old
	case rg.ActionExport:
		// What left the register, in words (rg.PublishedText, which names the
		// file; a form's first lines said "form RF-…"); a line an older
		// version recorded ("brief BRF-… for …") is put the same way.
		label := rg.LedgerKindLabel(h.Field)
		if strings.HasPrefix(h.Detail, label) || strings.Contains(h.Detail, ", saved as ") {
			return h.Detail + " by " + h.By
		}
		s = label
		if rest, ok := strings.CutPrefix(h.Detail, h.Field+" "); ok {
			s += " " + rest
		}
		if h.New != "" {
			s += ", saved as " + h.New[strings.LastIndexAny(h.New, `/\`)+1:]
		}
		return s + " by " + h.By
	default:
		s = h.Field
		if h.Old != "" || h.New != "" {
			s += ": " + clip(h.Old) + " -> " + clip(h.New)
		}
	}
	if h.Detail != "" {
		s += " (" + h.Detail + ")"
	}
	return s + " by " + h.By
}

func clip(s string) string {
	if s == "" {
		return "(empty)"
	}
	r := []rune(s)
	if len(r) > 60 {
		return string(r[:57]) + "..."
	}
	return s
}

// indentRest indents every line after the first by n spaces.
func indentRest(s string, n int) string {
	return strings.ReplaceAll(s, "\n", "\n"+strings.Repeat(" ", n))
}

func yesNoText(y rg.YesNo) string { return y.Label() }

func labelsOf[T interface{ Label() string }](vs []T) string {
	ls := make([]string, len(vs))
	for i, v := range vs {
		ls[i] = v.Label()
	}
	return strings.Join(ls, ", ")
}

// submissionText lists a submission's answered items with the RFI's wording.
func submissionText(s rg.Submission) [][2]string {
	withOther := func(main, other string) string {
		if other != "" {
			return main + " (" + other + ")"
		}
		return main
	}
	atp := ""
	if s.ATPType != "" {
		atp = s.ATPType.Label()
		if s.GeneVector != "" {
			atp += ", " + s.GeneVector.Label()
		}
	}
	use := ""
	if s.IntendedUse != "" {
		use = withOther(s.IntendedUse.Label(), s.IntendedUseOther)
	}
	process := ""
	if s.ProcessType != "" {
		process = s.ProcessType.Label()
	}
	return [][2]string{
		{"Composition", s.Composition},
		{"Pharmaceutical form", s.PharmaceuticalForm},
		{"Indication", s.TherapeuticIndication},
		{"Route", withOther(labelsOf(s.Routes), s.RouteOther)},
		{"Type of ATP", atp},
		{"Intended use", use},
		{"Starting materials", withOther(labelsOf(s.StartingMaterials), s.StartingMaterialsOther)},
		{"Type of process", process},
		{"PD completed", withOther(yesNoText(s.PDCompleted), s.PDFurther)},
		{"GMP before", yesNoText(s.GMPBefore)},
		{"Authorized Person", yesNoText(s.HasAuthorizedPerson)},
		{"Needs GMP training", yesNoText(s.NeedsTraining)},
		{"Training roles", labelsOf(s.TrainingRoles)},
		{"Training", s.TrainingDetails},
		{"Expected start", s.ExpectedStart.Label()},
		{"Notes", s.Notes},
	}
}
