package forms

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strings"

	"atpreg/internal/apperr"
)

// Limits on what ReadDOCX accepts. The parts it reads are streamed through
// the XML decoder, so memory stays near the size of the values found, not of
// the document.
const (
	// MaxDOCXBytes is the largest Word file ReadDOCX reads.
	MaxDOCXBytes   = 32 << 20
	maxZipEntries  = 2000
	maxPartBytes   = 64 << 20 // what one part read may unpack to (a zip bomb stops here)
	maxControls    = 5000     // content controls in the document
	maxRelsBytes   = 1 << 20
	maxCustomBytes = 1 << 20
)

var errTooBig = errors.New("part too large")

// ReadDOCX returns the values of the form in the Word document data: the
// text of each plain-text content control by its tag (empty while it shows
// its placeholder), which checkbox controls are ticked (w14:checked 1 or
// true), the form's kind and version. A file that is not a Word document,
// unpacks to too much, is encrypted or carries no form_kind gives an
// *apperr.Error saying what to do.
func ReadDOCX(data []byte) (Values, error) {
	if len(data) > MaxDOCXBytes {
		return Values{}, apperr.New(apperr.Invalid, "The Word document is too large to be a filled form: %d MB, at most %d MB. Send the form itself, without pictures or attachments.", len(data)>>20, MaxDOCXBytes>>20)
	}
	if bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}) {
		return Values{}, apperr.New(apperr.Invalid, "This Word document is protected with a password or saved in the old .doc format, so its answers cannot be read. Ask the entity to save the form as a .docx without a password.")
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return Values{}, apperr.Wrap(err, apperr.Invalid, "This file is not a Word document (.docx). Send the filled form as the .docx it came as, or as a PDF.")
	}
	if len(zr.File) > maxZipEntries {
		return Values{}, apperr.New(apperr.Invalid, "This Word document holds more than %d parts; it is not a form made by atpreg.", maxZipEntries)
	}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[strings.TrimPrefix(f.Name, "/")] = f
	}
	docPath, customPath := "word/document.xml", "docProps/custom.xml"
	if rels, ok := files["_rels/.rels"]; ok {
		if b, err := readPart(rels, maxRelsBytes); err == nil {
			for _, r := range parseRels(b) {
				t := strings.TrimPrefix(path.Clean("/"+r.target), "/")
				switch {
				case strings.HasSuffix(r.typ, "/officeDocument"):
					docPath = t
				case strings.HasSuffix(r.typ, "/custom-properties"):
					customPath = t
				}
			}
		}
	}
	doc, ok := files[docPath]
	if !ok {
		return Values{}, apperr.New(apperr.Invalid, "This file is a zip archive but not a Word document (.docx). Send the filled form as the .docx it came as, or as a PDF.")
	}
	v := Values{Text: map[string]string{}, Checked: map[string]bool{}}
	if err := readControls(doc, &v); err != nil {
		return Values{}, err
	}
	v.Kind = strings.TrimSpace(v.Text[KindField])
	v.Version = strings.TrimSpace(v.Text[VersionField])
	if v.Kind == "" {
		if f, ok := files[customPath]; ok {
			if b, err := readPart(f, maxCustomBytes); err == nil {
				props := parseCustom(b)
				v.Kind, v.Version = strings.TrimSpace(props[propKind]), strings.TrimSpace(props[propVersion])
			}
		}
	}
	if v.Kind == "" {
		return Values{}, notOurs("Word document")
	}
	if len(v.Text) == 0 && len(v.Checked) == 0 {
		return Values{}, apperr.New(apperr.Invalid, "This Word document was made from an atpreg form but its fields (content controls) are gone: the word processor that saved it removed them, or the text was copied into a new document. Ask the entity to fill in the form itself in Word or LibreOffice and save it, or to use the PDF form.")
	}
	return v, nil
}

// readPart returns the unpacked part, failing past limit bytes.
func readPart(f *zip.File, limit int64) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, errTooBig
	}
	return b, nil
}

type rel struct{ typ, target string }

func parseRels(b []byte) []rel {
	var x struct {
		Rels []struct {
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
			Mode   string `xml:"TargetMode,attr"`
		} `xml:"Relationship"`
	}
	if xml.Unmarshal(b, &x) != nil {
		return nil
	}
	var out []rel
	for _, r := range x.Rels {
		if r.Mode == "" || r.Mode == "Internal" {
			out = append(out, rel{r.Type, r.Target})
		}
	}
	return out
}

func parseCustom(b []byte) map[string]string {
	var x struct {
		Props []struct {
			Name  string `xml:"name,attr"`
			Inner []byte `xml:",innerxml"`
		} `xml:"property"`
	}
	out := map[string]string{}
	if xml.Unmarshal(b, &x) != nil {
		return out
	}
	for _, p := range x.Props {
		var v struct {
			S string `xml:",chardata"`
		}
		// the value is one vt: element (lpwstr, lpstr, ...)
		if xml.Unmarshal(bytes.TrimSpace(p.Inner), &v) == nil {
			out[p.Name] = v.S
		}
	}
	return out
}

// isW reports whether n is in WordprocessingML's namespace (transitional or
// strict).
func isW(n xml.Name, local string) bool {
	return n.Local == local && (n.Space == nsW || n.Space == nsWStrict)
}

