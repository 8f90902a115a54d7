//go:build windows

package fileout

import (
	"errors"

	"golang.org/x/sys/windows"
)

// inUse reports whether err is Windows refusing to replace a file because
// another program has it open (it opened it without FILE_SHARE_DELETE, as PDF
// viewers and spreadsheets do) or because it is read-only.
func inUse(err error) bool {
	return errors.Is(err, windows.ERROR_SHARING_VIOLATION) ||
		errors.Is(err, windows.ERROR_LOCK_VIOLATION) ||
		errors.Is(err, windows.ERROR_ACCESS_DENIED)
}
