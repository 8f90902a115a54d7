package app_test

import (
	"errors"
	"strings"
	"testing"
	"unicode"

	"atpreg/app"
	"atpreg/internal/register"
)

// hasHan reports whether s holds Chinese characters.
func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// speak sets the window's language for the rest of the test (English again
// after it).
func speak(t *testing.T, s *app.Session, lang string) {
	t.Helper()
	if err := s.SetLanguage(lang); err != nil {
		t.Fatalf("SetLanguage(%q): %v", lang, err)
	}
	t.Cleanup(func() { _ = s.SetLanguage("en") })
}

// TestErrorsInTheWindowsLanguage: a real validation error (an entity with a
// bad email and a vector its product type does not take) and a not-found
// come back in Traditional Chinese after SetLanguage("zh-HK"), with the
// RFI's Chinese words for its labels, and in English again after
// SetLanguage("en").
func TestErrorsInTheWindowsLanguage(t *testing.T) {
	s := newTestSession(t, false)
	var r *app.RegisterService
	for _, b := range app.Bindings(s) {
		if x, ok := b.(*app.RegisterService); ok {
			r = x
		}
	}
	bad := fictionalEntity()
	bad.ContactEmail = "iris.kwan-at-moonfield"
	bad.Submissions[0].GeneVector = register.VectorViral

	speak(t, s, "zh-HK")
	w := decodeFail(t, errOf(r.Create(bad)))
	if w.Code != "invalid" || !strings.HasPrefix(w.Message, "未能儲存機構。共有 2 個問題；第一個：") {
		t.Errorf("zh-HK validation: code %q, message %q", w.Code, w.Message)
	}
	t.Logf("zh-HK: %s", w.Message)
	got := map[string]string{}
	for _, f := range w.Fields {
		got[f.Field] = f.Message
		t.Logf("zh-HK %s: %s", f.Field, f.Message)
	}
	if m := got["contact_email"]; !strings.Contains(m, "此項不是電郵地址：「iris.kwan-at-moonfield」") {
		t.Errorf("zh-HK contact_email problem: %q", m)
	}
	// the product type and the vector in the RFI's Chinese (register.LabelIn)
	if m := got["submissions[0].gene_vector"]; !strings.Contains(m, "（病毒載體）") || !strings.Contains(m, "此產品為細胞治療產品") {
		t.Errorf("zh-HK gene_vector problem: %q", m)
	}
	nf := decodeFail(t, errOf(r.Get(98765)))
	t.Logf("zh-HK not found: %s", nf.Message)
	if nf.Code != "notfound" || !hasHan(nf.Message) || !strings.Contains(nf.Message, "98765") || strings.Contains(nf.Message, "register") {
		t.Errorf("zh-HK not found: code %q, message %q", nf.Code, nf.Message)
	}
	if m := decodeFail(t, app.Fail(errors.New("no row for Moonfield"))).Message; !strings.HasPrefix(m, "atpreg 內部出現問題（*errors.errorString）") {
		t.Errorf("zh-HK internal error: %q", m)
	}

	speak(t, s, "en")
	w = decodeFail(t, errOf(r.Create(bad)))
	if !strings.HasPrefix(w.Message, "The entity cannot be saved. 2 problems; the first: ") || hasHan(w.Message) {
		t.Errorf("en validation: %q", w.Message)
	}
	for _, f := range w.Fields {
		if hasHan(f.Message) {
			t.Errorf("en field %s: %q", f.Field, f.Message)
		}
	}
	if !strings.Contains(w.Fields[len(w.Fields)-1].Message, "but this is a cell therapy product") {
		t.Errorf("en gene_vector problem: %q", w.Fields[len(w.Fields)-1].Message)
	}
	nf = decodeFail(t, errOf(r.Get(98765)))
	if nf.Code != "notfound" || hasHan(nf.Message) || !strings.Contains(nf.Message, "98765") {
		t.Errorf("en not found: %q", nf.Message)
	}
}

// TestSetLanguageRefusesOthers: only English and Traditional Chinese; the
// refusal says what to choose and changes nothing.
func TestSetLanguageRefusesOthers(t *testing.T) {
	s := newTestSession(t, false)
	speak(t, s, "zh-HK")
	for _, lang := range []string{"", "fr", "zh-CN", "EN"} {
		w := decodeFail(t, s.SetLanguage(lang))
		if w.Code != "invalid" || len(w.Fields) != 1 || w.Fields[0].Field != "lang" {
			t.Errorf("SetLanguage(%q) = %+v", lang, w)
		}
		// said in the language still in force
		if !strings.Contains(w.Message, "不是視窗的語言") {
			t.Errorf("SetLanguage(%q): %q, want it in Chinese still", lang, w.Message)
		}
	}
}

// TestPassphraseStrengthInTheWindowsLanguage: the meter's words follow the
// window's language.
func TestPassphraseStrengthInTheWindowsLanguage(t *testing.T) {
	s := newTestSession(t, false)
	if got := s.PassphraseStrength("short"); got.Label != "Too short" {
		t.Errorf("en: %+v", got)
	}
	speak(t, s, "zh-HK")
	if got := s.PassphraseStrength("short"); got.Label != "太短" || !hasHan(got.Hint) {
		t.Errorf("zh-HK: %+v", got)
	}
}
