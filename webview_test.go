package main

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// TestPrepareWebview: the web view's folders are made 0700 (and an existing
// one made private again), apart from the default register's folder, from
// which what WebKit left there for earlier versions is removed, and only
// that: the register and the officer's own files stay.
func TestPrepareWebview(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("WebKitGTK's folders")
	}
	home := t.TempDir()
	env := map[string]string{"HOME": home}
	getenv := func(k string) string { return env[k] }
	data := filepath.Join(home, ".local", "share", "atpreg")
	cache := filepath.Join(home, ".cache", "atpreg")
	write := func(path, content string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(data, "register.atpreg"), "a sealed register")
	write(filepath.Join(data, "hsts-storage.sqlite"), "SQLite format 3\x00 and the rest")
	write(filepath.Join(data, "storage", "salt"), "12345678")
	write(filepath.Join(data, "mediakeys", "v1", "salt"), "12345678")
	write(filepath.Join(data, "notes", "storage.txt"), "the officer's own")
	write(filepath.Join(cache, "WebKitCache", "Version 17", "salt"), "12345678")
	write(filepath.Join(cache, "CacheStorage", "salt"), "12345678")
	existing := filepath.Join(home, ".cache", "atpreg-webview")
	if err := os.MkdirAll(existing, 0o755); err != nil {
		t.Fatal(err)
	}

	w := prepareWebview(getenv)
	want := []string{filepath.Join(home, ".local", "share", "atpreg-webview"), existing}
	if len(w.dirs) != 2 || w.dirs[0] != want[0] || w.dirs[1] != want[1] {
		t.Fatalf("web view folders %v, want %v", w.dirs, want)
	}
	for _, d := range w.dirs {
		if st, err := os.Stat(d); err != nil || st.Mode().Perm() != 0o700 {
			t.Errorf("%s: %v, mode %v", d, err, st.Mode().Perm())
		}
	}
	for _, gone := range []string{"hsts-storage.sqlite", "storage", "mediakeys"} {
		if _, err := os.Stat(filepath.Join(data, gone)); err == nil {
			t.Errorf("WebKit's %s is still in the register's folder", gone)
		}
	}
	for _, gone := range []string{"WebKitCache", "CacheStorage"} {
		if _, err := os.Stat(filepath.Join(cache, gone)); err == nil {
			t.Errorf("WebKit's old %s is still there", gone)
		}
	}
	for _, kept := range []string{"register.atpreg", filepath.Join("notes", "storage.txt")} {
		if _, err := os.Stat(filepath.Join(data, kept)); err != nil {
			t.Errorf("%s was removed: %v", kept, err)
		}
	}
}

// TestOldWebkitFilesOnlyWebkits: a file named like WebKit's that is not an
// SQLite database, and a folder named storage without WebKit's salt, stay.
func TestOldWebkitFilesOnlyWebkits(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("WebKitGTK's folders")
	}
	data := t.TempDir()
	if err := os.WriteFile(filepath.Join(data, "hsts-storage.sqlite"), []byte("not a database"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(data, "storage", "boxes"), 0o700); err != nil {
		t.Fatal(err)
	}
	removeOldWebkitFiles(data, "")
	for _, kept := range []string{"hsts-storage.sqlite", "storage"} {
		if _, err := os.Stat(filepath.Join(data, kept)); err != nil {
			t.Errorf("%s was removed: %v", kept, err)
		}
	}
	removeOldWebkitFiles("relative", "relative") // never touches a relative path
}
