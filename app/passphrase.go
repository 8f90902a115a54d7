package app

import "atpreg/internal/passphrase"

// PassphraseStrength rates a passphrase for the window's strength meter.
func (s *Session) PassphraseStrength(p string) passphrase.Strength { return passphrase.Rate(p) }
