package demand

import (
	"strings"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
)

// Formats of the anonymised summary.
const (
	FormatPDF  = "pdf"
	FormatJSON = "json"
)

// ParseFormat accepts "pdf" or "json" in any case.
func ParseFormat(s string) (string, error) {
	switch f := strings.ToLower(strings.TrimSpace(s)); f {
	case FormatPDF, FormatJSON:
		return f, nil
	}
	return "", apperr.New(apperr.Invalid, "%q is not a format of the demand summary; use pdf or json.", s)
}

// ParseStatuses parses status codes or labels for the filter; an unknown one
// is apperr.Invalid naming it.
func ParseStatuses(ss []string) ([]register.Status, error) {
	out := make([]register.Status, 0, len(ss))
	for _, s := range ss {
		st, err := register.ParseStatus(s)
		if err != nil {
			return nil, err
		}
		if st != "" {
			out = append(out, st)
		}
	}
	return out, nil
}
