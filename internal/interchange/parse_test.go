package interchange_test

import (
	"reflect"
	"strings"
	"testing"

	"atpreg/internal/apperr"
	"atpreg/internal/interchange"
	"atpreg/internal/register"
)

func TestParseHeaderProblems(t *testing.T) {
	for _, tc := range []struct {
		name   string
		header string
		column string
		reason string
	}{
		{"unknown column", "entity_name,product_name,colour", "colour", "not a column"},
		{"mistyped column", "entity_name,productname", "productname", "did you mean product_name"},
		{"duplicate column", "entity_name,product_name,Product Name", "product_name", "twice"},
		{"missing entity_name", "product_name,notes", "entity_name", "no entity_name column"},
		{"missing product_name", "entity_name,notes", "product_name", "no product_name column"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := parse(t, csvOf(tc.header, "Acme Bio,P1,x"))
			if len(b.Problems) == 0 {
				t.Fatal("no problem reported")
			}
			p := b.Problems[0]
			if p.Row != 1 || p.Column != tc.column || !strings.Contains(p.Reason, tc.reason) {
				t.Fatalf("problem %+v, want row 1, column %q, reason with %q", p, tc.column, tc.reason)
			}
			if len(b.Groups) != 0 {
				t.Fatalf("groups despite a bad header: %d", len(b.Groups))
			}
			if !apperr.Is(b.Err(), apperr.Invalid) {
				t.Fatalf("Err() = %v", b.Err())
			}
		})
	}
}

func TestParseCellProblems(t *testing.T) {
	header := "entity_name,contact_email,received_on,product_name,atp_type,routes,pd_completed,expected_start"
	for _, tc := range []struct {
		name   string
		row    string
		column string
		value  string
	}{
		{"unknown choice", "Acme,a@acme.example.com,,P1,stem cells,,,", "atp_type", "stem cells"},
		{"unknown route in list", "Acme,a@acme.example.com,,P1,,intravenous; oral,,", "routes", "intravenous; oral"},
		{"bad date", "Acme,a@acme.example.com,14/02/2025,P1,,,,", "received_on", "14/02/2025"},
		{"bad month", "Acme,a@acme.example.com,,P1,,,,2026-13", "expected_start", "2026-13"},
		{"bad yes/no", "Acme,a@acme.example.com,,P1,,,maybe,", "pd_completed", "maybe"},
		{"bad email", "Acme,not-an-email,,P1,,,,", "contact_email", "not-an-email"},
		{"product fields without a name", "Acme,a@acme.example.com,,,cell_therapy,,,", "product_name", ""},
		{"no entity name", ",a@acme.example.com,,P1,,,,", "entity_name", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := parse(t, csvOf(header, "Fine Co,f@fine.example.com,2025-01-02,Good,cell_therapy,IV,yes,2026-01", tc.row))
			if len(b.Problems) != 1 {
				t.Fatalf("problems %+v, want exactly 1", b.Problems)
			}
			p := b.Problems[0]
			if p.Row != 3 || p.Column != tc.column || p.Value != tc.value || p.Reason == "" {
				t.Fatalf("problem %+v, want row 3, column %q, value %q", p, tc.column, tc.value)
			}
			fe := apperr.FieldsOf(b.Err())
			if len(fe) != 1 || fe[0].Row != 3 || fe[0].Field != tc.column {
				t.Fatalf("field errors %+v", fe)
			}
		})
	}
}

func TestParseGrouping(t *testing.T) {
	b := parse(t, csvOf(
		"entity_name,contact_email,entity_address,product_name,atp_type,intended_use",
		"Acme Bio,ada@acme.example.com,1 Road,P1,Cell therapy product,First-in-human Phase I trial",
		"  ACME BIO ,ADA@acme.example.com,,P2,GENE_THERAPY,phase ii",
		"Acme Bio,other@acme.example.com,,P1,,",
		"Solo Ltd,,,,,",
	))
	if err := b.Err(); err != nil {
		t.Fatalf("problems: %v %+v", err, b.Problems)
	}
	if len(b.Groups) != 3 {
		t.Fatalf("%d groups, want 3", len(b.Groups))
	}
	g := b.Groups[0]
	if g.Entity.Name != "Acme Bio" || g.Entity.Address != "1 Road" || len(g.Entity.Submissions) != 2 {
		t.Fatalf("first group %+v", g.Entity)
	}
	if s := g.Entity.Submissions[1]; s.ATPType != register.ATPGeneTherapy || s.IntendedUse != register.UsePhase2 {
		t.Fatalf("labels not parsed: %+v", s)
	}
	if g.Entity.Submissions[0].ATPType != register.ATPCellTherapy || g.Entity.Submissions[0].IntendedUse != register.UsePhase1 {
		t.Fatalf("labels not parsed: %+v", g.Entity.Submissions[0])
	}
	if got := g.SubmissionRows; len(got) != 2 || got[0] != 2 || got[1] != 3 {
		t.Fatalf("submission rows %v", got)
	}
	if len(b.Groups[2].Entity.Submissions) != 0 || b.Submissions() != 3 {
		t.Fatalf("entity-only row: %+v, %d submissions", b.Groups[2].Entity, b.Submissions())
	}
}

