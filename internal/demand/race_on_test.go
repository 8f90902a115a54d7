//go:build race

package demand_test

// raceOn is set when the race detector runs, which slows the random
// property test tenfold: it then draws fewer registers.
const raceOn = true
