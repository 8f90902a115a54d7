//go:build e2e

package e2e

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"atpreg/internal/recent"
	"atpreg/internal/vault"
)

// Fictional and distinctive: neither is in the binary, so a copy in memory
// can only come from the register or from typing.
const (
	lockTestPassphrase = "Tangerine glacier whispers 8193 over velvet quarries"
	lockTestEntity     = "Quillmere Zephyrine Cellworks"
	lockTestProduct    = "Thornveil autologous keratocyte lattice"
)

// TestLockLeavesNoSecretInMemory runs the production window on a register
// made with the command line (one entity, a daily backup planned), unlocks
// it by typing the passphrase, shows the register list and searches for
// the entity by typing its name, then locks with Ctrl+L. Once the fresh
// lock screen is up, every process of the window's process tree (the
// window's own and WebKit's web and network processes) is dumped with
// gcore, and no dump may hold the passphrase (UTF-8 or UTF-16LE), the
// key-encryption key, the data key or any key derived from it, or the
// entity's or product's name; none of the web view's processes from before
// the lock may still run. Then the fresh window unlocks again with the
// passphrase, and the register still holds its entity; the daily backup
// made at the unlock is whole.
func TestLockLeavesNoSecretInMemory(t *testing.T) {
	for _, tool := range [][2]string{{"xvfb-run", "xvfb"}, {"xdotool", "xdotool"}, {"import", "imagemagick"}, {"dbus-run-session", "dbus-daemon"}, {"gcore", "gdb"}} {
		requireTool(t, tool[0], tool[1])
	}
	bin := prodBinary(t)
	home := t.TempDir()
	reg := filepath.Join(home, "data", "register.atpreg")
	backups := filepath.Join(home, "usb")
	if err := os.MkdirAll(backups, 0o700); err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(), "HOME="+home, "XDG_DATA_HOME="+filepath.Join(home, "data"),
		"XDG_CONFIG_HOME="+filepath.Join(home, "config"), "XDG_CACHE_HOME="+filepath.Join(home, "cache"))
	cli := func(args ...string) []byte {
		t.Helper()
		cmd := exec.Command(bin, append([]string{"--register", reg}, args...)...)
		cmd.Env = append(env, "ATPREG_PASSPHRASE="+lockTestPassphrase)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("atpreg %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return out
	}
	cli("init")
	csv := filepath.Join(home, "replies.csv")
	if err := os.WriteFile(csv, []byte("entity_name,product_name\n"+lockTestEntity+","+lockTestProduct+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cli("import", csv)
	if err := os.Remove(csv); err != nil {
		t.Fatal(err)
	}
	// A daily backup is due at the unlock: it holds the passphrase until it
	// is written, and the lock must wait for it (or it must be whole).
	list := recent.List{File: filepath.Join(home, "config", "atpreg", "registers.json")}
	if err := list.SetPlan(reg, func(p *recent.Plan) { p.Folder, p.Keep, p.Daily = backups, 10, true }); err != nil {
		t.Fatal(err)
	}
	secrets, err := vault.Secrets(reg, []byte(lockTestPassphrase))
	if err != nil {
		t.Fatal(err)
	}
	needles := map[string][]byte{
		"the passphrase (UTF-8)":     []byte(lockTestPassphrase),
		"the passphrase (UTF-16LE)":  utf16le(lockTestPassphrase),
		"the entity's name":          []byte(lockTestEntity),
		"the entity's name (UTF-16)": utf16le(lockTestEntity),
		"the product's name":         []byte(lockTestProduct),
	}
	for name, key := range secrets {
		needles[name] = key
	}

	shotOpen := filepath.Join(artifactDir(t), "window-lock-open.png")
	shotLocked := filepath.Join(artifactDir(t), "window-lock-fresh.png")
	shotAgain := filepath.Join(artifactDir(t), "window-lock-unlocked-again.png")
	script := `
held() { # is the register open (its lock file locked)?
	[ -f "$REG.lock" ] || return 1
	ino=$(stat -c %i "$REG.lock")
	grep -Eq "FLOCK .* [0-9a-f]+:[0-9a-f]+:$ino " /proc/locks
}
opened() { # has the window unlocked the register since the list of recent registers read $1?
	[ "$(sha1sum <"$RECENT")" != "$1" ]
}
descendants() { # every process under $1
	for c in $(ps -o pid= --ppid "$1"); do echo $c; descendants $c; done
}
drawn() { # find the window (into $win) and photograph it into $1 until it is more than a background
	for i in $(seq 1 90); do
		sleep 1
		win=$(xdotool search --onlyvisible --name 'atpreg' 2>/dev/null | head -n 1)
		[ -n "$win" ] || continue
		import -window "$win" "$1" 2>/dev/null && [ "$(identify -format %k "$1")" -ge 64 ] && return 0
	done
	return 1
}
# The window gets none of this script's variables that hold secrets.
env -u PASS -u ENTITY -u RECENT "$BIN" --register "$REG" >"$HOME/app.log" 2>&1 &
pid=$!
echo $pid >"$HOME/app.pid"
drawn "$SHOT_OPEN" || { echo "no window appeared, or it stayed blank"; cat "$HOME/app.log"; kill $pid; exit 1; }
sleep 2
xdotool windowactivate --sync "$win" 2>/dev/null; xdotool windowfocus --sync "$win"
before=$(sha1sum <"$RECENT")
xdotool type --delay 15 "$PASS"; xdotool key Return
for i in $(seq 1 600); do opened "$before" && break; sleep 0.2; done
opened "$before" && held || { echo "typing the passphrase did not unlock the register"; cat "$HOME/app.log"; kill $pid; exit 1; }
echo "unlocked"
sleep 3
xdotool key alt+2
sleep 2
xdotool key ctrl+k; xdotool type --delay 15 "$ENTITY"
sleep 3
import -window "$win" "$SHOT_OPEN"
descendants $pid >"$HOME/before.pids"
xdotool key ctrl+l
for i in $(seq 1 300); do held || break; sleep 0.2; done
held && { echo "Ctrl+L did not close the register"; kill $pid; exit 1; }
echo "locked"
sleep 2
drawn "$SHOT_LOCKED" || { echo "no window after the lock, or it stayed blank"; cat "$HOME/app.log"; kill $pid; exit 1; }
sleep 3
import -window "$win" "$SHOT_LOCKED"
touch "$HOME/locked"
for i in $(seq 1 1200); do [ -f "$HOME/dumped" ] && break; sleep 0.5; done
[ -f "$HOME/dumped" ] || { echo "the dumps were not taken"; kill $pid; exit 1; }
kill -0 $pid 2>/dev/null || { echo "the window died"; cat "$HOME/app.log"; exit 1; }
win=$(xdotool search --onlyvisible --name 'atpreg' | head -n 1)
xdotool windowactivate --sync "$win" 2>/dev/null; xdotool windowfocus --sync "$win"
before=$(sha1sum <"$RECENT")
xdotool type --delay 15 "$PASS"; xdotool key Return
for i in $(seq 1 600); do opened "$before" && break; sleep 0.2; done
opened "$before" && held || { echo "the fresh window did not unlock with the passphrase"; cat "$HOME/app.log"; kill $pid; exit 1; }
echo "unlocked again"
sleep 3
xdotool key alt+2
sleep 3
import -window "$win" "$SHOT_AGAIN"
kill $pid; wait $pid 2>/dev/null; exit 0
`
	cmd := exec.Command("dbus-run-session", "--", "xvfb-run", "-a", "-s", "-screen 0 1280x800x24", "bash", "-c", script)
	cmd.Env = append(env, "BIN="+bin, "REG="+reg, "RECENT="+list.File, "PASS="+lockTestPassphrase, "ENTITY="+lockTestEntity,
		"SHOT_OPEN="+shotOpen, "SHOT_LOCKED="+shotLocked, "SHOT_AGAIN="+shotAgain)
	var out syncBuffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	var runErr error
	go func() { runErr = cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		select {
		case <-exited:
		default:
			_ = cmd.Process.Kill()
			<-exited
		}
	})
	// Wait for the fresh lock screen.
	deadline := time.Now().Add(5 * time.Minute)
	for !fileExists(filepath.Join(home, "locked")) {
		select {
		case <-exited:
			t.Fatalf("the window run ended before the lock screen came back: %v\n%s", runErr, out.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("the lock screen did not come back within 5 minutes:\n%s", out.String())
		}
		time.Sleep(200 * time.Millisecond)
	}
	pid := readPID(t, filepath.Join(home, "app.pid"))
	tree := append([]int{pid}, descendantsOf(pid)...)
	// The web view's processes from before the lock are gone.
	before, _ := os.ReadFile(filepath.Join(home, "before.pids"))
	for _, f := range strings.Fields(string(before)) {
		old, _ := strconv.Atoi(f)
		if old > 1 && alive(old) {
			t.Errorf("process %d (%s) of the window from before the lock still runs", old, commOf(old))
		}
	}
	if len(strings.Fields(string(before))) == 0 {
		t.Error("the window had no web view processes before the lock: is this the real window?")
	}
	dumps := t.TempDir()
	searched := 0
	for _, p := range tree {
		if !alive(p) {
			continue
		}
		start := time.Now()
		found, size, err := searchCore(dumps, p, needles)
		if err != nil {
			if os.Geteuid() != 0 && strings.Contains(err.Error(), "ptrace") {
				t.Skipf("gcore cannot attach to the window's processes (ptrace restricted; CI runs as root): %v", err)
			}
			t.Fatalf("gcore %d (%s): %v", p, commOf(p), err)
		}
		searched++
		t.Logf("process %d (%s): %d MB of its memory dumped and searched in %v", p, commOf(p), size>>20, time.Since(start).Round(time.Second))
		for _, name := range found {
			t.Errorf("after the lock, the core dump of process %d (%s) holds %s", p, commOf(p), name)
		}
	}
	if searched < 2 {
		t.Errorf("only %d processes dumped after the lock: the window and its web process were expected", searched)
	}
	if err := os.WriteFile(filepath.Join(home, "dumped"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	select {
	case <-exited:
		if runErr != nil {
			t.Fatalf("the window run failed: %v\n%s", runErr, out.String())
		}
	case <-time.After(4 * time.Minute):
		t.Fatalf("the window run did not finish:\n%s", out.String())
	}
	if !strings.Contains(out.String(), "unlocked again") {
		t.Fatalf("the fresh window did not unlock:\n%s", out.String())
	}
	if samePicture(readPNG(t, shotOpen, nil), readPNG(t, shotLocked, nil)) {
		t.Error("the window after Ctrl+L looks as it did before")
	}
	// Nothing was lost: the entity is there, and the daily backup is whole.
	var rows []struct{ Name string }
	if err := json.Unmarshal(cli("list", "--json"), &rows); err != nil || len(rows) != 1 || rows[0].Name != lockTestEntity {
		t.Fatalf("after the lock and unlock the register lists %v (%v), want %q", rows, err, lockTestEntity)
	}
	ents, _ := os.ReadDir(backups)
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	if len(names) != 1 || !strings.HasSuffix(names[0], ".atpreg") {
		t.Fatalf("the backup folder holds %v, want the one daily backup", names)
	}
	verify := exec.Command(bin, "--register", filepath.Join(backups, names[0]), "verify")
	verify.Env = append(env, "ATPREG_PASSPHRASE="+lockTestPassphrase)
	if vout, err := verify.CombinedOutput(); err != nil {
		t.Fatalf("the daily backup does not verify: %v\n%s", err, vout)
	}
	t.Logf("window screenshots: %s, %s, %s", shotOpen, shotLocked, shotAgain)
}

// searchCore dumps process pid with gcore into dir, returns the names of
// the needles its core holds and the size of the memory searched, and
// removes the core. Memory never written is a hole in the core file
// (zeros), skipped.
func searchCore(dir string, pid int, needles map[string][]byte) ([]string, int64, error) {
	prefix := filepath.Join(dir, "core")
	cmd := exec.Command("gcore", "-o", prefix, strconv.Itoa(pid))
	out, err := runWithin(cmd, 15*time.Minute) // minutes on a loaded machine: the core is several GB
	core := prefix + "." + strconv.Itoa(pid)
	defer os.Remove(core)
	if err != nil || !fileExists(core) {
		return nil, 0, fmt.Errorf("%v: %s", err, lastLines(out, 5))
	}
	f, err := os.Open(core)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, 0, err
	}
	longest := 0
	for _, n := range needles {
		longest = max(longest, len(n))
	}
	found := map[string]bool{}
	search := func(b []byte) {
		for name, needle := range needles {
			if !found[name] && bytes.Contains(b, needle) {
				found[name] = true
			}
		}
	}
	const chunk = 32 << 20
	buf := make([]byte, longest-1+chunk)
	carry := 0 // bytes before buf's chunk that a needle may begin in
	var searched int64
	for off := int64(0); off < st.Size(); {
		data, err := f.Seek(off, 3) // SEEK_DATA: the next written part
		if errors.Is(err, syscall.ENXIO) {
			break // only a hole to the end
		}
		if err != nil {
			return nil, 0, err
		}
		if data > off { // a hole: zeros
			z := int(min(int64(longest-1), data-off))
			copy(buf, buf[carry-min(carry, longest-1-z):carry])
			carry = min(carry, longest-1-z)
			clear(buf[carry : carry+z])
			carry += z
		}
		end, err := f.Seek(data, 4) // SEEK_HOLE: where it ends
		if err != nil {
			end = st.Size()
		}
		for pos := data; pos < end; {
			n, err := f.ReadAt(buf[carry:carry+int(min(int64(chunk), end-pos))], pos)
			if n == 0 && err != nil {
				return nil, 0, err
			}
			search(buf[:carry+n])
			pos += int64(n)
			searched += int64(n)
			keep := min(longest-1, carry+n)
			copy(buf, buf[carry+n-keep:carry+n])
			carry = keep
		}
		off = end
	}
	var names []string
	for name := range found {
		names = append(names, name)
	}
	sort.Strings(names)
	return names, searched, nil
}

// descendantsOf lists every process under pid (from /proc).
func descendantsOf(pid int) []int {
	parents := map[int][]int{}
	dirs, _ := os.ReadDir("/proc")
	for _, d := range dirs {
		id, err := strconv.Atoi(d.Name())
		if err != nil {
			continue
		}
		if st := procStat(id); len(st) > 1 {
			ppid, _ := strconv.Atoi(st[1])
			parents[ppid] = append(parents[ppid], id)
		}
	}
	var out []int
	var walk func(int)
	walk = func(p int) {
		for _, c := range parents[p] {
			out = append(out, c)
			walk(c)
		}
	}
	walk(pid)
	return out
}

// procStat is /proc/pid/stat after the command name: state, ppid, ...
func procStat(pid int) []string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return nil
	}
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return nil
	}
	return strings.Fields(string(b[i+1:]))
}

// alive reports whether pid runs (a zombie holds no memory and does not count).
func alive(pid int) bool {
	st := procStat(pid)
	return len(st) > 0 && st[0] != "Z" && st[0] != "X"
}

// commOf is the command name of pid.
func commOf(pid int) string {
	b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/comm", pid))
	return strings.TrimSpace(string(b))
}

func readPID(t *testing.T, path string) int {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	return pid
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// lastLines is the last n lines of out.
func lastLines(out []byte, n int) string {
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
