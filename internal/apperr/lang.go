package apperr

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"
)

// The languages a message can be said in: English (the CLI's, always) and
// Traditional Chinese as written in Hong Kong (the window's, when the officer
// chooses it). They are register.LangEnglish and register.LangChinese.
const (
	English = "en"
	Chinese = "zh-HK"
)

// Label is an argument of a message that says itself in each language: a
// register label (Status, Aspect, a field's RFI wording), another message
// (an *Error, a FieldError, a Text), an operating system's reason. Plain
// arguments (names, numbers, file names) are said as they are.
type Label interface {
	LabelIn(lang string) string
}

// Text is a message for a person kept as its English format and arguments
// (see T), so that it can be said in English (String) or Chinese (LabelIn).
// Every format a Text, New, Wrap or Field is made from has its Traditional
// Chinese in the catalog, zh-HK.json (TestCatalogCoversEveryMessage).
type Text struct {
	format string
	args   []any
}

// T returns the message of format and args (fmt's verbs; an argument that
// is a Label is said in the message's language).
func T(format string, args ...any) Text { return Text{format: format, args: args} }

// String says t in English.
func (t Text) String() string { return t.LabelIn(English) }

// LabelIn says t in lang: the catalog's format for lang (English if it has
// none) with every Label argument said in lang.
func (t Text) LabelIn(lang string) string {
	format := t.format
	if lang == Chinese {
		if zh, ok := zhHK[format]; ok {
			format = zh
		}
	}
	args := make([]any, len(t.args))
	for i, a := range t.args {
		if l, ok := a.(Label); ok {
			args[i] = l.LabelIn(lang)
		} else {
			args[i] = a
		}
	}
	if len(args) == 0 && !strings.Contains(format, "%") {
		return format
	}
	return fmt.Sprintf(format, args...)
}

// Fixed is a message without arguments said through the catalog: its own
// words in English, the catalog's in Chinese (its own words when the
// catalog has none).
type Fixed string

// LabelIn says f in lang.
func (f Fixed) LabelIn(lang string) string {
	if lang == Chinese {
		if zh, ok := zhHK[string(f)]; ok {
			return zh
		}
	}
	return string(f)
}

// String is f in English.
func (f Fixed) String() string { return string(f) }

// Lower is l in lower case in English ("the entities are withdrawn") and as
// it is in Chinese, which has no case.
func Lower(l Label) Label { return lower{l} }

type lower struct{ l Label }

func (l lower) LabelIn(lang string) string {
	if lang == English {
		return strings.ToLower(l.l.LabelIn(lang))
	}
	return l.l.LabelIn(lang)
}

// In says format with args in lang: T(format, args...).LabelIn(lang).
func In(lang, format string, args ...any) string { return T(format, args...).LabelIn(lang) }

//go:embed zh-HK.json
var zhHKJSON []byte

// zhHK maps each English format to its Traditional Chinese (zh-HK) format,
// with the same verbs for the same arguments ("%[2]s" may reorder them).
var zhHK = func() map[string]string {
	m := map[string]string{}
	if err := json.Unmarshal(zhHKJSON, &m); err != nil {
		panic("apperr: zh-HK.json: " + err.Error())
	}
	return m
}()

// reasonWords are the operating system's and the well-known errors' words
// Reason can give; the catalog says them in Chinese.
var reasonWords = []string{"an unexpected error", "EOF", "unexpected EOF", "context canceled",
	"context deadline exceeded", "file does not exist", "permission denied", "file already exists",
	"file already closed", "no space left on device", "no such file or directory",
	"read-only file system", "is a directory", "not a directory", "file exists",
	"too many open files", "input/output error", "disk quota exceeded", "device or resource busy",
	"operation not permitted", "file name too long", "directory not empty", "invalid argument",
	"invalid cross-device link", "broken pipe", "resource temporarily unavailable"}

// Verbatim is text said as it is in every language: words the catalog does
// not hold (a reader's own problem text still in English, a name). Each use
// is a place the window shows English to a Chinese reader; keep them few.
type Verbatim string

// LabelIn is v, whatever the language.
func (v Verbatim) LabelIn(string) string { return string(v) }

// List says several messages as one: joined by "; " in English and by
// "；" in Chinese.
type List []Label

// LabelIn says l in lang.
func (l List) LabelIn(lang string) string {
	parts := make([]string, len(l))
	for i, x := range l {
		parts[i] = x.LabelIn(lang)
	}
	if lang == Chinese {
		return strings.Join(parts, "；")
	}
	return strings.Join(parts, "; ")
}

// MarshalText writes t as its English words (JSON of a report that holds
// messages).
func (t Text) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// Empty reports whether t is the zero Text (no message).
func (t Text) Empty() bool { return t.format == "" }

// Commas says several labels as one list: joined by ", " in English and by
// "、" in Chinese.
type Commas []Label

// LabelIn says c in lang.
func (c Commas) LabelIn(lang string) string {
	parts := make([]string, len(c))
	for i, x := range c {
		parts[i] = x.LabelIn(lang)
	}
	if lang == Chinese {
		return strings.Join(parts, "、")
	}
	return strings.Join(parts, ", ")
}
