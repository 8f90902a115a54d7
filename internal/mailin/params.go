package mailin

import (
	"bytes"
	"io"
	"mime"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/emersion/go-message/charset"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

func init() {
	// Names Hong Kong and mainland mail programs write that the IANA and
	// WHATWG indexes behind go-message's charset package do not know.
	for _, n := range []string{"cp950", "ms950", "big5hkscs", "big5_hkscs", "x-mac-chinesetrad", "x-big5", "windows-950"} {
		charset.RegisterEncoding(n, traditionalchinese.Big5)
	}
	for _, n := range []string{"ms936", "windows-936", "x-mac-chinesesimp", "x-euc-cn", "euc-cn"} {
		charset.RegisterEncoding(n, simplifiedchinese.GBK)
	}
	charset.RegisterEncoding("x-user-defined", charmap.Windows1252)
}

// decodeCharset turns b in the named charset into UTF-8. An unknown or
// empty charset keeps b when it is valid UTF-8, else reads it in the
// fallback charset (the email's own, when known), else as Windows-1252.
func decodeCharset(name string, b []byte, fallback string) string {
	name = strings.Trim(strings.TrimSpace(name), `"'`)
	if name != "" {
		switch strings.ToLower(name) {
		case "utf-8", "utf8", "us-ascii", "ascii":
			if utf8.Valid(b) {
				return string(b)
			}
		default:
			if r, err := charset.Reader(name, bytes.NewReader(b)); err == nil {
				if out, err := io.ReadAll(r); err == nil {
					return strings.ToValidUTF8(string(out), "\uFFFD")
				}
			}
		}
	}
	if utf8.Valid(b) {
		return string(b)
	}
	if fallback != "" && !strings.EqualFold(fallback, name) {
		return decodeCharset(fallback, b, "")
	}
	out, _ := charmap.Windows1252.NewDecoder().Bytes(b)
	return string(out)
}

// wordDecoder decodes RFC 2047 encoded words in any charset go-message knows.
var wordDecoder = mime.WordDecoder{CharsetReader: charset.Reader}

// decodeWords decodes RFC 2047 encoded words in s; raw 8-bit text (which
// some mail programs write) is read in the fallback charset. Encoded words
// that cannot be decoded are kept as they are.
func decodeWords(s, fallback string) string {
	if !utf8.ValidString(s) {
		s = decodeCharset("", []byte(s), fallback)
	}
	if !strings.Contains(s, "=?") {
		return s
	}
	if d, err := wordDecoder.DecodeHeader(s); err == nil {
		// An encoded word may claim UTF-8 and hold other bytes.
		return strings.ToValidUTF8(d, "\uFFFD")
	}
	return s
}

// parseParams parses a Content-Type or Content-Disposition value: the
// value before the first ";" (lower case) and its parameters (names lower
// case). It is lenient where mail programs are sloppy (unquoted spaces,
// stray semicolons, repeated parameters) and decodes RFC 2231 parameters
// (name*=charset'lang'%XX, continuations name*0=, name*1*=) in any charset,
// RFC 2047 words in quoted values and raw 8-bit values in the fallback charset.
func parseParams(v, fallback string) (string, map[string]string) {
	parts := splitParams(v)
	value := ""
	if len(parts) > 0 {
		value = strings.ToLower(strings.TrimSpace(parts[0]))
	}
	plain := map[string]string{}
	type seg struct {
		n   int
		ext bool
		val string
	}
	segs := map[string][]seg{}
	for _, p := range parts[1:] {
		k, val, ok := strings.Cut(p, "=")
		if !ok {
			continue
		}
		k = strings.ToLower(strings.TrimSpace(k))
		val = unquote(strings.TrimSpace(val))
		if k == "" {
			continue
		}
		base, rest, star := strings.Cut(k, "*")
		if !star {
			if _, dup := plain[k]; !dup {
				plain[k] = val
			}
			continue
		}
		// name*  name*N  name*N*
		s := seg{ext: strings.HasSuffix(rest, "*") || rest == ""}
		num := strings.TrimSuffix(rest, "*")
		if num != "" {
			n, err := strconv.Atoi(num)
			if err != nil || n < 0 || n > 999 {
				continue
			}
			s.n = n
		}
		s.val = val
		segs[base] = append(segs[base], s)
	}
	out := map[string]string{}
	for k, v := range plain {
		out[k] = decodeWords(v, fallback)
	}
	for k, ss := range segs {
		sort.SliceStable(ss, func(i, j int) bool { return ss[i].n < ss[j].n })
		var raw []byte
		cs := ""
		for i, s := range ss {
			if i > 0 && s.n == ss[i-1].n {
				continue // a repeated segment number: keep the first
			}
			val := s.val
			if s.ext {
				if i == 0 {
					// charset'language'value
					if c, rest, ok := strings.Cut(val, "'"); ok {
						if _, rest2, ok2 := strings.Cut(rest, "'"); ok2 {
							cs, val = c, rest2
						}
					}
				}
				raw = append(raw, percentDecode(val)...)
			} else {
				raw = append(raw, val...)
			}
		}
		if cs == "" {
			out[k] = decodeWords(string(raw), fallback)
		} else {
			out[k] = decodeCharset(cs, raw, fallback)
		}
	}
	return value, out
}

// splitParams splits at semicolons outside quotes.
func splitParams(v string) []string {
	var parts []string
	var cur strings.Builder
	inQuote, esc := false, false
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case esc:
			esc = false
		case c == '\\' && inQuote:
			esc = true
		case c == '"':
			inQuote = !inQuote
		case c == ';' && !inQuote:
			parts = append(parts, cur.String())
			cur.Reset()
			continue
		}
		cur.WriteByte(c)
	}
	parts = append(parts, cur.String())
	return parts
}

// unquote removes the quotes of a quoted-string and its backslash escapes.
// Windows paths in unquoted or badly quoted names keep their backslashes.
func unquote(s string) string {
	if len(s) < 2 || s[0] != '"' {
		return s
	}
	s = strings.TrimSuffix(s[1:], `"`)
	if !strings.Contains(s, `\"`) && !strings.Contains(s, `\\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// percentDecode decodes %XX escapes, keeping a malformed escape as it is.
func percentDecode(s string) []byte {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			if h, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil {
				out = append(out, byte(h))
				i += 2
				continue
			}
		}
		out = append(out, s[i])
	}
	return out
}
