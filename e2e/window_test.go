//go:build e2e

package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
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
# The page draws once the web process has started: on a loaded machine that
# takes a while, so photograph until the picture is more than a background.
for i in $(seq 1 45); do
	sleep 1
	import -window "$win" "$SHOT" || { kill $pid; exit 1; }
	[ "$(identify -format %k "$SHOT")" -ge 64 ] && break
done
sleep 1
# Use the real window as the officer would: create the register by typing.
xdotool windowactivate --sync "$win" 2>/dev/null; xdotool windowfocus --sync "$win"
xdotool type --delay 15 "$PASS"; xdotool key Tab; xdotool type --delay 15 "$PASS"; xdotool key Return
# The production key derivation (256 MiB of Argon2id) is slow on a loaded machine.
for i in $(seq 1 300); do [ -f "$HOME/data/register.atpreg" ] && break; sleep 0.2; done
[ -f "$HOME/data/register.atpreg" ] || { echo "typing in the window did not create the register"; kill $pid; exit 1; }
echo "register created from the window"
sleep 2
import -window "$win" "$SHOT_OPEN"
xdotool key ctrl+l
# Locking ends the window's process and starts a fresh window at the lock
# screen (same process id): find it again and wait until it has drawn.
for i in $(seq 1 90); do
	sleep 1
	win=$(xdotool search --onlyvisible --name 'atpreg' 2>/dev/null | head -n 1)
	[ -n "$win" ] || continue
	import -window "$win" "$SHOT_LOCKED" 2>/dev/null && [ "$(identify -format %k "$SHOT_LOCKED")" -ge 64 ] && break
done
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
kill $pid; wait $pid 2>/dev/null
echo "--- the window's log"; cat "$HOME/app.log"; exit 0
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
	case <-time.After(4 * time.Minute):
		_ = cmd.Process.Kill()
		<-done
		t.Fatal("the window check did not finish within 4 minutes")
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
	// Both starts (the first, and the fresh window at the lock screen) log
	// no error.
	if _, log, _ := strings.Cut(string(out), "--- the window's log"); strings.Contains(log, "reported an error") {
		t.Errorf("the window logged an error:\n%s", log)
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

// TestWebviewFilesPrivate runs the production window on the default
// register, opens the demo by typing, shows the register list, then locks
// and closes: WebKit's files are in their own 0700 folders
// (atpreg-webview), every file there 0600, none in the register's folder
// (and what an earlier version left there is gone), and no entity name the
// window showed is in any file WebKit wrote.
func TestWebviewFilesPrivate(t *testing.T) {
	for _, tool := range [][2]string{{"xvfb-run", "xvfb"}, {"xdotool", "xdotool"}, {"dbus-run-session", "dbus-daemon"}} {
		requireTool(t, tool[0], tool[1])
	}
	bin := prodBinary(t)
	home := t.TempDir()
	regDir := filepath.Join(home, ".local", "share", "atpreg")
	if err := os.MkdirAll(regDir, 0o700); err != nil {
		t.Fatal(err)
	}
	// What WebKit left in the register's folder for an earlier version.
	if err := os.WriteFile(filepath.Join(regDir, "hsts-storage.sqlite"), []byte("SQLite format 3\x00earlier"), 0o644); err != nil {
		t.Fatal(err)
	}
	shot := filepath.Join(artifactDir(t), "window-webview-demo.png")
	script := `
"$BIN" >"$HOME/app.log" 2>&1 &
pid=$!
win=$(timeout 45 xdotool search --sync --onlyvisible --name 'atpreg' | head -n 1)
[ -n "$win" ] || { echo "no window"; cat "$HOME/app.log"; kill $pid; exit 1; }
sleep 3
xdotool windowactivate --sync "$win" 2>/dev/null; xdotool windowfocus --sync "$win"
xdotool type --delay 15 "$PASS"; xdotool key Tab; xdotool type --delay 15 "$PASS"; xdotool key Tab Tab Return
for i in $(seq 1 150); do [ -f "$REG" ] && break; sleep 0.2; done
[ -f "$REG" ] || { echo "the demo register was not created"; kill $pid; exit 1; }
sleep 4
xdotool key alt+2
sleep 3
import -window "$win" "$SHOT"
xdotool key ctrl+l
sleep 2
kill $pid; wait $pid 2>/dev/null; exit 0
`
	cmd := exec.Command("dbus-run-session", "--", "xvfb-run", "-a", "-s", "-screen 0 1280x800x24", "bash", "-c", script)
	reg := filepath.Join(regDir, "register.atpreg")
	cmd.Env = append(os.Environ(), "BIN="+bin, "HOME="+home, "SHOT="+shot, "PASS="+TestPassphrase, "REG="+reg)
	for _, v := range []string{"XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"} {
		cmd.Env = append(cmd.Env, v+"=")
	}
	if out, err := runWithin(cmd, 3*time.Minute); err != nil {
		t.Fatalf("the window run failed: %v\n%s", err, out)
	}

	// The register's folder holds the register's files only.
	ents, err := os.ReadDir(regDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if !strings.HasPrefix(e.Name(), "register.atpreg") {
			t.Errorf("the register's folder holds %s", e.Name())
		}
	}
	// WebKit's folders: private, and every file in them too.
	webview := []string{filepath.Join(home, ".local", "share", "atpreg-webview"), filepath.Join(home, ".cache", "atpreg-webview")}
	files := 0
	for _, dir := range webview {
		st, err := os.Stat(dir)
		if err != nil || st.Mode().Perm() != 0o700 {
			t.Fatalf("%s: %v, mode %v", dir, err, st.Mode().Perm())
		}
		_ = filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			fi, err := d.Info()
			if err != nil {
				return err
			}
			if fi.Mode().Perm()&0o077 != 0 {
				t.Errorf("%s has mode %v: others can read it", path, fi.Mode().Perm())
			}
			if d.Type().IsRegular() {
				files++
			}
			return nil
		})
	}
	if files == 0 {
		t.Fatal("WebKit wrote nothing in its folders: are they the ones it uses?")
	}
	// No register text in anything written under HOME but the register itself.
	list := exec.Command(bin, "--register", reg, "list", "--json")
	list.Env = append(os.Environ(), "HOME="+home, "ATPREG_PASSPHRASE="+TestPassphrase)
	out, err := list.Output()
	if err != nil {
		t.Fatalf("atpreg list: %v", err)
	}
	var rows []struct{ Name string }
	if err := json.Unmarshal(out, &rows); err != nil || len(rows) < 10 {
		t.Fatalf("atpreg list: %d rows, %v", len(rows), err)
	}
	var needles [][]byte
	for _, r := range rows {
		needles = append(needles, []byte(r.Name), utf16le(r.Name))
	}
	_ = filepath.WalkDir(home, func(path string, d os.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() || strings.HasPrefix(path, reg) {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return nil
		}
		for i, n := range needles {
			if bytes.Contains(b, n) {
				t.Errorf("%s holds the entity name %q", path, rows[i/2].Name)
				break
			}
		}
		return nil
	})
	t.Logf("window screenshot: %s", shot)
}

