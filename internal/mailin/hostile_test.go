package mailin_test

import (
	"bufio"
	"encoding/base64"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"atpreg/internal/mailin"
	"atpreg/internal/memtest"
)

// TestHostileEmails reads emails of up to the 50 MB limit built to cost the
// most memory, each in a child process, within the memory budget.
func TestHostileEmails(t *testing.T) {
	const mb = 1 << 20
	write := func(t *testing.T, dir string, fill func(w *bufio.Writer)) string {
		path := filepath.Join(dir, "hostile.eml")
		f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_EXCL, 0o600)
		if err != nil {
			t.Fatal(err)
		}
		w := bufio.NewWriterSize(f, 1<<20)
		fill(w)
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		return path
	}
	header := func(w io.Writer, ctype string) {
		fmt.Fprintf(w, "From: Fictional Sender <sender@example.com>\r\nTo: officer@example.org\r\nSubject: RFI reply\r\nMIME-Version: 1.0\r\nContent-Type: %s\r\n\r\n", ctype)
	}
	// b64 writes n bytes of base64 in 76-character lines.
	b64 := func(w io.Writer, n int) {
		line := base64.StdEncoding.EncodeToString([]byte(strings.Repeat("fictional data ", 4))[:57]) + "\r\n"
		for ; n > 0; n -= len(line) {
			io.WriteString(w, line)
		}
	}
	tests := []struct {
		name  string
		build func(w *bufio.Writer)
		want  []string
	}{
		{"OneLargeAttachment", func(w *bufio.Writer) {
			header(w, `multipart/mixed; boundary="b"`)
			w.WriteString("--b\r\nContent-Type: text/plain\r\n\r\nThe form is attached.\r\n--b\r\nContent-Type: application/pdf; name=\"form.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n")
			b64(w, 49*mb)
			w.WriteString("--b--\r\n")
		}, nil},
		{"ManyParts", func(w *bufio.Writer) {
			header(w, `multipart/mixed; boundary="b"`)
			for i := range 499 {
				fmt.Fprintf(w, "--b\r\nContent-Type: application/octet-stream; name=\"part%d.bin\"\r\nContent-Transfer-Encoding: base64\r\n\r\n", i)
				b64(w, 100<<10)
			}
			w.WriteString("--b--\r\n")
		}, nil},
		{"NestedEmails", func(w *bufio.Writer) {
			// Ten emails in emails, the innermost with 49 MB of text: each
			// level holds the levels inside it once decoded.
			for range 10 {
				header(w, "message/rfc822")
			}
			header(w, "text/plain")
			for range 49 * mb / 64 {
				w.WriteString(strings.Repeat("x", 62) + "\r\n")
			}
		}, []string{"once its attachments are decoded"}},
		{"HTMLBody", func(w *bufio.Writer) {
			header(w, "text/html; charset=utf-8")
			for range 49 * mb / 16 {
				w.WriteString("<div><b>a</b>\r\n")
			}
		}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := memtest.Measure(t, func(dir string) string { return write(t, dir, tc.build) }, func(path string) error {
				data, err := os.ReadFile(path)
				if err != nil {
					return err
				}
				_, err = mailin.Read(filepath.Base(path), data)
				return err
			})
			memtest.Check(t, r, tc.want...)
		})
	}
}
