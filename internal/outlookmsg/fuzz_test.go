package outlookmsg_test

import (
	"testing"
	"unicode/utf8"

	"atpreg/internal/outlookmsg"
	"atpreg/internal/outlookmsg/msgtest"
)

// FuzzRTF feeds compressed RTF to DecompressRTF and what comes out to
// RTFText: neither may panic, and the text must be UTF-8.
func FuzzRTF(f *testing.F) {
	for _, name := range []string{"simple-sent.msg", "unsent-draft.msg", "rtf-with-attachment.msg"} {
		m, err := outlookmsg.Read(fixture(f, name), outlookmsg.DefaultLimits)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(msgtest.CompressRTF(m.RTF))
	}
	f.Add(msgtest.CompressRTF([]byte(`{\rtf1\ansi\ansicpg950{\fonttbl{\f0\fcharset136 x;}}\f0\'a5\'d3\u30003?\bin2 xx{\*\htmltag1 <p>}\htmlrtf x\htmlrtf0}`)))
	f.Fuzz(func(t *testing.T, data []byte) {
		rtf, err := outlookmsg.DecompressRTF(data, 1<<20)
		if err != nil {
			rtf = data // the parser must survive any bytes too
		}
		if len(rtf) > 1<<20 {
			t.Fatalf("%d bytes past the limit", len(rtf))
		}
		if text, _ := outlookmsg.RTFText(rtf); !utf8.ValidString(text) {
			t.Fatalf("not UTF-8: %q", text)
		}
	})
}
