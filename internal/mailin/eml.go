package mailin

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/mail"
	"path"
	"strings"
	"time"

	"atpreg/internal/outlookmsg"

	"github.com/emersion/go-message"
	_ "github.com/emersion/go-message/charset" // every charset for headers and bodies
	gomail "github.com/emersion/go-message/mail"
	"github.com/emersion/go-message/textproto"
	htmlcharset "golang.org/x/net/html/charset"
)

// maxHeaderBytes bounds one header block.
const maxHeaderBytes = 1 << 20

// body kinds an entity can yield, in order of preference for the body text.
const (
	noBody = iota
	htmlBody
	plainBody
)

// emlState is what one email's walk collects.
type emlState struct {
	m       *Message
	hint    string // the first charset the email declares, for undeclared 8-bit text
	depth   int    // how deep this email is inside other emails
	unnamed int    // attachments given a made-up name so far
}

// eml reads one RFC 5322 message at the given depth of emails in emails.
func (r *reader) eml(data []byte, depth int) (*Message, error) {
	if depth > r.lim.MaxDepth {
		return nil, errTooDeep
	}
	br := bufio.NewReader(bytes.NewReader(data))
	// An mbox export starts with a "From sender date" line: skip it.
	if peek, _ := br.Peek(5); string(peek) == "From " {
		if _, err := br.ReadSlice('\n'); err != nil && !errors.Is(err, bufio.ErrBufferFull) {
			return nil, fmt.Errorf("reading the mbox line: %w", errTruncated)
		}
	}
	h, err := readHeader(br)
	if err != nil {
		return nil, err
	}
	st := &emlState{m: &Message{}, depth: depth}
	if _, params := parseParams(h.Get("Content-Type"), ""); params["charset"] != "" {
		st.hint = params["charset"]
	}
	text, _, err := r.entity(st, h, br, 0)
	if err != nil {
		return nil, err
	}
	st.m.Text = tidy(text)
	fillHeaders(st.m, h, st.hint)
	return st.m, nil
}

// readHeader reads a header block, at most maxHeaderBytes long.
func readHeader(br *bufio.Reader) (textproto.Header, error) {
	lr := &limitReader{r: br, n: maxHeaderBytes}
	h, err := textproto.ReadHeader(bufio.NewReader(lr))
	if err != nil {
		if lr.n <= 0 {
			return h, fmt.Errorf("a header block is longer than %d bytes: %w", maxHeaderBytes, errBadEncoded)
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return h, fmt.Errorf("the header block has no end: %w", errTruncated)
		}
		return h, fmt.Errorf("malformed header (%v): %w", err, errBadEncoded)
	}
	return h, nil
}

// limitReader reads at most n bytes from r, one at a time from its buffer,
// so that a header read does not consume the body.
type limitReader struct {
	r *bufio.Reader
	n int
}

// Read reads one byte.
func (l *limitReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		return 0, io.EOF
	}
	// Reading byte by byte keeps the body in br for the caller; header
	// blocks are small, so the cost does not matter.
	b, err := l.r.ReadByte()
	if err != nil {
		return 0, err
	}
	l.n--
	p[0] = b
	return 1, nil
}

// entity reads one MIME entity (the message itself or a part): it adds the
// attachments it finds to st.m and returns the body text it holds, with its
// kind (plainBody, htmlBody or noBody). mimeDepth is its multipart nesting.
func (r *reader) entity(st *emlState, h textproto.Header, body io.Reader, mimeDepth int) (string, int, error) {
	if err := r.part(); err != nil {
		return "", noBody, err
	}
	ctype, ctParams := parseParams(h.Get("Content-Type"), st.hint)
	if ctype == "" || !strings.Contains(ctype, "/") {
		ctype = "text/plain"
	}
	if cs := ctParams["charset"]; cs != "" && st.hint == "" && strings.HasPrefix(ctype, "text/") {
		st.hint = cs
	}
	disp, dParams := parseParams(h.Get("Content-Disposition"), st.hint)
	if strings.HasPrefix(ctype, "multipart/") && ctParams["boundary"] != "" {
		return r.multipart(st, ctype, ctParams["boundary"], body, mimeDepth)
	}
	filename := firstOf(dParams["filename"], ctParams["name"])
	data, err := r.decodeBody(h, body)
	if err != nil {
		return "", noBody, r.where(st, filename, ctype, err)
	}
	isText := ctype == "text/plain" || ctype == "text/html" || strings.HasPrefix(ctype, "multipart/")
	if isText && disp != "attachment" && filename == "" {
		var text string
		if ctype == "text/html" {
			text = HTMLText(decodeHTML(data, ctParams["charset"]))
			if err := r.spend(len(text)); err != nil {
				return "", noBody, err
			}
			return text, htmlBody, nil
		}
		text = decodeCharset(ctParams["charset"], data, st.hint)
		if err := r.spend(len(text)); err != nil {
			return "", noBody, err
		}
		return text, plainBody, nil
	}
	if err := r.spend(len(data)); err != nil {
		return "", noBody, err
	}
	att := Attachment{Name: cleanName(filename), ContentType: ctype, Data: data}
	if ctype == "message/rfc822" || ctype == "message/global" || isMailName(att.Name) {
		if err := r.nested(st, &att); err != nil {
			return "", noBody, err
		}
	}
	if att.Name == "" {
		st.unnamed++
		att.Name = madeUpName(st.unnamed, ctype, att.Message)
	}
	st.m.Attachments = append(st.m.Attachments, att)
	return "", noBody, nil
}

