//go:build atpreg_testhooks

package testhooks_test

import (
	"testing"
	"time"

	"atpreg/internal/testhooks"
)

// TestSwitches: with the tag, the switches work.
func TestSwitches(t *testing.T) {
	env := map[string]string{"ATPREG_INSECURE_TEST_KDF": "1", "ATPREG_INSECURE_TEST_MINUTE": "1s"}
	getenv := func(k string) string { return env[k] }
	if !testhooks.Options(getenv).TestingKDF || testhooks.Minute(getenv) != time.Second {
		t.Fatal("the test switches are ignored in a test-hooks build")
	}
}
