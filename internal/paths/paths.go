// Package paths knows where atpreg keeps the officer's register by default.
package paths

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
)

// DefaultRegister returns the default register file: atpreg/register.atpreg under
// the user's data folder ($XDG_DATA_HOME or ~/.local/share on Linux,
// %AppData% on Windows, ~/Library/Application Support on macOS).
func DefaultRegister() (string, error) {
	dir, err := dataDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "atpreg", "register.atpreg"), nil
}

func dataDir() (string, error) {
	switch runtime.GOOS {
	case "windows", "darwin":
		return os.UserConfigDir()
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return d, nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(home, ".local", "share"), nil
}

// StateDir returns the folder where atpreg remembers, outside each register,
// the newest state it has seen of it (to notice an older copy put in its
// place): atpreg/seen under the user's config folder ($XDG_CONFIG_HOME or
// ~/.config on Linux, %AppData% on Windows, ~/Library/Application Support
// on macOS).
func StateDir() (string, error) { return StateDirFrom(os.Getenv) }

// StateDirFrom is StateDir reading the environment through getenv (the
// CLI's, so that tests choose the folder). Without a home folder it is an
// error.
func StateDirFrom(getenv func(string) string) (string, error) {
	dir, err := configDir(getenv)
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "atpreg", "seen"), nil
}

// RecentFile returns the file where the window keeps its list of recent
// registers and their backup plans (paths only): atpreg/registers.json
// under the user's config folder (see StateDir).
func RecentFile() (string, error) {
	dir, err := configDir(os.Getenv)
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "atpreg", "registers.json"), nil
}

// configDir is os.UserConfigDir through getenv.
func configDir(getenv func(string) string) (string, error) {
	switch runtime.GOOS {
	case "windows":
		if d := getenv("AppData"); d != "" {
			return d, nil
		}
		return "", errors.New("paths: %AppData% is not set")
	case "darwin", "ios":
		if h := getenv("HOME"); h != "" {
			return filepath.Join(h, "Library", "Application Support"), nil
		}
		return "", errors.New("paths: $HOME is not set")
	}
	if d := getenv("XDG_CONFIG_HOME"); d != "" && filepath.IsAbs(d) {
		return d, nil
	}
	if h := getenv("HOME"); h != "" {
		return filepath.Join(h, ".config"), nil
	}
	return "", errors.New("paths: neither $XDG_CONFIG_HOME nor $HOME is set")
}

// WebviewName is the name the window's web view files go under, apart from
// every register: on Linux WebKitGTK keeps its data in
// $XDG_DATA_HOME/<program name> and its cache in $XDG_CACHE_HOME/<program
// name>, and the window gives WebKit this program name (with the default
// one, "atpreg", its files landed in the default register's folder).
const WebviewName = "atpreg-webview"

// WebviewDirs returns the folders the window's web view writes to, read
// through getenv: on Linux WebKitGTK's data and cache folders for
// WebviewName; on Windows the WebView2 user data folder
// (%LocalAppData%\atpreg-webview, which the window passes to WebView2); on
// macOS none of atpreg's choosing.
func WebviewDirs(getenv func(string) string) ([]string, error) {
	switch runtime.GOOS {
	case "windows":
		if d := getenv("LocalAppData"); d != "" {
			return []string{filepath.Join(d, WebviewName)}, nil
		}
		return nil, errors.New("paths: %LocalAppData% is not set")
	case "darwin", "ios":
		return nil, nil
	}
	home := getenv("HOME")
	xdg := func(name, fallback string) (string, error) {
		if d := getenv(name); d != "" && filepath.IsAbs(d) {
			return d, nil
		}
		if home == "" {
			return "", errors.New("paths: $HOME is not set")
		}
		return filepath.Join(home, fallback), nil
	}
	data, err := xdg("XDG_DATA_HOME", filepath.Join(".local", "share"))
	if err != nil {
		return nil, err
	}
	cache, err := xdg("XDG_CACHE_HOME", ".cache")
	if err != nil {
		return nil, err
	}
	return []string{filepath.Join(data, WebviewName), filepath.Join(cache, WebviewName)}, nil
}
