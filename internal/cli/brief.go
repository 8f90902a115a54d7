package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"atpreg/internal/apperr"
	"atpreg/internal/briefing"
	"atpreg/internal/store"
)

// briefCommand is `atpreg brief`.
func briefCommand() *Command {
	return &Command{
		Name:    "brief",
		Args:    "(--meeting ID | --entity ID...) --recipient NAME [--copy N] [--anonymise] [--password-file F] -o FILE.pdf",
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
--purpose TEXT heads a pack of chosen entities (default "Briefing on selected
entities").
Characters the font cannot print (emoji, rare CJK) are replaced by a box and
listed on standard error.`,
		Setup: rawArgs(runBrief),
	}
}

func runBrief(c *Context, args []string) error {
	var req briefing.Request
	var out, passFile string
	recipient := ""
	copyNo := 1
	for i := 0; i < len(args); i++ {
		a := args[i]
		name, value, hasValue := strings.Cut(a, "=")
		if !strings.HasPrefix(name, "-") {
			return usagef("brief: unexpected argument %q", a)
		}
		takeValue := func() (string, error) {
			if hasValue {
				return value, nil
			}
			if i+1 >= len(args) {
				return "", usagef("brief: %s needs a value", name)
			}
			i++
			return args[i], nil
		}
		switch name {
		case "--anonymise", "--anonymize":
			req.Anonymise = true
			continue
		case "--include-notes":
			req.IncludeNotes = true
			continue
		}
		switch name {
		case "--meeting", "--entity", "--recipient", "--copy", "--password-file", "-o", "--output", "--purpose":
		default:
			return usagef("brief: unknown flag %s (see atpreg help brief)", name)
		}
		v, err := takeValue()
		if err != nil {
			return err
		}
		switch name {
		case "--meeting":
			id, err := strconv.ParseInt(v, 10, 64)
			if err != nil || id <= 0 {
				return usagef("brief: --meeting needs a meeting id (a number), not %q", v)
			}
			req.MeetingID = id
		case "--entity":
			for _, part := range strings.Split(v, ",") {
				id, err := strconv.ParseInt(strings.TrimSpace(part), 10, 64)
				if err != nil || id <= 0 {
					return usagef("brief: --entity needs entity ids (numbers), not %q", part)
				}
				req.EntityIDs = append(req.EntityIDs, id)
			}
		case "--recipient":
			recipient = strings.TrimSpace(v)
		case "--copy":
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 {
				return usagef("brief: --copy needs a copy number of 1 or more, not %q", v)
			}
			copyNo = n
		case "--password-file":
			passFile = v
		case "-o", "--output":
			out = v
		case "--purpose":
			req.Purpose = v
		}
	}
	switch {
	case req.MeetingID == 0 && len(req.EntityIDs) == 0:
		return usagef("brief needs --meeting ID or --entity ID")
	case req.MeetingID != 0 && len(req.EntityIDs) > 0:
		return usagef("brief takes --meeting or --entity, not both")
	case recipient == "":
		return usagef("brief needs --recipient NAME")
	case out == "":
		return usagef("brief needs -o FILE.pdf")
	}
	if passFile != "" {
		b, err := os.ReadFile(passFile)
		if err != nil {
			return apperr.Wrap(err, apperr.Invalid, "The password file cannot be read (%v). Check the path given to --password-file.", errors.Unwrap(err))
		}
		line, _, _ := bytes.Cut(b, []byte("\n"))
		req.Password = string(bytes.TrimSuffix(line, []byte("\r")))
		if req.Password == "" {
			return apperr.New(apperr.Invalid, "The password file %s is empty: its first line must be the password.", passFile)
		}
	}
	req.Path, req.FirstCopy = out, copyNo
	return c.withRegister(func(db *store.DB) error {
		ctx := context.Background()
		settings, err := db.GetSettings(ctx)
		if err != nil {
			return err
		}
		partners, err := db.Partners(ctx)
		if err != nil {
			return err
		}
		req.Recipients = []briefing.Recipient{{PartnerID: briefing.FindPartner(partners, recipient), Name: recipient}}
		officer := settings.OfficerName
		if officer == "" {
			officer = "Officer"
		}
		svc := &briefing.Service{Src: briefing.StoreSource{DB: db}, Officer: officer, Now: db.Now}
		res, err := svc.Export(ctx, req, nil)
		if err != nil {
			return err
		}
		for _, n := range res.Notices {
			fmt.Fprintf(c.Stderr, "atpreg: note: %s\n", n)
		}
		for _, f := range res.Files {
			enc := ""
			if f.Encrypted {
				enc = ", encrypted (AES-256)"
			}
			c.printf("Wrote %s: document %s, copy %d for %s, %d entities, %d pages%s\nSHA-256 %s\n",
				f.Path, res.DocumentID, f.CopyNo, f.Recipient, len(f.EntityIDs), f.Pages, enc, f.SHA256)
		}
		return nil
	})
}
