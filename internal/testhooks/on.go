//go:build atpreg_testhooks

package testhooks

import (
	"strconv"
	"time"

	"atpreg/internal/service"
)

// Enabled reports whether this binary honours the test switches.
const Enabled = true

// Options returns the service options the environment asks for: cheap
// key derivation, and a register clock ATPREG_INSECURE_TEST_CLOCK_DAYS
// days ahead of the computer's (what is due falls overdue).
func Options(getenv func(string) string) service.Options {
	o := service.Options{TestingKDF: getenv("ATPREG_INSECURE_TEST_KDF") == "1"}
	if days, err := strconv.Atoi(getenv("ATPREG_INSECURE_TEST_CLOCK_DAYS")); err == nil && days != 0 {
		o.Now = func() time.Time { return time.Now().AddDate(0, 0, days) }
	}
	return o
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
