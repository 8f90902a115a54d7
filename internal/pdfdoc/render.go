package pdfdoc

import (
	"math"

	"codeberg.org/go-pdf/fpdf"
)

// renderer lays out a Doc's recorded content on one fpdf document.
type renderer struct {
	d      *Doc
	pdf    *fpdf.Fpdf
	size   float64
	widths map[rune]float64 // advance at size 1 pt, in mm
}

func (r *renderer) font(pt float64, c rgb) {
	r.size = pt
	r.pdf.SetFont(fontFamily, "", pt)
	setText(r.pdf, c)
}

// width returns the advance of one rune at the current size.
func (r *renderer) width(c rune) float64 {
	w, ok := r.widths[c]
	if !ok {
		r.pdf.SetFontSize(1)
		w = r.pdf.GetStringWidth(string(c))
		r.pdf.SetFontSize(r.size)
		r.widths[c] = w
	}
	return w * r.size
}

func (r *renderer) strWidth(s string) float64 {
	var w float64
	for _, c := range s {
		w += r.width(c)
	}
	return w
}

// lines wraps s to width w at the current size.
func (r *renderer) lines(s string, w float64) []string { return wrap(s, w, r.width) }

// fit returns s cut with "…" so it is no wider than w at the current size.
func (r *renderer) fit(s string, w float64) string {
	if r.strWidth(s) <= w {
		return s
	}
	rs := []rune(s)
	for len(rs) > 0 && r.strWidth(string(rs))+r.width('…') > w {
		rs = rs[:len(rs)-1]
	}
	return string(rs) + "…"
}

func (r *renderer) newPage() {
	r.pdf.AddPage()
	r.pdf.SetXY(marginLeft, marginTop)
}

func (r *renderer) y() float64 { return r.pdf.GetY() }

// room reports whether h millimetres fit below the current position.
func (r *renderer) room(h float64) bool { return r.y()+h <= contentEnd+1e-6 }

// ensure starts a new page unless h millimetres fit (or the page is still
// empty, where nothing would be gained).
func (r *renderer) ensure(h float64) {
	if !r.room(h) && r.y() > marginTop+1e-6 {
		r.newPage()
	}
}

// text writes s with its top-left corner at (x, y) in a box of height h.
func (r *renderer) text(x, y, w, h float64, s, align string) {
	r.pdf.SetXY(x, y)
	r.pdf.CellFormat(w, h, s, "", 0, align, false, 0, "")
}

func (r *renderer) header() {
	p := r.pdf
	setFill(p, colAccent)
	p.Rect(0, 0, pageW, 3, "F")
	p.SetFont(fontFamily, "", sizeSmall)
	setText(p, colAccent)
	r.size = sizeSmall
	p.SetXY(marginLeft, 8)
	p.CellFormat(40, 5, "CONFIDENTIAL", "", 0, "L", false, 0, "")
	setText(p, colMuted)
	p.SetXY(marginLeft+40, 8)
	p.CellFormat(contentW-40, 5, r.fit(r.d.title, contentW-42), "", 0, "R", false, 0, "")
	setDraw(p, colRule)
	p.SetLineWidth(0.2)
	p.Line(marginLeft, 14.5, pageW-marginRight, 14.5)
}

func (r *renderer) footer() {
	p := r.pdf
	setDraw(p, colRule)
	p.SetLineWidth(0.2)
	p.Line(marginLeft, pageH-14, pageW-marginRight, pageH-14)
	p.SetFont(fontFamily, "", sizeTiny)
	r.size = sizeTiny
	setText(p, colMuted)
	third := contentW / 3
	p.SetXY(marginLeft, pageH-13)
	p.CellFormat(third, 5, r.fit(r.d.docID, third), "", 0, "L", false, 0, "")
	p.SetXY(marginLeft+third, pageH-13)
	p.CellFormat(third, 5, r.fit(r.d.footMid, third), "", 0, "C", false, 0, "")
	p.SetXY(marginLeft+2*third, pageH-13)
	p.CellFormat(third, 5, "Page "+itoa(p.PageNo())+" of {nb}", "", 0, "R", false, 0, "")
	if r.d.mark != "" {
		r.watermark()
	}
}

// watermark draws the recipient line diagonally across the page, over the
// content, translucent so that it never hides what it crosses.
func (r *renderer) watermark() {
	p := r.pdf
	diag := math.Hypot(pageW, pageH) * 0.65
	size := 40.0
	r.size = 1
	p.SetFontSize(1)
	if w := r.strWidth(r.d.mark); w*size > diag {
		size = diag / w
	}
	p.SetFontSize(size)
	r.size = size
	w := r.strWidth(r.d.mark)
	angle := math.Atan2(pageH, pageW) * 180 / math.Pi
	p.TransformBegin()
	p.TransformRotate(angle, pageW/2, pageH/2)
	p.SetAlpha(0.22, "Normal")
	setText(p, colWatermark)
	// Text, not SetXY+Cell: SetXY reads a negative x as "from the right edge".
	p.Text(pageW/2-w/2, pageH/2+size*0.3528*0.35, r.d.mark)
	p.SetAlpha(1, "Normal")
	p.TransformEnd()
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}
