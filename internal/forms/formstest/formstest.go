// Package formstest fills atpreg's forms in tests the way people's tools
// do: a PDF with pypdf, a Word document as Word writes it and with
// LibreOffice; and it checks them with qpdf. A missing tool skips the test
// on a developer's machine and fails it in CI (CI=true), where the Makefile
// installs every tool.
package formstest

import (
	"archive/zip"
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

//go:embed pypdf_fill.py
var pypdfFill string

// Tool returns the path of a command-line tool, skipping tb when it is
// missing outside CI and failing it in CI.
func Tool(tb testing.TB, name, pkg string) string {
	tb.Helper()
	p, err := exec.LookPath(name)
	if err == nil {
		return p
	}
	if os.Getenv("CI") == "true" {
		tb.Fatalf("%s not found: the Makefile's deps-apt installs it (apt-get install %s)", name, pkg)
	}
	tb.Skipf("%s not found: apt-get install %s to run this test", name, pkg)
	return ""
}

// Python returns a python3 that imports pypdf (Debian's python3-pypdf is
// for /usr/bin/python3, which another python3 on PATH may hide), skipping
// or failing as Tool does.
func Python(tb testing.TB) string {
	tb.Helper()
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if path, err := exec.LookPath(p); err == nil && exec.Command(path, "-c", "import pypdf").Run() == nil {
			return path
		}
	}
	if os.Getenv("CI") == "true" {
		tb.Fatal("no python3 with pypdf: the Makefile's deps-apt installs it (apt-get install python3-pypdf)")
	}
	tb.Skip("no python3 with pypdf: apt-get install python3-pypdf to run this test")
	return ""
}

// QPDFCheck fails tb unless `qpdf --check` accepts the PDF without errors or
// warnings.
func QPDFCheck(tb testing.TB, pdf []byte) {
	tb.Helper()
	qpdf := Tool(tb, "qpdf", "qpdf")
	path := writeTemp(tb, "check.pdf", pdf)
	out, err := exec.Command(qpdf, "--check", path).CombinedOutput()
	if err != nil || !bytes.Contains(out, []byte("No syntax or stream encoding errors")) || bytes.Contains(out, []byte("WARNING")) {
		tb.Fatalf("qpdf --check: %v\n%s", err, out)
	}
}

func writeTemp(tb testing.TB, name string, b []byte) string {
	tb.Helper()
	p := filepath.Join(tb.TempDir(), name)
	if err := os.WriteFile(p, b, 0o600); err != nil {
		tb.Fatal(err)
	}
	return p
}

// FillPDF fills the PDF form with pypdf (pypdf_fill.py: pypdf's
// update_page_form_field_values, saved with PdfWriter.write) and returns
// the saved file and what the script reported ("api N direct M": how many
// fields pypdf's own call set).
func FillPDF(tb testing.TB, pdf []byte, text map[string]string, check map[string]bool) ([]byte, string) {
	tb.Helper()
	py := Python(tb)
	dir := tb.TempDir()
	in, out := filepath.Join(dir, "in.pdf"), filepath.Join(dir, "out.pdf")
	script, vals := filepath.Join(dir, "fill.py"), filepath.Join(dir, "values.json")
	js, err := json.Marshal(map[string]any{"text": text, "check": check})
	if err != nil {
		tb.Fatal(err)
	}
	for p, b := range map[string][]byte{in: pdf, script: []byte(pypdfFill), vals: js} {
		if err := os.WriteFile(p, b, 0o600); err != nil {
			tb.Fatal(err)
		}
	}
	msg, err := exec.Command(py, script, in, out, vals).CombinedOutput()
	if err != nil {
		tb.Fatalf("pypdf fill: %v\n%s", err, msg)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		tb.Fatal(err)
	}
	return b, strings.TrimSpace(string(msg))
}

// SOffice runs LibreOffice headless with a profile of its own in a
// temporary folder (so runs in parallel do not share one) converting the
// files to the filter (e.g. "pdf", "docx:MS Word 2007 XML", "fodt"), and
// returns the converted files by input name.
func SOffice(tb testing.TB, filter string, files map[string][]byte) map[string][]byte {
	tb.Helper()
	so := Tool(tb, "soffice", "libreoffice-writer")
	dir := tb.TempDir()
	outDir := filepath.Join(dir, "out")
	args := []string{"-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--headless", "--norestore", "--convert-to", filter, "--outdir", outDir}
	for name, b := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			tb.Fatal(err)
		}
		args = append(args, p)
	}
	cmd := exec.Command(so, args...)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	msg, err := cmd.CombinedOutput()
	if err != nil {
		tb.Fatalf("soffice --convert-to %s: %v\n%s", filter, err, msg)
	}
	ext := filter
	if i := strings.IndexByte(ext, ':'); i >= 0 {
		ext = ext[:i]
	}
	out := map[string][]byte{}
	for name := range files {
		p := filepath.Join(outDir, strings.TrimSuffix(name, filepath.Ext(name))+"."+ext)
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatalf("soffice made no %s: %v\n%s", filepath.Base(p), err, msg)
		}
		out[name] = b
	}
	return out
}

// DOCXPart returns a part of a Word document.
func DOCXPart(tb testing.TB, docx []byte, name string) []byte {
	tb.Helper()
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		tb.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				tb.Fatal(err)
			}
			defer rc.Close()
			b, err := io.ReadAll(rc)
			if err != nil {
				tb.Fatal(err)
			}
			return b
		}
	}
	tb.Fatalf("no %s in the document", name)
	return nil
}

