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
	cmd.Env = append(os.Environ(), "BIN="+bin, "HOME="+home, "SHOT="+shot, "ATPREG_INSECURE_TEST_KDF=1")
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
	f, err := os.Open(shot)
	if err != nil {
		t.Fatalf("no screenshot: %v\n%s", err, out)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("screenshot is not a PNG: %v", err)
	}
	if n := distinctColours(img, 64); n < 16 {
		t.Fatalf("the window looks blank: %d distinct colours in %s", n, shot)
	}
	b := img.Bounds()
	if b.Dx() < 900 || b.Dy() < 550 {
		t.Fatalf("window is %dx%d, smaller than its minimum size", b.Dx(), b.Dy())
	}
	t.Logf("window screenshot: %s", shot)
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
