//go:build !unix

package service

import "time"

// cpuTime is not measured here (0).
func cpuTime() time.Duration { return 0 }

// minorFaults is not counted here (0).
func minorFaults() int64 { return 0 }
