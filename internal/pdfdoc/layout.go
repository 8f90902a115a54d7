package pdfdoc

import (
	"strconv"
)

// cell is one column of a row being flowed: its lines at one size and colour.
type cell struct {
	x, w  float64
	lines []string
	size  float64
	col   rgb
	align string
}

// flow draws a row of cells whose lines may continue across pages: a row that
// fits on a fresh page is moved there whole; a taller one is split between
// lines, so nothing ever runs past the bottom margin. repeat (optional) draws
// what goes above the continuation on each new page (a table's header) and
// repeatH is its height.
func (r *renderer) flow(cells []cell, lineH, pad float64, fill *rgb, rule bool, repeat func(), repeatH float64) {
	n := 1
	for _, c := range cells {
		n = max(n, len(c.lines))
	}
	fresh := contentEnd - marginTop - repeatH
	done, first := 0, true
	for done < n {
		full := float64(n-done)*lineH + 2*pad
		if r.room(full) {
			r.drawRows(cells, done, n, lineH, pad, fill, rule)
			return
		}
		fitLines := int((contentEnd - r.y() - 2*pad) / lineH)
		if (first && full <= fresh) || fitLines < 2 {
			r.newPage()
			if repeat != nil {
				repeat()
			}
			first = false
			continue
		}
		r.drawRows(cells, done, done+fitLines, lineH, pad, fill, rule)
		done += fitLines
		r.newPage()
		if repeat != nil {
			repeat()
		}
		first = false
	}
}

// drawRows draws lines [a, b) of the cells as one band at the current y.
func (r *renderer) drawRows(cells []cell, a, b int, lineH, pad float64, fill *rgb, rule bool) {
	p := r.pdf
	y := r.y()
	h := float64(b-a)*lineH + 2*pad
	if fill != nil {
		setFill(p, *fill)
		p.Rect(marginLeft, y, contentW, h, "F")
	}
	for _, c := range cells {
		r.font(c.size, c.col)
		for i := a; i < b && i < len(c.lines); i++ {
			r.text(c.x, y+pad+float64(i-a)*lineH, c.w, lineH, c.lines[i], c.align)
		}
	}
	if rule {
		setDraw(p, colRule)
		p.SetLineWidth(0.15)
		p.Line(marginLeft, y+h, marginLeft+contentW, y+h)
	}
	p.SetXY(marginLeft, y+h)
}

func (r *renderer) gap(h float64) {
	if r.y() > marginTop+1e-6 {
		r.pdf.SetY(min(r.y()+h, contentEnd))
	}
}

// CoverInfo is the content of a cover page.
type CoverInfo struct {
	Heading    string      // large title, e.g. "Briefing pack"
	Subheading string      // e.g. the meeting and its date
	Lines      [][2]string // label/value pairs, e.g. {"Prepared for", "Dr Chan"}
	Notice     string      // a confidentiality notice boxed at the foot of the page
}

// Cover fills a page of its own with c, and starts a new page after it.
func (d *Doc) Cover(c CoverInfo) {
	heading := d.text("cover heading", c.Heading)
	sub := d.text("cover subheading", c.Subheading)
	lines := make([][2]string, len(c.Lines))
	for i, l := range c.Lines {
		lines[i] = [2]string{d.text("cover", l[0]), d.text("cover / "+l[0], l[1])}
	}
	notice := d.text("cover notice", c.Notice)
	d.add(func(r *renderer) {
		p := r.pdf
		if r.y() > marginTop+1e-6 {
			r.newPage()
		}
		setFill(p, colAccent)
		p.Rect(marginLeft, 62, 28, 1.6, "F")
		p.SetXY(marginLeft, 70)
		r.font(sizeCover, colInk)
		for _, l := range r.lines(heading, contentW) {
			r.text(marginLeft, r.y(), contentW, lineHeight(sizeCover), l, "L")
			p.SetXY(marginLeft, r.y()+lineHeight(sizeCover))
		}
		if sub != "" {
			p.SetY(r.y() + 2)
			r.font(sizeCoverSub, colMuted)
			for _, l := range r.lines(sub, contentW) {
				r.text(marginLeft, r.y(), contentW, lineHeight(sizeCoverSub), l, "L")
				p.SetXY(marginLeft, r.y()+lineHeight(sizeCoverSub))
			}
		}
		p.SetXY(marginLeft, r.y()+14)
		r.kvRows(lines, 45)
		if notice != "" {
			r.font(sizeSmall, colInk)
			nl := r.lines(notice, contentW-12)
			h := float64(len(nl))*lineHeight(sizeSmall) + 10
			y := max(r.y()+10, contentEnd-h)
			if y+h > contentEnd {
				r.newPage()
				y = r.y()
			}
			setFill(p, colAccentTint)
			p.Rect(marginLeft, y, contentW, h, "F")
			setFill(p, colAccent)
			p.Rect(marginLeft, y, 1.2, h, "F")
			r.font(sizeSmall, colInk)
			for i, l := range nl {
				r.text(marginLeft+6, y+5+float64(i)*lineHeight(sizeSmall), contentW-12, lineHeight(sizeSmall), l, "L")
			}
		}
		r.newPage()
	})
}

