package mailin_test

import (
	"archive/zip"
	"bytes"
	"testing"

	"atpreg/internal/mailin"
	"atpreg/internal/outlookmsg/msgtest"
)

func zipWith(t *testing.T, names ...string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
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

func TestDetect(t *testing.T) {
	msg := msgFixtures(t)[0]
	doc := (&msgtest.Message{}).Bytes()
	doc = bytes.Replace(doc, []byte("_\x00_\x00p\x00r\x00o\x00p"), []byte("_\x00_\x00q\x00r\x00o\x00p"), 1)
	broken := append([]byte(nil), msg...)
	copy(broken[48:52], []byte{0xF0, 0xFF, 0xFF, 0x7F})
	tests := []struct {
		name string
		data []byte
		want mailin.Kind
	}{
		{"a.eml", []byte(hkBig5(t)), mailin.KindEML},
		{"a.txt", []byte(outlookStyle(t)), mailin.KindEML},
		{"mbox.eml", []byte(mbox()), mailin.KindEML},
		{"bom.eml", []byte("\xef\xbb\xbfFrom: a@example.hk\r\nSubject: x\r\n\r\nhi"), mailin.KindEML},
		{"headers only.eml", []byte("Subject: x\r\nFrom: a@example.hk\r\n"), mailin.KindEML},
		{"not headers.eml", []byte("Dear officer: hello\nthanks"), mailin.KindUnknown},
		{"odd fields only.eml", []byte("X-Custom: 1\r\nY: 2\r\n\r\nbody"), mailin.KindUnknown},
		{"a.msg", msg, mailin.KindMSG},
		{"renamed.eml", msg, mailin.KindMSG},
		{"old.doc", doc, mailin.KindUnknown},
		{"broken.msg", broken, mailin.KindMSG},
		{"broken.doc", broken, mailin.KindUnknown},
		{"form.pdf", []byte(pdfBytes), mailin.KindPDF},
		{"form.eml", []byte("\r\n%PDF-1.7\n..."), mailin.KindPDF},
		{"form.docx", zipWith(t, "[Content_Types].xml", "word/document.xml"), mailin.KindDOCX},
		{"book.xlsx", zipWith(t, "[Content_Types].xml", "xl/workbook.xml"), mailin.KindXLSX},
		{"other.zip", zipWith(t, "readme.txt"), mailin.KindUnknown},
		{"empty", nil, mailin.KindUnknown},
		{"nul.eml", []byte("From: a\x00\r\n\r\n"), mailin.KindUnknown},
	}
	for _, tc := range tests {
		if got := mailin.Detect(tc.name, tc.data); got != tc.want {
			t.Errorf("Detect(%q) = %s, want %s", tc.name, got, tc.want)
		}
	}
}
