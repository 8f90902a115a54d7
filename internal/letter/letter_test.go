package letter

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"atpreg/internal/apperr"
	"atpreg/internal/pdftest"
	"atpreg/internal/register"
)

var day = time.Date(2026, 3, 10, 9, 30, 0, 0, time.FixedZone("HKT", 8*3600))

// incomplete is a fictional entity with gaps: no telephone, one product
// missing its type and process, one with no name and no expected start.
func incomplete() register.Entity {
	return register.Entity{ID: 7, Name: "Harbour Gene Works Ltd", Address: "Unit 5, 1 Fictional Road\nKowloon",
		ContactName: "Dr Mei Lam", ContactEmail: "mei.lam@harbour-gene.example",
		Submissions: []register.Submission{
			{ProductName: "HGW-CAR1", Composition: "Autologous T cells", PharmaceuticalForm: "Suspension",
				TherapeuticIndication: "B-cell lymphoma", Routes: []register.Route{register.RouteIntravenous},
				IntendedUse: register.UsePhase1, StartingMaterials: []register.StartingMaterial{"peripheral_blood"},
				PDCompleted: register.Yes, GMPBefore: register.No, HasAuthorizedPerson: register.No, NeedsTraining: register.No,
				ExpectedStart: "2027-01"},
			{Composition: "AAV vector", ATPType: register.ATPGeneTherapy},
		}}
}

func letterFor(kind register.LetterKind, lang string) Letter {
	return Letter{Kind: kind, Lang: lang, Date: day, Reference: "LT-20260310-0ABCDEFGHJKMN",
		Letterhead: register.DefaultLetterSettings(), OfficerName: "Alex Chan", Entity: incomplete()}
}

func TestComposeEveryKindAndLanguage(t *testing.T) {
	for _, k := range register.LetterKinds() {
		for _, lang := range []string{"en", "zh-HK"} {
			l := letterFor(k, lang)
			l.Questions = "1. What is the batch size?"
			c, err := Compose(l)
			if err != nil {
				t.Fatalf("%s/%s: %v", k, lang, err)
			}
			if strings.Contains(c.Subject+c.Body, "{{") {
				t.Errorf("%s/%s: a placeholder is left: %s", k, lang, c.Body)
			}
			for _, want := range []string{"LT-20260310-0ABCDEFGHJKMN", "Harbour Gene Works Ltd"} {
				if !strings.Contains(c.Subject, want) {
					t.Errorf("%s/%s: subject %q lacks %q", k, lang, c.Subject, want)
				}
			}
			if !strings.Contains(c.Body, "Dr Mei Lam") || !strings.Contains(c.Body, "Alex Chan") {
				t.Errorf("%s/%s: body lacks the contact or the officer:\n%s", k, lang, c.Body)
			}
			if lang == "zh-HK" && !strings.Contains(c.Body, "香港科技園公司") {
				t.Errorf("%s/zh-HK: no Chinese organisation name:\n%s", k, c.Body)
			}
		}
	}
}

func TestMissingNamesExactlyTheFlaggedItems(t *testing.T) {
	e := incomplete()
	c, err := Compose(letterFor(register.LetterMissing, "en"))
	if err != nil {
		t.Fatal(err)
	}
	flagged := e.Missing()
	if len(c.Missing) != len(flagged) || len(flagged) < 5 {
		t.Fatalf("letter names %d items, register flags %d", len(c.Missing), len(flagged))
	}
	for _, m := range flagged {
		field := m.Field[strings.LastIndexByte(m.Field, '.')+1:]
		if !strings.Contains(c.Body, "• "+register.FieldLabel(field)) {
			t.Errorf("body does not name %s (%s)", m.Field, register.FieldLabel(field))
		}
	}
	// Nothing else is named: one bullet per flagged item.
	if n := strings.Count(c.Body, "  • "); n != len(flagged) {
		t.Errorf("%d items named, %d flagged:\n%s", n, len(flagged), c.Body)
	}
	for _, want := range []string{"Entity and contact person\n  • Telephone number", "Product 1: HGW-CAR1\n  • Type of ATP product",
		"Product 2 (name not given)\n  • Name of product", "Gene therapy product: non-viral or viral vector"} {
		if !strings.Contains(c.Body, want) {
			t.Errorf("body lacks %q:\n%s", want, c.Body)
		}
	}
	zh, err := Compose(letterFor(register.LetterMissing, "zh-HK"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"機構及聯絡人\n  • 電話號碼", "產品 1：HGW-CAR1\n  • 先進療法產品類別", "產品 2（未有名稱）"} {
		if !strings.Contains(zh.Body, want) {
			t.Errorf("Chinese body lacks %q:\n%s", want, zh.Body)
		}
	}
}

func TestRefusals(t *testing.T) {
	complete := register.DemoEntities(1)
	var full *register.Entity
	for i := range complete {
		if complete[i].Complete() {
			full = &complete[i]
			break
		}
	}
	if full == nil {
		t.Fatal("the demo has no complete entity")
	}
	l := letterFor(register.LetterMissing, "en")
	l.Entity = *full
	if _, err := Compose(l); !apperr.Is(err, apperr.Invalid) || !strings.Contains(apperr.Message(err), "nothing missing") {
		t.Errorf("missing for a complete entity: %v", err)
	}
	l = letterFor(register.LetterMoreInfo, "en")
	if _, err := Compose(l); !apperr.Is(err, apperr.Invalid) || !strings.Contains(apperr.Message(err), "questions") {
		t.Errorf("more-info without questions: %v", err)
	}
	l = letterFor(register.LetterHold, "fr")
	if _, err := Compose(l); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("French: %v", err)
	}
}

