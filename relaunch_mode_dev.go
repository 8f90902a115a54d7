//go:build !production

package main

// relaunchOnLock: the dev window (the browser tests drive its page through
// the dev server, whose connection a fresh process would cut) only reloads
// its page at a lock; the production window starts afresh (relaunch).
const relaunchOnLock = false