func TestParseGroupConflicts(t *testing.T) {
	for _, tc := range []struct {
		name   string
		rows   []string
		column string
		reason string
	}{
		{"address differs", []string{"Acme,a@acme.example.com,1 Road,P1", "Acme,a@acme.example.com,2 Road,P2"}, "entity_address", "differs from row 2"},
		{"product twice", []string{"Acme,a@acme.example.com,1 Road,P1", "acme,a@acme.example.com,, p1 "}, "product_name", "already on row 2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := parse(t, csvOf(append([]string{"entity_name,contact_email,entity_address,product_name"}, tc.rows...)...))
			if len(b.Problems) != 1 || b.Problems[0].Row != 3 || b.Problems[0].Column != tc.column || !strings.Contains(b.Problems[0].Reason, tc.reason) {
				t.Fatalf("problems %+v", b.Problems)
			}
		})
	}
}

func TestParseValidationMapsToCells(t *testing.T) {
	// Cross-field rules of the domain come back at the row and column.
	b := parse(t, csvOf(
		"entity_name,product_name,atp_type,gene_vector,routes,route_other",
		"Acme,P1,cell_therapy,viral,,",
		"Acme,P2,,,intravenous,Oral spray",
	))
	got := map[string]int{}
	for _, p := range b.Problems {
		got[p.Column] = p.Row
	}
	if got["gene_vector"] != 2 || got["route_other"] != 3 || len(b.Problems) != 2 {
		t.Fatalf("problems %+v", b.Problems)
	}
}

func TestParseColumnNames(t *testing.T) {
	names := interchange.ColumnNames()
	if len(names) != 31 || names[0] != "entity_name" || names[27] != "notes" {
		t.Fatalf("columns %v", names)
	}
}

// cliColumns is the import format of /work/shared/CLI.md, word for word.
const cliColumns = "entity_name, entity_address, contact_name, contact_email, contact_phone, " +
	"received_on, product_name, composition, pharmaceutical_form, " +
	"therapeutic_indication, routes, route_other, atp_type, gene_vector, " +
	"intended_use, intended_use_other, starting_materials, " +
	"starting_materials_other, process_type, pd_completed, pd_further, " +
	"gmp_before, has_authorized_person, needs_training, training_roles, " +
	"training_details, expected_start, notes"

// TestContractColumnsOnly: a file with exactly the contract's columns (none
// of the extras entity_source, entity_tags, entity_notes) imports every item.
func TestContractColumnsOnly(t *testing.T) {
	names := strings.Split(cliColumns, ", ")
	if got := interchange.ColumnNames(); !reflect.DeepEqual(got[:len(names)], names) || len(got) != len(names)+3 {
		t.Fatalf("columns %v do not start with the contract's %v plus three extras", got, names)
	}
	row := []string{"Harbour Cell 🧬 Ltd", "1 Science Park West Ave", "陳大文", "ada@harbour.example.com", "+852 3000 0001",
		"2025-02-14", "HC-001", "Autologous T cells", "Suspension for infusion",
		"Lymphoma", "Intravenous; other", "Intrathecal", "Gene therapy product", "Viral vector",
		"Other", "Compassionate use", "peripheral_blood; OTHER",
		"Leukapheresis", "Closed system", "no", "Six months",
		"Y", "false", "TRUE", "head_of_qc",
		"QC release", "2026-03", "Fictional"}
	b := parse(t, csvOf(strings.Join(names, ","), `"`+strings.Join(row, `","`)+`"`))
	if err := b.Err(); err != nil {
		t.Fatalf("problems: %v %+v", err, b.Problems)
	}
	e := b.Groups[0].Entity
	if e.Name != "Harbour Cell 🧬 Ltd" || e.Source != "" || e.Notes != "" || len(e.Tags) != 0 || len(e.Submissions) != 1 {
		t.Fatalf("entity %+v", e)
	}
	if e.Complete() != true || len(e.Missing()) != 0 {
		t.Fatalf("a fully answered row is incomplete: missing %v", e.Missing())
	}
}
