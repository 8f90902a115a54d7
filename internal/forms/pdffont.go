package forms

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"strings"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	cjk "atpreg/internal/pdfdoc/font"
)

// fieldFont is the typeface of the fields' values: the whole WenQuanYi
// Micro Hei, embedded once in the form's /AcroForm /DR as a composite
// (Type0, Identity-H) font. It is the font of every text field's /DA, so a
// viewer that draws a value itself (on typing, or because NeedAppearances is
// set) finds every Traditional Chinese character in it, not only those of the
// pre-filled values. It costs about 2.1 MB in every PDF form.
type fieldFont struct {
	name      string // PostScript name
	upem      int
	ascent    int // in 1/1000 of the font size
	descent   int // negative
	capHeight int
	bbox      [4]int
	gid       map[rune]uint16 // BMP runes the font covers
	adv       []int           // advance of each glyph, in 1/1000 of the font size
	file      []byte          // the TrueType file, zlib-compressed
	fileLen   int             // its uncompressed length
	widths    string          // the CIDFont's /W array
	toUnicode []byte          // the ToUnicode CMap, zlib-compressed
}

var (
	ffOnce sync.Once
	ff     *fieldFont
	ffErr  error
)

// loadFieldFont parses and compresses the font once per process (about
// 0.3 s; the result is about 2.3 MB of memory).
func loadFieldFont() (*fieldFont, error) {
	ffOnce.Do(func() { ff, ffErr = buildFieldFont(cjk.Bytes()) })
	return ff, ffErr
}

func buildFieldFont(ttf []byte) (*fieldFont, error) {
	f, err := sfnt.Parse(ttf)
	if err != nil {
		return nil, fmt.Errorf("forms: field font: %w", err)
	}
	var buf sfnt.Buffer
	x := &fieldFont{upem: int(f.UnitsPerEm()), gid: make(map[rune]uint16, 30000)}
	x.name, _ = f.Name(&buf, sfnt.NameIDPostScript)
	if x.name == "" {
		x.name = "WenQuanYiMicroHei"
	}
	x.name = strings.Map(func(r rune) rune {
		if r <= ' ' || r > '~' || strings.ContainsRune("()<>[]{}/%#", r) {
			return -1
		}
		return r
	}, x.name)
	ppem := fixed.I(x.upem)
	scale := func(v fixed.Int26_6) int { return int(v) * 1000 / 64 / x.upem }
	m, err := f.Metrics(&buf, ppem, font.HintingNone)
	if err != nil {
		return nil, fmt.Errorf("forms: field font metrics: %w", err)
	}
	x.ascent, x.descent, x.capHeight = scale(m.Ascent), -scale(m.Descent), scale(m.CapHeight)
	if x.capHeight <= 0 {
		x.capHeight = x.ascent * 7 / 10
	}
	b, err := f.Bounds(&buf, ppem, font.HintingNone)
	if err != nil {
		return nil, fmt.Errorf("forms: field font bounds: %w", err)
	}
	// sfnt's bounds have y growing downwards.
	x.bbox = [4]int{scale(b.Min.X), -scale(b.Max.Y), scale(b.Max.X), -scale(b.Min.Y)}
	n := f.NumGlyphs()
	x.adv = make([]int, n)
	for g := range n {
		a, err := f.GlyphAdvance(&buf, sfnt.GlyphIndex(g), ppem, font.HintingNone)
		if err != nil {
			return nil, fmt.Errorf("forms: field font advance of glyph %d: %w", g, err)
		}
		x.adv[g] = scale(a)
	}
	uni := make([]rune, n) // glyph -> the first rune drawn with it
	for r := rune(0x20); r < 0x10000; r++ {
		if r >= 0xD800 && r < 0xE000 {
			continue
		}
		g, err := f.GlyphIndex(&buf, r)
		if err != nil || g == 0 || int(g) >= n {
			continue
		}
		x.gid[r] = uint16(g)
		if uni[g] == 0 {
			uni[g] = r
		}
	}
	x.widths = widthsArray(x.adv)
	x.toUnicode = deflate(toUnicodeCMap(uni))
	x.file, x.fileLen = deflate(ttf), len(ttf)
	return x, nil
}

// deflate returns b zlib-compressed (FlateDecode).
func deflate(b []byte) []byte {
	var out bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&out, zlib.BestCompression) // a valid level: never fails
	zw.Write(b)
	zw.Close()
	return out.Bytes()
}

