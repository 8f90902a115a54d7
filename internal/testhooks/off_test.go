//go:build !atpreg_testhooks

package testhooks_test

import (
	"testing"

	"atpreg/internal/testhooks"
)

// TestProductionIgnoresSwitches: without the build tag the environment asks
// in vain for cheap keys or a short minute.
func TestProductionIgnoresSwitches(t *testing.T) {
	env := map[string]string{"ATPREG_INSECURE_TEST_KDF": "1", "ATPREG_INSECURE_TEST_MINUTE": "1s", "ATPREG_INSECURE_TEST_CLOCK_DAYS": "30"}
	getenv := func(k string) string { return env[k] }
	if testhooks.Enabled {
		t.Fatal("test hooks enabled in a build without the atpreg_testhooks tag")
	}
	if o := testhooks.Options(getenv); o.TestingKDF || o.Now != nil {
		t.Fatalf("Options = %+v, want the production zero value", o)
	}
	if m := testhooks.Minute(getenv); m != 0 {
		t.Fatalf("Minute = %v, want 0 (a real minute)", m)
	}
}
