package main

import (
	"bytes"
	"strings"
	"testing"

	"atpreg/app"
)

// TestDesktopLoggerWithholdsCallArguments feeds the window's Wails logger
// the line Wails writes when a call's arguments do not parse (it quotes the
// whole call) and checks that no argument reaches the output.
func TestDesktopLoggerWithholdsCallArguments(t *testing.T) {
	var out bytes.Buffer
	opts := desktopOptions(app.NewSession(app.Config{RegisterPath: t.TempDir() + "/r.atpreg"}), &out)
	if opts.Logger == nil {
		t.Fatal("the window has no logger of its own: Wails' default logger prints call arguments")
	}
	call := `process message error: C{"name":"app.Session.Unlock","args":["Harbourview Cell Labs","fictional harbour lantern 7"],"callbackID":"x"} -> error parsing arguments`
	for _, log := range []func(string){opts.Logger.Print, opts.Logger.Trace, opts.Logger.Debug, opts.Logger.Info, opts.Logger.Warning, opts.Logger.Error} {
		log(call)
	}
	got := out.String()
	for _, secret := range []string{"Harbourview", "lantern", "Unlock"} {
		if strings.Contains(got, secret) {
			t.Errorf("the window's log quotes %q:\n%s", secret, got)
		}
	}
	if !strings.Contains(got, "withheld") {
		t.Errorf("an error should still leave a line saying something went wrong; got %q", got)
	}
}
