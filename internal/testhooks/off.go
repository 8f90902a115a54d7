//go:build !atpreg_testhooks

package testhooks

import (
	"time"

	"atpreg/internal/service"
)

// Enabled reports whether this binary honours the test switches.
const Enabled = false

// Options returns the production options: the environment is not read.
func Options(func(string) string) service.Options { return service.Options{} }

// Minute returns 0 (a real minute): the environment is not read.
func Minute(func(string) string) time.Duration { return 0 }
