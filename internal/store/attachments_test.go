package store_test

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
	"atpreg/internal/store"
	"atpreg/internal/store/storetest"
)

func TestAttachments(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	id := mustCreate(t, db, sampleEntity())
	email := []byte("From: iris.kwan@moonfield.example.com\r\nSubject: RFI\r\n\r\nFictional.")

	tests := []struct {
		name     string
		entity   int64
		file     string
		data     []byte
		code     apperr.Code
		wantMime string
	}{
		{"Email", id, `C:\Users\x\RFI reply.eml`, email, "", "message/rfc822"},
		{"PDF", id, "submission.pdf", []byte("%PDF-1.7 fictional"), "", "application/pdf"},
		{"Sniffed", id, "scan", []byte("%PDF-1.7 fictional"), "", "application/pdf"},
		{"AtLimit", id, "big.docx", make([]byte, store.MaxAttachmentBytes), "", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
		{"TooBig", id, "huge.pdf", make([]byte, store.MaxAttachmentBytes+1), apperr.Invalid, ""},
		{"Empty", id, "empty.pdf", nil, apperr.Invalid, ""},
		{"NoName", id, "  ", email, apperr.Invalid, ""},
		{"ControlInName", id, "a\x01.pdf", email, apperr.Invalid, ""},
		{"NoEntity", id + 50, "a.pdf", email, apperr.NotFound, ""},
	}
	var kept []store.AttachmentInfo
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			info, err := db.AddAttachment(ctx, tc.entity, tc.file, tc.data, "Test Officer")
			if apperr.CodeOf(err) != tc.code {
				t.Fatalf("AddAttachment: %v, want code %q", err, tc.code)
			}
			if tc.code == apperr.Invalid && tc.name == "TooBig" && !strings.Contains(apperr.Message(err), "20 MB") {
				t.Errorf("message %q does not give the limit", apperr.Message(err))
			}
			if err != nil {
				return
			}
			if info.Mime != tc.wantMime || info.Size != int64(len(tc.data)) || len(info.SHA256) != 64 || info.AddedBy != "Test Officer" {
				t.Errorf("info %+v", info)
			}
			_, data, err := db.AttachmentData(ctx, info.ID)
			if err != nil || !bytes.Equal(data, tc.data) {
				t.Errorf("content differs (%v)", err)
			}
			kept = append(kept, info)
		})
	}
	if kept[0].Name != "RFI reply.eml" {
		t.Errorf("name %q: want the base name", kept[0].Name)
	}
	list, err := db.Attachments(ctx, id)
	if err != nil || len(list) != len(kept) {
		t.Fatalf("Attachments: %d, %v; want %d", len(list), err, len(kept))
	}
	if err := db.DeleteAttachment(ctx, kept[0].ID, "Test Officer"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.AttachmentData(ctx, kept[0].ID); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("deleted attachment: %v", err)
	}
	h, _ := db.History(ctx, id)
	actions := map[string]int{}
	for _, a := range h {
		actions[a.Action]++
	}
	if actions[store.ActionAttach] != len(kept) || actions[store.ActionDetach] != 1 {
		t.Errorf("history actions %v", actions)
	}

	// Attachments survive a restart: they are inside the encrypted register.
	db2 := storetest.Reopen(t, db)
	_, data, err := db2.AttachmentData(ctx, kept[1].ID)
	if err != nil || !bytes.HasPrefix(data, []byte("%PDF")) {
		t.Errorf("after reopen: %v", err)
	}
}

