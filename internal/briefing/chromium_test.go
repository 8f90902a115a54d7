package briefing_test

import (
	"fmt"
	"html/template"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"atpreg/internal/briefing"
	"atpreg/internal/pdftest"
	"atpreg/internal/register"
)

// packHTML is the pack's content as one HTML page for Chromium to print: the
// same cover, summary table, every field of every entity and product, the
// evaluation bars with notes, notes space, and a fixed (so repeated on every
// printed page) diagonal watermark.
var packHTML = template.Must(template.New("pack").Funcs(template.FuncMap{
	"label": register.FieldLabel,
	"pct":   func(v float64) string { return fmt.Sprintf("%.0f%%", v/register.MaxScore*100) },
}).Parse(`<!doctype html><html><head><meta charset="utf-8"><title>Briefing pack</title>
<style>
@page { size: A4; margin: 18mm 15mm 20mm; }
body { font-family: 'WenQuanYi Micro Hei', sans-serif; font-size: 9.5pt; color: #1c2330; }
h1 { color: #2f5d8a; border-bottom: 1px solid #2f5d8a; font-size: 15pt; break-before: page; }
h2 { font-size: 11pt; }
table { width: 100%; border-collapse: collapse; }
td, th { border-bottom: 0.5px solid #ccc; padding: 3px; vertical-align: top; text-align: left; }
th { background: #e3ecf6; color: #2f5d8a; font-size: 8pt; }
td.k { width: 32%; color: #666; font-size: 8pt; }
.bar { background: #e8ebf0; height: 8px; width: 100%; } .bar div { background: #2f5d8a; height: 8px; }
.notes { border: 1px solid #ccc; height: 55mm; background: repeating-linear-gradient(#fff 0 7mm, #ccc 7mm 7.3mm); }
.wm { position: fixed; top: 45%; left: 0; width: 100%; transform: rotate(-55deg); text-align: center; font-size: 30pt; color: rgba(150,150,150,0.25); }
.cover { height: 250mm; } .notice { background: #e3ecf6; padding: 8px; border-left: 3px solid #2f5d8a; font-size: 8pt; }
</style></head><body>
<div class="wm">CONFIDENTIAL · {{.In.Recipient}} · Copy {{.In.CopyNo}}</div>
<div class="cover"><h2 style="font-size:24pt">Briefing pack</h2><p>{{.Sub}}</p>
<table><tr><td class="k">Prepared for</td><td>{{.In.Recipient}}</td></tr><tr><td class="k">Copy</td><td>{{.In.CopyNo}}</td></tr>
<tr><td class="k">Document id</td><td>{{.In.DocumentID}}</td></tr><tr><td class="k">Entities</td><td>{{len .In.Entities}}</td></tr></table>
<p class="notice">{{.Notice}}</p></div>
<h1>Summary of entities</h1><table><tr><th>#</th><th>Entity</th><th>Product</th><th>ATP type</th><th>Intended use</th><th>Status</th><th>Completeness</th><th>Score</th></tr>
{{range $i, $e := .Rows}}<tr><td>{{$e.N}}</td><td>{{$e.Name}}</td><td>{{$e.Products}}</td><td>{{$e.Types}}</td><td>{{$e.Uses}}</td><td>{{$e.Status}}</td><td>{{$e.Complete}}</td><td>{{$e.Score}}</td></tr>{{end}}</table>
{{range .Rows}}<h1>{{.N}}. {{.Name}}</h1>
<table>{{range .Details}}<tr><td class="k">{{index . 0}}</td><td>{{index . 1}}</td></tr>{{end}}</table>
{{range .Subs}}<h2>{{.Title}}</h2><table>{{range .Rows}}<tr><td class="k">{{index . 0}}</td><td>{{index . 1}}</td></tr>{{end}}</table>{{end}}
<h2>Evaluation</h2><table>{{range .Bars}}<tr><td class="k">{{.Label}}</td><td><div class="bar"><div style="width:{{pct .Mean}}"></div></div></td><td>{{printf "%.1f" .Mean}}</td><td>{{.Notes}}</td></tr>{{end}}</table>
<h2>Discussion notes</h2><div class="notes"></div>{{end}}
</body></html>`))

type htmlBar struct {
	Label string
	Mean  float64
	Notes string
}

type htmlSub struct {
	Title string
	Rows  [][2]string
}

type htmlRow struct {
	N                                                    int
	Name, Products, Types, Uses, Status, Complete, Score string
	Details                                              [][2]string
	Subs                                                 []htmlSub
	Bars                                                 []htmlBar
}

