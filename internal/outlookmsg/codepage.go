package outlookmsg

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// codePages maps the Windows code page numbers Outlook writes (PR_MESSAGE_CODEPAGE,
// PR_INTERNET_CPID, RTF \ansicpg) to decoders. US-ASCII (20127) is read as
// Windows-1252, a superset, so a stray 8-bit byte still becomes a letter.
var codePages = map[int]encoding.Encoding{
	437:   charmap.CodePage437,
	850:   charmap.CodePage850,
	852:   charmap.CodePage852,
	866:   charmap.CodePage866,
	874:   charmap.Windows874,
	932:   japanese.ShiftJIS,
	936:   simplifiedchinese.GBK,
	949:   korean.EUCKR,
	950:   traditionalchinese.Big5,
	1250:  charmap.Windows1250,
	1251:  charmap.Windows1251,
	1252:  charmap.Windows1252,
	1253:  charmap.Windows1253,
	1254:  charmap.Windows1254,
	1255:  charmap.Windows1255,
	1256:  charmap.Windows1256,
	1257:  charmap.Windows1257,
	1258:  charmap.Windows1258,
	10000: charmap.Macintosh,
	20127: charmap.Windows1252,
	20866: charmap.KOI8R,
	20932: japanese.EUCJP,
	20936: simplifiedchinese.GBK,
	21866: charmap.KOI8U,
	28591: charmap.ISO8859_1,
	28592: charmap.ISO8859_2,
	28593: charmap.ISO8859_3,
	28594: charmap.ISO8859_4,
	28595: charmap.ISO8859_5,
	28596: charmap.ISO8859_6,
	28597: charmap.ISO8859_7,
	28598: charmap.ISO8859_8,
	28599: charmap.ISO8859_9,
	28603: charmap.ISO8859_13,
	28605: charmap.ISO8859_15,
	50220: japanese.ISO2022JP,
	50221: japanese.ISO2022JP,
	50222: japanese.ISO2022JP,
	51932: japanese.EUCJP,
	51936: simplifiedchinese.GBK,
	51949: korean.EUCKR,
	52936: simplifiedchinese.HZGB2312,
	54936: simplifiedchinese.GB18030,
}

// knownCodePage reports whether cp is a code page this package decodes.
func knownCodePage(cp int) bool {
	if cp == 65001 || cp == 1200 {
		return true
	}
	_, ok := codePages[cp]
	return ok
}

// DecodeCodePage turns b, text in Windows code page cp, into UTF-8. An unknown
// code page is read as Windows-1252; UTF-8 (65001) and UTF-16LE (1200) are
// understood too. Bytes that are not valid in the code page become U+FFFD.
func DecodeCodePage(cp int, b []byte) string {
	switch cp {
	case 65001:
		return strings.ToValidUTF8(string(b), "\uFFFD")
	case 1200:
		return decodeUTF16(b)
	}
	enc, ok := codePages[cp]
	if !ok {
		enc = charmap.Windows1252
	}
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		// The x/text decoders replace invalid sequences themselves; an error
		// here is unexpected, so fall back to the bytes as Windows-1252.
		out, _ = charmap.Windows1252.NewDecoder().Bytes(b)
	}
	if !utf8.Valid(out) {
		return strings.ToValidUTF8(string(out), "\uFFFD")
	}
	return string(out)
}

// decodeUTF16 decodes UTF-16LE (an odd last byte is dropped), keeping
// unpaired surrogates as U+FFFD.
func decodeUTF16(b []byte) string {
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = uint16(b[2*i]) | uint16(b[2*i+1])<<8
	}
	return string(utf16.Decode(u))
}
