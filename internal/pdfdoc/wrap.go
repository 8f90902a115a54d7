package pdfdoc

import "unicode"

// wrap breaks s into lines no wider than w (in the current font and size),
// measuring each rune with width. Lines break at hard newlines, after spaces
// (which are dropped at the break), and between CJK characters; a word wider
// than the line is broken between characters. No rune other than a breaking
// space or newline is ever lost (fpdf's SplitText drops the CJK character at
// each break, so it is not used). An empty s gives one empty line.
func wrap(s string, w float64, width func(rune) float64) []string {
	var lines []string
	rs := []rune(s)
	start := 0
	for start <= len(rs) {
		// One hard line: rs[start:end].
		end := start
		for end < len(rs) && rs[end] != '\n' {
			end++
		}
		lines = append(lines, wrapLine(rs[start:end], w, width)...)
		start = end + 1
	}
	return lines
}

func wrapLine(rs []rune, w float64, width func(rune) float64) []string {
	if len(rs) == 0 {
		return []string{""}
	}
	var lines []string
	for len(rs) > 0 {
		var used float64
		brk := -1 // index after which the line may end
		i := 0
		for ; i < len(rs); i++ {
			cw := width(rs[i])
			if used+cw > w && i > 0 {
				break
			}
			used += cw
			if rs[i] == ' ' || isCJK(rs[i]) || (i+1 < len(rs) && isCJK(rs[i+1])) {
				brk = i
			}
		}
		if i == len(rs) {
			lines = append(lines, trimRightSpace(string(rs)))
			break
		}
		if rs[i] == ' ' {
			brk = i - 1 // the overflowing rune is a space: break right before it
		}
		cut := i
		if brk >= 0 {
			cut = brk + 1
		}
		lines = append(lines, trimRightSpace(string(rs[:cut])))
		rs = rs[cut:]
		for len(rs) > 0 && rs[0] == ' ' {
			rs = rs[1:]
		}
	}
	return lines
}

func trimRightSpace(s string) string {
	for len(s) > 0 && s[len(s)-1] == ' ' {
		s = s[:len(s)-1]
	}
	return s
}

// isCJK reports whether a line may break before or after r: ideographs, kana,
// hangul and CJK punctuation and full-width forms.
func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
		(r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF)
}
