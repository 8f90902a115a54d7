package app_test

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"

	"atpreg/app"
	"atpreg/internal/register"
)

// wire decodes an error returned by a bound method.
type wire struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Fields  []struct {
		Field   string `json:"field"`
		Message string `json:"message"`
	} `json:"fields"`
}

func decodeFail(t *testing.T, err error) wire {
	t.Helper()
	if err == nil {
		t.Fatal("no error, want one")
	}
	var w wire
	if jerr := json.Unmarshal([]byte(err.Error()), &w); jerr != nil {
		t.Fatalf("error %q is not wire JSON: %v", err, jerr)
	}
	return w
}

func registerService(t *testing.T, demo bool) *app.RegisterService {
	t.Helper()
	s := newTestSession(t, demo)
	for _, b := range app.Bindings(s) {
		if r, ok := b.(*app.RegisterService); ok {
			return r
		}
	}
	t.Fatal("RegisterService is not bound")
	return nil
}

func fictionalEntity() register.Entity {
	return register.Entity{
		Name:         "Moonfield Cell Works Ltd",
		ContactName:  "Dr Iris Kwan",
		ContactEmail: "iris.kwan@moonfield.example.com",
		Submissions:  []register.Submission{{ProductName: "MFC-101 CAR-T", ATPType: register.ATPCellTherapy}},
	}
}

func TestRegisterServiceLifecycle(t *testing.T) {
	r := registerService(t, false)

	id, err := r.Create(fictionalEntity())
	if err != nil {
		t.Fatal(err)
	}
	v, err := r.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	if v.Complete || len(v.Missing) == 0 {
		t.Fatalf("a sparse entity is complete: %+v", v.Missing)
	}
	var sawProductItem bool
	for _, m := range v.Missing {
		if strings.HasPrefix(m.Field, "submissions[0].") {
			sawProductItem = true
			if m.SubmissionID != v.Entity.Submissions[0].ID || m.Product != "MFC-101 CAR-T" {
				t.Errorf("missing product item %+v does not name its product", m)
			}
		}
	}
	if !sawProductItem {
		t.Error("no missing product items listed")
	}
	if len(v.Moves) == 0 || v.Entity.Status != register.StatusReceived {
		t.Errorf("status %q, moves %v", v.Entity.Status, v.Moves)
	}

	e := v.Entity
	e.ContactPhone = "+852 3000 1234"
	e.Submissions = append(e.Submissions, register.Submission{ProductName: "MFC-202 MSC"})
	if err := r.Update(e); err != nil {
		t.Fatal(err)
	}
	if err := r.Move(id, "declined", ""); decodeFail(t, err).Code != "invalid" {
		t.Error("a decline without a reason was accepted")
	}
	if err := r.Move(id, "screening", "Checking the pre-requisite information."); err != nil {
		t.Fatal(err)
	}
	v, err = r.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Entity.Submissions) != 2 || v.Entity.Status != register.StatusScreening {
		t.Fatalf("after update and move: %d products, status %q", len(v.Entity.Submissions), v.Entity.Status)
	}
	actions := map[string]int{}
	for _, h := range v.History {
		actions[h.Action]++
		if h.By != "Officer" {
			t.Errorf("history entry by %q, want the unnamed officer", h.By)
		}
	}
	if actions["create"] != 1 || actions["update"] != 2 || actions["status"] != 1 {
		t.Errorf("history actions = %v", actions)
	}

	if err := r.Delete(id, "Duplicate of another submission."); err != nil {
		t.Fatal(err)
	}
	if w := decodeFail(t, errOf(r.Get(id))); w.Code != "notfound" {
		t.Errorf("Get after delete: %+v", w)
	}
	h, err := r.History(id)
	if err != nil {
		t.Fatal(err)
	}
	if last := h[len(h)-1]; last.Action != "delete" || last.Old != "Moonfield Cell Works Ltd" {
		t.Errorf("tombstone = %+v", last)
	}
}

func errOf[T any](_ T, err error) error { return err }

