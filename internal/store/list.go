package store

import (
	"context"
	"fmt"
	"strings"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
)

// ListQuery selects, sorts and pages entities for the register's list.
type ListQuery struct {
	// Search finds entities holding every word anywhere in their text
	// (names, contacts, products, indications, notes, composition ...).
	Search string `json:"search"`
	// Statuses keeps entities in any of these statuses (codes); none: all.
	Statuses []string `json:"statuses"`
	// ATPType, IntendedUse and ProcessType keep entities with at least one
	// product of that choice (code); "": any.
	ATPType     string `json:"atpType"`
	IntendedUse string `json:"intendedUse"`
	ProcessType string `json:"processType"`
	// Completeness is "", "complete" or "incomplete".
	Completeness string `json:"completeness"`
	// Sort is name (default), status, received_on, updated_at, products
	// (first product's name), missing (number of missing items) or score.
	Sort string `json:"sort"`
	// Desc sorts in descending order.
	Desc bool `json:"desc"`
	// Offset and Limit page the result; Limit 0 means DefaultListLimit.
	Offset int `json:"offset"`
	Limit  int `json:"limit"`
}

// DefaultListLimit is the page size when ListQuery.Limit is 0; MaxListLimit
// is the largest page.
const (
	DefaultListLimit = 50
	MaxListLimit     = 10000
)

// EntityRow is one line of the register's list.
type EntityRow struct {
	ID           int64    `json:"id"`
	Name         string   `json:"name"`
	Status       string   `json:"status"`
	StatusLabel  string   `json:"statusLabel"`
	ContactName  string   `json:"contactName"`
	ReceivedOn   string   `json:"receivedOn"`
	UpdatedAt    string   `json:"updatedAt"` // RFC 3339
	Complete     bool     `json:"complete"`
	MissingCount int      `json:"missingCount"`
	Products     []string `json:"products"`
	ATPTypes     []string `json:"atpTypes"` // codes, distinct, in product order
	Score        *float64 `json:"score"`    // weighted total; null until evaluated
}

// ListPage is one page of the list and the number of entities matching.
type ListPage struct {
	Total int         `json:"total"`
	Rows  []EntityRow `json:"rows"`
}

var sortColumns = map[string]string{
	"":            "e.name COLLATE NOCASE",
	"name":        "e.name COLLATE NOCASE",
	"status":      "e.status",
	"received_on": "e.received_on",
	"updated_at":  "e.updated_at",
	"products":    "s0.product_name COLLATE NOCASE",
	"missing":     "e.missing_count",
	"score":       "", // ordered apart: unscored last in either direction
}

func invalidQuery(field, format string, args ...any) error {
	return apperr.New(apperr.Invalid, format, args...).With(apperr.Field(field, format, args...))
}

// where builds the query's conditions.
func (q ListQuery) where() (string, []any, error) {
	conds := []string{"1 = 1"}
	var args []any
	if c, a := searchCondition("e.id", q.Search); c != "" {
		conds = append(conds, c)
		args = append(args, a...)
	}
	if len(q.Statuses) > 0 {
		for _, s := range q.Statuses {
			if !register.Status(s).Valid() {
				return "", nil, invalidQuery("statuses", "%q is not a status.", s)
			}
			args = append(args, s)
		}
		conds = append(conds, "e.status IN ("+placeholders(len(q.Statuses))+")")
	}
	for _, f := range []struct {
		col, val string
		ok       bool
	}{
		{"atp_type", q.ATPType, register.ATPType(q.ATPType).Valid()},
		{"intended_use", q.IntendedUse, register.IntendedUse(q.IntendedUse).Valid()},
		{"process_type", q.ProcessType, register.ProcessType(q.ProcessType).Valid()},
	} {
		if f.val == "" {
			continue
		}
		if !f.ok {
			return "", nil, invalidQuery(f.col, "%q is not a known %s.", f.val, register.FieldName(f.col))
		}
		conds = append(conds, "EXISTS (SELECT 1 FROM submissions s WHERE s.entity_id = e.id AND s."+f.col+" = ?)")
		args = append(args, f.val)
	}
	switch q.Completeness {
	case "":
	case "complete":
		conds = append(conds, "e.complete = 1")
	case "incomplete":
		conds = append(conds, "e.complete = 0")
	default:
		return "", nil, invalidQuery("completeness", "%q is not a completeness filter; use complete or incomplete.", q.Completeness)
	}
	return strings.Join(conds, " AND "), args, nil
}

type listRow struct {
	ID           int64  `db:"id"`
	Name         string `db:"name"`
	Status       string `db:"status"`
	ContactName  string `db:"contact_name"`
	ReceivedOn   string `db:"received_on"`
	UpdatedAt    string `db:"updated_at"`
	Complete     bool   `db:"complete"`
	MissingCount int    `db:"missing_count"`
	ScoreKey     *int64 `db:"score_key"` // register.Round2(total)*100; nil until evaluated
}

