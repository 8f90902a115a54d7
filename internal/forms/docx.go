package forms

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
	"time"

	"atpreg/internal/apperr"
)

// The Word form is a document of one table per section: the question on the
// left, the inputs on the right. Every input is a content control (w:sdt)
// whose tag is the field's name: a rich-text control for a text field,
// showing a grey placeholder until something is typed, a Word 2010 checkbox
// control (w14:checkbox, ☒ and ☐) for a checkbox. Controls are locked
// against deletion (sdtLocked), the form_kind and form_version controls
// against editing as well; the kind and version are also custom document
// properties.
//
// Two things are there for LibreOffice 7.4 (Debian 12), checked by the
// tests: it writes plain-text controls (w:text) back with their text
// repeated, so text fields are rich-text controls (no w:text; line breaks
// stay w:br); and it drops every control's tag on saving (tags arrived in
// LibreOffice 7.5), so each control also lies in a bookmark named after its
// field (see bookmarkName), which it keeps.

// Namespaces of WordprocessingML.
const (
	nsW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsWStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
	nsW14     = "http://schemas.microsoft.com/office/word/2010/wordml"
	nsR       = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsCustom  = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
	nsVT      = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
)

// The custom document properties that carry the form's kind and version.
const (
	propKind    = "atpreg_form_kind"
	propVersion = "atpreg_form_version"
)

// Checkbox glyphs of the Word checkbox control, as Word writes them.
const (
	glyphChecked   = "☒" // U+2612
	glyphUnchecked = "☐" // U+2610
	checkFont      = "MS Gothic"
)

// Twentieths of a point (twips) for the page and the table.
const (
	twPageW   = 11906
	twPageH   = 16838
	twMargin  = 1000
	twBodyW   = twPageW - 2*twMargin
	twLabelW  = 3300
	twFieldW  = twBodyW - twLabelW
	twLineH   = 300 // a line of a multi-line field
	twIndent  = 340 // one level of option indent
	hexAccent = "2F5D8A"
	hexMuted  = "5C656D"
	hexRule   = "CED4DA"
	hexFill   = "F4F7FB"
	hexLine   = "8F9CAA"
)

// esc escapes s for XML text or attribute values, dropping characters XML
// cannot hold.
func esc(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF) {
			return r
		}
		return -1
	}, s)
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// docxWriter builds document.xml.
type docxWriter struct {
	s      *Spec
	b      strings.Builder
	nextID int
}

// placeholder is the grey text of an empty text control.
func (s *Spec) placeholder() string {
	if s.Lang == "zh-HK" {
		return "請在此輸入"
	}
	return "Type here"
}

// run writes a run of text in the given size (half-points, 0 for the
// default) and colour ("" for the default), line breaks as w:br.
func (w *docxWriter) run(text string, halfPt int, color string, extra string) {
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	w.b.WriteString("<w:r>")
	if halfPt > 0 || color != "" || extra != "" {
		w.b.WriteString("<w:rPr>" + extra)
		if color != "" {
			fmt.Fprintf(&w.b, `<w:color w:val="%s"/>`, color)
		}
		if halfPt > 0 {
			fmt.Fprintf(&w.b, `<w:sz w:val="%d"/><w:szCs w:val="%d"/>`, halfPt, halfPt)
		}
		w.b.WriteString("</w:rPr>")
	}
	for i, ln := range lines {
		if i > 0 {
			w.b.WriteString("<w:br/>")
		}
		if ln != "" {
			fmt.Fprintf(&w.b, `<w:t xml:space="preserve">%s</w:t>`, esc(ln))
		}
	}
	w.b.WriteString("</w:r>")
}

// para writes a paragraph of one run.
func (w *docxWriter) para(text string, halfPt int, color string, pPr string) {
	w.b.WriteString("<w:p>")
	if pPr != "" {
		w.b.WriteString("<w:pPr>" + pPr + "</w:pPr>")
	}
	w.run(text, halfPt, color, "")
	w.b.WriteString("</w:p>")
}

