package letter

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"time"
	"unicode"

	"atpreg/internal/apperr"
)

// Attachment is a file attached to a draft.
type Attachment struct {
	Name string // the file name the recipient sees (may be Chinese)
	Type string // its media type, e.g. "application/pdf"
	Data []byte
}

// Draft is an email ready to be opened in a mail program and sent.
type Draft struct {
	FromName, From string // the officer
	ToName, To     string // the entity's contact
	Subject        string
	Body           string // plain text
	Date           time.Time
	MessageID      string // without angle brackets, e.g. "LT-20260303-X@atpreg.invalid"
	Attachments    []Attachment
}

// EML returns the draft as an RFC 5322 message: MIME multipart/mixed with
// the body as UTF-8 quoted-printable text and each attachment in base64
// with its name in RFC 2231 form; headers with non-ASCII words in RFC 2047
// encoded words; Date, Message-ID, and X-Unsent: 1 so that Outlook opens it
// as a draft to send (Thunderbird and Apple Mail open it as a message). It
// carries no Bcc. The same draft gives the same bytes.
func EML(d Draft) ([]byte, error) {
	if strings.TrimSpace(d.To) == "" {
		return nil, apperr.New(apperr.Invalid, "The draft has no recipient: the register has no contact email for this entity.")
	}
	for _, a := range []string{d.To, d.From} {
		if a == "" {
			continue
		}
		if p, err := mail.ParseAddress(a); err != nil || p.Address != a {
			return nil, apperr.New(apperr.Invalid, "%q is not an email address; correct it in the register or in Settings.", a)
		}
	}
	var b bytes.Buffer
	header := func(name, value string) {
		b.WriteString(fold(name + ": " + value))
		b.WriteString("\r\n")
	}
	if d.From != "" {
		header("From", (&mail.Address{Name: d.FromName, Address: d.From}).String())
	}
	header("To", (&mail.Address{Name: d.ToName, Address: d.To}).String())
	header("Subject", encodeWords(d.Subject))
	header("Date", d.Date.Format(time.RFC1123Z))
	if d.MessageID != "" {
		header("Message-ID", "<"+d.MessageID+">")
	}
	header("MIME-Version", "1.0")
	header("X-Unsent", "1")
	sum := sha256.Sum256([]byte(d.Subject + d.Body + d.To + d.MessageID))
	boundary := "atpreg-" + hex.EncodeToString(sum[:12])
	header("Content-Type", `multipart/mixed; boundary="`+boundary+`"`)
	b.WriteString("\r\nThis is a message in MIME format.\r\n")

	b.WriteString("\r\n--" + boundary + "\r\n")
	b.WriteString("Content-Type: text/plain; charset=UTF-8\r\n")
	b.WriteString("Content-Transfer-Encoding: quoted-printable\r\n\r\n")
	qp := quotedprintable.NewWriter(&b)
	body := strings.ReplaceAll(strings.ReplaceAll(d.Body, "\r\n", "\n"), "\n", "\r\n")
	if _, err := qp.Write([]byte(body + "\r\n")); err != nil {
		return nil, err
	}
	if err := qp.Close(); err != nil {
		return nil, err
	}
	for _, a := range d.Attachments {
		b.WriteString("\r\n--" + boundary + "\r\n")
		typ := a.Type
		if typ == "" {
			typ = "application/octet-stream"
		}
		// RFC 2231 for the name in Content-Disposition (one form only: a
		// reader meeting both may take the plain one); the Content-Type
		// name as an RFC 2047 word, which Outlook reads.
		disp := "attachment; filename=" + quoteParam(a.Name)
		name := quoteParam(a.Name)
		if !isASCII(a.Name) {
			disp = "attachment; filename*=UTF-8''" + pctEncode(a.Name)
			name = quoteParam(mime.BEncoding.Encode("UTF-8", a.Name))
		} else if strings.ContainsAny(a.Name, "\"\\") {
			disp = "attachment; filename=" + quoteParam(asciiName(a.Name))
			name = quoteParam(asciiName(a.Name))
		}
		header("Content-Type", typ+"; name="+name)
		header("Content-Disposition", disp)
		header("Content-Transfer-Encoding", "base64")
		b.WriteString("\r\n")
		enc := base64.StdEncoding.EncodeToString(a.Data)
		for len(enc) > 76 {
			b.WriteString(enc[:76] + "\r\n")
			enc = enc[76:]
		}
		b.WriteString(enc + "\r\n")
	}
	b.WriteString("\r\n--" + boundary + "--\r\n")
	return b.Bytes(), nil
}

// encodeWords returns s as is when it is printable ASCII, else as RFC 2047
// B-encoded UTF-8 words (each at most 75 characters, separated by spaces
// where fold may break the line).
func encodeWords(s string) string {
	if isASCII(s) {
		return s
	}
	return mime.BEncoding.Encode("UTF-8", s)
}

func isASCII(s string) bool {
	for _, r := range s {
		if r > unicode.MaxASCII || (r < 0x20 && r != '\t') {
			return false
		}
	}
	return true
}

// asciiName is a file name for mail programs that read no RFC 2231: the
// name's ASCII characters, the rest replaced by "_" (the extension kept).
func asciiName(name string) string {
	var b strings.Builder
	for _, r := range name {
		if r > 0x20 && r < 0x7f && r != '"' && r != '\\' {
			b.WriteRune(r)
		} else if r == ' ' {
			b.WriteRune(' ')
		} else {
			b.WriteRune('_')
		}
	}
	return b.String()
}

func quoteParam(s string) string { return `"` + s + `"` }

// pctEncode writes s for an RFC 2231 extended parameter (attr-char kept,
// everything else %XX of its UTF-8 bytes).
func pctEncode(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if c < 0x80 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("!#$&+-.^_`|~", c) >= 0) {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// fold breaks a header line longer than 78 characters at spaces (RFC 5322
// folding); a line without room to break stays long (it is under 998).
func fold(line string) string {
	if len(line) <= 78 {
		return line
	}
	// Never break right after "Name:" (the value would start with a space).
	start := strings.Index(line, ": ") + 2
	var out []string
	for len(line) > 78 {
		i := strings.LastIndexByte(line[:78], ' ')
		if i < start {
			i = strings.IndexByte(line[start:], ' ')
			if i < 0 {
				break
			}
			i += start
		}
		start = 1
		out = append(out, line[:i])
		line = line[i:] // the space starts the continuation line
	}
	out = append(out, line)
	return strings.Join(out, "\r\n")
}
