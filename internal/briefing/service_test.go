package briefing_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"atpreg/internal/apperr"
	"atpreg/internal/briefing"
	"atpreg/internal/pdftest"
	"atpreg/internal/register"
)

// fakeSource is an in-memory register for the service.
type fakeSource struct {
	entities  map[int64]briefing.EntityInput
	meeting   register.Meeting
	partners  []register.Partner
	conflicts map[int64]map[int64]string
	records   []briefing.Record
	recordErr error
}

func newFake() *fakeSource {
	f := &fakeSource{entities: map[int64]briefing.EntityInput{}, conflicts: map[int64]map[int64]string{}}
	for _, e := range fixtureEntities() {
		f.entities[e.Entity.ID] = e
	}
	f.partners = []register.Partner{{ID: 1, Name: "Harbour University Centre for Cell Therapy"}, {ID: 2, Name: "Tide Cove University Institute"}}
	f.meeting = *fixtureInput().Meeting
	f.meeting.EntityIDs = []int64{7, 12, 31}
	f.meeting.PartnerIDs = []int64{1, 2}
	f.conflicts[2] = map[int64]string{12: "Board member of the entity"}
	return f
}

func (f *fakeSource) Entities(_ context.Context, ids ...int64) ([]register.Entity, error) {
	var out []register.Entity
	for _, id := range ids {
		e, ok := f.entities[id]
		if !ok {
			return nil, apperr.New(apperr.NotFound, "Entity %d is not in the register.", id)
		}
		out = append(out, e.Entity)
	}
	return out, nil
}

func (f *fakeSource) Evaluations(_ context.Context, id int64) ([]register.Evaluation, error) {
	return f.entities[id].Evaluations, nil
}

func (f *fakeSource) Meeting(_ context.Context, id int64) (register.Meeting, error) {
	if id != f.meeting.ID {
		return register.Meeting{}, apperr.New(apperr.NotFound, "Meeting %d is not in the register.", id)
	}
	return f.meeting, nil
}

func (f *fakeSource) Partners(context.Context) ([]register.Partner, error) { return f.partners, nil }

func (f *fakeSource) ConflictedEntities(_ context.Context, id int64) (map[int64]string, error) {
	return f.conflicts[id], nil
}

func (f *fakeSource) Weights(context.Context) (register.Weights, error) {
	return register.DefaultWeights(), nil
}

func (f *fakeSource) RecordExports(_ context.Context, recs []briefing.Record) error {
	if f.recordErr != nil {
		return f.recordErr
	}
	f.records = append(f.records, recs...)
	return nil
}

func newService(f *fakeSource) *briefing.Service {
	return &briefing.Service{Src: f, Officer: "Joyce Lam", Now: func() time.Time { return clock }}
}

func meetingRequest(dir string) briefing.Request {
	return briefing.Request{MeetingID: 3, Recipients: []briefing.Recipient{{PartnerID: 1}, {PartnerID: 2, Name: "Dr Nathan Chow (Tide Cove)"}}, Dir: dir}
}

func dirEntries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

