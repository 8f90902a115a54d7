package pdfdoc

import (
	"math"

	"codeberg.org/go-pdf/fpdf"
)

const fontFamily = "wqy"

// Page geometry in millimetres (A4 portrait).
const (
	pageW        = 210.0
	pageH        = 297.0
	marginLeft   = 20.0
	marginRight  = 20.0
	marginTop    = 24.0 // content starts below the header band
	marginBottom = 20.0 // content ends above the footer
	contentW     = pageW - marginLeft - marginRight
	contentEnd   = pageH - marginBottom
)

// Type scale in points.
const (
	sizeCover    = 24.0
	sizeCoverSub = 13.0
	sizeH1       = 15.0
	sizeH2       = 11.5
	sizeBody     = 9.5
	sizeSmall    = 8.0
	sizeTiny     = 7.0
)

// lineHeight is the leading for a font size in points, in millimetres.
func lineHeight(pt float64) float64 { return pt * 0.3528 * 1.4 }

type rgb struct{ r, g, b int }

// The palette: one accent (the app's navy), neutral greys, and status colours
// used only where they carry meaning.
var (
	colAccent     = rgb{0x2f, 0x5d, 0x8a}
	colAccentTint = rgb{0xe8, 0xee, 0xf5}
	colInk        = rgb{0x21, 0x25, 0x29}
	colMuted      = rgb{0x6c, 0x75, 0x7d}
	colRule       = rgb{0xce, 0xd4, 0xda}
	colZebra      = rgb{0xf5, 0xf7, 0xf9}
	colTrack      = rgb{0xe9, 0xec, 0xef}
	colWatermark  = rgb{0x9a, 0xa0, 0xa6}
	colGood       = rgb{0x2e, 0x7d, 0x32}
	colCaution    = rgb{0xb2, 0x6a, 0x00}
	colRisk       = rgb{0xb0, 0x2a, 0x2a}
	// seriesPalette colours the series of a stacked chart: accent shades, then greys.
	seriesPalette = []rgb{
		{0x2f, 0x5d, 0x8a}, {0x7f, 0xa3, 0xc7}, {0x1b, 0x36, 0x52},
		{0xb8, 0xcc, 0xe0}, {0x86, 0x8e, 0x96}, {0xc9, 0xce, 0xd3},
	}
)

// Tone gives a bar a colour that means something; ToneNeutral (the accent) is
// the default.
type Tone int

// The tones of a bar.
const (
	ToneNeutral Tone = iota // no judgement: the accent colour
	ToneGood                // meets expectations: green
	ToneCaution             // needs attention: amber
	ToneRisk                // falls short: red
)

func (t Tone) colour() rgb {
	switch t {
	case ToneGood:
		return colGood
	case ToneCaution:
		return colCaution
	case ToneRisk:
		return colRisk
	}
	return colAccent
}

func setText(p *fpdf.Fpdf, c rgb) { p.SetTextColor(c.r, c.g, c.b) }
func setFill(p *fpdf.Fpdf, c rgb) { p.SetFillColor(c.r, c.g, c.b) }
func setDraw(p *fpdf.Fpdf, c rgb) { p.SetDrawColor(c.r, c.g, c.b) }

// niceStep returns a round axis step (1, 2 or 5 times a power of ten) giving
// about n intervals up to max.
func niceStep(max float64, n int) float64 {
	if max <= 0 {
		return 1
	}
	raw := max / float64(n)
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if raw <= m*p {
			return m * p
		}
	}
	return 10 * p
}