// nested reads an attached email into att.Message. An attached email that
// breaks a limit fails the whole read; one that cannot be read as an email is
// kept as a plain attachment.
func (r *reader) nested(st *emlState, att *Attachment) error {
	var m *Message
	var err error
	switch Detect(att.Name, att.Data) {
	case KindEML:
		m, err = r.eml(att.Data, st.depth+1)
	case KindMSG:
		m, err = r.msg(att.Data, st.depth+1)
	default:
		return nil
	}
	if err != nil {
		if errors.Is(err, errTooDeep) || errors.Is(err, errTooMany) || errors.Is(err, errTooLarge) ||
			errors.Is(err, errMIMEDeep) || isLimit(err) {
			return err
		}
		return nil
	}
	att.Message = m
	if att.ContentType == "" || att.ContentType == "application/octet-stream" {
		if Detect(att.Name, att.Data) == KindMSG {
			att.ContentType = "application/vnd.ms-outlook"
		} else {
			att.ContentType = "message/rfc822"
		}
	}
	return nil
}

// multipart reads the parts of a multipart entity. For multipart/alternative
// it returns the plain-text alternative when there is one, else the HTML one;
// for other multiparts it joins the body text of its parts.
func (r *reader) multipart(st *emlState, ctype, boundary string, body io.Reader, mimeDepth int) (string, int, error) {
	if mimeDepth+1 > maxMIMENesting {
		return "", noBody, errMIMEDeep
	}
	mr := textproto.NewMultipartReader(body, boundary)
	alt := ctype == "multipart/alternative"
	var texts []string
	kind := noBody
	best, bestKind := "", noBody
	for i := 0; ; i++ {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			if i == 0 && strings.Contains(err.Error(), "EOF") {
				return "", noBody, fmt.Errorf("%s has no parts: %w", ctype, errTruncated)
			}
			if strings.Contains(err.Error(), "EOF") {
				return "", noBody, fmt.Errorf("after part %d of %s: %w", i, ctype, errTruncated)
			}
			return "", noBody, fmt.Errorf("part %d of %s (%v): %w", i+1, ctype, err, errBadEncoded)
		}
		text, k, err := r.entity(st, p.Header, p, mimeDepth+1)
		if err != nil {
			return "", noBody, err
		}
		if alt {
			// The last alternative of the best kind wins, as RFC 2046 orders
			// them from plainest to richest.
			if k >= bestKind && k != noBody {
				best, bestKind = text, k
			}
			continue
		}
		if k != noBody && strings.TrimSpace(text) != "" {
			texts = append(texts, strings.TrimRight(text, "\n"))
			if k > kind {
				kind = k
			}
		}
	}
	if alt {
		return best, bestKind, nil
	}
	return strings.Join(texts, "\n\n"), kind, nil
}

