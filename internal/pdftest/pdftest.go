// Package pdftest reads PDFs in tests through poppler's command-line tools
// (pdftotext -enc UTF-8, pdfinfo), as the content tests of the briefing
// packs, the layout kit and the demand summary do. A missing tool fails the
// test with what to install: a content test that skips could never fail.
package pdftest

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// tool returns the path of a poppler tool, failing tb when it is missing.
func tool(tb testing.TB, name string) string {
	tb.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		tb.Fatalf("%s not found: install poppler-utils (apt-get install poppler-utils) to run this test", name)
	}
	return p
}

// WriteTemp writes b (mode 0600) to a file called name in a new temporary
// folder of tb and returns its path.
func WriteTemp(tb testing.TB, name string, b []byte) string {
	tb.Helper()
	p := filepath.Join(tb.TempDir(), name)
	if err := os.WriteFile(p, b, 0o600); err != nil {
		tb.Fatal(err)
	}
	return p
}

// Text returns the text of the PDF at path as `pdftotext -enc UTF-8 [args]
// path -` prints it (args e.g. "-raw", "-layout", "-f", "2", "-upw", pass).
// The error carries poppler's message, e.g. for an encrypted file opened
// without its password.
func Text(tb testing.TB, path string, args ...string) (string, error) {
	tb.Helper()
	cmd := exec.Command(tool(tb, "pdftotext"), append(append([]string{"-enc", "UTF-8"}, args...), path, "-")...)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("pdftotext: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	return out.String(), nil
}

// Info returns what `pdfinfo [args] path` prints (standard output and error
// together) and whether it failed, e.g. without the password of an
// encrypted file.
func Info(tb testing.TB, path string, args ...string) (string, error) {
	tb.Helper()
	out, err := exec.Command(tool(tb, "pdfinfo"), append(args, path)...).CombinedOutput()
	return string(out), err
}

// Pages returns the page count pdfinfo reports for the PDF at path, failing
// tb when pdfinfo cannot read it.
func Pages(tb testing.TB, path string, args ...string) int {
	tb.Helper()
	info, err := Info(tb, path, args...)
	if err != nil {
		tb.Fatalf("pdfinfo %s: %v\n%s", filepath.Base(path), err, info)
	}
	for _, l := range strings.Split(info, "\n") {
		if v, ok := strings.CutPrefix(l, "Pages:"); ok {
			if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil {
				return n
			}
		}
	}
	tb.Fatalf("pdfinfo reports no page count:\n%s", info)
	return 0
}

// Flat joins the words of s with single spaces: pdftotext breaks lines
// wherever the layout does, so phrases are compared flattened.
func Flat(s string) string { return strings.Join(strings.Fields(s), " ") }

// Squeeze removes every space and line break from s: pdftotext returns
// rotated text (a watermark) one character a line.
func Squeeze(s string) string { return strings.Join(strings.Fields(s), "") }

// PeakRSSMB returns the process's peak resident set size (VmHWM) in MB, or 0
// where /proc/self/status is not available. Benchmarks report it.
func PeakRSSMB() float64 {
	st, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(st), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			return float64(kb) / 1024
		}
	}
	return 0
}

// Golden compares got with the golden file at path, after writing got there
// first when update is set (the tests' -update flag: look at the new PDFs,
// e.g. with pdftoppm, before committing them).
func Golden(tb testing.TB, path string, got []byte, update bool) {
	tb.Helper()
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		tb.Fatalf("output differs from %s (%d vs %d bytes); if the change is intended, run go test -update and look at the PDF", path, len(got), len(want))
	}
}
