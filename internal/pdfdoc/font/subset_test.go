package font_test

import (
	"reflect"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	atpfont "atpreg/internal/pdfdoc/font"
)

func mustParse(t *testing.T, b []byte) *sfnt.Font {
	t.Helper()
	f, err := sfnt.Parse(b)
	if err != nil {
		t.Fatalf("sfnt.Parse: %v", err)
	}
	return f
}

// TestSubsetKeepsGlyphs checks that every rune of the subset keeps its
// outline and advance width, and that other runes are gone.
func TestSubsetKeepsGlyphs(t *testing.T) {
	in := []rune("Aé香港科學園 嘅咗啲喺 □—0123456789😀香")
	sub := atpfont.Subset(in)
	full := mustParse(t, atpfont.Bytes())
	part := mustParse(t, sub)
	distinct := map[rune]bool{}
	for _, r := range in {
		if atpfont.Covers(r) {
			distinct[r] = true
		}
	}
	// Most CJK glyphs of this font are composites: their components must come
	// along (so more glyphs than runes), and nothing else (so not many more).
	if n := part.NumGlyphs(); n <= len(distinct)+1 || n > 3*len(distinct) {
		t.Errorf("subset has %d glyphs for %d runes; want the runes' glyphs, their components and .notdef", n, len(distinct))
	}
	var bf, bp sfnt.Buffer
	ppem := fixed.I(1000)
	for _, r := range in {
		if !atpfont.Covers(r) {
			continue
		}
		gf, _ := full.GlyphIndex(&bf, r)
		gp, err := part.GlyphIndex(&bp, r)
		if err != nil || gp == 0 {
			t.Errorf("%q: missing from subset (err %v)", r, err)
			continue
		}
		af, _ := full.GlyphAdvance(&bf, gf, ppem, font.HintingNone)
		ap, _ := part.GlyphAdvance(&bp, gp, ppem, font.HintingNone)
		if af != ap {
			t.Errorf("%q: advance %v, want %v", r, ap, af)
		}
		sf, err1 := full.LoadGlyph(&bf, gf, ppem, nil)
		sp, err2 := part.LoadGlyph(&bp, gp, ppem, nil)
		if err1 != nil || err2 != nil {
			t.Errorf("%q: LoadGlyph: %v / %v", r, err1, err2)
			continue
		}
		if !reflect.DeepEqual([]sfnt.Segment(sf), []sfnt.Segment(sp)) {
			t.Errorf("%q: outline differs in the subset", r)
		}
	}
	for _, r := range "ZQ水" {
		if g, _ := part.GlyphIndex(&bp, r); g != 0 {
			t.Errorf("%q: present in subset though not asked for", r)
		}
	}
}

func TestSubsetIsReproducible(t *testing.T) {
	a := atpfont.Subset([]rune("香港 abc"))
	b := atpfont.Subset([]rune("cba 港香港"))
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same rune set, different bytes")
	}
}

func TestSubsetEmpty(t *testing.T) {
	part := mustParse(t, atpfont.Subset(nil))
	if part.NumGlyphs() != 1 {
		t.Fatalf("empty subset has %d glyphs, want 1 (.notdef)", part.NumGlyphs())
	}
}

func BenchmarkSubset(b *testing.B) {
	rs := []rune("Ocean Cell Therapeutics Limited 海洋細胞治療有限公司 CAR-T 自體 香港科學園 嘅咗啲喺 0123456789 Page of CONFIDENTIAL")
	atpfont.Subset(rs)
	for b.Loop() {
		atpfont.Subset(rs)
	}
}
