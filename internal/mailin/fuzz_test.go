package mailin_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"atpreg/internal/apperr"
	"atpreg/internal/mailin"
)

// fuzzLimits keep each fuzz run cheap; the limits themselves are what is
// checked.
var fuzzLimits = mailin.Limits{MaxBytes: 1 << 20, MaxDepth: 4, MaxParts: 60, MaxDecoded: 2 << 20}

// checkRead reads data and checks what any input must give: no panic, an
// apperr.Invalid error or a message within the limits whose text is UTF-8.
func checkRead(t *testing.T, read func(string, []byte) (*mailin.Message, error), data []byte) {
	m, err := read("fuzz", data)
	if err != nil {
		var ae *apperr.Error
		if !errors.As(err, &ae) || ae.Code != apperr.Invalid || ae.Message == "" {
			t.Fatalf("error %T %q is not an apperr.Invalid for a person", err, err)
		}
		return
	}
	parts := 0
	var walk func(m *mailin.Message, depth int)
	walk = func(m *mailin.Message, depth int) {
		if depth > fuzzLimits.MaxDepth {
			t.Fatalf("an email %d levels deep, past the limit of %d", depth, fuzzLimits.MaxDepth)
		}
		for _, s := range []string{m.Subject, m.Text, m.MessageID} {
			if !utf8.ValidString(s) {
				t.Fatalf("not UTF-8: %q", s)
			}
		}
		for _, list := range [][]mailin.Address{m.From, m.To, m.Cc} {
			for _, a := range list {
				if !utf8.ValidString(a.Name) || !utf8.ValidString(a.Email) {
					t.Fatalf("address not UTF-8: %q", a)
				}
			}
		}
		for _, a := range m.Attachments {
			parts++
			if a.Name == "" || !utf8.ValidString(a.Name) {
				t.Fatalf("attachment name %q", a.Name)
			}
			if a.Message != nil {
				walk(a.Message, depth+1)
			}
		}
	}
	walk(m, 0)
	if parts > fuzzLimits.MaxParts {
		t.Fatalf("%d attachments, past the limit of %d parts", parts, fuzzLimits.MaxParts)
	}
}

func msgFixtures(tb testing.TB) [][]byte {
	paths, err := filepath.Glob("../outlookmsg/testdata/*.msg")
	if err != nil || len(paths) == 0 {
		tb.Fatalf("no .msg fixtures (%v)", err)
	}
	var out [][]byte
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

func FuzzReadEML(f *testing.F) {
	for _, mk := range []func(testing.TB) string{hkBig5, gbMail, filenames, forwarded, outlookStyle, latinJapanese, raw8bit} {
		f.Add([]byte(mk(f)))
	}
	f.Add([]byte(htmlOnly()))
	f.Add([]byte(nest(1, nest(2, deepest()))))
	f.Add([]byte(mbox()))
	f.Add([]byte(manyParts(5)))
	f.Add([]byte(deepMIME(5)))
	f.Fuzz(func(t *testing.T, data []byte) { checkRead(t, fuzzLimits.ReadEML, data) })
}

func FuzzReadMSG(f *testing.F) {
	for _, b := range msgFixtures(f) {
		f.Add(b)
	}
	for _, b := range syntheticMSGs(f) {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkRead(t, fuzzLimits.ReadMSG, data) })
}
