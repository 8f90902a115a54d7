//go:build e2e

package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// initRegister creates a register with the CLI face of the dev binary before
// the window starts, as an officer would have done on an earlier day.
func initRegister(t *testing.T, path, pass string) {
	t.Helper()
	cmd := exec.Command(devBinary(t), "--register", path, "init")
	cmd.Env = append(os.Environ(), "ATPREG_PASSPHRASE="+pass, "ATPREG_INSECURE_TEST_KDF=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("atpreg init: %v\n%s", err, out)
	}
}

// TestFirstRunCreatesRegister: the first run offers to create the register,
// rates the passphrase, refuses a mismatch and a weak one, then opens.
func TestFirstRunCreatesRegister(t *testing.T) {
	a := StartApp(t)
	p := NewPage(t, a)
	p.WaitJS(`document.querySelector('[data-testid="lock-screen"]')?.dataset.state === 'absent'`, defaultWait)
	if !strings.Contains(p.Text(`[data-testid="lock-screen"]`), "cannot be recovered") {
		t.Fatal("the create screen does not warn that a forgotten passphrase cannot be recovered")
	}
	p.Fill(`[data-testid="passphrase"]`, "short")
	p.WaitText(`[data-testid="strength"]`, "Too short")
	p.Fill(`[data-testid="confirm"]`, "short")
	p.Click(`[data-testid="create"]`)
	p.WaitText(`.lock-screen .field-error`, "Too short")

	p.Fill(`[data-testid="passphrase"]`, TestPassphrase)
	p.WaitJS(`!document.querySelector('[data-testid="strength"]').textContent.includes('Too short')`, defaultWait)
	p.Fill(`[data-testid="confirm"]`, TestPassphrase+" typo")
	p.Click(`[data-testid="create"]`)
	p.WaitText(`.lock-screen`, "does not match")
	if _, err := os.Stat(a.Register); err == nil {
		t.Fatal("a register was created although the passphrases differed")
	}
	p.Screenshot("create-register")

	p.Fill(`[data-testid="confirm"]`, TestPassphrase)
	p.Click(`[data-testid="create"]`)
	p.WaitJS(`document.querySelector('[data-ready][data-state="open"]')`, defaultWait)
	info, err := os.Stat(a.Register)
	if err != nil {
		t.Fatalf("register not on disk after create: %v", err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Fatalf("register file mode %v, want 0600", info.Mode().Perm())
	}
	if d, _ := os.Stat(filepath.Dir(a.Register)); d.Mode().Perm() != 0o700 {
		t.Fatalf("register folder mode %v, want 0700", d.Mode().Perm())
	}
}

// TestUnlock: a later run shows the unlock screen; a wrong passphrase is told
// apart; the right one opens the shell.
func TestUnlock(t *testing.T) {
	dir := t.TempDir()
	reg := filepath.Join(dir, "register.atpreg")
	initRegister(t, reg, TestPassphrase)
	p := NewPage(t, StartApp(t, WithRegister(reg)))
	p.WaitJS(`document.querySelector('[data-testid="lock-screen"]')?.dataset.state === 'locked'`, defaultWait)
	p.Fill(`[data-testid="passphrase"]`, "not the passphrase")
	p.Click(`[data-testid="unlock"]`)
	p.WaitText(`[data-testid="lock-error"]`, "passphrase is not right")
	p.Screenshot("unlock-wrong")
	p.Fill(`[data-testid="passphrase"]`, TestPassphrase)
	p.Click(`[data-testid="unlock"]`)
	p.WaitJS(`document.querySelector('[data-ready][data-state="open"]')`, defaultWait)
}

// TestLockNow locks with the button and with Ctrl+L, and unlocks again.
func TestLockNow(t *testing.T) {
	p := NewUnlockedPage(t, false)
	p.Fill(`.topbar input[type=search]`, "Fictional Confidential Co")
	p.Click(`[data-testid="lock-now"]`)
	p.WaitJS(`document.querySelector('[data-testid="lock-screen"]')?.dataset.state === 'locked'`, defaultWait)
	if state := Eval[string](p, `window.go.app.Session.Info().then(i => i.state)`); state != "locked" {
		t.Fatalf("backend state after Lock: %q", state)
	}
	if html := Eval[string](p, `document.body.innerHTML`); strings.Contains(html, "Fictional Confidential Co") {
		t.Fatal("the locked window still holds what was typed before locking")
	}
	p.Fill(`[data-testid="passphrase"]`, TestPassphrase)
	p.Click(`[data-testid="unlock"]`)
	p.WaitJS(`document.querySelector('[data-ready][data-state="open"]')`, defaultWait)
	if v := Eval[string](p, `document.querySelector('.topbar input[type=search]').value`); v != "" {
		t.Fatalf("after unlocking, the search box still holds %q from before the lock", v)
	}

	p.Key("Control+l")
	p.WaitJS(`document.querySelector('[data-testid="lock-screen"]')?.dataset.state === 'locked'`, defaultWait)
}

// TestAutoLock: with the idle time from settings (a test minute of one
// second), the register locks by itself and the window says why.
func TestAutoLock(t *testing.T) {
	p := NewUnlockedPage(t, false, WithEnv("ATPREG_INSECURE_TEST_MINUTE=1s"))
	if m := Eval[int](p, `window.go.app.Session.Info().then(i => i.autoLockMinutes)`); m != 10 {
		t.Fatalf("default auto-lock is %d minutes, want 10", m)
	}
	p.Click(`.sidebar [data-area="settings"]`)
	p.WaitVisible(`[data-testid="auto-lock"]`)
	Eval[bool](p, `(()=>{const s=document.querySelector('[data-testid="auto-lock"]'); s.value='5'; s.dispatchEvent(new Event('change',{bubbles:true})); return true})()`)
	p.Click(`[data-testid="save-settings"]`)
	p.WaitVisible(`[data-testid="settings-saved"]`)
	p.WaitText(`[data-testid="autolock-status"]`, "5 min")
	// Five test minutes (5 s) without activity lock the register.
	p.WaitJS(`document.querySelector('[data-testid="lock-screen"]')?.dataset.state === 'locked'`, defaultWait)
	p.WaitVisible(`[data-testid="idle-notice"]`)
	p.Screenshot("auto-locked")
	if state := Eval[string](p, `window.go.app.Session.Info().then(i => i.state)`); state != "locked" {
		t.Fatalf("backend state after idle: %q", state)
	}
	if ok := Eval[bool](p, `window.go.app.Session.SaveSettings({officerName:'x', autoLockMinutes: 5, weights: {}}).then(()=>false, e => String(e).includes('locked'))`); !ok {
		t.Fatal("a locked register still accepted a write")
	}
}

// TestChangePassphrase: the current passphrase is checked, the new one
// opens the register and the old one no longer does.
func TestChangePassphrase(t *testing.T) {
	p := NewUnlockedPage(t, false)
	p.Click(`.sidebar [data-area="settings"]`)
	p.Fill(`[data-testid="current-pass"]`, "wrong current passphrase")
	p.Fill(`[data-testid="new-pass"]`, "a brand new fictional passphrase")
	p.Fill(`[data-testid="confirm-pass"]`, "a brand new fictional passphrase")
	p.Click(`[data-testid="change-pass"]`)
	p.WaitText(`[data-testid="settings"]`, "not the register's current passphrase")
	p.Fill(`[data-testid="current-pass"]`, TestPassphrase)
	p.Click(`[data-testid="change-pass"]`)
	p.WaitVisible(`[data-testid="pass-changed"]`)
	p.Screenshot("settings")

	p.Click(`[data-testid="settings-lock"]`)
	p.WaitJS(`document.querySelector('[data-testid="lock-screen"]')?.dataset.state === 'locked'`, defaultWait)
	p.Fill(`[data-testid="passphrase"]`, TestPassphrase)
	p.Click(`[data-testid="unlock"]`)
	p.WaitText(`[data-testid="lock-error"]`, "not right")
	p.Fill(`[data-testid="passphrase"]`, "a brand new fictional passphrase")
	p.Click(`[data-testid="unlock"]`)
	p.WaitJS(`document.querySelector('[data-ready][data-state="open"]')`, defaultWait)
}

// TestFirstRunOpensDemo: the first run's other offer creates the register
// filled with the fictional demo data.
func TestFirstRunOpensDemo(t *testing.T) {
	a := StartApp(t)
	p := NewPage(t, a)
	p.WaitJS(`document.querySelector('[data-testid="lock-screen"]')?.dataset.state === 'absent'`, defaultWait)
	p.Fill(`[data-testid="passphrase"]`, TestPassphrase)
	p.Fill(`[data-testid="confirm"]`, TestPassphrase)
	p.Click(`[data-testid="create-demo"]`)
	p.WaitJS(`document.querySelector('[data-ready][data-state="open"]')`, defaultWait)
	total := Eval[int](p, `window.go.app.RegisterService.List({search:'', statuses:[], atpType:'', intendedUse:'', processType:'', completeness:'', sort:'name', desc:false, offset:0, limit:5}).then(r => r.total)`)
	if total < 30 {
		t.Fatalf("the demo register holds %d entities, want about 40", total)
	}
	if _, err := os.Stat(a.Register); err != nil {
		t.Fatalf("demo register not on disk: %v", err)
	}
}

// TestOpenDemoSaysWhatItDoes: while "Open the demo instead" works, the
// create screen says each step as the backend begins it ("Step 1 of 4:
// Deriving the encryption key…", then writing the file, the demo data,
// opening), in a status region a screen reader hears, with the buttons
// held; then the demo opens. In both languages. A MutationObserver installed
// before the click records every text the status shows until the register
// is open.
func TestOpenDemoSaysWhatItDoes(t *testing.T) {
	for _, tc := range []struct {
		lang string
		key  string // the first step, then the demo's
		demo string
		open string // the words of the open register's sidebar
	}{
		{"en", "Step 1 of 4: Deriving the encryption key from your passphrase", "Step 3 of 4: Writing 40 fictional entities", "Settings"},
		{"zh-HK", "第 1 步（共 4 步）：正在以你的密碼短語產生加密金鑰", "第 3 步（共 4 步）：正在寫入 40 個虛構機構", "設定"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			p := NewPage(t, StartApp(t))
			p.WaitJS(`document.querySelector('[data-testid="lock-screen"]')?.dataset.state === 'absent'`, defaultWait)
			if tc.lang != "en" {
				p.Click(`[data-testid="lock-lang-` + tc.lang + `"]`)
				p.WaitJS(`document.documentElement.lang === '`+tc.lang+`'`, defaultWait)
			}
			checkQuietStatus(t, p, "create")
			p.Fill(`[data-testid="passphrase"]`, TestPassphrase)
			p.Fill(`[data-testid="confirm"]`, TestPassphrase)
			recordSteps(p, `document.querySelector('[data-testid="create-demo"]')?.disabled && document.querySelector('[data-testid="create"]')?.disabled`)
			p.Click(`[data-testid="create-demo"]`)
			p.WaitJS(`document.querySelector('[data-ready][data-state="open"]')`, defaultWait)
			p.WaitText(`.sidebar [data-area="settings"]`, tc.open)
			checkSteps(t, p, "create", tc.lang, tc.key, tc.demo)
			if n := Eval[int](p, `window.go.app.RegisterService.List({limit: 1}).then(p => p.total)`); n != 40 {
				t.Errorf("the demo holds %d entities, want 40", n)
			}
		})
	}
}

