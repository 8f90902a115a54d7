package app

import (
	"testing"

	"atpreg/internal/apperr"
)

// TestDetailIn: the history's stored sentences are said in Chinese with
// their parts in place; English and a sentence the officer typed stay as
// they were written.
func TestDetailIn(t *testing.T) {
	for _, c := range []struct{ stored, zh string }{
		{"Conflict of interest with Harbour University Centre for Cell Therapy: left out of their briefing packs and meeting materials.",
			"與Harbour University Centre for Cell Therapy有利益衝突：不載於其簡報文件及會議資料。"},
		{"Evaluation 12 by Dr Mei Chan changed.", "已更改Dr Mei Chan的第 12 號評審。"},
		{`Meeting 3: follow-up action "Send the \"draft\" MoU".`, `第 3 號會議：跟進事項「Send the "draft" MoU」。`},
		{"Added to meeting 7.", "已加入第 7 號會議。"},
		{"Evaluation 12 by Dr Mei Chan restored.", "已還原Dr Mei Chan的第 12 號評審。"},
		{"Meeting 3 restored.", "已還原第 3 號會議。"},
		{"Partner 2 restored.", "已還原第 2 號合作夥伴。"},
		{"1234 bytes, SHA-256 abcdef", "1234 位元組，SHA-256 abcdef"},
		{"Late reply promised by phone.", "Late reply promised by phone."},
	} {
		if got := detailIn(c.stored, apperr.Chinese); got != c.zh {
			t.Errorf("detailIn(%q) = %q, want %q", c.stored, got, c.zh)
		}
		if got := detailIn(c.stored, apperr.English); got != c.stored {
			t.Errorf("in English %q became %q", c.stored, got)
		}
	}
}
