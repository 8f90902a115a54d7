package paths_test

import (
	"path/filepath"
	"runtime"
	"testing"

	"atpreg/internal/paths"
)

func TestStateDirFrom(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the folders checked are Linux's")
	}
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	dir, err := paths.StateDirFrom(env(map[string]string{"HOME": "/home/officer"}))
	if err != nil || dir != filepath.FromSlash("/home/officer/.config/atpreg/seen") {
		t.Fatalf("%q %v", dir, err)
	}
	dir, err = paths.StateDirFrom(env(map[string]string{"HOME": "/home/officer", "XDG_CONFIG_HOME": "/cfg"}))
	if err != nil || dir != "/cfg/atpreg/seen" {
		t.Fatalf("%q %v", dir, err)
	}
	if _, err := paths.StateDirFrom(env(nil)); err == nil {
		t.Fatal("no home, but a folder")
	}
}

func TestWebviewDirs(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the folders checked are Linux's")
	}
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	dirs, err := paths.WebviewDirs(env(map[string]string{"HOME": "/home/officer"}))
	if err != nil || len(dirs) != 2 || dirs[0] != "/home/officer/.local/share/atpreg-webview" /* not .../atpreg, the default register's folder */ || dirs[1] != "/home/officer/.cache/atpreg-webview" {
		t.Fatalf("%q %v", dirs, err)
	}
	dirs, err = paths.WebviewDirs(env(map[string]string{"HOME": "/home/officer", "XDG_DATA_HOME": "/d", "XDG_CACHE_HOME": "/c"}))
	if err != nil || dirs[0] != "/d/atpreg-webview" || dirs[1] != "/c/atpreg-webview" {
		t.Fatalf("%q %v", dirs, err)
	}
	if _, err := paths.WebviewDirs(env(nil)); err == nil {
		t.Fatal("no home, but folders")
	}
}