func TestRegisterServiceCreateInvalid(t *testing.T) {
	r := registerService(t, false)
	e := fictionalEntity()
	e.ContactEmail = "not an email"
	e.Submissions[0].GeneVector = register.VectorViral
	w := decodeFail(t, errOf(r.Create(e)))
	if w.Code != "invalid" {
		t.Fatalf("code %q", w.Code)
	}
	fields := map[string]bool{}
	for _, f := range w.Fields {
		fields[f.Field] = true
	}
	for _, want := range []string{"contact_email", "submissions[0].gene_vector"} {
		if !fields[want] {
			t.Errorf("no problem reported for %s (got %v)", want, fields)
		}
	}
	page, err := r.List(app.ListQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if page.Total != 0 {
		t.Errorf("an invalid entity was stored")
	}
}

func TestRegisterServiceAttachments(t *testing.T) {
	r := registerService(t, false)
	id, err := r.Create(fictionalEntity())
	if err != nil {
		t.Fatal(err)
	}
	content := []byte("%PDF-1.4 fictional submission")
	info, err := r.AddAttachment(id, "submission.pdf", base64.StdEncoding.EncodeToString(content))
	if err != nil {
		t.Fatal(err)
	}
	if info.Mime != "application/pdf" || info.Size != int64(len(content)) {
		t.Errorf("info = %+v", info)
	}
	d, err := r.AttachmentData(info.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := base64.StdEncoding.DecodeString(d.Base64); string(got) != string(content) || d.Name != "submission.pdf" {
		t.Errorf("attachment data = %q %q", d.Name, got)
	}
	// Sizes around the limit, whatever the base64 padding: the limit itself
	// is attached, one byte more is refused with the limit named and nothing
	// stored.
	for _, n := range []int{register.MaxAttachmentBytes - 1, register.MaxAttachmentBytes, register.MaxAttachmentBytes + 1, register.MaxAttachmentBytes + 2} {
		data := base64.StdEncoding.EncodeToString(make([]byte, n))
		got, err := r.AddAttachment(id, "scan.pdf", data)
		if n <= register.MaxAttachmentBytes {
			if err != nil || got.Size != int64(n) {
				t.Errorf("%d bytes: %+v, %v; want attached", n, got, err)
			} else if err := r.DeleteAttachment(got.ID); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if w := decodeFail(t, err); w.Code != "invalid" || !strings.Contains(w.Message, "20 MB") || !strings.Contains(w.Message, "scan.pdf") {
			t.Errorf("%d bytes: %+v, want refused naming the file and the limit", n, w)
		}
	}
	if v, err := r.Get(id); err != nil || len(v.Attachments) != 1 {
		t.Fatalf("after the size checks: %d attachments, %v; want only the first", len(v.Attachments), err)
	}
	if err := r.DeleteAttachment(info.ID); err != nil {
		t.Fatal(err)
	}
	v, err := r.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Attachments) != 0 {
		t.Errorf("attachments after delete: %+v", v.Attachments)
	}
}

func TestRegisterServiceListDemo(t *testing.T) {
	r := registerService(t, true)
	tests := []struct {
		name string
		q    app.ListQuery
		min  int
	}{
		{"all", app.ListQuery{}, 40},
		{"chinese", app.ListQuery{Search: "細胞"}, 1},
		{"incomplete", app.ListQuery{Completeness: "incomplete"}, 1},
		{"gene therapy", app.ListQuery{ATPType: "gene_therapy"}, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			page, err := r.List(tc.q)
			if err != nil {
				t.Fatal(err)
			}
			if page.Total < tc.min {
				t.Errorf("total %d, want at least %d", page.Total, tc.min)
			}
		})
	}
	c := r.Choices()
	if len(c.Statuses) != 9 || c.Labels["pd_completed"] == "" || len(c.ATPTypes) != 3 {
		t.Errorf("choices = %+v", c)
	}
}

// TestRegisterServiceMatching: "select all" gets every entity the list's
// search and filters select, whatever page the list shows, and a bad
// filter is refused.
func TestRegisterServiceMatching(t *testing.T) {
	r := registerService(t, true)
	for _, q := range []app.ListQuery{{}, {Completeness: "incomplete"}, {Statuses: []string{"screening", "declined"}}, {Search: "cell", Offset: 5, Limit: 3}} {
		page, err := r.List(app.ListQuery{Search: q.Search, Statuses: q.Statuses, Completeness: q.Completeness, Sort: "name", Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		refs, err := r.Matching(q)
		if err != nil {
			t.Fatal(err)
		}
		if len(refs) != page.Total || len(refs) == 0 {
			t.Fatalf("%+v: %d matching, the list counts %d", q, len(refs), page.Total)
		}
		for i, row := range page.Rows {
			if refs[i].ID != row.ID || refs[i].Name != row.Name {
				t.Errorf("%+v: #%d is %+v, the list by name has %d %q", q, i, refs[i], row.ID, row.Name)
			}
		}
	}
	if w := decodeFail(t, errOf(r.Matching(app.ListQuery{Completeness: "half"}))); w.Code != "invalid" {
		t.Errorf("a bad completeness filter: %+v", w)
	}
}

func TestRegisterServiceLocked(t *testing.T) {
	s := app.NewSession(app.Config{RegisterPath: t.TempDir() + "/none.atpreg"})
	r := &app.RegisterService{}
	for _, b := range app.Bindings(s) {
		if rs, ok := b.(*app.RegisterService); ok {
			r = rs
		}
	}
	if w := decodeFail(t, errOf(r.List(app.ListQuery{}))); w.Code != "locked" {
		t.Errorf("List on a locked register: %+v", w)
	}
}

// TestRegisterServiceLookAlikes: the form's warning names an entity with the
// same contact email, not the entity itself.
func TestRegisterServiceLookAlikes(t *testing.T) {
	r := registerService(t, false)
	e := fictionalEntity()
	id, err := r.Create(e)
	if err != nil {
		t.Fatal(err)
	}
	typed := fictionalEntity()
	typed.Name = "Quite Another Name Ltd"
	typed.ContactEmail = strings.ToUpper(e.ContactEmail)
	got, err := r.LookAlikes(typed)
	if err != nil || len(got) != 1 || got[0].ID != id || got[0].Why != "email" {
		t.Fatalf("look-alikes %+v (%v), want the entity %d by email", got, err, id)
	}
	e.ID = id
	if got, err := r.LookAlikes(e); err != nil || len(got) != 0 {
		t.Fatalf("the entity looks like %+v (%v), want nothing but itself", got, err)
	}
}
