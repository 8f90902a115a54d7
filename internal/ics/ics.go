// Package ics writes iCalendar (RFC 5545) files: one VCALENDAR holding
// VEVENTs, with CRLF line ends, lines folded at 75 octets (never inside a
// UTF-8 character), text values escaped, and times in UTC. It does no I/O.
package ics

import (
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// ProdID identifies atpreg as the calendar's producer.
const ProdID = "-//HKSTP//atpreg ATP RFI register//EN"

// Event is one calendar event.
type Event struct {
	UID         string    // globally unique and stable for the same event
	Start       time.Time // converted to UTC
	End         time.Time // after Start; zero means Start plus one hour
	Summary     string
	Location    string
	Description string
	Categories  []string
	Class       string // "CONFIDENTIAL", "PRIVATE" or "PUBLIC"; "" leaves it out
	Sequence    int    // revision number, grows when the event changes
}

// Calendar returns the iCalendar text of events, with DTSTAMP stamp (the time
// the file is made, from the caller's clock).
func Calendar(stamp time.Time, events ...Event) string {
	var b strings.Builder
	line := func(name, value string) { b.WriteString(fold(name + ":" + value)) }
	line("BEGIN", "VCALENDAR")
	line("VERSION", "2.0")
	line("PRODID", ProdID)
	line("CALSCALE", "GREGORIAN")
	line("METHOD", "PUBLISH")
	for _, e := range events {
		end := e.End
		if end.IsZero() || !end.After(e.Start) {
			end = e.Start.Add(time.Hour)
		}
		line("BEGIN", "VEVENT")
		line("UID", Text(e.UID))
		line("DTSTAMP", utc(stamp))
		line("DTSTART", utc(e.Start))
		line("DTEND", utc(end))
		if e.Sequence > 0 {
			line("SEQUENCE", fmt.Sprint(e.Sequence))
		}
		line("SUMMARY", Text(e.Summary))
		if e.Location != "" {
			line("LOCATION", Text(e.Location))
		}
		if e.Description != "" {
			line("DESCRIPTION", Text(e.Description))
		}
		if len(e.Categories) > 0 {
			cs := make([]string, len(e.Categories))
			for i, c := range e.Categories {
				cs[i] = Text(c)
			}
			sort.Strings(cs)
			line("CATEGORIES", strings.Join(cs, ","))
		}
		if e.Class != "" {
			line("CLASS", e.Class)
		}
		line("END", "VEVENT")
	}
	line("END", "VCALENDAR")
	return b.String()
}

func utc(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

// Text escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma
// and newlines; carriage returns and other control characters are dropped.
func Text(s string) string {
	var b strings.Builder
	s = strings.ReplaceAll(s, "\r\n", "\n")
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == ';':
			b.WriteString(`\;`)
		case r == ',':
			b.WriteString(`\,`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteRune(' ')
		case r < 0x20 || r == 0x7f:
			// control characters are not allowed in TEXT
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// maxOctets is the longest a content line may be, CRLF excluded.
const maxOctets = 75

// fold splits a content line into lines of at most 75 octets, continuation
// lines starting with one space, never inside a UTF-8 character, each ending
// in CRLF.
func fold(s string) string {
	var b strings.Builder
	limit := maxOctets
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		limit = maxOctets - 1 // the leading space counts
	}
	b.WriteString(s)
	b.WriteString("\r\n")
	return b.String()
}
