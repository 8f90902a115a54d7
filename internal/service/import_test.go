package service

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
)

// These tests are inside the package: they set up and inspect the register
// through its store, which the services hide from the faces.

// testRegister creates an open, empty register in tb.TempDir() (cheap key
// derivation, fixed clock), closed when the test ends; demo fills it with
// the demo data.
func testRegister(tb testing.TB, demo bool) *Register {
	tb.Helper()
	opt := Options{TestingKDF: true, Now: func() time.Time { return time.Date(2025, 3, 1, 1, 0, 0, 0, time.UTC) }}
	path := filepath.Join(tb.TempDir(), "register.atpreg")
	pass := []byte("fictional harbour lantern 7 crane kettle")
	var r *Register
	var err error
	if demo {
		r, err = CreateDemo(context.Background(), path, pass, opt)
	} else {
		r, err = Create(path, pass, opt)
	}
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := r.Close(); err != nil {
			tb.Error(err)
		}
	})
	return r
}

// importBytes checks (dryRun) or applies data as file name.
func importBytes(tb testing.TB, r *Register, name string, data []byte, dryRun bool) (ImportReport, error) {
	tb.Helper()
	f, err := NewImportFile(name, data)
	if err != nil {
		return ImportReport{}, err
	}
	if dryRun {
		return r.CheckImport(context.Background(), f)
	}
	return r.ApplyImport(context.Background(), f)
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
	r := testRegister(t, false)
	data := importCSV(importHeader,
		"港灣細胞 Harbour Cell,ada@harbour.example.com,\"12W, Science Park\",HC-001,cell_therapy,yes,AP;QC,\"line 1\nline \"\"2\"\"\"",
		" HARBOUR CELL ,x@other.example.com,,HC-009,,,,",
		"港灣細胞 harbour cell,ADA@harbour.example.com,,HC-002,Gene therapy product,,,",
	)
	rep, err := importBytes(t, r, "replies.csv", data, false)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Created != 2 || rep.Added != 3 || !rep.Applied || len(rep.Problems) != 0 || rep.Entities[0].EntityID == 0 {
		t.Fatalf("report %+v", rep)
	}
	es, err := r.db.Entities(ctx)
	if err != nil || len(es) != 2 || len(es[0].Submissions) != 2 {
		t.Fatalf("entities %+v (%v)", es, err)
	}
	hist, err := r.db.History(ctx, es[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	found := false
	for _, h := range hist {
		if h.Action == store.ActionImport && h.New == "replies.csv" && h.By == DefaultOfficer && strings.Contains(h.Detail, hex.EncodeToString(sum[:])) {
			found = true
		}
	}
	if !found {
		t.Fatalf("no import line with the file name and SHA-256 in %+v", hist)
	}
	journal := r.db.JournalRecords()
	again, err := importBytes(t, r, "replies.csv", data, false)
	if err != nil {
		t.Fatal(err)
	}
	if again.Unchanged != 2 || again.Created+again.Merged != 0 || again.Applied {
		t.Fatalf("re-import report %+v", again)
	}
	if r.db.JournalRecords() != journal {
		t.Fatalf("re-import wrote to the journal (%d -> %d records)", journal, r.db.JournalRecords())
	}
	es2, _ := r.db.Entities(ctx)
	if !reflect.DeepEqual(es, es2) {
		t.Fatal("re-import changed the register")
	}
}

func TestImportMergesIntoExisting(t *testing.T) {
	ctx := context.Background()
	r := testRegister(t, false)
	id, err := r.db.CreateEntity(ctx, register.Entity{Name: "Kowloon Tissue Works", ContactEmail: "ops@ktw.example.org", ContactName: "Wong Siu Ming",
		Submissions: []register.Submission{{ProductName: "KT Skin", ATPType: register.ATPTissueEngineered}}}, "Test Officer")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := importBytes(t, r, "more.csv", importCSV(importHeader,
		"  kowloon tissue works ,OPS@ktw.example.org,1 Lab Road,kt skin,,no,,Keratinocytes",
		"Kowloon Tissue Works,ops@ktw.example.org,,KT Cartilage,tissue_engineered,,,",
	), false)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Merged != 1 || rep.Created != 0 || rep.Added != 1 || rep.Updated != 1 || rep.Entities[0].EntityID != id {
		t.Fatalf("report %+v", rep)
	}
	e, err := r.db.GetEntity(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if e.Name != "Kowloon Tissue Works" || e.Address != "1 Lab Road" || e.ContactName != "Wong Siu Ming" || len(e.Submissions) != 2 {
		t.Fatalf("merged entity %+v", e)
	}
	if s := e.Submissions[0]; s.ProductName != "KT Skin" || s.Composition != "Keratinocytes" || s.NeedsTraining != register.No || s.ATPType != register.ATPTissueEngineered {
		t.Fatalf("merged product %+v", s)
	}
	if all, _ := r.db.Entities(ctx); len(all) != 1 {
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
			r := testRegister(t, false)
			if _, err := r.db.CreateEntity(ctx, register.Entity{Name: "Existing Ltd", ContactEmail: "e@existing.example.com",
				Submissions: []register.Submission{{ProductName: "E1", NeedsTraining: register.No}}}, "Test Officer"); err != nil {
				t.Fatal(err)
			}
			before, _ := r.db.Entities(ctx)
			data := importCSV(append([]string{importHeader}, tc.rows...)...)
			for _, dry := range []bool{true, false} {
				rep, err := importBytes(t, r, "bad.csv", data, dry)
				if dry && err != nil {
					t.Fatalf("dry run: %v", err)
				}
				if !dry && !apperr.Is(err, apperr.Invalid) {
					t.Fatalf("err = %v, want Invalid", err)
				}
				if len(rep.Problems) != 1 || rep.Problems[0].Row != tc.row || rep.Problems[0].Column != tc.column || rep.Applied {
					t.Fatalf("dry=%v problems %+v", dry, rep.Problems)
				}
				if err := rep.Err(); !apperr.Is(err, apperr.Invalid) || !strings.Contains(err.Error(), "Nothing was changed") {
					t.Fatalf("dry=%v report error %v", dry, err)
				}
				// The table marks the bad row rejected, not the good one.
				if len(rep.Table) != 2 || rep.Table[0].Action == ImportRejected || rep.Table[1].Action != ImportRejected || rep.Table[1].Row != tc.row {
					t.Fatalf("dry=%v table %+v", dry, rep.Table)
				}
				for _, e := range rep.Entities {
					if e.Action == ImportCreate && e.EntityID != 0 {
						t.Fatalf("dry=%v: an entity not created has id %d", dry, e.EntityID)
					}
				}
			}
			after, _ := r.db.Entities(ctx)
			if !reflect.DeepEqual(before, after) {
				t.Fatal("a rejected import changed the register")
			}
		})
	}
}

func TestImportDryRunChangesNothing(t *testing.T) {
	ctx := context.Background()
	r := testRegister(t, false)
	journal := r.db.JournalRecords()
	rep, err := importBytes(t, r, "dry.csv", importCSV(importHeader, "Dry Co,d@dry.example.com,,P1,,,,"), true)
	if err != nil || rep.Created != 1 || rep.Applied || !rep.DryRun || len(rep.Table) != 1 || rep.Table[0].Action != ImportCreate {
		t.Fatalf("dry run %+v, %v", rep, err)
	}
	if es, _ := r.db.Entities(ctx); len(es) != 0 {
		t.Fatalf("dry run created %d entities", len(es))
	}
	if r.db.JournalRecords() != journal {
		t.Fatalf("the dry run wrote to the journal (%d -> %d records)", journal, r.db.JournalRecords())
	}
}

// TestCheckThenApplySameFile: the file checked is the file imported, and a
// check leaves it as read (the window keeps it between the two).
func TestCheckThenApplySameFile(t *testing.T) {
	ctx := context.Background()
	r := testRegister(t, false)
	f, err := NewImportFile(`C:\Users\officer\Desktop\replies.csv`, importCSV(importHeader,
		"Lantern Bio, l@lantern.example.com ,,  LB-1 ,gene_therapy,no,,\"  cells\r\n\"",
		"Lantern Bio,l@lantern.example.com,,LB-2,,,,"))
	if err != nil {
		t.Fatal(err)
	}
	if f.Name != "replies.csv" {
		t.Fatalf("name %q, want the base name", f.Name)
	}
	check, err := r.CheckImport(ctx, f)
	if err != nil || check.Created != 1 || check.Added != 2 {
		t.Fatalf("check %+v, %v", check, err)
	}
	done, err := r.ApplyImport(ctx, f)
	if err != nil || !done.Applied || done.Created != 1 || done.Added != 2 || done.File.Name != "replies.csv" {
		t.Fatalf("apply %+v, %v", done, err)
	}
	hist, _ := r.db.History(ctx, done.Entities[0].EntityID)
	if len(hist) == 0 || hist[len(hist)-1].New != "replies.csv" && hist[0].New != "replies.csv" {
		t.Fatalf("history %+v does not name the base name", hist)
	}
	again, err := r.CheckImport(ctx, f)
	if err != nil || again.Unchanged != 1 || again.Created+again.Merged != 0 {
		t.Fatalf("check after the import %+v, %v", again, err)
	}
}

func TestReadImportFile(t *testing.T) {
	r := testRegister(t, false)
	dir := t.TempDir()
	good := filepath.Join(dir, "good.csv")
	if err := os.WriteFile(good, importCSV(importHeader, "Path Co,p@path.example.com,,P1,,,,"), 0o600); err != nil {
		t.Fatal(err)
	}
	rep, err := r.CheckImportFile(context.Background(), good)
	if err != nil || rep.File.Name != "good.csv" || rep.Created != 1 || len(rep.File.SHA256) != 64 {
		t.Fatalf("check of a path: %+v, %v", rep, err)
	}
	for _, tc := range []struct {
		name string
		data []byte
		code apperr.Code
		want string
	}{
		{"empty.csv", nil, apperr.Invalid, "empty"},
		{"big.csv", make([]byte, 50<<20), apperr.Invalid, "50.0 MB, more than the 32 MB"},
		{"scan.pdf", []byte("%PDF-1.4 ..."), apperr.Invalid, "PDF"},
		{"missing.csv", nil, apperr.NotFound, "cannot be read (no such file or directory)"},
		{"folder", nil, apperr.Invalid, "is a folder"},
	} {
		path := filepath.Join(dir, tc.name)
		switch tc.name {
		case "missing.csv":
		case "folder":
			if err := os.Mkdir(path, 0o700); err != nil {
				t.Fatal(err)
			}
		default:
			if err := os.WriteFile(path, tc.data, 0o600); err != nil {
				t.Fatal(err)
			}
		}
		_, err := ReadImportFile(path)
		if !apperr.Is(err, tc.code) || !strings.Contains(apperr.Message(err), tc.want) {
			t.Errorf("%s: err = %v, want %s with %q", tc.name, err, tc.code, tc.want)
		}
		if _, err := r.ApplyImportFile(context.Background(), path); !apperr.Is(err, tc.code) {
			t.Errorf("%s: apply err = %v", tc.name, err)
		}
		if tc.data != nil {
			// The same file given as bytes: the same error.
			if _, err2 := NewImportFile(tc.name, tc.data); apperr.Message(err2) != apperr.Message(err) {
				t.Errorf("%s: bytes %q, path %q", tc.name, apperr.Message(err2), apperr.Message(err))
			}
		}
	}
	if _, err := r.CheckImport(context.Background(), ImportFile{}); !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("check of no file: %v", err)
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
	src := testRegister(t, false)
	for _, e := range roundTripEntities() {
		if _, err := src.db.CreateEntity(ctx, e, "Test Officer"); err != nil {
			t.Fatal(err)
		}
	}
	want, err := src.db.Entities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []interchange.Format{interchange.CSV, interchange.XLSX} {
		t.Run(string(f), func(t *testing.T) {
			var buf bytes.Buffer
			if err := interchange.Write(&buf, f, interchange.Export{Entities: want}); err != nil {
				t.Fatal(err)
			}
			dst := testRegister(t, false)
			if _, err := importBytes(t, dst, "export"+f.Extension(), buf.Bytes(), false); err != nil {
				t.Fatal(err)
			}
			got, err := dst.db.Entities(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(comparable(got), comparable(want)) {
				t.Fatalf("round trip differs:\ngot  %+v\nwant %+v", comparable(got), comparable(want))
			}
		})
	}
}

func TestDemoExportImportsIntoEmptyRegister(t *testing.T) {
	ctx := context.Background()
	src := testRegister(t, true)
	want, _ := src.db.Entities(ctx)
	var buf bytes.Buffer
	if err := interchange.Write(&buf, interchange.XLSX, interchange.Export{Entities: want}); err != nil {
		t.Fatal(err)
	}
	dst := testRegister(t, false)
	if _, err := importBytes(t, dst, "demo.xlsx", buf.Bytes(), false); err != nil {
		t.Fatal(err)
	}
	got, _ := dst.db.Entities(ctx)
	if len(want) == 0 || !reflect.DeepEqual(comparable(got), comparable(want)) {
		t.Fatalf("demo register does not round-trip through XLSX (%d vs %d entities)", len(got), len(want))
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
		r := testRegister(b, false)
		b.StartTimer()
		rep, err := importBytes(b, r, "bench.csv", data, false)
		if err != nil || rep.Created != 2500 {
			b.Fatalf("import: %v (%d created)", err, rep.Created)
		}
	}
}