func TestLedger(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	a := mustCreate(t, db, sampleEntity())
	b := mustCreate(t, db, sampleEntity())
	record := func(e store.LedgerEntry, content string) (store.LedgerEntry, error) {
		out, err := db.RecordPublished(ctx, []store.LedgerEntry{e}, [][]byte{[]byte(content)})
		if err != nil {
			return e, err
		}
		return out[0], nil
	}
	e, err := record(store.LedgerEntry{DocID: "BRF-2025-0001", Kind: register.LedgerBrief, Recipient: "Prof. Example",
		CopyNo: 2, EntityIDs: []int64{a, b}, Options: map[string]any{"anonymise": false}, FileName: "brief.pdf", Folder: "/fictional",
		SHA256: strings.Repeat("ab", 32), By: "Test Officer"}, "%PDF fictional")
	if err != nil {
		t.Fatal(err)
	}
	if e.ID == 0 || e.At == "" || e.Delivered || e.Size != 14 {
		t.Errorf("entry %+v", e)
	}
	d, err := record(store.LedgerEntry{DocID: "DEM-1", Kind: register.LedgerDemand, FileName: "demand.json"}, "{}")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := record(store.LedgerEntry{DocID: "X", Kind: "leaflet", FileName: "x"}, ""); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("unknown kind: %v", err)
	}
	if _, err := record(store.LedgerEntry{DocID: "X", Kind: register.LedgerDemand, FileName: "/tmp/x"}, ""); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("a file name with a folder: %v", err)
	}
	// Undelivered entries keep their bytes; delivering drops them.
	if _, content, err := db.LedgerContent(ctx, d.ID); err != nil || string(content) != "{}" {
		t.Errorf("undelivered content %q, %v", content, err)
	}
	if err := db.MarkDelivered(ctx, []int64{d.ID}); err != nil {
		t.Fatal(err)
	}
	if got, content, err := db.LedgerContent(ctx, d.ID); err != nil || content != nil || !got.Delivered {
		t.Errorf("delivered entry %+v, content %q, %v", got, content, err)
	}
	if _, _, err := db.LedgerContent(ctx, 999); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("unknown entry: %v", err)
	}
	tests := []struct {
		name string
		f    store.LedgerFilter
		want int
	}{
		{"All", store.LedgerFilter{}, 2},
		{"Kind", store.LedgerFilter{Kind: register.LedgerBrief}, 1},
		{"Entity", store.LedgerFilter{EntityID: b}, 1},
		{"OtherEntity", store.LedgerFilter{EntityID: b + 10}, 0},
		{"Doc", store.LedgerFilter{DocID: "DEM-1"}, 1},
		{"Undelivered", store.LedgerFilter{Undelivered: true}, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := db.Ledger(ctx, tc.f)
			if err != nil || len(got) != tc.want {
				t.Errorf("%d entries, %v; want %d", len(got), err, tc.want)
			}
		})
	}
	got, _ := db.Ledger(ctx, store.LedgerFilter{Kind: register.LedgerBrief})
	if g := got[0]; g.Recipient != "Prof. Example" || g.CopyNo != 2 || len(g.EntityIDs) != 2 || g.Options["anonymise"] != false || g.FileName != "brief.pdf" || g.Folder != "/fictional" {
		t.Errorf("entry read back as %+v", g)
	}
	for _, id := range []int64{a, b} {
		h, _ := db.History(ctx, id)
		if last := h[len(h)-1]; last.Action != store.ActionExport || !strings.Contains(last.Detail, "BRF-2025-0001") {
			t.Errorf("entity %d: last history %+v", id, last)
		}
	}
}

// The history says in words what left the register; a register-wide export
// is one line in the register's own log, not a line in every entity's
// history.
func TestPublishedHistoryWording(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	a := mustCreate(t, db, sampleEntity())
	b := mustCreate(t, db, sampleEntity())
	_, err := db.RecordPublished(ctx, []store.LedgerEntry{
		{DocID: "BRF-20260302-AAAA", Kind: register.LedgerBrief, Recipient: "Prof. Example", CopyNo: 2, EntityIDs: []int64{a},
			FileName: "brief-2.pdf", Folder: "/fictional", SHA256: strings.Repeat("ab", 32), By: "Test Officer"},
		{DocID: "EXP-20260302-BBBB", Kind: register.LedgerExport, EntityIDs: []int64{a, b},
			FileName: "register-export.xlsx", Folder: "/fictional", SHA256: strings.Repeat("cd", 32), By: "Test Officer"},
	}, [][]byte{[]byte("%PDF fictional"), []byte("PK fictional")})
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[int64][]string{
		a: {"Briefing pack BRF-20260302-AAAA for Prof. Example (copy 2), saved as brief-2.pdf"},
		b: nil,
	} {
		h, err := db.History(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range h {
			if e.Action == store.ActionExport {
				got = append(got, e.Detail)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("entity %d's history: exports %q, want %q", id, got, want)
		}
	}
	log, err := db.AuditLog(ctx, store.AuditFilter{Action: store.ActionExport})
	if err != nil {
		t.Fatal(err)
	}
	var whole []string
	for _, e := range log {
		if e.EntityID == 0 {
			whole = append(whole, e.Detail)
		}
	}
	if want := []string{"Register export EXP-20260302-BBBB of 2 entities, saved as register-export.xlsx"}; !slices.Equal(whole, want) {
		t.Errorf("register's own log: %q, want %q", whole, want)
	}
	if l, err := db.Ledger(ctx, store.LedgerFilter{}); err != nil || len(l) != 2 {
		t.Errorf("ledger: %d entries, %v", len(l), err)
	}
}
