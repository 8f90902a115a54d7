package service

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"atpreg/internal/apperr"
	"atpreg/internal/briefing"
	"atpreg/internal/register"
	"atpreg/internal/store"
)

var testPass = []byte("fictional harbour lantern 7 crane kettle")

// newDemo is a demo register in t.TempDir() (servicetest cannot be used
// inside the package: it imports it).
func newDemo(t *testing.T) *Register {
	t.Helper()
	clock := time.Date(2026, 3, 10, 9, 30, 0, 0, time.FixedZone("HKT", 8*3600))
	r, err := CreateDemo(context.Background(), filepath.Join(t.TempDir(), "register.atpreg"), testPass,
		Options{TestingKDF: true, Now: func() time.Time { return clock }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := r.Close(); err != nil {
			t.Error(err)
		}
	})
	return r
}

// packMeeting is the demo meeting with the most entities and two partners,
// the second conflicted with the meeting's first entity.
func packMeeting(t *testing.T, r *Register) (register.MeetingRecord, []register.Partner) {
	t.Helper()
	ctx := context.Background()
	meetings, err := r.db.Meetings(ctx)
	if err != nil || len(meetings) == 0 {
		t.Fatalf("demo meetings: %v, %d", err, len(meetings))
	}
	m := meetings[0]
	for _, mm := range meetings {
		if len(mm.EntityIDs) > len(m.EntityIDs) {
			m = mm
		}
	}
	partners, err := r.db.Partners(ctx)
	if err != nil || len(partners) < 2 {
		t.Fatalf("demo partners: %v, %d", err, len(partners))
	}
	if err := r.db.SetConflict(ctx, partners[1].ID, m.EntityIDs[0], "Fictional: an adviser of the entity", "Officer"); err != nil {
		t.Fatal(err)
	}
	return m, partners
}

var docIDPattern = regexp.MustCompile(`^BP-20260310-[0-9A-HJKMNP-TV-Z]{13}$`)

// TestMakePacksPublishes makes a meeting's packs for two partners and checks
// the files, the ledger (base name, folder, delivered, SHA-256), the
// conflicted partner's pack and the entities' history.
func TestMakePacksPublishes(t *testing.T) {
	ctx := context.Background()
	r := newDemo(t)
	m, partners := packMeeting(t, r)
	dir := t.TempDir()
	var steps []PackProgress
	res, err := r.MakePacks(ctx, PackRequest{MeetingID: m.ID, Recipients: []PackRecipient{{PartnerID: partners[0].ID}, {PartnerID: partners[1].ID}}, Dir: dir},
		func(p PackProgress) { steps = append(steps, p) })
	if err != nil {
		t.Fatal(err)
	}
	if !docIDPattern.MatchString(res.DocumentID) {
		t.Errorf("document id %q", res.DocumentID)
	}
	if len(steps) != 3 || steps[2].Done != 3 || steps[2].Total != 3 {
		t.Errorf("progress steps %+v", steps)
	}
	rows, err := r.PackLedger(ctx, 0)
	if err != nil || len(rows) != 2 {
		t.Fatalf("ledger: %d rows, %v", len(rows), err)
	}
	for i, f := range res.Files {
		st, err := os.Stat(f.Path)
		if err != nil || st.Mode().Perm() != 0o600 {
			t.Fatalf("%s: %v %v", f.Path, st, err)
		}
		b, _ := os.ReadFile(f.Path)
		sum := sha256.Sum256(b)
		row := rows[slices.IndexFunc(rows, func(r PackLedgerRow) bool { return r.CopyNo == f.CopyNo })]
		if hex.EncodeToString(sum[:]) != f.SHA256 || row.SHA256 != f.SHA256 || row.DocID != res.DocumentID ||
			row.Folder != dir || row.FileName != filepath.Base(f.Path) || row.Path != f.Path || !row.Delivered || !row.FileExists ||
			row.Recipient != partners[i].Name || row.By != r.Officer(ctx) || row.ID != f.LedgerID || row.Options["meetingId"] != float64(m.ID) {
			t.Errorf("ledger row %+v for file %+v", row, f)
		}
	}
	if slices.Contains(res.Files[1].EntityIDs, m.EntityIDs[0]) || !slices.ContainsFunc(res.Files[1].Omitted, func(o briefingOmission) bool { return o.EntityID == m.EntityIDs[0] }) ||
		!slices.Equal(res.Files[0].EntityIDs, m.EntityIDs) || len(res.Files[1].EntityIDs) == 0 {
		t.Errorf("packs hold %v and %v (omitted %+v) for meeting entities %v", res.Files[0].EntityIDs, res.Files[1].EntityIDs, res.Files[1].Omitted, m.EntityIDs)
	}
	if !strings.Contains(fmt.Sprint(res.Notices), "left out for a conflict of interest") {
		t.Errorf("notices %v", res.Notices)
	}
	kept := res.Files[1].EntityIDs[0]
	hist, err := r.db.History(ctx, kept)
	if err != nil {
		t.Fatal(err)
	}
	exports := 0
	for _, h := range hist {
		if h.Action == store.ActionExport && strings.Contains(h.Detail, res.DocumentID) {
			exports++
		}
	}
	if exports != 2 {
		t.Errorf("entity %d history shows %d exports of %s, want 2", kept, exports, res.DocumentID)
	}
	if p, err := r.PublishedPath(ctx, res.Files[0].Path); err != nil || p != res.Files[0].Path {
		t.Errorf("PublishedPath of a pack: %q, %v", p, err)
	}
	if _, err := r.PublishedPath(ctx, filepath.Join(dir, "other.pdf")); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("PublishedPath of another file: %v", err)
	}
}

