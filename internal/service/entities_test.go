package service_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
	"atpreg/internal/service"
	"atpreg/internal/service/servicetest"
)

func sparseEntity() register.Entity {
	return register.Entity{
		Name:         "Moonfield Cell Works Ltd",
		ContactName:  "Dr Iris Kwan",
		ContactEmail: "iris.kwan@moonfield.example.com",
		Submissions:  []register.Submission{{ProductName: "MFC-101 CAR-T", ATPType: register.ATPCellTherapy}},
	}
}

// TestEntityUseCases follows one entity through the register's use cases:
// registered (as the officer the settings name, else DefaultOfficer),
// updated, moved along the pipeline by its rules, and deleted, each step
// in its history.
func TestEntityUseCases(t *testing.T) {
	ctx := context.Background()
	r := servicetest.New(t)

	id, err := r.CreateEntity(ctx, sparseEntity())
	if err != nil {
		t.Fatal(err)
	}
	rec, err := r.EntityRecord(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Entity.Status != register.StatusReceived || rec.Complete || len(rec.Missing) == 0 {
		t.Fatalf("a new sparse entity: status %q, complete %v, %d missing", rec.Entity.Status, rec.Complete, len(rec.Missing))
	}
	if want := register.Moves(register.StatusReceived); len(rec.Moves) != len(want) || rec.Moves[0] != want[0] {
		t.Errorf("moves %v, want %v", rec.Moves, want)
	}
	if len(rec.History) != 1 || rec.History[0].By != service.DefaultOfficer || rec.History[0].Action != register.ActionCreate {
		t.Fatalf("history after creation: %+v", rec.History)
	}
	if !strings.HasSuffix(rec.History[0].At, "Z") || len(rec.History[0].At) != len("2025-03-01T01:00:00Z") {
		t.Errorf("history time %q is not RFC 3339 to the second in UTC", rec.History[0].At)
	}

	if _, err := r.SaveSettings(ctx, register.Settings{OfficerName: "  Dr Mei Chan ", AutoLockMinutes: 5, Weights: register.DefaultWeights()}); err != nil {
		t.Fatal(err)
	}
	e := rec.Entity
	e.Notes = "Call back after the board meeting."
	if err := r.UpdateEntity(ctx, e); err != nil {
		t.Fatal(err)
	}
	if err := r.MoveEntity(ctx, id, register.StatusScreening, ""); err != nil {
		t.Fatal(err)
	}
	err = r.MoveEntity(ctx, id, register.StatusScreening, "")
	if !apperr.Is(err, apperr.Invalid) || !strings.Contains(apperr.Message(err), "already") {
		t.Errorf("a move to the status it is in: %v", err)
	}
	if err := r.MoveEntity(ctx, id, register.StatusDeclined, "  "); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("declining without a reason: %v", err)
	}
	if err := r.MoveEntity(ctx, id, register.StatusEngaged, "fits"); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("a move the pipeline does not allow: %v", err)
	}
	h, err := r.History(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 3 || h[1].Field != "notes" || h[2].Action != register.ActionStatus || h[2].By != "Dr Mei Chan" {
		t.Fatalf("history: %+v", h)
	}

	if err := r.DeleteEntity(ctx, id, "Registered twice"); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Entity(ctx, id); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("a deleted entity: %v", err)
	}
	if h, _ := r.History(ctx, id); len(h) != 4 || h[3].Action != register.ActionDelete || h[3].Detail != "Registered twice" {
		t.Errorf("the tombstone: %+v", h)
	}
}

// TestCreateEntityRefusesInvalid checks that an invalid entity is refused
// with every problem named and nothing stored.
func TestCreateEntityRefusesInvalid(t *testing.T) {
	ctx := context.Background()
	r := servicetest.New(t)
	bad := sparseEntity()
	bad.Name = ""
	bad.ContactEmail = "not an address"
	_, err := r.CreateEntity(ctx, bad)
	var ae *apperr.Error
	if !apperr.Is(err, apperr.Invalid) || !errors.As(err, &ae) || len(ae.Fields) < 2 {
		t.Fatalf("an entity without a name and with a bad email: %v", err)
	}
	if page, err := r.ListEntities(ctx, service.ListQuery{}); err != nil || page.Total != 0 {
		t.Errorf("after a refused entity the list holds %d (%v)", page.Total, err)
	}
}