// bookmarkName returns the bookmark that carries a field's name for word
// processors that drop content controls' tags (LibreOffice before 7.5):
// the name with each '.' as "__" ("p1__routes__intravenous"), or "" when
// that is longer than Word's 40 characters or does not start with a letter.
func bookmarkName(name string) string {
	b := strings.ReplaceAll(name, ".", "__")
	if len(b) > 40 || b == "" || b[0] < 'a' || b[0] > 'z' {
		return ""
	}
	return b
}

// fieldNameOfBookmark undoes bookmarkName ("" for another bookmark).
func fieldNameOfBookmark(b string) string {
	n := strings.ReplaceAll(b, "__", ".")
	if !ValidName(n) || bookmarkName(n) != b {
		return ""
	}
	return n
}

// sdt writes a content control for f (run-level), inside a bookmark named
// after it: a rich-text control for a text field, a checkbox control for a
// checkbox.
func (w *docxWriter) sdt(f Field, alias string, inline bool) {
	w.nextID++
	id := w.nextID
	bm := bookmarkName(f.Name)
	if bm != "" {
		fmt.Fprintf(&w.b, `<w:bookmarkStart w:id="%d" w:name="%s"/>`, id, bm)
	}
	lock := "sdtLocked"
	if f.ReadOnly {
		lock = "sdtContentLocked"
	}
	w.b.WriteString("<w:sdt><w:sdtPr>")
	if f.Kind == CheckBox {
		val, glyph := "0", glyphUnchecked
		if f.Checked {
			val, glyph = "1", glyphChecked
		}
		fonts := fmt.Sprintf(`<w:rFonts w:ascii="%s" w:eastAsia="%s" w:hAnsi="%s" w:hint="eastAsia"/>`, checkFont, checkFont, checkFont)
		fmt.Fprintf(&w.b, `<w:rPr>%s</w:rPr><w:alias w:val="%s"/><w:tag w:val="%s"/><w:id w:val="%d"/><w:lock w:val="%s"/>`, fonts, esc(alias), esc(f.Name), id, lock)
		fmt.Fprintf(&w.b, `<w14:checkbox><w14:checked w14:val="%s"/><w14:checkedState w14:val="2612" w14:font="%s"/><w14:uncheckedState w14:val="2610" w14:font="%s"/></w14:checkbox>`, val, checkFont, checkFont)
		w.b.WriteString("</w:sdtPr><w:sdtContent>")
		w.run(glyph, 24, "", fonts)
	} else {
		empty := f.Value == ""
		fmt.Fprintf(&w.b, `<w:alias w:val="%s"/><w:tag w:val="%s"/><w:id w:val="%d"/><w:lock w:val="%s"/>`, esc(alias), esc(f.Name), id, lock)
		if empty {
			w.b.WriteString("<w:showingPlcHdr/>")
		}
		w.b.WriteString("</w:sdtPr><w:sdtContent>")
		shade := ""
		if inline {
			shade = fmt.Sprintf(`<w:u w:val="dotted" w:color="%s"/><w:shd w:val="clear" w:color="auto" w:fill="%s"/>`, hexLine, hexFill)
		}
		if empty {
			w.run(w.s.placeholder(), 0, "8C939A", shade)
		} else {
			w.run(f.Value, 0, "", shade)
		}
	}
	w.b.WriteString("</w:sdtContent></w:sdt>")
	if bm != "" {
		fmt.Fprintf(&w.b, `<w:bookmarkEnd w:id="%d"/>`, id)
	}
}

