package forms

import (
	"bytes"
	"crypto/md5"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"atpreg/internal/apperr"
)

// How the PDF is made: fpdf lays out the pages (labels, boxes, squares) and
// this file rewrites its output once, adding what fpdf cannot make: the
// AcroForm with its fields, their widgets and appearance streams, and the
// field font. fpdf writes a single, uncompressed cross-reference table with
// one object per "N 0 obj" line, so the rewrite copies every object,
// changing three (the catalog gets /AcroForm, each page its /Annots, the
// document information the form's kind and version), appends the new ones
// and writes a new table.
//
// Fields are named as a tree (ISO 32000-1 12.7.3.2: a partial name holds no
// period): "p1.routes.intravenous" is the field "intravenous" under
// "routes" under "p1", so its fully qualified name is the contract's name.

// Names in the AcroForm's default resources.
const (
	fieldFontName = "WQY"
	dingbatsName  = "ZaDb"
	onState       = "Yes" // a checkbox's on-state name
)

// PDF returns s as a fillable PDF form. The same spec and date give the same
// bytes.
func (s *Spec) PDF(date time.Time) ([]byte, error) {
	if err := s.Check(); err != nil {
		return nil, apperr.Wrap(err, apperr.Internal, "The form could not be made.")
	}
	if date.IsZero() {
		date = time.Now()
	}
	x, err := loadFieldFont()
	if err != nil {
		return nil, apperr.Wrap(err, apperr.Internal, "The form's font could not be loaded.")
	}
	l, raw, err := renderPDFPages(s, date)
	if err != nil {
		return nil, apperr.Wrap(err, apperr.Internal, "The form's pages could not be laid out.")
	}
	out, err := addAcroForm(raw, s, l.widgets, x)
	if err != nil {
		return nil, apperr.Wrap(err, apperr.Internal, "The form's fields could not be added.")
	}
	return out, nil
}

// fpdfDoc is fpdf's output split into objects.
type fpdfDoc struct {
	objs       [][]byte // object bodies by number (between "N 0 obj\n" and "endobj\n"); 0 unused
	root, info int
	pages      []int
}

func parseFpdf(pdf []byte) (*fpdfDoc, error) {
	i := bytes.LastIndex(pdf, []byte("startxref\n"))
	if i < 0 {
		return nil, fmt.Errorf("no startxref")
	}
	rest := pdf[i+len("startxref\n"):]
	nl := bytes.IndexByte(rest, '\n')
	if nl < 0 {
		return nil, fmt.Errorf("bad startxref")
	}
	xref, err := strconv.Atoi(string(rest[:nl]))
	if err != nil || xref <= 0 || xref >= i || !bytes.HasPrefix(pdf[xref:], []byte("xref\n0 ")) {
		return nil, fmt.Errorf("bad startxref")
	}
	p := pdf[xref+len("xref\n0 ") : i]
	nl = bytes.IndexByte(p, '\n')
	count, err := strconv.Atoi(string(p[:max(nl, 0)]))
	if err != nil || count < 2 || len(p) < nl+1+20*count {
		return nil, fmt.Errorf("bad xref header")
	}
	entries := p[nl+1:]
	offsets := make([]int, count)
	for n := 1; n < count; n++ {
		off, err := strconv.Atoi(string(entries[20*n : 20*n+10]))
		if err != nil || off <= 0 || off >= xref || !bytes.HasPrefix(pdf[off:], fmt.Appendf(nil, "%d 0 obj\n", n)) {
			return nil, fmt.Errorf("bad xref entry for object %d", n)
		}
		offsets[n] = off
	}
	d := &fpdfDoc{objs: make([][]byte, count)}
	// each object runs to the next one in the file (the last to the table)
	order := make([]int, 0, count-1)
	for n := 1; n < count; n++ {
		order = append(order, n)
	}
	slices.SortFunc(order, func(a, b int) int { return offsets[a] - offsets[b] })
	for k, n := range order {
		end := xref
		if k+1 < len(order) {
			end = offsets[order[k+1]]
		}
		span := pdf[offsets[n]+len(fmt.Sprintf("%d 0 obj\n", n)) : end]
		body, ok := bytes.CutSuffix(span, []byte("endobj\n"))
		if !ok {
			return nil, fmt.Errorf("object %d has no end", n)
		}
		d.objs[n] = body
	}
	tr := entries[20*count:]
	ref := func(key string) int {
		k := bytes.Index(tr, []byte(key))
		if k < 0 {
			return 0
		}
		f := strings.Fields(string(tr[k+len(key):]))
		if len(f) < 1 {
			return 0
		}
		n, _ := strconv.Atoi(f[0])
		return n
	}
	d.root, d.info = ref("/Root "), ref("/Info ")
	if d.root <= 0 || d.root >= count || d.info <= 0 || d.info >= count {
		return nil, fmt.Errorf("no catalog or information dictionary")
	}
	// the page tree: the catalog's /Pages object lists the pages in order
	cat := string(d.objs[d.root])
	k := strings.Index(cat, "/Pages ")
	if k < 0 {
		return nil, fmt.Errorf("no page tree")
	}
	pt, _ := strconv.Atoi(strings.Fields(cat[k+len("/Pages "):])[0])
	if pt <= 0 || pt >= count {
		return nil, fmt.Errorf("bad page tree")
	}
	tree := string(d.objs[pt])
	a, b := strings.Index(tree, "/Kids ["), strings.Index(tree, "]")
	if a < 0 || b < a {
		return nil, fmt.Errorf("no page list")
	}
	f := strings.Fields(tree[a+len("/Kids [") : b])
	for j := 0; j+2 < len(f); j += 3 {
		n, err := strconv.Atoi(f[j])
		if err != nil || f[j+2] != "R" || n <= 0 || n >= count || !bytes.HasPrefix(d.objs[n], []byte("<</Type /Page\n")) {
			return nil, fmt.Errorf("bad page %q", f[j])
		}
		d.pages = append(d.pages, n)
	}
	return d, nil
}

