package pdfdoc

import "strings"

// LetterheadInfo is the top of a letter: who writes (the organisation's
// names and address, left), and the letter's date and reference (right).
type LetterheadInfo struct {
	Names   []string    // the organisation's name, one a line (e.g. Chinese and English)
	Address string      // the organisation's address, lines separated by "\n"
	Lines   [][2]string // label/value pairs on the right, e.g. {"Date", "3 March 2026"}
}

const sizeLetter = 10.5 // a letter's body text, in points

// Letterhead writes the organisation's names in the accent colour with its
// address below them, the date and reference lines on the right, and a rule
// under both. It belongs at the top of a letter's first page.
func (d *Doc) Letterhead(l LetterheadInfo) {
	names := make([]string, 0, len(l.Names))
	for _, n := range l.Names {
		if n = strings.TrimSpace(n); n != "" {
			names = append(names, d.text("letterhead", n))
		}
	}
	addr := d.text("letterhead address", strings.TrimSpace(l.Address))
	lines := make([][2]string, len(l.Lines))
	for i, kv := range l.Lines {
		lines[i] = [2]string{d.text("letterhead", kv[0]), d.text("letterhead / "+kv[0], kv[1])}
	}
	d.add(func(r *renderer) {
		p := r.pdf
		top := r.y()
		leftW := contentW * 0.6
		y := top
		r.font(13, colAccent)
		for _, n := range names {
			for _, ln := range r.lines(n, leftW) {
				r.text(marginLeft, y, leftW, lineHeight(13), ln, "L")
				y += lineHeight(13)
			}
		}
		if addr != "" {
			y += 1
			r.font(sizeSmall, colMuted)
			for _, ln := range r.lines(addr, leftW) {
				r.text(marginLeft, y, leftW, lineHeight(sizeSmall), ln, "L")
				y += lineHeight(sizeSmall)
			}
		}
		ry := top + 1
		rightX := marginLeft + leftW + 4
		rightW := contentW - leftW - 4
		for _, kv := range lines {
			r.font(sizeSmall, colMuted)
			r.text(rightX, ry, rightW, lineHeight(sizeSmall), kv[0], "R")
			ry += lineHeight(sizeSmall)
			r.font(sizeBody, colInk)
			for _, ln := range r.lines(kv[1], rightW) {
				r.text(rightX, ry, rightW, lineHeight(sizeBody), ln, "R")
				ry += lineHeight(sizeBody)
			}
			ry += 1
		}
		y = max(y, ry) + 3
		setDraw(p, colAccent)
		p.SetLineWidth(0.35)
		p.Line(marginLeft, y, marginLeft+contentW, y)
		p.SetXY(marginLeft, y+8)
	})
}

// LetterText writes a letter's text in a size for reading: paragraphs
// separated by blank lines, single line breaks kept; it continues on the
// next page line by line.
func (d *Doc) LetterText(text string) {
	for _, para := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		if strings.TrimSpace(para) == "" {
			continue
		}
		d.para(d.text("", strings.Trim(para, "\n")), sizeLetter, colInk)
	}
}

// LetterSubject writes a letter's subject line in bold-looking accent type.
func (d *Doc) LetterSubject(text string) {
	t := d.text("subject", text)
	d.add(func(r *renderer) {
		r.font(sizeLetter+0.5, colAccent)
		for _, l := range r.lines(t, contentW) {
			r.flow([]cell{{x: marginLeft, w: contentW, lines: []string{l}, size: sizeLetter + 0.5, col: colAccent, align: "L"}},
				lineHeight(sizeLetter+0.5), 0, nil, false, nil, 0)
		}
		r.pdf.SetY(r.y() + 3)
	})
}
