package register_test

import (
	"testing"

	"atpreg/internal/register"
)

func BenchmarkEntityValidate(b *testing.B) {
	es := register.DemoEntities(1)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if err := es[i%len(es)].Validate(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEntityMissing(b *testing.B) {
	es := register.DemoEntities(1)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		_ = es[i%len(es)].Missing()
	}
}

func BenchmarkParseRoutes(b *testing.B) {
	for b.Loop() {
		if _, err := register.ParseRoutes("Intravenous; subcutaneous; Others"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSummariseRank10k summarises and ranks 10,000 entities with two
// evaluations each.
func BenchmarkSummariseRank10k(b *testing.B) {
	var evals []register.Evaluation
	for id := int64(1); id <= 10000; id++ {
		v := int(id%5) + 1
		evals = append(evals, evalWith(id, "A", v, v, v, v, v, v, v), evalWith(id, "B", 3, 3, 3, 3, 3, 3, v))
	}
	w := register.DefaultWeights()
	b.ResetTimer()
	for b.Loop() {
		r := register.Rank(register.SummariseAll(evals, w))
		if len(r) != 10000 {
			b.Fatal(len(r))
		}
	}
}

func BenchmarkDemoEntities(b *testing.B) {
	for b.Loop() {
		if len(register.DemoEntities(1)) == 0 {
			b.Fatal("no demo")
		}
	}
}