// TestUnlockSaysWhatItDoes: while the register unlocks, the lock screen
// says each step as the backend begins it ("Step 1 of 3: Deriving the key
// from your passphrase…", then reading the register, opening it), in a live
// status region, in both languages; a wrong passphrase still shows its
// error and leaves the status empty. A MutationObserver installed before the
// click records every text the status shows until the register is open.
func TestUnlockSaysWhatItDoes(t *testing.T) {
	reg := filepath.Join(t.TempDir(), "register.atpreg")
	initRegister(t, reg, TestPassphrase)
	for _, tc := range []struct {
		lang string
		key  string // the first step, then the reading's
		read string
		open string // the words of the open register's sidebar
	}{
		{"en", "Step 1 of 3: Deriving the key from your passphrase", "Step 2 of 3: Reading the register", "Settings"},
		{"zh-HK", "第 1 步（共 3 步）：正在以你的密碼短語產生金鑰", "第 2 步（共 3 步）：正在讀取登記冊", "設定"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			p := NewPage(t, StartApp(t, WithRegister(reg)))
			p.WaitJS(`document.querySelector('[data-testid="lock-screen"]')?.dataset.state === 'locked'`, defaultWait)
			if tc.lang != "en" {
				p.Click(`[data-testid="lock-lang-` + tc.lang + `"]`)
				p.WaitJS(`document.documentElement.lang === '`+tc.lang+`'`, defaultWait)
			}
			checkQuietStatus(t, p, "unlock")
			// A wrong passphrase: its error as before, and no step left showing.
			p.Fill(`[data-testid="passphrase"]`, "not the passphrase")
			p.Click(`[data-testid="unlock"]`)
			p.WaitJS(`document.querySelector('[data-testid="lock-error"]')?.textContent.trim()`, defaultWait)
			if tc.lang == "en" && !strings.Contains(p.Text(`[data-testid="lock-error"]`), "passphrase is not right") {
				t.Errorf("a wrong passphrase says %q", p.Text(`[data-testid="lock-error"]`))
			}
			p.WaitJS(`!document.querySelector('[data-testid="unlock"]').disabled || !document.querySelector('[data-testid="passphrase"]').value`, defaultWait)
			if s := Eval[string](p, `document.querySelector('[data-testid="lock-doing"]')?.textContent.trim() ?? 'GONE'`); s != "" {
				t.Errorf("after a wrong passphrase the status says %q", s)
			}

			p.Fill(`[data-testid="passphrase"]`, TestPassphrase)
			recordSteps(p, `true`)
			p.Click(`[data-testid="unlock"]`)
			p.WaitJS(`document.querySelector('[data-ready][data-state="open"]')`, defaultWait)
			p.WaitText(`.sidebar [data-area="settings"]`, tc.open)
			checkSteps(t, p, "unlock", tc.lang, tc.key, tc.read)
		})
	}
}

