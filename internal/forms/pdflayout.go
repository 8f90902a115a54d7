package forms

import (
	"fmt"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	cjk "atpreg/internal/pdfdoc/font"
)

// Page geometry in millimetres (A4 portrait).
const (
	pageW      = 210.0
	pageH      = 297.0
	marginL    = 16.0
	marginR    = 16.0
	marginT    = 16.0
	contentEnd = pageH - 20.0 // the footer lies below
	labelW     = 58.0
	colGap     = 5.0
	fieldX     = marginL + labelW + colGap
	fieldW     = pageW - marginR - fieldX
	bodyW      = pageW - marginL - marginR
)

// Type sizes in points.
const (
	sizeTitle    = 15.0
	sizeSubtitle = 10.0
	sizeIntro    = 8.5
	sizeBand     = 10.5
	sizeLabel    = 9.0
	sizeHint     = 7.5
	sizeOption   = 9.0
	sizeNote     = 8.0
	sizeFooter   = 7.0
	sizeValue    = 10.0 // a one-line field's value
	sizeValueML  = 9.0  // a multi-line field's value
)

// Input geometry in millimetres.
const (
	textH     = 7.0  // a one-line text field
	mlLineH   = 4.0  // a line of a multi-line field (9 pt at 1.25 leading)
	mlPad     = 2.6  // a multi-line field's padding, top and bottom together
	checkRow  = 5.6  // a checkbox line
	checkSize = 3.8  // the box
	checkGap  = 1.8  // between the box and its label
	indentW   = 6.0  // one level of indent
	inlineMin = 36.0 // the narrowest inline text field
	rowPad    = 2.4  // above and below each item's contents
)

const fontFamily = "wqy"

func lh(pt float64) float64 { return pt * 0.3528 * 1.3 }

type rgb struct{ r, g, b int }

// The house palette (as in the briefing packs).
var (
	colAccent  = rgb{0x2f, 0x5d, 0x8a}
	colTint    = rgb{0xe8, 0xee, 0xf5}
	colInk     = rgb{0x21, 0x25, 0x29}
	colMuted   = rgb{0x5c, 0x65, 0x6d}
	colRule    = rgb{0xce, 0xd4, 0xda}
	colBoxFill = rgb{0xf4, 0xf7, 0xfb}
	colBoxLine = rgb{0x8f, 0x9c, 0xaa}
)

// widget is where an input lies on a page, for the AcroForm.
type widget struct {
	page       int // from 1
	x, y, w, h float64
	f          Field
	tip        string // the tooltip: the item's label, and the option's
}

// layout lays the spec out with fpdf, drawing labels, boxes and checkbox
// squares, and returns the document and where each input lies.
type layout struct {
	s       *Spec
	pdf     *fpdf.Fpdf
	widgets []widget
	section string // the current section's title, repeated on a new page
	y       float64
}

// words in the form's language for the page furniture.
func (s *Spec) words() (continued, pageOf, form, version string) {
	if s.Lang == "zh-HK" {
		return "（續）", "第 %d 頁，共 %s 頁", "表格", "版本"
	}
	return " (continued)", "Page %d of %s", "Form", "version"
}

// runes returns every character the page content prints.
func (s *Spec) runes() []rune {
	set := map[rune]bool{}
	add := func(t string) {
		for _, r := range t {
			set[r] = true
		}
	}
	c, p, f, v := s.words()
	add(c + p + f + v + "0123456789 ·:")
	add(s.Title + s.Subtitle + s.Footer)
	for _, p := range s.Intro {
		add(p)
	}
	for _, sec := range s.Sections {
		add(sec.Title + sec.Note)
		for _, it := range sec.Items {
			add(it.Label + it.Hint)
			for _, f := range it.Fields {
				if f.Kind != TextField {
					add(f.Label)
				}
			}
		}
	}
	out := make([]rune, 0, len(set))
	for r := range set {
		out = append(out, r)
	}
	return out
}

func (l *layout) font(pt float64, c rgb) {
	l.pdf.SetFont(fontFamily, "", pt)
	l.pdf.SetTextColor(c.r, c.g, c.b)
}

