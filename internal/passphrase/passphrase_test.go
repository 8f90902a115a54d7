package passphrase_test

import (
	"testing"

	"atpreg/internal/apperr"
	"atpreg/internal/passphrase"
)

func TestRate(t *testing.T) {
	for _, tc := range []struct {
		in        string
		min, max  int
		checkPass bool
	}{
		{"", 0, 0, false},
		{"short", 0, 0, false},
		{"aaaaaaaaaaaaaaaa", 0, 1, false},
		{"password12", 1, 1, false},
		{"correct horse battery staple", 3, 4, true},
		{"Tr0ub4dor&3xyz", 2, 4, true},
		{"香港科學園嘅實驗室好大", 2, 4, true},
	} {
		s := passphrase.Rate(tc.in)
		if s.Score < tc.min || s.Score > tc.max || s.Label == "" || s.Hint == "" {
			t.Errorf("Rate(%q) = %+v, want score in [%d,%d]", tc.in, s, tc.min, tc.max)
		}
		err := passphrase.Check(tc.in)
		if (err == nil) != tc.checkPass {
			t.Errorf("Check(%q) = %v, want pass=%v", tc.in, err, tc.checkPass)
		}
		if err != nil && (!apperr.Is(err, apperr.Invalid) || len(apperr.FieldsOf(err)) != 1) {
			t.Errorf("Check(%q) error %v is not a field problem", tc.in, err)
		}
	}
}
