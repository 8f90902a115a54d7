package interchange_test

import (
	"bytes"
	"fmt"
	"io"
	"testing"

	"atpreg/internal/interchange"
	"atpreg/internal/register"
)

// benchEntities returns n/4 fictional entities of four products each.
func benchEntities(n int) []register.Entity {
	var es []register.Entity
	for i := 0; i < n/4; i++ {
		e := register.Entity{Name: fmt.Sprintf("Bench Entity %d Ltd", i), ContactEmail: fmt.Sprintf("c%d@bench.example.com", i),
			Address: fmt.Sprintf("%d Science Park Road,\nShatin", i), ReceivedOn: "2025-01-15"}
		for k := 0; k < 4; k++ {
			e.Submissions = append(e.Submissions, register.Submission{ProductName: fmt.Sprintf("Product %d-%d", i, k),
				Composition: "Autologous cells, \"fresh\"", ATPType: register.ATPCellTherapy, IntendedUse: register.UsePhase1,
				Routes: []register.Route{register.RouteIntravenous}, PDCompleted: register.Yes, ExpectedStart: "2026-03"})
		}
		es = append(es, e)
	}
	return es
}

// BenchmarkReadParseCSV10k reads and checks 10,000 CSV rows (no register).
func BenchmarkReadParseCSV10k(b *testing.B) {
	var buf bytes.Buffer
	if err := interchange.WriteCSV(&buf, benchEntities(10000)); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		tab, err := interchange.Read(data)
		if err != nil {
			b.Fatal(err)
		}
		if p := interchange.Parse(tab); p.Err() != nil || len(p.Groups) != 2500 {
			b.Fatalf("%v, %d groups", p.Err(), len(p.Groups))
		}
	}
}

// BenchmarkWriteXLSX10k writes a 10,000-row workbook.
func BenchmarkWriteXLSX10k(b *testing.B) {
	x := interchange.Export{Entities: benchEntities(10000)}
	for b.Loop() {
		if err := interchange.WriteXLSX(io.Discard, x); err != nil {
			b.Fatal(err)
		}
	}
}
