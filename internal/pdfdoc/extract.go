package pdfdoc

import (
	"bytes"
	"compress/zlib"
	"encoding/hex"
	"io"
	"strings"
	"unicode/utf16"
)

// maxStream bounds one inflated stream (a pack's page is tens of kilobytes).
const maxStream = 16 << 20

// ExtractText returns the text shown by the pages of a PDF this package
// wrote, also after another tool rewrote it (qpdf, pdfcpu: streams kept
// Flate-compressed or plain): every hex string shown with Tj or TJ, read as
// UTF-16BE (the encoding of the embedded font), one string a line, in file
// order. It is no general PDF text extractor: text in other encodings or in
// encrypted files is not read (an encrypted file gives ""). It never fails;
// what it cannot read it skips.
func ExtractText(pdf []byte) string {
	var out strings.Builder
	rest := pdf
	for {
		i := bytes.Index(rest, []byte("stream"))
		if i < 0 {
			break
		}
		// "endstream" also holds "stream": skip it.
		if i >= 3 && string(rest[i-3:i]) == "end" {
			rest = rest[i+6:]
			continue
		}
		body := rest[i+6:]
		body = bytes.TrimPrefix(body, []byte("\r"))
		body = bytes.TrimPrefix(body, []byte("\n"))
		end := bytes.Index(body, []byte("endstream"))
		if end < 0 {
			break
		}
		data := body[:end]
		rest = body[end+9:]
		if zr, err := zlib.NewReader(bytes.NewReader(data)); err == nil {
			if inflated, err := io.ReadAll(io.LimitReader(zr, maxStream)); err == nil || len(inflated) > 0 {
				data = inflated
			}
		}
		showText(&out, data)
	}
	return out.String()
}

// showText writes the strings (hex or literal) of a content stream's Tj
// and TJ operators, read as UTF-16BE.
func showText(out *strings.Builder, content []byte) {
	for i := 0; i < len(content); i++ {
		var raw []byte
		switch content[i] {
		case '<':
			if i+1 < len(content) && content[i+1] == '<' { // a dictionary
				i++
				continue
			}
			j := bytes.IndexByte(content[i:], '>')
			if j < 0 {
				return
			}
			h, err := hex.DecodeString(strings.Join(strings.Fields(string(content[i+1:i+j])), ""))
			i += j
			if err != nil {
				continue
			}
			raw = h
		case '(':
			var n int
			raw, n = literal(content[i:])
			i += n - 1
		default:
			continue
		}
		after := bytes.TrimLeft(content[i+1:], " \t\r\n")
		if len(raw)%2 != 0 || !(bytes.HasPrefix(after, []byte("Tj")) || bytes.HasPrefix(after, []byte("TJ")) || bytes.HasPrefix(after, []byte("]"))) {
			continue
		}
		u := make([]uint16, len(raw)/2)
		for k := range u {
			u[k] = uint16(raw[2*k])<<8 | uint16(raw[2*k+1])
		}
		out.WriteString(string(utf16.Decode(u)))
		out.WriteByte('\n')
	}
}

// literal reads a PDF literal string at the start of b ("(...)", with
// nesting and escapes) and returns its bytes and its length in b.
func literal(b []byte) ([]byte, int) {
	var out []byte
	depth := 0
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c == '\\' && i+1 < len(b):
			i++
			switch e := b[i]; e {
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case '\r', '\n':
				if e == '\r' && i+1 < len(b) && b[i+1] == '\n' {
					i++
				}
			default:
				if e >= '0' && e <= '7' {
					v := 0
					k := 0
					for ; k < 3 && i+k < len(b) && b[i+k] >= '0' && b[i+k] <= '7'; k++ {
						v = v*8 + int(b[i+k]-'0')
					}
					i += k - 1
					out = append(out, byte(v))
				} else {
					out = append(out, e)
				}
			}
		case c == '(':
			if depth > 0 {
				out = append(out, c)
			}
			depth++
		case c == ')':
			depth--
			if depth == 0 {
				return out, i + 1
			}
			out = append(out, c)
		default:
			out = append(out, c)
		}
	}
	return out, len(b)
}
