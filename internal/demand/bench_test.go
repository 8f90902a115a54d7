package demand_test

import (
	"testing"

	"atpreg/internal/demand"
	"atpreg/internal/register"
)

// benchEntities returns n demo entities (the 40 demo entities repeated).
func benchEntities(n int) []register.Entity {
	demo := register.DemoEntities(1)
	out := make([]register.Entity, n)
	for i := range out {
		out[i] = demo[i%len(demo)]
		out[i].ID = int64(i + 1)
	}
	return out
}

func BenchmarkAggregate10k(b *testing.B) {
	es := benchEntities(10000)
	b.ResetTimer()
	for b.Loop() {
		if demand.Aggregate(es, nil).Entities != len(es) {
			b.Fatal("wrong count")
		}
	}
}

func BenchmarkReportPDFDemo(b *testing.B) {
	r := demand.Anonymise(demand.Aggregate(benchEntities(40), nil), meta)
	b.ResetTimer()
	for b.Loop() {
		if _, err := r.PDF(); err != nil {
			b.Fatal(err)
		}
	}
}
