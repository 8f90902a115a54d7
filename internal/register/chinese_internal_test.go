package register

import (
	"testing"
	"unicode"
)

// TestChineseWordingComplete: every item of the RFI has its Chinese wording
// and every choice its Chinese label, each written in Chinese (not left in
// English), and no two choices of one list share a label.
func TestChineseWordingComplete(t *testing.T) {
	for f := range fieldLabels {
		zh, ok := fieldLabelsZH[f]
		if !ok || !hasHan(zh) {
			t.Errorf("field %s: Chinese wording %q", f, zh)
		}
	}
	for f := range fieldLabelsZH {
		if _, ok := fieldLabels[f]; !ok {
			t.Errorf("Chinese wording for %s, which is no field", f)
		}
	}
	for col, cs := range ChoicesIn(LangChinese) {
		seen := map[string]bool{}
		for _, c := range cs {
			if !hasHan(c.Label) || seen[c.Label] {
				t.Errorf("%s.%s: Chinese label %q missing, in English or repeated", col, c.Code, c.Label)
			}
			seen[c.Label] = true
		}
	}
	for _, a := range Aspects() {
		if !hasHan(a.LabelIn(LangChinese)) {
			t.Errorf("aspect %s has no Chinese label", a)
		}
	}
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}
