package mailin_test

import (
	"fmt"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"atpreg/internal/mailin"
)

// The emails below are fictional, written the way Hong Kong and mainland
// mail programs write them (Outlook, Outlook Express, Foxmail, webmail).

func bigBody(t testing.TB) string {
	return big5(t, "您好，\r\n\r\n附上本公司的細胞治療產品資料，請查收。\r\n\r\n陳大文\r\n港島生物科技有限公司\r\n")
}

// hkBig5 is a plain Big5 email, subject and sender name in RFC 2047 B words.
func hkBig5(t testing.TB) string {
	return crlf(
		"From: "+word("big5", big5(t, "陳大文"))+" <chan.taiman@example.hk>",
		`To: "ATP RFI" <atp-rfi@example.org>`,
		"Subject: "+word("big5", big5(t, "回覆：先進療法產品資料徵集")),
		"Date: Tue, 6 Jan 2026 09:15:00 +0800 (HKT)",
		"Message-ID: <20260106091500.1234@mail.example.hk>",
		"MIME-Version: 1.0",
		`Content-Type: text/plain; charset="big5"`,
		"Content-Transfer-Encoding: base64",
		"",
		b64(bigBody(t)),
		"")
}

// gbMail is GB18030 throughout: a Q-encoded subject, a GB2312-labelled name and
// an 8-bit body with a character only GB18030 (not GBK) has.
func gbMail(t testing.TB) string {
	return crlf(
		"From: "+word("gb2312", enc(t, gbkEnc, "李娜"))+" <li.na@example.cn>",
		"To: atp-rfi@example.org",
		"Cc: "+word("GB18030", gb18030(t, "王芳"))+" <wang.fang@example.cn>, zhang.wei@example.cn",
		"Subject: "+qword("GB18030", gb18030(t, "关于先进疗法产品的回复")),
		"Date: Wed, 7 Jan 2026 16:40:12 +0800",
		"Message-ID: <GB.20260107@example.cn>",
		"X-Mailer: Foxmail 7.2",
		"MIME-Version: 1.0",
		"Content-Type: text/plain; charset=GB18030",
		"Content-Transfer-Encoding: 8bit",
		"",
		gb18030(t, "您好！\r\n附件是我们的基因治疗产品资料。𠮷\r\n"),
		"")
}

const pdfBytes = "%PDF-1.4\n% fictional form\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"

// filenames: RFC 2231 names in UTF-8 (one in three continuations), in Big5,
// and RFC 2047 words inside quoted names, as Foxmail writes them.
func filenames(t testing.TB) string {
	long := "細胞治療產品資料徵集表格"
	p := pct(long)
	cut := strings.LastIndex(p[:len(p)/2], "%")
	return crlf(
		`From: "Ho Ka Yan" <ky.ho@example.hk>`,
		"To: atp-rfi@example.org",
		"Subject: RFI forms",
		"Date: Thu, 8 Jan 2026 11:00:00 +0800",
		"MIME-Version: 1.0",
		`Content-Type: multipart/mixed; boundary="==b1=="`,
		"",
		"This is a multi-part message in MIME format.",
		"--==b1==",
		"Content-Type: text/plain; charset=utf-8",
		"Content-Transfer-Encoding: quoted-printable",
		"",
		"=E8=AB=8B=E5=8F=83=E9=96=B1=E9=99=84=E4=BB=B6=E3=80=82 Please see the attached f=",
		"orms.",
		"--==b1==",
		"Content-Type: application/pdf",
		"Content-Transfer-Encoding: base64",
		"Content-Disposition: attachment; filename*=UTF-8''"+pct("申請表.pdf"),
		"",
		b64(pdfBytes),
		"--==b1==",
		"Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document",
		"Content-Transfer-Encoding: base64",
		"Content-Disposition: attachment;",
		"\tfilename*0*=UTF-8''"+p[:cut]+";",
		"\tfilename*1*="+p[cut:]+";",
		`	filename*2="_v2.docx"`,
		"",
		b64("PK fictional docx"),
		"--==b1==",
		"Content-Type: application/vnd.ms-excel",
		"Content-Transfer-Encoding: base64",
		"Content-Disposition: attachment; filename*=big5'zh-HK'"+pct(big5(t, "產品目錄.xls")),
		"",
		b64("fictional xls"),
		"--==b1==",
		`Content-Type: image/jpeg; name="`+word("gb18030", gb18030(t, "实验室照片.jpg"))+`"`,
		"Content-Transfer-Encoding: base64",
		`Content-Disposition: attachment; filename="`+word("gb18030", gb18030(t, "实验室照片.jpg"))+`"`,
		"",
		b64("\xff\xd8\xff\xe0 fictional jpeg"),
		"--==b1==--",
		"")
}

