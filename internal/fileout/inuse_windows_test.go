//go:build windows

package fileout

import (
	"os"
	"testing"

	"golang.org/x/sys/windows"
)

// TestInUse checks which Windows errors of a replacing rename mean "another
// program has the file open".
func TestInUse(t *testing.T) {
	for _, errno := range []windows.Errno{windows.ERROR_SHARING_VIOLATION, windows.ERROR_LOCK_VIOLATION, windows.ERROR_ACCESS_DENIED} {
		if !inUse(&os.LinkError{Op: "rename", Old: "a", New: "b", Err: errno}) {
			t.Errorf("inUse(%v) = false", errno)
		}
	}
	if inUse(&os.LinkError{Op: "rename", Old: "a", New: "b", Err: windows.ERROR_PATH_NOT_FOUND}) {
		t.Error("a missing folder is not a file in use")
	}
}