// wrap breaks t into lines no wider than w at the current font, between
// words or Chinese characters, inside a word only when it alone is too wide.
func (l *layout) wrap(t string, w float64) []string {
	var out []string
	for _, para := range strings.Split(t, "\n") {
		line := ""
		for _, word := range splitWords(para) {
			if l.pdf.GetStringWidth(line+word) <= w {
				line += word
				continue
			}
			if strings.TrimSpace(line) != "" {
				out = append(out, line)
				line = ""
				word = strings.TrimLeft(word, " ")
			}
			for _, r := range word {
				if line != "" && l.pdf.GetStringWidth(line+string(r)) > w {
					out = append(out, line)
					line = ""
				}
				line += string(r)
			}
		}
		out = append(out, line)
	}
	return out
}

// text prints lines from the top y at x, returning the height used.
func (l *layout) text(x, y float64, lines []string, pt float64) float64 {
	h := lh(pt)
	for i, ln := range lines {
		// baseline at about 78% of the line box
		l.pdf.Text(x, y+float64(i)*h+h*0.76, ln)
	}
	return float64(len(lines)) * h
}

// renderPDFPages lays out s; the result's widgets say where the inputs went.
func renderPDFPages(s *Spec, clock time.Time) (*layout, []byte, error) {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCompression(true)
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(clock)
	pdf.SetModificationDate(clock)
	pdf.SetProducer("atpreg", false)
	pdf.SetCreator("atpreg", false)
	pdf.SetTitle(shown(s.Title), true)
	pdf.SetSubject(fmt.Sprintf("%s version %s", s.Kind, s.Version), true)
	pdf.SetKeywords(fmt.Sprintf("form_kind=%s form_version=%s", s.Kind, s.Version), true)
	if s.Lang == "zh-HK" {
		pdf.SetLang("zh-HK")
	} else {
		pdf.SetLang("en-GB")
	}
	pdf.AddUTF8FontFromBytes(fontFamily, "", cjk.Subset(s.runes()))
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(marginL, marginT, marginR)
	pdf.AliasNbPages("{nb}")
	pdf.SetDisplayMode("fullwidth", "single")
	l := &layout{s: s, pdf: pdf}
	pdf.SetFooterFunc(l.footer)
	if err := pdf.Error(); err != nil {
		return nil, nil, err
	}
	l.newPage()
	l.head()
	for _, sec := range s.Sections {
		l.sectionStart(sec)
		for i := range sec.Items {
			l.item(&sec.Items[i])
		}
	}
	l.kindFields()
	var out strings.Builder
	if err := pdf.Output(&out); err != nil {
		return nil, nil, err
	}
	return l, []byte(out.String()), nil
}

func (l *layout) newPage() {
	l.pdf.AddPage()
	l.y = marginT
}

func (l *layout) footer() {
	_, pageOf, _, _ := l.s.words()
	l.font(sizeFooter, colMuted)
	y := pageH - 12.0
	l.pdf.SetDrawColor(colRule.r, colRule.g, colRule.b)
	l.pdf.SetLineWidth(0.2)
	l.pdf.Line(marginL, y-2.5, pageW-marginR, y-2.5)
	if l.s.Footer != "" {
		ft := l.wrap(l.s.Footer, bodyW*0.62)
		l.text(marginL, y-1.2, ft[:1], sizeFooter)
	}
	p := fmt.Sprintf(pageOf, l.pdf.PageNo(), "{nb}")
	// "{nb}" is replaced by a number as wide as about two digits
	w := l.pdf.GetStringWidth(strings.Replace(p, "{nb}", "00", 1))
	l.text(pageW-marginR-w, y-1.2, []string{p}, sizeFooter)
}

// kindFields places the read-only form_kind and form_version fields in the
// first page's footer, between the footer text and the page number.
func (l *layout) kindFields() {
	_, _, form, version := l.s.words()
	pdf := l.pdf
	saved := pdf.PageNo()
	pdf.SetPage(1)
	l.font(sizeFooter, colMuted)
	y := pageH - 12.0 - 1.2
	x := marginL + bodyW*0.62 + 2
	lw := pdf.GetStringWidth(form + " ")
	l.text(x, y, []string{form}, sizeFooter)
	kw := 22.0
	l.widgets = append(l.widgets, widget{page: 1, x: x + lw, y: y - 0.3, w: kw, h: 3.6, f: Text(KindField, 1, l.s.Kind).Fixed(), tip: form})
	x += lw + kw + 1
	vw := pdf.GetStringWidth(version + " ")
	l.text(x, y, []string{version}, sizeFooter)
	l.widgets = append(l.widgets, widget{page: 1, x: x + vw, y: y - 0.3, w: 8, h: 3.6, f: Text(VersionField, 1, l.s.Version).Fixed(), tip: version})
	pdf.SetPage(saved)
}

