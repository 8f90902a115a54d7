package cli

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
	"atpreg/internal/service"
)

// briefCommand is `atpreg brief`.
func briefCommand() *Command {
	return &Command{
		Name:    "brief",
		Args:    "(--meeting ID | --entity ID...) --recipient NAME [--copy N] [--anonymise] [--include-notes] [--include-evaluation] [--purpose TEXT] [--lang en|zh-HK] [--password-file F] [--force] -o FILE.pdf",
		Summary: "make a confidential briefing pack for one recipient (logged in the register)",
		Help: `Writes a CONFIDENTIAL briefing pack (PDF, mode 0600) for one recipient: the
entities discussed at meeting ID, or the entities given with --entity (repeat
it, or give ids separated by commas). Every page carries the recipient, the
copy number (--copy, default 1) and the document id; the pack is recorded in
the register's ledger with its SHA-256 and in each entity's history.

When NAME is a university partner's name, the entities that partner is
conflicted with are left out (a notice says which).

--anonymise shows entities as codes, without names, contacts or addresses.
--password-file F encrypts the pack with AES-256; the first line of F is the
password (never a flag value: it would show in the process list).
--include-notes adds the officer's notes on entities and products.
--include-evaluation adds the evaluation panel's result for each entity: the
weighted score, the mean score per aspect and the tally of recommendations
(never an evaluator's name, a note or a reason). Without it the pack holds no
evaluation at all.
--purpose TEXT heads a pack of chosen entities (default "Briefing on selected
entities").
--lang zh-HK writes the pack in Traditional Chinese (the RFI's items as HKSTP
writes them in Chinese; what entities wrote stays as written); default en.
Characters the font cannot print (emoji, rare CJK) are replaced by a box and
listed on standard error.
` + forceHelp,
		Setup: func(fs *flag.FlagSet) func(c *Context, pos []string) error {
			var f briefFlags
			fs.Int64Var(&f.meeting, "meeting", 0, "the meeting whose entities the pack holds")
			fs.Var(&f.entities, "entity", "entity ids (repeat, or separate by commas)")
			fs.StringVar(&f.recipient, "recipient", "", "whom the copy is for")
			fs.IntVar(&f.copyNo, "copy", 1, "the copy number")
			fs.BoolVar(&f.anonymise, "anonymise", false, "entities as codes")
			fs.BoolVar(&f.anonymise, "anonymize", false, "entities as codes")
			fs.BoolVar(&f.notes, "include-notes", false, "add the officer's notes")
			fs.BoolVar(&f.evaluation, "include-evaluation", false, "add the evaluation panel's result")
			fs.StringVar(&f.passFile, "password-file", "", "encrypt with the password on the file's first line")
			fs.StringVar(&f.purpose, "purpose", "", "heads a pack of chosen entities")
			fs.StringVar(&f.lang, "lang", "en", "the pack's language: en or zh-HK")
			out := outputFlag(fs)
			force := forceFlag(fs)
			return func(c *Context, pos []string) error {
				if len(pos) > 0 {
					return usagef("brief: unexpected argument %q", pos[0])
				}
				f.out, f.force = *out, *force
				return runBrief(c, f)
			}
		},
	}
}

// briefFlags are the flags of `atpreg brief`.
type briefFlags struct {
	meeting             int64
	entities            idList
	recipient, passFile string
	purpose, out, lang  string
	copyNo              int
	anonymise, notes    bool
	evaluation, force   bool
}

// idList is a repeatable flag of ids separated by commas.
type idList []int64

func (l *idList) String() string { return fmt.Sprint([]int64(*l)) }

// Set adds the comma-separated ids of one flag value.
func (l *idList) Set(v string) error {
	for _, part := range strings.Split(v, ",") {
		id, err := strconv.ParseInt(strings.TrimSpace(part), 10, 64)
		if err != nil || id <= 0 {
			return fmt.Errorf("entity ids are numbers, not %q", part)
		}
		*l = append(*l, id)
	}
	return nil
}

func runBrief(c *Context, f briefFlags) error {
	recipient := strings.TrimSpace(f.recipient)
	switch {
	case f.meeting < 0:
		return usagef("brief: --meeting needs a meeting id (a number), not %d", f.meeting)
	case f.meeting == 0 && len(f.entities) == 0:
		return usagef("brief needs --meeting ID or --entity ID")
	case f.meeting != 0 && len(f.entities) > 0:
		return usagef("brief takes --meeting or --entity, not both")
	case recipient == "":
		return usagef("brief needs --recipient NAME")
	case f.copyNo < 1:
		return usagef("brief: --copy needs a copy number of 1 or more, not %d", f.copyNo)
	case f.out == "":
		return usagef("brief needs -o FILE.pdf")
	}
	lang, err := register.ParseLang(f.lang)
	if err != nil {
		return usagef("brief: --lang: %s", lowerFirst(apperr.Message(err)))
	}
	req := service.PackRequest{MeetingID: f.meeting, EntityIDs: f.entities, Purpose: f.purpose, FirstCopy: f.copyNo,
		Anonymise: f.anonymise, IncludeNotes: f.notes, IncludeEvaluation: f.evaluation, Path: f.out, Replace: f.force, Lang: lang}
	if err := service.RefuseExisting(f.out, f.force); err != nil {
		return err
	}
	if f.passFile != "" {
		b, err := os.ReadFile(f.passFile)
		if err != nil {
			return apperr.Wrap(err, apperr.Invalid, "The password file cannot be read (%s). Check the path given to --password-file.", apperr.Reason(err))
		}
		line, _, _ := bytes.Cut(b, []byte("\n"))
		req.Password = string(bytes.TrimSuffix(line, []byte("\r")))
		if req.Password == "" {
			return apperr.New(apperr.Invalid, "The password file %s is empty: its first line must be the password.", f.passFile)
		}
	}
	return c.withService(func(r *service.Register) error {
		ctx := context.Background()
		rc, err := r.PackRecipientNamed(ctx, recipient)
		if err != nil {
			return err
		}
		req.Recipients = []service.PackRecipient{rc}
		res, err := r.MakePacks(ctx, req, nil)
		if err != nil {
			return err
		}
		for _, n := range res.Notices {
			fmt.Fprintf(c.Stderr, "atpreg: note: %s\n", n)
		}
		for _, pf := range res.Files {
			enc := ""
			if pf.Encrypted {
				enc = ", encrypted (AES-256)"
			}
			c.printf("Wrote %s: document %s, copy %d for %s, %d %s, %d %s%s\nSHA-256 %s\n",
				f.out, res.DocumentID, pf.CopyNo, pf.Recipient, len(pf.EntityIDs), plural(len(pf.EntityIDs), "entity", "entities"),
				pf.Pages, plural(pf.Pages, "page", "pages"), enc, pf.SHA256)
		}
		return nil
	})
}
