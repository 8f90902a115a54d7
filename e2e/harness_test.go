//go:build e2e

// Package e2e drives the real app: the dev-tagged binary under Xvfb serving the
// built frontend with working Go bindings, driven from headless Chromium, and
// the production binary's real window. `make test` builds both binaries and
// runs these tests with -tags e2e; they fail (never skip) when a part is missing.
package e2e

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// repoRoot is the checkout the tests run in (e2e/ is one level down).
var repoRoot = func() string {
	wd, err := os.Getwd()
	if err != nil {
		panic(err)
	}
	return filepath.Dir(wd)
}()

// devBinary is the dev-tagged binary `make e2e-bin` builds.
func devBinary(t testing.TB) string {
	return requireFile(t, envOr("ATPREG_DEV_BIN", filepath.Join(repoRoot, "build", "bin", "atpreg-dev")), "make build-dev")
}

// prodBinary is the production binary `make build` builds.
func prodBinary(t testing.TB) string {
	return requireFile(t, envOr("ATPREG_BIN", filepath.Join(repoRoot, "build", "bin", "atpreg")), "make build")
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func requireFile(t testing.TB, path, how string) string {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("%s is missing (%v): build it with `%s` or run `make test`", path, err, how)
	}
	return path
}

func requireTool(t testing.TB, name, pkg string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Fatalf("%s not found: install the Debian package %s (make deps does)", name, pkg)
	}
}

// artifactDir is where screenshots are kept for a person to look at (git-ignored).
func artifactDir(t testing.TB) string {
	dir := filepath.Join(repoRoot, "build", "test-artifacts")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// App is a running dev-tagged atpreg serving its frontend on URL.
type App struct {
	URL      string
	Register string // the register file the app works on
	Home     string // the app's HOME (a temp folder)
	cmd      *exec.Cmd
	log      *syncBuffer
}

// AppOption adjusts how the app is started.
type AppOption func(*appConfig)

type appConfig struct {
	register string
	env      []string
	args     []string
}

// WithRegister starts the app on this register file instead of a fresh path.
func WithRegister(path string) AppOption { return func(c *appConfig) { c.register = path } }

// WithEnv adds environment variables (NAME=value) to the app's process.
func WithEnv(kv ...string) AppOption { return func(c *appConfig) { c.env = append(c.env, kv...) } }

// StartApp starts the dev binary under its own D-Bus session and Xvfb on a
// temporary register and waits until it serves its page. It is stopped when
// the test ends.
func StartApp(t *testing.T, opts ...AppOption) *App {
	t.Helper()
	requireTool(t, "xvfb-run", "xvfb")
	requireTool(t, "dbus-run-session", "dbus-daemon")
	bin := devBinary(t)
	dist := requireFile(t, filepath.Join(envOr("ATPREG_ASSETDIR", filepath.Join(repoRoot, "frontend", "dist")), "index.html"), "cd frontend && npm run build")
	home := t.TempDir()
	cfg := appConfig{register: filepath.Join(home, "data", "atpreg", "register.atpreg")}
	for _, o := range opts {
		o(&cfg)
	}
	port := freePort(t)
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	args := append([]string{"--", "xvfb-run", "-a", "-s", "-screen 0 1280x800x24", bin, "--register", cfg.register}, cfg.args...)
	cmd := exec.Command("dbus-run-session", args...)
	cmd.Env = append(os.Environ(),
		"HOME="+home,
		"XDG_DATA_HOME="+filepath.Join(home, "data"),
		"XDG_CONFIG_HOME="+filepath.Join(home, "config"),
		"XDG_CACHE_HOME="+filepath.Join(home, "cache"),
		"devserver="+addr,
		"assetdir="+filepath.Dir(dist),
		"loglevel=Warning",
		"ATPREG_INSECURE_TEST_KDF=1", // cheap key derivation: tests are about the UI, not Argon2 cost
	)
	cmd.Env = append(cmd.Env, cfg.env...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	a := &App{URL: "http://" + addr + "/", Register: cfg.register, Home: home, cmd: cmd, log: &syncBuffer{}}
	cmd.Stdout, cmd.Stderr = a.log, a.log
	if err := cmd.Start(); err != nil {
		t.Fatalf("start app: %v", err)
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-exited
		}
		if t.Failed() {
			t.Logf("app output:\n%s", a.log.String())
		}
	})
	deadline := time.Now().Add(60 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond)
		if err == nil {
			c.Close()
			break
		}
		select {
		case <-exited:
			t.Fatalf("app exited before serving %s:\n%s", addr, a.log.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("app did not serve %s within 60 s:\n%s", addr, a.log.String())
		}
		time.Sleep(150 * time.Millisecond)
	}
	return a
}

// Log returns what the app printed so far.
func (a *App) Log() string { return a.log.String() }

func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// Page is a headless Chromium tab on the app.
type Page struct {
	T   *testing.T
	App *App
	ctx context.Context
}

