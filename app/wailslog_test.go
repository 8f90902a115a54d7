package app_test

import (
	"bytes"
	"strings"
	"testing"

	"atpreg/app"
)

func TestWindowLoggerWritesNoMessageText(t *testing.T) {
	const msg = `process message error: C{"name":"app.RegisterService.SaveEntity","args":[{"name":"Kowloon Vector Works 九龍載體"}]} -> panic`
	for _, tc := range []struct {
		level string
		log   func(*app.WindowLogger, string)
		lines int
	}{
		{"print", (*app.WindowLogger).Print, 0},
		{"trace", (*app.WindowLogger).Trace, 0},
		{"debug", (*app.WindowLogger).Debug, 0},
		{"info", (*app.WindowLogger).Info, 0},
		{"warning", (*app.WindowLogger).Warning, 0},
		{"error", (*app.WindowLogger).Error, 1},
		{"fatal", (*app.WindowLogger).Fatal, 1},
	} {
		t.Run(tc.level, func(t *testing.T) {
			var out bytes.Buffer
			tc.log(app.NewWindowLogger(&out), msg)
			if strings.Contains(out.String(), "Kowloon") || strings.Contains(out.String(), "SaveEntity") {
				t.Errorf("message text reached the log: %q", out.String())
			}
			if n := strings.Count(out.String(), "\n"); n != tc.lines {
				t.Errorf("%d lines written, want %d: %q", n, tc.lines, out.String())
			}
		})
	}
}

// TestWindowLoggerNamesDevServerReady feeds the logger the two lines Wails'
// dev server logs when a browser page's runtime says "runtime:ready" (texts
// as Wails v2 writes them: internal/frontend/dispatcher and devserver) and
// checks that they make one line saying what happened, not an error.
func TestWindowLoggerNamesDevServerReady(t *testing.T) {
	var out bytes.Buffer
	l := app.NewWindowLogger(&out)
	l.Error("process message error: runtime:ready -> Unknown message from front end: runtime:ready")
	l.Error("Unknown message from front end: runtime:ready")
	got := out.String()
	if strings.Contains(got, "reported an error") {
		t.Errorf("the dev server's runtime:ready is logged as an unexplained error:\n%s", got)
	}
	if strings.Count(got, "\n") != 1 || !strings.Contains(got, `"runtime:ready"`) || !strings.Contains(got, "harmless") {
		t.Errorf("want one line naming runtime:ready as harmless, got:\n%s", got)
	}
	// Any other unknown message is still an error whose text is withheld.
	out.Reset()
	l.Error("Unknown message from front end: Xruntime:ready Kowloon")
	if got := out.String(); !strings.Contains(got, "withheld") || strings.Contains(got, "Kowloon") {
		t.Errorf("another unknown message: %q", got)
	}
}
