// Package apperr carries errors meant for a person: a code that decides how the
// error is handled (exit status, dialog) and a message in the officer's words.
// Internal errors are never shown raw; they are wrapped with a message that says
// what to do next.
package apperr

import (
	"errors"
	"fmt"
)

// Code classifies an error.
type Code string

// The codes an error can carry.
const (
	Invalid   Code = "invalid"   // input rejected: validation, import problems
	NotFound  Code = "notfound"  // the thing asked for does not exist
	Conflict  Code = "conflict"  // would overwrite or clash with something
	WrongPass Code = "wrongpass" // the passphrase does not open the register
	Damaged   Code = "damaged"   // the register or a file is damaged or tampered with
	Locked    Code = "locked"    // the register is locked or in use by another process
	Canceled  Code = "canceled"  // the officer canceled long work
	Internal  Code = "internal"  // anything else
)

// Error is an error with a code and a message for a person. Fields carries
// per-field problems (field name -> message) when the code is Invalid.
type Error struct {
	Code    Code
	Message string
	Fields  []FieldError
	Err     error // the underlying cause, for logs and errors.Is; never shown
}

// FieldError is one problem with one field (or one cell of an import).
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
	Row     int    `json:"row,omitempty"`
	Value   string `json:"value,omitempty"`
}

func (e *Error) Error() string { return e.Message }

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// New returns an error with code and message.
func New(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Wrap returns an error with code and message that keeps err as its cause.
func Wrap(err error, code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...), Err: err}
}

// CodeOf returns the code of the first *Error in err's chain, Internal for any
// other non-nil error, and "" for nil.
func CodeOf(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Internal
}

// Is reports whether err carries code.
func Is(err error, code Code) bool { return CodeOf(err) == code }

// Message returns the message for a person: the *Error's message, or a generic
// sentence for an internal error (whose text may hold details not meant for the UI).
func Message(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	if err == nil {
		return ""
	}
	return "Something went wrong inside atpreg (" + err.Error() + "). Nothing was changed; try again, and if it persists keep a backup of the register."
}

// FieldsOf returns the per-field problems of err, if any.
func FieldsOf(err error) []FieldError {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}
