package cli_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"atpreg/internal/forms/formstest"
	"atpreg/internal/mailin/mailtest"
)

var shaRE = regexp.MustCompile(`SHA-256 [0-9a-f]{64}`)

// maskIntake hides what changes from run to run in intake's output: the
// SHA-256 of files that carry the day's date.
func maskIntake(s string) string { return shaRE.ReplaceAllString(s, "SHA-256 …") }

func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// registerState is what `list --json` and `verify` say: compared before and
// after a rejected intake.
func registerState(t *testing.T, env map[string]string, reg string) string {
	t.Helper()
	code, list, errs := run(t, env, "--register", reg, "list", "--json")
	if code != 0 {
		t.Fatalf("list: %d %s", code, errs)
	}
	code, verify, errs := run(t, env, "--register", reg, "verify")
	if code != 0 {
		t.Fatalf("verify: %d %s", code, errs)
	}
	return list + verify
}

// TestIntakeEndToEnd: a form made by atpreg, filled by pypdf, sent in a
// Big5 email, taken in; again (nothing changes); a real Outlook .msg; bad
// files rejected with the register unchanged.
func TestIntakeEndToEnd(t *testing.T) {
	dir := t.TempDir()
	reg := filepath.Join(dir, "register.atpreg")
	env := testEnv(pass)
	if code, _, errs := run(t, env, "--register", reg, "init"); code != 0 {
		t.Fatalf("init: %s", errs)
	}
	blank := filepath.Join(dir, "blank.pdf")
	code, out, errs := run(t, env, "--register", reg, "form", "-o", blank)
	if code != 0 || !strings.Contains(out, "Saved the blank RFI form (pdf, en)") {
		t.Fatalf("form: %d %s %s", code, out, errs)
	}
	pdf, err := os.ReadFile(blank)
	if err != nil {
		t.Fatal(err)
	}
	filled, _ := formstest.FillPDF(t, pdf, map[string]string{
		"entity_name": "Tsuen Wan Gene Lab Ltd", "contact_name": "陳大文", "contact_email": "dm.chan@tsuenwangene.example",
		"contact_phone": "+852 5555 0199", "entity_address": "1 Fictional Street\nTsuen Wan",
		"p1.product_name": "TW-7 基因療法", "p1.composition": "AAV vector", "p1.expected_start": "2026-06",
	}, map[string]bool{"p1.atp_type.gene_therapy": true, "p1.gene_vector.viral": true, "p1.routes.intravenous": true, "p1.pd_completed.no": true})
	eml := mailtest.Build(mailtest.Email{
		From: "陳大文 <DM.Chan@TsuenWanGene.example>", To: "atp@hkstp.example", Subject: "回覆：先進治療產品問卷",
		Date: time.Date(2025, 4, 2, 10, 15, 0, 0, time.FixedZone("HKT", 8*3600)), MessageID: "big5-reply@tsuenwangene.example",
		Text: "你好，附上已填妥的表格。", Big5: true,
		Attachments: []mailtest.File{{Name: "RFI form.pdf", ContentType: "application/pdf", Data: filled},
			{Name: "company-profile.txt", ContentType: "text/plain", Data: []byte("A fictional gene lab.")}},
	})
	mail := writeFile(t, dir, "reply.eml", eml)

	code, out, errs = run(t, env, "--register", reg, "intake", mail, "--dry-run")
	if code != 0 || !strings.Contains(out, "would be created") {
		t.Fatalf("dry run: %d\n%s\n%s", code, out, errs)
	}
	golden(t, "intake-dry-run.txt", maskIntake(out))
	code, out, errs = run(t, env, "--register", reg, "intake", mail)
	if code != 0 {
		t.Fatalf("intake: %d\n%s\n%s", code, out, errs)
	}
	golden(t, "intake-email.txt", maskIntake(out))

	code, show, errs := run(t, env, "--register", reg, "show", "1", "--json")
	if code != 0 {
		t.Fatalf("show: %s", errs)
	}
	if !strings.Contains(show, `"Tsuen Wan Gene Lab Ltd"`) || !strings.Contains(show, `"2025-04-02"`) || !strings.Contains(show, "回覆：先進治療產品問卷 \\u003cbig5-reply@tsuenwangene.example\\u003e") ||
		strings.Count(show, `"product_name"`) != 1 || !strings.Contains(show, `"dm.chan@tsuenwangene.example"`) || !strings.Contains(show, `"陳大文"`) || !strings.Contains(show, `"TW-7 基因療法"`) || !strings.Contains(show, `"gene_therapy"`) || !strings.Contains(show, `"2026-06"`) {
		t.Fatalf("show after intake:\n%s", show)
	}

	// Again: nothing changes.
	before := registerState(t, env, reg)
	code, out, errs = run(t, env, "--register", reg, "intake", mail)
	if code != 0 || !strings.Contains(out, "unchanged") {
		t.Fatalf("again: %d\n%s\n%s", code, out, errs)
	}
	golden(t, "intake-again.txt", maskIntake(out))
	if after := registerState(t, env, reg); after != before {
		t.Fatalf("taking the same email in twice changed the register:\n%s\n%s", before, after)
	}

	// A real Outlook .msg: an entity from its sender.
	msg, err := os.ReadFile(filepath.Join("..", "outlookmsg", "testdata", "simple-sent.msg"))
	if err != nil {
		t.Fatal(err)
	}
	code, out, errs = run(t, env, "--register", reg, "intake", writeFile(t, dir, "simple sent.msg", msg))
	if code != 0 || !strings.Contains(out, "created from the sender") {
		t.Fatalf("msg: %d\n%s\n%s", code, out, errs)
	}
	golden(t, "intake-msg.txt", maskIntake(out))

	// Bad files: all rejected, nothing changed.
	before = registerState(t, env, reg)
	two, _ := formstest.FillPDF(t, pdf, map[string]string{"entity_name": "Two Boxes Ltd", "p1.product_name": "TB-1", "p1.expected_start": "next spring"},
		map[string]bool{"p1.atp_type.gene_therapy": true, "p1.atp_type.cell_therapy": true})
	good := mailtest.Build(mailtest.Email{From: "Ho Ka Yan <ky.ho@goodmail.example>", To: "atp@hkstp.example", Subject: "hello",
		Date: time.Date(2025, 4, 3, 9, 0, 0, 0, time.UTC), MessageID: "good@goodmail.example", Text: "A question."})
	code, out, errs = run(t, env, "--register", reg, "intake",
		writeFile(t, dir, "good.eml", good), writeFile(t, dir, "notes.txt", []byte("Meeting notes, not an email.")),
		writeFile(t, dir, "two-boxes.pdf", two))
	if code != 4 || out != "" {
		t.Fatalf("bad files: exit %d\n%s\n%s", code, out, errs)
	}
	golden(t, "intake-rejected.txt", errs)
	if after := registerState(t, env, reg); after != before {
		t.Fatalf("a rejected intake changed the register:\n%s\n%s", before, after)
	}

	// Usage.
	if code, _, errs = run(t, env, "--register", reg, "intake"); code != 2 {
		t.Fatalf("no files: %d %s", code, errs)
	}
	if code, _, errs = run(t, env, "--register", reg, "form", "--entity", "1", "-o", filepath.Join(dir, "x.txt")); code != 4 || !strings.Contains(errs, ".pdf or .docx") {
		t.Fatalf("form to .txt: %d %s", code, errs)
	}
	code, out, errs = run(t, env, "--register", reg, "form", "--entity", "1", "--lang", "zh-HK", "-o", filepath.Join(dir, "prefilled.docx"))
	if code != 0 || !strings.Contains(out, "pre-filled") {
		t.Fatalf("pre-filled form: %d %s %s", code, out, errs)
	}
	golden(t, "form-prefilled.txt", maskPublished(out, dir))
}
