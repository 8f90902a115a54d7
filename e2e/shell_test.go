//go:build e2e

package e2e

import (
	"strings"
	"testing"
)

// TestShell loads the shell from the real backend, navigates every area and
// reads the version the Go side reports.
func TestShell(t *testing.T) {
	p := NewUnlockedPage(t, false)
	a := p.App

	goVersion := Eval[string](p, `window.go.app.Session.Info().then(i => i.version)`)
	if goVersion == "" {
		t.Fatal("the Go side reported an empty version")
	}
	p.WaitText(`[data-testid="app-version"]`, goVersion)

	path := Eval[string](p, `window.go.app.Session.Info().then(i => i.registerPath)`)
	if path != a.Register {
		t.Fatalf("register path: Go says %q, the app was started on %q", path, a.Register)
	}
	if !strings.Contains(p.Text(`[data-testid="register-path"]`), a.Register) {
		t.Fatalf("status line does not show the register path %q", a.Register)
	}
	if !strings.Contains(p.Text(`.topbar`), "CONFIDENTIAL") {
		t.Fatal("CONFIDENTIAL is not visible in the chrome")
	}

	for _, area := range []string{"register", "evaluation", "meetings", "packs", "demand", "settings", "overview"} {
		p.Click(`.sidebar [data-area="` + area + `"]`)
		p.WaitJS(`document.querySelector('main.work')?.dataset.area === '`+area+`'`, defaultWait)
		p.WaitJS(`location.hash.startsWith('#/`+area+`')`, defaultWait)
	}
	p.Screenshot("shell")
}

// TestSearchShortcut checks that Ctrl+K focuses the search box.
func TestSearchShortcut(t *testing.T) {
	p := NewUnlockedPage(t, false)
	p.Key("Control+k")
	p.WaitJS(`document.activeElement === document.querySelector('.topbar input[type=search]')`, defaultWait)
}
