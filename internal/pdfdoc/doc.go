// Package pdfdoc is the small layout kit behind the confidential PDFs
// (briefing packs, demand summary): A4 pages in the house style with a
// "CONFIDENTIAL" header band, a footer with the document id and "Page X of Y",
// an optional diagonal recipient watermark, and helpers for headings,
// paragraphs, label/value tables, tables, charts and note boxes.
//
// All text goes through font.Sanitize; Replaced reports where characters had
// to be replaced. A Doc records its content and lays it out when Bytes is
// called, in one pass over a font subset holding only the characters used:
// fpdf parses the full 4.6 MB CJK font in about 35 ms for every document (and
// again when writing it), a subset in well under a millisecond. The full font
// is indexed once per process by package font.
//
// Output is reproducible: the same content and Options give the same bytes.
// Encrypt seals a finished PDF with AES-256.
package pdfdoc

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"atpreg/internal/apperr"
	"atpreg/internal/pdfdoc/font"
)

// Options describe a document. Title and DocumentID appear on every page.
type Options struct {
	Title      string    // printed in the header band of every page and in the metadata
	Subject    string    // metadata only
	Author     string    // metadata only; omitted when Anonymous
	DocumentID string    // printed in the footer of every page, e.g. "BP-2026-014"
	Recipient  string    // named in the watermark and footer
	CopyNo     int       // copy number for the watermark and footer; 0 for none
	Watermark  bool      // draw "CONFIDENTIAL · <Recipient> · Copy N" diagonally on every page
	Clock      time.Time // creation and modification date; fixed for reproducible output (zero: now)
	Anonymous  bool      // the metadata carries no names (no Author, no Recipient)
	// Lang is the language of the page furniture (header, footer, watermark,
	// note boxes): "" or "en" English, "zh-HK" Traditional Chinese.
	Lang string
}

// furniture is the fixed text every page carries, in one language.
type furniture struct {
	confidential string // the header band's word and the watermark's first
	forRecipient string // the footer's recipient, with one %s
	copyNo       string // the copy number, with one %d
	page         string // "Page N of M", with one %s (the page number) and {nb}
	pageWidest   string // the widest page text, for its box
	notes        string // a notes box's label
}

var furnitures = map[string]furniture{
	"en": {confidential: "CONFIDENTIAL", forRecipient: "For %s", copyNo: "Copy %d", page: "Page %s of {nb}",
		pageWidest: "Page 0000 of 0000", notes: "Notes"},
	"zh-HK": {confidential: "機密", forRecipient: "收件人：%s", copyNo: "第 %d 份", page: "第 %s 頁，共 {nb} 頁",
		pageWidest: "第 0000 頁，共 0000 頁", notes: "筆記"},
}

// Replacement says where characters the font cannot print were replaced.
type Replacement struct {
	Where string // the caller's context and field, e.g. "Entity X / composition"
	Runes []rune // the replaced characters, each once
}

// Doc is a document being composed. Its methods record content; Bytes lays
// it out. A Doc is not safe for concurrent use.
type Doc struct {
	opt      Options
	words    furniture
	title    string // sanitized header title
	docID    string
	mark     string // watermark text, "" for none
	footMid  string // centre of the footer
	context  string
	ops      []func(*renderer)
	runes    map[rune]struct{}
	replaced []Replacement
	err      error
}

// New starts a document. It fails (apperr.Invalid) when a watermark is asked
// for without a recipient, the copy number is negative or the language is
// neither en nor zh-HK.
func New(opt Options) (*Doc, error) {
	if opt.Watermark && strings.TrimSpace(opt.Recipient) == "" {
		return nil, apperr.New(apperr.Invalid, "A watermarked document needs a recipient.")
	}
	if opt.CopyNo < 0 {
		return nil, apperr.New(apperr.Invalid, "The copy number cannot be negative.")
	}
	if opt.Lang == "" {
		opt.Lang = "en"
	}
	words, ok := furnitures[opt.Lang]
	if !ok {
		return nil, apperr.New(apperr.Invalid, "%q is not a language of the documents; use en or zh-HK.", opt.Lang)
	}
	if opt.Clock.IsZero() {
		opt.Clock = time.Now()
	}
	d := &Doc{opt: opt, words: words, runes: make(map[rune]struct{})}
	d.text("", strings.NewReplacer("%s", "", "%d", "", "{nb}", "").Replace(words.confidential+words.forRecipient+words.copyNo+words.page)+words.pageWidest+"0123456789 · —…")
	d.title = d.text("document title", opt.Title)
	d.docID = d.text("document id", opt.DocumentID)
	recipient := d.text("recipient", opt.Recipient)
	var mid []string
	if recipient != "" {
		mid = append(mid, fmt.Sprintf(words.forRecipient, recipient))
	}
	if opt.CopyNo > 0 {
		mid = append(mid, fmt.Sprintf(words.copyNo, opt.CopyNo))
	}
	d.footMid = strings.Join(mid, " · ")
	if opt.Watermark {
		d.mark = words.confidential + " · " + recipient
		if opt.CopyNo > 0 {
			d.mark += " · " + fmt.Sprintf(words.copyNo, opt.CopyNo)
		}
	}
	if !opt.Anonymous {
		d.text("author", opt.Author)
	}
	d.text("subject", opt.Subject)
	return d, nil
}

