// Package mailtest writes small RFC 5322 emails for tests: a text body in
// a charset of choice (UTF-8, Big5) and attachments in base64, as mail
// programs send them.
package mailtest

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"mime"
	"strings"
	"time"

	"golang.org/x/text/encoding/traditionalchinese"
)

// File is an attachment.
type File struct {
	Name        string
	ContentType string // "" is application/octet-stream
	Data        []byte
}

// Email is what Build writes.
type Email struct {
	From, To  string // "Name <addr>" or an address; non-ASCII names are encoded (RFC 2047)
	Subject   string
	Date      time.Time // zero: no Date header (a draft)
	MessageID string    // without angle brackets; "" for none
	Text      string
	// Big5 sends the subject, names and body in Big5 (as many mail
	// programs in Hong Kong do) instead of UTF-8.
	Big5        bool
	Attachments []File
}

func (e Email) charset() string {
	if e.Big5 {
		return "big5"
	}
	return "utf-8"
}

func (e Email) encode(s string) []byte {
	if !e.Big5 {
		return []byte(s)
	}
	b, err := traditionalchinese.Big5.NewEncoder().Bytes([]byte(s))
	if err != nil {
		panic(fmt.Sprintf("mailtest: %q has no Big5 form: %v", s, err))
	}
	return b
}

// word encodes a header text as an RFC 2047 encoded word when it is not ASCII.
func (e Email) word(s string) string {
	for _, r := range s {
		if r >= 0x80 {
			return "=?" + e.charset() + "?B?" + base64.StdEncoding.EncodeToString(e.encode(s)) + "?="
		}
	}
	return s
}

func (e Email) address(a string) string {
	name, addr, ok := strings.Cut(a, "<")
	if !ok {
		return a
	}
	name = strings.TrimSpace(name)
	if name == "" {
		return "<" + addr
	}
	return e.word(name) + " <" + addr
}

func wrap64(b []byte) string {
	s := base64.StdEncoding.EncodeToString(b)
	var out strings.Builder
	for len(s) > 76 {
		out.WriteString(s[:76] + "\r\n")
		s = s[76:]
	}
	out.WriteString(s + "\r\n")
	return out.String()
}

// Build writes the email.
func Build(e Email) []byte {
	var b bytes.Buffer
	h := func(k, v string) { fmt.Fprintf(&b, "%s: %s\r\n", k, v) }
	h("From", e.address(e.From))
	h("To", e.address(e.To))
	h("Subject", e.word(e.Subject))
	if !e.Date.IsZero() {
		h("Date", e.Date.Format(time.RFC1123Z))
	}
	if e.MessageID != "" {
		h("Message-ID", "<"+e.MessageID+">")
	}
	h("MIME-Version", "1.0")
	const boundary = "=_atpreg_test_boundary_7f3a"
	h("Content-Type", `multipart/mixed; boundary="`+boundary+`"`)
	b.WriteString("\r\n")
	b.WriteString("--" + boundary + "\r\n")
	b.WriteString("Content-Type: text/plain; charset=" + e.charset() + "\r\nContent-Transfer-Encoding: base64\r\n\r\n")
	b.WriteString(wrap64(e.encode(e.Text)))
	for _, a := range e.Attachments {
		ct := a.ContentType
		if ct == "" {
			ct = "application/octet-stream"
		}
		b.WriteString("--" + boundary + "\r\n")
		name := mime.QEncoding.Encode("utf-8", a.Name)
		fmt.Fprintf(&b, "Content-Type: %s; name=\"%s\"\r\nContent-Disposition: attachment; filename=\"%s\"\r\nContent-Transfer-Encoding: base64\r\n\r\n", ct, name, name)
		b.WriteString(wrap64(a.Data))
	}
	b.WriteString("--" + boundary + "--\r\n")
	return b.Bytes()
}
