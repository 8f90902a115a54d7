//go:build e2e

package e2e

import (
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRealWindow starts the production binary under Xvfb, finds its window
// with xdotool, screenshots it with ImageMagick's import and fails if the
// window never appears or the picture is blank. A second launch must hand
// over to the first and exit, leaving one window.
func TestRealWindow(t *testing.T) {
	for _, tool := range [][2]string{{"xvfb-run", "xvfb"}, {"xdotool", "xdotool"}, {"import", "imagemagick"}, {"dbus-run-session", "dbus-daemon"}} {
		requireTool(t, tool[0], tool[1])
	}
	bin := prodBinary(t)
	home := t.TempDir()
	shot := filepath.Join(artifactDir(t), "window.png")
	_ = os.Remove(shot)
	script := `
"$BIN" --register "$HOME/data/register.atpreg" >"$HOME/app.log" 2>&1 &
pid=$!
win=$(timeout 45 xdotool search --sync --onlyvisible --name 'atpreg' | head -n 1)
if [ -z "$win" ]; then echo "no window appeared"; cat "$HOME/app.log"; kill $pid; exit 1; fi
echo "title: $(xdotool getwindowname "$win")"
sleep 4
import -window "$win" "$SHOT" || { kill $pid; exit 1; }
# Use the real window as the officer would: create the register by typing.
xdotool windowactivate --sync "$win" 2>/dev/null; xdotool windowfocus --sync "$win"
xdotool type --delay 15 "$PASS"; xdotool key Tab; xdotool type --delay 15 "$PASS"; xdotool key Return
for i in $(seq 1 50); do [ -f "$HOME/data/register.atpreg" ] && break; sleep 0.2; done
[ -f "$HOME/data/register.atpreg" ] || { echo "typing in the window did not create the register"; kill $pid; exit 1; }
echo "register created from the window"
sleep 2
import -window "$win" "$SHOT_OPEN"
xdotool key ctrl+l
sleep 2
import -window "$win" "$SHOT_LOCKED"
# One instance per user: a second launch hands over to the first and exits.
"$BIN" --register "$HOME/data/register.atpreg" >"$HOME/second.log" 2>&1 &
second=$!
for i in $(seq 1 100); do kill -0 $second 2>/dev/null || break; sleep 0.2; done
if kill -0 $second 2>/dev/null; then echo "second instance still running"; kill $second; kill $pid; exit 1; fi
echo "second instance exited"
echo "windows: $(xdotool search --onlyvisible --name 'atpreg' | wc -l)"
kill -0 $pid 2>/dev/null || { echo "first instance died"; exit 1; }
kill $pid; wait $pid 2>/dev/null; exit 0
`
	cmd := exec.Command("dbus-run-session", "--", "xvfb-run", "-a", "-s", "-screen 0 1280x800x24", "bash", "-c", script)
	shotOpen := filepath.Join(artifactDir(t), "window-open.png")
	shotLocked := filepath.Join(artifactDir(t), "window-locked.png")
	cmd.Env = append(os.Environ(), "BIN="+bin, "HOME="+home, "SHOT="+shot, "SHOT_OPEN="+shotOpen, "SHOT_LOCKED="+shotLocked,
		"PASS="+TestPassphrase, "ATPREG_INSECURE_TEST_KDF=1")
	done := make(chan struct{})
	var out []byte
	var err error
	go func() { out, err = cmd.CombinedOutput(); close(done) }()
	select {
	case <-done:
	case <-time.After(2 * time.Minute):
		_ = cmd.Process.Kill()
		<-done
		t.Fatal("the window check did not finish within 2 minutes")
	}
	if err != nil {
		t.Fatalf("window check failed: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "second instance exited") || !strings.Contains(string(out), "windows: 1") {
		t.Fatalf("a second launch did not hand over to the first (single instance):\n%s", out)
	}
	if !strings.Contains(string(out), "title: atpreg") {
		t.Fatalf("window title does not start with atpreg:\n%s", out)
	}
	if !strings.Contains(string(out), "register created from the window") {
		t.Fatalf("the register was not created by typing in the real window:\n%s", out)
	}
	for _, p := range []string{shotOpen, shotLocked} {
		if img := readPNG(t, p, out); distinctColours(img, 64) < 16 {
			t.Fatalf("the window looks blank in %s", p)
		}
	}
	// The open shell and the lock screen must differ: Ctrl+L locked the real window.
	if samePicture(readPNG(t, shotOpen, out), readPNG(t, shotLocked, out)) {
		t.Fatal("Ctrl+L did not change the real window (still the same picture)")
	}
	img := readPNG(t, shot, out)
	if n := distinctColours(img, 64); n < 16 {
		t.Fatalf("the window looks blank: %d distinct colours in %s", n, shot)
	}
	b := img.Bounds()
	if b.Dx() < 900 || b.Dy() < 550 {
		t.Fatalf("window is %dx%d, smaller than its minimum size", b.Dx(), b.Dy())
	}
	t.Logf("window screenshot: %s", shot)

	// The production binary has no test hooks: although the window ran with
	// ATPREG_INSECURE_TEST_KDF=1, the register it created derives its key
	// with the production Argon2id parameters.
	verify := exec.Command(bin, "--register", filepath.Join(home, "data", "register.atpreg"), "verify")
	verify.Env = append(os.Environ(), "HOME="+home, "ATPREG_PASSPHRASE="+TestPassphrase, "ATPREG_INSECURE_TEST_KDF=1")
	vout, err := verify.CombinedOutput()
	if err != nil {
		t.Fatalf("verify the window's register: %v\n%s", err, vout)
	}
	if !strings.Contains(string(vout), "Argon2id t=4 m=256 MiB p=2") {
		t.Fatalf("the production binary honoured ATPREG_INSECURE_TEST_KDF (want Argon2id t=4 m=256 MiB p=2):\n%s", vout)
	}
}

func readPNG(t *testing.T, path string, out []byte) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("no screenshot %s: %v\n%s", path, err, out)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s is not a PNG: %v", path, err)
	}
	return img
}

// samePicture reports whether two screenshots are pixel for pixel the same.
func samePicture(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y += 2 {
		for x := r.Min.X; x < r.Max.X; x += 2 {
			if a.At(x, y) != b.At(x, y) {
				return false
			}
		}
	}
	return true
}

// distinctColours counts distinct colours, stopping at limit.
func distinctColours(img image.Image, limit int) int {
	seen := map[[3]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			r, g, bl, _ := img.At(x, y).RGBA()
			seen[[3]uint32{r >> 8, g >> 8, bl >> 8}] = true
			if len(seen) >= limit {
				return len(seen)
			}
		}
	}
	return len(seen)
}
