package rfiform_test

import (
	"testing"

	"atpreg/internal/forms"
	"atpreg/internal/rfiform"
)

// BenchmarkPDF makes the pre-filled RFI form as a PDF (font parsed and
// compressed once per process, before the timer).
func BenchmarkPDF(b *testing.B) {
	e := entity()
	if _, err := rfiform.PDF(&e, "en", date); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := rfiform.PDF(&e, "en", date); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDOCX makes the pre-filled RFI form as a Word document.
func BenchmarkDOCX(b *testing.B) {
	e := entity()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := rfiform.DOCX(&e, "en", date); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadPDF reads the pre-filled PDF form (about 2.2 MB) back.
func BenchmarkReadPDF(b *testing.B) {
	e := entity()
	pdf, err := rfiform.PDF(&e, "en", date)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(pdf)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := forms.ReadPDF(pdf); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadDOCX reads the pre-filled Word form back.
func BenchmarkReadDOCX(b *testing.B) {
	e := entity()
	docx, err := rfiform.DOCX(&e, "en", date)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(docx)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := forms.ReadDOCX(docx); err != nil {
			b.Fatal(err)
		}
	}
}
