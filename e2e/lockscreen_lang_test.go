//go:build e2e

package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestLockScreenLanguage: before any register is open, the start screen
// offers English and 繁體中文 itself; choosing Chinese turns the whole
// screen Chinese at once (no reload), is remembered for the next start and
// carries into the unlocked window, and English comes back the same way.
func TestLockScreenLanguage(t *testing.T) {
	p := NewPage(t, StartApp(t))
	p.WaitJS(`document.querySelector('[data-testid="lock-screen"]')?.dataset.state === 'absent'`, defaultWait)
	p.WaitText(`[data-testid="lock-screen"] h1`, "Create your register")
	if Eval[string](p, `document.querySelector('[data-testid="lock-lang-zh-HK"]').getAttribute('aria-pressed')`) != "false" {
		t.Fatal("繁體中文 is pressed in an English window")
	}

	p.Click(`[data-testid="lock-lang-zh-HK"]`)
	p.WaitText(`[data-testid="lock-screen"] h1`, "建立你的登記冊")
	if lang := Eval[string](p, `document.documentElement.lang`); lang != "zh-HK" {
		t.Fatalf("<html lang> is %q after choosing Chinese", lang)
	}
	text := p.Text(`[data-testid="lock-screen"]`)
	for _, want := range []string{"密碼短語", "再輸入一次", "建立空白登記冊", "改為開啟示範登記冊", "從備份還原…", "機密"} {
		if !strings.Contains(text, want) {
			t.Errorf("the Chinese start screen lacks %q:\n%s", want, text)
		}
	}
	for _, english := range []string{"Passphrase", "Type it again", "Create empty register", "Restore from a backup", "CONFIDENTIAL"} {
		if strings.Contains(text, english) {
			t.Errorf("the Chinese start screen still says %q", english)
		}
	}

	// Remembered: a reload (as after locking) starts in Chinese.
	p.Do(chromedp.Reload())
	p.WaitText(`[data-testid="lock-screen"] h1`, "建立你的登記冊")
	p.Fill(`[data-testid="passphrase"]`, TestPassphrase)
	p.Fill(`[data-testid="confirm"]`, TestPassphrase)
	p.Click(`[data-testid="create"]`)
	p.WaitJS(`document.querySelector('[data-ready][data-state="open"]')`, defaultWait)
	p.WaitText(`.sidebar [data-area="settings"]`, "設定")
	p.WaitText(`[data-testid="lock-now"]`, "鎖定")

	// Locked again, English is one click away and stays.
	p.Click(`[data-testid="lock-now"]`)
	p.WaitJS(`document.querySelector('[data-testid="lock-screen"]')?.dataset.state === 'locked'`, defaultWait)
	p.WaitText(`[data-testid="lock-screen"] h1`, "解鎖登記冊")
	p.Click(`[data-testid="lock-lang-en"]`)
	p.WaitText(`[data-testid="lock-screen"] h1`, "Unlock the register")
	p.WaitText(`[data-testid="unlock"]`, "Unlock")
	if Eval[string](p, `document.querySelector('[data-testid="lock-lang-en"]').getAttribute('aria-pressed')`) != "true" {
		t.Fatal("English is not shown as chosen")
	}
}
