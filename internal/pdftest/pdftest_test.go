package pdftest_test

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"atpreg/internal/pdfdoc"
	"atpreg/internal/pdftest"
)

func TestFlatAndSqueeze(t *testing.T) {
	tests := []struct{ in, flat, squeeze string }{
		{"", "", ""},
		{"  Page 1\nof\t3 \n", "Page 1 of 3", "Page1of3"},
		{"C\nO\nN\nF · 香港\n", "C O N F · 香港", "CONF·香港"},
	}
	for _, tc := range tests {
		if got := pdftest.Flat(tc.in); got != tc.flat {
			t.Errorf("Flat(%q) = %q, want %q", tc.in, got, tc.flat)
		}
		if got := pdftest.Squeeze(tc.in); got != tc.squeeze {
			t.Errorf("Squeeze(%q) = %q, want %q", tc.in, got, tc.squeeze)
		}
	}
}

func TestReadsAPDF(t *testing.T) {
	d, err := pdfdoc.New(pdfdoc.Options{Title: "Fictional test", Author: "Test Officer", DocumentID: "T-9", Clock: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	d.Para("香港科學園 fictional paragraph")
	d.PageBreak()
	d.Para("second page")
	b, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	path := pdftest.WriteTemp(t, "t.pdf", b)
	text, err := pdftest.Text(t, path)
	if err != nil || !strings.Contains(text, "香港科學園 fictional paragraph") {
		t.Errorf("Text = %q, %v", text, err)
	}
	if text, err := pdftest.Text(t, path, "-f", "2", "-l", "2"); err != nil || strings.Contains(text, "fictional") || !strings.Contains(text, "second page") {
		t.Errorf("Text of page 2 = %q, %v", text, err)
	}
	if n := pdftest.Pages(t, path); n != 2 {
		t.Errorf("Pages = %d, want 2", n)
	}
	if info, err := pdftest.Info(t, path); err != nil || !strings.Contains(info, "Test Officer") {
		t.Errorf("Info = %q, %v", info, err)
	}
	bad := pdftest.WriteTemp(t, "bad.pdf", []byte("not a PDF"))
	if _, err := pdftest.Text(t, bad); err == nil {
		t.Error("Text of a file that is no PDF did not fail")
	}
	if _, err := pdftest.Info(t, bad); err == nil {
		t.Error("Info of a file that is no PDF did not fail")
	}
	if mb := pdftest.PeakRSSMB(); mb <= 0 {
		t.Errorf("PeakRSSMB = %v on Linux", mb)
	}
}

func TestGolden(t *testing.T) {
	path := filepath.Join(t.TempDir(), "golden", "x.pdf")
	pdftest.Golden(t, path, []byte("%PDF-1.4 one"), true)
	pdftest.Golden(t, path, []byte("%PDF-1.4 one"), false)
	if b, err := os.ReadFile(path); err != nil || string(b) != "%PDF-1.4 one" {
		t.Fatalf("golden file %q, %v", b, err)
	}
	// A differing output must fail the test that compares it.
	ft := &fakeTB{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		pdftest.Golden(ft, path, []byte("%PDF-1.4 two"), false)
	}()
	<-done
	if !ft.failed {
		t.Error("Golden passed an output that differs from the file")
	}
}

// fakeTB records a Fatalf instead of failing the real test.
type fakeTB struct {
	testing.TB
	failed bool
}

func (f *fakeTB) Helper() {}
func (f *fakeTB) Fatalf(string, ...any) {
	f.failed = true
	runtime.Goexit()
}
