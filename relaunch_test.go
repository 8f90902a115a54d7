package main

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// TestRelaunchEnvironment: the fresh window's environment says which lock
// it follows and carries no passphrase nor an earlier lock's variables;
// its arguments name only the register; what it reads back is what was
// written, and anything else is no lock.
func TestRelaunchEnvironment(t *testing.T) {
	at := time.Date(2026, 3, 4, 10, 30, 0, 123, time.UTC)
	env := relaunchEnv([]string{"HOME=/home/officer", "ATPREG_PASSPHRASE=fictional lantern", "ATPREG_NEW_PASSPHRASE=x",
		envLocked + "=manual", envLockedChildren + "=77", "DISPLAY=:1"}, "idle", at, envLockedChildren+"=12,34")
	for _, kv := range env {
		if strings.Contains(kv, "PASSPHRASE") || kv == envLocked+"=manual" || kv == envLockedChildren+"=77" {
			t.Errorf("the fresh window's environment holds %q", kv)
		}
	}
	if !slices.Contains(env, "HOME=/home/officer") || !slices.Contains(env, "DISPLAY=:1") {
		t.Errorf("the fresh window lost the environment: %q", env)
	}
	getenv := func(name string) string {
		for _, kv := range env {
			if k, v, _ := strings.Cut(kv, "="); k == name {
				return v
			}
		}
		return ""
	}
	l := parseLockedStart(getenv)
	if l.reason != "idle" || !l.at.Equal(at) || !slices.Equal(l.children, []int{12, 34}) || l.parent != 0 {
		t.Fatalf("read back %+v", l)
	}
	if got := relaunchArgs("atpreg", "/data/r.atpreg"); !slices.Equal(got, []string{"atpreg", "--register", "/data/r.atpreg"}) {
		t.Fatalf("arguments %q", got)
	}
	odd := map[string]string{envLocked: "reboot", envLockedChildren: "1,x,-4", envLockedParent: "0"}
	if l := parseLockedStart(func(n string) string { return odd[n] }); l.reason != "" || len(l.children) != 0 || l.parent != 0 {
		t.Fatalf("odd values read as %+v", l)
	}
	if joinPIDs([]int{5, 6}) != "5,6" {
		t.Fatal(joinPIDs([]int{5, 6}))
	}
}
