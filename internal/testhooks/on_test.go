//go:build atpreg_testhooks

package testhooks_test

import (
	"testing"
	"time"

	"atpreg/internal/testhooks"
)

// TestSwitches: with the tag, the switches work.
func TestSwitches(t *testing.T) {
	env := map[string]string{"ATPREG_INSECURE_TEST_KDF": "1", "ATPREG_INSECURE_TEST_MINUTE": "1s", "ATPREG_INSECURE_TEST_CLOCK_DAYS": "30"}
	getenv := func(k string) string { return env[k] }
	o := testhooks.Options(getenv)
	if !o.TestingKDF || testhooks.Minute(getenv) != time.Second {
		t.Fatal("the test switches are ignored in a test-hooks build")
	}
	if o.Now == nil || o.Now().Sub(time.Now()) < 29*24*time.Hour {
		t.Fatal("the clock switch is ignored in a test-hooks build")
	}
	delete(env, "ATPREG_INSECURE_TEST_CLOCK_DAYS")
	if testhooks.Options(getenv).Now != nil {
		t.Fatal("the register clock is moved without the switch")
	}
}
