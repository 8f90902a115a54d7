package register

import "testing"

func TestNamesAlike(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"Harbourline Cell Therapeutics Ltd", "Harbourline Cell Therapeutics Limited", true},
		{"Harbourline Cell Therapeutics Ltd", "harbourline cell-therapeutics", true},
		{"Harbourline Cell Therapeutics Ltd", "Harbourlime Cell Therapeutics Ltd", true},
		{"Tai Po Vector Labs", "Tai Po Vectr Labs", true},
		{"翠峰細胞醫學有限公司", "翠峰細胞醫學", true},
		{"Harbourline Cell Therapeutics Ltd", "Harbourline Gene Therapeutics Ltd", false},
		{"Tai Po Vector Labs", "Tai Po Vector Works", false},
		{"ABC Ltd", "ABD Ltd", false}, // too short to call a slip
		{"", "", false},
		{"Ltd", "Limited", false}, // nothing left to compare
	} {
		if got := NamesAlike(c.a, c.b); got != c.want {
			t.Errorf("NamesAlike(%q, %q) = %v, want %v (keys %q, %q)", c.a, c.b, got, c.want, NameKey(c.a), NameKey(c.b))
		}
	}
}

func TestSameEmail(t *testing.T) {
	if !SameEmail(" Mei.Chan@Example.org", "mei.chan@example.org ") {
		t.Error("case and spaces make another address")
	}
	if SameEmail("", "") || SameEmail("a@example.org", "b@example.org") {
		t.Error("empty or different addresses are the same")
	}
}
