package outlookmsg

import (
	"strings"
	"unicode/utf16"
)

// RTFText turns an RTF document into what a person reads. For RTF that
// encapsulates HTML (\fromhtml1, what Outlook stores for an HTML message that
// has only its RTF body) it returns the HTML recovered per MS-OXRTFEX and
// html = true; otherwise it returns plain text: paragraphs as line breaks,
// \'hh bytes decoded in the document's code page (\ansicpg, or the font's
// \fcharset), \uN characters, and without font tables, colour tables,
// pictures, field instructions and other destinations a reader never sees.
func RTFText(rtf []byte) (text string, html bool) {
	p := rtfParser{src: rtf, ansiCP: 1252, fontCP: map[int]int{}}
	p.run()
	p.flush()
	out := p.out.String()
	if !p.fromHTML {
		out = tidyText(out)
	}
	return out, p.fromHTML
}

// rtfState is the part of the parser's state that a group ({...}) scopes.
type rtfState struct {
	skip       bool // inside a destination whose text is not shown
	fontTbl    bool // inside \fonttbl
	htmlTag    bool // inside {\*\htmltagN ...} of encapsulated HTML
	suppress   bool // between \htmlrtf and \htmlrtf0: RTF-only text of encapsulated HTML
	uc         int  // characters to skip after \uN
	font       int
	fresh      bool // no control word read yet in this group
	ignoreDest bool // the group began with \*
}

type rtfParser struct {
	src      []byte
	i        int
	st       rtfState
	stack    []rtfState
	ansiCP   int
	fontCP   map[int]int // font number -> code page from \fcharset
	defFont  int
	tblFont  int // the font being defined inside \fonttbl
	fromHTML bool
	skipN    int // fallback characters still to skip after \uN
	pending  []byte
	pendCP   int
	surr     uint16 // a high surrogate waiting for its low half
	out      strings.Builder
}

// maxRTFDepth bounds the group stack against hostile input.
const maxRTFDepth = 1000

// skippedDest are destinations whose content is not body text.
var skippedDest = map[string]bool{
	"fonttbl": true, "colortbl": true, "stylesheet": true, "info": true, "pict": true,
	"object": true, "objdata": true, "objclass": true, "header": true, "footer": true,
	"headerl": true, "headerr": true, "headerf": true, "footerl": true, "footerr": true,
	"footerf": true, "listtable": true, "listoverridetable": true, "rsidtbl": true,
	"generator": true, "xmlnstbl": true, "themedata": true, "colorschememapping": true,
	"latentstyles": true, "datastore": true, "filetbl": true, "revtbl": true, "fldinst": true,
	"bkmkstart": true, "bkmkend": true, "pgdsctbl": true, "mmathPr": true, "private": true,
	"pntxtb": true, "pntxta": true, "nonshppict": true, "shppict": true, "template": true,
	"userprops": true, "docvar": true, "xe": true, "tc": true, "txe": true, "wgrffmtfilter": true,
	"mhtmltag": true, "fchars": true, "lchars": true, "ftnsep": true, "ftnsepc": true,
	"aftnsep": true, "aftnsepc": true, "protusertbl": true, "defchp": true, "defpap": true,
}

// symbols are control words that stand for one character.
var symbols = map[string]string{
	"par": "\n", "line": "\n", "sect": "\n", "page": "\n", "row": "\n", "tab": "\t",
	"cell": "\t", "emdash": "\u2014", "endash": "\u2013", "bullet": "\u2022",
	"lquote": "\u2018", "rquote": "\u2019", "ldblquote": "\u201c", "rdblquote": "\u201d",
	"emspace": " ", "enspace": " ", "qmspace": " ", "zwj": "\u200d", "zwnj": "\u200c",
}

// charsetCP maps an RTF \fcharset to a Windows code page (0 = the \ansicpg).
var charsetCP = map[int]int{
	77: 10000, 128: 932, 129: 949, 130: 1361, 134: 936, 136: 950, 161: 1253,
	162: 1254, 163: 1258, 177: 1255, 178: 1256, 186: 1257, 204: 1251, 222: 874,
	238: 1250, 254: 437, 255: 850,
}

