//go:build e2e

package e2e

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// display returns the environment (DISPLAY, XAUTHORITY) of the Xvfb the
// app's window is on, read from the app's own process.
func (a *App) display(t *testing.T) []string {
	t.Helper()
	deadline := time.Now().Add(defaultWait)
	for {
		ents, _ := os.ReadDir("/proc")
		for _, e := range ents {
			pid, err := strconv.Atoi(e.Name())
			if err != nil {
				continue
			}
			if pgid, err := syscall.Getpgid(pid); err != nil || pgid != a.cmd.Process.Pid {
				continue
			}
			env, err := os.ReadFile(filepath.Join("/proc", e.Name(), "environ"))
			if err != nil {
				continue
			}
			var out []string
			for _, kv := range bytes.Split(env, []byte{0}) {
				if s := string(kv); strings.HasPrefix(s, "DISPLAY=") || strings.HasPrefix(s, "XAUTHORITY=") {
					out = append(out, s)
				}
			}
			if len(out) == 2 {
				return out
			}
		}
		if time.Now().After(deadline) {
			t.Fatal("cannot find the display of the app's window")
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// AnswerDialog waits for the system's file dialog titled title (GTK's, in
// the app's real window) and chooses path in it the way a person would:
// typing the location and pressing Enter. Folder dialogs get the folder's
// path; save dialogs the file's.
func (a *App) AnswerDialog(t *testing.T, title, path string) {
	t.Helper()
	requireTool(t, "xdotool", "xdotool")
	script := `
win=$(timeout 20 xdotool search --sync --onlyvisible --name "^$TITLE\$" | head -n 1)
[ -n "$win" ] || { echo "no dialog titled $TITLE"; exit 1; }
xdotool windowfocus --sync "$win" 2>/dev/null
sleep 0.5
# The location field: Ctrl+L in an open dialog; the name field (focused) in a save dialog.
xdotool key --clearmodifiers ctrl+l
sleep 0.3
xdotool key --clearmodifiers ctrl+a
xdotool type --delay 10 "$ANSWER"
sleep 0.5
xdotool key Return
# A folder dialog may take Enter as "go into the folder": then choose it.
sleep 1
if xdotool search --onlyvisible --name "^$TITLE\$" >/dev/null 2>&1; then xdotool key Return; sleep 1; fi
if xdotool search --onlyvisible --name "^$TITLE\$" >/dev/null 2>&1; then echo "the dialog is still open"; exit 1; fi
exit 0
`
	cmd := exec.Command("bash", "-c", script)
	cmd.Env = append(append(os.Environ(), a.display(t)...), "TITLE="+title, "ANSWER="+path)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("answering the dialog %q: %v\n%s\napp output:\n%s", title, err, out, a.Log())
	}
}

// recentPaths are the registers the start screen lists, in order.
func recentPaths(p *Page) []string {
	return Eval[[]string](p, `[...document.querySelectorAll('[data-testid="recent-item"]')].map(e => e.dataset.path)`)
}

// entityCount asks the open register how many entities it holds.
func entityCount(p *Page) int {
	return Eval[int](p, `window.go.app.RegisterService.List({}).then(r => r.total)`)
}

// TestRegisterLifeInTheWindow lives a register's life in the window only,
// every file chosen in the system's own dialogs: a backup folder on a
// "USB drive", Back up now, a second register made with New register…,
// the start screen's recent registers (opened by keyboard), and Restore
// from the backup after a change, which brings the register back as it was
// at the backup and keeps the replaced one as .bak. The recent list keeps
// paths only.
func TestRegisterLifeInTheWindow(t *testing.T) {
	p := NewUnlockedPage(t, true)
	a := p.App
	first := a.Register
	usb := filepath.Join(a.Home, "media", "USB DRIVE")
	if err := os.MkdirAll(usb, 0o700); err != nil {
		t.Fatal(err)
	}
	demoEntities := entityCount(p)

	// Settings: choose the backup folder in the dialog, back up now.
	p.Click(`.sidebar [data-area="settings"]`)
	p.WaitVisible(`[data-testid="register-file"]`)
	p.WaitText(`[data-testid="backup-folder"]`, "No folder chosen")
	p.WaitText(`[data-testid="backup-last"]`, "never")
	p.Click(`[data-testid="backup-choose-folder"]`)
	a.AnswerDialog(t, "Keep the register's backups in", usb)
	p.WaitText(`[data-testid="backup-folder"]`, usb)
	p.Click(`[data-testid="backup-now"]`)
	p.WaitVisible(`[data-testid="backup-dialog"]`)
	p.Fill(`[data-testid="backup-pass"]`, "not the passphrase")
	p.Click(`[data-testid="backup-go"]`)
	p.WaitText(`[data-testid="backup-dialog"] .field-error`, "not the register's passphrase")
	p.Fill(`[data-testid="backup-pass"]`, TestPassphrase)
	p.Click(`[data-testid="backup-go"]`)
	p.WaitVisible(`[data-testid="backup-list"]`)
	p.WaitText(`[data-testid="backup-report"]`, "read back")
	p.WaitText(`[data-testid="backup-status"]`, "Backed up")
	p.Screenshot("settings-backups")
	ents, err := os.ReadDir(usb)
	if err != nil || len(ents) != 1 || !strings.HasPrefix(ents[0].Name(), "register-backup-") {
		t.Fatalf("the backup folder holds %v (%v)", ents, err)
	}
	backup := filepath.Join(usb, ents[0].Name())
	if st, _ := os.Stat(backup); st.Mode().Perm() != 0o600 {
		t.Errorf("backup mode %v", st.Mode().Perm())
	}

	// A change after the backup, which the restore will take back.
	Eval[bool](p, `window.go.app.RegisterService.Create({name: 'Fictional Lantern Biotech', contact_email: 'office@example.org', submissions: []}).then(() => true)`)
	if n := entityCount(p); n != demoEntities+1 {
		t.Fatalf("%d entities after adding one to %d", n, demoEntities)
	}

	// New register…: the save dialog, then the new register's create screen.
	second := filepath.Join(a.Home, "Documents", "second register.atpreg")
	if err := os.MkdirAll(filepath.Dir(second), 0o700); err != nil {
		t.Fatal(err)
	}
	p.Click(`[data-testid="settings-new-register"]`)
	a.AnswerDialog(t, "Create a new register", second)
	p.WaitJS(`document.querySelector('[data-testid="lock-screen"]')?.dataset.state === 'absent'`, defaultWait)
	if got := Eval[string](p, `window.go.app.Session.Info().then(i => i.registerPath)`); got != second {
		t.Fatalf("the window moved to %q, want %q", got, second)
	}
	p.WaitVisible(`[data-testid="recent-item"]`)
	p.Screenshot("start-new-register")
	p.Fill(`[data-testid="passphrase"]`, TestPassphrase)
	p.Fill(`[data-testid="confirm"]`, TestPassphrase)
	p.Click(`[data-testid="create"]`)
	p.WaitJS(`document.querySelector('[data-ready][data-state="open"]')`, defaultWait)
	if n := entityCount(p); n != 0 {
		t.Fatalf("the new register holds %d entities", n)
	}

	// Locked: the start screen lists both, the one just used first; the
	// other opens from the keyboard.
	p.Click(`[data-testid="lock-now"]`)
	p.WaitJS(`document.querySelector('[data-testid="lock-screen"]')?.dataset.state === 'locked'`, defaultWait)
	p.WaitJS(`document.querySelectorAll('[data-testid="recent-item"]').length === 2`, defaultWait)
	if got := recentPaths(p); got[0] != second || got[1] != first {
		t.Fatalf("recent registers %q, want %q then %q", got, second, first)
	}
	p.Screenshot("start-recent-registers")
	Eval[bool](p, `(document.querySelectorAll('[data-testid="recent-item"]')[0].focus(), true)`)
	p.Do(chromedp.KeyEvent(kb.ArrowDown))
	if Eval[string](p, `document.activeElement?.dataset.path ?? ''`) != first {
		t.Fatal("the down arrow does not move to the next recent register")
	}
	p.Do(chromedp.KeyEvent(kb.Enter))
	p.WaitJS(`document.querySelector('[data-testid="lock-screen"]')?.dataset.state === 'locked' && document.querySelector('.lock-screen .path')?.textContent === `+jsString(first), defaultWait)
	p.Fill(`[data-testid="passphrase"]`, TestPassphrase)
	p.Click(`[data-testid="unlock"]`)
	p.WaitJS(`document.querySelector('[data-ready][data-state="open"]')`, defaultWait)
	if n := entityCount(p); n != demoEntities+1 {
		t.Fatalf("the first register holds %d entities, want %d", n, demoEntities+1)
	}

	// Restore from the backup: chosen in the dialog, read and counted, then confirmed.
	p.Click(`.sidebar [data-area="settings"]`)
	p.Click(`[data-testid="settings-restore"]`)
	p.WaitVisible(`[data-testid="restore-dialog"]`)
	if Eval[bool](p, `!document.querySelector('[data-testid="restore-confirm"]').disabled`) {
		t.Fatal("Replace is possible before a backup was read")
	}
	p.Click(`[data-testid="restore-choose"]`)
	a.AnswerDialog(t, "Restore the register from a backup", backup)
	p.WaitText(`[data-testid="restore-choice"]`, filepath.Base(backup))
	p.Fill(`[data-testid="restore-pass"]`, "not the passphrase")
	p.Click(`[data-testid="restore-check"]`)
	p.WaitText(`[data-testid="restore-dialog"] .field-error`, "Not this backup's passphrase")
	p.Fill(`[data-testid="restore-pass"]`, TestPassphrase)
	p.Click(`[data-testid="restore-check"]`)
	p.WaitText(`[data-testid="restore-summary"]`, fmt.Sprintf("%d entities", demoEntities))
	p.WaitText(`[data-testid="restore-summary"]`, "fewer entities")
	p.Screenshot("restore-confirm")
	p.Click(`[data-testid="restore-confirm"]`)
	p.WaitJS(`document.querySelector('[data-ready][data-state="open"]') && !document.querySelector('[data-testid="restore-dialog"]')`, defaultWait)
	if n := entityCount(p); n != demoEntities {
		t.Fatalf("the restored register holds %d entities, want the backup's %d", n, demoEntities)
	}
	if _, err := os.Stat(first + ".bak"); err != nil {
		t.Fatalf("the replaced register is not kept as .bak: %v", err)
	}

	// The recent list: paths, never register content.
	list, err := os.ReadFile(filepath.Join(a.Home, "config", "atpreg", "registers.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(list), "second register.atpreg") || strings.Contains(string(list), "Lantern") {
		t.Fatalf("the recent list holds:\n%s", list)
	}
}

// jsString quotes s for JavaScript.
func jsString(s string) string { return strconv.Quote(s) }

// TestWeakRegisterStrengthen opens a register made with weak key
// derivation (the tests' cheap keys, as an earlier atpreg wrote) in a
// window that runs with production keys: a banner says so and Strengthen…
// mends it under the same passphrase (a wrong one changes nothing); the
// banner goes, and the CLI's verify no longer warns.
func TestWeakRegisterStrengthen(t *testing.T) {
	reg := filepath.Join(t.TempDir(), "older.atpreg")
	initRegister(t, reg, TestPassphrase)
	p := NewPage(t, StartApp(t, WithRegister(reg), WithEnv("ATPREG_INSECURE_TEST_KDF=0")))
	p.Fill(`[data-testid="passphrase"]`, TestPassphrase)
	p.Click(`[data-testid="unlock"]`)
	p.WaitJS(`document.querySelector('[data-ready][data-state="open"]')`, 60*time.Second)
	p.WaitText(`[data-testid="kdf-warning"]`, "weak key derivation")
	p.Screenshot("kdf-warning")
	p.Click(`[data-testid="kdf-strengthen"]`)
	p.WaitVisible(`[data-testid="strengthen-dialog"]`)
	p.Fill(`[data-testid="strengthen-pass"]`, "not the passphrase")
	p.Click(`[data-testid="strengthen-go"]`)
	p.WaitText(`[data-testid="strengthen-dialog"] .field-error`, "not the register's passphrase")
	p.Fill(`[data-testid="strengthen-pass"]`, TestPassphrase)
	p.Click(`[data-testid="strengthen-go"]`)
	p.WaitJS(`!document.querySelector('[data-testid="kdf-warning"]') && !document.querySelector('[data-testid="strengthen-dialog"]')`, 60*time.Second)
	p.Click(`[data-testid="lock-now"]`)
	p.WaitJS(`document.querySelector('[data-testid="lock-screen"]')?.dataset.state === 'locked'`, defaultWait)
	cmd := exec.Command(devBinary(t), "--register", reg, "verify")
	cmd.Env = append(os.Environ(), "ATPREG_PASSPHRASE="+TestPassphrase)
	out, err := cmd.CombinedOutput()
	if err != nil || strings.Contains(string(out), "warning") || !strings.Contains(string(out), "m=256 MiB") {
		t.Fatalf("verify after strengthening: %v\n%s", err, out)
	}
}

// TestInvisibleCharactersShown: a long text holding a right-to-left
// override and a zero-width space (kept: long texts may need them) is shown
// with each as a labelled mark in its place, so "invoice\u202Efdp.exe"
// reads as stored instead of as "invoiceexe.pdf"; the edit form points
// them out.
func TestInvisibleCharactersShown(t *testing.T) {
	p := NewUnlockedPage(t, false)
	id := Eval[int](p, `window.go.app.RegisterService.Create({name: 'Fictional Mirror Therapeutics', contact_email: 'office@example.org',
		notes: 'Attachment invoice\u202efdp.exe from Moon\u200bfield', submissions: []})`)
	Eval[bool](p, fmt.Sprintf(`(location.hash = '#/register/%d', true)`, id))
	p.WaitVisible(`[data-testid="entity-notes"]`)
	marks := Eval[[]string](p, `[...document.querySelectorAll('[data-testid="entity-notes"] [data-testid="invisible-mark"]')].map(m => m.textContent + ' ' + m.title)`)
	if len(marks) != 2 || !strings.HasPrefix(marks[0], "RLO ") || !strings.Contains(marks[0], "U+202E") || !strings.HasPrefix(marks[1], "ZWSP ") {
		t.Fatalf("marks %q", marks)
	}
	if text := p.Text(`[data-testid="entity-notes"]`); text != "Attachment invoiceRLOfdp.exe from MoonZWSPfield" {
		t.Fatalf("notes read %q", text)
	}
	if Eval[bool](p, `document.querySelector('[data-testid="entity-notes"]').textContent.includes('\u202e')`) {
		t.Fatal("the override itself is in the page, reordering what follows")
	}
	p.Screenshot("invisible-marks")
	Eval[bool](p, fmt.Sprintf(`(location.hash = '#/register/%d/edit', true)`, id))
	p.WaitText(`[data-field="notes"] [data-testid="invisible-hint"]`, "2 invisible characters (right-to-left override, U+202E; zero-width space, U+200B)")
}
