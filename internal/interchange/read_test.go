package interchange_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"atpreg/internal/apperr"
	"atpreg/internal/interchange"
)

func TestReadCSVForms(t *testing.T) {
	header := "entity_name,product_name,composition"
	for _, tc := range []struct {
		name string
		data string
	}{
		{"LF", header + "\nAcme Bio,P1,\"a, b\nc \"\"q\"\"\"\n"},
		{"CRLF with BOM", "\ufeff" + header + "\r\nAcme Bio,P1,\"a, b\r\nc \"\"q\"\"\"\r\n"},
		{"CR only", header + "\rAcme Bio,P1,\"a, b\rc \"\"q\"\"\"\r"},
		{"semicolons", "entity_name;product_name;composition\nAcme Bio;P1;\"a, b\nc \"\"q\"\"\"\n"},
		{"no final line end, blank rows", header + "\n\n,,\nAcme Bio,P1,\"a, b\nc \"\"q\"\"\""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := parse(t, []byte(tc.data))
			if err := b.Err(); err != nil {
				t.Fatalf("problems: %v", err)
			}
			if len(b.Groups) != 1 || len(b.Groups[0].Entity.Submissions) != 1 {
				t.Fatalf("groups: %+v", b.Groups)
			}
			if got := b.Groups[0].Entity.Submissions[0].Composition; got != "a, b\nc \"q\"" {
				t.Fatalf("composition %q", got)
			}
		})
	}
}

func TestReadRejects(t *testing.T) {
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "empty"},
		{"only BOM and space", []byte("\ufeff \n\n"), "empty"},
		{"xls", []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest"), ".xls"},
		{"pdf", []byte("%PDF-1.7\n..."), "PDF"},
		{"binary", []byte("ab\x00\x01\x02"), "binary"},
		{"zip not xlsx", append([]byte("PK\x03\x04"), bytes.Repeat([]byte{1}, 40)...), "workbook could not be read"},
		{"not UTF-8", []byte("entity_name,product_name\nCaf\xe9,P\n"), "UTF-8"},
		{"bad quote", []byte("entity_name,product_name\n\"Acme,P\n"), "not valid CSV"},
		{"too large", bytes.Repeat([]byte("a"), 50<<20), "too large"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := interchange.Read(tc.data)
			if !apperr.Is(err, apperr.Invalid) {
				t.Fatalf("err = %v, want an Invalid error", err)
			}
			if !strings.Contains(apperr.Message(err), tc.want) {
				t.Fatalf("message %q does not mention %q", apperr.Message(err), tc.want)
			}
		})
	}
}

func TestReadXLSXTypedCells(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	set := func(cell string, v any) {
		t.Helper()
		if err := f.SetCellValue("Sheet1", cell, v); err != nil {
			t.Fatal(err)
		}
	}
	for i, h := range []string{"entity_name", "contact_phone", "received_on", "product_name", "pd_completed", "expected_start", "gmp_before"} {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		set(cell, h)
	}
	set("A2", "Acme Bio")
	set("B2", 85230000001)
	set("C2", 45702.0) // 2025-02-14 as a date serial
	dateStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	monthFmt := "mmm yyyy"
	monthStyle, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &monthFmt})
	_ = f.SetCellStyle("Sheet1", "C2", "C2", dateStyle)
	set("D2", 123)
	set("E2", true)
	set("F2", 46082.0) // 2026-03-01
	_ = f.SetCellStyle("Sheet1", "F2", "F2", monthStyle)
	set("G2", false)
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	b := parse(t, buf.Bytes())
	if err := b.Err(); err != nil {
		t.Fatalf("problems: %v %+v", err, b.Problems)
	}
	e := b.Groups[0].Entity
	s := e.Submissions[0]
	got := []string{e.ContactPhone, e.ReceivedOn, s.ProductName, string(s.PDCompleted), string(s.ExpectedStart), string(s.GMPBefore)}
	want := []string{"85230000001", "2025-02-14", "123", "yes", "2026-03", "no"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("cell %d = %q, want %q", i, got[i], want[i])
		}
	}
}

func TestTemplate(t *testing.T) {
	var buf bytes.Buffer
	if err := interchange.WriteTemplate(&buf); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 2 || got[0] != "Import" || got[1] != "Columns" {
		t.Fatalf("sheets %v", got)
	}
	rows, err := f.GetRows("Import")
	if err != nil || len(rows) != 1 || strings.Join(rows[0], ",") != strings.Join(interchange.ColumnNames(), ",") {
		t.Fatalf("header %v (%v)", rows, err)
	}
	dvs, err := f.GetDataValidations("Import")
	if err != nil {
		t.Fatal(err)
	}
	lists := 0
	for _, c := range interchange.Columns() {
		switch c.Kind {
		case interchange.KindChoice, interchange.KindMulti, interchange.KindYesNo:
			lists++
		}
	}
	if len(dvs) != lists || lists != 11 {
		t.Fatalf("%d drop-down lists, want %d (11)", len(dvs), lists)
	}
	help, _ := f.GetRows("Columns")
	if len(help) < len(interchange.Columns())+1 {
		t.Fatalf("help sheet has %d rows", len(help))
	}
	// The guide explains the three columns beyond CLI.md's import format.
	extras := ""
	for _, row := range help {
		if len(row) > 3 && row[0] == "extras" {
			extras = row[3]
		}
	}
	for _, want := range []string{"entity_source", "entity_tags", "entity_notes", "without them"} {
		if !strings.Contains(extras, want) {
			t.Errorf("the guide's extras row %q does not mention %q", extras, want)
		}
	}
	// The blank template imports as a file with a header and no rows.
	b := parse(t, data)
	if err := b.Err(); err != nil || len(b.Groups) != 0 {
		t.Fatalf("template parses to %d groups, %v", len(b.Groups), err)
	}
	panes, err := f.GetPanes("Import")
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Fatalf("header row not frozen: %+v %v", panes, err)
	}
}
