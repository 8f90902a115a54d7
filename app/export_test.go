package app

import "atpreg/internal/store"

// OpenDB gives the external tests the session's open register.
func OpenDB(s *Session) (*store.DB, error) { return s.openDB() }
