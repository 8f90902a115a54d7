package app_test

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"atpreg/app"
	"atpreg/internal/memtest"
	"atpreg/internal/service"
)

// maxResidentMiB is what the window's Go process may hold with the demo
// register open, after an unlock and after a passphrase change.
const maxResidentMiB = 150

// TestResidentMemory measures the resident memory (VmRSS) of a process that
// creates the demo register with the production key derivation (Argon2id,
// 256 MiB), locks it, unlocks it and changes its passphrase, as the window
// does. It runs in a fresh child process so that other tests' memory does not
// count, prints the figures and fails above maxResidentMiB. It is skipped
// with -short and under the race detector (whose shadow memory would be
// counted); make test-memory runs it.
func TestResidentMemory(t *testing.T) {
	if os.Getenv("ATPREG_MEMORY_CHILD") == "1" {
		residentMemoryChild(t)
		return
	}
	if testing.Short() || memtest.Race {
		t.Skip("slow (four production key derivations) and meaningless under -race; run by make test-memory")
	}
	if runtime.GOOS != "linux" {
		t.Skip("reads /proc/self/status")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestResidentMemory$", "-test.v", "-test.count=1")
	cmd.Env = append(os.Environ(), "ATPREG_MEMORY_CHILD=1", "ATPREG_MEMORY_DIR="+t.TempDir())
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the measuring process failed: %v\n%s", err, out)
	}
	figures := regexp.MustCompile(`(?m)^RSS (.+): (\d+) KiB$`).FindAllStringSubmatch(string(out), -1)
	if len(figures) != 4 {
		t.Fatalf("expected 4 RSS figures from the measuring process, got %d:\n%s", len(figures), out)
	}
	for _, f := range figures {
		kib, _ := strconv.Atoi(f[2])
		t.Logf("resident memory %s: %.1f MiB", f[1], float64(kib)/1024)
		if strings.HasPrefix(f[1], "peak") {
			continue
		}
		if kib > maxResidentMiB*1024 {
			t.Errorf("resident memory %s is %.1f MiB, more than %d MiB", f[1], float64(kib)/1024, maxResidentMiB)
		}
	}
}

// residentMemoryChild is the measuring process: the window's session on the
// demo register with the production key derivation.
func residentMemoryChild(t *testing.T) {
	dir := os.Getenv("ATPREG_MEMORY_DIR")
	if dir == "" {
		t.Fatal("ATPREG_MEMORY_DIR is not set")
	}
	s := app.NewSession(app.Config{
		RegisterPath: filepath.Join(dir, "register.atpreg"),
		Options:      service.Options{}, // the production key derivation
	})
	if _, err := s.CreateRegister(testPassphrase, testPassphrase, true); err != nil {
		t.Fatalf("create the demo register: %v", err)
	}
	if _, err := s.Lock(); err != nil {
		t.Fatalf("lock: %v", err)
	}
	if _, err := s.Unlock(testPassphrase); err != nil {
		t.Fatalf("unlock: %v", err)
	}
	printRSS(t, "after unlock", "VmRSS")
	const next = "another fictional harbour 9 lantern crane"
	if err := s.ChangePassphrase(testPassphrase, next, next); err != nil {
		t.Fatalf("change passphrase: %v", err)
	}
	printRSS(t, "after passphrase change", "VmRSS")
	printRSS(t, "peak (during key derivation)", "VmHWM")
	if _, err := s.Lock(); err != nil {
		t.Fatalf("lock: %v", err)
	}
	if _, err := s.Unlock(next); err != nil {
		t.Fatalf("unlock with the new passphrase: %v", err)
	}
	printRSS(t, "after unlock with the new passphrase", "VmRSS")
	if _, err := s.Lock(); err != nil {
		t.Fatalf("lock: %v", err)
	}
}

// printRSS prints a field of /proc/self/status (in KiB) for the parent to read.
func printRSS(t *testing.T, what, field string) {
	t.Helper()
	f, err := os.Open("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), field+":"); ok {
			kib := strings.TrimSuffix(strings.TrimSpace(v), " kB")
			fmt.Printf("RSS %s: %s KiB\n", what, kib)
			return
		}
	}
	t.Fatalf("no %s in /proc/self/status", field)
}
