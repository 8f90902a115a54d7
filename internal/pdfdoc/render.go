package pdfdoc

import (
	"math"
	"strings"

	"codeberg.org/go-pdf/fpdf"
)

// renderer lays out a Doc's recorded content on one fpdf document.
type renderer struct {
	d      *Doc
	pdf    *fpdf.Fpdf
	size   float64          // the size text is measured and drawn at, in points
	col    rgb              // the colour text is drawn in
	k      float64          // points per millimetre
	widths map[rune]float64 // advance at size 1 pt, in mm
}

// font sets the size and colour of the text measured and drawn next. It
// writes nothing to the page: fpdf puts every font change into the page
// content at once, so text applies it only when it draws (measuring alone
// once made 40% of the page content).
func (r *renderer) font(pt float64, c rgb) { r.size, r.col = pt, c }

// width returns the advance of one rune at the current size.
func (r *renderer) width(c rune) float64 {
	w, ok := r.widths[c]
	if !ok {
		w = float64(r.pdf.GetStringSymbolWidth(string(c))) * (1 / r.k) / 1000
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

// text writes s with its top-left corner at (x, y) in a box of height h, in
// the current size and colour.
func (r *renderer) text(x, y, w, h float64, s, align string) {
	r.apply()
	r.pdf.SetXY(x, y)
	r.pdf.CellFormat(w, h, s, "", 0, align, false, 0, "")
}

// apply brings fpdf's font size and text colour to the current ones (fpdf
// skips a SetFont that changes nothing).
func (r *renderer) apply() {
	r.pdf.SetFont(fontFamily, "", r.size)
	setText(r.pdf, r.col)
}

// keep returns a function that restores the current size and colour, for
// the header and footer, which fpdf runs in the middle of the content.
func (r *renderer) keep() func() {
	size, col := r.size, r.col
	return func() { r.size, r.col = size, col }
}

func (r *renderer) header() {
	defer r.keep()()
	p := r.pdf
	setFill(p, colAccent)
	p.Rect(0, 0, pageW, 3, "F")
	r.font(sizeSmall, colAccent)
	r.text(marginLeft, 8, 40, 5, r.d.words.confidential, "L")
	r.font(sizeSmall, colMuted)
	r.text(marginLeft+40, 8, contentW-40, 5, r.fit(r.d.title, contentW-42), "R")
	setDraw(p, colRule)
	p.SetLineWidth(0.2)
	p.Line(marginLeft, 14.5, pageW-marginRight, 14.5)
}

func (r *renderer) footer() {
	defer r.keep()()
	p := r.pdf
	setDraw(p, colRule)
	p.SetLineWidth(0.2)
	p.Line(marginLeft, pageH-14, pageW-marginRight, pageH-14)
	r.font(sizeTiny, colMuted)
	page := strings.Replace(r.d.words.page, "%s", itoa(p.PageNo()), 1)
	third := contentW / 3
	idW := min(r.strWidth(r.d.docID)+1, third)
	pageNoW := r.strWidth(r.d.words.pageWidest) + 1
	r.text(marginLeft, pageH-13, idW, 5, r.fit(r.d.docID, idW), "L")
	r.text(pageW-marginRight-pageNoW, pageH-13, pageNoW, 5, page, "R")
	// The recipient and copy, whole: one line at the footer's size when it
	// fits between the id and the page number, else up to two lines at the
	// largest size that fits (down to 4.5 pt), centred.
	midX := marginLeft + idW + 2
	midW := contentW - idW - pageNoW - 4
	size, lines := footerLines(r, r.d.footMid, midW)
	r.font(size, colMuted)
	lh := lineHeight(size) * 0.9
	y := pageH - 13
	if len(lines) == 1 {
		lh = 5
	}
	for i, l := range lines {
		r.text(midX, y+float64(i)*lh, midW, lh, l, "C")
	}
	if r.d.mark != "" {
		r.watermark()
	}
}

// footerLines wraps the footer's middle text to at most two lines of width
// w, at the largest size from the footer's own down to 4.5 pt that holds it
// whole; only text no size holds is cut (a recipient of over 200 wide
// characters).
func footerLines(r *renderer, s string, w float64) (float64, []string) {
	r.font(sizeTiny, colMuted)
	if r.strWidth(s) <= w {
		return sizeTiny, []string{s}
	}
	for size := sizeTiny; size >= 4.5; size -= 0.5 {
		r.font(size, colMuted)
		if ls := r.lines(s, w); len(ls) <= 2 {
			return size, ls
		}
	}
	ls := r.lines(s, w)
	ls[1] = r.fit(ls[1]+" "+strings.Join(ls[2:], " "), w)
	return 4.5, ls[:2]
}

// watermark draws the recipient line diagonally across the page, over the
// content, translucent so that it never hides what it crosses.
func (r *renderer) watermark() {
	p := r.pdf
	diag := math.Hypot(pageW, pageH) * 0.65
	size := 40.0
	r.font(1, colWatermark)
	if w := r.strWidth(r.d.mark); w*size > diag {
		size = diag / w
	}
	r.font(size, colWatermark)
	w := r.strWidth(r.d.mark)
	angle := math.Atan2(pageH, pageW) * 180 / math.Pi
	p.TransformBegin()
	p.TransformRotate(angle, pageW/2, pageH/2)
	p.SetAlpha(0.22, "Normal")
	r.apply()
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