func (p *rtfParser) run() {
	p.st.uc = 1
	for p.i < len(p.src) {
		c := p.src[p.i]
		p.i++
		switch c {
		case '{':
			if len(p.stack) >= maxRTFDepth {
				return
			}
			p.stack = append(p.stack, p.st)
			p.st.fresh = true
			p.st.ignoreDest = false
			p.skipN = 0
		case '}':
			if len(p.stack) == 0 {
				return // the end of the document (anything after is not RTF)
			}
			p.st = p.stack[len(p.stack)-1]
			p.stack = p.stack[:len(p.stack)-1]
			p.skipN = 0
		case '\\':
			p.control()
		case '\r', '\n':
			// line breaks in RTF source carry no meaning
		default:
			p.st.fresh = false
			p.char(c)
		}
	}
}

// visible reports whether text read now is part of the output.
func (p *rtfParser) visible() bool {
	if p.st.skip || p.st.fontTbl {
		return false
	}
	if p.st.htmlTag {
		return true
	}
	return !p.st.suppress
}

// char handles one literal byte of text.
func (p *rtfParser) char(c byte) {
	if p.skipN > 0 {
		p.skipN--
		return
	}
	if !p.visible() {
		return
	}
	if c < 0x20 && c != '\t' {
		return // control characters are not text
	}
	if c < 0x80 {
		p.emit(string(rune(c)))
		return
	}
	p.byteIn(c)
}

// byteIn queues a byte of the current code page (\'hh or an 8-bit literal).
func (p *rtfParser) byteIn(c byte) {
	cp := p.codePage()
	if len(p.pending) > 0 && cp != p.pendCP {
		p.flush()
	}
	p.pendCP = cp
	p.pending = append(p.pending, c)
}

func (p *rtfParser) codePage() int {
	if cp, ok := p.fontCP[p.st.font]; ok && cp != 0 {
		return cp
	}
	return p.ansiCP
}

func (p *rtfParser) flush() {
	if len(p.pending) > 0 {
		if p.pendCP == -2 { // a Symbol font: only its bullet means anything to a reader
			for _, b := range p.pending {
				if b == 0xb7 {
					p.out.WriteString("\u2022")
				}
			}
		} else {
			p.out.WriteString(DecodeCodePage(p.pendCP, p.pending))
		}
		p.pending = p.pending[:0]
	}
	if p.surr != 0 {
		p.out.WriteRune('\uFFFD')
		p.surr = 0
	}
}

func (p *rtfParser) emit(s string) {
	if len(p.pending) > 0 || p.surr != 0 {
		p.flush()
	}
	p.out.WriteString(s)
}

