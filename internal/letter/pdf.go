package letter

import (
	"strings"

	"atpreg/internal/pdfdoc"
	"atpreg/internal/register"
)

// PDF returns the letter on the letterhead (the organisation's names and
// address, the date, the reference), addressed to the entity's contact,
// with the composed subject and text (which ends with the officer's name
// and title). The same letter gives the same bytes.
func PDF(l Letter, c Composed) ([]byte, error) {
	zh := l.Lang == register.LangChinese
	d, err := pdfdoc.New(pdfdoc.Options{
		Title:      l.Kind.LabelIn(l.Lang) + " · " + l.Entity.Name,
		Subject:    l.Kind.LabelIn(l.Lang),
		Author:     l.OfficerName,
		DocumentID: l.Reference,
		Recipient:  l.Entity.Name,
		Clock:      l.Date,
		Lang:       l.Lang,
	})
	if err != nil {
		return nil, err
	}
	d.SetContext(l.Entity.Name)
	names := []string{l.Letterhead.Organisation}
	if zh && l.Letterhead.OrganisationZH != "" {
		names = []string{l.Letterhead.OrganisationZH, l.Letterhead.Organisation}
	}
	d.Letterhead(pdfdoc.LetterheadInfo{
		Names:   names,
		Address: l.Letterhead.Address,
		Lines: [][2]string{
			{pick(zh, "Date", "日期"), register.FormatDate(l.Date, l.Lang)},
			{pick(zh, "Our ref.", "檔號"), l.Reference},
		},
	})
	var to []string
	for _, s := range []string{l.Entity.ContactName, l.Entity.Name, l.Entity.Address} {
		if s = strings.TrimSpace(s); s != "" {
			to = append(to, s)
		}
	}
	if e := strings.TrimSpace(l.Entity.ContactEmail); e != "" {
		to = append(to, pick(zh, "By email: ", "電郵：")+e)
	}
	d.LetterText(strings.Join(to, "\n"))
	d.LetterSubject(c.Subject)
	d.LetterText(c.Body)
	return d.Bytes()
}