// ReplacePart returns the Word document with one part's content replaced.
func ReplacePart(tb testing.TB, docx []byte, name string, body []byte) []byte {
	tb.Helper()
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		tb.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: f.Modified})
		if err != nil {
			tb.Fatal(err)
		}
		if f.Name == name {
			w.Write(body)
			continue
		}
		rc, err := f.Open()
		if err != nil {
			tb.Fatal(err)
		}
		io.Copy(w, rc)
		rc.Close()
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return out.Bytes()
}

var (
	sdtRE = regexp.MustCompile(`(?s)<w:sdt>(<w:sdtPr>.*?</w:sdtPr>)<w:sdtContent>(.*?)</w:sdtContent></w:sdt>`)
	tagRE = regexp.MustCompile(`<w:tag w:val="([^"]*)"/>`)
)

// FillDOCXAsWord fills the Word form's content controls by tag as Word
// does when a person types and clicks: a text control's placeholder mark
// (w:showingPlcHdr) goes and its content becomes the text, line breaks as
// w:br; a checkbox control's w14:checked and its glyph change.
func FillDOCXAsWord(tb testing.TB, docx []byte, text map[string]string, check map[string]bool) []byte {
	tb.Helper()
	doc := string(DOCXPart(tb, docx, "word/document.xml"))
	seen := map[string]bool{}
	doc = sdtRE.ReplaceAllStringFunc(doc, func(m string) string {
		parts := sdtRE.FindStringSubmatch(m)
		pr, content := parts[1], parts[2]
		tm := tagRE.FindStringSubmatch(pr)
		if tm == nil {
			return m
		}
		tag := tm[1]
		if on, ok := check[tag]; ok {
			seen[tag] = true
			val, glyph := "0", "☐"
			if on {
				val, glyph = "1", "☒"
			}
			pr = regexp.MustCompile(`<w14:checked w14:val="[^"]*"/>`).ReplaceAllString(pr, `<w14:checked w14:val="`+val+`"/>`)
			content = regexp.MustCompile(`<w:t>[☐☒]</w:t>`).ReplaceAllString(content, "<w:t>"+glyph+"</w:t>")
			return "<w:sdt>" + pr + "<w:sdtContent>" + content + "</w:sdtContent></w:sdt>"
		}
		if v, ok := text[tag]; ok {
			seen[tag] = true
			pr = strings.Replace(pr, "<w:showingPlcHdr/>", "", 1)
			var b strings.Builder
			b.WriteString("<w:r>")
			for i, ln := range strings.Split(v, "\n") {
				if i > 0 {
					b.WriteString("<w:br/>")
				}
				fmt.Fprintf(&b, `<w:t xml:space="preserve">%s</w:t>`, xmlEscape(ln))
			}
			b.WriteString("</w:r>")
			return "<w:sdt>" + pr + "<w:sdtContent>" + b.String() + "</w:sdtContent></w:sdt>"
		}
		return m
	})
	for name := range text {
		if !seen[name] {
			tb.Fatalf("no content control tagged %q", name)
		}
	}
	for name := range check {
		if !seen[name] {
			tb.Fatalf("no checkbox control tagged %q", name)
		}
	}
	return ReplacePart(tb, docx, "word/document.xml", []byte(doc))
}

func xmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}

var ccRE = regexp.MustCompile(`(?s)<text:bookmark-start text:name="([a-z0-9_]+)"/>(<loext:content-control[^>]*>)(.*?)(<text:bookmark-end text:name="[a-z0-9_]+"/>)</loext:content-control>`)

// FillDOCXWithLibreOffice fills the Word form with LibreOffice: it opens
// the form (as LibreOffice's flat ODF, where a content control is a
// loext:content-control in a bookmark named after the field), puts the
// values into the controls as typing and clicking would (text in place of
// the placeholder; a checkbox's checked attribute and glyph), and has
// LibreOffice save it as a Word document again.
func FillDOCXWithLibreOffice(tb testing.TB, docx []byte, text map[string]string, check map[string]bool) []byte {
	tb.Helper()
	fodt := string(SOffice(tb, "fodt", map[string][]byte{"form.docx": docx})["form.docx"])
	seen := map[string]bool{}
	fodt = ccRE.ReplaceAllStringFunc(fodt, func(m string) string {
		p := ccRE.FindStringSubmatch(m)
		field := strings.ReplaceAll(p[1], "__", ".")
		open, inner, end := p[2], p[3], p[4]
		if on, ok := check[field]; ok {
			seen[field] = true
			open = strings.Replace(open, ` loext:checked="true"`, "", 1)
			glyph := "☐"
			if on {
				open = strings.Replace(open, `loext:checkbox="true"`, `loext:checkbox="true" loext:checked="true"`, 1)
				glyph = "☒"
			}
			inner = strings.NewReplacer("☐", glyph, "☒", glyph).Replace(inner)
		} else if v, ok := text[field]; ok {
			seen[field] = true
			open = strings.Replace(open, ` loext:showing-place-holder="true"`, "", 1)
			inner = strings.ReplaceAll(xmlEscape(v), "\n", "<text:line-break/>")
		}
		return `<text:bookmark-start text:name="` + p[1] + `"/>` + open + inner + end + "</loext:content-control>"
	})
	for name := range text {
		if !seen[name] {
			tb.Fatalf("LibreOffice shows no content control for %q", name)
		}
	}
	for name := range check {
		if !seen[name] {
			tb.Fatalf("LibreOffice shows no checkbox control for %q", name)
		}
	}
	return SOffice(tb, "docx:MS Word 2007 XML", map[string][]byte{"form.fodt": []byte(fodt)})["form.fodt"]
}
