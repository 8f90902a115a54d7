// Package font embeds the typeface of the briefing packs, WenQuanYi Micro Hei
// (Apache-2.0, see THIRD_PARTY/wqy-microhei), and says which characters it can
// draw. Text bound for a PDF goes through Sanitize first: fpdf cannot encode
// runes above U+FFFF, and a rune without a glyph would print as nothing.
package font

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/image/font/sfnt"
)

//go:embed wqy-microhei.ttf
var ttf []byte

// Family is the family name under which packs register the font.
const Family = "WenQuanYi Micro Hei"

// Bytes returns the embedded TrueType font. The slice is shared: callers must
// not modify it.
func Bytes() []byte { return ttf }

var (
	once        sync.Once
	glyphOf     [0x10000]uint16 // glyph id of each BMP rune, 0 when the font has none
	replacement rune
	index       *fontIndex // tables and glyph offsets, for Subset
)

func load() {
	f, err := sfnt.Parse(ttf)
	if err != nil {
		// The font is embedded and tested; a parse failure is a build defect.
		panic("font: embedded font does not parse: " + err.Error())
	}
	var buf sfnt.Buffer
	for r := rune(0); r < 0x10000; r++ {
		if gi, err := f.GlyphIndex(&buf, r); err == nil {
			glyphOf[r] = uint16(gi)
		}
	}
	replacement = '?'
	if covered('□') {
		replacement = '□'
	}
	if index, err = parseIndex(ttf); err != nil {
		panic("font: embedded font: " + err.Error())
	}
}

func covered(r rune) bool {
	return r >= 0 && r < 0x10000 && glyphOf[r] != 0
}

// Covers reports whether the font has a glyph for r. Runes above U+FFFF are
// never covered (the PDF writer cannot encode them). The font is parsed once
// per process, on first use.
func Covers(r rune) bool {
	once.Do(load)
	return covered(r)
}

// Replacement returns the visible character Sanitize puts in place of a rune
// the font cannot draw: "□" (U+25A1) when the font has it, else "?".
func Replacement() rune {
	once.Do(load)
	return replacement
}

// Sanitize returns s made printable with the font: runes above U+FFFF (emoji,
// CJK Extension B), invalid UTF-8 and runes without a glyph become the visible
// Replacement; newlines and tabs are kept; other control characters, format
// characters (such as zero-width joiners) and variation selectors are dropped.
// replaced lists each replaced rune once, in order of first appearance
// (utf8.RuneError stands for invalid UTF-8); it is nil when nothing was
// replaced.
func Sanitize(s string) (out string, replaced []rune) {
	once.Do(load)
	clean := true
	for _, r := range s {
		if !keep(r) {
			clean = false
			break
		}
	}
	if clean {
		return s, nil
	}
	var b strings.Builder
	b.Grow(len(s))
	for i, w := 0, 0; i < len(s); i += w {
		var r rune
		r, w = utf8.DecodeRuneInString(s[i:])
		switch {
		case keep(r):
			b.WriteRune(r)
		case drop(r):
		default:
			b.WriteRune(replacement)
			if !containsRune(replaced, r) {
				replaced = append(replaced, r)
			}
		}
	}
	return b.String(), replaced
}

// keep reports whether r passes through Sanitize unchanged.
func keep(r rune) bool {
	if r == '\n' || r == '\t' {
		return true
	}
	if r == utf8.RuneError || unicode.IsControl(r) || drop(r) {
		return false
	}
	return covered(r)
}

// drop reports whether r is silently removed: invisible characters that carry
// nothing a reader would miss.
func drop(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case unicode.IsControl(r):
		return true
	case r >= 0xFE00 && r <= 0xFE0F, r >= 0xE0100 && r <= 0xE01EF: // variation selectors
		return true
	case unicode.Is(unicode.Cf, r): // ZWJ, BOM, bidi marks, soft hyphen...
		return true
	}
	return false
}

func containsRune(rs []rune, r rune) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}
