package store

import (
	"strings"
	"unicode/utf8"

	"atpreg/internal/register"
)

// Search: every text an entity holds (names, address, contacts, source,
// notes, tags, and each product's texts with the labels of its choices) is
// one row of entity_fts, whose trigram tokenizer finds any substring of three
// or more characters in any script, ignoring case. Shorter words (one or two
// characters, common in Chinese) cannot use the trigram index; they are
// matched with LIKE over the same text, after the long words narrowed the
// rows down when there are any.

// MinIndexedTerm is the length, in characters, from which a search word uses
// the trigram index; shorter words fall back to LIKE.
const MinIndexedTerm = 3

// searchText returns everything e holds as text, one item a line.
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
	return b.String()
}

// indexEntityTx (re)writes e's row of the search index.
func indexEntityTx(tx *Tx, e register.Entity) error {
	if err := unindexEntityTx(tx, e.ID); err != nil {
		return err
	}
	_, err := tx.Exec(`INSERT INTO entity_fts(rowid, text) VALUES (?, ?)`, e.ID, searchText(e))
	return err
}

// unindexEntityTx removes the entity's row of the search index.
func unindexEntityTx(tx *Tx, id int64) error {
	_, err := tx.Exec(`DELETE FROM entity_fts WHERE rowid = ?`, id)
	return err
}

// searchTerms splits a query into words: quotes are dropped, runs of white
// space separate words. Long words go to the trigram index, short ones to
// LIKE.
func searchTerms(q string) (long, short []string) {
	q = strings.Map(func(r rune) rune {
		if r == '"' || r == '\u201c' || r == '\u201d' {
			return ' '
		}
		return r
	}, q)
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

// likePattern makes a LIKE pattern finding w anywhere, with \ as the escape.
func likePattern(w string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(w) + "%"
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
		conds = append(conds, `entity_fts MATCH ?`)
		args = append(args, ftsQuery(long))
	}
	for _, w := range short {
		conds = append(conds, `text LIKE ? ESCAPE '\'`)
		args = append(args, likePattern(w))
	}
	return col + ` IN (SELECT rowid FROM entity_fts WHERE ` + strings.Join(conds, " AND ") + `)`, args
}
