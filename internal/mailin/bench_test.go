package mailin_test

import (
	"math/rand"
	"strings"
	"testing"

	"atpreg/internal/mailin"
)

// tenMB is a 10 MB email as an applicant sends it: a Big5 plain and HTML
// body, a filled PDF form and five other attachments, base64-encoded.
func tenMB(tb testing.TB) []byte {
	rng := rand.New(rand.NewSource(1))
	blob := func(n int, head string) string {
		b := make([]byte, n)
		rng.Read(b)
		copy(b, head)
		return string(b)
	}
	files := []struct{ name, ctype, data string }{
		{"ATP RFI form (completed).pdf", "application/pdf", "%PDF-1.7\n" + strings.Repeat("1 0 obj << /FT /Tx /T (field) /V (value) >> endobj\n", 30000)},
		{"產品簡介.pdf", "application/pdf", blob(1800<<10, "%PDF-1.5\n")},
		{"臨床數據.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", blob(1200<<10, "PK\x03\x04")},
		{"公司簡介.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", blob(1200<<10, "PK\x03\x04")},
		{"實驗室.jpg", "image/jpeg", blob(1400<<10, "\xff\xd8\xff\xe0")},
		{"GMP certificate.png", "image/png", blob(1000<<10, "\x89PNG\r\n\x1a\n")},
	}
	var b strings.Builder
	b.WriteString(crlf(
		"From: "+word("big5", big5(tb, "陳大文"))+" <chan.taiman@example.hk>",
		"To: atp-rfi@example.org",
		"Subject: "+word("big5", big5(tb, "回覆：先進療法產品資料徵集")),
		"Date: Tue, 6 Jan 2026 09:15:00 +0800",
		"Message-ID: <big.1@example.hk>",
		"MIME-Version: 1.0",
		`Content-Type: multipart/mixed; boundary="big"`,
		"",
		"--big",
		`Content-Type: multipart/alternative; boundary="alt"`,
		"",
		"--alt",
		"Content-Type: text/plain; charset=big5",
		"Content-Transfer-Encoding: base64",
		"",
		b64(strings.Repeat(bigBody(tb), 20)),
		"--alt",
		"Content-Type: text/html; charset=big5",
		"Content-Transfer-Encoding: quoted-printable",
		"",
		"<html><body><p>=A7=41=A6=6E</p></body></html>",
		"--alt--",
		""))
	for _, f := range files {
		b.WriteString(crlf("--big",
			"Content-Type: "+f.ctype,
			"Content-Transfer-Encoding: base64",
			"Content-Disposition: attachment; filename*=UTF-8''"+pct(f.name),
			"",
			b64(f.data),
			""))
	}
	b.WriteString("--big--\r\n")
	return []byte(b.String())
}

func TestTenMBEmail(t *testing.T) {
	data := tenMB(t)
	if len(data) < 10<<20 || len(data) > 11<<20 {
		t.Fatalf("the email is %d bytes, not about 10 MB", len(data))
	}
	m, err := mailin.ReadEML("big.eml", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Attachments) != 6 || m.Attachments[0].Name != "ATP RFI form (completed).pdf" || m.Attachments[5].Name != "GMP certificate.png" {
		t.Errorf("attachments %q", names(m))
	}
}

func BenchmarkReadEML10MB(b *testing.B) {
	data := tenMB(b)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := mailin.ReadEML("big.eml", data); err != nil {
			b.Fatal(err)
		}
	}
}
