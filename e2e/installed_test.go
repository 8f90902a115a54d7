//go:build e2e

package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestInstalledPackage checks atpreg as the .deb installed it (make
// test-dist installs the package, then runs this with
// ATPREG_INSTALLED_TEST=1): the launcher, icons and metainfo are in place,
// `atpreg version` runs from PATH, and `atpreg` from PATH opens its window
// under Xvfb, found by its title and by the WM_CLASS the launcher's
// StartupWMClass names.
func TestInstalledPackage(t *testing.T) {
	if os.Getenv("ATPREG_INSTALLED_TEST") != "1" {
		t.Skip("checks the installed .deb: run by make test-dist after installing it")
	}
	for _, tool := range [][2]string{{"xvfb-run", "xvfb"}, {"xdotool", "xdotool"}, {"import", "imagemagick"}, {"identify", "imagemagick"}, {"dbus-run-session", "dbus-daemon"}} {
		requireTool(t, tool[0], tool[1])
	}
	bin, err := exec.LookPath("atpreg")
	if err != nil || bin != "/usr/bin/atpreg" {
		t.Fatalf("atpreg on PATH is %q (%v), want /usr/bin/atpreg from the package", bin, err)
	}
	out, err := exec.Command("atpreg", "version").CombinedOutput()
	if err != nil {
		t.Fatalf("atpreg version: %v\n%s", err, out)
	}
	if want := os.Getenv("ATPREG_INSTALLED_VERSION"); want != "" && strings.TrimSpace(string(out)) != "atpreg "+want {
		t.Fatalf("atpreg version printed %q, want %q", strings.TrimSpace(string(out)), "atpreg "+want)
	}
	desktop, err := os.ReadFile("/usr/share/applications/atpreg.desktop")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{"Exec=atpreg %F", "Icon=atpreg", "Categories=Office;", "StartupWMClass=atpreg"} {
		if !strings.Contains(string(desktop), "\n"+line+"\n") {
			t.Errorf("the installed launcher has no line %q", line)
		}
	}
	for _, f := range []string{
		"/usr/share/icons/hicolor/48x48/apps/atpreg.png",
		"/usr/share/icons/hicolor/256x256/apps/atpreg.png",
		"/usr/share/icons/hicolor/scalable/apps/atpreg.svg",
		"/usr/share/metainfo/hk.org.hkstp.atpreg.metainfo.xml",
		"/usr/share/man/man1/atpreg.1.gz",
	} {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("the package did not install %s: %v", f, err)
		}
	}

	// The window, started as the launcher does: "atpreg" from PATH, on the
	// default register of a new user (none yet: the window offers to create it).
	home := t.TempDir()
	shot := filepath.Join(artifactDir(t), "installed-window.png")
	_ = os.Remove(shot)
	script := `
atpreg >"$HOME/app.log" 2>&1 &
pid=$!
win=$(timeout 45 xdotool search --sync --onlyvisible --name 'atpreg' | head -n 1)
if [ -z "$win" ]; then echo "no window appeared"; cat "$HOME/app.log"; kill $pid; exit 1; fi
# GTK may show the program's name first and the window's title a moment later.
for i in $(seq 1 60); do
	title=$(xdotool getwindowname "$win")
	case "$title" in *"ATP capacity register"*) break ;; esac
	sleep 0.5
done
echo "title: $title"
echo "class windows: $(xdotool search --onlyvisible --class '^atpreg$' | wc -l)"
# The page draws once the web process has started: on a loaded machine that
# takes a while, so photograph until the picture is more than a background.
for i in $(seq 1 45); do
	sleep 1
	import -window "$win" "$SHOT" || { kill $pid; exit 1; }
	[ "$(identify -format %k "$SHOT")" -ge 64 ] && break
done
kill -0 $pid 2>/dev/null || { echo "atpreg died"; cat "$HOME/app.log"; exit 1; }
kill $pid; wait $pid 2>/dev/null; exit 0
`
	cmd := exec.Command("dbus-run-session", "--", "xvfb-run", "-a", "-s", "-screen 0 1280x800x24", "bash", "-c", script)
	cmd.Env = append(os.Environ(), "HOME="+home, "XDG_DATA_HOME=", "XDG_CONFIG_HOME=", "XDG_CACHE_HOME=", "SHOT="+shot)
	done := make(chan struct{})
	go func() { out, err = cmd.CombinedOutput(); close(done) }()
	select {
	case <-done:
	case <-time.After(2 * time.Minute):
		_ = cmd.Process.Kill()
		<-done
		t.Fatal("the installed window did not open and close within 2 minutes")
	}
	if err != nil {
		t.Fatalf("the installed atpreg's window: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "title: atpreg — ATP capacity register") {
		t.Fatalf("the window's title is not atpreg's:\n%s", out)
	}
	if strings.Contains(string(out), "class windows: 0") {
		t.Fatalf("no window has WM_CLASS atpreg (the launcher's StartupWMClass):\n%s", out)
	}
	if img := readPNG(t, shot, out); distinctColours(img, 64) < 16 {
		t.Fatalf("the installed window looks blank in %s", shot)
	}
	t.Logf("installed window: %s\n%s", shot, out)
}
