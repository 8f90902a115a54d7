//go:build unix

package store_test

import (
	"syscall"
	"time"
)

// cpuTime is the process's CPU time so far (user and system): the figure
// to read on a busy machine, where wall time includes waiting for a core.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
