package store_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"atpreg/internal/apperr"
	"atpreg/internal/interchange"
	"atpreg/internal/register"
	"atpreg/internal/store"
	"atpreg/internal/store/storetest"
)

// importBytes reads, parses and imports data as file name.
func importBytes(t testing.TB, db *store.DB, name string, data []byte, dryRun bool) (store.ImportReport, error) {
	t.Helper()
	tab, err := interchange.Read(data)
	if err != nil {
		return store.ImportReport{}, err
	}
	sum := sha256.Sum256(data)
	return db.Import(context.Background(), interchange.Parse(tab), store.ImportFile{Name: name, SHA256: hex.EncodeToString(sum[:])}, "Test Officer", dryRun)
}

func importCSV(lines ...string) []byte { return []byte(strings.Join(lines, "\r\n") + "\r\n") }

const importHeader = "entity_name,contact_email,entity_address,product_name,atp_type,needs_training,training_roles,composition"

// comparable strips what a register adds (ids, times, status) from es.
func comparable(es []register.Entity) []register.Entity {
	out := make([]register.Entity, len(es))
	for i, e := range es {
		e.ID, e.CreatedAt, e.UpdatedAt, e.Status = 0, time.Time{}, time.Time{}, ""
		subs := make([]register.Submission, len(e.Submissions))
		for j, s := range e.Submissions {
			s.ID, s.EntityID = 0, 0
			subs[j] = s
		}
		e.Submissions = subs
		if e.Tags == nil {
			e.Tags = []string{}
		}
		out[i] = e
	}
	return out
}

