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
//
// A run of superscript or subscript digits and signs with one the font lacks
// (it has only ¹²³⁴ and ₁₂₃₄) is spelled out, not replaced: "10⁶ cells" gives
// "10^6 cells", "10⁻⁵" gives "10^-5", "C₁₀" gives "C_10". Compositions and
// doses are written so, and a box would lose the exponent.
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
		if mark, _ := script(r); mark != 0 {
			w = spellScript(&b, s[i:], mark)
			continue
		}
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

// script returns, for a superscript or subscript digit or sign, the mark
// that introduces its spelled-out form ('^' or '_') and the plain character;
// 0, 0 for any other rune.
func script(r rune) (mark, plain rune) {
	switch {
	case r == '¹':
		return '^', '1'
	case r == '²' || r == '³':
		return '^', '2' + r - '²'
	case r == '⁰' || (r >= '⁴' && r <= '⁹'):
		return '^', '0' + r - '⁰'
	case r >= '₀' && r <= '₉':
		return '_', '0' + r - '₀'
	}
	if i := strings.IndexRune("⁺⁻⁼⁽⁾", r); i >= 0 {
		return '^', rune("+-=()"[i/3])
	}
	if i := strings.IndexRune("₊₋₌₍₎", r); i >= 0 {
		return '_', rune("+-=()"[i/3])
	}
	return 0, 0
}

// spellScript writes the run of script characters of one kind (mark) at the
// start of s to b: as they are when the font has them all, else as mark and
// the plain characters. It returns the bytes of s consumed.
func spellScript(b *strings.Builder, s string, mark rune) int {
	n, all := 0, true
	for _, r := range s {
		if m, _ := script(r); m != mark {
			break
		}
		all = all && covered(r)
		n += utf8.RuneLen(r)
	}
	if all {
		b.WriteString(s[:n])
		return n
	}
	b.WriteRune(mark)
	for _, r := range s[:n] {
		_, plain := script(r)
		b.WriteRune(plain)
	}
	return n
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