// TestMakePacksFailuresLeaveNothing: every refusal leaves the folder and the
// ledger as they were.
func TestMakePacksFailuresLeaveNothing(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, r *Register, req *PackRequest) context.Context
		code  apperr.Code
	}{
		{"Canceled", func(t *testing.T, r *Register, req *PackRequest) context.Context {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			return ctx
		}, apperr.Canceled},
		{"AllConflicted", func(t *testing.T, r *Register, req *PackRequest) context.Context {
			req.MeetingID, req.EntityIDs = 0, []int64{mustMeeting(t, r).EntityIDs[0]}
			req.Recipients = req.Recipients[1:]
			return context.Background()
		}, apperr.Invalid},
		{"UnknownMeeting", func(t *testing.T, r *Register, req *PackRequest) context.Context {
			req.MeetingID = 9999
			return context.Background()
		}, apperr.NotFound},
		{"UnknownPartner", func(t *testing.T, r *Register, req *PackRequest) context.Context {
			req.Recipients = []PackRecipient{{PartnerID: 4242}}
			return context.Background()
		}, apperr.NotFound},
		{"NoRecipients", func(t *testing.T, r *Register, req *PackRequest) context.Context {
			req.Recipients = nil
			return context.Background()
		}, apperr.Invalid},
		{"MeetingAndEntities", func(t *testing.T, r *Register, req *PackRequest) context.Context {
			req.EntityIDs = []int64{1}
			return context.Background()
		}, apperr.Invalid},
		{"NoFolder", func(t *testing.T, r *Register, req *PackRequest) context.Context {
			req.Dir = filepath.Join(req.Dir, "missing")
			return context.Background()
		}, apperr.Invalid},
		{"PathForTwo", func(t *testing.T, r *Register, req *PackRequest) context.Context {
			req.Path = filepath.Join(req.Dir, "one.pdf")
			return context.Background()
		}, apperr.Invalid},
		{"UnknownLanguage", func(t *testing.T, r *Register, req *PackRequest) context.Context {
			req.Lang = "fr"
			return context.Background()
		}, apperr.Invalid},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := newDemo(t)
			m, partners := packMeeting(t, r)
			dir := t.TempDir()
			req := PackRequest{MeetingID: m.ID, Recipients: []PackRecipient{{PartnerID: partners[0].ID}, {PartnerID: partners[1].ID}}, Dir: dir}
			ctx := tc.setup(t, r, &req)
			_, err := r.MakePacks(ctx, req, nil)
			if got := apperr.CodeOf(err); got != tc.code {
				t.Fatalf("err = %v (code %q), want code %q", err, got, tc.code)
			}
			if es, _ := os.ReadDir(dir); len(es) != 0 {
				t.Errorf("%d files left in the folder", len(es))
			}
			if rows, _ := r.Ledger(context.Background(), "", 0); len(rows) != 0 {
				t.Errorf("%d ledger entries made", len(rows))
			}
		})
	}
}

type briefingOmission = briefing.Omission

func mustMeeting(t *testing.T, r *Register) register.MeetingRecord {
	t.Helper()
	m, _ := packMeeting(t, r)
	return m
}
