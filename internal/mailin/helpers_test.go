package mailin_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"os/exec"
	"strings"
	"sync"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// crlf joins lines with CRLF, as mail programs write them.
func crlf(lines ...string) string { return strings.Join(lines, "\r\n") }

func enc(t testing.TB, e encoding.Encoding, s string) string {
	t.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encoding %q: %v", s, err)
	}
	return string(b)
}

// big5 encodes s as Windows (code page 950) Big5, as Hong Kong mail programs
// do. x/text's encoder follows WHATWG and writes a few characters (港 among
// them) at their Hong Kong extension code instead; Python's big5 codec, the
// cross-check, reads only the standard ones.
func big5(t testing.TB, s string) string {
	t.Helper()
	big5Once.Do(func() {
		big5Std = map[rune][2]byte{}
		dec := traditionalchinese.Big5.NewDecoder()
		for lead := 0xA1; lead <= 0xF9; lead++ {
			for _, trail := range append(seq(0x40, 0x7E), seq(0xA1, 0xFE)...) {
				out, err := dec.Bytes([]byte{byte(lead), byte(trail)})
				r := []rune(string(out))
				if err != nil || len(r) != 1 || r[0] == '\uFFFD' {
					continue
				}
				if _, ok := big5Std[r[0]]; !ok {
					big5Std[r[0]] = [2]byte{byte(lead), byte(trail)}
				}
			}
		}
	})
	var b []byte
	for _, r := range s {
		if r < 0x80 {
			b = append(b, byte(r))
			continue
		}
		c, ok := big5Std[r]
		if !ok {
			t.Fatalf("%q is not in standard Big5", r)
		}
		b = append(b, c[0], c[1])
	}
	return string(b)
}

var (
	big5Once sync.Once
	big5Std  map[rune][2]byte
)

func seq(a, b int) []int {
	var out []int
	for i := a; i <= b; i++ {
		out = append(out, i)
	}
	return out
}
func gb18030(t testing.TB, s string) string  { return enc(t, simplifiedchinese.GB18030, s) }
func shiftJIS(t testing.TB, s string) string { return enc(t, japanese.ShiftJIS, s) }

// b64 is base64 in lines of 76 characters, as in a MIME body.
func b64(s string) string {
	e := base64.StdEncoding.EncodeToString([]byte(s))
	var b strings.Builder
	for len(e) > 76 {
		b.WriteString(e[:76] + "\r\n")
		e = e[76:]
	}
	b.WriteString(e)
	return b.String()
}

// word is an RFC 2047 B-encoded word of s in a charset it is already in.
func word(charset, s string) string {
	return "=?" + charset + "?B?" + base64.StdEncoding.EncodeToString([]byte(s)) + "?="
}

// qword is an RFC 2047 Q-encoded word of s (bytes in charset).
func qword(charset, s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		switch {
		case c == ' ':
			b.WriteByte('_')
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9':
			b.WriteByte(c)
		default:
			b.WriteString("=" + strings.ToUpper(hex2(c)))
		}
	}
	return "=?" + charset + "?Q?" + b.String() + "?="
}

func hex2(c byte) string {
	const h = "0123456789abcdef"
	return string([]byte{h[c>>4], h[c&15]})
}

// pct percent-encodes every byte of s, as RFC 2231 values are written.
func pct(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		b.WriteString("%" + strings.ToUpper(hex2(c)))
	}
	return b.String()
}

// pyView is what Python's email package reads in an email.
type pyView struct {
	Subject   string   `json:"subject"`
	From      string   `json:"from"`
	Filenames []string `json:"filenames"`
	Plain     string   `json:"plain"`
}

// pythonRead parses emails with Python's own email package (policy.default)
// and returns, for each, the decoded subject, From, every part's file name
// and the first text/plain body: an independent judge of what the Go reader
// decodes. One Python process reads them all.
func pythonRead(t *testing.T, emails ...[]byte) []pyView {
	t.Helper()
	// Debian's own python3 (what APT_PACKAGES installs) first: a version
	// manager's shim on PATH can take seconds to start.
	py, err := exec.LookPath("/usr/bin/python3")
	if err != nil {
		py, err = exec.LookPath("python3")
	}
	if err != nil {
		t.Fatalf("python3 is needed to cross-check the email reader (Makefile APT_PACKAGES installs it): %v", err)
	}
	const script = `
import sys, json, base64, email, email.policy
out = []
for b in json.load(sys.stdin):
    m = email.message_from_bytes(base64.b64decode(b), policy=email.policy.default)
    names, plain = [], None
    for p in m.walk():
        fn = p.get_filename()
        if fn is not None:
            names.append(str(fn))
        if plain is None and p.get_content_type() == "text/plain" and fn is None and not p.is_multipart():
            plain = p.get_content()
    out.append({"subject": str(m["subject"] or ""), "from": str(m["from"] or ""),
                "filenames": names, "plain": plain or ""})
print(json.dumps(out))
`
	in, err := json.Marshal(emails) // []byte marshals as base64
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(py, "-c", script)
	cmd.Stdin = bytes.NewReader(in)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3 email: %v", err)
	}
	var v []pyView
	if err := json.Unmarshal(out, &v); err != nil || len(v) != len(emails) {
		t.Fatalf("python3 output %q: %v", out, err)
	}
	return v
}

var gbkEnc = simplifiedchinese.GBK
