package register

import (
	"fmt"
	"time"
)

// The house style of dates and times in every document (packs, the demand
// summary, letters, forms, sheets), one per language, on a 24-hour clock:
//
//	English  3 Dec 2026     3 Dec 2026, 15:30     Thursday, 3 Dec 2026     Dec 2026
//	Chinese  2026年12月3日  2026年12月3日 15:30  2026年12月3日（星期四）  2026年12月
//
// Times are written in t's own zone. A zero time gives "".

// FormatDate writes t's date: "3 Dec 2026" / "2026年12月3日".
func FormatDate(t time.Time, lang string) string {
	if t.IsZero() {
		return ""
	}
	if lang == LangChinese {
		return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
	}
	return t.Format("2 Jan 2006")
}

// FormatDateTime writes t's date and time: "3 Dec 2026, 15:30" /
// "2026年12月3日 15:30".
func FormatDateTime(t time.Time, lang string) string {
	if t.IsZero() {
		return ""
	}
	if lang == LangChinese {
		return FormatDate(t, lang) + " " + t.Format("15:04")
	}
	return FormatDate(t, lang) + ", " + t.Format("15:04")
}

var weekdaysZH = [7]string{"日", "一", "二", "三", "四", "五", "六"}

// FormatDay writes t's date with its weekday: "Thursday, 3 Dec 2026" /
// "2026年12月3日（星期四）".
func FormatDay(t time.Time, lang string) string {
	if t.IsZero() {
		return ""
	}
	if lang == LangChinese {
		return FormatDate(t, lang) + "（星期" + weekdaysZH[t.Weekday()] + "）"
	}
	return t.Weekday().String() + ", " + FormatDate(t, lang)
}

// FormatDayTime writes t's date with its weekday, and its time: "Thursday,
// 3 Dec 2026, 15:30" / "2026年12月3日（星期四）15:30".
func FormatDayTime(t time.Time, lang string) string {
	if t.IsZero() {
		return ""
	}
	if lang == LangChinese {
		return FormatDay(t, lang) + t.Format("15:04")
	}
	return FormatDay(t, lang) + ", " + t.Format("15:04")
}

// FormatMonth writes t's month: "Dec 2026" / "2026年12月".
func FormatMonth(t time.Time, lang string) string {
	if t.IsZero() {
		return ""
	}
	if lang == LangChinese {
		return fmt.Sprintf("%d年%d月", t.Year(), int(t.Month()))
	}
	return t.Format("Jan 2006")
}

// FormatISODate writes a date kept as "YYYY-MM-DD" (or a month "YYYY-MM")
// in the house style of lang; anything else is returned as it is.
func FormatISODate(s, lang string) string {
	m := Month(s)
	if s == "" || !m.Valid() {
		return s
	}
	return m.LabelIn(lang)
}