// H1 starts a section: a large accent heading with a rule, and a top-level
// bookmark in the PDF outline. A heading is never left alone at a page foot.
func (d *Doc) H1(text string) {
	t := d.text("heading", text)
	d.add(func(r *renderer) {
		r.gap(6)
		r.ensure(lineHeight(sizeH1) + 25)
		r.pdf.Bookmark(t, 0, -1)
		r.font(sizeH1, colAccent)
		cells := []cell{{x: marginLeft, w: contentW, lines: r.lines(t, contentW), size: sizeH1, col: colAccent, align: "L"}}
		r.drawRows(cells, 0, len(cells[0].lines), lineHeight(sizeH1), 0, nil, false)
		setDraw(r.pdf, colAccent)
		r.pdf.SetLineWidth(0.35)
		r.pdf.Line(marginLeft, r.y()+0.8, marginLeft+contentW, r.y()+0.8)
		r.pdf.SetY(r.y() + 4)
	})
}

// H2 starts a subsection, with a second-level bookmark.
func (d *Doc) H2(text string) {
	t := d.text("heading", text)
	d.add(func(r *renderer) {
		r.gap(3.5)
		r.ensure(lineHeight(sizeH2) + 18)
		r.pdf.Bookmark(t, 1, -1)
		r.font(sizeH2, colInk)
		cells := []cell{{x: marginLeft, w: contentW, lines: r.lines(t, contentW), size: sizeH2, col: colInk, align: "L"}}
		r.drawRows(cells, 0, len(cells[0].lines), lineHeight(sizeH2), 0, nil, false)
		r.pdf.SetY(r.y() + 1.5)
	})
}

// Para writes a wrapped paragraph of body text; it continues on the next page
// when it does not fit, line by line, never cut.
func (d *Doc) Para(text string) { d.para(d.text("", text), sizeBody, colInk) }

// Small writes a wrapped paragraph in small grey type, for notes and sources.
func (d *Doc) Small(text string) { d.para(d.text("", text), sizeSmall, colMuted) }

func (d *Doc) para(t string, size float64, col rgb) {
	d.add(func(r *renderer) {
		r.font(size, col)
		lines := r.lines(t, contentW)
		for _, l := range lines {
			r.flow([]cell{{x: marginLeft, w: contentW, lines: []string{l}, size: size, col: col, align: "L"}},
				lineHeight(size), 0, nil, false, nil, 0)
		}
		r.pdf.SetY(r.y() + 2.5)
	})
}

// KV writes label/value rows: labels in a narrow grey column, values wrapped
// beside them. A row that does not fit moves to the next page; a value longer
// than a page continues there. Replacements are reported under the label.
func (d *Doc) KV(rows [][2]string) {
	clean := make([][2]string, len(rows))
	for i, row := range rows {
		clean[i] = [2]string{d.text("label", row[0]), d.text(row[0], row[1])}
	}
	d.add(func(r *renderer) {
		r.kvRows(clean, 52)
		r.pdf.SetY(r.y() + 3)
	})
}

func (r *renderer) kvRows(rows [][2]string, labelW float64) {
	valueW := contentW - labelW
	for _, row := range rows {
		r.font(sizeSmall, colMuted)
		label := r.lines(row[0], labelW-4)
		r.font(sizeBody, colInk)
		value := r.lines(row[1], valueW-2)
		// Lines of the small label track the body lines one for one.
		r.flow([]cell{
			{x: marginLeft, w: labelW - 2, lines: label, size: sizeSmall, col: colMuted, align: "L"},
			{x: marginLeft + labelW, w: valueW, lines: value, size: sizeBody, col: colInk, align: "L"},
		}, lineHeight(sizeBody), 1.4, nil, true, nil, 0)
	}
}