// inner is the forwarded email: a Big5 text and a PDF.
func inner(t testing.TB) string {
	return crlf(
		"From: "+word("big5", big5(t, "陳大文"))+" <chan.taiman@example.hk>",
		"To: ky.ho@example.hk",
		"Subject: "+word("big5", big5(t, "細胞治療產品資料")),
		"Date: Mon, 5 Jan 2026 18:02:33 +0800",
		"Message-ID: <inner.1@mail.example.hk>",
		"MIME-Version: 1.0",
		`Content-Type: multipart/mixed; boundary="in-1"`,
		"",
		"--in-1",
		"Content-Type: text/plain; charset=big5",
		"Content-Transfer-Encoding: base64",
		"",
		b64(big5(t, "產品簡介見附件。")),
		"--in-1",
		`Content-Type: application/pdf; name="brochure.pdf"`,
		"Content-Disposition: attachment; filename=brochure.pdf",
		"Content-Transfer-Encoding: base64",
		"",
		b64(pdfBytes),
		"--in-1--",
		"")
}

// forwarded is an email forwarded as an attachment (message/rfc822).
func forwarded(t testing.TB) string {
	return crlf(
		`From: "Ho Ka Yan" <ky.ho@example.hk>`,
		"To: atp-rfi@example.org",
		"Subject: Fwd: "+word("big5", big5(t, "細胞治療產品資料")),
		"Date: Tue, 6 Jan 2026 08:00:00 +0800",
		"Message-ID: <fwd.1@example.hk>",
		"MIME-Version: 1.0",
		`Content-Type: multipart/mixed; boundary="out-1"`,
		"",
		"--out-1",
		"Content-Type: text/plain; charset=us-ascii",
		"",
		"FYI, see the forwarded email below.",
		"--out-1",
		"Content-Type: message/rfc822",
		"Content-Disposition: inline",
		"",
		inner(t),
		"--out-1--",
		"")
}

// htmlOnly is a multipart/alternative with only its HTML alternative.
func htmlOnly() string {
	return crlf(
		"From: info@example.hk",
		"To: atp-rfi@example.org",
		"Subject: =?UTF-8?Q?HTML_only_=E2=80=93_=E7=94=A2=E5=93=81?=",
		"Date: Fri, 9 Jan 2026 10:00:00 +0800",
		"MIME-Version: 1.0",
		`Content-Type: multipart/alternative; boundary="alt"`,
		"",
		"--alt",
		`Content-Type: text/html; charset="utf-8"`,
		"Content-Transfer-Encoding: quoted-printable",
		"",
		"<html><head><title>ignored</title><style>p{color:red}</style></head><body>",
		"<p>Dear Officer,</p><p>Our product&nbsp;list:<br>",
		"</p><ul><li>CAR-T &amp; TCR</li><li>=E5=B9=B9=E7=B4=B0=E8=83=9E</li></ul>",
		"<table><tr><td>Stage</td><td>Phase I</td></tr></table>",
		"<div>Regards,<br>Lam</div></body></html>",
		"--alt--",
		"")
}

