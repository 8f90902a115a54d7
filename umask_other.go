//go:build !unix

package main

// privateFiles does nothing on Windows, where a user's AppData is private
// by its access rights.
func privateFiles() {}
