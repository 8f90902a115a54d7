//go:build atpreg_testhooks

package testhooks

import (
	"time"

	"atpreg/internal/service"
)

// Enabled reports whether this binary honours the test switches.
const Enabled = true

// Options returns the service options the environment asks for.
func Options(getenv func(string) string) service.Options {
	return service.Options{TestingKDF: getenv("ATPREG_INSECURE_TEST_KDF") == "1"}
}

// Minute returns the length of an auto-lock minute the environment asks for
// (e.g. "1s"), or 0: a real minute.
func Minute(getenv func(string) string) time.Duration {
	d, err := time.ParseDuration(getenv("ATPREG_INSECURE_TEST_MINUTE"))
	if err != nil || d <= 0 {
		return 0
	}
	return d
}
