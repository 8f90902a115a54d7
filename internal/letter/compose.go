package letter

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
)

// Meeting is what an invitation says of the dialogue meeting.
type Meeting struct {
	Title   string
	Start   time.Time // in the zone the letter names times in
	Minutes int       // its length (0: no end time)
	Place   string
}

// Letter is everything a letter says.
type Letter struct {
	Kind        register.LetterKind
	Lang        string    // "en" or "zh-HK"
	Date        time.Time // the letter's date
	Reference   string    // its document id
	Letterhead  register.LetterSettings
	OfficerName string
	Entity      register.Entity
	Questions   string   // more-info: the officer's questions
	Meeting     *Meeting // invite: the meeting, if one is fixed
	Reason      string   // the reason of the move that goes with the letter
	// Template is the wording (zero: the officer's template from Letterhead,
	// or the default).
	Template register.LetterTemplate
}

// Composed is a letter's text with its placeholders filled.
type Composed struct {
	Subject string
	Body    string
	// Missing are the RFI items the letter names (missing letters).
	Missing []register.MissingItem
}

// Compose fills the letter's template. It refuses (apperr.Invalid) a
// missing letter for an entity that answers every RFI item, a more-info
// letter without questions, an unknown kind or language, and a template
// with an unknown placeholder (naming it).
func Compose(l Letter) (Composed, error) {
	if _, err := register.ParseLetterKind(string(l.Kind)); err != nil {
		return Composed{}, err
	}
	if l.Lang != register.LangEnglish && l.Lang != register.LangChinese {
		return Composed{}, apperr.New(apperr.Invalid, "%q is not a language of the letters; use en or zh-HK.", l.Lang)
	}
	name := l.Entity.Name
	if strings.TrimSpace(name) == "" {
		name = fmt.Sprintf("entity %d", l.Entity.ID)
	}
	var c Composed
	switch l.Kind {
	case register.LetterMissing:
		c.Missing = l.Entity.Missing()
		if len(c.Missing) == 0 {
			return Composed{}, apperr.New(apperr.Invalid, "%s answers every item of the RFI, so there is nothing missing to ask for. Send an acknowledgement, or ask your own questions with a more-info letter.", name)
		}
	case register.LetterMoreInfo:
		if strings.TrimSpace(l.Questions) == "" {
			return Composed{}, apperr.New(apperr.Invalid, "Write the questions to ask %s: a more-info letter asks something.", name).
				With(apperr.Field("questions", "Write the questions to ask."))
		}
	}
	t := l.Template
	if t.Subject == "" && t.Body == "" {
		t = TemplateFor(l.Letterhead, l.Kind, l.Lang)
	}
	v := values(l, c.Missing)
	var err error
	if c.Subject, err = fill(t.Subject, "subject", v); err != nil {
		return Composed{}, fieldAs(err, "subject")
	}
	if c.Body, err = fill(t.Body, "body", v); err != nil {
		return Composed{}, fieldAs(err, "body")
	}
	c.Subject = strings.Join(strings.Fields(c.Subject), " ")
	c.Body = tidy(c.Body)
	return c, nil
}

// tidy drops trailing space from lines and runs of more than one blank line
// (left by empty placeholders).
func tidy(s string) string {
	lines := strings.Split(s, "\n")
	var out []string
	blank := 0
	for _, l := range lines {
		l = strings.TrimRight(l, " \t")
		if l == "" {
			blank++
			if blank > 1 {
				continue
			}
		} else {
			blank = 0
		}
		out = append(out, l)
	}
	return strings.Trim(strings.Join(out, "\n"), "\n")
}