func TestUnknownPlaceholderIsNamed(t *testing.T) {
	for _, tc := range []struct {
		t     register.LetterTemplate
		field string
		want  string
	}{
		{register.LetterTemplate{Subject: "Hello {{entity_name}}", Body: "Dear {{contact_nmae}},"}, "body", "{{contact_nmae}}"},
		{register.LetterTemplate{Subject: "Re {{ ref }}", Body: "x"}, "subject", "{{ref}}"},
		{register.LetterTemplate{Subject: "s", Body: "Dear {{contact_name,\n"}, "body", "without a closing"},
	} {
		err := Check(tc.t)
		var ae *apperr.Error
		if e, ok := err.(*apperr.Error); ok {
			ae = e
		}
		if ae == nil || ae.Code != apperr.Invalid || !strings.Contains(ae.Message, tc.want) || len(ae.Fields) != 1 || ae.Fields[0].Field != tc.field {
			t.Errorf("%+v: got %#v", tc.t, err)
		}
		l := letterFor(register.LetterHold, "en")
		l.Template = tc.t
		if _, err := Compose(l); err == nil {
			t.Errorf("Compose accepted %+v", tc.t)
		}
	}
	for _, k := range register.LetterKinds() {
		for _, lang := range []string{"en", "zh-HK"} {
			if err := Check(Default(k, lang)); err != nil {
				t.Errorf("default %s/%s: %v", k, lang, err)
			}
		}
	}
}

func TestInviteWithMeeting(t *testing.T) {
	l := letterFor(register.LetterInvite, "en")
	l.Meeting = &Meeting{Title: "Dialogue round 1", Start: time.Date(2026, 4, 14, 14, 0, 0, 0, time.UTC), Minutes: 90, Place: "Room 3, Building 17W"}
	c, err := Compose(l)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Date: Tuesday, 14 Apr 2026", "Time: 14:00–15:30", "Place: Room 3, Building 17W"} {
		if !strings.Contains(c.Body, want) {
			t.Errorf("lacks %q:\n%s", want, c.Body)
		}
	}
	l.Lang = "zh-HK"
	c, _ = Compose(l)
	if !strings.Contains(c.Body, "日期：2026年4月14日（星期二）") {
		t.Errorf("Chinese meeting date:\n%s", c.Body)
	}
	l.Meeting = nil
	c, _ = Compose(l)
	if !strings.Contains(c.Body, "商定會面日期") {
		t.Errorf("no meeting sentence:\n%s", c.Body)
	}
}

