package cli_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"atpreg/internal/forms/formstest"
	"atpreg/internal/mailin/mailtest"
	"atpreg/internal/pdftest"
	"atpreg/internal/register"
)

// TestSheetEndToEnd: a sheet for a demo evaluator on two demo entities,
// blind (pdftotext finds neither the other evaluator's name nor scores);
// filled by pypdf; taken back through `atpreg intake` (alone, then again in
// an email: replaced, never duplicated); `show --json` holds the scores,
// notes, recommendation and reason under the evaluator, once. Bad sheets
// (two scores ticked, an entity deleted) are refused in words and change
// nothing.
func TestSheetEndToEnd(t *testing.T) {
	dir := t.TempDir()
	reg := filepath.Join(dir, "register.atpreg")
	env := testEnv(pass)
	if code, _, errs := run(t, env, "--register", reg, "demo"); code != 0 {
		t.Fatalf("demo: %s", errs)
	}
	// A demo entity that Dr Evelyn Tam and Marcus Yip both evaluated, and
	// another evaluated entity.
	var ids []string
	var other string
	for _, id := range []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"} {
		_, js, _ := run(t, env, "--register", reg, "show", id, "--json")
		var obj struct {
			Evaluations []struct {
				Evaluator string `json:"evaluator"`
			} `json:"evaluations"`
		}
		_ = json.Unmarshal([]byte(js), &obj)
		switch {
		case len(obj.Evaluations) == 2 && other == "":
			ids = append([]string{id}, ids...)
			other = obj.Evaluations[1].Evaluator
		case len(obj.Evaluations) == 1 && len(ids) < 2-btoi(other == ""):
			ids = append(ids, id)
		}
		if len(ids) == 2 && other != "" {
			break
		}
	}
	if len(ids) < 2 || other != "Marcus Yip" {
		t.Fatalf("demo entities with two evaluators: %v (%q)", ids, other)
	}
	sheet := filepath.Join(dir, "sheet.pdf")
	code, out, errs := run(t, env, "--register", reg, "sheet", "--evaluator", "dr evelyn tam", "--entity", ids[0]+","+ids[1], "-o", sheet)
	if code != 0 || !strings.Contains(out, "evaluation sheet ES-") || !strings.Contains(out, "for Dr Evelyn Tam, 2 entities (pdf, en)") {
		t.Fatalf("sheet: %d %s %s", code, out, errs)
	}
	st, err := os.Stat(sheet)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("sheet file: %v %v", st, err)
	}
	pdf, _ := os.ReadFile(sheet)
	formstest.QPDFCheck(t, pdf)
	txt, err := pdftest.Text(t, sheet)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(txt, "Dr Evelyn Tam") || strings.Contains(txt, "Marcus Yip") || strings.Contains(txt, "Weighted") {
		t.Fatalf("the sheet is not blind (or lacks its evaluator):\n%s", txt)
	}

	text := map[string]string{"e1.reason": "Credible team; 數據 thin on potency.", "e1.readiness.note": "IND-enabling work under way."}
	check := map[string]bool{"e1.recommendation.more_info": true}
	want := map[string]int{}
	for i, a := range register.Aspects() {
		if a == register.AspectIntangibles {
			continue // left unscored: allowed, flagged
		}
		v := 1 + i%5
		want[string(a)] = v
		check["e1."+string(a)+"."+string(rune('0'+v))] = true
	}
	filled, _ := formstest.FillPDF(t, pdf, text, check)
	back := writeFile(t, dir, "sheet-filled.pdf", filled)
	code, out, errs = run(t, env, "--register", reg, "intake", back)
	if code != 0 || !strings.Contains(out, "Evaluations from sheets: 1 recorded.") || !strings.Contains(out, "left 1 aspect(s)") ||
		!strings.Contains(out, "was left blank on the sheet") || !strings.Contains(out, "marked returned") {
		t.Fatalf("intake of the sheet: %d\n%s\n%s", code, out, errs)
	}
	// The same sheet again, now attached to an email: replaced, not added.
	eml := mailtest.Build(mailtest.Email{From: "Dr Evelyn Tam <evelyn.tam@hkstp.example>", To: "atp@hkstp.example",
		Subject: "My sheet", Date: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC), MessageID: "sheet@hkstp.example", Text: "Attached.",
		Attachments: []mailtest.File{{Name: "sheet.pdf", ContentType: "application/pdf", Data: filled}}})
	code, out, errs = run(t, env, "--register", reg, "intake", writeFile(t, dir, "sheet.eml", eml))
	if code != 0 || !strings.Contains(out, "replaced the earlier one") || !strings.Contains(out, "evaluation sheet") {
		t.Fatalf("intake of the email: %d\n%s\n%s", code, out, errs)
	}
	_, js, _ := run(t, env, "--register", reg, "show", ids[0], "--json")
	var obj struct {
		Evaluations []struct {
			Evaluator      string `json:"evaluator"`
			Recommendation string `json:"recommendation"`
			Reason         string `json:"reason"`
			Scores         map[string]struct {
				Score int    `json:"score"`
				Note  string `json:"note"`
			} `json:"scores"`
		} `json:"evaluations"`
		Agreement struct {
			Overall *float64 `json:"overall"`
		} `json:"agreement"`
	}
	if err := json.Unmarshal([]byte(js), &obj); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, ev := range obj.Evaluations {
		if ev.Evaluator != "Dr Evelyn Tam" {
			continue
		}
		n++
		if ev.Recommendation != "more_info" || ev.Reason != text["e1.reason"] || ev.Scores["readiness"].Note != text["e1.readiness.note"] {
			t.Errorf("evaluation %+v", ev)
		}
		for a, v := range want {
			if ev.Scores[a].Score != v {
				t.Errorf("%s: score %d, want %d", a, ev.Scores[a].Score, v)
			}
		}
		if _, ok := ev.Scores["intangibles"]; ok {
			t.Errorf("intangibles was left unscored, show has %v", ev.Scores["intangibles"])
		}
	}
	if n != 1 || obj.Agreement.Overall == nil {
		t.Fatalf("%d evaluations by Dr Evelyn Tam (want 1); agreement %v\n%s", n, obj.Agreement.Overall, js)
	}

	// Two scores ticked for one aspect: refused in words, nothing changed.
	before := registerState(t, env, reg)
	check["e1.jobs.5"], check["e1.jobs.1"] = true, true
	bad, _ := formstest.FillPDF(t, pdf, text, check)
	code, _, errs = run(t, env, "--register", reg, "intake", writeFile(t, dir, "bad.pdf", bad))
	if code == 0 || !strings.Contains(errs, "scores are ticked") {
		t.Fatalf("two scores: %d %s", code, errs)
	}
	if registerState(t, env, reg) != before {
		t.Fatal("a refused sheet changed the register")
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestSheetDraft: `sheet -o FILE.eml --format docx --lang zh-HK` writes an
// email draft to the evaluator (Python's email package reads it) with the
// Word sheet attached; the attachment, filled as Word fills it, comes back
// through `atpreg intake` and closes the sheet. --format with a .pdf is a
// usage error; a draft to an evaluator without email is refused in words.
func TestSheetDraft(t *testing.T) {
	dir := t.TempDir()
	reg := filepath.Join(dir, "register.atpreg")
	env := testEnv(pass)
	if code, _, errs := run(t, env, "--register", reg, "demo"); code != 0 {
		t.Fatalf("demo: %s", errs)
	}
	draft := filepath.Join(dir, "to-marcus.eml")
	code, out, errs := run(t, env, "--register", reg, "sheet", "--evaluator", "Marcus Yip", "--entity", "3", "--lang", "zh-HK", "--format", "docx", "-o", draft)
	if code != 0 || !strings.Contains(out, "email draft to marcus.yip@hkstp.example with the evaluation sheet ES-") || !strings.Contains(out, "(docx, zh-HK)") {
		t.Fatalf("sheet: %d %s %s", code, out, errs)
	}
	m := pyDraft(t, draft)
	atts, _ := m["attachments"].([]any)
	if m["to"] != "Marcus Yip <marcus.yip@hkstp.example>" || m["x_unsent"] != "1" || len(atts) != 1 || len(m["defects"].([]any)) != 0 {
		t.Fatalf("draft: %v", m)
	}
	att := atts[0].(map[string]any)
	if att["type"] != "application/vnd.openxmlformats-officedocument.wordprocessingml.document" || !strings.HasPrefix(att["filename"].(string), "評審表 ES-") {
		t.Errorf("attachment %v", att)
	}
	if body := m["body"].(string); !strings.Contains(body, "Marcus Yip：") || !strings.Contains(body, "1 間機構") || !strings.Contains(body, "Microsoft Word") {
		t.Errorf("body:\n%s", body)
	}
	docx := pyAttachmentData(t, draft)
	check := map[string]bool{"e1.recommendation.invite": true}
	for _, a := range register.Aspects() {
		check["e1."+string(a)+".4"] = true
	}
	filled := formstest.FillDOCXAsWord(t, docx, map[string]string{"e1.reason": "Strong team (fictional)."}, check)
	code, out, errs = run(t, env, "--register", reg, "intake", writeFile(t, dir, "back.docx", filled))
	if code != 0 || !strings.Contains(out, "Evaluations from sheets: 1 recorded.") || !strings.Contains(out, "marked returned") {
		t.Fatalf("intake: %d\n%s\n%s", code, out, errs)
	}

	if code, _, errs = run(t, env, "--register", reg, "sheet", "--evaluator", "Marcus Yip", "--entity", "3", "--format", "docx", "-o", filepath.Join(dir, "x.pdf")); code != 2 || !strings.Contains(errs, "--format is for an email draft") {
		t.Errorf("--format with a .pdf: %d %s", code, errs)
	}
	before := registerState(t, env, reg)
	code, _, errs = run(t, env, "--register", reg, "sheet", "--evaluator", "Nobody Fictional", "--entity", "3", "-o", filepath.Join(dir, "nobody.eml"))
	if code == 0 || !strings.Contains(errs, "no evaluator named") {
		t.Errorf("unknown evaluator: %d %s", code, errs)
	}
	if registerState(t, env, reg) != before {
		t.Error("a refused sheet changed the register")
	}
}

// pyAttachmentData returns the first attachment of an .eml as Python's
// email package decodes it.
func pyAttachmentData(t *testing.T, eml string) []byte {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "attachment")
	prog := `import email, email.policy, sys
msg = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)
open(sys.argv[2], 'wb').write(next(msg.iter_attachments()).get_payload(decode=True))`
	if out, err := exec.Command("python3", "-c", prog, eml, dst).CombinedOutput(); err != nil {
		t.Fatalf("python3: %v\n%s", err, out)
	}
	data, err := os.ReadFile(dst)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
