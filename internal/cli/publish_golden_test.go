package cli_test

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var (
	goldenDocID = regexp.MustCompile(`\b(BP|DS|EX|CAL|ES|LT|RF)-\d{8}-[0-9A-HJKMNP-TV-Z]{13}\b`)
	goldenDate  = regexp.MustCompile(`\bdue \d{4}-\d{2}-\d{2}\b`)
	goldenSHA   = regexp.MustCompile(`\b[0-9a-f]{64}\b`)
)

var (
	traceCounts = regexp.MustCompile(`\b\d+( wording choices| agree| disagree)`)
	traceTime   = regexp.MustCompile(`\d{4}-\d{2}-\d{2}T[0-9:.]+(Z|[+-]\d{2}:\d{2})`)
)

// maskPublished hides what changes from run to run in the output of a
// publishing command: the folder, document ids and SHA-256 digests.
func maskPublished(s, dir string) string {
	s = strings.ReplaceAll(s, dir, "DIR")
	s = goldenDocID.ReplaceAllString(s, "${1}-YYYYMMDD-RANDOM")
	return goldenSHA.ReplaceAllString(s, "SHA256")
}

// TestPublishGolden holds the typical output of brief, demand, export,
// template, form, sheet and trace on the demo register.
func TestPublishGolden(t *testing.T) {
	reg := demoRegister(t)
	dir := t.TempDir()
	env := testEnv(strongPass)
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"brief", []string{"brief", "--entity", "1,2", "--recipient", "Dr Fictional Reader", "--copy", "2", "-o", filepath.Join(dir, "pack.pdf")}},
		{"demand", []string{"demand", "--status", "invited,in_dialogue", "-o", filepath.Join(dir, "demand.json")}},
		{"export", []string{"export", "-o", filepath.Join(dir, "register.csv")}},
		{"template", []string{"template", "-o", filepath.Join(dir, "template.xlsx")}},
		{"form", []string{"form", "--lang", "zh-HK", "-o", filepath.Join(dir, "form.docx")}},
		{"sheet", []string{"sheet", "--evaluator", "Marcus Yip", "--entity", "1", "-o", filepath.Join(dir, "sheet.pdf")}},
		// trace reads the pack brief wrote; the counts of wording choices
		// depend on the random document id and are masked.
		{"trace", []string{"trace", filepath.Join(dir, "pack.pdf")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := run(t, env, append([]string{"--register", reg}, tc.args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			got := goldenDate.ReplaceAllString(maskPublished(out+errs, dir), "due DATE")
			if tc.name == "trace" {
				got = traceCounts.ReplaceAllString(got, "N$1")
				got = traceTime.ReplaceAllString(got, "TIME")
			}
			golden(t, "out-"+tc.name+".txt", got)
		})
	}
}
