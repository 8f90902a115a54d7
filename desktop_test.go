package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"atpreg/app"
	"atpreg/internal/cli"
	"atpreg/internal/recent"
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

// TestWebView2MissingMessage checks that on a Windows laptop without the
// WebView2 runtime the window's error says where the offline installer is,
// and that the window has its icon.
func TestWebView2MissingMessage(t *testing.T) {
	opts := desktopOptions(app.NewSession(app.Config{RegisterPath: t.TempDir() + "/r.atpreg"}), &bytes.Buffer{})
	m := opts.Windows.Messages
	if m == nil {
		t.Fatal("no Windows messages: Wails' default offers a download, which an offline laptop cannot do")
	}
	for _, want := range []string{"WebView2 Runtime", "Evergreen Standalone Installer", "https://developer.microsoft.com/microsoft-edge/webview2/", "offline"} {
		if !strings.Contains(m.ContactAdmin, want) {
			t.Errorf("the missing-WebView2 message does not say %q:\n%s", want, m.ContactAdmin)
		}
	}
	if m.WebView2ProcessCrash == "" || m.InvalidFixedWebview2 == "" {
		t.Error("Wails' other Windows messages were lost")
	}
	if len(opts.Linux.Icon) < 100 || string(opts.Linux.Icon[1:4]) != "PNG" {
		t.Errorf("the window has no PNG icon (%d bytes)", len(opts.Linux.Icon))
	}
}

// TestStartRegister: the window starts on the register it is given, else on
// the most recently used one still there, else on the default.
func TestStartRegister(t *testing.T) {
	dir := t.TempDir()
	list := recent.List{File: filepath.Join(dir, "registers.json")}
	gone, there := filepath.Join(dir, "gone.atpreg"), filepath.Join(dir, "there.atpreg")
	if err := os.WriteFile(there, []byte("sealed"), 0o600); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	def := cli.Global{Register: filepath.Join(dir, "default.atpreg")}
	if got := startRegister(def, list); got != def.Register {
		t.Errorf("no list: %s", got)
	}
	_ = list.Used(there, now)
	_ = list.Used(gone, now.Add(time.Minute))
	if got := startRegister(def, list); got != there {
		t.Errorf("with a list: %s, want the most recent still there, %s", got, there)
	}
	given := cli.Global{Register: filepath.Join(dir, "given.atpreg"), RegisterGiven: true}
	if got := startRegister(given, list); got != given.Register {
		t.Errorf("given: %s", got)
	}
}
