package app

import (
	"io"
	"sync"

	"github.com/wailsapp/wails/v2/pkg/logger"
)

// WindowLogger is the logger the desktop window gives Wails. Wails' own
// messages can quote what the frontend sent: a call whose arguments do not
// parse, or a bound method that panics, is logged as "process message
// error: <the whole call, with its arguments>", and at trace level every
// call's result is logged. Those arguments and results are register content
// (names, contacts, notes) and even the passphrase. So WindowLogger never
// writes a message's text: it drops every level below Error, and for Error
// and Fatal writes a fixed line saying that something went wrong.
type WindowLogger struct {
	mu sync.Mutex
	w  io.Writer
}

// NewWindowLogger returns a WindowLogger writing its fixed lines to w
// (os.Stderr in the window).
func NewWindowLogger(w io.Writer) *WindowLogger { return &WindowLogger{w: w} }

// withheld is the only line WindowLogger writes.
const withheld = "atpreg: the window runtime reported an error (its details are withheld: they can quote register content)\n"

func (l *WindowLogger) line() {
	l.mu.Lock()
	defer l.mu.Unlock()
	_, _ = io.WriteString(l.w, withheld)
}

// Print drops message.
func (l *WindowLogger) Print(string) {}

// Trace drops message.
func (l *WindowLogger) Trace(string) {}

// Debug drops message.
func (l *WindowLogger) Debug(string) {}

// Info drops message.
func (l *WindowLogger) Info(string) {}

// Warning drops message.
func (l *WindowLogger) Warning(string) {}

// Error writes the fixed line instead of message.
func (l *WindowLogger) Error(string) { l.line() }

// Fatal writes the fixed line instead of message (Wails then exits).
func (l *WindowLogger) Fatal(string) { l.line() }

var _ logger.Logger = (*WindowLogger)(nil)