func TestExportMeetingWithConflict(t *testing.T) {
	f := newFake()
	dir := t.TempDir()
	var steps []briefing.Progress
	res, err := newService(f).Export(context.Background(), meetingRequest(dir), func(p briefing.Progress) { steps = append(steps, p) })
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Files) != 2 || len(f.records) != 2 {
		t.Fatalf("files %d, records %d; want 2 and 2", len(res.Files), len(f.records))
	}
	if !strings.HasPrefix(res.DocumentID, "BP-20260310-") {
		t.Errorf("document id %q", res.DocumentID)
	}
	if len(steps) != 3 || steps[2].Done != 3 || steps[2].Total != 3 {
		t.Errorf("progress steps %+v", steps)
	}
	for i, fr := range res.Files {
		st, err := os.Stat(fr.Path)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v, want 0600", fr.Path, st.Mode().Perm())
		}
		b, _ := os.ReadFile(fr.Path)
		sum := sha256.Sum256(b)
		rec := f.records[i]
		if hex.EncodeToString(sum[:]) != fr.SHA256 || rec.SHA256 != fr.SHA256 {
			t.Errorf("SHA-256 of %s: file %x, result %s, ledger %s", fr.Path, sum, fr.SHA256, rec.SHA256)
		}
		if rec.CopyNo != i+1 || fr.CopyNo != i+1 || rec.DocID != res.DocumentID || rec.FileName != fr.Path || rec.By != "Joyce Lam" || !rec.At.Equal(clock) {
			t.Errorf("record %d = %+v", i, rec)
		}
		if rec.Options["anonymised"] != false || rec.Options["encrypted"] != false || rec.Options["meetingId"] != int64(3) {
			t.Errorf("record options %v", rec.Options)
		}
	}
	if res.Files[0].Recipient != "Harbour University Centre for Cell Therapy" || res.Files[1].Recipient != "Dr Nathan Chow (Tide Cove)" {
		t.Errorf("recipients %q, %q", res.Files[0].Recipient, res.Files[1].Recipient)
	}
	if !slices.Equal(f.records[0].EntityIDs, []int64{7, 12, 31}) || !slices.Equal(f.records[1].EntityIDs, []int64{7, 31}) {
		t.Errorf("entities %v / %v", f.records[0].EntityIDs, f.records[1].EntityIDs)
	}
	if len(res.Files[1].Omitted) != 1 || res.Files[1].Omitted[0].EntityID != 12 {
		t.Errorf("omitted %+v", res.Files[1].Omitted)
	}
	notices := strings.Join(res.Notices, "\n")
	for _, want := range []string{"Dr Nathan Chow (Tide Cove): 1 entity left out for a conflict of interest (翠峰細胞醫學有限公司)", "replaced by □", "Kowloon Bay Biologics Ltd / product 1"} {
		if !strings.Contains(notices, want) {
			t.Errorf("notices lack %q:\n%s", want, notices)
		}
	}
	text, err := pdftest.Text(t, res.Files[1].Path)
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

