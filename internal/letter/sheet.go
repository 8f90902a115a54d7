package letter

import (
	"fmt"
	"strings"
	"time"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
)

// SheetCover is the email that carries an evaluation sheet to an evaluator
// of the panel (issue 14): who it is for, how many entities the sheet
// holds, when it is due back, its reference and format, and the officer
// who sends it. It names no entity: the sheet itself, attached, does.
type SheetCover struct {
	Lang        string    // "en" or "zh-HK"
	Evaluator   string    // the evaluator's name
	Entities    int       // how many entities the sheet holds
	Due         time.Time // when it is due back (zero: no date)
	Reference   string    // the sheet's document id
	Format      string    // "pdf" or "docx"
	Letterhead  register.LetterSettings
	OfficerName string
}

// ComposeSheetCover returns the cover email's subject and body in c.Lang:
// what the attached sheet is, how to fill it in (any PDF reader, or Word)
// and return it (as it is, attached to a reply), by when, and that it is
// confidential and for the evaluator alone. Errors: apperr.Invalid (an
// unknown language, no evaluator).
func ComposeSheetCover(c SheetCover) (Composed, error) {
	if c.Lang != register.LangEnglish && c.Lang != register.LangChinese {
		return Composed{}, apperr.New(apperr.Invalid, "%q is not a language of the letters; use en or zh-HK.", c.Lang)
	}
	name := strings.TrimSpace(c.Evaluator)
	if name == "" {
		return Composed{}, apperr.New(apperr.Invalid, "The cover email needs the evaluator's name.")
	}
	lh := c.Letterhead
	email := strings.TrimSpace(lh.OfficerEmail)
	if c.Lang == register.LangChinese {
		app := "PDF閱讀器（例如 Adobe Acrobat Reader）"
		if c.Format == "docx" {
			app = "Microsoft Word"
		}
		due := "請盡快"
		if !c.Due.IsZero() {
			due = "請於" + register.FormatDate(c.Due, c.Lang) + "或之前"
		}
		back := "回覆本電郵並附上填妥的評審表"
		if email != "" {
			back = "回覆本電郵（" + email + "）並附上填妥的評審表"
		}
		org := firstNonEmpty(lh.OrganisationZH, lh.Organisation)
		body := fmt.Sprintf(`%s：

%s

隨函附上您的評審表（編號：%s），涵蓋 %d 間機構。請以%s開啟，就每間機構的七個評審範疇各剔選一個1至5分，如有需要加上備註，並剔選一項建議及說明理由。未能判斷的範疇可留空。

%s%s，並按原樣交回（請勿列印或另存為其他格式）。

評審表只供您本人使用，內容嚴格保密，切勿轉發。如與任何機構有利益衝突，請在評分前告知本人。

%s`, name, rfiZH, c.Reference, c.Entities, app, due, back, signature([]string{org, lh.OfficerTitle, c.OfficerName, email}, "順頌\n商祺"))
		return Composed{Subject: fmt.Sprintf("評審表：先進療法產品資料邀請（編號：%s）", c.Reference), Body: body}, nil
	}
	app := "any PDF reader (for example Adobe Acrobat Reader)"
	if c.Format == "docx" {
		app = "Microsoft Word"
	}
	due := "as soon as you can"
	if !c.Due.IsZero() {
		due = "by " + register.FormatDate(c.Due, c.Lang)
	}
	to := "reply to this email"
	if email != "" {
		to = "reply to this email (" + email + ")"
	}
	entities := fmt.Sprintf("%d entities", c.Entities)
	if c.Entities == 1 {
		entities = "one entity"
	}
	body := fmt.Sprintf(`Dear %s,

%s

Please find attached your evaluation sheet (Ref. %s) for %s. Open it in %s; for each entity, tick one score from 1 to 5 for each of the seven aspects, add a note where it helps, tick one recommendation and give the reason. Leave an aspect unscored if you cannot judge it.

Please %s with the completed sheet attached, %s, saved as it is (do not print it or convert it to another format).

The sheet is for you alone and strictly confidential; please do not forward it. If you have a conflict of interest with any of the entities, please tell me before scoring.

%s`, name, rfiEN, c.Reference, entities, app, to, due, signature([]string{c.OfficerName, lh.OfficerTitle, lh.Organisation, email}, "Yours sincerely,"))
	return Composed{Subject: fmt.Sprintf("Evaluation sheet: Advanced Therapy Products RFI (Ref. %s)", c.Reference), Body: body}, nil
}

// signature is the closing line and the officer's lines that are given.
func signature(lines []string, closing string) string {
	out := []string{closing, ""}
	for _, l := range lines {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}