// checkQuietStatus checks that the screen's progress ([data-testid=lock-doing]
// of the create or unlock screen, named by what) is a live status region
// that says nothing before anything is done.
func checkQuietStatus(t *testing.T, p *Page, what string) {
	t.Helper()
	status := Eval[[]string](p, `(() => { const e = document.querySelector('[data-testid="lock-doing"]');
	  return e ? [e.getAttribute('role') ?? '', e.getAttribute('aria-live') ?? '', e.textContent.trim()] : ['', '', ''] })()`)
	if status[0] != "status" || status[1] != "polite" {
		t.Errorf("the %s screen's progress is not a live status region (role %q, aria-live %q)", what, status[0], status[1])
	}
	if status[2] != "" {
		t.Errorf("the status says %q before anything is done", status[2])
	}
}

// recordSteps installs, before the click that starts the work, a
// MutationObserver that records into window.__seen every text the progress
// status shows ("NOT HELD: " first when the JavaScript expression held,
// saying the buttons are held, is false), then "OPEN" once the register is open.
func recordSteps(p *Page, held string) {
	p.T.Helper()
	Eval[bool](p, `(() => { window.__seen = [];
	  const note = () => {
	    if (window.__seen.at(-1) === 'OPEN') return;
	    if (document.querySelector('[data-ready][data-state="open"]')) { window.__seen.push('OPEN'); return; }
	    const t = document.querySelector('[data-testid="lock-doing"]')?.textContent.trim();
	    const held = `+held+`;
	    if (t && window.__seen.at(-1) !== t) window.__seen.push(held ? t : 'NOT HELD: ' + t);
	  };
	  new MutationObserver(note).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
	  return true })()`)
}