func TestImportCreatesThenReimportChangesNothing(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	data := importCSV(importHeader,
		"港灣細胞 Harbour Cell,ada@harbour.example.com,\"12W, Science Park\",HC-001,cell_therapy,yes,AP;QC,\"line 1\nline \"\"2\"\"\"",
		" HARBOUR CELL ,x@other.example.com,,HC-009,,,,",
		"港灣細胞 harbour cell,ADA@harbour.example.com,,HC-002,Gene therapy product,,,",
	)
	rep, err := importBytes(t, db, "replies.csv", data, false)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Created != 2 || rep.Added != 3 || !rep.Applied || len(rep.Problems) != 0 {
		t.Fatalf("report %+v", rep)
	}
	es, err := db.Entities(ctx)
	if err != nil || len(es) != 2 || len(es[0].Submissions) != 2 {
		t.Fatalf("entities %+v (%v)", es, err)
	}
	hist, err := db.History(ctx, es[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	found := false
	for _, h := range hist {
		if h.Action == store.ActionImport && h.New == "replies.csv" && strings.Contains(h.Detail, hex.EncodeToString(sum[:])) {
			found = true
		}
	}
	if !found {
		t.Fatalf("no import line with the file name and SHA-256 in %+v", hist)
	}
	journal := db.JournalRecords()
	again, err := importBytes(t, db, "replies.csv", data, false)
	if err != nil {
		t.Fatal(err)
	}
	if again.Unchanged != 2 || again.Created+again.Merged != 0 || again.Applied {
		t.Fatalf("re-import report %+v", again)
	}
	if db.JournalRecords() != journal {
		t.Fatalf("re-import wrote to the journal (%d -> %d records)", journal, db.JournalRecords())
	}
	es2, _ := db.Entities(ctx)
	if !reflect.DeepEqual(es, es2) {
		t.Fatal("re-import changed the register")
	}
}

func TestImportMergesIntoExisting(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	id, err := db.CreateEntity(ctx, register.Entity{Name: "Kowloon Tissue Works", ContactEmail: "ops@ktw.example.org", ContactName: "Wong Siu Ming",
		Submissions: []register.Submission{{ProductName: "KT Skin", ATPType: register.ATPTissueEngineered}}}, "Test Officer")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := importBytes(t, db, "more.csv", importCSV(importHeader,
		"  kowloon tissue works ,OPS@ktw.example.org,1 Lab Road,kt skin,,no,,Keratinocytes",
		"Kowloon Tissue Works,ops@ktw.example.org,,KT Cartilage,tissue_engineered,,,",
	), false)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Merged != 1 || rep.Created != 0 || rep.Added != 1 || rep.Updated != 1 || rep.Entities[0].EntityID != id {
		t.Fatalf("report %+v", rep)
	}
	e, err := db.GetEntity(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if e.Name != "Kowloon Tissue Works" || e.Address != "1 Lab Road" || e.ContactName != "Wong Siu Ming" || len(e.Submissions) != 2 {
		t.Fatalf("merged entity %+v", e)
	}
	if s := e.Submissions[0]; s.ProductName != "KT Skin" || s.Composition != "Keratinocytes" || s.NeedsTraining != register.No || s.ATPType != register.ATPTissueEngineered {
		t.Fatalf("merged product %+v", s)
	}
	if all, _ := db.Entities(ctx); len(all) != 1 {
		t.Fatalf("%d entities, want 1 (merged, not duplicated)", len(all))
	}
}

func TestImportAllOrNothing(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name   string
		rows   []string
		row    int
		column string
	}{
		{"bad cell", []string{"Fine Co,f@fine.example.com,,P1,,,,", "Bad Co,b@bad.example.com,,P2,stem cells,,,"}, 3, "atp_type"},
		// The stored product needs no training; the file names roles for it.
		{"merge the domain rejects", []string{"Fine Co,f@fine.example.com,,P1,,,,", "Existing Ltd,e@existing.example.com,,E1,,,AP,"}, 3, "training_roles"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := storetest.New(t)
			if _, err := db.CreateEntity(ctx, register.Entity{Name: "Existing Ltd", ContactEmail: "e@existing.example.com",
				Submissions: []register.Submission{{ProductName: "E1", NeedsTraining: register.No}}}, "Test Officer"); err != nil {
				t.Fatal(err)
			}
			before, _ := db.Entities(ctx)
			data := importCSV(append([]string{importHeader}, tc.rows...)...)
			for _, dry := range []bool{true, false} {
				rep, err := importBytes(t, db, "bad.csv", data, dry)
				if dry && err != nil {
					t.Fatalf("dry run: %v", err)
				}
				if !dry && !apperr.Is(err, apperr.Invalid) {
					t.Fatalf("err = %v, want Invalid", err)
				}
				if len(rep.Problems) != 1 || rep.Problems[0].Row != tc.row || rep.Problems[0].Column != tc.column || rep.Applied {
					t.Fatalf("dry=%v problems %+v", dry, rep.Problems)
				}
			}
			after, _ := db.Entities(ctx)
			if !reflect.DeepEqual(before, after) {
				t.Fatal("a rejected import changed the register")
			}
		})
	}
}

func TestImportDryRunChangesNothing(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	journal := db.JournalRecords()
	rep, err := importBytes(t, db, "dry.csv", importCSV(importHeader, "Dry Co,d@dry.example.com,,P1,,,,"), true)
	if err != nil || rep.Created != 1 || rep.Applied || !rep.DryRun {
		t.Fatalf("dry run %+v, %v", rep, err)
	}
	if es, _ := db.Entities(ctx); len(es) != 0 {
		t.Fatalf("dry run created %d entities", len(es))
	}
	if db.JournalRecords() != journal {
		t.Fatalf("the dry run wrote to the journal (%d -> %d records)", journal, db.JournalRecords())
	}
}

// roundTripEntities are fictional entities with Chinese text, quotes,
// commas and line breaks in their values.
func roundTripEntities() []register.Entity {
	return []register.Entity{
		{Name: "港灣細胞治療 \"Harbour\", Ltd.", Address: "香港科學園\n12W 座, 5 樓", ContactName: "陳大文", ContactEmail: "ada@harbour.example.com",
			ContactPhone: "+852 3000 0001", ReceivedOn: "2025-02-14", Source: "Email, 14 Feb 🧬", Tags: []string{"priority", "細胞"}, Notes: "Follow up \"soon\",\nby phone 📞",
			Submissions: []register.Submission{
				{ProductName: "HC-001 \"Neo\"", Composition: "自體 T 細胞, 1e8\ncells", Routes: []register.Route{register.RouteIntravenous, register.RouteOther}, RouteOther: "Intrathecal, slow",
					ATPType: register.ATPGeneTherapy, GeneVector: register.VectorViral, IntendedUse: register.UsePhase1,
					StartingMaterials: []register.StartingMaterial{register.MaterialPeripheralBlood}, ProcessType: register.ProcessClosedSystem,
					PDCompleted: register.No, PDFurther: "6 months", GMPBefore: register.Yes, HasAuthorizedPerson: register.No, NeedsTraining: register.Yes,
					TrainingRoles: []register.TrainingRole{register.RoleHeadOfQC}, TrainingDetails: "QC release", ExpectedStart: "2026-03", Notes: "=1+1"},
				{ProductName: "HC-002", ExpectedStart: "2026-09-15"},
			}},
		{Name: "Empty Shell Co", ContactEmail: "shell@example.com"},
	}
}

func TestExportImportRoundTrip(t *testing.T) {
	ctx := context.Background()
	src := storetest.New(t)
	for _, e := range roundTripEntities() {
		if _, err := src.CreateEntity(ctx, e, "Test Officer"); err != nil {
			t.Fatal(err)
		}
	}
	want, err := src.Entities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []interchange.Format{interchange.CSV, interchange.XLSX} {
		t.Run(string(f), func(t *testing.T) {
			var buf bytes.Buffer
			if err := interchange.Write(&buf, f, interchange.Export{Entities: want}); err != nil {
				t.Fatal(err)
			}
			dst := storetest.New(t)
			if _, err := importBytes(t, dst, "export"+f.Extension(), buf.Bytes(), false); err != nil {
				t.Fatal(err)
			}
			got, err := dst.Entities(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(comparable(got), comparable(want)) {
				t.Fatalf("round trip differs:\ngot  %+v\nwant %+v", comparable(got), comparable(want))
			}
		})
	}
}

// benchCSV makes a file of n rows: entities of four products each.
func benchCSV(n int) []byte {
	var b bytes.Buffer
	b.WriteString("entity_name,contact_email,contact_phone,received_on,entity_address,product_name,composition,pharmaceutical_form,therapeutic_indication,routes,atp_type,intended_use,starting_materials,process_type,pd_completed,gmp_before,has_authorized_person,needs_training,training_roles,expected_start\r\n")
	for i := 0; i < n; i++ {
		e := i / 4
		fmt.Fprintf(&b, "Bench Entity %d Ltd,contact%d@bench.example.com,+852 3%03d %04d,2025-01-%02d,\"%d Science Park Road, Shatin\",Product %d,\"Autologous cells, %d per mL\",Suspension for infusion,Indication %d,intravenous;subcutaneous,cell_therapy,phase_1,peripheral_blood,closed_system,yes,no,yes,yes,authorized_person;head_of_qc,2026-%02d\r\n",
			e, e, e%1000, e%10000, 1+e%28, e, i, i, i, 1+i%12)
	}
	return b.Bytes()
}

// BenchmarkImport10kRowsCSV reads, checks and imports 10,000 CSV rows (2,500
// entities) into an empty register, including the durable commit.
func BenchmarkImport10kRowsCSV(b *testing.B) {
	data := benchCSV(10000)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		b.StopTimer()
		db := storetest.New(b)
		b.StartTimer()
		rep, err := importBytes(b, db, "bench.csv", data, false)
		if err != nil || rep.Created != 2500 {
			b.Fatalf("import: %v (%d created)", err, rep.Created)
		}
	}
}

func TestDemoExportImportsIntoEmptyRegister(t *testing.T) {
	ctx := context.Background()
	src := storetest.New(t)
	if err := store.LoadDemo(ctx, src, "Test Officer"); err != nil {
		t.Fatal(err)
	}
	want, _ := src.Entities(ctx)
	path := filepath.Join(t.TempDir(), "demo.xlsx")
	if err := exportXLSX(ctx, src, path); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dst := storetest.New(t)
	if _, err := importBytes(t, dst, "demo.xlsx", data, false); err != nil {
		t.Fatal(err)
	}
	got, _ := dst.Entities(ctx)
	if !reflect.DeepEqual(comparable(got), comparable(want)) {
		t.Fatalf("demo register does not round-trip through XLSX (%d vs %d entities)", len(got), len(want))
	}
}