// outlookStyle is what Outlook writes when it does not use winmail.dat:
// mixed > related > alternative (Big5 plain and HTML), an inline picture and
// a PDF whose Content-Disposition carries dates with commas in quotes.
func outlookStyle(t testing.TB) string {
	return crlf(
		`From: "Wong, Siu Ming" <smwong@example.hk>`,
		`To: "ATP RFI" <atp-rfi@example.org>, "Lee Mei Ling" <ml.lee@example.hk>`,
		`CC: "Tse, Wing" <w.tse@example.hk>`,
		"Subject: "+word("big5", big5(t, "先進療法產品資料徵集 - 回覆")),
		"Thread-Topic: "+word("big5", big5(t, "先進療法產品資料徵集 - 回覆")),
		"Thread-Index: AdqDkJ2Fz8lq0Xb6SmKyp1t9V7c4Lw==",
		"Date: Mon, 12 Jan 2026 02:03:04 +0000",
		"Message-ID: <HK0PR01MB1234ABCD@HK0PR01MB1234.apcprd01.prod.example.com>",
		"Accept-Language: zh-HK, en-US",
		"Content-Language: zh-HK",
		"X-MS-Has-Attach: yes",
		"X-MS-TNEF-Correlator:",
		`Content-Type: multipart/mixed;`,
		`	boundary="_004_HK0PR01MB1234_"`,
		"MIME-Version: 1.0",
		"",
		"--_004_HK0PR01MB1234_",
		`Content-Type: multipart/related;`,
		`	boundary="_003_HK0PR01MB1234_";`,
		`	type="multipart/alternative"`,
		"",
		"--_003_HK0PR01MB1234_",
		`Content-Type: multipart/alternative;`,
		`	boundary="_000_HK0PR01MB1234_"`,
		"",
		"--_000_HK0PR01MB1234_",
		`Content-Type: text/plain; charset="big5"`,
		"Content-Transfer-Encoding: base64",
		"",
		b64(big5(t, "各位好：\r\n\r\n填妥的表格已附上。\r\n\r\n黃小明\r\n")),
		"",
		"--_000_HK0PR01MB1234_",
		`Content-Type: text/html; charset="big5"`,
		"Content-Transfer-Encoding: base64",
		"",
		b64(big5(t, "<html><body><p>各位好：</p><p>填妥的表格已附上。</p><img src=\"cid:image001.png@01DA4521.3C2B1A40\"><p>黃小明</p></body></html>")),
		"",
		"--_000_HK0PR01MB1234_--",
		"",
		"--_003_HK0PR01MB1234_",
		`Content-Type: image/png; name="image001.png"`,
		`Content-Description: image001.png`,
		`Content-Disposition: inline; filename="image001.png"; size=12;`,
		`	creation-date="Mon, 12 Jan 2026 02:03:04 GMT";`,
		`	modification-date="Mon, 12 Jan 2026 02:03:04 GMT"`,
		"Content-ID: <image001.png@01DA4521.3C2B1A40>",
		"Content-Transfer-Encoding: base64",
		"",
		b64("\x89PNG\r\n\x1a\nfake"),
		"",
		"--_003_HK0PR01MB1234_--",
		"",
		"--_004_HK0PR01MB1234_",
		`Content-Type: application/pdf; name="ATP RFI form (completed).pdf"`,
		`Content-Description: ATP RFI form (completed).pdf`,
		`Content-Disposition: attachment;`,
		`	filename="ATP RFI form (completed).pdf"; size=68;`,
		`	creation-date="Mon, 12 Jan 2026 02:01:00 GMT";`,
		`	modification-date="Mon, 12 Jan 2026 02:01:00 GMT"`,
		"Content-Transfer-Encoding: base64",
		"",
		b64(pdfBytes),
		"",
		"--_004_HK0PR01MB1234_--",
		"")
}

// nest wraps an email in another as a forwarded attachment.
func nest(level int, innerMail string) string {
	n := strconv.Itoa(level)
	return crlf(
		"From: level"+n+"@example.hk",
		"To: atp-rfi@example.org",
		"Subject: Level "+n,
		"Date: Tue, 13 Jan 2026 10:"+fmt.Sprintf("%02d", level)+":00 +0800",
		"MIME-Version: 1.0",
		`Content-Type: multipart/mixed; boundary="lv`+n+`"`,
		"",
		"--lv"+n,
		"Content-Type: text/plain",
		"",
		"Body of level "+n+".",
		"--lv"+n,
		"Content-Type: message/rfc822",
		"",
		innerMail,
		"--lv"+n+"--",
		"")
}

