// Package app is the facade the desktop window calls: thin, bound methods over
// atpreg's services. It holds no business rules; each method translates between
// the frontend and the services and reports errors in the officer's words.
package app

import (
	"context"
	"sync"

	"atpreg/internal/version"
)

// Config is what the facade needs to start.
type Config struct {
	// RegisterPath is the register file this window works on.
	RegisterPath string
}

// Session is the bound root service: it knows the register path and the
// window's context. Area services share it.
type Session struct {
	cfg Config

	mu  sync.Mutex
	ctx context.Context
}

// NewSession returns the session for cfg.
func NewSession(cfg Config) *Session {
	return &Session{cfg: cfg}
}

// Startup is called by Wails when the window starts.
func (s *Session) Startup(ctx context.Context) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ctx = ctx
}

// Shutdown is called by Wails when the window closes.
func (s *Session) Shutdown(context.Context) {}

// AppInfo describes the running app for the window's chrome.
type AppInfo struct {
	Version      string `json:"version"`
	RegisterPath string `json:"registerPath"`
}

// Info returns the app version and the register path this window uses.
func (s *Session) Info() AppInfo {
	return AppInfo{Version: version.String(), RegisterPath: s.cfg.RegisterPath}
}
