package outlookmsg_test

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"atpreg/internal/outlookmsg"
	"atpreg/internal/outlookmsg/msgtest"
)

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func utc(s string) time.Time {
	t, err := time.Parse(time.DateTime, s)
	if err != nil {
		panic(err)
	}
	return t
}

// The expected values below were read from the files with olefile (Python)
// and the README of testdata.
func TestFixtures(t *testing.T) {
	tests := []struct {
		file         string
		subject      string
		senderName   string
		senderEmail  string
		recipients   []outlookmsg.Recipient
		submit       time.Time
		delivery     time.Time
		messageID    string
		codePage     int
		bodyPrefix   string
		bodyLen      int // in runes
		rtfText      string
		rtfHTML      bool
		attName      string
		attSize      int
		attSHA256    string
		headersStart string
	}{
		{file: "simple-sent.msg", subject: "(outlookEMLandMSGconverter Trial Version Import) BitDaddys Software",
			senderName: "John Doe", senderEmail: "jdoes@someserver.com",
			recipients: []outlookmsg.Recipient{{Type: outlookmsg.To, Name: "sales@bitdaddys.com", Email: "sales@bitdaddys.com"}},
			submit:     utc("2006-08-12 18:25:25"), delivery: utc("2007-11-29 02:13:02"), codePage: 28591,
			bodyPrefix: "Dear BitDaddys Corp.,\r\n\r\nWe have added your software to our approved list.", bodyLen: 150,
			rtfText:      "Dear BitDaddys Corp.,\n\nWe have added your software to our approved list.\n\nThank you for your efforts,\nSincerely,\nJohn Doe\nSome Server Company",
			headersStart: "Date: Sat, 12 Aug 2006 14:25:25 -0400\r\nFrom: John Doe <jdoes@someserver.com>"},
		{file: "unsent-draft.msg", subject: "MSG Test File",
			recipients: []outlookmsg.Recipient{{Type: outlookmsg.To, Name: "time2talk@online-convert.com", Email: "time2talk@online-convert.com"}},
			codePage:   20127, bodyPrefix: "MSG test file\r\nPurpose: Provide example of this file type", bodyLen: 2711,
			rtfHTML: true},
		{file: "rtf-with-attachment.msg", subject: "RtfSampleEmailWithAttachment",
			senderName: "Wilson, Chris", senderEmail: "Chris.Wilson@leeds.gov.uk",
			recipients: []outlookmsg.Recipient{{Type: outlookmsg.To, Name: "Wilson, Chris", Email: "Chris.Wilson@leeds.gov.uk"}},
			submit:     utc("2017-10-23 09:05:21"), delivery: utc("2017-10-23 09:05:23"),
			messageID: "<6BA412B7BBD2FD42861293C22F31BF8F1AECABFB@pifmbx04.Leeds.gov.uk>", codePage: 1252,
			bodyPrefix: "This is a sample RTF email with an attachment \r\n", bodyLen: 679,
			rtfText: "This is a sample RTF email with an attachment\n\n________________________________\nChris Wilson\nLead Developer, eServices\nCorporate ICT\nLeeds City Council\nTel: 0113 37 85294\nEmail: chris.wilson@leeds.gov.uk\nwww.leeds.gov.uk",
			attName: "SampleAttachment.pdf", attSize: 169480,
			attSHA256:    "4845736e5fd1fe354b697901eefb9d9c3383ca98f12df5bfadab764fe6d488cd",
			headersStart: "Received: from PIFMBX04.Leeds.gov.uk ([169.254.4.250]) by\r\n pifchu03.Leeds.gov.uk"},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			m, err := outlookmsg.Read(fixture(t, tc.file), outlookmsg.DefaultLimits)
			if err != nil {
				t.Fatal(err)
			}
			check := func(what string, got, want any) {
				t.Helper()
				if got != want {
					t.Errorf("%s = %#v, want %#v", what, got, want)
				}
			}
			check("Class", m.Class, "IPM.Note")
			check("Subject", m.Subject, tc.subject)
			check("SenderName", m.SenderName, tc.senderName)
			check("SenderEmail", m.SenderEmail, tc.senderEmail)
			check("SubmitTime", m.SubmitTime, tc.submit)
			check("DeliveryTime", m.DeliveryTime, tc.delivery)
			check("MessageID", m.MessageID, tc.messageID)
			check("CodePage", m.CodePage, tc.codePage)
			check("body length", len([]rune(m.Body)), tc.bodyLen)
			if !strings.HasPrefix(m.Body, tc.bodyPrefix) {
				t.Errorf("Body starts %q, want %q", m.Body[:min(len(m.Body), 80)], tc.bodyPrefix)
			}
			if !strings.HasPrefix(m.TransportHeaders, tc.headersStart) {
				t.Errorf("TransportHeaders start %q, want %q", m.TransportHeaders[:min(len(m.TransportHeaders), 80)], tc.headersStart)
			}
			if len(m.Recipients) != len(tc.recipients) {
				t.Fatalf("Recipients = %+v", m.Recipients)
			}
			for i, r := range tc.recipients {
				check("recipient", m.Recipients[i], r)
			}
			text, isHTML := outlookmsg.RTFText(m.RTF)
			check("RTF is HTML", isHTML, tc.rtfHTML)
			if tc.rtfHTML {
				if !strings.HasPrefix(text, "<html") || !strings.Contains(text, "Purpose: Provide example of this file type") {
					t.Errorf("RTF's HTML = %.200q", text)
				}
			} else {
				check("RTF text", text, tc.rtfText)
			}
			if tc.attName == "" {
				check("attachments", len(m.Attachments), 0)
				return
			}
			if len(m.Attachments) != 1 {
				t.Fatalf("attachments = %d", len(m.Attachments))
			}
			a := m.Attachments[0]
			check("attachment name", a.Name, tc.attName)
			check("attachment size", len(a.Data), tc.attSize)
			sum := sha256.Sum256(a.Data)
			check("attachment SHA-256", hex.EncodeToString(sum[:]), tc.attSHA256)
			pdfinfo(t, a.Data)
		})
	}
}

