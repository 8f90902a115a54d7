// Package passphrase rates and checks the passphrases that protect a register.
package passphrase

import (
	"strings"
	"unicode"

	"atpreg/internal/apperr"
)

// MinLength is the shortest passphrase a register accepts.
const MinLength = 10

// Strength rates a passphrase from 0 (very weak) to 4 (strong) with a word
// for it; the window shows it while the officer types. It estimates entropy
// from length and character classes and penalises repeats; it is a guide, not
// a guarantee.
//
// Label and Hint are English; the window says them in its language
// (apperr.Fixed's LabelIn).
type Strength struct {
	Score int          `json:"score"`
	Label apperr.Fixed `json:"label"`
	Hint  apperr.Fixed `json:"hint"`
}

// Rate rates p.
func Rate(p string) Strength {
	runes := []rune(p)
	if len(runes) == 0 {
		return Strength{0, apperr.Fixed("Empty"), apperr.Fixed("Use at least 10 characters; four or more unrelated words are best.")}
	}
	pool := 0
	var lower, upper, digit, other, wide bool
	for _, r := range runes {
		switch {
		case r > unicode.MaxASCII:
			wide = true
		case unicode.IsLower(r):
			lower = true
		case unicode.IsUpper(r):
			upper = true
		case unicode.IsDigit(r):
			digit = true
		default:
			other = true
		}
	}
	for _, c := range []struct {
		on   bool
		size int
	}{{lower, 26}, {upper, 26}, {digit, 10}, {other, 33}, {wide, 100}} {
		if c.on {
			pool += c.size
		}
	}
	distinct := map[rune]bool{}
	for _, r := range runes {
		distinct[r] = true
	}
	effective := float64(len(runes))
	if d := float64(len(distinct)); d < effective/2 {
		effective = d * 2
	}
	// Well-known fragments add almost nothing an attacker would not try first.
	lowerP := strings.ToLower(p)
	for _, f := range common {
		if strings.Contains(lowerP, f) {
			effective -= float64(len(f) - 1)
		}
	}
	bits := max(effective, 1) * log2(float64(pool))
	words := len(strings.Fields(p))
	switch {
	case len(runes) < MinLength:
		return Strength{0, apperr.Fixed("Too short"), apperr.Fixed("Use at least 10 characters; four or more unrelated words are best.")}
	case bits < 45:
		return Strength{1, apperr.Fixed("Weak"), apperr.Fixed("Add more words or characters.")}
	case bits < 65 && words < 4:
		return Strength{2, apperr.Fixed("Fair"), apperr.Fixed("Longer is stronger: four or more unrelated words.")}
	case bits < 85:
		return Strength{3, apperr.Fixed("Good"), apperr.Fixed("Good. A longer passphrase is stronger still.")}
	}
	return Strength{4, apperr.Fixed("Strong"), apperr.Fixed("Strong.")}
}

// common are fragments of the passwords tried first by anyone guessing.
var common = []string{"password", "passw0rd", "123456", "12345", "qwerty", "abc123", "letmein", "welcome",
	"admin", "iloveyou", "hkstp", "atpreg", "secret", "monkey", "dragon"}

func log2(x float64) float64 {
	n := 0.0
	for x >= 2 {
		x /= 2
		n++
	}
	return n + (x - 1) // linear between powers of two: close enough for a rating
}

// Check refuses passphrases too weak to protect the register.
func Check(p string) error {
	s := Rate(p)
	if s.Score < 2 {
		return apperr.New(apperr.Invalid, "The passphrase is too weak: %s", s.Hint).
			With(apperr.Field("passphrase", "%s. %s", s.Label, s.Hint))
	}
	return nil
}