// box writes a text field as a one-cell table drawn as a box, the control
// inside.
func (w *docxWriter) box(f Field, alias string) {
	h := twLineH + 140
	if f.Lines > 1 {
		h = f.Lines*twLineH + 140
	}
	width := twFieldW - 240 - f.Indent*twIndent
	fmt.Fprintf(&w.b, `<w:tbl><w:tblPr><w:tblW w:w="%d" w:type="dxa"/><w:tblInd w:w="%d" w:type="dxa"/><w:tblBorders>`, width, f.Indent*twIndent)
	for _, side := range []string{"top", "left", "bottom", "right"} {
		fmt.Fprintf(&w.b, `<w:%s w:val="single" w:sz="4" w:space="0" w:color="%s"/>`, side, hexLine)
	}
	fmt.Fprintf(&w.b, `</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid><w:gridCol w:w="%d"/></w:tblGrid>`, width)
	fmt.Fprintf(&w.b, `<w:tr><w:trPr><w:trHeight w:val="%d" w:hRule="atLeast"/><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/><w:shd w:val="clear" w:color="auto" w:fill="%s"/></w:tcPr>`, h, width, hexFill)
	w.b.WriteString(`<w:p><w:pPr><w:spacing w:before="40" w:after="40"/></w:pPr>`)
	w.sdt(f, alias, false)
	w.b.WriteString("</w:p></w:tc></w:tr></w:tbl>")
	// a table in a cell must be followed by a paragraph
	w.b.WriteString(`<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="120" w:lineRule="exact"/></w:pPr></w:p>`)
}