// SetContext sets the label that prefixes the Where of replacements reported
// for the text that follows, e.g. "Ocean Cell Therapeutics / product 2".
func (d *Doc) SetContext(where string) { d.context = where }

// Replaced returns the places where characters were replaced, in the order
// first met, each place once.
func (d *Doc) Replaced() []Replacement {
	out := make([]Replacement, len(d.replaced))
	for i, r := range d.replaced {
		out[i] = Replacement{Where: r.Where, Runes: append([]rune(nil), r.Runes...)}
	}
	return out
}

// text sanitizes s for printing, records the runes it uses and reports any
// replacement under the current context and field. Tabs become spaces.
func (d *Doc) text(field, s string) string {
	out, replaced := font.Sanitize(s)
	out = strings.ReplaceAll(out, "\t", "    ")
	for _, r := range out {
		d.runes[r] = struct{}{}
	}
	if len(replaced) > 0 {
		where := d.context
		switch {
		case where == "":
			where = field
		case field != "":
			where += " / " + field
		}
		d.addReplaced(where, replaced)
	}
	return out
}

func (d *Doc) addReplaced(where string, rs []rune) {
	for i := range d.replaced {
		if d.replaced[i].Where == where {
			for _, r := range rs {
				if !containsRune(d.replaced[i].Runes, r) {
					d.replaced[i].Runes = append(d.replaced[i].Runes, r)
				}
			}
			return
		}
	}
	d.replaced = append(d.replaced, Replacement{Where: where, Runes: append([]rune(nil), rs...)})
}

func containsRune(rs []rune, r rune) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

func (d *Doc) add(op func(*renderer)) { d.ops = append(d.ops, op) }

func (d *Doc) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf(format, args...)
	}
}

// Bytes lays the document out and returns the PDF. The same content and
// Options give the same bytes. Bytes may be called again after more content
// is added.
func (d *Doc) Bytes() ([]byte, error) {
	if d.err != nil {
		return nil, apperr.Wrap(d.err, apperr.Internal, "The PDF could not be laid out.")
	}
	runes := make([]rune, 0, len(d.runes))
	for r := range d.runes {
		runes = append(runes, r)
	}
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCatalogSort(true)
	pdf.SetCompression(false) // deflatePages compresses the pages with one writer
	pdf.SetCreationDate(d.opt.Clock)
	pdf.SetModificationDate(d.opt.Clock)
	pdf.SetProducer("atpreg", false)
	pdf.SetCreator("atpreg", false)
	pdf.SetTitle(d.title, true)
	if d.opt.Subject != "" {
		s, _ := font.Sanitize(d.opt.Subject)
		pdf.SetSubject(s, true)
	}
	if d.opt.Author != "" && !d.opt.Anonymous {
		s, _ := font.Sanitize(d.opt.Author)
		pdf.SetAuthor(s, true)
	}
	pdf.SetKeywords(d.words.confidential+" "+d.docID, true)
	pdf.AddUTF8FontFromBytes(fontFamily, "", font.Subset(runes))
	pdf.SetAutoPageBreak(false, marginBottom)
	pdf.SetMargins(marginLeft, marginTop, marginRight)
	pdf.AliasNbPages("{nb}")
	pdf.SetDisplayMode("fullpage", "single")
	pdf.SetFont(fontFamily, "", sizeBody) // for measuring; no page yet, so nothing is written
	r := &renderer{d: d, pdf: pdf, size: sizeBody, col: colInk, k: pdf.GetConversionRatio(), widths: make(map[rune]float64)}
	pdf.SetHeaderFunc(r.header)
	pdf.SetFooterFunc(r.footer)
	if err := pdf.Error(); err != nil {
		return nil, apperr.Wrap(err, apperr.Internal, "The PDF could not be started.")
	}
	r.newPage()
	for _, op := range d.ops {
		op(r)
	}
	var whole borrow
	if err := pdf.Output(&whole); err != nil {
		return nil, apperr.Wrap(err, apperr.Internal, "The PDF could not be written.")
	}
	out, err := deflatePages(whole.b)
	if err != nil {
		return nil, apperr.Wrap(err, apperr.Internal, "The PDF could not be compressed.")
	}
	return out, nil
}

// borrow receives fpdf's finished document without copying it: Output hands
// its whole buffer to one Write and never touches it again, and
// deflatePages only reads it (a copy would add the uncompressed document,
// about 10 MB for 1,000 pages, to the peak).
type borrow struct{ b []byte }

func (w *borrow) Write(p []byte) (int, error) {
	if w.b == nil {
		w.b = p
	} else {
		w.b = append(slices.Clip(w.b), p...) // never into the lent buffer

	}
	return len(p), nil
}
