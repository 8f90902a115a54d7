package font_test

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"atpreg/internal/pdfdoc/font"
)

func TestCovers(t *testing.T) {
	tests := []struct {
		r    rune
		want bool
	}{
		{'A', true},
		{'é', true},
		{'香', true},
		{'嘅', true},
		{'咗', true},
		{'啲', true},
		{'喺', true},
		{'□', true},
		{'😀', false},     // above U+FFFF
		{0x20000, false}, // CJK Extension B
		{0xE000, false},  // private use
		{-1, false},
	}
	for _, tc := range tests {
		if got := font.Covers(tc.r); got != tc.want {
			t.Errorf("Covers(%U) = %v, want %v", tc.r, got, tc.want)
		}
	}
}

func TestSanitize(t *testing.T) {
	rep := string(font.Replacement())
	tests := []struct {
		name     string
		in       string
		want     string
		replaced []rune
	}{
		{"ASCII", "Hello, world", "Hello, world", nil},
		{"TraditionalChinese", "香港科學園 嘅咗啲喺", "香港科學園 嘅咗啲喺", nil},
		{"NewlineTab", "a\nb\tc", "a\nb\tc", nil},
		{"Emoji", "ok 😀 ok 😀", "ok " + rep + " ok " + rep, []rune{'😀'}},
		{"ExtensionB", "𠀀x", rep + "x", []rune{0x20000}},
		{"ControlDropped", "a\x00b\rc\x1b", "abc", nil},
		{"VariationSelectorDropped", "A\ufe0f", "A", nil},
		{"ZWJDropped", "a\u200db", "ab", nil},
		{"PrivateUse", "x\ue000", "x" + rep, []rune{0xE000}},
		{"InvalidUTF8", "a\xffb", "a" + rep + "b", []rune{utf8.RuneError}},
		{"OrderOfFirstAppearance", "😀🚀😀", rep + rep + rep, []rune{'😀', '🚀'}},
		{"SuperscriptSpelled", "1×10⁶ cells/kg", "1×10^6 cells/kg", nil},
		{"SuperscriptRunWithSign", "10⁻⁵ and 10⁷", "10^-5 and 10^7", nil},
		{"SuperscriptRunMixedCoverage", "10¹⁵", "10^15", nil},
		{"SuperscriptCoveredKept", "10² m² 😀", "10² m² " + rep, []rune{'😀'}},
		{"SubscriptSpelled", "C₁₀H₂O", "C_10H₂O", nil},
		{"SuperscriptThenSubscript", "x⁵₅", "x^5_5", nil},
		{"SuperscriptAtEnd", "10⁹", "10^9", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, replaced := font.Sanitize(tc.in)
			if got != tc.want {
				t.Errorf("Sanitize(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if !slices.Equal(replaced, tc.replaced) {
				t.Errorf("Sanitize(%q) replaced %q, want %q", tc.in, replaced, tc.replaced)
			}
		})
	}
}

func TestReplacementIsCovered(t *testing.T) {
	if r := font.Replacement(); r != '□' || !font.Covers(r) {
		t.Fatalf("Replacement() = %q; want a drawable □", r)
	}
}

func TestBytesIsTrueType(t *testing.T) {
	b := font.Bytes()
	if len(b) < 1<<20 || string(b[:4]) != "\x00\x01\x00\x00" {
		t.Fatalf("embedded font: %d bytes, header % x", len(b), b[:4])
	}
}

func BenchmarkSanitize(b *testing.B) {
	s := "Ocean Cell Therapeutics 海洋細胞治療 — CAR-T 自體 😀 2026 Q3"
	font.Covers('a')
	for b.Loop() {
		font.Sanitize(s)
	}
}

// FuzzSanitize checks that whatever comes in, what Sanitize returns is valid
// UTF-8 of runes the font can print (or newlines and tabs), and that it
// reports a replacement exactly when it put the replacement character in.
func FuzzSanitize(f *testing.F) {
	for _, s := range []string{"", "10⁻⁶ cells 😀", "C₁₀H₂O\t香港\n", "a\xff⁵", "⁽⁺⁾₍₋₎", "\u200d\ufe0f𠀀"} {
		f.Add(s)
	}
	rep := font.Replacement()
	f.Fuzz(func(t *testing.T, in string) {
		out, replaced := font.Sanitize(in)
		if !utf8.ValidString(out) {
			t.Fatalf("Sanitize(%q) = %q, not valid UTF-8", in, out)
		}
		for _, r := range out {
			if r != '\n' && r != '\t' && !font.Covers(r) {
				t.Fatalf("Sanitize(%q) = %q holds %U, which the font lacks", in, out, r)
			}
		}
		if !strings.ContainsRune(in, rep) && strings.ContainsRune(out, rep) != (len(replaced) > 0) {
			t.Fatalf("Sanitize(%q) = %q, replaced %q", in, out, replaced)
		}
	})
}
