package store

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"atpreg/internal/register"
)

// Search: every text an entity holds (names, address, contacts, source,
// notes, tags, and each product's texts with the labels of its choices) is
// one row of entity_fts, whose trigram tokenizer finds any substring of three
// or more characters in any script, ignoring case. Shorter words (one or two
// characters, common in Chinese: 細胞, 沙田) cannot use trigrams; a LIKE scan
// over the same text measured 120-150 ms at 10,000 entities, so they use
// entity_grams instead: the entity's distinct character pairs, each framed by
// a separator (U+001F, which validated text never holds) so that a pair or a
// single character becomes a trigram query there.
//
// Text and queries are both folded by searchFold (NFKC, lower case), so that
// what a Chinese input method types in full width (ＣＡＲ－Ｔ), text pasted
// in decomposed form, and compatibility ideographs find the same entities as
// their plain forms.

// MinIndexedTerm is the length, in characters, from which a search word uses
// the trigram index of entity_fts; shorter words use entity_grams.
const MinIndexedTerm = 3

// searchFold is the form in which text is indexed and queries are matched:
// Unicode NFKC (full-width letters and digits become ASCII, decomposed
// accents compose) in lower case.
func searchFold(s string) string {
	return strings.ToLower(norm.NFKC.String(s))
}

// searchText returns everything e holds as text, one item a line, folded
// by searchFold.
func searchText(e register.Entity) string {
	var b strings.Builder
	add := func(ss ...string) {
		for _, s := range ss {
			if s != "" {
				b.WriteString(s)
				b.WriteByte('\n')
			}
		}
	}
	add(e.Name, e.Address, e.ContactName, e.ContactEmail, e.ContactPhone, e.Source, e.Notes)
	add(e.Tags...)
	for _, s := range e.Submissions {
		add(s.ProductName, s.Composition, s.PharmaceuticalForm, s.TherapeuticIndication, s.RouteOther,
			s.IntendedUseOther, s.StartingMaterialsOther, s.PDFurther, s.TrainingDetails, s.Notes)
		for _, r := range s.Routes {
			add(r.Label())
		}
		if s.ATPType != "" {
			add(s.ATPType.Label())
		}
		if s.GeneVector != "" {
			add(s.GeneVector.Label())
		}
		if s.IntendedUse != "" {
			add(s.IntendedUse.Label())
		}
		for _, m := range s.StartingMaterials {
			add(m.Label())
		}
		if s.ProcessType != "" {
			add(s.ProcessType.Label())
		}
		for _, r := range s.TrainingRoles {
			add(r.Label())
		}
	}
	return searchFold(b.String())
}

// gramSep frames the characters of entity_grams.
const gramSep = '\x1f'

// grams returns the distinct pairs of adjacent characters of text (already
// folded), each as sep a sep b sep, pairs joined by another sep (so no
// trigram spans two pairs); a single character alone as sep a sep.
func grams(text string) string {
	rs := []rune(text)
	var b strings.Builder
	frame := func(chars ...rune) {
		b.WriteRune(gramSep)
		for _, r := range chars {
			b.WriteRune(r)
			b.WriteRune(gramSep)
		}
	}
	if len(rs) == 1 {
		frame(rs[0])
	}
	seen := map[[2]rune]bool{}
	for i := 0; i+1 < len(rs); i++ {
		p := [2]rune{rs[i], rs[i+1]}
		if seen[p] {
			continue
		}
		seen[p] = true
		frame(p[0], p[1])
	}
	return b.String()
}

// gramQuery returns the entity_grams phrase that finds a short (folded) word.
func gramQuery(w string) string {
	var b strings.Builder
	b.WriteRune(gramSep)
	for _, r := range w {
		b.WriteRune(r)
		b.WriteRune(gramSep)
	}
	return b.String()
}

// indexEntityTx (re)writes e's rows of the search indexes.
func indexEntityTx(tx *Tx, e register.Entity) error {
	if err := unindexEntityTx(tx, e.ID); err != nil {
		return err
	}
	text := searchText(e)
	if _, err := tx.Exec(`INSERT INTO entity_fts(rowid, text) VALUES (?, ?)`, e.ID, text); err != nil {
		return err
	}
	_, err := tx.Exec(`INSERT INTO entity_grams(rowid, grams) VALUES (?, ?)`, e.ID, grams(text))
	return err
}

// unindexEntityTx removes the entity's rows of the search indexes.
func unindexEntityTx(tx *Tx, id int64) error {
	if _, err := tx.Exec(`DELETE FROM entity_fts WHERE rowid = ?`, id); err != nil {
		return err
	}
	_, err := tx.Exec(`DELETE FROM entity_grams WHERE rowid = ?`, id)
	return err
}

// searchTerms folds a query (searchFold) and splits it into words: runs of
// white space, commas and semicolons (ASCII, full width, and the ideographic
// comma 、) separate words; quotes and U+001F are dropped. Long words go to
// entity_fts, short ones to entity_grams.
func searchTerms(q string) (long, short []string) {
	q = strings.Map(func(r rune) rune {
		switch r {
		case '"', '\u201c', '\u201d', gramSep, ',', ';', '\u3001':
			return ' '
		}
		return r
	}, searchFold(q))
	for _, w := range strings.Fields(q) {
		if utf8.RuneCountInString(w) >= MinIndexedTerm {
			long = append(long, w)
		} else {
			short = append(short, w)
		}
	}
	return long, short
}

// ftsQuery makes an FTS5 query that needs every word, each as a phrase
// (so that FTS5 operators and punctuation in words mean nothing).
func ftsQuery(words []string) string {
	parts := make([]string, len(words))
	for i, w := range words {
		parts[i] = `"` + strings.ReplaceAll(w, `"`, `""`) + `"`
	}
	return strings.Join(parts, " AND ")
}

// searchCondition returns an SQL condition on entity ids (column col) that
// holds for entities whose text holds every word of q, and its arguments;
// "" when q has no words.
func searchCondition(col, q string) (string, []any) {
	long, short := searchTerms(q)
	if len(long) == 0 && len(short) == 0 {
		return "", nil
	}
	var conds []string
	var args []any
	if len(long) > 0 {
		conds = append(conds, col+` IN (SELECT rowid FROM entity_fts WHERE entity_fts MATCH ?)`)
		args = append(args, ftsQuery(long))
	}
	if len(short) > 0 {
		qs := make([]string, len(short))
		for i, w := range short {
			qs[i] = gramQuery(w)
		}
		conds = append(conds, col+` IN (SELECT rowid FROM entity_grams WHERE entity_grams MATCH ?)`)
		args = append(args, ftsQuery(qs))
	}
	return strings.Join(conds, " AND "), args
}
