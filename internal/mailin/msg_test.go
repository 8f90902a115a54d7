package mailin_test

import (
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"atpreg/internal/mailin"
	"atpreg/internal/outlookmsg"
	"atpreg/internal/outlookmsg/msgtest"
)

func TestReadMSGFixtures(t *testing.T) {
	tests := []struct {
		file    string
		from    []mailin.Address
		to      []mailin.Address
		subject string
		date    time.Time
		id      string
		text    string // its start
		atts    []string
	}{
		{file: "simple-sent.msg", from: []mailin.Address{{Name: "John Doe", Email: "jdoes@someserver.com"}},
			to:      []mailin.Address{{Email: "sales@bitdaddys.com"}},
			subject: "(outlookEMLandMSGconverter Trial Version Import) BitDaddys Software",
			date:    hkt("2006-08-12 14:25:25 -0400"),
			text:    "Dear BitDaddys Corp.,\n\nWe have added your software to our approved list.\n\nThank you for your efforts,\nSincerely,\nJohn Doe\nSome Server Company"},
		{file: "unsent-draft.msg", to: []mailin.Address{{Email: "time2talk@online-convert.com"}}, subject: "MSG Test File",
			text: "MSG test file\nPurpose: Provide example of this file type\nDocument file type: MSG\nVersion: 1.0"},
		{file: "rtf-with-attachment.msg", from: []mailin.Address{{Name: "Wilson, Chris", Email: "Chris.Wilson@leeds.gov.uk"}},
			to:      []mailin.Address{{Name: "Wilson, Chris", Email: "Chris.Wilson@leeds.gov.uk"}},
			subject: "RtfSampleEmailWithAttachment", date: hkt("2017-10-23 10:05:21 +0100"),
			id:   "6BA412B7BBD2FD42861293C22F31BF8F1AECABFB@pifmbx04.Leeds.gov.uk",
			text: "This is a sample RTF email with an attachment\n\n________________________________\nChris Wilson\n",
			atts: []string{"SampleAttachment.pdf"}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			data, err := os.ReadFile("../outlookmsg/testdata/" + tc.file)
			if err != nil {
				t.Fatal(err)
			}
			if k := mailin.Detect(tc.file, data); k != mailin.KindMSG {
				t.Errorf("Detect = %s", k)
			}
			m, err := mailin.Read(tc.file, data)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(m.From, tc.from) || !reflect.DeepEqual(m.To, tc.to) || m.Cc != nil {
				t.Errorf("From %+v To %+v Cc %+v", m.From, m.To, m.Cc)
			}
			if m.Subject != tc.subject || !m.Date.Equal(tc.date) || m.MessageID != tc.id {
				t.Errorf("Subject %q Date %v MessageID %q", m.Subject, m.Date, m.MessageID)
			}
			if !strings.HasPrefix(m.Text, tc.text) {
				t.Errorf("Text starts %.120q, want %q", m.Text, tc.text)
			}
			if !reflect.DeepEqual(names(m), tc.atts) {
				t.Errorf("attachments %q, want %q", names(m), tc.atts)
			}
			for _, a := range m.Attachments {
				if a.ContentType != "application/pdf" || len(a.Data) != 169480 {
					t.Errorf("attachment %s %s %d bytes", a.Name, a.ContentType, len(a.Data))
				}
			}
		})
	}
}