// widthsArray writes the /W array: runs of glyphs of equal width as
// "first last w", others as "first [w w ...]".
func widthsArray(adv []int) string {
	var b strings.Builder
	b.WriteByte('[')
	for i := 0; i < len(adv); {
		j := i
		for j+1 < len(adv) && adv[j+1] == adv[i] {
			j++
		}
		if j-i >= 2 {
			fmt.Fprintf(&b, "%d %d %d\n", i, j, adv[i])
			i = j + 1
			continue
		}
		// a list of differing widths up to the next run of three
		fmt.Fprintf(&b, "%d [", i)
		k := i
		for k < len(adv) && !(k+2 < len(adv) && adv[k] == adv[k+1] && adv[k] == adv[k+2]) {
			fmt.Fprintf(&b, "%d ", adv[k])
			k++
		}
		b.WriteString("]\n")
		i = k
	}
	b.WriteByte(']')
	return b.String()
}

// toUnicodeCMap maps each glyph (as a 2-byte CID, CIDToGIDMap Identity) to
// its rune, so copied text and text extraction give the characters back.
func toUnicodeCMap(uni []rune) []byte {
	var b bytes.Buffer
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	type rng struct {
		g0, g1 int
		r0     rune
	}
	var ranges []rng
	for g := 1; g < len(uni); g++ {
		if uni[g] == 0 {
			continue
		}
		if n := len(ranges); n > 0 {
			last := &ranges[n-1]
			// extend while glyph and rune both step by one within one low byte
			if g == last.g1+1 && uni[g] == last.r0+rune(g-last.g0) && g>>8 == last.g0>>8 && uni[g]>>8 == last.r0>>8 {
				last.g1 = g
				continue
			}
		}
		ranges = append(ranges, rng{g, g, uni[g]})
	}
	for i := 0; i < len(ranges); i += 100 {
		chunk := ranges[i:min(i+100, len(ranges))]
		fmt.Fprintf(&b, "%d beginbfrange\n", len(chunk))
		for _, r := range chunk {
			fmt.Fprintf(&b, "<%04X> <%04X> <%04X>\n", r.g0, r.g1, r.r0)
		}
		b.WriteString("endbfrange\n")
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	return b.Bytes()
}

// shown returns s as the field font can draw it: runes it lacks become the
// replacement box (font.Sanitize), line breaks kept.
func shown(s string) string {
	out, _ := cjk.Sanitize(s)
	return out
}

// width returns the width of s at size pt, in points.
func (x *fieldFont) width(s string, pt float64) float64 {
	w := 0
	for _, r := range s {
		w += x.adv[x.gid[r]]
	}
	return float64(w) * pt / 1000
}

// hex returns s as the 2-byte glyph codes of a hex string for Tj.
func (x *fieldFont) hex(s string) string {
	var b strings.Builder
	b.WriteByte('<')
	for _, r := range s {
		fmt.Fprintf(&b, "%04X", x.gid[r])
	}
	b.WriteByte('>')
	return b.String()
}

// wrapField breaks s into lines no wider than w points at size pt: at line
// breaks, then between words, and inside a word (or between Chinese
// characters) when it alone is too wide.
func (x *fieldFont) wrapField(s string, w, pt float64) []string {
	var out []string
	for _, para := range strings.Split(s, "\n") {
		line := ""
		flush := func() { out = append(out, line); line = "" }
		for _, word := range splitWords(para) {
			if x.width(line+word, pt) <= w {
				line += word
				continue
			}
			if line != "" && strings.TrimSpace(line) != "" {
				flush()
				word = strings.TrimLeft(word, " ")
			}
			for _, r := range word {
				if line != "" && x.width(line+string(r), pt) > w {
					flush()
				}
				line += string(r)
			}
		}
		flush()
	}
	return out
}

// splitWords splits s before each space and around each wide (CJK)
// character, so lines break between words or between Chinese characters.
func splitWords(s string) []string {
	var out []string
	cur := ""
	for _, r := range s {
		wide := r >= 0x2E80
		if r == ' ' || wide {
			if cur != "" {
				out = append(out, cur)
			}
			cur = string(r)
			if wide {
				out = append(out, cur)
				cur = ""
			}
			continue
		}
		cur += string(r)
	}
	if cur != "" {
		out = append(out, cur)
	}
	return out
}
