package register

import (
	"strings"
	"unicode"
)

// Why an entity typed by hand looks like one already in the register.
const (
	LookAlikeEmail = "email" // the same contact email (case ignored)
	LookAlikeName  = "name"  // nearly the same name
)

// legalWords are the words of a company's name that say what kind of
// company it is, not which: "Harbourline Cell Therapeutics Ltd" and
// "Harbourline Cell Therapeutics Limited" are one company.
var legalWords = map[string]bool{
	"limited": true, "ltd": true, "co": true, "company": true, "inc": true, "incorporated": true,
	"corp": true, "corporation": true, "plc": true, "llc": true, "holdings": true, "group": true,
	"hk": true, "the": true,
}

// legalSuffixes are Chinese endings of the same kind (longest first).
var legalSuffixes = []string{"（香港）有限公司", "(香港)有限公司", "香港有限公司", "有限公司", "集團", "公司"}

// NameKey is an entity name reduced to what tells it apart: case, spaces,
// punctuation and legal words ("Ltd", "Limited", "有限公司") removed.
func NameKey(name string) string {
	s := strings.TrimSpace(name)
	for _, suf := range legalSuffixes {
		s = strings.TrimSuffix(s, suf)
	}
	var words []string
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r)
	}) {
		if !legalWords[w] {
			words = append(words, w)
		}
	}
	return strings.Join(words, "")
}

// NamesAlike reports whether two entity names are nearly the same: equal
// once reduced (NameKey), or, for names of six characters or more, apart
// by one slip of typing per ten characters (at least one).
func NamesAlike(a, b string) bool {
	ka, kb := []rune(NameKey(a)), []rune(NameKey(b))
	if len(ka) == 0 || len(kb) == 0 {
		return false
	}
	if string(ka) == string(kb) {
		return true
	}
	short := min(len(ka), len(kb))
	if short < 6 {
		return false
	}
	limit := max(1, short/10)
	return editDistance(ka, kb, limit) <= limit
}

// editDistance is the Levenshtein distance of a and b, or limit+1 once it
// is known to be more than limit.
func editDistance(a, b []rune, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			best = min(best, cur[j])
		}
		if best > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// SameEmail reports whether two contact emails are one address (case and
// surrounding spaces ignored); empty ones are never the same.
func SameEmail(a, b string) bool {
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	return a != "" && strings.EqualFold(a, b)
}