// pdfinfo has poppler read the attached PDF, as a person's viewer would.
func pdfinfo(t *testing.T, pdf []byte) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "a.pdf")
	if err := os.WriteFile(p, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdfinfo", p).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfinfo: %v: %s", err, out)
	}
	if !strings.Contains(string(out), "\nPages:           4\n") || !strings.Contains(string(out), "Creator:         Microsoft® Word 2016") {
		t.Errorf("pdfinfo reads %s", out)
	}
}

func TestDecompressRTF(t *testing.T) {
	rtf := []byte(`{\rtf1\ansi\ansicpg1252 Hello, world.\par}`)
	for n := 0; n <= len(rtf); n++ {
		got, err := outlookmsg.DecompressRTF(msgtest.CompressRTF(rtf[:n]), 0)
		if err != nil || string(got) != string(rtf[:n]) {
			t.Fatalf("%d bytes: %q, %v", n, got, err)
		}
	}
	c := msgtest.CompressRTF(rtf)
	bad := append([]byte(nil), c...)
	bad[20] ^= 1
	if _, err := outlookmsg.DecompressRTF(bad, 0); !errors.Is(err, outlookmsg.ErrRTF) || !strings.Contains(err.Error(), "checksum") {
		t.Errorf("a flipped bit: %v", err)
	}
	if _, err := outlookmsg.DecompressRTF(c[:len(c)-3], 0); !errors.Is(err, outlookmsg.ErrRTF) {
		t.Errorf("cut short: %v", err)
	}
	if _, err := outlookmsg.DecompressRTF(c, 10); !errors.Is(err, outlookmsg.ErrRTF) || !strings.Contains(err.Error(), "grows past 10") {
		t.Errorf("output limit: %v", err)
	}
	// The uncompressed form ("MELA") carries the RTF as it is.
	mela := append([]byte{0, 0, 0, 0, 5, 0, 0, 0, 'M', 'E', 'L', 'A', 0, 0, 0, 0}, "{\\rtf}"...)
	mela[0] = byte(len(mela) - 4)
	if got, err := outlookmsg.DecompressRTF(mela, 0); err != nil || string(got) != "{\\rtf" {
		t.Errorf("MELA: %q, %v", got, err)
	}
	// The fixtures' compressed RTF checks out and starts as RTF.
	for _, f := range []string{"simple-sent.msg", "unsent-draft.msg", "rtf-with-attachment.msg"} {
		m, err := outlookmsg.Read(fixture(t, f), outlookmsg.DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(m.RTF), `{\rtf1`) {
			t.Errorf("%s: RTF starts %.20q", f, m.RTF)
		}
	}
}

