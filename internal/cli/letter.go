package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
	"atpreg/internal/service"
)

// letterCommand is `atpreg letter`.
func letterCommand() *Command {
	return &Command{
		Name:    "letter",
		Args:    "--entity ID... --kind acknowledge|missing|more-info|invite|decline|hold [--meeting ID] [--questions TEXT | --questions-file F] [--move STATUS [--reason TEXT]] [--lang en|zh-HK] [--force] -o FILE.eml|FILE.pdf|DIR",
		Summary: "write letters to entities' contacts: email drafts or PDFs (logged in the register)",
		Help: `Writes a letter of one kind to the contact of each entity given with --entity
(repeat it, or give ids separated by commas), in English or Traditional
Chinese (--lang), from the templates in Settings:

  acknowledge  receipt of the submission
  missing      names the RFI items the register flags as missing, per product;
               the pre-filled RFI form goes with it (refused for a complete entity)
  more-info    the officer's questions (--questions TEXT or --questions-file F)
  invite       to a dialogue; with --meeting ID, its date, time and place
  decline      the submission is not taken forward
  hold         the submission is on hold

-o FILE.eml writes an email draft (To: the contact, From: the officer's
address in Settings, the PDF letter attached, X-Unsent: 1 so that Outlook
opens it ready to send); -o FILE.pdf the letter alone (a missing letter's
form beside it as "FILE form.pdf"); -o DIR one draft per entity. An entity
without a contact email gets a PDF letter instead of a draft, and a note says
so. --move STATUS [--reason TEXT] moves every entity in the pipeline in the
same step. Every file is recorded in the ledger (when, to whom, SHA-256) and
in the entity's history; a missing or more-info letter marks the entity
"more information requested" until something comes back. All or nothing: a
file already there is refused (nothing is written) unless --force replaces it.`,
		Setup: func(fs *flag.FlagSet) func(c *Context, pos []string) error {
			var f struct {
				entities              entityIDList
				kind, lang, questions string
				questionsFile, moveTo string
				reason                string
				meeting               int64
			}
			fs.Var(&f.entities, "entity", "entity ids (repeat, or separate by commas)")
			fs.StringVar(&f.kind, "kind", "", "the kind of letter")
			fs.StringVar(&f.lang, "lang", "en", "en or zh-HK")
			fs.Int64Var(&f.meeting, "meeting", 0, "invite: the meeting")
			fs.StringVar(&f.questions, "questions", "", "more-info: the questions")
			fs.StringVar(&f.questionsFile, "questions-file", "", "more-info: a UTF-8 file holding the questions")
			fs.StringVar(&f.moveTo, "move", "", "move every entity to this status")
			fs.StringVar(&f.reason, "reason", "", "why (for the move)")
			out := outputFlag(fs)
			force := forceFlag(fs)
			return func(c *Context, pos []string) error {
				if err := needOutput("letter", *out, pos); err != nil {
					return err
				}
				if len(f.entities) == 0 {
					return usagef("letter needs --entity ID")
				}
				if f.kind == "" {
					return usagef("letter needs --kind (acknowledge, missing, more-info, invite, decline or hold)")
				}
				kind, err := register.ParseLetterKind(f.kind)
				if err != nil {
					return usagef("--kind: %s", lowerFirst(err.Error()))
				}
				lang, err := register.ParseLang(f.lang)
				if err != nil {
					return usagef("--lang: %s", lowerFirst(err.Error()))
				}
				req := service.LetterRequest{EntityIDs: f.entities, Kind: kind, Lang: lang, MeetingID: f.meeting,
					Questions: f.questions, MoveTo: register.Status(f.moveTo), Reason: f.reason, Replace: *force}
				if f.questionsFile != "" {
					if f.questions != "" {
						return usagef("letter takes --questions or --questions-file, not both")
					}
					b, err := readTextFile(f.questionsFile, "The questions file")
					if err != nil {
						return err
					}
					req.Questions = b
				}
				return c.withService(func(r *service.Register) error { return runLetter(c, r, req, *out) })
			}
		},
	}
}

func runLetter(c *Context, r *service.Register, req service.LetterRequest, out string) error {
	res, err := r.WriteLetters(context.Background(), req, out)
	if err != nil {
		return err
	}
	for _, f := range res.Files {
		what := map[string]string{"draft": "Email draft", "letter": "PDF letter", "form": "Pre-filled RFI form"}[f.Part]
		c.printf("%s %s for %s (entity %d): %s\n", what, f.DocID, f.EntityName, f.EntityID, f.Path)
	}
	if res.Moved > 0 {
		c.printf("Moved %d %s to %q.\n", res.Moved, plural(res.Moved, "entity", "entities"), register.Status(req.MoveTo).Label())
	}
	if res.Requests > 0 {
		c.printf("More information requested of %d %s; an intake for each closes it.\n", res.Requests, plural(res.Requests, "entity", "entities"))
	}
	for _, n := range res.Notices {
		fmt.Fprintf(c.Stderr, "atpreg: note: %s\n", n)
	}
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// entityIDList is a repeatable flag of entity ids separated by commas.
type entityIDList []int64

func (l *entityIDList) String() string { return fmt.Sprint([]int64(*l)) }

// Set adds the ids in v ("3" or "3,4,5").
func (l *entityIDList) Set(v string) error {
	for _, part := range strings.Split(v, ",") {
		id, err := strconv.ParseInt(strings.TrimSpace(part), 10, 64)
		if err != nil || id <= 0 {
			return fmt.Errorf("entity ids are numbers, not %q", part)
		}
		*l = append(*l, id)
	}
	return nil
}

// readTextFile reads a small UTF-8 text file the officer named.
func readTextFile(path, what string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", apperr.Wrap(err, apperr.NotFound, "%s %s cannot be read (%s).", what, path, apperr.Reason(err))
	}
	if !utf8.Valid(b) {
		return "", apperr.New(apperr.Invalid, "%s %s is not UTF-8 text; save it as UTF-8 and try again.", what, path)
	}
	return strings.TrimPrefix(string(b), "\ufeff"), nil
}