// TestMSGBodies checks the choice of body: the plain body, else the HTML
// body as text, else the RTF body as text (plain RTF, or HTML encapsulated
// in RTF), and that each of the fixtures' RTF bodies reads like its plain body.
func TestMSGBodies(t *testing.T) {
	base := func(extra ...msgtest.Prop) []byte {
		m := &msgtest.Message{Props: append([]msgtest.Prop{
			{ID: 0x0037, Type: msgtest.Unicode, Val: "RTF only"},
			{ID: 0x3FDE, Type: msgtest.Long, Val: 65001},
		}, extra...)}
		return m.Bytes()
	}
	rtf := msgtest.CompressRTF([]byte(`{\rtf1\ansi\ansicpg950{\fonttbl{\f0\fnil\fcharset136 PMingLiU;}}\f0 \'a5\'d3\'bd\'d0\'aa\'ed\'a4\'77\'aa\'fe\'a4\'57\'a1\'43\par Chan Tai Man\par}`))
	fromHTML := msgtest.CompressRTF([]byte(`{\rtf1\ansi\fromhtml1 {\*\htmltag19 <html>}{\*\htmltag50 <body><p>}Form attached.{\*\htmltag58 </p><p>}Thanks{\*\htmltag58 </p></body></html>}}`))
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"RTF only", base(msgtest.Prop{ID: 0x1009, Type: msgtest.Binary, Val: rtf}), "申請表已附上。\nChan Tai Man"},
		{"HTML in RTF only", base(msgtest.Prop{ID: 0x1009, Type: msgtest.Binary, Val: fromHTML}), "Form attached.\n\nThanks"},
		{"HTML only", base(msgtest.Prop{ID: 0x1013, Type: msgtest.Binary, Val: []byte("<p>\xe7\x94\xb3\xe8\xab\x8b</p><p>two</p>")},
			msgtest.Prop{ID: 0x1009, Type: msgtest.Binary, Val: rtf}), "申請\n\ntwo"},
		{"plain first", base(msgtest.Prop{ID: 0x1000, Type: msgtest.Unicode, Val: "Plain.\r\n"},
			msgtest.Prop{ID: 0x1013, Type: msgtest.Binary, Val: []byte("<p>HTML</p>")}), "Plain."},
	}
	for _, tc := range tests {
		m, err := mailin.ReadMSG("b.msg", tc.data)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if m.Text != tc.want {
			t.Errorf("%s: Text %q, want %q", tc.name, m.Text, tc.want)
		}
	}
	// The fixtures have both bodies: the RTF one, as text, says what the plain one does.
	for _, f := range []string{"simple-sent.msg", "unsent-draft.msg", "rtf-with-attachment.msg"} {
		data, _ := os.ReadFile("../outlookmsg/testdata/" + f)
		om, err := outlookmsg.Read(data, outlookmsg.DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		text, isHTML := outlookmsg.RTFText(om.RTF)
		if isHTML {
			text = mailin.HTMLText(text)
		}
		if got, want := words(text), words(stripLinks(om.Body)); got != want {
			t.Errorf("%s: RTF body reads\n%q\nplain body\n%q", f, got, want)
		}
	}
}

// words is the text's words joined by one space.
func words(s string) string { return strings.Join(strings.Fields(s), " ") }

// stripLinks drops the " <http...>" that Outlook adds after links in a plain body.
func stripLinks(s string) string {
	for {
		i := strings.Index(s, "<http")
		if i < 0 {
			return s
		}
		j := strings.IndexByte(s[i:], '>')
		if j < 0 {
			return s
		}
		s = s[:i] + s[i+j+1:]
	}
}

