package main

import (
	"os"
	"strconv"
	"strings"
	"time"
)

// Locking the window ends its process and starts a fresh one at the lock
// screen (app.Config.Restart): the environment variables below tell the
// fresh window which lock it follows. They carry no secret.
const (
	// envLocked is why the register was locked ("manual", "idle").
	envLocked = "ATPREG_LOCKED"
	// envLockedAt is when, in RFC 3339.
	envLockedAt = "ATPREG_LOCKED_AT"
	// envLockedChildren are the process ids of the web view's processes of
	// the window that locked (Linux: they are the fresh window's children
	// after exec), ended by the fresh window.
	envLockedChildren = "ATPREG_LOCKED_CHILDREN"
	// envLockedParent is the process id of the window that locked
	// (Windows: the fresh window waits until it has gone).
	envLockedParent = "ATPREG_LOCKED_PARENT"
)

// relaunchEnv lists the variables a fresh window is started with: env
// without any earlier lock's variables or a passphrase (the command line's
// ATPREG_PASSPHRASE and ATPREG_NEW_PASSPHRASE never reach a fresh window),
// then this lock's.
func relaunchEnv(env []string, reason string, at time.Time, extra ...string) []string {
	out := make([]string, 0, len(env)+2+len(extra))
	for _, kv := range env {
		name, _, _ := strings.Cut(kv, "=")
		switch name {
		case envLocked, envLockedAt, envLockedChildren, envLockedParent, "ATPREG_PASSPHRASE", "ATPREG_NEW_PASSPHRASE":
			continue
		}
		out = append(out, kv)
	}
	out = append(out, envLocked+"="+reason, envLockedAt+"="+at.Format(time.RFC3339Nano))
	return append(out, extra...)
}

// relaunchArgs are the fresh window's arguments: the register it shows
// locked, and nothing else.
func relaunchArgs(argv0, path string) []string {
	return []string{argv0, "--register", path}
}

// lockedStart is what the environment says about the lock this window
// follows: why, when, the processes left from the window that locked
// (children) and that window's process id (parent, 0 if none).
type lockedStart struct {
	reason   string
	at       time.Time
	children []int
	parent   int
}

// takeLockedStart reads the lock this window follows from the environment
// and removes its variables (the web view's processes inherit the rest).
// A reason other than "manual" or "idle" is no lock.
func takeLockedStart() lockedStart {
	l := parseLockedStart(os.Getenv)
	for _, name := range []string{envLocked, envLockedAt, envLockedChildren, envLockedParent} {
		_ = os.Unsetenv(name)
	}
	return l
}

// parseLockedStart is takeLockedStart's reading of getenv.
func parseLockedStart(getenv func(string) string) lockedStart {
	var l lockedStart
	if r := getenv(envLocked); r == "manual" || r == "idle" {
		l.reason = r
		if t, err := time.Parse(time.RFC3339Nano, getenv(envLockedAt)); err == nil {
			l.at = t
		}
	}
	for _, f := range strings.Split(getenv(envLockedChildren), ",") {
		if pid, err := strconv.Atoi(strings.TrimSpace(f)); err == nil && pid > 1 {
			l.children = append(l.children, pid)
		}
	}
	if pid, err := strconv.Atoi(getenv(envLockedParent)); err == nil && pid > 1 {
		l.parent = pid
	}
	return l
}

// joinPIDs is pids as envLockedChildren holds them.
func joinPIDs(pids []int) string {
	s := make([]string, len(pids))
	for i, p := range pids {
		s[i] = strconv.Itoa(p)
	}
	return strings.Join(s, ",")
}
