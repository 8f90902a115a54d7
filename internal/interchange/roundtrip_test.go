package interchange_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	"atpreg/internal/interchange"
	"atpreg/internal/register"
)

func TestRoundTrip(t *testing.T) {
	want := normalised(sampleEntities())
	for _, tc := range []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{"CSV", func(b *bytes.Buffer) error { return interchange.WriteCSV(b, sampleEntities()) }},
		{"XLSX", func(b *bytes.Buffer) error {
			return interchange.WriteXLSX(b, interchange.Export{Entities: sampleEntities()})
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tc.write(&buf); err != nil {
				t.Fatal(err)
			}
			b := parse(t, buf.Bytes())
			if err := b.Err(); err != nil {
				t.Fatalf("problems: %v %+v", err, b.Problems)
			}
			var got []register.Entity
			for _, g := range b.Groups {
				got = append(got, g.Entity)
			}
			if !reflect.DeepEqual(got, want) {
				gj, _ := json.MarshalIndent(got, "", " ")
				wj, _ := json.MarshalIndent(want, "", " ")
				t.Fatalf("round trip differs:\ngot  %s\nwant %s", gj, wj)
			}
		})
	}
}

func TestEscapeFormula(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"=SUM(A1)", "'=SUM(A1)"},
		{"@cmd", "'@cmd"},
		{"+852 3000 0001", "+852 3000 0001"},
		{"-5", "-5"},
		{"-cmd|x", "'-cmd|x"},
		{"'=x", "''=x"},
		{"'plain", "'plain"},
		{"plain", "plain"},
		{"", ""},
	} {
		if got := interchange.EscapeFormula(tc.in); got != tc.want {
			t.Errorf("EscapeFormula(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestWriteJSON(t *testing.T) {
	var buf bytes.Buffer
	if err := interchange.WriteJSON(&buf, interchange.Export{Entities: normalised(sampleEntities())}); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Format   string            `json:"format"`
		Entities []register.Entity `json:"entities"`
		Meetings []any             `json:"meetings"`
	}
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Format != "atpreg-export" || len(got.Entities) != 3 || got.Meetings == nil {
		t.Fatalf("unexpected JSON export: format %q, %d entities, meetings %v", got.Format, len(got.Entities), got.Meetings)
	}
	if got.Entities[0].Submissions[0].ProductName != "HC-001 \"Neo\" CAR-T" {
		t.Fatalf("product name %q", got.Entities[0].Submissions[0].ProductName)
	}
}