// decodeBody reads a part's body, undoing its transfer encoding (with
// go-message: base64, quoted-printable, 7bit, 8bit, binary).
func (r *reader) decodeBody(h textproto.Header, body io.Reader) ([]byte, error) {
	dh := message.Header{}
	if enc := h.Get("Content-Transfer-Encoding"); enc != "" {
		dh.Set("Content-Transfer-Encoding", strings.TrimSpace(enc))
	}
	dh.Set("Content-Type", "application/octet-stream")
	e, err := message.New(dh, body)
	if err != nil && !message.IsUnknownEncoding(err) {
		return nil, err
	}
	// An unknown transfer encoding leaves the body as it is, which is the
	// best a person can get.
	limit := int64(r.lim.MaxDecoded - r.decoded + 1)
	data, err := io.ReadAll(io.LimitReader(e.Body, limit))
	if int64(len(data)) >= limit {
		return nil, errTooLarge
	}
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || strings.Contains(err.Error(), "EOF") {
			return nil, fmt.Errorf("%v: %w", err, errTruncated)
		}
		return nil, fmt.Errorf("%v: %w", err, errBadEncoded)
	}
	return data, nil
}

// where adds to err which part it is about.
func (r *reader) where(st *emlState, filename, ctype string, err error) error {
	if errors.Is(err, errTooLarge) {
		return err
	}
	part := "a " + ctype + " part"
	switch {
	case filename != "":
		part = "the attachment “" + cleanName(filename) + "”"
	case strings.HasPrefix(ctype, "text/"):
		part = "the body"
	}
	return &partError{err: err, part: part}
}

// decodeHTML decodes an HTML body: by its MIME charset when it has one, else
// by its <meta charset> or byte-order mark, else as UTF-8 or Windows-1252.
func decodeHTML(b []byte, cs string) string {
	if cs != "" {
		return decodeCharset(cs, b, "")
	}
	_, name, _ := htmlcharset.DetermineEncoding(b, "text/html")
	return decodeCharset(name, b, "")
}

// fillHeaders sets the message's addresses, subject, date and Message-ID.
func fillHeaders(m *Message, th textproto.Header, hint string) {
	h := gomail.Header{Header: message.Header{Header: th}}
	m.From = addresses(h, "From", hint)
	if len(m.From) == 0 {
		m.From = addresses(h, "Sender", hint)
	}
	m.To = addresses(h, "To", hint)
	m.Cc = addresses(h, "Cc", hint)
	m.Subject = strings.TrimSpace(unfold(decodeWords(h.Get("Subject"), hint)))
	m.Date = headerDate(h)
	m.MessageID = messageID(h.Get("Message-Id"))
}

func unfold(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "")
	return strings.ReplaceAll(s, "\n", "")
}

// addresses parses an address list header; when it is not well formed (as
// some mail programs write it) each comma-separated entry is read leniently.
func addresses(h gomail.Header, key, hint string) []Address {
	raw := h.Get(key)
	if strings.TrimSpace(raw) == "" {
		return nil
	}
	if !strictOK(raw) {
		return lenientAddresses(raw, hint)
	}
	list, err := h.AddressList(key)
	if err != nil {
		return lenientAddresses(raw, hint)
	}
	var out []Address
	for _, a := range list {
		out = append(out, Address{Name: validText(strings.TrimSpace(a.Name)), Email: validText(a.Address)})
	}
	return out
}

// strictOK reports whether raw is text the strict parser reads correctly:
// valid UTF-8 (raw Big5 or GB18030 bytes must go the lenient way, to be
// decoded in the email's charset).
func strictOK(raw string) bool {
	for i := 0; i < len(raw); i++ {
		if raw[i] >= 0x80 {
			return bytes.Equal([]byte(raw), []byte(strings.ToValidUTF8(raw, "")))
		}
	}
	return true
}

// lenientAddresses reads "Name <addr>", "addr" and "addr (Name)" entries
// separated by commas or semicolons outside quotes and angle brackets.
func lenientAddresses(raw, hint string) []Address {
	raw = unfold(decodeWords(raw, hint))
	var out []Address
	for _, entry := range splitAddresses(raw) {
		entry = strings.TrimSpace(entry)
		if entry == "" {
			continue
		}
		var a Address
		if i := strings.LastIndexByte(entry, '<'); i >= 0 {
			j := strings.IndexByte(entry[i:], '>')
			if j < 0 {
				j = len(entry) - i
			}
			a.Email = strings.TrimSpace(entry[i+1 : i+j])
			a.Name = strings.TrimSpace(entry[:i])
		} else if i := strings.IndexByte(entry, '('); i >= 0 && strings.HasSuffix(entry, ")") {
			a.Email = strings.TrimSpace(entry[:i])
			a.Name = strings.TrimSpace(entry[i+1 : len(entry)-1])
		} else if strings.Contains(entry, "@") {
			a.Email = entry
		} else {
			a.Name = entry
		}
		a.Name = validText(strings.TrimSpace(strings.Trim(a.Name, `"'`)))
		a.Email = validText(a.Email)
		if a.Email != "" || a.Name != "" {
			out = append(out, a)
		}
	}
	return out
}