// insertDict returns the dictionary body with extra added before its
// closing ">>".
func insertDict(body []byte, extra string) ([]byte, error) {
	i := bytes.LastIndex(body, []byte(">>"))
	if i < 0 {
		return nil, fmt.Errorf("not a dictionary")
	}
	out := slices.Clip(body[:i:i])
	out = append(out, extra...)
	return append(out, body[i:]...), nil
}

// pdfText returns s as a PDF text string: a literal for printable ASCII,
// else UTF-16BE with a byte order mark, in hex.
func pdfText(s string) string {
	ascii := true
	for _, r := range s {
		if r < 0x20 || r > 0x7e {
			ascii = false
			break
		}
	}
	if ascii {
		return "(" + strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`).Replace(s) + ")"
	}
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteByte('>')
	return b.String()
}

// num formats a coordinate in points with at most two decimals.
func num(v float64) string {
	return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
}

// objWriter collects new objects numbered after fpdf's.
type objWriter struct {
	next int
	objs map[int][]byte
}

func (w *objWriter) reserve() int { n := w.next; w.next++; return n }

func (w *objWriter) set(n int, body string) { w.objs[n] = []byte(body) }

func (w *objWriter) add(body string) int { n := w.reserve(); w.set(n, body); return n }

func (w *objWriter) stream(dict string, data []byte) int {
	n := w.reserve()
	w.objs[n] = append([]byte(fmt.Sprintf("<<%s /Length %d>>\nstream\n", dict, len(data))), append(data, "\nendstream\n"...)...)
	return n
}

const ptPerMM = 72 / 25.4

// fieldNode is a node of the field tree.
type fieldNode struct {
	part   string
	obj    int
	parent *fieldNode
	kids   []*fieldNode
	w      *widget // terminal fields only
}

func addAcroForm(raw []byte, s *Spec, widgets []widget, x *fieldFont) ([]byte, error) {
	d, err := parseFpdf(raw)
	if err != nil {
		return nil, err
	}
	w := &objWriter{next: len(d.objs), objs: map[int][]byte{}}

	// the field font: Type0 over a CIDFontType2 holding the whole TrueType font
	file := w.stream(fmt.Sprintf("/Filter /FlateDecode /Length1 %d", x.fileLen), x.file)
	desc := w.add(fmt.Sprintf("<</Type /FontDescriptor /FontName /%s /Flags 4 /FontBBox [%d %d %d %d] /ItalicAngle 0 /Ascent %d /Descent %d /CapHeight %d /StemV 80 /FontFile2 %d 0 R>>",
		x.name, x.bbox[0], x.bbox[1], x.bbox[2], x.bbox[3], x.ascent, x.descent, x.capHeight, file))
	cid := w.add(fmt.Sprintf("<</Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>> /FontDescriptor %d 0 R /CIDToGIDMap /Identity /DW 1000 /W %s>>",
		x.name, desc, x.widths))
	toU := w.stream("/Filter /FlateDecode", x.toUnicode)
	fontObj := w.add(fmt.Sprintf("<</Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R>>", x.name, cid, toU))
	zadb := w.add("<</Type /Font /Subtype /Type1 /BaseFont /ZapfDingbats>>")
	fontRes := fmt.Sprintf("<</Font <</%s %d 0 R>>>>", fieldFontName, fontObj)

	// a checkbox's two appearances, shared by every box of one size
	type boxAP struct{ on, off int }
	boxAPs := map[[2]string]boxAP{}
	checkAP := func(wd, ht float64) boxAP {
		k := [2]string{num(wd), num(ht)}
		if ap, ok := boxAPs[k]; ok {
			return ap
		}
		bbox := fmt.Sprintf("/Type /XObject /Subtype /Form /BBox [0 0 %s %s] /Resources <<>>", k[0], k[1])
		tick := fmt.Sprintf("q 0.13 0.15 0.16 RG %s w 1 J 1 j %s %s m %s %s l %s %s l S Q",
			num(max(wd, ht)*0.12), num(wd*0.2), num(ht*0.53), num(wd*0.42), num(ht*0.27), num(wd*0.8), num(ht*0.78))
		ap := boxAP{on: w.stream(bbox, []byte(tick)), off: w.stream(bbox, []byte("q Q"))}
		boxAPs[k] = ap
		return ap
	}

	// the field tree, nodes in the order their first field appears
	var roots, nodes []*fieldNode
	byName := map[string]*fieldNode{}
	for i := range widgets {
		wd := &widgets[i]
		parts := strings.Split(wd.f.Name, ".")
		var parent *fieldNode
		for j := range parts {
			full := strings.Join(parts[:j+1], ".")
			n, ok := byName[full]
			if !ok {
				n = &fieldNode{part: parts[j], obj: w.reserve(), parent: parent}
				byName[full] = n
				nodes = append(nodes, n)
				if parent == nil {
					roots = append(roots, n)
				} else {
					parent.kids = append(parent.kids, n)
				}
			}
			parent = n
		}
		parent.w = wd
	}

	annots := make([][]int, len(d.pages))
	for _, n := range nodes {
		var b strings.Builder
		b.WriteString("<<")
		if n.w != nil {
			b.WriteString("/Type /Annot /Subtype /Widget ")
		}
		fmt.Fprintf(&b, "/T %s", pdfText(n.part))
		if n.parent != nil {
			fmt.Fprintf(&b, " /Parent %d 0 R", n.parent.obj)
		}
		if len(n.kids) > 0 {
			b.WriteString(" /Kids [")
			for _, k := range n.kids {
				fmt.Fprintf(&b, "%d 0 R ", k.obj)
			}
			b.WriteString("]")
		}
		if wd := n.w; wd != nil {
			if wd.page < 1 || wd.page > len(d.pages) {
				return nil, fmt.Errorf("field %s on page %d of %d", wd.f.Name, wd.page, len(d.pages))
			}
			page := d.pages[wd.page-1]
			annots[wd.page-1] = append(annots[wd.page-1], n.obj)
			x1, y2 := wd.x*ptPerMM, (pageH-wd.y)*ptPerMM
			wpt, hpt := wd.w*ptPerMM, wd.h*ptPerMM
			fmt.Fprintf(&b, " /P %d 0 R /Rect [%s %s %s %s] /F 4", page, num(x1), num(y2-hpt), num(x1+wpt), num(y2))
			if wd.tip != "" {
				fmt.Fprintf(&b, " /TU %s", pdfText(wd.tip))
			}
			wpt, hpt = math.Round(wpt*100)/100, math.Round(hpt*100)/100
			switch wd.f.Kind {
			case CheckBox:
				ap := checkAP(wpt, hpt)
				state := "Off"
				if wd.f.Checked {
					state = onState
				}
				fmt.Fprintf(&b, " /FT /Btn /DA (/%s 0 Tf 0 g) /MK <</CA (4)>> /V /%s /AS /%s /AP <</N <</%s %d 0 R /Off %d 0 R>>>>",
					dingbatsName, state, state, onState, ap.on, ap.off)
				if wd.f.ReadOnly {
					b.WriteString(" /Ff 1")
				}
			case TextField:
				ff := 0
				if wd.f.ReadOnly {
					ff |= 1
				}
				if wd.f.Lines > 1 {
					ff |= 1 << 12 // Multiline
				}
				pt := sizeValue
				switch {
				case wd.f.Lines > 1:
					pt = sizeValueML
				case wd.f.ReadOnly && hpt < 14:
					pt = sizeFooter
				}
				da := fmt.Sprintf("/%s %s Tf 0 g", fieldFontName, num(pt))
				fmt.Fprintf(&b, " /FT /Tx /Ff %d /DA %s /Q 0 /MK <<>>", ff, pdfText(da))
				if wd.f.Value != "" {
					fmt.Fprintf(&b, " /V %s", pdfText(wd.f.Value))
				}
				ap := w.stream(fmt.Sprintf("/Type /XObject /Subtype /Form /BBox [0 0 %s %s] /Resources %s", num(wpt), num(hpt), fontRes),
					textAppearance(x, wd.f.Value, wpt, hpt, pt, wd.f.Lines > 1))
				fmt.Fprintf(&b, " /AP <</N %d 0 R>>", ap)
			}
		}
		b.WriteString(">>")
		w.set(n.obj, b.String())
	}

	var fields strings.Builder
	for _, r := range roots {
		fmt.Fprintf(&fields, "%d 0 R ", r.obj)
	}
	acro := w.add(fmt.Sprintf("<</Fields [%s] /NeedAppearances true /DR <</Font <</%s %d 0 R /%s %d 0 R>>>> /DA %s>>",
		fields.String(), fieldFontName, fontObj, dingbatsName, zadb, pdfText(fmt.Sprintf("/%s %s Tf 0 g", fieldFontName, num(sizeValue)))))

	// the three changed objects
	if d.objs[d.root], err = insertDict(d.objs[d.root], fmt.Sprintf("/AcroForm %d 0 R\n", acro)); err != nil {
		return nil, err
	}
	if d.objs[d.info], err = insertDict(d.objs[d.info], fmt.Sprintf("/AtpregFormKind %s\n/AtpregFormVersion %s\n", pdfText(s.Kind), pdfText(s.Version))); err != nil {
		return nil, err
	}
	for i, p := range d.pages {
		if len(annots[i]) == 0 {
			continue
		}
		var a strings.Builder
		a.WriteString("\n/Annots [")
		for _, n := range annots[i] {
			fmt.Fprintf(&a, "%d 0 R ", n)
		}
		a.WriteString("]")
		if d.objs[p], err = insertDict(d.objs[p], a.String()); err != nil {
			return nil, err
		}
	}

	// write everything out
	var out bytes.Buffer
	out.Grow(len(raw) + len(x.file) + 64<<10)
	out.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	total := w.next
	offsets := make([]int, total)
	body := func(n int) []byte {
		if n < len(d.objs) {
			return d.objs[n]
		}
		return w.objs[n]
	}
	for n := 1; n < total; n++ {
		b := body(n)
		if b == nil {
			return nil, fmt.Errorf("object %d missing", n)
		}
		offsets[n] = out.Len()
		fmt.Fprintf(&out, "%d 0 obj\n", n)
		out.Write(b)
		if !bytes.HasSuffix(b, []byte("\n")) {
			out.WriteByte('\n')
		}
		out.WriteString("endobj\n")
	}
	id := md5.Sum(out.Bytes())
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", total)
	for n := 1; n < total; n++ {
		fmt.Fprintf(&out, "%010d 00000 n \n", offsets[n])
	}
	fmt.Fprintf(&out, "trailer\n<</Size %d /Root %d 0 R /Info %d 0 R /ID [<%X> <%X>]>>\nstartxref\n%d\n%%%%EOF\n", total, d.root, d.info, id, id, xref)
	return out.Bytes(), nil
}

// textAppearance draws a text field's value as viewers would: one line
// centred vertically, or lines from the top of a multi-line field, clipped
// to the box, in the field font.
func textAppearance(x *fieldFont, value string, w, h, pt float64, multi bool) []byte {
	var b bytes.Buffer
	b.WriteString("/Tx BMC\n")
	if value == "" {
		b.WriteString("EMC\n")
		return b.Bytes()
	}
	value = shown(strings.ReplaceAll(strings.ReplaceAll(value, "\r\n", "\n"), "\r", "\n"))
	value = strings.ReplaceAll(value, "\t", " ")
	pad := 2.0
	fmt.Fprintf(&b, "q 1 1 %s %s re W n\nBT\n/%s %s Tf 0 g\n", num(w-2), num(h-2), fieldFontName, num(pt))
	asc, desc := float64(x.ascent)*pt/1000, float64(x.descent)*pt/1000
	if !multi {
		line := strings.ReplaceAll(value, "\n", " ")
		base := (h-(asc-desc))/2 - desc
		fmt.Fprintf(&b, "%s %s Td %s Tj\n", num(pad), num(base), x.hex(line))
	} else {
		lead := pt * 1.25
		lines := x.wrapField(value, w-2*pad, pt)
		fmt.Fprintf(&b, "%s TL %s %s Td\n", num(lead), num(pad), num(h-pad-asc))
		for i, ln := range lines {
			if i > 0 {
				b.WriteString("T*\n")
			}
			if h-pad-asc-float64(i)*lead < -lead { // the rest is out of sight
				break
			}
			fmt.Fprintf(&b, "%s Tj\n", x.hex(ln))
		}
	}
	b.WriteString("ET\nQ\nEMC\n")
	return b.Bytes()
}
