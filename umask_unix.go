//go:build unix

package main

import "syscall"

// privateFiles makes every file the window's process and its helpers
// (WebKit's web and network processes) create readable by the officer
// only: 0600 files and 0700 folders, whatever WebKit asks for.
func privateFiles() { syscall.Umask(0o077) }
