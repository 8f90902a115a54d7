package briefing

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Withheld is what stands in free text for the name of an entity that is not
// in the copy (in an English pack; a Chinese pack says 「［不予披露］」).
const Withheld = "[withheld]"

// legalSuffixes are dropped from names to catch shorter mentions in free text
// ("Harbourline Cell Therapeutics" for "Harbourline Cell Therapeutics Ltd").
var legalSuffixes = []string{" (HK) Limited", " (HK) Ltd", " Limited", " Ltd.", " Ltd", " Inc.", " Inc", "有限公司"}

// Evaluator is what stands for an HKSTP evaluator's name in a pack (in
// English): no pack names the evaluators, not even as a meeting's attendee.
const Evaluator = "[HKSTP evaluator]"

// scrubber replaces identifying strings in free texts: the names of withheld
// entities and of the evaluators of the pack's entities always; in an anonymised pack also every included entity's name,
// address, contact details and product names.
type scrubber struct {
	r *strings.Replacer // nil: nothing to replace
}

func newScrubber(in PackInput, anonymise bool, w *words) *scrubber {
	repl := map[string]string{}
	add := func(s, with string) {
		s = strings.TrimSpace(s)
		if utf8.RuneCountInString(s) < 3 {
			return
		}
		for _, v := range []string{s, strings.ToLower(s), strings.ToUpper(s)} {
			if _, ok := repl[v]; !ok {
				repl[v] = with
			}
		}
	}
	addName := func(name, with string) {
		add(name, with)
		for _, suf := range legalSuffixes {
			if base, ok := strings.CutSuffix(strings.TrimSpace(name), suf); ok {
				add(base, with)
			}
		}
	}
	for _, n := range in.Withheld {
		addName(n, w.withheld)
	}
	for _, ei := range in.Entities {
		for _, ev := range ei.Evaluations {
			add(ev.Evaluator, w.evaluator)
		}
	}
	if anonymise {
		for _, ei := range in.Entities {
			e := ei.Entity
			code := EntityCode(e.ID)
			addName(e.Name, code)
			add(e.Address, fmt.Sprintf(w.anonAddress, code))
			add(e.ContactName, fmt.Sprintf(w.anonContact, code))
			add(e.ContactEmail, fmt.Sprintf(w.anonEmail, code))
			add(e.ContactPhone, fmt.Sprintf(w.anonPhone, code))
			for k, s := range e.Submissions {
				add(s.ProductName, productCode(e.ID, k))
			}
		}
	}
	if len(repl) == 0 {
		return &scrubber{}
	}
	// At one position the first pattern in argument order wins: longest first.
	keys := make([]string, 0, len(repl))
	for k := range repl {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if len(keys[i]) != len(keys[j]) {
			return len(keys[i]) > len(keys[j])
		}
		return keys[i] < keys[j]
	})
	pairs := make([]string, 0, 2*len(keys))
	for _, k := range keys {
		pairs = append(pairs, k, repl[k])
	}
	return &scrubber{r: strings.NewReplacer(pairs...)}
}

// text returns s with identifying strings replaced.
func (s *scrubber) text(t string) string {
	if s.r == nil || t == "" {
		return t
	}
	return s.r.Replace(t)
}
