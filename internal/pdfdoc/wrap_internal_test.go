package pdfdoc

import (
	"strings"
	"testing"
)

func TestWrap(t *testing.T) {
	unit := func(rune) float64 { return 1 }
	tests := []struct {
		name string
		in   string
		w    float64
		want []string
	}{
		{"Empty", "", 10, []string{""}},
		{"Fits", "abc def", 10, []string{"abc def"}},
		{"BreakAtSpace", "abc def ghi", 7, []string{"abc def", "ghi"}},
		{"SpaceAtOverflow", "abcdefg hij", 7, []string{"abcdefg", "hij"}},
		{"LongWord", "abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"HardNewlines", "ab\n\ncd", 10, []string{"ab", "", "cd"}},
		{"CJKKeepsEveryRune", "香港科學園嘅咗啲喺", 4, []string{"香港科學", "園嘅咗啲", "喺"}},
		{"MixedCJKLatin", "ab香港cd", 3, []string{"ab香", "港cd"}},
		{"BreakBeforeCJK", "abc香", 3, []string{"abc", "香"}},
		{"TrailingNewline", "ab\n", 10, []string{"ab", ""}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := wrap(tc.in, tc.w, unit)
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Fatalf("wrap(%q, %v) = %q, want %q", tc.in, tc.w, got, tc.want)
			}
		})
	}
}
