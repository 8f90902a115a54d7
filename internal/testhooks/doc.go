// Package testhooks reads the environment switches that make the browser and
// window tests fast: ATPREG_INSECURE_TEST_KDF=1 (cheap key derivation),
// ATPREG_INSECURE_TEST_MINUTE (a shorter auto-lock minute) and
// ATPREG_INSECURE_TEST_CLOCK_DAYS (the register clock so many days ahead, so
// that what is due falls overdue). They exist only in binaries built with
// the atpreg_testhooks build tag (the dev binary the browser tests drive); in
// every other build, the production binary among them, these functions
// ignore the environment.
package testhooks