func deepest() string {
	return crlf(
		"From: deep@example.hk",
		"To: atp-rfi@example.org",
		"Subject: The original",
		"Date: Mon, 12 Jan 2026 09:00:00 +0800",
		"MIME-Version: 1.0",
		`Content-Type: multipart/mixed; boundary="d"`,
		"",
		"--d",
		"Content-Type: text/plain; charset=utf-8",
		"",
		"The first email of the thread.",
		"--d",
		"Content-Type: text/plain; charset=utf-8",
		"Content-Disposition: attachment; filename=deep.txt",
		"",
		"notes",
		"--d--",
		"")
}

func latinJapanese(t testing.TB) string {
	return crlf(
		"From: =?ISO-8859-1?Q?Ren=E9e_M=FCller?= <renee@example.ch>",
		"To: atp-rfi@example.org",
		"Subject: =?ISO-8859-1?Q?Caf=E9?= =?shift_jis?B?"+b64(shiftJIS(t, "細胞治療"))+"?=",
		"Date: 14 Jan 2026 12:00:00 +0100",
		"MIME-Version: 1.0",
		`Content-Type: multipart/mixed; boundary="x"`,
		"",
		"--x",
		"Content-Type: text/plain; charset=windows-1252",
		"Content-Transfer-Encoding: quoted-printable",
		"",
		"=93Quoted=94 na=EFve text=85",
		"--x",
		"Content-Type: text/plain; charset=Shift_JIS",
		"Content-Transfer-Encoding: base64",
		"",
		b64(shiftJIS(t, "日本語の本文です。")),
		"--x--",
		"")
}

// raw8bit has Big5 bytes straight in its headers, as old mail programs
// sent them, read in the charset the body declares.
func raw8bit(t testing.TB) string {
	return crlf(
		"From: "+big5(t, "張家明")+" <kmcheung@example.hk>",
		"To: atp-rfi@example.org",
		"Subject: "+big5(t, "查詢：產品登記"),
		"Date: Thu, 15 Jan 2026 14:30:00 +0800",
		"Content-Type: text/plain; charset=big5",
		"",
		big5(t, "請問登記程序。"),
		"")
}

// attachedFiles has an .eml and an Outlook .msg attached as files.
func attachedFiles(t testing.TB) string {
	msg, err := os.ReadFile("../outlookmsg/testdata/simple-sent.msg")
	if err != nil {
		t.Fatal(err)
	}
	return crlf(
		"From: ky.ho@example.hk",
		"To: atp-rfi@example.org",
		"Subject: Two emails attached",
		"Date: Fri, 16 Jan 2026 09:00:00 +0800",
		"MIME-Version: 1.0",
		`Content-Type: multipart/mixed; boundary="f"`,
		"",
		"--f",
		"Content-Type: text/plain",
		"",
		"Both emails are attached.",
		"--f",
		"Content-Type: application/octet-stream",
		"Content-Disposition: attachment; filename*=UTF-8''"+pct("轉寄.eml"),
		"Content-Transfer-Encoding: base64",
		"",
		b64(hkBig5(t)),
		"--f",
		`Content-Type: application/vnd.ms-outlook; name="simple sent.msg"`,
		`Content-Disposition: attachment; filename="simple sent.msg"`,
		"Content-Transfer-Encoding: base64",
		"",
		b64(string(msg)),
		"--f--",
		"")
}

func mbox() string {
	return crlf(
		"From chan.taiman@example.hk Tue Jan  6 09:15:00 2026",
		"Return-Path: <chan.taiman@example.hk>",
		"From: chan.taiman@example.hk",
		"Subject: from an mbox export",
		"Date: Tue, 6 Jan 2026 09:15:00 +0800",
		"",
		"Hello.",
		"")
}

func hkt(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04:05 -0700", s)
	if err != nil {
		panic(err)
	}
	return t
}

type wantAtt struct {
	name, ctype, data string
	subject           string // the attached email's subject, when it is one
}