// NewPage opens the app in headless Chromium and waits until the shell (or the
// unlock screen) has rendered and the Go bindings are there.
func NewPage(t *testing.T, a *App) *Page {
	t.Helper()
	chromium := envOr("ATPREG_CHROMIUM", "/usr/bin/chromium")
	requireFile(t, chromium, "apt-get install chromium")
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1280, 800),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	t.Cleanup(func() { cancelCtx(); cancelAlloc() })
	// Start the browser on the long-lived context: a browser started from a
	// per-call timeout context would die with it.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	p := &Page{T: t, App: a, ctx: ctx}
	p.Do(chromedp.Navigate(a.URL))
	p.WaitJS(`!!(window.go && window.go.app && document.querySelector('[data-ready]'))`, 30*time.Second)
	return p
}

// Do runs actions, failing the test on error.
func (p *Page) Do(actions ...chromedp.Action[chromedp.Void]) {
	p.T.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		p.Screenshot("failure-" + sanitize(p.T.Name()))
		p.T.Fatalf("browser: %v\napp output:\n%s", err, p.App.Log())
	}
}

// Eval evaluates JavaScript (awaiting a promise) and decodes its JSON value.
func Eval[T any](p *Page, js string) T {
	p.T.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		p.T.Fatalf("eval %s: %v", js, err)
	}
	return v
}

// WaitJS polls a JavaScript condition until it is true.
func (p *Page) WaitJS(cond string, timeout time.Duration) {
	p.T.Helper()
	deadline := time.Now().Add(timeout)
	for {
		ctx, cancel := context.WithTimeout(p.ctx, 5*time.Second)
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(()=>{try{return !!(`+cond+`)}catch(e){return false}})()`))
		cancel()
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			p.Screenshot("timeout-" + sanitize(p.T.Name()))
			p.T.Fatalf("timed out waiting for %s (last error %v)\napp output:\n%s", cond, err, p.App.Log())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// WaitVisible waits until the CSS selector matches a visible element.
func (p *Page) WaitVisible(sel string) {
	p.T.Helper()
	p.WaitJS(fmt.Sprintf(`(()=>{const e=document.querySelector(%q);return e && e.getClientRects().length>0})()`, sel), 20*time.Second)
}

// WaitText waits until the element matching sel contains text.
func (p *Page) WaitText(sel, text string) {
	p.T.Helper()
	p.WaitJS(fmt.Sprintf(`(document.querySelector(%q)?.textContent ?? '').includes(%q)`, sel, text), 20*time.Second)
}

// Click clicks the first element matching the CSS selector.
func (p *Page) Click(sel string) {
	p.T.Helper()
	p.WaitVisible(sel)
	p.Do(chromedp.Click(sel, chromedp.NodeVisible))
}

// Fill replaces the value of an input or textarea and fires input events as
// typing would.
func (p *Page) Fill(sel, value string) {
	p.T.Helper()
	p.WaitVisible(sel)
	// Empty the field the way a person would (select all, delete), so the
	// frontend's bindings see the change, then type the new value.
	Eval[bool](p, fmt.Sprintf(`(()=>{const e=document.querySelector(%q); e.focus(); e.select?.(); e.value=''; e.dispatchEvent(new Event('input',{bubbles:true})); return true})()`, sel))
	if value != "" {
		p.Do(chromedp.SendKeys(sel, value))
	}
}

// Text returns the text content of the first element matching sel.
func (p *Page) Text(sel string) string {
	p.T.Helper()
	p.WaitVisible(sel)
	return Eval[string](p, fmt.Sprintf(`document.querySelector(%q).textContent`, sel))
}

// Key sends a key press to the focused element (e.g. "Control+k").
func (p *Page) Key(combo string) {
	p.T.Helper()
	js := fmt.Sprintf(`(()=>{const parts=%q.split('+');const key=parts.pop();
	  const o={key, bubbles:true, cancelable:true, ctrlKey:parts.includes('Control'), altKey:parts.includes('Alt'), shiftKey:parts.includes('Shift'), metaKey:parts.includes('Meta')};
	  (document.activeElement||document.body).dispatchEvent(new KeyboardEvent('keydown',o)); return true})()`, combo)
	Eval[bool](p, js)
}

// Screenshot saves a PNG of the page under build/test-artifacts.
func (p *Page) Screenshot(name string) string {
	ctx, cancel := context.WithTimeout(p.ctx, 15*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(90))
	if err != nil {
		p.T.Logf("screenshot %s: %v", name, err)
		return ""
	}
	path := filepath.Join(artifactDir(p.T), "browser-"+name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		p.T.Logf("screenshot %s: %v", name, err)
	}
	return path
}

func sanitize(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '/' || r == ' ' || r == ':' {
			return '-'
		}
		return r
	}, s)
}

// defaultWait is how long a UI condition may take to become true.
const defaultWait = 20 * time.Second

// TestPassphrase is the passphrase of registers the UI tests create.
const TestPassphrase = "correct horse battery staple"

// NewUnlockedPage starts the app on a fresh register, creates it through the
// real Go binding (with the fictional demo data when demo is true) and returns
// a page showing the unlocked shell.
func NewUnlockedPage(t *testing.T, demo bool, opts ...AppOption) *Page {
	t.Helper()
	p := NewPage(t, StartApp(t, opts...))
	Eval[bool](p, fmt.Sprintf(`window.go.app.Session.CreateRegister(%q, %q, %v).then(() => true)`, TestPassphrase, TestPassphrase, demo))
	p.Do(chromedp.Reload())
	p.WaitJS(`document.querySelector('[data-ready][data-state="open"]')`, defaultWait)
	return p
}
