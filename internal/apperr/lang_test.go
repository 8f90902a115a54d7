package apperr_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"atpreg/internal/apperr"
)

// label is a fictional label in both languages.
type label string

func (l label) LabelIn(lang string) string {
	if lang == apperr.Chinese {
		return "暫緩處理"
	}
	return string(l)
}

// TestMessagesInBothLanguages: a message keeps its English sentence
// (Message, Error) and says itself in Chinese through the catalog, with
// its Label arguments in Chinese too, and its fields alike.
func TestMessagesInBothLanguages(t *testing.T) {
	err := apperr.New(apperr.Invalid, "Say why the entity is %s: a reason is required for this move.", apperr.Lower(label("On hold"))).
		With(apperr.Field("reason", "A reason is required for this move."))
	wrapped := fmt.Errorf("moving: %w", err)
	if got := apperr.Message(wrapped); got != "Say why the entity is on hold: a reason is required for this move." || err.Error() != got {
		t.Errorf("English = %q / %q", got, err.Error())
	}
	if got := apperr.MessageIn(wrapped, apperr.Chinese); got != "請說明機構轉為「暫緩處理」的理由：此狀態變更須提供理由。" {
		t.Errorf("Chinese = %q", got)
	}
	fs := apperr.FieldsIn(wrapped, apperr.Chinese)
	if len(fs) != 1 || fs[0].Field != "reason" || fs[0].Message != "此狀態變更須提供理由。" {
		t.Errorf("Chinese fields = %+v", fs)
	}
	if en := apperr.FieldsIn(wrapped, apperr.English); en[0].Message != "A reason is required for this move." {
		t.Errorf("English fields = %+v", en)
	}
	// a literal Error with a fixed message is said through the catalog
	lit := &apperr.Error{Code: apperr.Invalid, Message: "Choose PDF or Word."}
	if got := apperr.MessageIn(lit, apperr.Chinese); got != "請選擇 PDF 或 Word。" {
		t.Errorf("literal = %q", got)
	}
	// a nested message and a reason are said in the outer message's language
	outer := apperr.New(apperr.Invalid, "The settings were not saved: %s", apperr.Say(lit))
	if got := apperr.MessageIn(outer, apperr.Chinese); got != "設定未有儲存：請選擇 PDF 或 Word。" {
		t.Errorf("nested = %q", got)
	}
	if got := apperr.MessageIn(outer, apperr.English); got != "The settings were not saved: Choose PDF or Word." {
		t.Errorf("nested English = %q", got)
	}
	// an internal error: the generic sentence in Chinese, its kind still named
	if got := apperr.MessageIn(errors.New(secret), apperr.Chinese); !strings.HasPrefix(got, "atpreg 內部出現問題（*errors.errorString）") || strings.Contains(got, "Tsing") {
		t.Errorf("internal = %q", got)
	}
	// a message the catalog does not hold stays English rather than vanish
	if got := apperr.T("Fictional %s", "words").LabelIn(apperr.Chinese); got != "Fictional words" {
		t.Errorf("unknown = %q", got)
	}
	if got := (apperr.List{apperr.T("1 row"), apperr.Commas{apperr.T("1 entity created"), apperr.T("1 product added")}}).LabelIn(apperr.Chinese); got != "1 行；新增 1 個機構、新增 1 項產品" {
		t.Errorf("lists = %q", got)
	}
}
