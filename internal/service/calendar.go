package service

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"atpreg/internal/apperr"
	"atpreg/internal/ics"
	"atpreg/internal/register"
)

// The calendar's content rules: a meeting's .ics file carries its title,
// time, place, partners, HKSTP attendees and agenda, marked CONFIDENTIAL;
// entity names are left out (calendars are often synchronised to servers),
// the file says only how many entities are on the list. Its UID is stable
// for the meeting and its SEQUENCE counts the meeting's changes, so a file
// sent again updates the event instead of adding one.

// calendar returns the meeting's calendar text and the meeting.
func (r *Register) calendar(ctx context.Context, id int64) (string, register.MeetingRecord, error) {
	mt, err := r.db.GetMeeting(ctx, id)
	if err != nil {
		return "", mt, err
	}
	ps, err := r.db.Partners(ctx)
	if err != nil {
		return "", mt, err
	}
	names := map[int64]string{}
	for _, p := range ps {
		names[p.ID] = p.Name
	}
	var desc strings.Builder
	desc.WriteString("CONFIDENTIAL: HKSTP ATP manufacturing RFI dialogue meeting.\n")
	if len(mt.PartnerIDs) > 0 {
		var list []string
		for _, pid := range mt.PartnerIDs {
			list = append(list, names[pid])
		}
		desc.WriteString("Partners: " + strings.Join(list, "; ") + "\n")
	}
	if len(mt.Attendees) > 0 {
		desc.WriteString("HKSTP: " + strings.Join(mt.Attendees, "; ") + "\n")
	}
	fmt.Fprintf(&desc, "Entities to discuss: %d (names are kept in the register).\n", len(mt.EntityIDs))
	if mt.Agenda != "" {
		desc.WriteString("\nAgenda:\n" + mt.Agenda + "\n")
	}
	ev := ics.Event{
		UID:         fmt.Sprintf("atpreg-meeting-%d-%s@hkstp-atp-rfi.invalid", mt.ID, mt.CreatedAt.UTC().Format("20060102T150405Z")),
		Start:       mt.StartsAt,
		End:         mt.StartsAt.Add(time.Duration(mt.DurationMinutes) * time.Minute),
		Summary:     mt.Title,
		Location:    mt.Place,
		Description: strings.TrimSpace(desc.String()),
		Categories:  []string{"HKSTP ATP RFI"},
		Class:       "CONFIDENTIAL",
		Sequence:    mt.Sequence,
	}
	return ics.Calendar(r.Now(), ev), mt, nil
}

// CalendarText returns meeting id as an iCalendar (.ics) text under the
// calendar's content rules (no entity names). Errors: apperr.NotFound.
func (r *Register) CalendarText(ctx context.Context, id int64) (string, error) {
	text, _, err := r.calendar(ctx, id)
	return text, err
}

var unsafeFileChars = regexp.MustCompile(`[^\p{L}\p{N}._ -]+`)

// CalendarFileName is the file name a save dialog proposes for meeting id's
// calendar: its title without characters unsafe in a file name, ".ics".
func (r *Register) CalendarFileName(ctx context.Context, id int64) (string, error) {
	mt, err := r.db.GetMeeting(ctx, id)
	if err != nil {
		return "", err
	}
	name := strings.TrimSpace(unsafeFileChars.ReplaceAllString(mt.Title, " "))
	if name == "" {
		name = "meeting"
	}
	return name + ".ics", nil
}

// ExportCalendar writes meeting id's calendar file to path, replacing a
// file there, and publishes it: the ledger records it (kind calendar, with
// the meeting's id; no entity ids, since it names none). Errors:
// apperr.NotFound, apperr.Invalid (a folder that cannot be written to).
func (r *Register) ExportCalendar(ctx context.Context, id int64, path string) (register.LedgerEntry, error) {
	text, mt, err := r.calendar(ctx, id)
	if err != nil {
		return register.LedgerEntry{}, err
	}
	entries, err := r.Publish(ctx, []Publication{{
		Kind: register.LedgerCalendar, DocID: NewDocumentID(DocPrefixCalendar, r.Now()), Path: path, Data: []byte(text),
		Options: map[string]any{"meetingId": mt.ID, "sequence": mt.Sequence, "entities": len(mt.EntityIDs)},
		Replace: true, What: apperr.Fixed("The calendar file"),
	}})
	if err != nil {
		return register.LedgerEntry{}, err
	}
	return entries[0], nil
}
