// Package paths knows where atpreg keeps the officer's register by default.
package paths

import (
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