// utf16le is s as UTF-16LE bytes (how some stores keep text).
func utf16le(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

// runWithin runs cmd, killing it after d.
func runWithin(cmd *exec.Cmd, d time.Duration) ([]byte, error) {
	done := make(chan struct{})
	var out []byte
	var err error
	go func() { out, err = cmd.CombinedOutput(); close(done) }()
	select {
	case <-done:
		return out, err
	case <-time.After(d):
		_ = cmd.Process.Kill()
		<-done
		return out, fmt.Errorf("did not finish within %v", d)
	}
}

// TestStartLogsNoError starts the dev-tagged window and loads its page in a
// browser from Wails' dev server, as every browser test does: a start logs
// no error. (Wails' dev server used to log the page runtime's
// "runtime:ready" twice as an error, which the window's log printed as
// "the window runtime reported an error"; it is now named as harmless.)
func TestStartLogsNoError(t *testing.T) {
	a := StartApp(t)
	p := NewPage(t, a)
	p.WaitJS(`document.querySelector('[data-testid="lock-screen"]')?.dataset.state === 'absent'`, defaultWait)
	// The page's runtime said "runtime:ready" when it loaded; wait until the
	// dev server has logged it, so that the check below is not too early.
	deadline := time.Now().Add(defaultWait)
	for !strings.Contains(a.Log(), `"runtime:ready"`) && !strings.Contains(a.Log(), "reported an error") {
		if time.Now().After(deadline) {
			t.Fatalf("the page's runtime:ready was never logged as what it is:\n%s", a.Log())
		}
		time.Sleep(100 * time.Millisecond)
	}
	time.Sleep(500 * time.Millisecond) // the dev server logs each message on its own goroutine
	if strings.Contains(a.Log(), "reported an error") {
		t.Fatalf("the start logged an error:\n%s", a.Log())
	}
	if n := strings.Count(a.Log(), `"runtime:ready"`); n != 1 {
		t.Errorf("one page load, %d runtime:ready lines:\n%s", n, a.Log())
	}
}