func TestPDFText(t *testing.T) {
	for _, lang := range []string{"en", "zh-HK"} {
		l := letterFor(register.LetterMissing, lang)
		c, err := Compose(l)
		if err != nil {
			t.Fatal(err)
		}
		pdf, err := PDF(l, c)
		if err != nil {
			t.Fatal(err)
		}
		again, _ := PDF(l, c)
		if string(again) != string(pdf) {
			t.Error("the same letter gave different bytes")
		}
		path := pdftest.WriteTemp(t, "letter-"+lang+".pdf", pdf)
		text, err := pdftest.Text(t, path)
		if err != nil {
			t.Fatal(err)
		}
		flat := pdftest.Squeeze(text)
		wants := []string{"HongKongScienceandTechnologyParksCorporation", "LT-20260310-0ABCDEFGHJKMN", "DrMeiLam", "AlexChan",
			"ContactOfficer,AdvancedTherapyProducts", "Telephonenumber"}
		if lang == "zh-HK" {
			wants = []string{"香港科技園公司", "2026年3月10日", "電話號碼", "先進療法產品類別", "AlexChan", "機密", "第1頁，共", "補交欠缺資料"}
			for _, en := range []string{"CONFIDENTIAL", "Page ", "For ", "Missing information"} {
				if strings.Contains(text, en) {
					t.Errorf("the Chinese letter's page furniture is in English: %q", en)
				}
			}
		} else {
			wants = append(wants, "10Mar2026")
		}
		for _, w := range wants {
			if !strings.Contains(flat, w) {
				t.Errorf("%s: pdftotext lacks %q:\n%s", lang, w, text)
			}
		}
		if os.Getenv("LETTER_KEEP") != "" {
			_ = os.WriteFile(filepath.Join(os.Getenv("LETTER_KEEP"), "letter-"+lang+".pdf"), pdf, 0o600)
		}
	}
}

// pyParse runs Python's email package on an .eml and returns what it read.
func pyParse(t *testing.T, eml []byte) map[string]any {
	t.Helper()
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Fatal("python3 is needed to check the drafts (apt-get install python3)")
	}
	path := filepath.Join(t.TempDir(), "draft.eml")
	if err := os.WriteFile(path, eml, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(py, "-c", PyReadDraft, path).CombinedOutput()
	if err != nil {
		t.Fatalf("python: %v\n%s", err, out)
	}
	var m map[string]any
	if err := json.Unmarshal(out, &m); err != nil {
		t.Fatalf("python said %s", out)
	}
	return m
}

func TestDraftReadsInPython(t *testing.T) {
	l := letterFor(register.LetterMissing, "zh-HK")
	l.Entity.ContactName = "林美 Mei Lam"
	c, err := Compose(l)
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := PDF(l, c)
	if err != nil {
		t.Fatal(err)
	}
	form := []byte("%PDF-1.7 fictional form")
	eml, err := EML(Draft{FromName: "Alex Chan", From: "gmp.atp@hkstp.org", ToName: l.Entity.ContactName, To: l.Entity.ContactEmail,
		Subject: c.Subject, Body: c.Body, Date: day, MessageID: "LT-1@atpreg.invalid",
		Attachments: []Attachment{{Name: "信函 LT-1.pdf", Type: "application/pdf", Data: pdf}, {Name: "RFI form.pdf", Type: "application/pdf", Data: form}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(eml), "\r\n") {
		if len(line) > 998 {
			t.Errorf("a line of %d characters", len(line))
		}
	}
	if strings.Contains(strings.ToLower(string(eml)), "\nbcc:") {
		t.Error("the draft has a Bcc")
	}
	m := pyParse(t, eml)
	if m["to"] != "林美 Mei Lam <mei.lam@harbour-gene.example>" || m["x_unsent"] != "1" || m["subject"] != c.Subject ||
		m["from"] != "Alex Chan <gmp.atp@hkstp.org>" || m["message_id"] != "<LT-1@atpreg.invalid>" {
		t.Errorf("headers: %v", m)
	}
	if m["body"] != c.Body+"\n" {
		t.Errorf("body:\n%q\nwant\n%q", m["body"], c.Body)
	}
	atts, _ := m["attachments"].([]any)
	if len(atts) != 2 {
		t.Fatalf("attachments: %v", m["attachments"])
	}
	a0 := atts[0].(map[string]any)
	if a0["filename"] != "信函 LT-1.pdf" || a0["type"] != "application/pdf" || a0["sha256"] != sha(pdf) {
		t.Errorf("letter attachment: %v", a0)
	}
	if a1 := atts[1].(map[string]any); a1["filename"] != "RFI form.pdf" || a1["sha256"] != sha(form) {
		t.Errorf("form attachment: %v", a1)
	}
	if defects, _ := m["defects"].([]any); len(defects) > 0 {
		t.Errorf("Python found defects: %v", defects)
	}
}

func TestDraftNeedsRecipient(t *testing.T) {
	if _, err := EML(Draft{Subject: "s", Body: "b", Date: day}); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("no recipient: %v", err)
	}
	if _, err := EML(Draft{To: "not an address", Subject: "s", Body: "b", Date: day}); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("bad recipient: %v", err)
	}
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}
