// Package testhooks reads the environment switches that make the browser and
// window tests fast: ATPREG_INSECURE_TEST_KDF=1 (cheap key derivation) and
// ATPREG_INSECURE_TEST_MINUTE (a shorter auto-lock minute). They exist only
// in binaries built with the atpreg_testhooks build tag (the dev binary the
// browser tests drive); in every other build, the production binary among
// them, these functions ignore the environment.
package testhooks