// onOff reads an OOXML on/off attribute: absent means on.
func onOff(attrs []xml.Attr) bool {
	for _, a := range attrs {
		if a.Name.Local == "val" {
			switch strings.ToLower(strings.TrimSpace(a.Value)) {
			case "0", "false", "off":
				return false
			}
		}
	}
	return true
}

func attr(attrs []xml.Attr, local string) string {
	for _, a := range attrs {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// control is a content control being read.
type control struct {
	tag         string
	checkbox    bool
	checked     bool
	placeholder bool
	text        strings.Builder
	inContent   bool
	inPr        bool
	bookmark    string // the bookmark just before it or at its content's start
	hasText     bool
}

// name returns the control's field name: its tag, else its bookmark's.
func (c *control) name() string {
	if c.tag != "" {
		return c.tag
	}
	return fieldNameOfBookmark(c.bookmark)
}

// readControls streams document.xml and records every tagged content
// control: a checkbox's state, a text control's text.
func readControls(f *zip.File, v *Values) error {
	damaged := func(err error) error {
		if errors.Is(err, errTooBig) {
			return apperr.New(apperr.Invalid, "This Word document unpacks to more than %d MB; it is not a form made by atpreg.", maxPartBytes>>20)
		}
		return apperr.Wrap(err, apperr.Invalid, "This Word document is damaged, so its form cannot be read. Ask the entity to save the filled form again and send it.")
	}
	rc, err := f.Open()
	if err != nil {
		return damaged(err)
	}
	defer rc.Close()
	lr := &limitReader{r: rc, n: maxPartBytes}
	dec := xml.NewDecoder(lr)
	var stack []*control
	count := 0
	pending := "" // a bookmark that started with nothing after it yet
	top := func() *control {
		if len(stack) == 0 {
			return nil
		}
		return stack[len(stack)-1]
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			if lr.over {
				return damaged(errTooBig)
			}
			return damaged(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			c := top()
			switch {
			case isW(t.Name, "sdt"):
				count++
				if count > maxControls {
					return apperr.New(apperr.Invalid, "This Word document has more than %d content controls; it is not a form made by atpreg.", maxControls)
				}
				stack = append(stack, &control{bookmark: pending})
				pending = ""
			case isW(t.Name, "bookmarkStart"):
				if c != nil && c.inContent && c.bookmark == "" && !c.hasText {
					c.bookmark = attr(t.Attr, "name")
				} else {
					pending = attr(t.Attr, "name")
				}
			case c == nil:
				if isW(t.Name, "t") {
					pending = "" // text between a bookmark and a control: not its bookmark
				}
			case isW(t.Name, "sdtPr"):
				c.inPr = true
			case isW(t.Name, "sdtContent"):
				c.inContent = true
			case c.inPr && isW(t.Name, "tag"):
				c.tag = strings.TrimSpace(attr(t.Attr, "val"))
			case c.inPr && isW(t.Name, "showingPlcHdr"):
				c.placeholder = onOff(t.Attr)
			case c.inPr && t.Name.Space == nsW14 && t.Name.Local == "checkbox":
				c.checkbox = true
			case c.inPr && t.Name.Space == nsW14 && t.Name.Local == "checked":
				v := strings.ToLower(strings.TrimSpace(attr(t.Attr, "val")))
				c.checked = v == "1" || v == "true" || v == "on"
			case c.inContent && isW(t.Name, "t"):
				var s string
				if err := dec.DecodeElement(&s, &t); err != nil {
					return damaged(err)
				}
				if c.text.Len() < maxValueLen {
					c.text.WriteString(s)
				}
				c.hasText = c.hasText || s != ""
			case c.inContent && (isW(t.Name, "br") || isW(t.Name, "cr")):
				if attr(t.Attr, "type") == "" || attr(t.Attr, "type") == "textWrapping" {
					c.text.WriteByte('\n')
					c.hasText = true
				}
			case c.inContent && isW(t.Name, "tab"):
				c.text.WriteByte('\t')
			case c.inContent && isW(t.Name, "noBreakHyphen"):
				c.text.WriteByte('-')
			}
		case xml.EndElement:
			c := top()
			switch {
			case isW(t.Name, "p"):
				pending = ""
				if c != nil && c.inContent {
					c.text.WriteByte('\n')
				}
			case c == nil:
			case isW(t.Name, "sdt"):
				stack = stack[:len(stack)-1]
				name := c.name()
				if name == "" {
					continue
				}
				if c.checkbox {
					v.Checked[name] = c.checked
					continue
				}
				s := ""
				if !c.placeholder {
					s = strings.TrimRight(c.text.String(), "\n")
				}
				v.Text[name] = s
			case isW(t.Name, "sdtPr"):
				c.inPr = false
			case isW(t.Name, "sdtContent"):
				c.inContent = false
			}
		}
	}
	return nil
}

// limitReader reads at most n bytes and notes when there was more.
type limitReader struct {
	r    io.Reader
	n    int64
	over bool
}

// Read reads on until n bytes are used, then fails if there is more.
func (l *limitReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		var one [1]byte
		if k, _ := l.r.Read(one[:]); k > 0 {
			l.over = true
			return 0, errTooBig
		}
		return 0, io.EOF
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	k, err := l.r.Read(p)
	l.n -= int64(k)
	return k, err
}
