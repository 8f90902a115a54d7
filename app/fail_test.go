package app_test

import (
	"bytes"
	"errors"
	"fmt"
	"log"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"atpreg/app"
	"atpreg/internal/apperr"
)

// TestFailKeepsInternalErrorTextOutOfLogAndWindow checks that an internal
// error quoting register content reaches neither the log nor the message
// the window shows, while both still name its kind.
func TestFailKeepsInternalErrorTextOutOfLogAndWindow(t *testing.T) {
	var logged bytes.Buffer
	log.SetOutput(&logged)
	t.Cleanup(func() { log.SetOutput(os.Stderr) })
	_, numErr := strconv.ParseFloat("Sha Tin Cell Foundry 沙田", 64)
	for _, tc := range []struct {
		name, want string
		err        error
	}{
		{"Parse", "*strconv.NumError", fmt.Errorf("weight: %w", numErr)},
		{"Path", "permission denied", &os.PathError{Op: "open", Path: "/x/Sha Tin Cell Foundry 沙田.pdf", Err: syscall.EACCES}},
		{"Text", "*errors.errorString", errors.New("no row for Sha Tin Cell Foundry 沙田")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			logged.Reset()
			wire := app.Fail(tc.err)
			if code := wireCode(t, wire); code != apperr.Internal {
				t.Fatalf("code %q, want internal", code)
			}
			for what, s := range map[string]string{"log": logged.String(), "window": wire.Error()} {
				if strings.Contains(s, "Sha Tin") || strings.Contains(s, "沙田") {
					t.Errorf("register content in the %s: %q", what, s)
				}
				if !strings.Contains(s, tc.want) {
					t.Errorf("the %s should name the kind of error %q: %q", what, tc.want, s)
				}
			}
		})
	}
}
