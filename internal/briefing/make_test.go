package briefing_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"atpreg/internal/apperr"
	"atpreg/internal/briefing"
	"atpreg/internal/pdftest"
	"atpreg/internal/register"
)

// makeInput is the fixture meeting with entities 7, 12 and 31.
func makeInput() briefing.PackInput {
	in := fixtureInput()
	in.Withheld, in.Recipient, in.CopyNo = nil, "", 0
	in.Weights = register.DefaultWeights()
	return in
}

// makeCopies is a partner without conflicts and one conflicted with 12.
func makeCopies() []briefing.Copy {
	return []briefing.Copy{
		{Recipient: "Harbour University Centre for Cell Therapy"},
		{Recipient: "Dr Nathan Chow (Tide Cove)", Conflicts: map[int64]string{12: "Board member of the entity"}},
	}
}

func writePack(t *testing.T, b []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "pack.pdf")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestMakeMeetingWithConflict(t *testing.T) {
	var steps []briefing.Progress
	packs, notices, err := briefing.Make(context.Background(), makeInput(), makeCopies(), briefing.MakeOptions{}, func(p briefing.Progress) { steps = append(steps, p) })
	if err != nil {
		t.Fatal(err)
	}
	if len(packs) != 2 {
		t.Fatalf("%d packs, want 2", len(packs))
	}
	if len(steps) != 2 || steps[1].Done != 2 || steps[1].Total != 3 {
		t.Errorf("progress steps %+v", steps)
	}
	for i, p := range packs {
		if p.CopyNo != i+1 || p.Encrypted || p.Pages == 0 || !strings.HasPrefix(string(p.PDF), "%PDF") {
			t.Errorf("pack %d: copy %d, encrypted %v, %d pages", i, p.CopyNo, p.Encrypted, p.Pages)
		}
	}
	if packs[0].Recipient != "Harbour University Centre for Cell Therapy" || packs[1].Recipient != "Dr Nathan Chow (Tide Cove)" {
		t.Errorf("recipients %q, %q", packs[0].Recipient, packs[1].Recipient)
	}
	if !slices.Equal(packs[0].EntityIDs, []int64{7, 12, 31}) || !slices.Equal(packs[1].EntityIDs, []int64{7, 31}) {
		t.Errorf("entities %v / %v", packs[0].EntityIDs, packs[1].EntityIDs)
	}
	if len(packs[1].Omitted) != 1 || packs[1].Omitted[0].EntityID != 12 {
		t.Errorf("omitted %+v", packs[1].Omitted)
	}
	all := fmt.Sprint(notices)
	for _, want := range []string{"Dr Nathan Chow (Tide Cove): 1 entity left out for a conflict of interest (翠峰細胞醫學有限公司)", "replaced by □", "Kowloon Bay Biologics Ltd / product 1"} {
		if !strings.Contains(all, want) {
			t.Errorf("notices lack %q:\n%s", want, all)
		}
	}
	text, err := pdftest.Text(t, writePack(t, packs[1].PDF))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(text, "翠峰") || strings.Contains(text, "陳家豪") {
		t.Error("the conflicted entity is in the partner's pack")
	}
	if !strings.Contains(text, "Harbourline Cell Therapeutics Ltd") {
		t.Error("the partner's pack lacks the other entities")
	}
}

func TestMakeEncrypted(t *testing.T) {
	in := makeInput()
	in.Meeting, in.Purpose = nil, "Fictional purpose"
	in.Entities = in.Entities[1:2]
	const password = "correct horse battery"
	packs, _, err := briefing.Make(context.Background(), in, []briefing.Copy{{Recipient: "Dr Ada Lam"}}, briefing.MakeOptions{Password: password}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !packs[0].Encrypted {
		t.Error("the pack is not reported as encrypted")
	}
	path := writePack(t, packs[0].PDF)
	info, err := pdftest.Info(t, path, "-upw", password)
	if err != nil || !strings.Contains(info, "algorithm:AES-256") {
		t.Errorf("pdfinfo does not report AES-256 (%v):\n%s", err, info)
	}
	if out, err := pdftest.Info(t, path); err == nil {
		t.Errorf("pdfinfo opened the pack without the password:\n%s", out)
	}
	if _, err := pdftest.Text(t, path); err == nil {
		t.Error("pdftotext read the pack without the password")
	}
	text, err := pdftest.Text(t, path, "-upw", password)
	if err != nil || !strings.Contains(text, "翠峰細胞醫學有限公司") {
		t.Errorf("with the password the pack does not read (%v)", err)
	}
}

func TestMakeAnonymisedFirstCopy(t *testing.T) {
	packs, _, err := briefing.Make(context.Background(), makeInput(), makeCopies(),
		briefing.MakeOptions{PackOptions: briefing.PackOptions{Anonymise: true}, FirstCopy: 5}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if packs[0].CopyNo != 5 || packs[1].CopyNo != 6 {
		t.Errorf("copies %d, %d; want 5, 6", packs[0].CopyNo, packs[1].CopyNo)
	}
	text, err := pdftest.Text(t, writePack(t, packs[0].PDF))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(text, "Harbourline") || !strings.Contains(text, "E-0007") {
		t.Error("the anonymised pack names an entity or lacks its code")
	}
}

func TestMakeRefuses(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := briefing.Make(ctx, makeInput(), makeCopies(), briefing.MakeOptions{}, nil); !apperr.Is(err, apperr.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
	in := makeInput()
	in.Entities = in.Entities[1:2] // entity 12 only
	copies := makeCopies()[1:]
	if _, _, err := briefing.Make(context.Background(), in, copies, briefing.MakeOptions{}, nil); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("every entity conflicted: %v", err)
	}
}

func TestFileName(t *testing.T) {
	for _, tc := range []struct {
		recipient, want string
	}{
		{"Dr Nathan Chow (Tide Cove)", "BP-X-copy2-Dr-Nathan-Chow-Tide-Cove.pdf"},
		{"///", "BP-X-copy2-recipient.pdf"},
		{"陳家豪", "BP-X-copy2-陳家豪.pdf"},
	} {
		if got := briefing.FileName("BP-X", 2, tc.recipient); got != tc.want {
			t.Errorf("FileName(%q) = %q, want %q", tc.recipient, got, tc.want)
		}
	}
}