func writeHTML(t testing.TB, in briefing.PackInput, path string) {
	t.Helper()
	var rows []htmlRow
	for i, ei := range in.Entities {
		e := ei.Entity
		sc := register.Summarise(ei.Evaluations, register.DefaultWeights())
		r := htmlRow{N: i + 1, Name: e.Name, Status: e.Status.Label(), Complete: fmt.Sprint(e.Complete()), Score: fmt.Sprintf("%.2f", sc.Total),
			Details: [][2]string{{"Name", e.Name}, {"Address", e.Address}, {"Contact", e.ContactName}, {"Email", e.ContactEmail}, {"Telephone", e.ContactPhone}, {"Received", e.ReceivedOn}}}
		for k, s := range e.Submissions {
			r.Products += s.ProductName + " "
			r.Types += s.ATPType.Label() + " "
			r.Uses += s.IntendedUse.Label() + " "
			r.Subs = append(r.Subs, htmlSub{Title: fmt.Sprintf("Product %d: %s", k+1, s.ProductName), Rows: [][2]string{
				{label("product_name"), s.ProductName}, {label("composition"), s.Composition}, {label("pharmaceutical_form"), s.PharmaceuticalForm},
				{label("therapeutic_indication"), s.TherapeuticIndication}, {label("routes"), fmt.Sprint(s.Routes)}, {label("atp_type"), s.ATPType.Label()},
				{label("intended_use"), s.IntendedUse.Label()}, {label("starting_materials"), fmt.Sprint(s.StartingMaterials)}, {label("process_type"), s.ProcessType.Label()},
				{label("pd_completed"), s.PDCompleted.Label()}, {label("pd_further"), s.PDFurther}, {label("gmp_before"), s.GMPBefore.Label()},
				{label("has_authorized_person"), s.HasAuthorizedPerson.Label()}, {label("needs_training"), s.NeedsTraining.Label()},
				{label("training_details"), s.TrainingDetails}, {label("expected_start"), s.ExpectedStart.Label()},
			}})
		}
		for _, a := range register.Aspects() {
			var notes []string
			for _, ev := range ei.Evaluations {
				notes = append(notes, fmt.Sprintf("%s: %d %s", ev.Evaluator, ev.Scores[a].Value, ev.Scores[a].Note))
			}
			r.Bars = append(r.Bars, htmlBar{Label: a.Label(), Mean: sc.Means[a], Notes: strings.Join(notes, "; ")})
		}
		rows = append(rows, r)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := packHTML.Execute(f, map[string]any{"In": in, "Rows": rows, "Notice": briefing.Notice, "Sub": in.Purpose}); err != nil {
		t.Fatal(err)
	}
}

func label(f string) string { return register.FieldLabel(f) }

// TestChromiumComparison times headless Chromium printing the same content as
// HTML to PDF against Render, for a one-entity and a 500-entity pack, and
// logs the ratio. It runs only with ATPREG_CHROMIUM_BENCH=1 (it takes a
// minute and needs /usr/bin/chromium); the figures go in the README.
func TestChromiumComparison(t *testing.T) {
	if os.Getenv("ATPREG_CHROMIUM_BENCH") != "1" {
		t.Skip("set ATPREG_CHROMIUM_BENCH=1 to compare with headless Chromium")
	}
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		t.Fatal("chromium not found (apt-get install chromium)")
	}
	for _, n := range []int{1, 500} {
		in := fixtureInput()
		in.Meeting, in.Partners = nil, nil
		in.Entities = manyEntities(n)
		render(t, in, briefing.PackOptions{}) // warm the font index
		const runs = 3
		start := time.Now()
		var p briefing.Pack
		for range runs {
			p = render(t, in, briefing.PackOptions{})
		}
		goTime := time.Since(start) / runs

		dir := t.TempDir()
		page := filepath.Join(dir, "pack.html")
		writeHTML(t, in, page)
		out := filepath.Join(dir, "pack.pdf")
		start = time.Now()
		cmd := exec.Command("/usr/bin/time", "-f", "%M", chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
			"--disable-background-networking", "--disable-component-update", "--disable-sync", "--user-data-dir="+filepath.Join(dir, "profile"),
			"--print-to-pdf="+out, "file://"+page)
		res, err := cmd.CombinedOutput()
		chromeTime := time.Since(start)
		if err != nil {
			t.Fatalf("chromium: %v\n%s", err, res)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(string(res)), "\n")
		chromePages := pdftest.Pages(t, out)
		t.Logf("%d entities: Render %v (%d pages, %d KB); Chromium --print-to-pdf %v (%d pages, %d KB, peak RSS of the chromium main process %s kB); Chromium/Render = %.0fx",
			n, goTime.Round(time.Millisecond), p.Pages, len(p.PDF)/1024, chromeTime.Round(time.Millisecond), chromePages, len(b)/1024, lines[len(lines)-1],
			float64(chromeTime)/float64(goTime))
	}
}
