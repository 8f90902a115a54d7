// Package apperr carries errors meant for a person: a code that decides how the
// error is handled (exit status, dialog) and a message in the officer's words.
// Internal errors are never shown raw; they are wrapped with a message that says
// what to do next.
package apperr

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"syscall"
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
//
// Message is the English sentence (the CLI's, and Error()'s); the error also
// keeps the format and arguments it was made from (New, Wrap), so that the
// window can say it in the officer's language (MessageIn). An Error built as
// a literal with a fixed Message is said through the catalog too.
type Error struct {
	Code    Code
	Message string
	Fields  []FieldError
	Err     error // the underlying cause, for logs and errors.Is; never shown
	text    Text  // the message's format and arguments; zero for a literal Error
}

// FieldError is one problem with one field (or one cell of an import).
// Message is English; Field (made by apperr.Field) keeps the format and
// arguments so that FieldsIn can say it in another language.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
	Row     int    `json:"row,omitempty"`
	Value   string `json:"value,omitempty"`
	text    Text
}

func (e *Error) Error() string { return e.Message }

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// New returns an error with code and message.
func New(code Code, format string, args ...any) *Error {
	t := T(format, args...)
	return &Error{Code: code, Message: t.String(), text: t}
}

// Wrap returns an error with code and message that keeps err as its cause.
func Wrap(err error, code Code, format string, args ...any) *Error {
	t := T(format, args...)
	return &Error{Code: code, Message: t.String(), Err: err, text: t}
}

// With returns e with fields as its per-field problems.
func (e *Error) With(fields ...FieldError) *Error {
	e.Fields = fields
	return e
}

// Field returns the problem of one field, its message made from format and
// args like New's.
func Field(field, format string, args ...any) FieldError {
	t := T(format, args...)
	return FieldError{Field: field, Message: t.String(), text: t}
}

// LabelIn says the error's message in lang (see MessageIn); an *Error can
// be an argument of another message.
func (e *Error) LabelIn(lang string) string {
	if e.text.format != "" {
		return e.text.LabelIn(lang)
	}
	return Fixed(e.Message).LabelIn(lang)
}

// LabelIn says the field's message in lang; a FieldError can be an argument
// of another message ("The settings were not saved: %s").
func (f FieldError) LabelIn(lang string) string {
	if f.text.format != "" {
		return f.text.LabelIn(lang)
	}
	return Fixed(f.Message).LabelIn(lang)
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
func Message(err error) string { return MessageIn(err, English) }

// internalFormat is the generic sentence of an error that is not an *Error.
const internalFormat = "Something went wrong inside atpreg (%s). Nothing was changed; try again, and if it persists keep a backup of the register."

// MessageIn is Message said in lang (English or Chinese; anything else is
// English).
func MessageIn(err error, lang string) string {
	var e *Error
	if errors.As(err, &e) {
		if lang == English {
			return e.Message
		}
		return e.LabelIn(lang)
	}
	if err == nil {
		return ""
	}
	return T(internalFormat, Detail(err)).LabelIn(lang)
}

// Say returns err's message as an argument of another message, said in the
// language that message is said in.
func Say(err error) Label { return said{err} }

type said struct{ err error }

func (s said) LabelIn(lang string) string { return MessageIn(s.err, lang) }

// FieldsIn is FieldsOf with every message said in lang.
func FieldsIn(err error, lang string) []FieldError {
	fs := FieldsOf(err)
	if fs == nil || lang == English {
		return fs
	}
	out := make([]FieldError, len(fs))
	for i, f := range fs {
		out[i] = f
		out[i].Message = f.LabelIn(lang)
	}
	return out
}

// safeSentinels are errors whose text is fixed, so it can be shown and logged.
var safeSentinels = []error{io.EOF, io.ErrUnexpectedEOF, context.Canceled, context.DeadlineExceeded,
	fs.ErrNotExist, fs.ErrPermission, fs.ErrExist, fs.ErrClosed}

// Detail describes err without its text, which can quote register content (a
// value that failed to parse, a file named after an entity): the Go types
// along its chain, with the fixed words of an operating-system error (such
// as "no space left on device") or of a well-known error (EOF, context
// canceled). It is what a log or the message of an internal error may carry.
func Detail(err error) string {
	var parts []string
	var walk func(error, int)
	walk = func(e error, depth int) {
		for ; e != nil && depth < 8; depth++ {
			if errno, ok := e.(syscall.Errno); ok {
				parts = append(parts, errno.Error())
				return
			}
			for _, s := range safeSentinels {
				if e == s {
					parts = append(parts, s.Error())
					return
				}
			}
			parts = append(parts, fmt.Sprintf("%T", e))
			if j, ok := e.(interface{ Unwrap() []error }); ok {
				for _, c := range j.Unwrap() {
					walk(c, depth+1)
				}
				return
			}
			e = errors.Unwrap(e)
		}
	}
	walk(err, 0)
	return strings.Join(parts, ", ")
}

// FieldsOf returns the per-field problems of err, if any.
func FieldsOf(err error) []FieldError {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}

// Reason words why an operation on a file or device failed, for a message:
// the operating system's own words ("permission denied", "no space left on
// device") or a well-known error's ("EOF"), never the error's text (which
// can quote a path or a value). An error with neither is "an unexpected
// error". Messages put it in brackets: "... cannot be read (permission denied)".
// As an argument of a message it is said in the message's language.
func Reason(err error) Fixed {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		return Fixed(errno.Error())
	}
	for _, s := range safeSentinels {
		if errors.Is(err, s) {
			return Fixed(s.Error())
		}
	}
	return "an unexpected error"
}
