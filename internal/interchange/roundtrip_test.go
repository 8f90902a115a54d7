package interchange_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/xuri/excelize/v2"

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
		{"+1 (852) 3000-0001", "+1 (852) 3000-0001"},
		{"-0.5", "-0.5"},
		{"-", "-"},
		{"-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"},
		{"+1+HYPERLINK(\"http://x\")", "'+1+HYPERLINK(\"http://x\")"},
		{"- see the CMC notes", "'- see the CMC notes"},
		{"+ 1", "+ 1"},
		{"\t=1+1", "'\t=1+1"},
		{"\r=1+1", "'\r=1+1"},
		{"'-2+3+cmd|x", "''-2+3+cmd|x"},
		{"'=x", "''=x"},
		{"'plain", "'plain"},
		{"＝SUM(A1)", "'＝SUM(A1)"},
		{"＠cmd", "'＠cmd"},
		{"＋1+cmd|x", "'＋1+cmd|x"},
		{"－2+3+cmd|x", "'－2+3+cmd|x"},
		{"－ see the CMC notes", "'－ see the CMC notes"},
		{"＋852 2629 6979", "＋852 2629 6979"},
		{"－5", "－5"},
		{"＋", "＋"},
		{"'＝x", "''＝x"},
		{"'＋cmd", "''＋cmd"},
		{"+852 2629 6979", "+852 2629 6979"},
		{"a＝b", "a＝b"},
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

// TestWriteXLSXSheets: the workbook export has one sheet per kind, the import
// format first, each with a frozen header row and columns fitted to the
// content (wider than the default for long values, never wider than 60).
func TestWriteXLSXSheets(t *testing.T) {
	var buf bytes.Buffer
	x := interchange.Export{
		Entities:    sampleEntities(),
		Evaluations: []register.Evaluation{{ID: 1, EntityID: 0, Evaluator: "陳小姐", Date: "2025-03-01"}},
		Partners:    []register.Partner{{ID: 1, Name: "Fictional University GMP Centre"}},
		Meetings:    []register.Meeting{{ID: 1, Title: "Dialogue 🧬 meeting", PartnerIDs: []int64{1}}},
	}
	if err := interchange.WriteXLSX(&buf, x); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := []string{"Submissions", "Entities", "Evaluations", "Partners", "Meetings"}
	if got := f.GetSheetList(); !reflect.DeepEqual(got, want) {
		t.Fatalf("sheets %v, want %v", got, want)
	}
	for _, name := range want {
		panes, err := f.GetPanes(name)
		if err != nil || !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s: header row not frozen (%+v, %v)", name, panes, err)
		}
		rows, err := f.GetRows(name)
		if err != nil || len(rows) < 2 {
			t.Errorf("%s: %d rows (%v), want a header and data", name, len(rows), err)
		}
	}
	// Column C of Submissions is contact_name (short), B is entity_address
	// (long, two lines): B is wider, and no column passes 60.
	wb, _ := f.GetColWidth("Submissions", "B")
	wc, _ := f.GetColWidth("Submissions", "C")
	if wb <= wc || wb > 60 {
		t.Errorf("column widths B=%v C=%v: not fitted to the content", wb, wc)
	}
	rows, _ := f.GetRows("Meetings")
	if rows[1][1] != "Dialogue 🧬 meeting" || rows[1][4] != "Fictional University GMP Centre" {
		t.Errorf("meeting row %q", rows[1])
	}
}