func TestRTFText(t *testing.T) {
	tests := []struct {
		name, rtf, want string
		html            bool
	}{
		{"paragraphs and tables skipped", `{\rtf1\ansi{\fonttbl{\f0\fswiss Arial;}}{\colortbl;\red0\green0\blue0;}{\*\generator Riched20;}\f0 Line one\par Line two\line three\tab x\par}`,
			"Line one\nLine two\nthree\tx", false},
		{"Big5 bytes by \\ansicpg950", `{\rtf1\ansi\ansicpg950 \'b2\'d3\'ad\'4d\'aa\'76\'c0\'f8\par}`, "細胞治療", false},
		{"font charset 136 is Big5", `{\rtf1\ansi\ansicpg1252{\fonttbl{\f0\fnil\fcharset136 PMingLiU;}{\f1 Arial;}}\f1 A \f0\'a5\'d3\'bd\'d0\f1  B}`, "A 申請 B", false},
		{"GB2312 by font charset 134", `{\rtf1\ansi{\fonttbl{\f2\fcharset134 SimSun;}}\f2\'c9\'ea\'c7\'eb}`, "申请", false},
		{"unicode with fallbacks", `{\rtf1\ansi\uc1\u30003?\u35531?\uc2\u-30616\'aa\'ed ok}`, "申請表 ok", false},
		{"surrogate pair", `{\rtf1\ansi\u-10179?\u-8704?}`, "😀", false},
		{"ignorable destinations and fields", `{\rtf1{\*\unknowndest hidden}{\field{\*\fldinst HYPERLINK "http://x"}{\fldrslt link}} {\pict 0a0b}end\~nb\_x\-y}`,
			"link end\u00a0nb-xy", false},
		{"escaped braces and specials", `{\rtf1 \{a\}\\ \emdash\endash\bullet\lquote\rquote\ldblquote\rdblquote}`, "{a}\\ —–•‘’“”", false},
		{"\\bin skips its bytes", "{\\rtf1 a{\\*\\blipuid x}\\bin3 }}}b}", "ab", false},
		{"HTML de-encapsulated", `{\rtf1\ansi\ansicpg1252\fromhtml1 \deff0{\fonttbl{\f0\fswiss Arial;}}{\*\htmltag19 <html>}{\*\htmltag34 <head>}\htmlrtf {\f0 x}\htmlrtf0 {\*\htmltag50 <p>}Caf\'e9 \u30003?{\*\htmltag58 </p>}\par{\*\htmltag27 </html>}}`,
			"<html><head><p>Café 申</p>\r\n</html>", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, html := outlookmsg.RTFText([]byte(tc.rtf))
			if got != tc.want || html != tc.html {
				t.Errorf("RTFText = %q (html %v), want %q (html %v)", got, html, tc.want, tc.html)
			}
		})
	}
}

// big5Message is an ANSI message in code page 950 with an embedded message
// holding another: what a Traditional Chinese Outlook 2003 writes.
func big5Message(depth int) *msgtest.Message {
	s8 := func(id uint16, b string) msgtest.Prop {
		return msgtest.Prop{ID: id, Type: msgtest.String8, Val: []byte(b)}
	}
	m := &msgtest.Message{Props: []msgtest.Prop{
		{ID: 0x3FFD, Type: msgtest.Long, Val: 950},
		s8(0x001A, "IPM.Note"),
		s8(0x0037, "\xa5\xd3\xbd\xd0"),         // 申請
		s8(0x0C1A, "\xb3\xaf\xa4\x6a\xa4\xe5"), // 陳大文
		s8(0x0C1F, "chan.taiman@example.hk"),
		s8(0x0C1E, "SMTP"),
		s8(0x1000, "\xb2\xd3\xad\x4d\xaa\x76\xc0\xf8\r\n"), // 細胞治療
		{ID: 0x0039, Type: msgtest.SysTime, Val: utc("2026-01-06 01:15:00")},
		{ID: 0x0E06, Type: msgtest.SysTime, Val: utc("2026-01-06 01:15:09")},
	},
		Recipients: [][]msgtest.Prop{
			{s8(0x3001, "ATP RFI"), s8(0x3003, "atp-rfi@example.org"), s8(0x3002, "SMTP"), {ID: 0x0C15, Type: msgtest.Long, Val: 1}},
			{s8(0x3001, "\xa4\xfd\xaa\xda"), s8(0x3003, "/O=EXAMPLE/CN=RECIPIENTS/CN=LEE"), s8(0x3002, "EX"), s8(0x39FE, "lee@example.hk"), {ID: 0x0C15, Type: msgtest.Long, Val: 2}}, // 王芳
		},
		Attachments: []msgtest.Attachment{{Props: []msgtest.Prop{
			s8(0x3707, "\xa5\xd3\xbd\xd0\xaa\xed.pdf"), // 申請表.pdf
			s8(0x370E, "application/pdf"),
			{ID: 0x3705, Type: msgtest.Long, Val: 1},
			{ID: 0x3701, Type: msgtest.Binary, Val: []byte("%PDF-1.4 fictional")},
		}}},
	}
	if depth > 0 {
		m.Attachments = append(m.Attachments, msgtest.Attachment{
			Props:    []msgtest.Prop{s8(0x3001, "\xc2\xe0\xb1\x48")}, // 轉寄
			Embedded: big5Message(depth - 1),
		})
	}
	return m
}

