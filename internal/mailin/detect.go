package mailin

import (
	"archive/zip"
	"bytes"
	"path"
	"strings"

	"atpreg/internal/outlookmsg"
)

// Kind is what a file holds, as far as the intake cares.
type Kind string

// The kinds Detect tells apart.
const (
	KindEML     Kind = "eml"  // an RFC 5322 email
	KindMSG     Kind = "msg"  // an Outlook message (a Compound File with message properties)
	KindPDF     Kind = "pdf"  // a PDF document
	KindDOCX    Kind = "docx" // a Word document (Office Open XML)
	KindXLSX    Kind = "xlsx" // an Excel workbook (Office Open XML)
	KindUnknown Kind = "unknown"
)

// Detect tells what data holds by its content: the Compound File signature
// with an Outlook property stream (.msg), a zip with word/document.xml
// (.docx) or xl/workbook.xml (.xlsx), a header block of an email (.eml), or
// %PDF- near the start (.pdf). The name is not trusted, so a PDF renamed
// .eml is still a PDF; it only breaks one tie: a Compound File too damaged
// to read is an Outlook message (a damaged one) when its name ends in .msg.
func Detect(name string, data []byte) Kind {
	switch {
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		if outlookmsg.IsMSG(data) {
			return KindMSG
		}
		if strings.EqualFold(path.Ext(name), ".msg") && !outlookmsg.IsCFB(data) {
			// A damaged container named .msg: let the .msg reader say what is wrong.
			return KindMSG
		}
		return KindUnknown
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return zipKind(data)
	case looksLikeEmail(data):
		return KindEML
	case pdfAt(data):
		return KindPDF
	}
	return KindUnknown
}

// pdfAt reports whether %PDF- is within the first 1024 bytes, where PDF
// readers look for it.
func pdfAt(data []byte) bool {
	head := data
	if len(head) > 1024 {
		head = head[:1024]
	}
	return bytes.Contains(head, []byte("%PDF-"))
}

func zipKind(data []byte) Kind {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return KindUnknown
	}
	for _, f := range zr.File {
		switch f.Name {
		case "word/document.xml":
			return KindDOCX
		case "xl/workbook.xml":
			return KindXLSX
		}
	}
	return KindUnknown
}

// emailFields are header fields that mark a header block as an email's.
var emailFields = map[string]bool{
	"from": true, "to": true, "cc": true, "subject": true, "date": true, "message-id": true,
	"mime-version": true, "received": true, "return-path": true, "delivered-to": true,
	"reply-to": true, "sender": true, "in-reply-to": true, "references": true,
	"x-mailer": true, "user-agent": true, "thread-topic": true, "dkim-signature": true,
	"authentication-results": true, "x-originating-ip": true, "x-ms-exchange-organization-scl": true,
}

// looksLikeEmail reports whether data starts with an RFC 5322 header block
// (after an optional mbox "From " line): every line up to the blank line (or
// the first 64 KiB) is a field or a folded continuation, in text, and at least
// one field is one that emails carry.
func looksLikeEmail(data []byte) bool {
	head := data
	if len(head) > 64<<10 {
		head = head[:64<<10]
	}
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	if bytes.IndexByte(head, 0) >= 0 {
		return false
	}
	lines := strings.Split(strings.ReplaceAll(string(head), "\r\n", "\n"), "\n")
	if len(lines) > 0 && strings.HasPrefix(lines[0], "From ") {
		lines = lines[1:]
	}
	if len(lines) == 0 || !fieldLine(lines[0]) {
		return false
	}
	known, fields := false, 0
	for i, l := range lines {
		if l == "" {
			break
		}
		if i == len(lines)-1 && len(head) < len(data) {
			break // cut by the 64 KiB window
		}
		if l[0] == ' ' || l[0] == '\t' {
			continue
		}
		if !fieldLine(l) {
			return false
		}
		fields++
		k := strings.ToLower(strings.TrimSpace(l[:strings.IndexByte(l, ':')]))
		if emailFields[k] {
			known = true
		}
	}
	return known && fields > 0
}

// fieldLine reports whether l is "Name: value" with a valid field name.
func fieldLine(l string) bool {
	i := strings.IndexByte(l, ':')
	if i <= 0 || i > 76 {
		return false
	}
	for _, c := range []byte(strings.TrimRight(l[:i], " \t")) {
		if c <= ' ' || c >= 0x7f {
			return false
		}
	}
	return true
}
