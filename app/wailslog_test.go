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
