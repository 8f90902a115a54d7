package mailin_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"atpreg/internal/apperr"
	"atpreg/internal/mailin"
	"atpreg/internal/outlookmsg/msgtest"
)

// fuzzLimits keep each fuzz run cheap; the limits themselves are what is
// checked.
var fuzzLimits = mailin.Limits{MaxBytes: 1 << 20, MaxDepth: 4, MaxParts: 60, MaxDecoded: 2 << 20}

// checkRead reads data and checks what any input must give: no panic, an
// apperr.Invalid error or a message within the limits whose text is UTF-8.
func checkRead(t *testing.T, read func(string, []byte) (*mailin.Message, error), data []byte) {
	m, err := read("fuzz", data)
	if err != nil {
		var ae *apperr.Error
		if !errors.As(err, &ae) || ae.Code != apperr.Invalid || ae.Message == "" {
			t.Fatalf("error %T %q is not an apperr.Invalid for a person", err, err)
		}
		return
	}
	parts := 0
	var walk func(m *mailin.Message, depth int)
	walk = func(m *mailin.Message, depth int) {
		if depth > fuzzLimits.MaxDepth {
			t.Fatalf("an email %d levels deep, past the limit of %d", depth, fuzzLimits.MaxDepth)
		}
		for _, s := range []string{m.Subject, m.Text, m.MessageID} {
			if !utf8.ValidString(s) {
				t.Fatalf("not UTF-8: %q", s)
			}
		}
		for _, list := range [][]mailin.Address{m.From, m.To, m.Cc} {
			for _, a := range list {
				if !utf8.ValidString(a.Name) || !utf8.ValidString(a.Email) {
					t.Fatalf("address not UTF-8: %q", a)
				}
			}
		}
		for _, a := range m.Attachments {
			parts++
			if a.Name == "" || !utf8.ValidString(a.Name) {
				t.Fatalf("attachment name %q", a.Name)
			}
			if a.Message != nil {
				walk(a.Message, depth+1)
			}
		}
	}
	walk(m, 0)
	if parts > fuzzLimits.MaxParts {
		t.Fatalf("%d attachments, past the limit of %d parts", parts, fuzzLimits.MaxParts)
	}
}

func msgFixtures(tb testing.TB) [][]byte {
	paths, err := filepath.Glob("../outlookmsg/testdata/*.msg")
	if err != nil || len(paths) == 0 {
		tb.Fatalf("no .msg fixtures (%v)", err)
	}
	var out [][]byte
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

func FuzzReadEML(f *testing.F) {
	for _, mk := range []func(testing.TB) string{hkBig5, gbMail, filenames, forwarded, outlookStyle, latinJapanese, raw8bit} {
		f.Add([]byte(mk(f)))
	}
	f.Add([]byte(htmlOnly()))
	f.Add([]byte(nest(1, nest(2, deepest()))))
	f.Add([]byte(mbox()))
	f.Add([]byte(manyParts(5)))
	f.Add([]byte(deepMIME(5)))
	f.Fuzz(func(t *testing.T, data []byte) { checkRead(t, fuzzLimits.ReadEML, data) })
}

// FuzzReadMSG reads .msg files. Input that starts as a Compound File is
// read as it is; any other input is one stream of a small valid message
// (its first byte says which), so that the property and body readers behind
// the container are fuzzed too, which mutating a whole container seldom reaches.
func FuzzReadMSG(f *testing.F) {
	for _, b := range msgFixtures(f) {
		f.Add(b)
	}
	for _, b := range syntheticMSGs(f) {
		f.Add(b)
	}
	for i, s := range streamSeeds(f) {
		f.Add(append([]byte{byte(i)}, s...))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 0 && data[0] != 0xD0 {
			data = streamMSG(data[0], data[1:])
		}
		checkRead(t, fuzzLimits.ReadMSG, data)
	})
}

// fuzzStreams are the streams FuzzReadMSG can replace: where in the message
// (top, recipient, attachment, embedded message) and which stream.
var fuzzStreams = []struct{ where, name string }{
	{"top", "__properties_version1.0"},
	{"top", "__substg1.0_10090102"},
	{"top", "__substg1.0_10130102"},
	{"top", "__substg1.0_007D001F"},
	{"top", "__substg1.0_0037001E"},
	{"attach", "__properties_version1.0"},
	{"attach", "__substg1.0_37010102"},
	{"embedded", "__properties_version1.0"},
	{"embedded", "__substg1.0_10090102"},
}

// streamSeeds are the valid contents of fuzzStreams, in order.
func streamSeeds(tb testing.TB) [][]byte {
	props := func(hdr int, tags ...uint32) []byte {
		b := make([]byte, hdr)
		for _, tag := range tags {
			e := make([]byte, 16)
			e[0], e[1], e[2], e[3] = byte(tag), byte(tag>>8), byte(tag>>16), byte(tag>>24)
			e[8] = 5
			b = append(b, e...)
		}
		return b
	}
	return [][]byte{
		props(32, 0x3FFD0003, 0x0037001E, 0x10090102),
		msgtest.CompressRTF([]byte(`{\rtf1\ansi\ansicpg950 \'a5\'d3\par}`)),
		[]byte("<p>HTML</p>"),
		[]byte("F\x00r\x00o\x00m\x00:\x00 \x00a\x00@\x00b\x00"),
		[]byte("\xa5\xd3\xbd\xd0"),
		props(8, 0x37050003, 0x37070102),
		[]byte(mbox()),
		props(24, 0x0037001F),
		msgtest.CompressRTF([]byte(`{\rtf1 inner\par}`)),
	}
}

// streamMSG is a small message whose stream which (mod len(fuzzStreams)) is data.
func streamMSG(which byte, data []byte) []byte {
	s := fuzzStreams[int(which)%len(fuzzStreams)]
	raw := map[string][]byte{s.name: data}
	embedded := &msgtest.Message{Props: []msgtest.Prop{{ID: 0x0037, Type: msgtest.Unicode, Val: "inner"}}}
	m := &msgtest.Message{
		Props:      []msgtest.Prop{{ID: 0x0037, Type: msgtest.Unicode, Val: "outer"}, {ID: 0x3FFD, Type: msgtest.Long, Val: 950}},
		Recipients: [][]msgtest.Prop{{{ID: 0x3001, Type: msgtest.Unicode, Val: "A"}}},
		Attachments: []msgtest.Attachment{
			{Props: []msgtest.Prop{{ID: 0x3707, Type: msgtest.Unicode, Val: "a.eml"}, {ID: 0x3701, Type: msgtest.Binary, Val: []byte("x")}}},
			{Props: []msgtest.Prop{{ID: 0x3001, Type: msgtest.Unicode, Val: "inner"}}, Embedded: embedded},
		},
	}
	switch s.where {
	case "top":
		m.Raw = raw
	case "embedded":
		embedded.Raw = raw
	case "attach":
		m.Attachments[0].Raw = raw
	}
	return m.Bytes()
}