func splitAddresses(s string) []string {
	var out []string
	var cur strings.Builder
	quote, angle := false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"':
			quote = !quote
		case c == '<' && !quote:
			angle = true
		case c == '>' && !quote:
			angle = false
		case (c == ',' || c == ';') && !quote && !angle:
			out = append(out, cur.String())
			cur.Reset()
			continue
		}
		cur.WriteByte(c)
	}
	return append(out, cur.String())
}

// headerDate reads the Date header, leniently; without one, the date of the
// newest Received header (when the email reached its last server).
func headerDate(h gomail.Header) time.Time {
	if t, ok := parseDate(h.Get("Date")); ok {
		return t
	}
	if rcv := h.Get("Received"); rcv != "" {
		if i := strings.LastIndexByte(rcv, ';'); i >= 0 {
			if t, ok := parseDate(rcv[i+1:]); ok {
				return t
			}
		}
	}
	return time.Time{}
}

// dateLayouts are forms mail programs write beyond what net/mail reads.
var dateLayouts = []string{
	"Mon, 2 Jan 2006 15:04:05 -0700 (MST)",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04 -0700",
	"2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 06 15:04:05 -0700",
	"Mon Jan 2 15:04:05 2006",
	"Mon Jan 2 15:04:05 MST 2006",
	"Mon, 2 Jan 2006 15:04:05",
	time.RFC3339,
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05",
}

func parseDate(s string) (time.Time, bool) {
	s = strings.Join(strings.Fields(unfold(s)), " ")
	if s == "" {
		return time.Time{}, false
	}
	if t, err := mail.ParseDate(s); err == nil {
		return t, true
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// messageID returns the Message-ID without angle brackets and spaces.
func messageID(s string) string {
	s = strings.TrimSpace(unfold(s))
	if i := strings.IndexByte(s, '<'); i >= 0 {
		if j := strings.IndexByte(s[i:], '>'); j > 0 {
			s = s[i+1 : i+j]
		}
	}
	return validText(strings.TrimSpace(s))
}

// validText replaces bytes that are not UTF-8 (from a header that breaks the
// rules) with U+FFFD.
func validText(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }

func firstOf(s ...string) string {
	for _, v := range s {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

// cleanName keeps the last element of a file name that came with folders
// (C:\Users\...\申請表.pdf) and drops control characters.
func cleanName(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, validText(s))
	if i := strings.LastIndexAny(s, `/\`); i >= 0 {
		s = s[i+1:]
	}
	s = strings.TrimSpace(s)
	if s == "." || s == ".." {
		return ""
	}
	return s
}

func isMailName(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".eml" || ext == ".msg"
}

// extensions gives a file extension for types of unnamed parts.
var extensions = map[string]string{
	"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif",
	"image/bmp": ".bmp", "image/tiff": ".tif", "image/webp": ".webp", "text/plain": ".txt",
	"text/html": ".html", "text/calendar": ".ics", "text/csv": ".csv", "application/zip": ".zip",
	"message/rfc822": ".eml", "message/global": ".eml", "application/vnd.ms-outlook": ".msg",
	"application/msword": ".doc", "application/vnd.ms-excel": ".xls", "text/rtf": ".rtf",
	"application/rtf": ".rtf", "message/delivery-status": ".txt", "application/ms-tnef": ".dat",
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":       ".xlsx",
}

// madeUpName names an attachment the email gave no name: an attached email
// by its subject, anything else "attachment-N" with an extension for its type.
func madeUpName(n int, ctype string, m *Message) string {
	if m != nil {
		if s := cleanName(strings.Map(func(r rune) rune {
			if strings.ContainsRune(`/\:*?"<>|`, r) {
				return '_'
			}
			return r
		}, m.Subject)); s != "" {
			if len([]rune(s)) > 80 {
				s = string([]rune(s)[:80])
			}
			return s + ".eml"
		}
	}
	ext := extensions[ctype]
	if ext == "" {
		ext = ".bin"
	}
	return fmt.Sprintf("attachment-%d%s", n, ext)
}

// isLimit reports whether err is an Outlook reader's limit error.
func isLimit(err error) bool {
	var le *outlookmsg.LimitError
	return errors.As(err, &le)
}
