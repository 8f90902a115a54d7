package store_test

import (
	"context"
	"testing"

	"atpreg/internal/register"
	"atpreg/internal/store"
)

// BenchmarkEvaluation10k measures the evaluation area on a register of
// 10,000 entities of which those in evaluation or later carry demo
// evaluations (one or two evaluators each): the scores of every entity, the
// ranking, the register list's first page (which shows scores) and saving one
// evaluation.
func BenchmarkEvaluation10k(b *testing.B) {
	const n = 10000
	db := bigRegister(b, n)
	ctx := context.Background()
	ents := benchEntities(n)
	for i := range ents {
		ents[i].ID = int64(i + 1)
	}
	evs := register.DemoEvaluations(1, ents)
	now := db.Now()
	for lo := 0; lo < len(evs); lo += 1000 {
		batch := evs[lo:min(lo+1000, len(evs))]
		if err := db.Update(ctx, func(tx *store.Tx) error {
			for _, ev := range batch {
				if _, err := store.CreateEvaluationTx(tx, ev, "Bench Officer", now); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(evs)), "evaluations")

	b.Run("entity-scores", func(b *testing.B) {
		measure(b, func(int) error { _, err := db.EntityScores(ctx); return err })
	})
	b.Run("ranking", func(b *testing.B) {
		measure(b, func(int) error { _, err := db.Ranking(ctx, store.RankingQuery{}); return err })
	})
	b.Run("ranking/filtered", func(b *testing.B) {
		measure(b, func(int) error {
			_, err := db.Ranking(ctx, store.RankingQuery{Statuses: []string{"invited"}, ATPType: "cell_therapy"})
			return err
		})
	})
	b.Run("list/first-page-name", func(b *testing.B) {
		measure(b, func(int) error { _, err := db.ListEntities(ctx, store.ListQuery{}); return err })
	})
	b.Run("list/first-page-score", func(b *testing.B) {
		measure(b, func(int) error {
			_, err := db.ListEntities(ctx, store.ListQuery{Sort: "score", Desc: true})
			return err
		})
	})
	b.Run("entity-evaluations", func(b *testing.B) {
		measure(b, func(i int) error { _, err := db.EntityScore(ctx, evs[i%len(evs)].EntityID); return err })
	})
	b.Run("save-evaluation", func(b *testing.B) {
		measure(b, func(i int) error {
			ev := evs[i%len(evs)]
			ev.Evaluator = "Bench Evaluator"
			_, err := db.CreateEvaluation(ctx, ev, "Bench Officer")
			return err
		})
	})
}
