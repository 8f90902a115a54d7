package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
)

// evaluationRow is one row of the evaluations table.
type evaluationRow struct {
	ID             int64  `db:"id"`
	EntityID       int64  `db:"entity_id"`
	Evaluator      string `db:"evaluator"`
	Date           string `db:"date"`
	Recommendation string `db:"recommendation"`
	Reason         string `db:"reason"`
	CreatedAt      string `db:"created_at"`
	UpdatedAt      string `db:"updated_at"`
}

type scoreRow struct {
	EvaluationID int64  `db:"evaluation_id"`
	Aspect       string `db:"aspect"`
	Score        int    `db:"score"`
	Note         string `db:"note"`
}

// scanScores reads score rows without reflection (the ranking reads every
// score of the register).
func scanScores(r *Reader, q string, args ...any) ([]scoreRow, error) {
	rows, err := r.Queryx(q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []scoreRow
	for rows.Next() {
		var s scoreRow
		if err := rows.Scan(&s.EvaluationID, &s.Aspect, &s.Score, &s.Note); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// entityName returns the name of entity id, or apperr.NotFound.
func entityName(r *Reader, id int64) (string, error) {
	var name string
	err := r.Get(&name, `SELECT name FROM entities WHERE id = ?`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", apperr.New(apperr.NotFound, "Entity %d is not in the register (it may have been deleted).", id)
	}
	return name, err
}

// CreateEvaluation validates ev and stores it as a new evaluation of
// ev.EntityID, recorded in the audit trail as done by officer. It returns the
// new evaluation's id. Errors: apperr.Invalid (with fields as
// register.Evaluation.Validate names them), apperr.NotFound (no such entity).
func (db *DB) CreateEvaluation(ctx context.Context, ev register.Evaluation, officer string) (int64, error) {
	ev.Normalize()
	if err := ev.Validate(); err != nil {
		return 0, err
	}
	now := db.opt.now()
	var id int64
	err := db.Update(ctx, func(tx *Tx) error {
		var err error
		id, err = createEvaluationTx(tx, ev, officer, now, now)
		return err
	})
	return id, err
}

// CreateEvaluationTx validates ev and stores it inside tx at time now, like
// CreateEvaluation: for importers that add many evaluations all or none.
func CreateEvaluationTx(tx *Tx, ev register.Evaluation, officer string, now time.Time) (int64, error) {
	ev.Normalize()
	if err := ev.Validate(); err != nil {
		return 0, err
	}
	return createEvaluationTx(tx, ev, officer, now, now)
}

// createEvaluationTx inserts a validated evaluation inside tx.
func createEvaluationTx(tx *Tx, ev register.Evaluation, officer string, created, updated time.Time) (int64, error) {
	if _, err := entityName(&tx.Reader, ev.EntityID); err != nil {
		return 0, err
	}
	var id int64
	if err := tx.Get(&id, `INSERT INTO evaluations(entity_id, evaluator, date, recommendation, reason, created_at, updated_at)
		VALUES(?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		ev.EntityID, ev.Evaluator, ev.Date, string(ev.Recommendation), ev.Reason, created, updated); err != nil {
		return 0, err
	}
	if err := writeScores(tx, id, ev.Scores); err != nil {
		return 0, err
	}
	if err := refreshTotalsTx(tx, ev.EntityID); err != nil {
		return 0, err
	}
	return id, recordTx(tx, AuditEntry{
		EntityID: ev.EntityID, At: TimeText(created), By: officer, Action: "evaluate",
		Field:  "evaluation",
		New:    evaluationSummary(ev),
		Detail: fmt.Sprintf("Evaluation %d by %s added.", id, ev.Evaluator),
	})
}

func writeScores(tx *Tx, id int64, scores map[register.Aspect]register.Score) error {
	if _, err := tx.Exec(`DELETE FROM evaluation_scores WHERE evaluation_id = ?`, id); err != nil {
		return err
	}
	for _, a := range register.Aspects() {
		s := scores[a]
		if s.Value == 0 {
			continue // unscored (only a returned sheet may leave an aspect so)
		}
		if _, err := tx.Exec(`INSERT INTO evaluation_scores(evaluation_id, aspect, score, note) VALUES(?, ?, ?, ?)`,
			id, string(a), s.Value, s.Note); err != nil {
			return err
		}
	}
	return nil
}

// evaluationSummary is a one-line account of an evaluation for the history.
func evaluationSummary(ev register.Evaluation) string {
	var parts []string
	for _, a := range register.Aspects() {
		parts = append(parts, fmt.Sprintf("%s %d", a, ev.Scores[a].Value))
	}
	return fmt.Sprintf("%s, %s: %s; %s", ev.Evaluator, ev.Date, strings.Join(parts, ", "), ev.Recommendation.Label())
}

// UpdateEvaluation validates ev and replaces the stored evaluation ev.ID
// (its entity cannot change), recording each changed field in the audit
// trail. Errors: apperr.Invalid, apperr.NotFound.
func (db *DB) UpdateEvaluation(ctx context.Context, ev register.Evaluation, officer string) error {
	ev.Normalize()
	if err := ev.Validate(); err != nil {
		return err
	}
	now := db.opt.now()
	return db.Update(ctx, func(tx *Tx) error {
		old, err := readEvaluation(&tx.Reader, ev.ID)
		if err != nil {
			return err
		}
		type change struct{ field, old, new string }
		var changes []change
		add := func(f, o, n string) {
			if o != n {
				changes = append(changes, change{f, o, n})
			}
		}
		add("evaluator", old.Evaluator, ev.Evaluator)
		add("date", old.Date, ev.Date)
		add("recommendation", string(old.Recommendation), string(ev.Recommendation))
		add("reason", old.Reason, ev.Reason)
		for _, a := range register.Aspects() {
			add("scores."+string(a), fmt.Sprint(old.Scores[a].Value), fmt.Sprint(ev.Scores[a].Value))
			add("scores."+string(a)+".note", old.Scores[a].Note, ev.Scores[a].Note)
		}
		if len(changes) == 0 {
			return nil
		}
		if _, err := tx.Exec(`UPDATE evaluations SET evaluator = ?, date = ?, recommendation = ?, reason = ?, updated_at = ? WHERE id = ?`,
			ev.Evaluator, ev.Date, string(ev.Recommendation), ev.Reason, now, ev.ID); err != nil {
			return err
		}
		if err := writeScores(tx, ev.ID, ev.Scores); err != nil {
			return err
		}
		if err := refreshTotalsTx(tx, old.EntityID); err != nil {
			return err
		}
		for _, c := range changes {
			if err := recordTx(tx, AuditEntry{
				EntityID: old.EntityID, At: TimeText(now), By: officer, Action: "evaluate",
				Field: "evaluation." + c.field, Old: c.old, New: c.new,
				Detail: fmt.Sprintf("Evaluation %d by %s changed.", ev.ID, ev.Evaluator),
			}); err != nil {
				return err
			}
		}
		return nil
	})
}

// DeleteEvaluation removes evaluation id, keeping a summary of it in the
// audit trail. Errors: apperr.NotFound.
func (db *DB) DeleteEvaluation(ctx context.Context, id int64, officer string) error {
	_, err := db.DeleteEvaluationUndoable(ctx, id, officer)
	return err
}

// DeleteEvaluationUndoable is DeleteEvaluation, returning what it took away
// for Restore.
func (db *DB) DeleteEvaluationUndoable(ctx context.Context, id int64, officer string) (Deleted, error) {
	now := db.opt.now()
	var d Deleted
	err := db.Update(ctx, func(tx *Tx) error {
		old, err := readEvaluation(&tx.Reader, id)
		if err != nil {
			return err
		}
		summary := evaluationSummary(old)
		d = Deleted{kind: deletedEvaluation, id: id, label: summary, evaluator: old.Evaluator, entities: []int64{old.EntityID}}
		if err := deleteKeepingTx(tx, &d, "evaluations", `id = ?`, id); err != nil {
			return err
		}
		if err := refreshTotalsTx(tx, old.EntityID); err != nil {
			return err
		}
		return recordTx(tx, AuditEntry{
			EntityID: old.EntityID, At: TimeText(now), By: officer, Action: "evaluate",
			Field: "evaluation", Old: summary,
			Detail: fmt.Sprintf("Evaluation %d by %s deleted.", id, old.Evaluator),
		})
	})
	if err != nil {
		return Deleted{}, err
	}
	return d, nil
}

// Evaluation returns evaluation id. Errors: apperr.NotFound.
func (db *DB) Evaluation(ctx context.Context, id int64) (register.Evaluation, error) {
	var ev register.Evaluation
	err := db.View(ctx, func(r *Reader) error {
		var err error
		ev, err = readEvaluation(r, id)
		return err
	})
	return ev, err
}

func readEvaluation(r *Reader, id int64) (register.Evaluation, error) {
	evs, err := readEvaluations(r, `WHERE id = ?`, id)
	if err != nil {
		return register.Evaluation{}, err
	}
	if len(evs) == 0 {
		return register.Evaluation{}, apperr.New(apperr.NotFound, "Evaluation %d is not in the register (it may have been deleted).", id)
	}
	return evs[0], nil
}

// EntityEvaluations returns the evaluations of entity id, oldest first (an
// empty list when it has none).
func (db *DB) EntityEvaluations(ctx context.Context, entityID int64) ([]register.Evaluation, error) {
	var evs []register.Evaluation
	err := db.View(ctx, func(r *Reader) error {
		var err error
		evs, err = readEvaluations(r, `WHERE entity_id = ?`, entityID)
		return err
	})
	return evs, err
}

// AllEvaluations returns every evaluation, by entity then oldest first.
func (db *DB) AllEvaluations(ctx context.Context) ([]register.Evaluation, error) {
	var evs []register.Evaluation
	err := db.View(ctx, func(r *Reader) error {
		var err error
		evs, err = readEvaluations(r, ``)
		return err
	})
	return evs, err
}

// readEvaluations reads the evaluations matching where (a WHERE clause on
// the evaluations table, or "") with their scores.
func readEvaluations(r *Reader, where string, args ...any) ([]register.Evaluation, error) {
	var rows []evaluationRow
	if err := r.Select(&rows, `SELECT id, entity_id, evaluator, date, recommendation, reason, created_at, updated_at
		FROM evaluations `+where+` ORDER BY entity_id, date, id`, args...); err != nil {
		return nil, err
	}
	out := make([]register.Evaluation, 0, len(rows))
	if len(rows) == 0 {
		return out, nil
	}
	q := `SELECT evaluation_id, aspect, score, note FROM evaluation_scores`
	var sargs []any
	if len(rows) == 1 {
		q += ` WHERE evaluation_id = ?`
		sargs = append(sargs, rows[0].ID)
	} else if where != "" {
		q += ` WHERE evaluation_id IN (SELECT id FROM evaluations ` + where + `)`
		sargs = args
	}
	scores, err := scanScores(r, q, sargs...)
	if err != nil {
		return nil, err
	}
	by := map[int64]map[register.Aspect]register.Score{}
	for _, s := range scores {
		m := by[s.EvaluationID]
		if m == nil {
			m = map[register.Aspect]register.Score{}
			by[s.EvaluationID] = m
		}
		m[register.Aspect(s.Aspect)] = register.Score{Value: s.Score, Note: s.Note}
	}
	for _, row := range rows {
		ev := register.Evaluation{
			ID: row.ID, EntityID: row.EntityID, Evaluator: row.Evaluator, Date: row.Date,
			Recommendation: register.Recommendation(row.Recommendation), Reason: row.Reason,
			Scores: by[row.ID],
		}
		if ev.Scores == nil {
			ev.Scores = map[register.Aspect]register.Score{}
		}
		ev.CreatedAt, _ = ParseTime(row.CreatedAt)
		ev.UpdatedAt, _ = ParseTime(row.UpdatedAt)
		out = append(out, ev)
	}
	return out, nil
}

// EntityScores summarises the evaluations of every evaluated entity with the
// weights from the register's settings: per-aspect means, disagreements and
// the weighted total. Entities without evaluations are not in the map.
func (db *DB) EntityScores(ctx context.Context) (map[int64]register.EntityScore, error) {
	var out map[int64]register.EntityScore
	err := db.View(ctx, func(r *Reader) error {
		var err error
		out, err = readEntityScores(r)
		return err
	})
	return out, err
}

func readEntityScores(r *Reader) (map[int64]register.EntityScore, error) {
	w, err := readWeights(r)
	if err != nil {
		return nil, err
	}
	evs, err := readEvaluations(r, ``)
	if err != nil {
		return nil, err
	}
	out := map[int64]register.EntityScore{}
	for _, s := range register.SummariseAll(evs, w) {
		out[s.EntityID] = s
	}
	return out, nil
}

// readWeights returns the weights from the settings (as GetSettings reads
// them: weights an older version stored within 0.05 of 100% fitted to an
// exact 100%), the default equal weights when none are stored or they are
// unusable.
func readWeights(r *Reader) (register.Weights, error) {
	var vals []string
	if err := r.Select(&vals, `SELECT value FROM settings WHERE key = 'weights'`); err != nil {
		return nil, err
	}
	if len(vals) == 1 {
		var w register.Weights
		if err := json.Unmarshal([]byte(vals[0]), &w); err == nil {
			if fit, ok := w.Fit(); ok {
				return fit, nil
			}
		}
	}
	return register.DefaultWeights(), nil
}

// weightsAction is the audit action of a change of the aspects' weights
// (entity_id 0: it concerns every entity's total and the ranking).
const weightsAction = "weights"

// SaveWeights validates w and stores it as the weights of the seven aspects
// in the register's settings, recording the old and new weights in the audit
// trail as changed by officer in the same transaction (nothing is written
// when they are unchanged). Errors: apperr.Invalid with the fields
// register.Weights.Validate names ("weights.<aspect>", "weights").
func (db *DB) SaveWeights(ctx context.Context, w register.Weights, officer string) error {
	if err := w.Validate(); err != nil {
		return err
	}
	s, err := db.GetSettings(ctx)
	if err != nil {
		return err
	}
	s.Weights = w
	return db.SaveSettings(ctx, s, officer)
}

// weightsText is the weights for the history, e.g. "readiness 40%, technical
// 10%, ...", in RFI order.
func weightsText(w register.Weights) string {
	parts := make([]string, 0, len(register.Aspects()))
	for _, a := range register.Aspects() {
		parts = append(parts, fmt.Sprintf("%s %s%%", a, strconv.FormatFloat(register.Round2(w[a]), 'f', -1, 64)))
	}
	return strings.Join(parts, ", ")
}

// totalAspects are the aspects with columns in evaluation_totals, in RFI
// order (the seven aspects' codes).
var totalAspects = register.Aspects()

// refreshTotalsTx recomputes the evaluation_totals row of one entity from
// its evaluations (none: no row).
func refreshTotalsTx(tx *Tx, entityID int64) error {
	if _, err := tx.Exec(`DELETE FROM evaluation_totals WHERE entity_id = ?`, entityID); err != nil {
		return err
	}
	cols := []string{"entity_id", "evaluations"}
	sel := []string{"e.entity_id", "count(DISTINCT e.id)"}
	for _, a := range totalAspects {
		cols = append(cols, string(a)+"_sum", string(a)+"_n")
		cond := fmt.Sprintf("s.aspect = '%s' AND s.score BETWEEN %d AND %d", a, register.MinScore, register.MaxScore)
		sel = append(sel, "coalesce(sum(CASE WHEN "+cond+" THEN s.score END), 0)", "count(CASE WHEN "+cond+" THEN 1 END)")
	}
	_, err := tx.Exec(`INSERT INTO evaluation_totals(`+strings.Join(cols, ", ")+`)
		SELECT `+strings.Join(sel, ", ")+`
		FROM evaluations e LEFT JOIN evaluation_scores s ON s.evaluation_id = e.id
		WHERE e.entity_id = ? GROUP BY e.entity_id`, entityID)
	return err
}

// scoreKeySQL returns an SQL expression, over evaluation_totals aliased t
// (LEFT JOINed, so t.entity_id is NULL for an entity without evaluations),
// that gives an evaluated entity's weighted total rounded to 2 decimals and
// multiplied by 100 as an integer (register.Round2(total)*100), NULL when
// unscored, and its arguments (the weights w).
//
// The total is the same arithmetic as register.Summarise with
// register.WeightedTotal: each aspect's mean is sum/n in doubles, then
// ((0 + w1*m1) + w2*m2 + ...) / (w1 + w2 + ...) over the scored aspects in
// RFI order, 0 when they weigh nothing. SQLite's REAL arithmetic is IEEE
// double with the same operations in the same order, so the total is
// bit-identical to Go's (WeightedTotal rounds each product explicitly, so no
// fused multiply-add can make them differ). The rounding is not SQLite's
// ROUND(x, 2), which rounds the decimal value of x rather than x*100 and so
// disagrees with math.Round at .xx5 boundaries (ROUND(1.055, 2) is 1.05,
// Round2(1.055) is 1.06; with modernc.org/sqlite v1.62.0, 161 of the 400
// values 1.005, 1.015 ... 4.995 disagree). The key is instead
// CAST(x*100 + 0.5 AS INTEGER): x*100 is the same double product as in
// Round2, and for the non-negative totals (0..5) adding 0.5 is exact near a
// .5 boundary and truncation is floor, so the key equals math.Round(x*100)
// and key/100 is register.Round2(x). Sorting on the key sorts on the very
// rounded value the ranking compares.
func scoreKeySQL(w register.Weights) (string, []any) {
	num := make([]string, 0, len(totalAspects))
	den := make([]string, 0, len(totalAspects))
	var numArgs, denArgs []any
	for _, a := range totalAspects {
		n := "t." + string(a) + "_n"
		num = append(num, fmt.Sprintf("(CASE WHEN %s > 0 THEN ? * (CAST(t.%s_sum AS REAL) / %s) ELSE 0.0 END)", n, a, n))
		den = append(den, fmt.Sprintf("(CASE WHEN %s > 0 THEN ? ELSE 0.0 END)", n))
		numArgs = append(numArgs, w[a])
		denArgs = append(denArgs, w[a])
	}
	numSQL := "(0.0 + " + strings.Join(num, " + ") + ")"
	denSQL := "(0.0 + " + strings.Join(den, " + ") + ")"
	// Arguments in the order of their placeholders: den, num, den.
	expr := "(CASE WHEN t.entity_id IS NULL THEN NULL WHEN " + denSQL + " > 0 THEN CAST(" + numSQL + " / " + denSQL + " * 100 + 0.5 AS INTEGER) ELSE 0 END)"
	args := append(append(append([]any{}, denArgs...), numArgs...), denArgs...)
	return expr, args
}

// EntityScore summarises the evaluations of one entity with the weights from
// settings; Scored() is false when it has none.
func (db *DB) EntityScore(ctx context.Context, entityID int64) (register.EntityScore, error) {
	var s register.EntityScore
	err := db.View(ctx, func(r *Reader) error {
		w, err := readWeights(r)
		if err != nil {
			return err
		}
		evs, err := readEvaluations(r, `WHERE entity_id = ?`, entityID)
		if err != nil {
			return err
		}
		s = register.Summarise(evs, w)
		s.EntityID = entityID
		return nil
	})
	return s, err
}

// RankingQuery filters the ranking: statuses (any of; none = all) and an ATP
// type that at least one of the entity's submissions has ("" = any).
type RankingQuery struct {
	Statuses []string `json:"statuses"`
	ATPType  string   `json:"atpType"`
}

// RankedEntity is one row of the ranking. Deprecated: use
// register.RankedEntity; the alias stays while other areas move.
type RankedEntity = register.RankedEntity

// Ranking ranks the evaluated entities matching q by weighted total (weights
// from settings), best first; equal totals (to 2 decimals) share a rank
// (1, 2, 2, 4). Ranks are computed within the filtered set.
func (db *DB) Ranking(ctx context.Context, q RankingQuery) ([]RankedEntity, error) {
	scores, err := db.EntityScores(ctx)
	if err != nil {
		return nil, err
	}
	type info struct {
		ID      int64  `db:"id"`
		Name    string `db:"name"`
		Status  string `db:"status"`
		ATPType string `db:"atp_types"`
	}
	var infos []info
	err = db.View(ctx, func(r *Reader) error {
		return r.Select(&infos, `SELECT e.id, e.name, e.status,
			coalesce((SELECT group_concat(DISTINCT s.atp_type) FROM submissions s WHERE s.entity_id = e.id AND s.atp_type <> ''), '') AS atp_types
			FROM entities e WHERE e.id IN (SELECT DISTINCT entity_id FROM evaluations)`)
	})
	if err != nil {
		return nil, err
	}
	byID := map[int64]info{}
	var picked []register.EntityScore
	for _, in := range infos {
		types := splitNonEmpty(in.ATPType)
		if len(q.Statuses) > 0 && !slices.Contains(q.Statuses, in.Status) {
			continue
		}
		if q.ATPType != "" && !slices.Contains(types, q.ATPType) {
			continue
		}
		byID[in.ID] = in
		if s, ok := scores[in.ID]; ok {
			picked = append(picked, s)
		}
	}
	sort.Slice(picked, func(i, j int) bool { return picked[i].EntityID < picked[j].EntityID })
	ranked := register.Rank(picked)
	out := make([]RankedEntity, len(ranked))
	for i, r := range ranked {
		in := byID[r.EntityID]
		types := splitNonEmpty(in.ATPType)
		sort.Strings(types)
		out[i] = RankedEntity{Ranked: r, Name: in.Name, Status: register.Status(in.Status), ATPTypes: types}
	}
	return out, nil
}

func splitNonEmpty(s string) []string {
	out := []string{}
	for _, p := range strings.Split(s, ",") {
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}