func TestExportEncrypted(t *testing.T) {
	f := newFake()
	req := briefing.Request{EntityIDs: []int64{12}, Recipients: []briefing.Recipient{{Name: "Dr Ada Lam"}}, Password: "correct horse battery", Path: filepath.Join(t.TempDir(), "pack.pdf")}
	res, err := newService(f).Export(context.Background(), req, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Files[0].Encrypted || f.records[0].Options["encrypted"] != true {
		t.Error("the pack is not reported as encrypted")
	}
	for k, v := range f.records[0].Options {
		if s, ok := v.(string); ok && strings.Contains(s, "correct horse") {
			t.Errorf("the ledger records the password under %q", k)
		}
	}
	info, err := pdftest.Info(t, req.Path, "-upw", req.Password)
	if err != nil || !strings.Contains(info, "algorithm:AES-256") {
		t.Errorf("pdfinfo does not report AES-256 (%v):\n%s", err, info)
	}
	if out, err := pdftest.Info(t, req.Path); err == nil {
		t.Errorf("pdfinfo opened the pack without the password:\n%s", out)
	}
	if _, err := pdftest.Text(t, req.Path); err == nil {
		t.Error("pdftotext read the pack without the password")
	}
	text, err := pdftest.Text(t, req.Path, "-upw", req.Password)
	if err != nil || !strings.Contains(text, "翠峰細胞醫學有限公司") {
		t.Errorf("with the password the pack does not read (%v)", err)
	}
}

func TestExportAnonymisedFileNames(t *testing.T) {
	f := newFake()
	dir := t.TempDir()
	req := meetingRequest(dir)
	req.Anonymise = true
	req.FirstCopy = 5
	res, err := newService(f).Export(context.Background(), req, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		res.DocumentID + "-copy5-Harbour-University-Centre-for-Cell-Therapy.pdf",
		res.DocumentID + "-copy6-Dr-Nathan-Chow-Tide-Cove.pdf",
	}
	if got := dirEntries(t, dir); !slices.Equal(got, want) {
		t.Errorf("files %v, want %v", got, want)
	}
	text, err := pdftest.Text(t, res.Files[0].Path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(text, "Harbourline") || !strings.Contains(text, "E-0007") {
		t.Error("the anonymised pack names an entity or lacks its code")
	}
}

func TestExportFailuresLeaveNothing(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, f *fakeSource, req *briefing.Request) context.Context
		code  apperr.Code
	}{
		{"Canceled", func(t *testing.T, f *fakeSource, req *briefing.Request) context.Context {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			return ctx
		}, apperr.Canceled},
		{"LedgerFails", func(t *testing.T, f *fakeSource, req *briefing.Request) context.Context {
			f.recordErr = errors.New("disk full")
			return context.Background()
		}, apperr.Internal},
		{"FileExists", func(t *testing.T, f *fakeSource, req *briefing.Request) context.Context {
			// The second copy's name is taken: the first must be removed again.
			doc := briefing.DocumentID(clock, []int64{7, 12, 31}, []string{"Harbour University Centre for Cell Therapy", "Dr Nathan Chow (Tide Cove)"})
			if err := os.WriteFile(filepath.Join(req.Dir, doc+"-copy2-Dr-Nathan-Chow-Tide-Cove.pdf"), []byte("x"), 0o600); err != nil {
				t.Fatal(err)
			}
			return context.Background()
		}, apperr.Conflict},
		{"AllConflicted", func(t *testing.T, f *fakeSource, req *briefing.Request) context.Context {
			req.Recipients = req.Recipients[1:]
			f.meeting.EntityIDs = []int64{12}
			return context.Background()
		}, apperr.Invalid},
		{"UnknownMeeting", func(t *testing.T, f *fakeSource, req *briefing.Request) context.Context {
			req.MeetingID = 99
			return context.Background()
		}, apperr.NotFound},
		{"UnknownPartner", func(t *testing.T, f *fakeSource, req *briefing.Request) context.Context {
			req.Recipients = []briefing.Recipient{{PartnerID: 42}}
			return context.Background()
		}, apperr.NotFound},
		{"NoRecipients", func(t *testing.T, f *fakeSource, req *briefing.Request) context.Context {
			req.Recipients = nil
			return context.Background()
		}, apperr.Invalid},
		{"MeetingAndEntities", func(t *testing.T, f *fakeSource, req *briefing.Request) context.Context {
			req.EntityIDs = []int64{7}
			return context.Background()
		}, apperr.Invalid},
		{"NoFolder", func(t *testing.T, f *fakeSource, req *briefing.Request) context.Context {
			req.Dir = filepath.Join(req.Dir, "missing")
			return context.Background()
		}, apperr.Invalid},
		{"PathForTwo", func(t *testing.T, f *fakeSource, req *briefing.Request) context.Context {
			req.Path = filepath.Join(req.Dir, "one.pdf")
			return context.Background()
		}, apperr.Invalid},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake()
			dir := t.TempDir()
			req := meetingRequest(dir)
			ctx := tc.setup(t, f, &req)
			before := dirEntries(t, dir)
			_, err := newService(f).Export(ctx, req, nil)
			if got := apperr.CodeOf(err); got != tc.code {
				t.Fatalf("err = %v (code %q), want code %q", err, got, tc.code)
			}
			if after := dirEntries(t, dir); !slices.Equal(before, after) {
				t.Errorf("files before %v, after %v", before, after)
			}
			if len(f.records) != 0 {
				t.Errorf("%d records made", len(f.records))
			}
		})
	}
}

func TestDocumentIDDiffers(t *testing.T) {
	a := briefing.DocumentID(clock, []int64{1}, []string{"A"})
	for _, b := range []string{
		briefing.DocumentID(clock.Add(time.Nanosecond), []int64{1}, []string{"A"}),
		briefing.DocumentID(clock, []int64{2}, []string{"A"}),
		briefing.DocumentID(clock, []int64{1}, []string{"B"}),
	} {
		if a == b {
			t.Errorf("document ids collide: %s", a)
		}
	}
	if a != briefing.DocumentID(clock, []int64{1}, []string{"A"}) {
		t.Error("document id is not a function of its inputs")
	}
}