// syntheticMSGs are .msg files the fuzz test starts from besides the real ones.
func syntheticMSGs(tb testing.TB) [][]byte {
	embedded := &msgtest.Message{
		Props: []msgtest.Prop{
			{ID: 0x0037, Type: msgtest.Unicode, Val: "申請表格"},
			{ID: 0x0C1A, Type: msgtest.Unicode, Val: "陳大文"},
			{ID: 0x5D01, Type: msgtest.Unicode, Val: "chan.taiman@example.hk"},
			{ID: 0x1000, Type: msgtest.Unicode, Val: "附上表格。"},
			{ID: 0x0039, Type: msgtest.SysTime, Val: time.Date(2026, 1, 5, 10, 0, 0, 0, time.UTC)},
		},
		Attachments: []msgtest.Attachment{{Props: []msgtest.Prop{
			{ID: 0x3707, Type: msgtest.Unicode, Val: "申請表.pdf"},
			{ID: 0x3701, Type: msgtest.Binary, Val: []byte(pdfBytes)},
		}}},
	}
	outer := &msgtest.Message{
		Props: []msgtest.Prop{
			{ID: 0x0037, Type: msgtest.Unicode, Val: "FW: 申請表格"},
			{ID: 0x0C1A, Type: msgtest.Unicode, Val: "Ho Ka Yan"},
			{ID: 0x5D01, Type: msgtest.Unicode, Val: "ky.ho@example.hk"},
			{ID: 0x1000, Type: msgtest.Unicode, Val: "Forwarded below."},
			{ID: 0x1035, Type: msgtest.Unicode, Val: "<fw.1@example.hk>"},
			{ID: 0x007D, Type: msgtest.Unicode, Val: "From: =?big5?B?pvO5xapZ?= <ky.ho@example.hk>\r\nDate: Tue, 6 Jan 2026 09:00:00 +0800\r\n"},
		},
		Recipients: [][]msgtest.Prop{{{ID: 0x3001, Type: msgtest.Unicode, Val: "ATP RFI"}, {ID: 0x39FE, Type: msgtest.Unicode, Val: "atp-rfi@example.org"}, {ID: 0x0C15, Type: msgtest.Long, Val: 1}}},
		Attachments: []msgtest.Attachment{
			{Props: []msgtest.Prop{{ID: 0x3001, Type: msgtest.Unicode, Val: "申請表格"}}, Embedded: embedded},
			{Props: []msgtest.Prop{{ID: 0x3707, Type: msgtest.Unicode, Val: "note.eml"}, {ID: 0x3701, Type: msgtest.Binary, Val: []byte(mbox())}}},
		},
	}
	return [][]byte{outer.Bytes(), embedded.Bytes()}
}

func TestReadMSGEmbedded(t *testing.T) {
	m, err := mailin.ReadMSG("fw.msg", syntheticMSGs(t)[0])
	if err != nil {
		t.Fatal(err)
	}
	// The transport headers' From and Date win over the sender properties.
	if !reflect.DeepEqual(m.From, []mailin.Address{{Name: "何嘉欣", Email: "ky.ho@example.hk"}}) ||
		!m.Date.Equal(hkt("2026-01-06 09:00:00 +0800")) || m.MessageID != "fw.1@example.hk" ||
		!reflect.DeepEqual(m.To, []mailin.Address{{Name: "ATP RFI", Email: "atp-rfi@example.org"}}) {
		t.Errorf("outer %+v", m)
	}
	if len(m.Attachments) != 2 {
		t.Fatalf("attachments %q", names(m))
	}
	a := m.Attachments[0]
	if a.Name != "申請表格.eml" || a.ContentType != "message/rfc822" || a.Message == nil {
		t.Fatalf("embedded %q %s", a.Name, a.ContentType)
	}
	in := a.Message
	if in.Subject != "申請表格" || in.Text != "附上表格。" || !in.Date.Equal(time.Date(2026, 1, 5, 10, 0, 0, 0, time.UTC)) ||
		!reflect.DeepEqual(in.From, []mailin.Address{{Name: "陳大文", Email: "chan.taiman@example.hk"}}) ||
		len(in.Attachments) != 1 || in.Attachments[0].Name != "申請表.pdf" || string(in.Attachments[0].Data) != pdfBytes ||
		in.Attachments[0].ContentType != "application/pdf" {
		t.Errorf("embedded message %+v", in)
	}
	// An embedded message has no file of its own: it is kept as an .eml that
	// reads back as the same message, and that Python reads too.
	back, err := mailin.ReadEML(a.Name, a.Data)
	if err != nil {
		t.Fatal(err)
	}
	if !back.Date.Equal(in.Date) {
		t.Errorf("the written .eml's date %v, not %v", back.Date, in.Date)
	}
	back.Date, in.Date = time.Time{}, time.Time{}
	if !reflect.DeepEqual(back, in) {
		t.Errorf("the written .eml reads back as\n%+v\nnot\n%+v", back, in)
	}
	py := pythonRead(t, a.Data)[0]
	if py.Subject != "申請表格" || py.Plain != "附上表格。" || !reflect.DeepEqual(py.Filenames, []string{"申請表.pdf"}) {
		t.Errorf("Python reads the written .eml as %+v", py)
	}
	if n := m.Attachments[1]; n.Name != "note.eml" || n.ContentType != "message/rfc822" || n.Message == nil || n.Message.Subject != "from an mbox export" {
		t.Errorf("attached .eml file %+v", n)
	}
}
