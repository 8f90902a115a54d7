package ics_test

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"atpreg/internal/ics"
)

var hkt = time.FixedZone("HKT", 8*3600)

// unfold undoes line folding and splits the text into content lines.
func unfold(t *testing.T, s string) []string {
	t.Helper()
	if !strings.HasSuffix(s, "\r\n") {
		t.Fatalf("calendar does not end in CRLF")
	}
	raw := strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n")
	var out []string
	for _, l := range raw {
		if strings.ContainsAny(l, "\r\n") {
			t.Fatalf("bare CR or LF in line %q", l)
		}
		if len(l) > 75 {
			t.Errorf("line of %d octets (max 75): %q", len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("line split inside a UTF-8 character: %q", l)
		}
		if strings.HasPrefix(l, " ") {
			out[len(out)-1] += l[1:]
			continue
		}
		out = append(out, l)
	}
	return out
}

func prop(lines []string, name string) (string, bool) {
	for _, l := range lines {
		if v, ok := strings.CutPrefix(l, name+":"); ok {
			return v, true
		}
	}
	return "", false
}

func TestCalendar(t *testing.T) {
	stamp := time.Date(2026, 3, 1, 9, 15, 0, 0, hkt)
	long := strings.Repeat("會議紀錄 Minutes, agenda; notes\\ ", 12)
	ev := ics.Event{
		UID:         "meeting-7@atpreg.invalid",
		Start:       time.Date(2026, 3, 12, 14, 30, 0, 0, hkt),
		End:         time.Date(2026, 3, 12, 16, 0, 0, 0, hkt),
		Summary:     "Dialogue meeting 1",
		Location:    "Conference Room 3, Building 17W",
		Description: long + "\nsecond line",
		Categories:  []string{"HKSTP", "ATP RFI"},
		Class:       "CONFIDENTIAL",
		Sequence:    2,
	}
	text := ics.Calendar(stamp, ev)
	lines := unfold(t, text)

	tests := []struct{ name, want string }{
		{"BEGIN", "VCALENDAR"},
		{"VERSION", "2.0"},
		{"PRODID", ics.ProdID},
		{"UID", "meeting-7@atpreg.invalid"},
		{"DTSTAMP", "20260301T011500Z"},
		{"DTSTART", "20260312T063000Z"},
		{"DTEND", "20260312T080000Z"},
		{"SUMMARY", "Dialogue meeting 1"},
		{"LOCATION", `Conference Room 3\, Building 17W`},
		{"DESCRIPTION", ics.Text(long) + `\nsecond line`},
		{"CATEGORIES", `ATP RFI,HKSTP`},
		{"CLASS", "CONFIDENTIAL"},
		{"SEQUENCE", "2"},
	}
	for _, tc := range tests {
		got, ok := prop(lines, tc.name)
		if !ok {
			t.Errorf("%s missing", tc.name)
			continue
		}
		if got != tc.want {
			t.Errorf("%s = %q, want %q", tc.name, got, tc.want)
		}
	}
	if lines[len(lines)-1] != "END:VCALENDAR" {
		t.Errorf("last line %q", lines[len(lines)-1])
	}
	if n := strings.Count(text, "BEGIN:VEVENT"); n != 1 {
		t.Errorf("%d events, want 1", n)
	}
	if !strings.Contains(text, "\r\n ") {
		t.Error("a long description was not folded")
	}
}

func TestCalendarDefaultEnd(t *testing.T) {
	start := time.Date(2026, 5, 15, 10, 0, 0, 0, time.UTC)
	lines := unfold(t, ics.Calendar(start, ics.Event{UID: "u", Start: start, Summary: "s"}))
	if got, _ := prop(lines, "DTEND"); got != "20260515T110000Z" {
		t.Errorf("DTEND = %q, want one hour after the start", got)
	}
	if _, ok := prop(lines, "CLASS"); ok {
		t.Error("CLASS written though not set")
	}
}

func TestText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"a,b;c\\d", `a\,b\;c\\d`},
		{"line1\r\nline2\nline3", `line1\nline2\nline3`},
		{"tab\there\x01", "tab here"},
		{"中文", "中文"},
		{"launch 🚀; done ✅", `launch 🚀\; done ✅`},
	}
	for _, tc := range tests {
		if got := ics.Text(tc.in); got != tc.want {
			t.Errorf("Text(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func FuzzCalendarLines(f *testing.F) {
	f.Add("Dialogue meeting", "會議 agenda, notes; more")
	f.Add(strings.Repeat("é", 100), strings.Repeat("語", 80))
	f.Add(strings.Repeat("🧬", 40), "x"+strings.Repeat("😀", 60))
	f.Fuzz(func(t *testing.T, summary, desc string) {
		if !utf8.ValidString(summary) || !utf8.ValidString(desc) {
			return
		}
		at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		text := ics.Calendar(at, ics.Event{UID: "x", Start: at, Summary: summary, Description: desc})
		for _, l := range strings.Split(strings.TrimSuffix(text, "\r\n"), "\r\n") {
			if len(l) > 75 || !utf8.ValidString(l) || strings.ContainsAny(l, "\r\n") {
				t.Fatalf("bad line %q", l)
			}
		}
	})
}