func TestReadEML(t *testing.T) {
	tests := []struct {
		name    string
		mail    func(testing.TB) string
		from    []mailin.Address
		to      []mailin.Address
		cc      []mailin.Address
		subject string
		date    time.Time
		id      string
		text    string
		atts    []wantAtt
		python  bool // cross-check subject, file names and plain body with Python's email package
	}{
		{name: "Big5 B words and base64 body", mail: hkBig5,
			from:    []mailin.Address{{Name: "陳大文", Email: "chan.taiman@example.hk"}},
			to:      []mailin.Address{{Name: "ATP RFI", Email: "atp-rfi@example.org"}},
			subject: "回覆：先進療法產品資料徵集", date: hkt("2026-01-06 09:15:00 +0800"),
			id:   "20260106091500.1234@mail.example.hk",
			text: "您好，\n\n附上本公司的細胞治療產品資料，請查收。\n\n陳大文\n港島生物科技有限公司", python: true},
		{name: "GB18030 Q subject and 8-bit body", mail: gbMail,
			from:    []mailin.Address{{Name: "李娜", Email: "li.na@example.cn"}},
			to:      []mailin.Address{{Email: "atp-rfi@example.org"}},
			cc:      []mailin.Address{{Name: "王芳", Email: "wang.fang@example.cn"}, {Email: "zhang.wei@example.cn"}},
			subject: "关于先进疗法产品的回复", date: hkt("2026-01-07 16:40:12 +0800"), id: "GB.20260107@example.cn",
			text: "您好！\n附件是我们的基因治疗产品资料。𠮷", python: true},
		{name: "RFC 2231 and RFC 2047 file names", mail: filenames,
			from:    []mailin.Address{{Name: "Ho Ka Yan", Email: "ky.ho@example.hk"}},
			to:      []mailin.Address{{Email: "atp-rfi@example.org"}},
			subject: "RFI forms", date: hkt("2026-01-08 11:00:00 +0800"),
			text: "請參閱附件。 Please see the attached forms.",
			atts: []wantAtt{
				{name: "申請表.pdf", ctype: "application/pdf", data: pdfBytes},
				{name: "細胞治療產品資料徵集表格_v2.docx", ctype: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", data: "PK fictional docx"},
				{name: "產品目錄.xls", ctype: "application/vnd.ms-excel", data: "fictional xls"},
				{name: "实验室照片.jpg", ctype: "image/jpeg", data: "\xff\xd8\xff\xe0 fictional jpeg"},
			}, python: true},
		{name: "forwarded as message/rfc822 with its own attachment", mail: forwarded,
			from:    []mailin.Address{{Name: "Ho Ka Yan", Email: "ky.ho@example.hk"}},
			to:      []mailin.Address{{Email: "atp-rfi@example.org"}},
			subject: "Fwd: 細胞治療產品資料", date: hkt("2026-01-06 08:00:00 +0800"), id: "fwd.1@example.hk",
			text:   "FYI, see the forwarded email below.",
			atts:   []wantAtt{{name: "細胞治療產品資料.eml", ctype: "message/rfc822", subject: "細胞治療產品資料"}},
			python: true},
		{name: "multipart/alternative with only HTML", mail: func(testing.TB) string { return htmlOnly() },
			from: []mailin.Address{{Email: "info@example.hk"}}, to: []mailin.Address{{Email: "atp-rfi@example.org"}},
			subject: "HTML only – 產品", date: hkt("2026-01-09 10:00:00 +0800"),
			text: "Dear Officer,\n\nOur product\u00a0list:\n\n• CAR-T & TCR\n• 幹細胞\n\nStage\tPhase I\n\nRegards,\nLam", python: true},
		{name: "Outlook style without winmail.dat", mail: outlookStyle,
			from:    []mailin.Address{{Name: "Wong, Siu Ming", Email: "smwong@example.hk"}},
			to:      []mailin.Address{{Name: "ATP RFI", Email: "atp-rfi@example.org"}, {Name: "Lee Mei Ling", Email: "ml.lee@example.hk"}},
			cc:      []mailin.Address{{Name: "Tse, Wing", Email: "w.tse@example.hk"}},
			subject: "先進療法產品資料徵集 - 回覆", date: hkt("2026-01-12 02:03:04 +0000"),
			id:   "HK0PR01MB1234ABCD@HK0PR01MB1234.apcprd01.prod.example.com",
			text: "各位好：\n\n填妥的表格已附上。\n\n黃小明",
			atts: []wantAtt{
				{name: "image001.png", ctype: "image/png", data: "\x89PNG\r\n\x1a\nfake"},
				{name: "ATP RFI form (completed).pdf", ctype: "application/pdf", data: pdfBytes},
			}, python: true},
		{name: "three levels of forwarded emails", mail: func(testing.TB) string { return nest(1, nest(2, nest(3, deepest()))) },
			from: []mailin.Address{{Email: "level1@example.hk"}}, to: []mailin.Address{{Email: "atp-rfi@example.org"}},
			subject: "Level 1", date: hkt("2026-01-13 10:01:00 +0800"), text: "Body of level 1.",
			atts: []wantAtt{{name: "Level 2.eml", ctype: "message/rfc822", subject: "Level 2"}}, python: true},
		{name: "ISO-8859-1, Windows-1252 and Shift_JIS", mail: latinJapanese,
			from: []mailin.Address{{Name: "Renée Müller", Email: "renee@example.ch"}}, to: []mailin.Address{{Email: "atp-rfi@example.org"}},
			subject: "Café細胞治療", date: hkt("2026-01-14 12:00:00 +0100"),
			text: "\u201cQuoted\u201d naïve text\u2026\n\n日本語の本文です。", python: true},
		{name: "raw Big5 bytes in headers", mail: raw8bit,
			from: []mailin.Address{{Name: "張家明", Email: "kmcheung@example.hk"}}, to: []mailin.Address{{Email: "atp-rfi@example.org"}},
			subject: "查詢：產品登記", date: hkt("2026-01-15 14:30:00 +0800"), text: "請問登記程序。"},
		{name: "attached .eml and .msg files", mail: attachedFiles,
			from: []mailin.Address{{Email: "ky.ho@example.hk"}}, to: []mailin.Address{{Email: "atp-rfi@example.org"}},
			subject: "Two emails attached", date: hkt("2026-01-16 09:00:00 +0800"), text: "Both emails are attached.",
			atts: []wantAtt{
				{name: "轉寄.eml", ctype: "message/rfc822", subject: "回覆：先進療法產品資料徵集"},
				{name: "simple sent.msg", ctype: "application/vnd.ms-outlook", subject: "(outlookEMLandMSGconverter Trial Version Import) BitDaddys Software"},
			}, python: true},
		{name: "mbox From line", mail: func(testing.TB) string { return mbox() },
			from: []mailin.Address{{Email: "chan.taiman@example.hk"}}, subject: "from an mbox export",
			date: hkt("2026-01-06 09:15:00 +0800"), text: "Hello."},
	}
	var pyIn [][]byte
	for _, tc := range tests {
		if tc.python {
			pyIn = append(pyIn, []byte(tc.mail(t)))
		}
	}
	pyOut := pythonRead(t, pyIn...)
	for _, tc := range tests {
		var py pyView
		if tc.python {
			py, pyOut = pyOut[0], pyOut[1:]
		}
		t.Run(tc.name, func(t *testing.T) {
			data := []byte(tc.mail(t))
			m, err := mailin.ReadEML("test.eml", data)
			if err != nil {
				t.Fatalf("ReadEML: %v", err)
			}
			if !reflect.DeepEqual(m.From, tc.from) {
				t.Errorf("From = %+v, want %+v", m.From, tc.from)
			}
			if !reflect.DeepEqual(m.To, tc.to) {
				t.Errorf("To = %+v, want %+v", m.To, tc.to)
			}
			if !reflect.DeepEqual(m.Cc, tc.cc) {
				t.Errorf("Cc = %+v, want %+v", m.Cc, tc.cc)
			}
			if m.Subject != tc.subject {
				t.Errorf("Subject = %q, want %q", m.Subject, tc.subject)
			}
			if !m.Date.Equal(tc.date) {
				t.Errorf("Date = %v, want %v", m.Date, tc.date)
			}
			if m.MessageID != tc.id {
				t.Errorf("MessageID = %q, want %q", m.MessageID, tc.id)
			}
			if m.Text != tc.text {
				t.Errorf("Text = %q, want %q", m.Text, tc.text)
			}
			if len(m.Attachments) != len(tc.atts) {
				t.Fatalf("%d attachments, want %d: %+v", len(m.Attachments), len(tc.atts), names(m))
			}
			for i, w := range tc.atts {
				a := m.Attachments[i]
				if a.Name != w.name || a.ContentType != w.ctype {
					t.Errorf("attachment %d = %q (%s), want %q (%s)", i, a.Name, a.ContentType, w.name, w.ctype)
				}
				if w.data != "" && string(a.Data) != w.data {
					t.Errorf("attachment %d data = %q, want %q", i, a.Data, w.data)
				}
				if (a.Message != nil) != (w.subject != "") {
					t.Errorf("attachment %d: Message = %v, want an email: %v", i, a.Message != nil, w.subject != "")
				} else if a.Message != nil && a.Message.Subject != w.subject {
					t.Errorf("attachment %d: attached email's subject %q, want %q", i, a.Message.Subject, w.subject)
				}
			}
			if tc.python {
				if py.Subject != m.Subject {
					t.Errorf("Python reads the subject %q, Go %q", py.Subject, m.Subject)
				}
				all := allNames(m)
				for _, n := range py.Filenames {
					if !contains(all, n) {
						t.Errorf("Python reads a file %q that Go does not: %q", n, all)
					}
				}
				if py.Plain != "" && !strings.HasPrefix(m.Text, normalise(py.Plain)) {
					t.Errorf("Python reads the plain body %q, Go %q", normalise(py.Plain), m.Text)
				}
			}
		})
	}
}

// TestForwardedDetails checks the forwarded and nested emails beyond their subject.
func TestForwardedDetails(t *testing.T) {
	m, err := mailin.ReadEML("fwd.eml", []byte(forwarded(t)))
	if err != nil {
		t.Fatal(err)
	}
	in := m.Attachments[0].Message
	if !strings.HasPrefix(string(m.Attachments[0].Data), "From: ") {
		t.Errorf("the attached email's bytes start %q, want its headers", m.Attachments[0].Data[:20])
	}
	if in.Text != "產品簡介見附件。" || in.MessageID != "inner.1@mail.example.hk" ||
		!reflect.DeepEqual(in.From, []mailin.Address{{Name: "陳大文", Email: "chan.taiman@example.hk"}}) {
		t.Errorf("forwarded email = %+v", in)
	}
	if len(in.Attachments) != 1 || in.Attachments[0].Name != "brochure.pdf" || string(in.Attachments[0].Data) != pdfBytes {
		t.Errorf("forwarded email's attachments = %v", names(in))
	}

	deep, err := mailin.ReadEML("deep.eml", []byte(nest(1, nest(2, nest(3, deepest())))))
	if err != nil {
		t.Fatal(err)
	}
	cur := deep
	for level := 2; level <= 3; level++ {
		cur = cur.Attachments[0].Message
		if want := "Level " + string(rune('0'+level)); cur.Subject != want {
			t.Fatalf("level %d subject %q", level, cur.Subject)
		}
	}
	cur = cur.Attachments[0].Message
	if cur.Subject != "The original" || cur.Text != "The first email of the thread." ||
		len(cur.Attachments) != 1 || cur.Attachments[0].Name != "deep.txt" || string(cur.Attachments[0].Data) != "notes" {
		t.Errorf("innermost email = %+v", cur)
	}

	files, err := mailin.ReadEML("files.eml", []byte(attachedFiles(t)))
	if err != nil {
		t.Fatal(err)
	}
	msg := files.Attachments[1].Message
	if msg.Text == "" || len(msg.From) != 1 || msg.From[0].Email != "jdoes@someserver.com" {
		t.Errorf("attached .msg read as %+v", msg)
	}
}

func names(m *mailin.Message) []string {
	var out []string
	for _, a := range m.Attachments {
		out = append(out, a.Name)
	}
	return out
}

// allNames lists every attachment name, attached emails' included.
func allNames(m *mailin.Message) []string {
	var out []string
	for _, a := range m.Attachments {
		out = append(out, a.Name)
		if a.Message != nil {
			out = append(out, allNames(a.Message)...)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// normalise makes Python's decoded body comparable with Message.Text.
func normalise(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	return strings.Trim(strings.Join(lines, "\n"), "\n")
}
