// Package memtest measures the peak memory of one read of a file, for tests
// that prove hostile files cannot exhaust memory. The read runs in a child
// process (the test binary run again for this one test), so the figure is
// that read's own peak resident set (VmHWM), not the test run's.
package memtest

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"atpreg/internal/apperr"
)

// Budget is the most memory any import, intake or attachment may hold at
// its peak, whatever the file (300 MB).
const Budget = 300 << 20

// Env names of the child's instructions.
const (
	envTest = "ATPREG_MEMTEST_TEST"
	envFile = "ATPREG_MEMTEST_FILE"
	marker  = "ATPREG_MEMTEST_RESULT "
)

// Result is what the child reports.
type Result struct {
	// Peak is the child's peak resident set in bytes (VmHWM).
	Peak int64 `json:"peak"`
	// Err is the read's error text ("" when it succeeded).
	Err string `json:"err"`
	// Code is the read's apperr code ("" when it succeeded).
	Code apperr.Code `json:"code"`
}

// MB writes the peak in megabytes.
func (r Result) MB() string { return fmt.Sprintf("%.0f MB", float64(r.Peak)/(1<<20)) }

// Measure runs read(path) in a child process and returns its peak memory
// and error. In the test process, build writes the file into a fresh
// temporary folder and returns its path; the child only reads it. A test
// calling Measure must call it once, and nothing after it that the child
// should not do (the child stops there).
func Measure(t *testing.T, build func(dir string) string, read func(path string) error) Result {
	t.Helper()
	if os.Getenv(envTest) == t.Name() {
		child(t, read)
		return Result{}
	}
	if Race {
		t.Skip("peak memory is measured without the race detector, whose shadow memory multiplies every figure and time (make test-go runs these tests without -race)")
	}
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("peak memory is measured from /proc/self/status (Linux only)")
	}
	path := build(t.TempDir())
	parts := strings.Split(t.Name(), "/")
	for i, p := range parts {
		parts[i] = "^" + regexp.QuoteMeta(p) + "$"
	}
	// A guard against a child that never ends, not a time limit on the read.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run="+strings.Join(parts, "/"), "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), envTest+"="+t.Name(), envFile+"="+path)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the child process failed: %v\n%s", err, tail(out))
	}
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if line, ok := strings.CutPrefix(sc.Text(), marker); ok {
			var r Result
			if err := json.Unmarshal([]byte(line), &r); err != nil {
				t.Fatalf("the child's report %q: %v", line, err)
			}
			return r
		}
	}
	t.Fatalf("the child process did not report:\n%s", tail(out))
	return Result{}
}

// child does the read, reports and stops the test.
func child(t *testing.T, read func(path string) error) {
	err := read(os.Getenv(envFile))
	r := Result{}
	if err != nil {
		r.Err, r.Code = err.Error(), apperr.CodeOf(err)
	}
	peak, perr := peakRSS()
	if perr != nil {
		t.Fatal(perr)
	}
	r.Peak = peak
	b, _ := json.Marshal(r)
	fmt.Println(marker + string(b))
	t.SkipNow()
}

// peakRSS reads VmHWM from /proc/self/status.
func peakRSS() (int64, error) {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var kb int64
			if _, err := fmt.Sscanf(strings.TrimSpace(v), "%d kB", &kb); err != nil {
				return 0, fmt.Errorf("VmHWM %q: %v", v, err)
			}
			return kb << 10, nil
		}
	}
	return 0, fmt.Errorf("no VmHWM in /proc/self/status")
}

func tail(b []byte) string {
	if len(b) > 4000 {
		b = b[len(b)-4000:]
	}
	return string(b)
}

// Check fails t when r's peak is over Budget and when r's error is not an
// apperr.Invalid holding every one of want. With no want, the read must
// have succeeded.
func Check(t *testing.T, r Result, want ...string) {
	t.Helper()
	t.Logf("peak memory %s (budget %d MB)", r.MB(), Budget>>20)
	if r.Peak > Budget {
		t.Errorf("peak memory %s, more than the %d MB budget", r.MB(), Budget>>20)
	}
	if len(want) == 0 {
		if r.Err != "" {
			t.Errorf("the read failed: %s", r.Err)
		}
		return
	}
	if r.Err == "" {
		t.Fatalf("the read succeeded; want an error saying %q", want)
	}
	if r.Code != apperr.Invalid {
		t.Errorf("error code %q, want %q: %s", r.Code, apperr.Invalid, r.Err)
	}
	for _, w := range want {
		if !strings.Contains(r.Err, w) {
			t.Errorf("error %q\ndoes not say %q", r.Err, w)
		}
	}
}
