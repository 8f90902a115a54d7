package briefing

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"atpreg/internal/apperr"
	"atpreg/internal/pdfdoc"
	"atpreg/internal/register"
)

// Copy is whom one pack is for: the recipient's name and the entities they
// are conflicted with (each with the reason), which their pack leaves out.
type Copy struct {
	Recipient string
	Conflicts map[int64]string
}

// MakeOptions say how packs are made.
type MakeOptions struct {
	PackOptions
	// Password, when set, encrypts every pack with AES-256.
	Password string
	// FirstCopy is the copy number of the first pack; the others follow in
	// order. 0 means 1.
	FirstCopy int
}

// Omission is an entity left out of one recipient's pack.
type Omission struct {
	EntityID int64
	Name     string
	Reason   string
}

// Copied is one recipient's rendered pack: its bytes (encrypted when a
// password was given) and what it holds.
type Copied struct {
	Recipient string
	CopyNo    int
	PDF       []byte
	Pages     int
	EntityIDs []int64
	Omitted   []Omission
	Replaced  []pdfdoc.Replacement
	Encrypted bool
	// Variants are the copy's wording choices (the canary trap).
	Variants Variants
}

// Progress reports the advance of making packs: Done of Total steps (one
// per recipient, then one for publishing, reported by the caller).
type Progress struct {
	Done      int
	Total     int
	Recipient string
	Message   apperr.Text // for the officer, in either language
}

// Make renders one pack of in per copy (in.DocumentID, in.Date and the other
// common fields set by the caller), leaving out of each copy the entities its
// recipient is conflicted with (their names scrubbed from its free texts),
// and encrypts them when opt.Password is set. It returns the packs (a copy
// conflicted with every entity gets none) and the notices the officer should
// read (entities left out, recipients without a pack, characters
// replaced). progress (optional) is called after each copy. It does no I/O.
// Errors: apperr.Invalid (no pack at all), apperr.Canceled.
func Make(ctx context.Context, in PackInput, copies []Copy, opt MakeOptions, progress func(Progress)) ([]Copied, []apperr.Text, error) {
	if progress == nil {
		progress = func(Progress) {}
	}
	total := len(copies) + 1
	var packs []Copied
	notices := []apperr.Text{}
	var replaced []pdfdoc.Replacement
	copyNo := max(opt.FirstCopy, 1)
	for i, c := range copies {
		if err := ctx.Err(); err != nil {
			return nil, nil, Canceled(err)
		}
		pin := in
		pin.Recipient, pin.CopyNo = c.Recipient, copyNo
		pin.Entities = nil
		pin.Withheld = nil
		var omitted []Omission
		for _, e := range in.Entities {
			if reason, ok := c.Conflicts[e.Entity.ID]; ok {
				omitted = append(omitted, Omission{EntityID: e.Entity.ID, Name: e.Entity.Name, Reason: reason})
				pin.Withheld = append(pin.Withheld, e.Entity.Name)
				continue
			}
			pin.Entities = append(pin.Entities, e)
		}
		if len(omitted) > 0 {
			list := make([]string, len(omitted))
			for j, o := range omitted {
				list[j] = o.Name
			}
			if len(omitted) == 1 {
				notices = append(notices, apperr.T("%s: 1 entity left out for a conflict of interest (%s).", c.Recipient, list[0]))
			} else {
				notices = append(notices, apperr.T("%s: %d entities left out for a conflict of interest (%s).", c.Recipient, len(omitted), strings.Join(list, "; ")))
			}
		}
		if len(pin.Entities) == 0 {
			notices = append(notices, apperr.T("%s gets no pack: they are conflicted with every entity in it.", c.Recipient))
			progress(Progress{Done: i + 1, Total: total, Recipient: c.Recipient, Message: apperr.T("No pack: every entity is conflicted")})
			continue
		}
		p, err := Render(pin, opt.PackOptions)
		if err != nil {
			return nil, nil, err
		}
		pdf := p.PDF
		if opt.Password != "" {
			if pdf, err = pdfdoc.Encrypt(p.PDF, opt.Password, ""); err != nil {
				return nil, nil, err
			}
		}
		for _, rp := range p.Replaced {
			if !slices.ContainsFunc(replaced, func(x pdfdoc.Replacement) bool { return x.Where == rp.Where }) {
				replaced = append(replaced, rp)
			}
		}
		packs = append(packs, Copied{Recipient: c.Recipient, CopyNo: copyNo, PDF: pdf, Pages: p.Pages, EntityIDs: p.EntityIDs,
			Omitted: nonNil(omitted), Replaced: nonNil(p.Replaced), Encrypted: opt.Password != "", Variants: p.Variants})
		copyNo++
		progress(Progress{Done: i + 1, Total: total, Recipient: c.Recipient, Message: apperr.T("Copy %d for %s: %d pages", pin.CopyNo, c.Recipient, p.Pages)})
	}
	if len(replaced) > 0 {
		notices = append(notices, replacedNotice(replaced))
	}
	if len(packs) == 0 {
		return nil, nil, apperr.New(apperr.Invalid, "No pack was made: every recipient is conflicted with every entity in it.")
	}
	return packs, notices, nil
}

// FindPartner returns the id of the partner named name (case and surrounding
// space ignored), or 0 when none is.
func FindPartner(partners []register.Partner, name string) int64 {
	for _, p := range partners {
		if strings.EqualFold(strings.TrimSpace(p.Name), strings.TrimSpace(name)) {
			return p.ID
		}
	}
	return 0
}

func replacedNotice(rs []pdfdoc.Replacement) apperr.Text {
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = fmt.Sprintf("%s (%s)", r.Where, string(r.Runes))
	}
	return apperr.T("Some characters cannot be printed and were replaced by □ in: %s.", strings.Join(parts, "; "))
}

// FileName is a pack's file name, "<doc id>-copy<N>-<recipient>.pdf", with
// the recipient reduced to letters, digits and dashes.
func FileName(docID string, copyNo int, recipient string) string {
	var b strings.Builder
	dash := false
	for _, r := range recipient {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
		if b.Len() > 60 {
			break
		}
	}
	slug := strings.Trim(b.String(), "-")
	if slug == "" {
		slug = "recipient"
	}
	return fmt.Sprintf("%s-copy%d-%s.pdf", docID, copyNo, slug)
}

// Canceled words a cancelled context as the officer's apperr.Canceled.
func Canceled(err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return apperr.Wrap(err, apperr.Canceled, "The export was cancelled; no pack was saved.")
	}
	return err
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