func TestSynthetic(t *testing.T) {
	m, err := outlookmsg.Read(big5Message(2).Bytes(), outlookmsg.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	for level := 0; level <= 2; level++ {
		if m.Subject != "申請" || m.SenderName != "陳大文" || m.SenderEmail != "chan.taiman@example.hk" ||
			m.Body != "細胞治療\r\n" || m.CodePage != 950 || !m.SubmitTime.Equal(utc("2026-01-06 01:15:00")) {
			t.Errorf("level %d: %+v", level, m)
		}
		want := []outlookmsg.Recipient{{Type: outlookmsg.To, Name: "ATP RFI", Email: "atp-rfi@example.org"},
			{Type: outlookmsg.Cc, Name: "王芳", Email: "lee@example.hk"}}
		if len(m.Recipients) != 2 || m.Recipients[0] != want[0] || m.Recipients[1] != want[1] {
			t.Errorf("level %d recipients %+v", level, m.Recipients)
		}
		a := m.Attachments[0]
		if a.Name != "申請表.pdf" || a.ContentType != "application/pdf" || string(a.Data) != "%PDF-1.4 fictional" {
			t.Errorf("level %d attachment %+v", level, a)
		}
		if level < 2 {
			if len(m.Attachments) != 2 || m.Attachments[1].Name != "轉寄" || m.Attachments[1].Message == nil {
				t.Fatalf("level %d: no embedded message: %+v", level, m.Attachments)
			}
			m = m.Attachments[1].Message
		} else if len(m.Attachments) != 1 {
			t.Errorf("innermost has %d attachments", len(m.Attachments))
		}
	}

	var le *outlookmsg.LimitError
	if _, err := outlookmsg.Read(big5Message(3).Bytes(), outlookmsg.Limits{MaxDepth: 2, MaxAttachments: 50}); !errors.As(err, &le) || le.What == "attachments" {
		t.Errorf("3 levels with a limit of 2: %v", err)
	}
	if _, err := outlookmsg.Read(big5Message(3).Bytes(), outlookmsg.Limits{MaxDepth: 10, MaxAttachments: 5}); !errors.As(err, &le) || le.What != "attachments" {
		t.Errorf("7 attachments with a limit of 5: %v", err)
	}
	// A Compound File without message properties (say, an old Word file).
	doc := (&msgtest.Message{}).Bytes()
	doc = []byte(strings.Replace(string(doc), "_\x00_\x00p\x00r\x00o\x00p", "_\x00_\x00q\x00r\x00o\x00p", 1))
	if _, err := outlookmsg.Read(doc, outlookmsg.DefaultLimits); !errors.Is(err, outlookmsg.ErrNotMSG) {
		t.Errorf("a Compound File without properties: %v", err)
	}
	if _, err := outlookmsg.Read([]byte("From: x\r\n\r\nhello"), outlookmsg.DefaultLimits); !errors.Is(err, outlookmsg.ErrNotMSG) {
		t.Errorf("an email: %v", err)
	}
}

func TestCodePages(t *testing.T) {
	tests := []struct {
		cp   int
		in   string
		want string
	}{
		{950, "\xa5\xd3\xbd\xd0", "申請"},
		{936, "\xc9\xea\xc7\xeb", "申请"},
		{54936, "\x95\x34\xb2\x35", "𠮷"},
		{932, "\x90\x5c\x90\xbf", "申請"},
		{1252, "caf\xe9 \x93q\x94", "café “q”"},
		{20127, "caf\xe9", "café"},
		{65001, "caf\xc3\xa9", "café"},
		{1200, "\x33\x75", "申"},
		{99999, "caf\xe9", "café"},
	}
	for _, tc := range tests {
		if got := outlookmsg.DecodeCodePage(tc.cp, []byte(tc.in)); got != tc.want {
			t.Errorf("code page %d: %q, want %q", tc.cp, got, tc.want)
		}
	}
}
