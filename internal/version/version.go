// Package version tells which atpreg this is.
package version

import "runtime/debug"

// Version is the release version, set at build time with
// -ldflags "-X atpreg/internal/version.Version=1.2.3".
var Version = "0.1.0-dev"

// String returns the version with the VCS revision when the binary carries one,
// e.g. "0.1.0-dev (3f2a9c1d0b7e)".
func String() string {
	rev, dirty := "", false
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if rev == "" {
		return Version
	}
	if dirty {
		rev += "+changes"
	}
	return Version + " (" + rev + ")"
}
