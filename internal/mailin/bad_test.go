package mailin_test

import (
	"archive/zip"
	"bytes"
	"math/rand"
	"os"
	"strconv"
	"strings"
	"testing"

	"atpreg/internal/apperr"
	"atpreg/internal/mailin"
)

func docx(t testing.TB) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range []string{"[Content_Types].xml", "word/document.xml"} {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte("<x/>"))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// manyParts is an email with n attachments.
func manyParts(n int) string {
	var b strings.Builder
	b.WriteString(crlf("From: a@example.hk", "Subject: many", `Content-Type: multipart/mixed; boundary="m"`, "", ""))
	for i := 0; i < n; i++ {
		b.WriteString(crlf("--m", "Content-Type: text/plain", "Content-Disposition: attachment; filename=f"+strconv.Itoa(i)+".txt", "", "x", ""))
	}
	b.WriteString("--m--\r\n")
	return b.String()
}

// deepMIME nests multipart/mixed n levels deep.
func deepMIME(n int) string {
	body := "Content-Type: text/plain\r\n\r\ninnermost\r\n"
	for i := 0; i < n; i++ {
		bd := "b" + strconv.Itoa(i)
		body = crlf(`Content-Type: multipart/mixed; boundary="`+bd+`"`, "", "--"+bd, body, "--"+bd+"--", "")
	}
	return "From: a@example.hk\r\nSubject: deep\r\n" + body
}

func TestBadInput(t *testing.T) {
	rng := rand.New(rand.NewSource(12))
	junk := make([]byte, 4096)
	rng.Read(junk)
	msg, err := os.ReadFile("../outlookmsg/testdata/rtf-with-attachment.msg")
	if err != nil {
		t.Fatal(err)
	}
	full := filenames(t)
	cut := full[:strings.Index(full, "filename*0*")+200]
	nested := deepest()
	for i := 1; i <= 11; i++ {
		nested = nest(i, nested)
	}
	small := mailin.Limits{MaxBytes: 2000}
	tests := []struct {
		name, file string
		data       []byte
		read       func(string, []byte) (*mailin.Message, error)
		want       []string // phrases the message must hold
	}{
		{"binary junk", "junk.eml", junk, mailin.ReadEML, []string{"“junk.eml” is not an .eml email", "From:, To: and Subject:"}},
		{"a PDF renamed .eml", "form.eml", []byte(pdfBytes), mailin.ReadEML, []string{"“form.eml”", "it is a PDF document", "take this file in as a form"}},
		{"a Word file renamed .eml", "form.eml", docx(t), mailin.ReadEML, []string{"it is a Word document"}},
		{"an Outlook file given as .eml", "x.eml", msg, mailin.ReadEML, []string{"it is an Outlook .msg file"}},
		{"an .eml given as .msg", "x.msg", []byte(hkBig5(t)), mailin.ReadMSG, []string{"is not an Outlook .msg email: it is an .eml email"}},
		{"empty", "empty.eml", nil, mailin.ReadEML, []string{"“empty.eml” is empty"}},
		{"plain text", "notes.eml", []byte("Dear officer,\nplease find our notes.\n"), mailin.ReadEML, []string{"is not an .eml email"}},
		{"truncated MIME", "cut.eml", []byte(cut), mailin.ReadEML, []string{"“cut.eml” is cut short", "Save the email again"}},
		{"truncated base64", "cut64.eml", []byte(crlf("From: a@example.hk", "Subject: x", "Content-Type: application/pdf",
			"Content-Disposition: attachment; filename=a.pdf", "Content-Transfer-Encoding: base64", "", "JVBERi0xLjQKJ")), mailin.ReadEML,
			[]string{"“cut64.eml”", "the attachment “a.pdf”"}},
		{"emails nested too deep", "deep.eml", []byte(nested), mailin.ReadEML, []string{"more than 10 levels deep"}},
		{"MIME nested too deep", "mime.eml", []byte(deepMIME(60)), mailin.ReadEML, []string{"nested more than 50 levels deep"}},
		{"too many parts", "many.eml", []byte(manyParts(600)), mailin.ReadEML, []string{"more than 500 parts"}},
		{"file too large", "big.eml", []byte(manyParts(100)), small.ReadEML, []string{"“big.eml” is", "larger than the 1 KB"}},
		{"too large once decoded", "dec.eml", []byte(manyParts(100)), mailin.Limits{MaxDecoded: 50}.ReadEML, []string{"holds more than 50 bytes once"}},
		{"damaged Outlook file", "cut.msg", msg[:8192], mailin.ReadMSG, []string{"“cut.msg” is a damaged Outlook message"}},
		{"Outlook file with a broken directory", "dir.msg", corruptDirectory(msg), mailin.Read, []string{"“dir.msg”"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, err := tc.read(tc.file, tc.data)
			if err == nil {
				t.Fatalf("read it as %+v, want an error", m)
			}
			t.Log(err)
			if apperr.CodeOf(err) != apperr.Invalid {
				t.Errorf("code %q, want invalid (%v)", apperr.CodeOf(err), err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("message %q does not say %q", err.Error(), w)
				}
			}
		})
	}
}

// corruptDirectory breaks the sector chain of a .msg file's directory.
func corruptDirectory(msg []byte) []byte {
	b := append([]byte(nil), msg...)
	copy(b[48:52], []byte{0xF0, 0xFF, 0xFF, 0x7F}) // the first directory sector, far past the end
	return b
}

// TestLimitsHold checks that an email just inside every limit reads.
func TestLimitsHold(t *testing.T) {
	nested := deepest()
	for i := 1; i <= 10; i++ {
		nested = nest(i, nested)
	}
	if _, err := mailin.ReadEML("ten.eml", []byte(nested)); err != nil {
		t.Errorf("10 levels of emails: %v", err)
	}
	if _, err := mailin.ReadEML("many.eml", []byte(manyParts(499))); err != nil {
		t.Errorf("500 parts: %v", err)
	}
	if _, err := mailin.ReadEML("mime.eml", []byte(deepMIME(49))); err != nil {
		t.Errorf("49 levels of multiparts: %v", err)
	}
}
