//go:build !race

package memtest

// Race is whether the race detector is built in.
const Race = false