// TestListAndAllEntities checks the list's page and AllEntities on the
// demo register: the same rows, every one, whatever page was asked.
func TestListAndAllEntities(t *testing.T) {
	ctx := context.Background()
	r := servicetest.NewDemo(t)
	page, err := r.ListEntities(ctx, service.ListQuery{Limit: 7})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Rows) != 7 || page.Total != 40 {
		t.Fatalf("a page of 7: %d rows of %d", len(page.Rows), page.Total)
	}
	all, err := r.AllEntities(ctx, service.ListQuery{Limit: 7, Offset: 30})
	if err != nil || len(all) != 40 {
		t.Fatalf("all entities: %d, %v", len(all), err)
	}
	for i, row := range page.Rows {
		if all[i].ID != row.ID {
			t.Errorf("row %d: %d in the page, %d in all", i, row.ID, all[i].ID)
		}
	}
	if _, err := r.ListEntities(ctx, service.ListQuery{Sort: "colour"}); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("sorting by an unknown column: %v", err)
	}
}

// TestAttachmentUseCases attaches, reads, copies out and removes a file.
func TestAttachmentUseCases(t *testing.T) {
	ctx := context.Background()
	r := servicetest.New(t)
	id, err := r.CreateEntity(ctx, sparseEntity())
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "cmc summary.pdf")
	content := []byte("%PDF-1.4 fictional CMC summary")
	if err := os.WriteFile(src, content, 0o600); err != nil {
		t.Fatal(err)
	}
	info, err := r.AttachFile(ctx, id, src)
	if err != nil {
		t.Fatal(err)
	}
	if info.Name != "cmc summary.pdf" || info.Mime != "application/pdf" || info.Size != int64(len(content)) || info.AddedBy != service.DefaultOfficer {
		t.Errorf("attached: %+v", info)
	}
	if _, err := r.AttachFile(ctx, id, filepath.Join(dir, "absent.pdf")); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("attaching a missing file: %v", err)
	}
	if _, err := r.AddAttachment(ctx, id, "big.bin", make([]byte, register.MaxAttachmentBytes+1)); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("attaching too large a file: %v", err)
	}
	list, err := r.Attachments(ctx, id)
	if err != nil || len(list) != 1 || list[0].ID != info.ID {
		t.Fatalf("attachments: %+v, %v", list, err)
	}
	_, data, err := r.AttachmentData(ctx, info.ID)
	if err != nil || string(data) != string(content) {
		t.Fatalf("data: %q, %v", data, err)
	}

	dst := filepath.Join(dir, "out", "copy.pdf")
	if err := os.Mkdir(filepath.Dir(dst), 0o700); err != nil {
		t.Fatal(err)
	}
	var offered string
	got, err := r.SaveAttachmentCopy(ctx, info.ID, func(name string) (string, error) { offered = name; return dst, nil })
	if err != nil || got != dst || offered != "cmc summary.pdf" {
		t.Fatalf("save a copy: %q, %v (offered %q)", got, err, offered)
	}
	if st, err := os.Stat(dst); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("the copy: %v, %v", st, err)
	}
	if got, err := r.SaveAttachmentCopy(ctx, info.ID, func(string) (string, error) { return "", nil }); got != "" || err != nil {
		t.Errorf("a cancelled save: %q, %v", got, err)
	}

	if err := r.DeleteAttachment(ctx, info.ID); err != nil {
		t.Fatal(err)
	}
	if _, _, err := r.AttachmentData(ctx, info.ID); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("a removed attachment: %v", err)
	}
	h, _ := r.History(ctx, id)
	if last := h[len(h)-1]; last.Action != register.ActionDetach || last.Old != "cmc summary.pdf" {
		t.Errorf("history's last line: %+v", last)
	}
}