// head prints the title, subtitle and introduction.
func (l *layout) head() {
	s := l.s
	pdf := l.pdf
	if s.Subtitle != "" {
		l.font(sizeSubtitle, colMuted)
		l.y += l.text(marginL, l.y, l.wrap(s.Subtitle, bodyW), sizeSubtitle) + 1
	}
	l.font(sizeTitle, colAccent)
	l.y += l.text(marginL, l.y, l.wrap(s.Title, bodyW), sizeTitle) + 2
	pdf.SetDrawColor(colAccent.r, colAccent.g, colAccent.b)
	pdf.SetLineWidth(0.5)
	pdf.Line(marginL, l.y, pageW-marginR, l.y)
	l.y += 3
	l.font(sizeIntro, colInk)
	for _, p := range s.Intro {
		l.y += l.text(marginL, l.y, l.wrap(p, bodyW), sizeIntro) + 1.5
	}
	l.y += 1.5
}

// band prints a section title in a tinted band.
func (l *layout) band(title string) {
	pdf := l.pdf
	h := 7.5
	pdf.SetFillColor(colAccent.r, colAccent.g, colAccent.b)
	pdf.Rect(marginL, l.y, bodyW, h, "F")
	l.font(sizeBand, rgb{0xff, 0xff, 0xff})
	l.text(marginL+2.5, l.y+(h-lh(sizeBand))/2, []string{title}, sizeBand)
	l.y += h
}

func (l *layout) sectionStart(sec Section) {
	l.section = sec.Title
	noteH := 0.0
	var note []string
	if sec.Note != "" {
		l.font(sizeNote, colMuted)
		note = l.wrap(sec.Note, bodyW-4)
		noteH = float64(len(note))*lh(sizeNote) + 3
	}
	first := 20.0 // a band alone at a page's foot is no use
	if len(sec.Items) > 0 {
		first = l.itemHeight(&sec.Items[0])
	}
	if sec.NewPage && l.pdf.PageNo() > 0 && l.y > marginT+40 || l.y+7.5+noteH+first > contentEnd {
		l.newPage()
	}
	if l.y > marginT {
		l.y += 3
	}
	l.band(sec.Title)
	if len(note) > 0 {
		l.pdf.SetFillColor(colTint.r, colTint.g, colTint.b)
		l.pdf.Rect(marginL, l.y, bodyW, noteH, "F")
		l.font(sizeNote, colMuted)
		l.text(marginL+2, l.y+1.5, note, sizeNote)
		l.y += noteH
	}
}

// placed is one input's or note's place within an item, relative to
// the item's field column top.
type placed struct {
	f       Field
	dy, h   float64  // top and height of its line(s)
	label   []string // a checkbox's label lines or a note's lines
	inlineX float64  // an inline field's left edge (0: on the next line)
}

// place computes where each of the item's fields goes.
func (l *layout) place(it *Item) ([]placed, float64) {
	var out []placed
	y := 0.0
	for i, f := range it.Fields {
		if i > 0 && f.Kind == TextField && it.Fields[i-1].Kind != TextField {
			y += 1
		}
		p := placed{f: f, dy: y}
		x := fieldX + float64(f.Indent)*indentW
		w := fieldW - float64(f.Indent)*indentW
		switch f.Kind {
		case TextField:
			p.h = textH
			if f.Lines > 1 {
				p.h = float64(f.Lines)*mlLineH + mlPad
			}
			y += p.h + 1.2
		case NoteText:
			l.font(sizeNote, colMuted)
			p.label = l.wrap(f.Label, w)
			p.h = float64(len(p.label)) * lh(sizeNote)
			y += p.h + 0.8
		case CheckBox:
			l.font(sizeOption, colInk)
			lx := x + checkSize + checkGap
			lw := w - checkSize - checkGap
			p.label = l.wrap(f.Label, lw)
			p.h = max(checkRow, float64(len(p.label))*lh(sizeOption)+1.4)
			if f.Inline != nil {
				last := p.label[len(p.label)-1]
				ix := lx + l.pdf.GetStringWidth(last) + 2
				if pageW-marginR-ix >= inlineMin {
					p.inlineX = ix
				} else {
					p.h += textH - 0.8
				}
			}
			y += p.h
		}
		out = append(out, p)
	}
	return out, y
}

