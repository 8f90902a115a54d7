package interchange_test

import (
	"bytes"
	"testing"

	"atpreg/internal/interchange"
	"atpreg/internal/register"
)

// sampleEntities are fictional entities whose values exercise the format:
// Chinese text, quotes, commas, line breaks, formula-looking values (ASCII
// and full-width), a telephone number, an
// entity without products, and every choice field.
func sampleEntities() []register.Entity {
	return []register.Entity{
		{
			Name: "港灣細胞治療有限公司 Harbour Cell, Ltd.", Address: "香港科學園 12W 座\n5 樓, \"Lab 3\"",
			ContactName: "陳大文", ContactEmail: "ada@harbour-cell.example.com", ContactPhone: "+852 3000 0001",
			ReceivedOn: "2025-02-14", Source: "RFI reply, 14 Feb", Tags: []string{"priority", "細胞"}, Notes: "Met at BIO Asia;\nfollow up \"soon\"",
			Submissions: []register.Submission{
				{
					ProductName: "HC-001 \"Neo\" CAR-T", Composition: "自體 T 細胞, 1×10^8 cells\nin 50 mL", PharmaceuticalForm: "Suspension for infusion",
					TherapeuticIndication: "Relapsed B-cell lymphoma", Routes: []register.Route{register.RouteIntravenous, register.RouteOther}, RouteOther: "Intrathecal",
					ATPType: register.ATPGeneTherapy, GeneVector: register.VectorViral, IntendedUse: register.UseOther, IntendedUseOther: "Compassionate use",
					StartingMaterials: []register.StartingMaterial{register.MaterialPeripheralBlood, register.MaterialOther}, StartingMaterialsOther: "Leukapheresis, fresh",
					ProcessType: register.ProcessClosedSystem, PDCompleted: register.No, PDFurther: "About 6 months, \"scale-up\"",
					GMPBefore: register.Yes, HasAuthorizedPerson: register.No, NeedsTraining: register.Yes,
					TrainingRoles: []register.TrainingRole{register.RoleAuthorizedPerson, register.RoleHeadOfQC}, TrainingDetails: "Batch release, QC",
					ExpectedStart: "2026-03", Notes: "=HYPERLINK(\"x\")",
				},
				{ProductName: "HC-002 MSC", ATPType: register.ATPCellTherapy, ExpectedStart: "2026-09-15", PDCompleted: register.Yes},
			},
		},
		{Name: "Kowloon Tissue Works", ContactEmail: "ops@ktw.example.org", ContactPhone: "2345 6789 ext 12"},
		{
			Name: "Lion Rock Bio", Address: "1 Science Park West Ave", ContactEmail: "", ContactPhone: "+852 2629 6979",
			Source: "'－not a formula", Notes: "＠SUM(1+1)", Tags: []string{"＋1+cmd|x"},
			Submissions: []register.Submission{{ProductName: "'=not a formula", Composition: "＝HYPERLINK(\"x\")", Notes: "-minus; +plus"}},
		},
	}
}

// normalised returns es normalised the way an import stores them.
func normalised(es []register.Entity) []register.Entity {
	out := make([]register.Entity, len(es))
	for i, e := range es {
		e.Submissions = append([]register.Submission(nil), e.Submissions...)
		e.Normalize()
		if e.Submissions == nil {
			e.Submissions = []register.Submission{}
		}
		out[i] = e
	}
	return out
}

// parse reads and parses data, failing the test on a read error.
func parse(t *testing.T, data []byte) *interchange.Batch {
	t.Helper()
	tab, err := interchange.Read(data)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return interchange.Parse(tab)
}

// csvOf joins lines with CRLF.
func csvOf(lines ...string) []byte {
	var b bytes.Buffer
	for _, l := range lines {
		b.WriteString(l)
		b.WriteString("\r\n")
	}
	return b.Bytes()
}
