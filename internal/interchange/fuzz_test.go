package interchange_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"atpreg/internal/interchange"
	"atpreg/internal/register"
)

var update = flag.Bool("update", false, "rewrite the generated seed files under testdata/seed")

// seeds returns the seed corpus files under testdata/seed with ext.
func seeds(tb testing.TB, ext string) [][]byte {
	tb.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "seed", "*"+ext))
	if err != nil || len(paths) == 0 {
		tb.Fatalf("no seed files *%s under testdata/seed (%v)", ext, err)
	}
	var out [][]byte
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

// TestSeedFiles keeps the generated seeds (an export and the template) in
// step with the writers: run with -update after changing them.
func TestSeedFiles(t *testing.T) {
	gen := map[string]func(*bytes.Buffer) error{
		"export.csv": func(b *bytes.Buffer) error { return interchange.WriteCSV(b, sampleEntities()) },
		"export.xlsx": func(b *bytes.Buffer) error {
			return interchange.WriteXLSX(b, interchange.Export{Entities: sampleEntities()})
		},
		"template.xlsx": func(b *bytes.Buffer) error { return interchange.WriteTemplate(b) },
	}
	for name, write := range gen {
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join("testdata", "seed", name)
		if *update {
			if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		old, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -run TestSeedFiles -update)", err)
		}
		// XLSX files carry no time stamps from excelize's writer, so both
		// kinds compare as parsed content.
		if !reflect.DeepEqual(parse(t, old).Groups, parse(t, buf.Bytes()).Groups) {
			t.Errorf("%s is stale: run go test -run TestSeedFiles -update", name)
		}
	}
}

// check reads and parses data and, when the file is accepted, checks that
// every entity validates and that exporting it and reading it back gives the
// same entities.
func check(t *testing.T, data []byte) {
	tab, err := interchange.Read(data)
	if err != nil {
		return
	}
	b := interchange.Parse(tab)
	if b.Err() != nil {
		if len(b.Groups) > 0 && len(b.Problems) == 0 {
			t.Fatal("Err without problems")
		}
		return
	}
	for _, g := range b.Groups {
		if err := g.Entity.Validate(); err != nil {
			t.Fatalf("accepted entity does not validate: %v", err)
		}
	}
	var out bytes.Buffer
	ents := entitiesOf(b)
	if err := interchange.WriteCSV(&out, ents); err != nil {
		t.Fatalf("WriteCSV: %v", err)
	}
	tab2, err := interchange.Read(out.Bytes())
	if err != nil {
		t.Fatalf("re-read of an export: %v", err)
	}
	b2 := interchange.Parse(tab2)
	if err := b2.Err(); err != nil {
		t.Fatalf("re-import of an export rejected: %v %+v", err, b2.Problems)
	}
	if !reflect.DeepEqual(entitiesOf(b2), ents) {
		t.Fatalf("export does not round-trip:\n%+v\n%+v", entitiesOf(b2), ents)
	}
}

func entitiesOf(b *interchange.Batch) []register.Entity {
	out := make([]register.Entity, len(b.Groups))
	for i, g := range b.Groups {
		out[i] = g.Entity
	}
	return out
}

func FuzzReadCSV(f *testing.F) {
	for _, s := range seeds(f, ".csv") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) { check(t, data) })
}

func FuzzReadXLSX(f *testing.F) {
	for _, s := range seeds(f, ".xlsx") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) { check(t, data) })
}
