//go:build production

package main

// relaunchOnLock: the production window starts afresh at every lock (see
// relaunch).
const relaunchOnLock = true
