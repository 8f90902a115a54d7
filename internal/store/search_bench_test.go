package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"atpreg/internal/register"
	"atpreg/internal/store"
	"atpreg/internal/store/storetest"
)

// benchEntities returns n fictional entities made from the demo archetypes,
// each with a unique name.
func benchEntities(n int) []register.Entity {
	var out []register.Entity
	for seed := int64(1); len(out) < n; seed++ {
		for _, e := range register.DemoEntities(seed) {
			if len(out) == n {
				break
			}
			e.Name = fmt.Sprintf("%s %05d", e.Name, len(out))
			out = append(out, e)
		}
	}
	return out
}

// bigRegister is a register of n generated entities, written in batches.
func bigRegister(b *testing.B, n int) *store.DB {
	b.Helper()
	db := storetest.New(b)
	ctx := context.Background()
	all := benchEntities(n)
	now := db.Now()
	for lo := 0; lo < len(all); lo += 1000 {
		batch := all[lo:min(lo+1000, len(all))]
		err := db.Update(ctx, func(tx *store.Tx) error {
			for _, e := range batch {
				if _, err := store.CreateEntityTx(tx, e, "Bench Officer", now, ""); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	return db
}

// measure runs op b.N times and reports the p50 and p95 latency in ms.
func measure(b *testing.B, op func(i int) error) {
	b.Helper()
	d := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		if err := op(i); err != nil {
			b.Fatal(err)
		}
		d = append(d, time.Since(t0))
	}
	b.StopTimer()
	slices.Sort(d)
	pct := func(p float64) float64 {
		return float64(d[min(len(d)-1, int(p*float64(len(d))))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.95), "p95-ms")
}

// BenchmarkRegister10k measures search, opening an entity and the list's
// first page on a register of 10,000 entities.
func BenchmarkRegister10k(b *testing.B) {
	const n = 10000
	db := bigRegister(b, n)
	ctx := context.Background()
	for _, q := range []struct{ name, text string }{
		{"search/en-1word", "leukaemia"},
		{"search/en-2words", "cord blood"},
		{"search/en-name", "Ltd 00042"},
		{"search/en-short", "MS"},
		{"search/zh-1word-3chars", "間充質"},
		{"search/zh-1word-2chars", "細胞"},
		{"search/zh-2words", "臍帶 幹細胞"},
		{"search/zh-2words-short", "沙田 細胞"},
	} {
		b.Run(q.name, func(b *testing.B) {
			total := 0
			measure(b, func(int) error {
				page, err := db.ListEntities(ctx, store.ListQuery{Search: q.text})
				total = page.Total
				return err
			})
			b.ReportMetric(float64(total), "matches")
		})
	}
	b.Run("get-entity", func(b *testing.B) {
		measure(b, func(i int) error {
			_, err := db.GetEntity(ctx, int64(1+(i*7919)%n))
			return err
		})
	})
	for _, q := range []struct {
		name string
		q    store.ListQuery
	}{
		{"list/first-page-name", store.ListQuery{}},
		{"list/first-page-updated-desc", store.ListQuery{Sort: "updated_at", Desc: true}},
		{"list/first-page-products", store.ListQuery{Sort: "products"}},
		{"list/first-page-score", store.ListQuery{Sort: "score", Desc: true}},
		{"list/incomplete-gene-therapy", store.ListQuery{Completeness: "incomplete", ATPType: "gene_therapy"}},
	} {
		b.Run(q.name, func(b *testing.B) {
			measure(b, func(int) error {
				_, err := db.ListEntities(ctx, q.q)
				return err
			})
		})
	}
	// The virtual list: a window in the middle, and every matching entity's
	// id and name ("select all").
	b.Run("list/window-middle-name", func(b *testing.B) {
		measure(b, func(int) error {
			_, err := db.ListEntities(ctx, store.ListQuery{Offset: n / 2, Limit: 100})
			return err
		})
	})
	b.Run("matching/all", func(b *testing.B) {
		measure(b, func(int) error {
			refs, err := db.MatchingEntities(ctx, store.ListQuery{})
			if err == nil && len(refs) != n {
				err = fmt.Errorf("%d matching of %d", len(refs), n)
			}
			return err
		})
	})
	b.Run("update-entity", func(b *testing.B) {
		measure(b, func(i int) error {
			e, err := db.GetEntity(ctx, int64(1+(i*104729)%n))
			if err != nil {
				return err
			}
			e.Notes = fmt.Sprintf("Follow-up call %d.", i)
			return db.UpdateEntity(ctx, e, "Bench Officer")
		})
	})
}