func (w *docxWriter) item(it *Item) {
	w.b.WriteString(`<w:tr><w:trPr><w:cantSplit/></w:trPr>`)
	fmt.Fprintf(&w.b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr>`, twLabelW)
	w.para(it.Label, 19, "", `<w:spacing w:before="60" w:after="20"/>`)
	if it.Hint != "" {
		w.para(it.Hint, 15, hexMuted, `<w:spacing w:before="0" w:after="40"/>`)
	}
	fmt.Fprintf(&w.b, `</w:tc><w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr>`, twFieldW)
	if len(it.Fields) == 0 {
		w.b.WriteString("<w:p/>")
	}
	for i, f := range it.Fields {
		if i == 0 {
			w.b.WriteString(`<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="80" w:lineRule="exact"/></w:pPr></w:p>`)
		}
		alias := tipOf(it.Label, f.Label)
		switch f.Kind {
		case TextField:
			w.box(f, alias)
		case NoteText:
			w.para(f.Label, 16, hexMuted, fmt.Sprintf(`<w:spacing w:before="20" w:after="20"/><w:ind w:left="%d"/>`, f.Indent*twIndent))
		case CheckBox:
			fmt.Fprintf(&w.b, `<w:p><w:pPr><w:spacing w:before="10" w:after="10"/><w:ind w:left="%d"/></w:pPr>`, f.Indent*twIndent)
			w.sdt(f, alias, false)
			w.run(" "+f.Label+" ", 19, "", "")
			if f.Inline != nil {
				w.sdt(*f.Inline, alias, true)
			}
			w.b.WriteString("</w:p>")
		}
	}
	w.b.WriteString(`<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="80" w:lineRule="exact"/></w:pPr></w:p>`)
	w.b.WriteString("</w:tc></w:tr>")
}

func (w *docxWriter) section(sec *Section) {
	pPr := fmt.Sprintf(`<w:keepNext/><w:shd w:val="clear" w:color="auto" w:fill="%s"/><w:spacing w:before="240" w:after="0"/><w:ind w:left="80" w:right="80"/>`, hexAccent)
	if sec.NewPage {
		pPr = "<w:pageBreakBefore/>" + pPr
	}
	w.b.WriteString("<w:p><w:pPr>" + pPr + "</w:pPr>")
	w.run(sec.Title, 22, "FFFFFF", "<w:b/>")
	w.b.WriteString("</w:p>")
	if sec.Note != "" {
		w.para(sec.Note, 16, hexMuted, `<w:keepNext/><w:spacing w:before="40" w:after="40"/>`)
	}
	fmt.Fprintf(&w.b, `<w:tbl><w:tblPr><w:tblW w:w="%d" w:type="dxa"/><w:tblBorders><w:insideH w:val="single" w:sz="4" w:space="0" w:color="%s"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="%s"/></w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="60" w:type="dxa"/><w:right w:w="60" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid><w:gridCol w:w="%d"/><w:gridCol w:w="%d"/></w:tblGrid>`, twBodyW, hexRule, hexRule, twLabelW, twFieldW)
	for i := range sec.Items {
		w.item(&sec.Items[i])
	}
	w.b.WriteString("</w:tbl>")
}

func (w *docxWriter) document() string {
	s := w.s
	w.b.WriteString(xml.Header)
	fmt.Fprintf(&w.b, `<w:document xmlns:w="%s" xmlns:r="%s" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:w14="%s" mc:Ignorable="w14"><w:body>`, nsW, nsR, nsW14)
	if s.Subtitle != "" {
		w.para(s.Subtitle, 20, hexMuted, `<w:spacing w:before="0" w:after="40"/>`)
	}
	w.para(s.Title, 32, hexAccent, fmt.Sprintf(`<w:pStyle w:val="Title"/><w:pBdr><w:bottom w:val="single" w:sz="12" w:space="4" w:color="%s"/></w:pBdr><w:spacing w:before="0" w:after="160"/>`, hexAccent))
	for _, p := range s.Intro {
		w.para(p, 17, "", `<w:spacing w:before="0" w:after="80"/>`)
	}
	for i := range s.Sections {
		w.section(&s.Sections[i])
	}
	// the form's kind and version, locked
	_, _, form, version := s.words()
	w.b.WriteString(`<w:p><w:pPr><w:spacing w:before="240" w:after="0"/><w:jc w:val="right"/></w:pPr>`)
	w.run(form+" ", 14, hexMuted, "")
	w.sdt(Text(KindField, 1, s.Kind).Fixed(), form, false)
	w.run(" · "+version+" ", 14, hexMuted, "")
	w.sdt(Text(VersionField, 1, s.Version).Fixed(), version, false)
	w.b.WriteString("</w:p>")
	fmt.Fprintf(&w.b, `<w:sectPr><w:footerReference w:type="default" r:id="rIdFooter"/><w:pgSz w:w="%d" w:h="%d"/><w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="500" w:footer="500" w:gutter="0"/></w:sectPr>`,
		twPageW, twPageH, twMargin, twMargin, twMargin, twMargin)
	w.b.WriteString("</w:body></w:document>")
	return w.b.String()
}

func (s *Spec) footerXML() string {
	_, pageOf, _, _ := s.words()
	var b strings.Builder
	b.WriteString(xml.Header)
	fmt.Fprintf(&b, `<w:ftr xmlns:w="%s" xmlns:r="%s"><w:p><w:pPr><w:pBdr><w:top w:val="single" w:sz="4" w:space="4" w:color="%s"/></w:pBdr><w:tabs><w:tab w:val="right" w:pos="%d"/></w:tabs></w:pPr>`, nsW, nsR, hexRule, twBodyW)
	small := fmt.Sprintf(`<w:rPr><w:color w:val="%s"/><w:sz w:val="14"/></w:rPr>`, hexMuted)
	fmt.Fprintf(&b, `<w:r>%s<w:t xml:space="preserve">%s</w:t></w:r><w:r>%s<w:tab/></w:r>`, small, esc(s.Footer), small)
	// "Page %d of %s" with PAGE and NUMPAGES fields
	before, after, _ := strings.Cut(pageOf, "%d")
	mid, tail, _ := strings.Cut(after, "%s")
	field := func(instr string) {
		fmt.Fprintf(&b, `<w:r>%s<w:fldChar w:fldCharType="begin"/></w:r><w:r>%s<w:instrText xml:space="preserve"> %s </w:instrText></w:r><w:r>%s<w:fldChar w:fldCharType="separate"/></w:r><w:r>%s<w:t>1</w:t></w:r><w:r>%s<w:fldChar w:fldCharType="end"/></w:r>`, small, small, instr, small, small, small)
	}
	text := func(t string) {
		if t != "" {
			fmt.Fprintf(&b, `<w:r>%s<w:t xml:space="preserve">%s</w:t></w:r>`, small, esc(t))
		}
	}
	text(before)
	field("PAGE")
	text(mid)
	field("NUMPAGES")
	text(tail)
	b.WriteString("</w:p></w:ftr>")
	return b.String()
}

func (s *Spec) stylesXML() string {
	return xml.Header + fmt.Sprintf(`<w:styles xmlns:w="%s"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="Microsoft JhengHei" w:cs="Calibri"/><w:sz w:val="19"/><w:szCs w:val="19"/><w:lang w:val="en-GB" w:eastAsia="zh-HK" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="252" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>`, nsW) +
		`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:qFormat/></w:style>` +
		`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
		`</w:styles>`
}

// DOCX returns s as a Word document with content controls. The same spec
// and date give the same bytes.
func (s *Spec) DOCX(date time.Time) ([]byte, error) {
	if err := s.Check(); err != nil {
		return nil, apperr.Wrap(err, apperr.Internal, "The form could not be made.")
	}
	if date.IsZero() {
		date = time.Now()
	}
	w := &docxWriter{s: s, nextID: 1000}
	doc := w.document()
	lang := "en-GB"
	if s.Lang == "zh-HK" {
		lang = "zh-HK"
	}
	stamp := date.UTC().Format(time.RFC3339)
	files := []struct{ name, body string }{
		{"[Content_Types].xml", xml.Header + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
			`<Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
			`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
			`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
			`<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
			`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
			`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
			`<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>` +
			`</Types>`},
		{"_rels/.rels", xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
			`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
			`<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/>` +
			`</Relationships>`},
		{"word/_rels/document.xml.rels", xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
			`<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>` +
			`<Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>` +
			`</Relationships>`},
		{"word/document.xml", doc},
		{"word/styles.xml", s.stylesXML()},
		{"word/settings.xml", xml.Header + fmt.Sprintf(`<w:settings xmlns:w="%s"><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/><w:themeFontLang w:val="%s" w:eastAsia="zh-HK"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>`, nsW, lang)},
		{"word/footer1.xml", s.footerXML()},
		{"docProps/core.xml", xml.Header + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
			`<dc:title>` + esc(s.Title) + `</dc:title><dc:subject>` + esc(s.Kind+" version "+s.Version) + `</dc:subject><dc:language>` + lang + `</dc:language><cp:keywords>` + esc("form_kind="+s.Kind+" form_version="+s.Version) + `</cp:keywords>` +
			`<dcterms:created xsi:type="dcterms:W3CDTF">` + stamp + `</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">` + stamp + `</dcterms:modified></cp:coreProperties>`},
		{"docProps/app.xml", xml.Header + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>atpreg</Application></Properties>`},
		{"docProps/custom.xml", xml.Header + fmt.Sprintf(`<Properties xmlns="%s" xmlns:vt="%s">`, nsCustom, nsVT) +
			`<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="` + propKind + `"><vt:lpwstr>` + esc(s.Kind) + `</vt:lpwstr></property>` +
			`<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="` + propVersion + `"><vt:lpwstr>` + esc(s.Version) + `</vt:lpwstr></property>` +
			`</Properties>`},
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range files {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: date.UTC()})
		if err != nil {
			return nil, apperr.Wrap(err, apperr.Internal, "The Word form could not be written.")
		}
		if _, err := fw.Write([]byte(f.body)); err != nil {
			return nil, apperr.Wrap(err, apperr.Internal, "The Word form could not be written.")
		}
	}
	if err := zw.Close(); err != nil {
		return nil, apperr.Wrap(err, apperr.Internal, "The Word form could not be written.")
	}
	return out.Bytes(), nil
}