// TestSettingsUseCases checks the settings' defaults, the domain's rules
// on saving (nothing changes when refused) and the officer they name.
func TestSettingsUseCases(t *testing.T) {
	ctx := context.Background()
	r := servicetest.New(t)
	s, err := r.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.AutoLockMinutes != register.DefaultAutoLockMinutes || s.OfficerName != "" || r.Officer(ctx) != service.DefaultOfficer {
		t.Fatalf("defaults: %+v, officer %q", s, r.Officer(ctx))
	}
	for _, bad := range []register.Settings{
		{AutoLockMinutes: -1, Weights: register.DefaultWeights()},
		{AutoLockMinutes: register.MaxAutoLockMinutes + 1, Weights: register.DefaultWeights()},
		{OfficerName: strings.Repeat("名", register.MaxOfficerNameLen+1), Weights: register.DefaultWeights()},
		{AutoLockMinutes: 5, Weights: register.Weights{register.AspectReadiness: 100, register.AspectJobs: 5}},
	} {
		if _, err := r.SaveSettings(ctx, bad); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("saving %+v: %v", bad, err)
		}
	}
	if got, _ := r.Settings(ctx); got.AutoLockMinutes != register.DefaultAutoLockMinutes {
		t.Errorf("refused settings changed the register: %+v", got)
	}
	saved, err := r.SaveSettings(ctx, register.Settings{OfficerName: " Dr Mei Chan ", AutoLockMinutes: register.MaxAutoLockMinutes, Weights: register.DefaultWeights()})
	if err != nil {
		t.Fatal(err)
	}
	if saved.OfficerName != "Dr Mei Chan" || saved.AutoLockMinutes != register.MaxAutoLockMinutes || r.Officer(ctx) != "Dr Mei Chan" {
		t.Errorf("saved %+v, officer %q", saved, r.Officer(ctx))
	}
	r = servicetest.Reopen(t, r)
	if got, _ := r.Settings(ctx); got.OfficerName != "Dr Mei Chan" {
		t.Errorf("after reopening: %+v", got)
	}
}

// TestRatePassphrase checks that the meter's rating and the strength rule
// agree at the ends.
func TestRatePassphrase(t *testing.T) {
	if s := service.RatePassphrase(""); s.Score != 0 {
		t.Errorf("empty: %+v", s)
	}
	if s := service.RatePassphrase(string(servicetest.Passphrase)); s.Score < 3 {
		t.Errorf("the test passphrase: %+v", s)
	}
}

// TestLookAlikes: an entity typed by hand with an existing contact email
// (any case) or nearly an existing name is named, email first; the entity
// itself and unlike ones are not; nothing changes.
func TestLookAlikes(t *testing.T) {
	ctx := context.Background()
	r := servicetest.New(t)
	first := sparseEntity()
	id, err := r.CreateEntity(ctx, first)
	if err != nil {
		t.Fatal(err)
	}
	other := sparseEntity()
	other.Name, other.ContactEmail = "Moonfeld Cell Works Limited", "info@moonfeld.example.com"
	id2, err := r.CreateEntity(ctx, other)
	if err != nil {
		t.Fatal(err)
	}
	got, err := r.LookAlikes(ctx, register.Entity{Name: "Moonfield Cell Works", ContactEmail: "IRIS.KWAN@moonfield.example.com"})
	if err != nil {
		t.Fatal(err)
	}
	want := []service.LookAlike{{ID: id, Name: first.Name, Why: register.LookAlikeEmail}, {ID: id2, Name: other.Name, Why: register.LookAlikeName}}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("look-alikes %+v, want %+v", got, want)
	}
	self, err := r.LookAlikes(ctx, register.Entity{ID: id, Name: first.Name, ContactEmail: first.ContactEmail})
	if err != nil || len(self) != 1 || self[0].ID != id2 {
		t.Fatalf("an entity's own look-alikes %+v (%v), want only the other", self, err)
	}
	none, err := r.LookAlikes(ctx, register.Entity{Name: "Tai Po Vector Labs", ContactEmail: "hello@taipo.example.com"})
	if err != nil || len(none) != 0 {
		t.Fatalf("an unlike entity's look-alikes %+v (%v)", none, err)
	}
}