// ListEntities returns one page of the entities q selects, in q's order
// (ties by name, then id), and how many there are in all.
func (db *DB) ListEntities(ctx context.Context, q ListQuery) (ListPage, error) {
	page := ListPage{Rows: []EntityRow{}}
	col, ok := sortColumns[q.Sort]
	if !ok {
		return page, invalidQuery("sort", "%q is not a column to sort by.", q.Sort)
	}
	if q.Offset < 0 || q.Limit < 0 {
		return page, invalidQuery("offset", "The page offset and size cannot be negative.")
	}
	limit := q.Limit
	if limit == 0 {
		limit = DefaultListLimit
	}
	limit = min(limit, MaxListLimit)
	where, args, err := q.where()
	if err != nil {
		return page, err
	}
	dir := "ASC"
	if q.Desc {
		dir = "DESC"
	}
	err = db.View(ctx, func(r *Reader) error {
		w, err := readWeights(r)
		if err != nil {
			return err
		}
		score, scoreArgs := scoreKeySQL(w)
		// First the page's ids, in order, reading no more than the sort
		// needs; then those entities' columns and scores.
		from := ` FROM entities e`
		var orderArgs []any
		var order string
		if q.Sort == "score" {
			// Unscored entities (NULL) come last in either direction; ties
			// go by ascending name, then id, in either direction.
			last := "-1"
			if !q.Desc {
				last = "1000000"
			}
			from += ` LEFT JOIN evaluation_totals t ON t.entity_id = e.id`
			order = fmt.Sprintf(` ORDER BY coalesce(%s, %s) %s, e.name COLLATE NOCASE, e.id`, score, last, dir)
			orderArgs = scoreArgs
		} else {
			if q.Sort == "products" {
				// The first product is at position 0 (UpdateEntity renumbers).
				from += ` LEFT JOIN submissions s0 ON s0.entity_id = e.id AND s0.position = 0`
			}
			order = fmt.Sprintf(` ORDER BY %s %s, e.name COLLATE NOCASE %s, e.id %s`, col, dir, dir, dir)
		}
		// With a search, one pass gives the page and the total
		// (count(*) OVER ()), so the index lookup runs once, not once for
		// the count and again for the page. Without one, a plain count is
		// cheaper than numbering every row.
		searching := len(args) > 0 && strings.Contains(where, "MATCH")
		sel := `SELECT e.id, 0 AS total`
		if searching {
			sel = `SELECT e.id, count(*) OVER () AS total`
		}
		var ids []struct {
			ID    int64 `db:"id"`
			Total int   `db:"total"`
		}
		qargs := append(append(append([]any{}, args...), orderArgs...), limit, q.Offset)
		if err := r.Select(&ids, sel+from+` WHERE `+where+order+` LIMIT ? OFFSET ?`, qargs...); err != nil {
			return err
		}
		if searching && len(ids) > 0 {
			page.Total = ids[0].Total
		} else if err := r.Get(&page.Total, `SELECT count(*) FROM entities e WHERE `+where, args...); err != nil {
			return err
		}
		if len(ids) == 0 {
			return nil
		}
		pos := make(map[int64]int, len(ids))
		idArgs := make([]any, len(ids))
		for i, id := range ids {
			pos[id.ID] = i
			idArgs[i] = id.ID
		}
		var got []listRow
		if err := r.Select(&got, `SELECT e.id, e.name, e.status, e.contact_name, e.received_on, e.updated_at, e.complete, e.missing_count, `+
			score+` AS score_key FROM entities e LEFT JOIN evaluation_totals t ON t.entity_id = e.id WHERE e.id IN (`+
			placeholders(len(ids))+`)`, append(append([]any{}, scoreArgs...), idArgs...)...); err != nil {
			return err
		}
		rows := make([]listRow, len(ids))
		for _, row := range got {
			rows[pos[row.ID]] = row
		}
		return fillRows(r, &page, rows)
	})
	return page, err
}

// fillRows turns rows into the page's rows with their products and scores.
func fillRows(r *Reader, page *ListPage, rows []listRow) error {
	ids := make([]int64, len(rows))
	for i, row := range rows {
		ids[i] = row.ID
	}
	type prod struct {
		EntityID int64  `db:"entity_id"`
		Name     string `db:"product_name"`
		ATPType  string `db:"atp_type"`
	}
	var prods []prod
	if len(ids) > 0 {
		if err := r.Select(&prods, `SELECT entity_id, product_name, atp_type FROM submissions WHERE entity_id IN (`+
			placeholders(len(ids))+`) ORDER BY entity_id, position, id`, int64sToAny(ids)...); err != nil {
			return err
		}
	}
	byEntity := map[int64][]prod{}
	for _, p := range prods {
		byEntity[p.EntityID] = append(byEntity[p.EntityID], p)
	}
	for _, row := range rows {
		er := EntityRow{ID: row.ID, Name: row.Name, Status: row.Status, StatusLabel: register.Status(row.Status).Label(),
			ContactName: row.ContactName, ReceivedOn: row.ReceivedOn, UpdatedAt: row.UpdatedAt, Complete: row.Complete,
			MissingCount: row.MissingCount, Products: []string{}, ATPTypes: []string{}}
		er.UpdatedAt = RFC3339(row.UpdatedAt)
		seen := map[string]bool{}
		for _, p := range byEntity[row.ID] {
			er.Products = append(er.Products, p.Name)
			if p.ATPType != "" && !seen[p.ATPType] {
				seen[p.ATPType] = true
				er.ATPTypes = append(er.ATPTypes, p.ATPType)
			}
		}
		if row.ScoreKey != nil {
			// Exactly register.Round2 of the total: key is math.Round(x*100).
			s := float64(*row.ScoreKey) / 100
			er.Score = &s
		}
		page.Rows = append(page.Rows, er)
	}
	return nil
}

// EntityRef is one entity's id and name.
type EntityRef struct {
	ID   int64  `db:"id" json:"id"`
	Name string `db:"name" json:"name"`
}

// MatchingEntities returns the id and name of every entity q selects (its
// search and filters; its sort, offset and limit are ignored), by name,
// then id: all of them, for work on every entity a filtered list shows.
func (db *DB) MatchingEntities(ctx context.Context, q ListQuery) ([]EntityRef, error) {
	where, args, err := q.where()
	if err != nil {
		return nil, err
	}
	out := []EntityRef{}
	err = db.View(ctx, func(r *Reader) error {
		return r.Select(&out, `SELECT e.id, e.name FROM entities e WHERE `+where+` ORDER BY e.name COLLATE NOCASE, e.id`, args...)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