// control reads a control word or control symbol after a backslash.
func (p *rtfParser) control() {
	if p.i >= len(p.src) {
		return
	}
	c := p.src[p.i]
	if !isLetter(c) {
		p.i++
		p.controlSymbol(c)
		return
	}
	start := p.i
	for p.i < len(p.src) && isLetter(p.src[p.i]) && p.i-start < 32 {
		p.i++
	}
	word := string(p.src[start:p.i])
	param, hasParam := 0, false
	neg := false
	if p.i < len(p.src) && p.src[p.i] == '-' {
		neg = true
		p.i++
	}
	digits := 0
	for p.i < len(p.src) && p.src[p.i] >= '0' && p.src[p.i] <= '9' {
		if digits < 10 {
			param = param*10 + int(p.src[p.i]-'0')
		}
		digits++
		hasParam = true
		p.i++
	}
	if neg {
		param = -param
	}
	if p.i < len(p.src) && p.src[p.i] == ' ' {
		p.i++
	}
	p.word(word, param, hasParam)
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func (p *rtfParser) controlSymbol(c byte) {
	fresh := p.st.fresh
	p.st.fresh = false
	switch c {
	case '*':
		if fresh {
			p.st.ignoreDest = true
			p.st.fresh = true // the destination's word comes next
		}
	case '\'':
		if p.i+2 > len(p.src) {
			p.i = len(p.src)
			return
		}
		v, ok := hexByte(p.src[p.i], p.src[p.i+1])
		p.i += 2
		if !ok {
			return
		}
		if p.skipN > 0 {
			p.skipN--
			return
		}
		if !p.visible() {
			return
		}
		p.byteIn(v)
	case '{', '}', '\\':
		p.char(c)
	case '~':
		p.text("\u00a0")
	case '_':
		p.text("-")
	case '-':
		// an optional hyphen: not shown
	case '\r', '\n':
		p.text("\n")
	case '|', ':':
		// formula and index subentry marks: not text
	}
}

// text emits s if the current group is shown.
func (p *rtfParser) text(s string) {
	if p.skipN > 0 {
		p.skipN--
		return
	}
	if p.visible() {
		p.emit(s)
	}
}

func hexByte(a, b byte) (byte, bool) {
	h, ok1 := hexVal(a)
	l, ok2 := hexVal(b)
	return h<<4 | l, ok1 && ok2
}

func hexVal(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

func (p *rtfParser) word(w string, param int, hasParam bool) {
	fresh := p.st.fresh
	p.st.fresh = false
	if fresh {
		// The first word of a group may name a destination.
		switch {
		case w == "fonttbl":
			p.st.fontTbl = true
			return
		case w == "htmltag" && p.fromHTML:
			p.st.htmlTag = true
			return
		case skippedDest[w]:
			p.st.skip = true
			return
		case p.st.ignoreDest && w != "ud" && w != "upr":
			// An unknown \* destination: skip it, as RTF readers must.
			p.st.skip = true
			return
		}
	}
	if w != "u" {
		p.skipN = 0
	}
	switch w {
	case "rtf":
	case "fromhtml":
		p.fromHTML = true
	case "htmlrtf":
		p.st.suppress = !hasParam || param != 0
	case "ansicpg":
		if knownCodePage(param) {
			p.ansiCP = param
		}
	case "ansi":
		p.ansiCP = 1252
	case "mac":
		p.ansiCP = 10000
	case "pc":
		p.ansiCP = 437
	case "pca":
		p.ansiCP = 850
	case "deff":
		p.defFont = param
		p.st.font = param
	case "f":
		if p.st.fontTbl {
			p.tblFont = param
		} else {
			p.st.font = param
		}
	case "fcharset":
		if p.st.fontTbl {
			switch {
			case param == 2:
				p.fontCP[p.tblFont] = -2
			default:
				p.fontCP[p.tblFont] = charsetCP[param]
			}
		}
	case "cpg":
		if p.st.fontTbl && knownCodePage(param) {
			p.fontCP[p.tblFont] = param
		}
	case "plain":
		p.st.font = p.defFont
	case "uc":
		if param >= 0 && param < 16 {
			p.st.uc = param
		}
	case "u":
		p.unicode(param)
	case "bin":
		if param > 0 {
			p.i += param
			if p.i > len(p.src) || p.i < 0 {
				p.i = len(p.src)
			}
		}
	default:
		if s, ok := symbols[w]; ok {
			if p.fromHTML && !p.st.htmlTag && w == "par" {
				s = "\r\n"
			}
			p.text(s)
		}
	}
}

// unicode handles \uN (N is a signed 16-bit number) and arranges for its
// fallback characters to be skipped.
func (p *rtfParser) unicode(n int) {
	show := p.visible()
	p.skipN = p.st.uc
	if n < 0 {
		n += 65536
	}
	if n < 0 || n > 0xffff || !show {
		return
	}
	r := uint16(n)
	switch {
	case utf16.IsSurrogate(rune(r)) && r < 0xdc00:
		if len(p.pending) > 0 || p.surr != 0 {
			p.flush()
		}
		p.surr = r
	case utf16.IsSurrogate(rune(r)):
		if p.surr != 0 {
			hi := p.surr
			p.surr = 0
			p.out.WriteRune(utf16.DecodeRune(rune(hi), rune(r)))
		} else {
			p.emit("\uFFFD")
		}
	default:
		p.emit(string(rune(r)))
	}
}

// tidyText normalises line ends, drops trailing spaces on each line and
// leading and trailing blank lines, and keeps at most one empty line in a row.
func tidyText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	lines := strings.Split(s, "\n")
	out := make([]string, 0, len(lines))
	blank := 0
	for _, l := range lines {
		l = strings.TrimRight(l, " \t\u00a0")
		if l == "" {
			blank++
			if blank > 1 {
				continue
			}
		} else {
			blank = 0
		}
		out = append(out, l)
	}
	return strings.Trim(strings.Join(out, "\n"), "\n")
}
