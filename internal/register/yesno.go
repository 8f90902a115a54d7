package register

import (
	"bytes"
	"encoding/json"
	"strings"

	"atpreg/internal/apperr"
)

// YesNo is the answer to a yes/no question of the RFI, which may be
// unanswered. The zero value is Unanswered. In JSON it is true, false or null.
type YesNo string

// The three states of a yes/no answer.
const (
	Unanswered YesNo = ""
	Yes        YesNo = "yes"
	No         YesNo = "no"
)

// YesNoOf returns Yes for true and No for false.
func YesNoOf(b bool) YesNo {
	if b {
		return Yes
	}
	return No
}

// YesNoPtr returns Unanswered for nil, else YesNoOf(*b). Handy for nullable
// database columns.
func YesNoPtr(b *bool) YesNo {
	if b == nil {
		return Unanswered
	}
	return YesNoOf(*b)
}

// Ptr returns nil when unanswered, else a pointer to the answer as a bool.
func (y YesNo) Ptr() *bool {
	if y != Yes && y != No {
		return nil
	}
	b := y == Yes
	return &b
}

// Answered reports whether y is Yes or No.
func (y YesNo) Answered() bool { return y == Yes || y == No }

// Bool returns the answer and whether there is one.
func (y YesNo) Bool() (value, answered bool) { return y == Yes, y.Answered() }

// Valid reports whether y is Yes, No or Unanswered.
func (y YesNo) Valid() bool { return y == Yes || y == No || y == Unanswered }

// Label returns "Yes", "No" or "" (unanswered).
func (y YesNo) Label() string {
	switch y {
	case Yes:
		return "Yes"
	case No:
		return "No"
	}
	return ""
}

// ParseYesNo accepts yes, no, y, n, true, false (also 1/0) in any case with
// surrounding space; blank input is Unanswered.
func ParseYesNo(s string) (YesNo, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return Unanswered, nil
	case "yes", "y", "true", "t", "1":
		return Yes, nil
	case "no", "n", "false", "f", "0":
		return No, nil
	}
	return Unanswered, apperr.New(apperr.Invalid, "%q is not a yes/no answer; use yes or no (or leave it empty).", strings.TrimSpace(s))
}

// YesNoChoices returns the two answers as choices (yes, no).
func YesNoChoices() []Choice { return YesNoChoicesIn(LangEnglish) }

// MarshalJSON encodes Yes as true, No as false and Unanswered as null.
func (y YesNo) MarshalJSON() ([]byte, error) {
	switch y {
	case Yes:
		return []byte("true"), nil
	case No:
		return []byte("false"), nil
	case Unanswered:
		return []byte("null"), nil
	}
	return nil, apperr.New(apperr.Invalid, "%q is not a yes/no answer.", string(y))
}

// UnmarshalJSON accepts true, false, null or a string ParseYesNo accepts.
func (y *YesNo) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch string(b) {
	case "true":
		*y = Yes
		return nil
	case "false":
		*y = No
		return nil
	case "null":
		*y = Unanswered
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return apperr.New(apperr.Invalid, "%s is not a yes/no answer; use true, false or null.", string(b))
	}
	v, err := ParseYesNo(s)
	if err != nil {
		return err
	}
	*y = v
	return nil
}
