package app_test

import (
	"bytes"
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"atpreg/app"
	"atpreg/internal/mailin/mailtest"
)

func intakeService(t *testing.T, s *app.Session) *app.IntakeService {
	t.Helper()
	for _, b := range app.Bindings(s) {
		if x, ok := b.(*app.IntakeService); ok {
			return x
		}
	}
	t.Fatal("IntakeService is not bound")
	return nil
}

// TestIntakeReviewConfirm: a dropped email is reviewed (nothing changes),
// confirmed, and the kept email previews as a decoded message.
func TestIntakeReviewConfirm(t *testing.T) {
	s := newTestSession(t, false)
	x := intakeService(t, s)
	eml := mailtest.Build(mailtest.Email{From: "Lee Wing <wing.lee@fictionalbio.example>", To: "atp@hkstp.example",
		Subject: "Our interest", Date: time.Date(2025, 5, 6, 8, 0, 0, 0, time.UTC), MessageID: "w1@fictionalbio.example",
		Text: "Hello,\nwe would like to take part.", Attachments: []mailtest.File{{Name: "deck.txt", Data: []byte("slides")}}})
	up := []app.IntakeUpload{{Name: "interest.eml", Base64: base64.StdEncoding.EncodeToString(eml)}}
	rev, err := x.Review(up, 0)
	if err != nil {
		t.Fatal(err)
	}
	if rev.Token == "" || !rev.DryRun || rev.Created != 1 || rev.Items[0].Email == nil || rev.Items[0].Email.Subject != "Our interest" ||
		!strings.Contains(rev.Items[0].Email.Text, "take part") || rev.Items[0].EntityID != 0 {
		t.Fatalf("review: %+v", rev)
	}
	done, err := x.Confirm(rev.Token, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !done.Applied || done.Items[0].EntityID == 0 || done.Items[0].EntityName != "Lee Wing" {
		t.Fatalf("confirm: %+v", done)
	}
	if _, err := x.Confirm(rev.Token, nil); err == nil {
		t.Fatal("a confirmed review confirmed again")
	}
	var reg *app.RegisterService
	for _, b := range app.Bindings(s) {
		if r, ok := b.(*app.RegisterService); ok {
			reg = r
		}
	}
	view, err := reg.Get(done.Items[0].EntityID)
	atts := view.Attachments
	if err != nil || len(atts) != 2 {
		t.Fatalf("attachments: %v %+v", err, atts)
	}
	v, err := x.AttachmentEmail(atts[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if v.Subject != "Our interest" || v.From[0].Email != "wing.lee@fictionalbio.example" || strings.Contains(v.Text, "Content-Type") || len(v.Attachments) != 1 {
		t.Fatalf("preview: %+v", v)
	}
	if _, err := x.AttachmentEmail(atts[1].ID); err == nil {
		t.Fatal("a text file previewed as an email")
	}
}

// TestSaveFormAs: the RFI form is saved where the dialog says, blank or
// pre-filled, under the suggested name; cancelling writes nothing; a bad
// format is refused before any dialog.
func TestSaveFormAs(t *testing.T) {
	s := newTestSession(t, true)
	x := intakeService(t, s)
	var reg *app.RegisterService
	for _, b := range app.Bindings(s) {
		if r, ok := b.(*app.RegisterService); ok {
			reg = r
		}
	}
	page, err := reg.List(app.ListQuery{Sort: "name", Limit: 1})
	if err != nil || len(page.Rows) == 0 {
		t.Fatalf("demo list: %v %+v", err, page)
	}
	ent := page.Rows[0]
	dir := t.TempDir()
	var suggested string
	path, err := app.SaveFormTo(x, ent.ID, "en", "pdf", func(name string) (string, error) {
		suggested = name
		return filepath.Join(dir, "form"), nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if suggested != "RFI form - "+ent.Name+".pdf" || path != filepath.Join(dir, "form.pdf") {
		t.Fatalf("suggested %q, saved %q", suggested, path)
	}
	data, err := os.ReadFile(path)
	if err != nil || !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Fatalf("saved form: %v %.8q", err, data)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Fatalf("form mode %v, want 0600", fi.Mode().Perm())
	}
	path, err = app.SaveFormTo(x, 0, "zh-HK", "docx", func(name string) (string, error) {
		suggested = name
		return filepath.Join(dir, "blank.docx"), nil
	})
	if err != nil || suggested != "RFI form.docx" {
		t.Fatalf("blank form: %v, suggested %q", err, suggested)
	}
	if data, err := os.ReadFile(path); err != nil || !bytes.HasPrefix(data, []byte("PK")) {
		t.Fatalf("saved docx: %v", err)
	}
	if path, err := app.SaveFormTo(x, ent.ID, "en", "pdf", func(string) (string, error) { return "", nil }); err != nil || path != "" {
		t.Fatalf("cancelled: %q %v", path, err)
	}
	called := false
	if _, err := app.SaveFormTo(x, ent.ID, "en", "odt", func(string) (string, error) { called = true; return "", nil }); err == nil || called {
		t.Fatalf("odt: err %v, dialog shown %v", err, called)
	}
}
