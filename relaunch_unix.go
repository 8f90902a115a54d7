//go:build unix

package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// relaunch replaces this process with a fresh window at the lock screen of
// the register path (the register is closed and its lock file released
// already): the process image is replaced by exec, so everything this
// process held in memory is gone, and the web view's processes (WebKit's
// web and network processes, its children) lose their connection to it;
// the fresh window ends them (endOldChildren). The process id stays, so
// whoever started atpreg (a launcher, a terminal) still waits on it. It
// returns only if exec failed.
func relaunch(path, reason string, at time.Time) error {
	env := relaunchEnv(os.Environ(), reason, at, envLockedChildren+"="+joinPIDs(children(os.Getpid())))
	args := relaunchArgs(os.Args[0], path)
	exe, err := os.Executable()
	if err == nil {
		if err = syscall.Exec(exe, args, env); err == nil {
			return nil
		}
	}
	if runtime.GOOS == "linux" {
		// The program's file is gone (removed or replaced by an update
		// since it started): the running program itself, under another
		// process name ("exe").
		return syscall.Exec("/proc/self/exe", args, env)
	}
	return err
}

// children are the ids of the processes whose parent is pid (from /proc;
// none where there is no /proc).
func children(pid int) []int {
	var out []int
	dirs, _ := os.ReadDir("/proc")
	for _, d := range dirs {
		id, err := strconv.Atoi(d.Name())
		if err != nil || id == pid {
			continue
		}
		if ppid, ok := parentOf(id); ok && ppid == pid {
			out = append(out, id)
		}
	}
	return out
}

// parentOf is the parent process id of pid, from /proc/pid/stat.
func parentOf(pid int) (int, bool) {
	b, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return 0, false
	}
	// pid (comm) state ppid ...: comm may hold spaces and parentheses.
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0, false
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 2 {
		return 0, false
	}
	ppid, err := strconv.Atoi(f[1])
	return ppid, err == nil
}

// endOldChildren ends the web view's processes of the window that locked
// (they held what the page showed and what was typed, the passphrase
// among it) and collects them: after exec they are this process's
// children, so their ids cannot have been reused (a process that is not
// this one's child is left alone). They have usually exited already, their
// connection gone with the old process image.
func endOldChildren(pids []int) {
	self := os.Getpid()
	for _, pid := range pids {
		if ppid, ok := parentOf(pid); !ok || ppid != self {
			continue
		}
		_ = syscall.Kill(pid, syscall.SIGKILL)
		var ws syscall.WaitStatus
		_, _ = syscall.Wait4(pid, &ws, 0, nil)
	}
}

// waitForParent is for Windows, where the fresh window is a new process.
func waitForParent(int) {}
