package apperr_test

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"atpreg/internal/apperr"
)

// secret is fictional register content that internal errors can quote.
const secret = "Tsing Yi Vector Works 青衣"

func TestInternalMessageAndDetailWithholdErrorText(t *testing.T) {
	_, numErr := strconv.Atoi(secret)
	for _, tc := range []struct {
		name string
		err  error
		want string // what Detail must still say
	}{
		{"Parse", fmt.Errorf("row 3: %w", numErr), "*strconv.NumError"},
		{"PathErrno", &os.PathError{Op: "open", Path: "/packs/" + secret + ".pdf", Err: syscall.ENOSPC}, "no space left on device"},
		{"Plain", errors.New("constraint failed on " + secret), "*errors.errorString"},
		{"Joined", errors.Join(fmt.Errorf("%s: %w", secret, io.ErrUnexpectedEOF), errors.New(secret)), "unexpected EOF"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(tc.err.Error(), secret) {
				t.Fatalf("the test error should quote the secret: %v", tc.err)
			}
			d := apperr.Detail(tc.err)
			if !strings.Contains(d, tc.want) {
				t.Errorf("Detail = %q, want it to mention %q", d, tc.want)
			}
			for _, s := range []string{d, apperr.Message(tc.err)} {
				if strings.Contains(s, "Tsing Yi") || strings.Contains(s, "青衣") {
					t.Errorf("register content in %q", s)
				}
			}
			if !strings.Contains(apperr.Message(tc.err), d) {
				t.Errorf("the message %q should name the kind of error %q", apperr.Message(tc.err), d)
			}
		})
	}
}

func TestMessageOfPersonErrorIsKept(t *testing.T) {
	err := fmt.Errorf("saving: %w", apperr.New(apperr.Invalid, "The name %q is taken.", "Fictional Labs"))
	if got := apperr.Message(err); got != `The name "Fictional Labs" is taken.` {
		t.Errorf("Message = %q", got)
	}
	if got := apperr.Detail(nil); got != "" {
		t.Errorf("Detail(nil) = %q", got)
	}
}

func TestReason(t *testing.T) {
	_, err := os.Open(filepath.Join(t.TempDir(), "Fictional Entity Ltd", "x"))
	if got := apperr.Reason(err); got != "no such file or directory" {
		t.Fatalf("Reason(%v) = %q", err, got)
	}
	if got := apperr.Reason(fmt.Errorf("parse %q: %w", "Fictional Entity", io.ErrUnexpectedEOF)); got != "unexpected EOF" {
		t.Fatalf("Reason = %q", got)
	}
	if got := apperr.Reason(errors.New("value Fictional Entity is bad")); strings.Contains(string(got), "Fictional") || got == "" {
		t.Fatalf("Reason quotes the error's text: %q", got)
	}
}
