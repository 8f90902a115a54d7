package app

import "atpreg/internal/service"

// Strength is how strong a passphrase is, for the window's meter: a score
// from 0 (empty) to 4, a label and a hint.
type Strength struct {
	Score int    `json:"score"`
	Label string `json:"label"`
	Hint  string `json:"hint"`
}

// PassphraseStrength rates a passphrase for the window's strength meter.
func (s *Session) PassphraseStrength(p string) Strength {
	r, l := service.RatePassphrase(p), lang()
	return Strength{Score: r.Score, Label: r.Label.LabelIn(l), Hint: r.Hint.LabelIn(l)}
}