// Table writes a table with a header row repeated at the top of every page it
// spans and zebra-striped rows. widths are relative column weights (nil: equal
// columns); cells wrap. Replacements are reported under the column header.
func (d *Doc) Table(headers []string, rows [][]string, widths []float64) {
	if len(headers) == 0 {
		d.fail("table without columns")
		return
	}
	if widths == nil {
		widths = make([]float64, len(headers))
		for i := range widths {
			widths[i] = 1
		}
	}
	if len(widths) != len(headers) {
		d.fail("table: %d widths for %d columns", len(widths), len(headers))
		return
	}
	var total float64
	for _, w := range widths {
		if w <= 0 {
			d.fail("table: column widths must be positive")
			return
		}
		total += w
	}
	hs := make([]string, len(headers))
	for i, h := range headers {
		hs[i] = d.text("column", h)
	}
	body := make([][]string, len(rows))
	for i, row := range rows {
		if len(row) > len(headers) {
			d.fail("table row %d has %d cells for %d columns", i+1, len(row), len(headers))
			return
		}
		body[i] = make([]string, len(headers))
		for j, c := range row {
			body[i][j] = d.text(headers[j]+" (row "+strconv.Itoa(i+1)+")", c)
		}
	}
	d.add(func(r *renderer) {
		const pad = 1.6
		xs := make([]float64, len(widths))
		ws := make([]float64, len(widths))
		x := marginLeft
		for i, w := range widths {
			xs[i], ws[i] = x, contentW*w/total
			x += ws[i]
		}
		cells := func(texts []string, size float64, col rgb) []cell {
			r.font(size, col)
			out := make([]cell, len(texts))
			for i, t := range texts {
				out[i] = cell{x: xs[i] + pad, w: ws[i] - 2*pad, lines: r.lines(t, ws[i]-2*pad), size: size, col: col, align: "L"}
			}
			return out
		}
		head := cells(hs, sizeSmall, colAccent)
		headN := 1
		for _, c := range head {
			headN = max(headN, len(c.lines))
		}
		headH := float64(headN)*lineHeight(sizeSmall) + 2*pad
		drawHead := func() {
			tint := colAccentTint
			r.drawRows(head, 0, headN, lineHeight(sizeSmall), pad, &tint, false)
			setDraw(r.pdf, colAccent)
			r.pdf.SetLineWidth(0.3)
			r.pdf.Line(marginLeft, r.y(), marginLeft+contentW, r.y())
		}
		r.ensure(headH + lineHeight(sizeBody)*2 + 2*pad)
		drawHead()
		for i, row := range body {
			var fill *rgb
			if i%2 == 1 {
				z := colZebra
				fill = &z
			}
			r.flow(cells(row, sizeBody-0.5, colInk), lineHeight(sizeBody-0.5), pad, fill, false, drawHead, headH)
		}
		setDraw(r.pdf, colRule)
		r.pdf.SetLineWidth(0.15)
		r.pdf.Line(marginLeft, r.y(), marginLeft+contentW, r.y())
		r.pdf.SetY(r.y() + 4)
	})
}

// NotesBox draws a box of the given height (millimetres, at most a page) with
// ruled lines for handwritten notes, on the next page if it does not fit.
func (d *Doc) NotesBox(height float64) {
	label := d.text("", d.words.notes)
	d.add(func(r *renderer) {
		h := min(max(height, 16), contentEnd-marginTop-7)
		r.gap(2)
		r.ensure(h + 7)
		p := r.pdf
		r.font(sizeSmall, colMuted)
		r.text(marginLeft, r.y(), contentW, 5, label, "L")
		y := r.y() + 6
		setDraw(p, colRule)
		p.SetLineWidth(0.3)
		p.Rect(marginLeft, y, contentW, h, "D")
		p.SetLineWidth(0.15)
		for ly := y + 8; ly < y+h-2; ly += 8 {
			p.Line(marginLeft+4, ly, marginLeft+contentW-4, ly)
		}
		p.SetXY(marginLeft, y+h+4)
	})
}

// PageBreak starts a new page, unless the current one is still empty.
func (d *Doc) PageBreak() {
	d.add(func(r *renderer) {
		if r.y() > marginTop+1e-6 {
			r.newPage()
		}
	})
}