// values gives every placeholder its value for l.
func values(l Letter, missing []register.MissingItem) map[string]string {
	zh := l.Lang == register.LangChinese
	e := l.Entity
	v := map[string]string{}
	v["contact_name"] = strings.TrimSpace(e.ContactName)
	if v["contact_name"] == "" {
		v["contact_name"] = pick(zh, "Sir or Madam", "貴機構負責人")
	}
	v["entity_name"] = e.Name
	v["entity_address"] = e.Address
	v["products"] = products(e, zh)
	if d, err := time.Parse("2006-01-02", e.ReceivedOn); err == nil {
		v["received_on"] = register.FormatDate(d, l.Lang)
	}
	v["date"] = register.FormatDate(l.Date, l.Lang)
	v["reference"] = l.Reference
	v["missing_items"] = MissingList(missing, l.Lang)
	v["questions"] = strings.TrimSpace(strings.ReplaceAll(l.Questions, "\r\n", "\n"))
	v["reason"] = strings.TrimSpace(l.Reason)
	v["organisation"] = l.Letterhead.Organisation
	if zh && l.Letterhead.OrganisationZH != "" {
		v["organisation"] = l.Letterhead.OrganisationZH
	}
	v["officer_name"] = l.OfficerName
	v["officer_title"] = l.Letterhead.OfficerTitle
	v["officer_email"] = l.Letterhead.OfficerEmail
	v["officer_phone"] = l.Letterhead.OfficerPhone
	if m := l.Meeting; m != nil {
		v["meeting_title"] = m.Title
		v["meeting_date"] = register.FormatDay(m.Start, l.Lang)
		v["meeting_time"] = m.Start.Format("15:04")
		if m.Minutes > 0 {
			v["meeting_time"] += "–" + m.Start.Add(time.Duration(m.Minutes)*time.Minute).Format("15:04")
		}
		v["meeting_place"] = m.Place
		lines := []string{
			pick(zh, "Date: ", "日期：") + v["meeting_date"],
			pick(zh, "Time: ", "時間：") + v["meeting_time"],
		}
		if m.Place != "" {
			lines = append(lines, pick(zh, "Place: ", "地點：")+m.Place)
		}
		v["meeting"] = strings.Join(lines, "\n")
	} else {
		v["meeting"] = pick(zh, "We will contact you shortly to agree a date and time for the meeting.", "本公司將盡快與貴機構聯絡，商定會面日期及時間。")
	}
	return v
}

func pick(zh bool, en, chinese string) string {
	if zh {
		return chinese
	}
	return en
}

// products names the entity's products: "A, B and C" / "A、B及C".
func products(e register.Entity, zh bool) string {
	var ns []string
	for _, s := range e.Submissions {
		if n := strings.TrimSpace(s.ProductName); n != "" {
			ns = append(ns, n)
		}
	}
	switch len(ns) {
	case 0:
		return pick(zh, "the products described in your submission", "貴機構所提交的產品")
	case 1:
		return ns[0]
	}
	if zh {
		return strings.Join(ns[:len(ns)-1], "、") + "及" + ns[len(ns)-1]
	}
	return strings.Join(ns[:len(ns)-1], ", ") + " and " + ns[len(ns)-1]
}

// MissingList writes the missing items one a line under the part of the
// form they belong to (the entity and contact person, then each product).
func MissingList(items []register.MissingItem, lang string) string {
	zh := lang == register.LangChinese
	var b strings.Builder
	group := ""
	for _, m := range items {
		g, field := groupOf(m, zh)
		if g != group {
			if b.Len() > 0 {
				b.WriteString("\n")
			}
			b.WriteString(g + "\n")
			group = g
		}
		b.WriteString("  • " + ItemLabel(field, lang) + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// groupOf returns the heading of an item's part of the form and the item's
// own field name.
func groupOf(m register.MissingItem, zh bool) (string, string) {
	rest, ok := strings.CutPrefix(m.Field, "submissions[")
	if !ok {
		if m.Field == "submissions" {
			return pick(zh, "Products", "產品"), m.Field
		}
		return pick(zh, "Entity and contact person", "機構及聯絡人"), m.Field
	}
	i := strings.IndexByte(rest, ']')
	n, _ := strconv.Atoi(rest[:max(i, 0)])
	field := strings.TrimPrefix(rest[i+1:], ".")
	name := strings.TrimSpace(m.Product)
	if zh {
		if name == "" {
			return fmt.Sprintf("產品 %d（未有名稱）", n+1), field
		}
		return fmt.Sprintf("產品 %d：%s", n+1, name), field
	}
	if name == "" {
		return fmt.Sprintf("Product %d (name not given)", n+1), field
	}
	return fmt.Sprintf("Product %d: %s", n+1, name), field
}

// ItemLabel returns the RFI's wording of an item (a field of
// Entity.Missing without its "submissions[i]." prefix) in lang
// (register.FieldLabelIn).
func ItemLabel(field, lang string) string { return register.FieldLabelIn(field, lang) }
