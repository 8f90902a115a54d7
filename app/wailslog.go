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
// and Fatal writes a fixed line saying that something went wrong (or, for
// the one harmless message of Wails' dev server it knows, what it was).
type WindowLogger struct {
	mu sync.Mutex
	w  io.Writer
}

// NewWindowLogger returns a WindowLogger writing its fixed lines to w
// (os.Stderr in the window).
func NewWindowLogger(w io.Writer) *WindowLogger { return &WindowLogger{w: w} }

// withheld is the line WindowLogger writes for an error it does not know.
const withheld = "atpreg: the window runtime reported an error (its details are withheld: they can quote register content)\n"

// Wails' dev server (the dev-tagged build the browser tests drive) hands
// every message a browser page sends over its socket to Wails' dispatcher.
// Wails' runtime script sends "runtime:ready" once it has loaded; the native
// window answers it itself (it sets the page's drag-and-drop flags) and never
// passes it on, but the dispatcher knows no such message, so each page a
// browser loads from the dev server is logged twice as an error: once by the
// dispatcher and once by the dev server. Nothing fails: the dispatcher
// returns no reply and the page goes on. These exact texts quote nothing of
// the register, so WindowLogger names them instead of calling them an error.
const (
	readyUnknown     = "Unknown message from front end: runtime:ready"
	readyUnknownCall = "process message error: runtime:ready -> " + readyUnknown
	readyLine        = "atpreg: a browser page on the dev server said its Wails runtime is ready (\"runtime:ready\", a message only the native window handles; Wails' dev server logs it as unknown): harmless\n"
)

func (l *WindowLogger) write(line string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	_, _ = io.WriteString(l.w, line)
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

// Error writes a fixed line instead of message: for the dev server's
// "runtime:ready" (see readyUnknown) a line saying what it is, written once
// for the pair Wails logs, and for anything else the withheld line.
func (l *WindowLogger) Error(message string) {
	switch message {
	case readyUnknownCall: // the dev server logs readyUnknown right after
	case readyUnknown:
		l.write(readyLine)
	default:
		l.write(withheld)
	}
}

// Fatal writes the withheld line instead of message (Wails then exits).
func (l *WindowLogger) Fatal(string) { l.write(withheld) }

var _ logger.Logger = (*WindowLogger)(nil)