// checkSteps checks what recordSteps saw on the create or unlock screen
// (what): the register opened after at least two distinct steps, each in
// lang, with the buttons held, and a step starting first came before one
// starting then.
func checkSteps(t *testing.T, p *Page, what, lang, first, then string) {
	t.Helper()
	seen := Eval[[]string](p, `window.__seen`)
	t.Logf("the %s screen said: %q", what, seen)
	if len(seen) == 0 || seen[len(seen)-1] != "OPEN" {
		t.Fatalf("the register never opened after the steps: %q", seen)
	}
	steps := seen[:len(seen)-1]
	distinct := map[string]bool{}
	for _, s := range steps {
		distinct[s] = true
		if strings.HasPrefix(s, "NOT HELD") {
			t.Errorf("the buttons could be pressed again during the work: %q", s)
		}
		if chinese := strings.ContainsFunc(s, func(r rune) bool { return r >= 0x4e00 && r <= 0x9fff }); chinese != (lang != "en") ||
			lang != "en" && strings.ContainsAny(s, "abcdefghijklmnopqrstuvwxyz") {
			t.Errorf("a step in the wrong language: %q", s)
		}
	}
	if len(distinct) < 2 {
		t.Fatalf("the %s screen showed %d distinct steps before the register opened, want at least 2: %q", what, len(distinct), steps)
	}
	fi, ti := -1, -1
	for i, s := range steps {
		if strings.HasPrefix(s, first) && fi < 0 {
			fi = i
		}
		if strings.HasPrefix(s, then) && ti < 0 {
			ti = i
		}
	}
	if fi < 0 || ti < 0 || fi > ti {
		t.Errorf("want the step %q and then the step %q; the screen said %q", first, then, steps)
	}
}