// labelLines returns an item's label and hint lines and their height.
func (l *layout) labelLines(it *Item) (label, hint []string, h float64) {
	l.font(sizeLabel, colInk)
	label = l.wrap(it.Label, labelW)
	h = float64(len(label)) * lh(sizeLabel)
	if it.Hint != "" {
		l.font(sizeHint, colMuted)
		hint = l.wrap(it.Hint, labelW)
		h += 0.8 + float64(len(hint))*lh(sizeHint)
	}
	return label, hint, h
}

func (l *layout) itemHeight(it *Item) float64 {
	_, _, lh := l.labelLines(it)
	_, fh := l.place(it)
	return max(lh, fh) + 2*rowPad
}

// item prints one question and its inputs, on a new page when it does not
// fit on this one.
func (l *layout) item(it *Item) {
	pdf := l.pdf
	label, hint, labH := l.labelLines(it)
	ps, fh := l.place(it)
	h := max(labH, fh) + 2*rowPad
	if l.y+h > contentEnd && l.y > marginT+20 {
		l.newPage()
		cont, _, _, _ := l.s.words()
		l.band(l.section + cont)
	}
	top := l.y + rowPad
	l.font(sizeLabel, colInk)
	y := top + l.text(marginL, top, label, sizeLabel)
	if len(hint) > 0 {
		l.font(sizeHint, colMuted)
		l.text(marginL, y+0.8, hint, sizeHint)
	}
	for _, p := range ps {
		l.draw(it, p, top)
	}
	l.y += h
	pdf.SetDrawColor(colRule.r, colRule.g, colRule.b)
	pdf.SetLineWidth(0.2)
	pdf.Line(marginL, l.y, pageW-marginR, l.y)
}

// draw prints one placed field (its box, square or text) and records its
// widget.
func (l *layout) draw(it *Item, p placed, top float64) {
	pdf := l.pdf
	page := pdf.PageNo()
	x := fieldX + float64(p.f.Indent)*indentW
	w := fieldW - float64(p.f.Indent)*indentW
	y := top + p.dy
	tip := it.Label
	box := func(bx, by, bw, bh float64) {
		pdf.SetFillColor(colBoxFill.r, colBoxFill.g, colBoxFill.b)
		pdf.SetDrawColor(colBoxLine.r, colBoxLine.g, colBoxLine.b)
		pdf.SetLineWidth(0.25)
		pdf.Rect(bx, by, bw, bh, "FD")
	}
	switch p.f.Kind {
	case NoteText:
		l.font(sizeNote, colMuted)
		l.text(x, y, p.label, sizeNote)
	case TextField:
		box(x, y, w, p.h)
		l.widgets = append(l.widgets, widget{page: page, x: x, y: y, w: w, h: p.h, f: p.f, tip: tipOf(tip, p.f.Label)})
	case CheckBox:
		sy := y + (checkRow-checkSize)/2
		pdf.SetFillColor(0xff, 0xff, 0xff)
		pdf.SetDrawColor(colInk.r, colInk.g, colInk.b)
		pdf.SetLineWidth(0.3)
		pdf.Rect(x, sy, checkSize, checkSize, "FD")
		l.widgets = append(l.widgets, widget{page: page, x: x, y: sy, w: checkSize, h: checkSize, f: p.f, tip: tipOf(tip, p.f.Label)})
		l.font(sizeOption, colInk)
		lx := x + checkSize + checkGap
		l.text(lx, y+(checkRow-lh(sizeOption))/2, p.label, sizeOption)
		if in := p.f.Inline; in != nil {
			fx, fy := p.inlineX, y+(checkRow-textH+0.8)/2
			if fx == 0 {
				fx, fy = lx, y+float64(len(p.label))*lh(sizeOption)+1.4
			}
			fw := pageW - marginR - fx
			box(fx, fy, fw, textH-0.8)
			l.widgets = append(l.widgets, widget{page: page, x: fx, y: fy, w: fw, h: textH - 0.8, f: *in, tip: tipOf(tip, p.f.Label)})
		}
	}
}

func tipOf(label, option string) string {
	if option == "" || option == label {
		return label
	}
	return label + ": " + option
}
