//go:build windows

package main

import (
	"os"
	"os/exec"
	"strconv"
	"time"
)

// relaunch starts a fresh window at the lock screen of the register path
// (the register is closed and its lock file released already) and ends
// this process, and with it the web view's (WebView2's processes end with
// the window that hosts them): nothing this process held in memory stays.
// The fresh window waits until this process has gone (waitForParent), so
// that it takes over the one-window-per-user lock. It returns only if the
// fresh window could not be started.
func relaunch(path, reason string, at time.Time) error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	args := relaunchArgs(os.Args[0], path)
	cmd := exec.Command(exe, args[1:]...)
	cmd.Env = relaunchEnv(os.Environ(), reason, at, envLockedParent+"="+strconv.Itoa(os.Getpid()))
	if err := cmd.Start(); err != nil {
		return err
	}
	_ = cmd.Process.Release()
	os.Exit(0)
	return nil
}

// endOldChildren is for Linux, where the fresh window inherits the old
// one's children.
func endOldChildren([]int) {}

// waitForParent waits (at most half a minute) until the window that
// locked, process pid, has ended.
func waitForParent(pid int) {
	if pid <= 0 {
		return
	}
	p, err := os.FindProcess(pid)
	if err != nil {
		return // gone already
	}
	done := make(chan struct{})
	go func() { _, _ = p.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
	}
}
