package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"

	"atpreg/internal/paths"
)

// webviewSetup is where the window's web view keeps its files.
type webviewSetup struct {
	// dirs are its private folders (0700), made before the window starts.
	dirs []string
	// userDataPath is WebView2's user data folder on Windows ("" elsewhere).
	userDataPath string
}

// prepareWebview makes the web view's folders private before the window
// starts: each is created 0700 (or set to 0700 if it exists), so that
// nothing WebKit writes (its HSTS list, storage salts, HTTP cache) is
// readable by other users, and none of it lands beside a register. It
// also removes what earlier versions let WebKit leave in the default
// register's folder. Errors are not fatal: the window works without.
func prepareWebview(getenv func(string) string) webviewSetup {
	var w webviewSetup
	dirs, err := paths.WebviewDirs(getenv)
	if err != nil {
		return w
	}
	for _, d := range dirs {
		if err := os.MkdirAll(d, 0o700); err == nil {
			_ = os.Chmod(d, 0o700)
			w.dirs = append(w.dirs, d)
		}
	}
	if runtime.GOOS == "windows" && len(dirs) > 0 {
		w.userDataPath = dirs[0]
	}
	removeOldWebkitFiles(oldWebkitDir(getenv, "XDG_DATA_HOME", filepath.Join(".local", "share")), oldWebkitDir(getenv, "XDG_CACHE_HOME", ".cache"))
	return w
}

// oldWebkitDir is where WebKitGTK kept the data (or cache) of earlier
// versions' window, named after the program, "atpreg": under $name, else
// $HOME/fallback ("" if neither is set). The data folder is the default
// register's.
func oldWebkitDir(getenv func(string) string, name, fallback string) string {
	if d := getenv(name); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "atpreg")
	}
	if h := getenv("HOME"); h != "" && filepath.IsAbs(h) {
		return filepath.Join(h, fallback, "atpreg")
	}
	return ""
}

// removeOldWebkitFiles removes the files WebKitGTK wrote for earlier
// versions into the default register's folder dataDir (hsts-storage.sqlite,
// storage/, mediakeys/) and its cache folder cacheDir (WebKitCache/,
// CacheStorage/), each only if it looks like WebKit's own: an SQLite file,
// or a folder holding WebKit's "salt". Registers and anything else stay.
func removeOldWebkitFiles(dataDir, cacheDir string) {
	if runtime.GOOS != "linux" || !filepath.IsAbs(dataDir) {
		return
	}
	hsts := filepath.Join(dataDir, "hsts-storage.sqlite")
	if b, err := readHead(hsts, 16); err == nil && bytes.Equal(b, []byte("SQLite format 3\x00")) {
		_ = os.Remove(hsts)
	}
	old := []struct{ dir, salt string }{
		{filepath.Join(dataDir, "storage"), "salt"},
		{filepath.Join(dataDir, "mediakeys"), filepath.Join("v1", "salt")},
	}
	if filepath.IsAbs(cacheDir) {
		old = append(old, struct{ dir, salt string }{filepath.Join(cacheDir, "CacheStorage"), "salt"},
			struct{ dir, salt string }{filepath.Join(cacheDir, "WebKitCache"), ""})
	}
	for _, d := range old {
		if d.salt == "" {
			if fi, err := os.Lstat(d.dir); err != nil || !fi.IsDir() {
				continue
			}
		} else if fi, err := os.Lstat(filepath.Join(d.dir, d.salt)); err != nil || !fi.Mode().IsRegular() {
			continue
		}
		_ = os.RemoveAll(d.dir)
	}
}

// readHead returns the first n bytes of the regular file at path.
func readHead(path string, n int) ([]byte, error) {
	fi, err := os.Lstat(path)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fs.ErrInvalid
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b := make([]byte, n)
	if _, err := f.Read(b); err != nil {
		return nil, err
	}
	return b, nil
}
