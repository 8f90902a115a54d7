package app_test

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"atpreg/app"
)

func letterService(t *testing.T) *app.LetterService {
	t.Helper()
	s := newTestSession(t, true)
	for _, b := range app.Bindings(s) {
		if l, ok := b.(*app.LetterService); ok {
			return l
		}
	}
	t.Fatal("LetterService is not bound")
	return nil
}

func TestLetterServiceWire(t *testing.T) {
	l := letterService(t)
	c, err := l.Choices()
	if err != nil || len(c.Kinds) != 6 || len(c.Statuses) == 0 {
		t.Fatalf("choices: %v %+v", err, c)
	}
	b, _ := json.Marshal(c.Kinds[3])
	if string(b) != `{"code":"invite","label":"Invitation to dialogue","asks":false,"moveTo":"invited"}` {
		t.Errorf("wire: %s", b)
	}
	ps, err := l.Preview(app.LetterRequest{EntityIDs: []int64{37}, Kind: "missing", Lang: "en"})
	if err != nil || len(ps) != 1 || len(ps[0].Missing) == 0 || len(ps[0].Attachments) != 2 {
		t.Fatalf("preview: %v %+v", err, ps)
	}
	dir := t.TempDir()
	res, err := l.Write(app.LetterRequest{EntityIDs: []int64{37}, Kind: "missing", Lang: "en", Dir: dir})
	if err != nil || len(res.Files) != 1 || res.Requests != 1 {
		t.Fatalf("write: %v %+v", err, res)
	}
	if _, err := os.Stat(res.Files[0].Path); err != nil {
		t.Fatal(err)
	}
	aw, err := l.Awaited()
	if err != nil || len(aw) != 1 || aw[0].EntityID != 37 || !aw[0].Open || aw[0].AnsweredAt != "" {
		t.Fatalf("awaited: %v %+v", err, aw)
	}
	if n, err := l.MarkReceived(37, "reply by email"); err != nil || n != 1 {
		t.Fatalf("received: %d %v", n, err)
	}
	if aw, _ = l.Awaited(); len(aw) != 0 {
		t.Errorf("still awaited: %+v", aw)
	}
	if _, err := l.Write(app.LetterRequest{EntityIDs: []int64{37}, Kind: "hold", Lang: "en"}); err == nil || !strings.Contains(err.Error(), `"field":"dir"`) {
		t.Errorf("no folder: %v", err)
	}
}

func TestLetterSettingsWire(t *testing.T) {
	l := letterService(t)
	s, err := l.Settings()
	if err != nil || len(s.Templates) != 12 || s.Organisation == "" {
		t.Fatalf("settings: %v %+v", err, s)
	}
	for i := range s.Templates {
		if s.Templates[i].Kind == "hold" && s.Templates[i].Lang == "zh-HK" {
			s.Templates[i].Body = "{{contact_name}}台鑒：\n\n{{entity_nmae}}"
		}
	}
	if _, err := l.SaveSettings(s); err == nil || !strings.Contains(err.Error(), "{{entity_nmae}}") {
		t.Fatalf("unknown placeholder: %v", err)
	}
	for i := range s.Templates {
		if s.Templates[i].Kind == "hold" && s.Templates[i].Lang == "zh-HK" {
			s.Templates[i].Body = "{{contact_name}}台鑒：\n\n{{entity_name}}"
		}
	}
	got, err := l.SaveSettings(s)
	if err != nil {
		t.Fatal(err)
	}
	custom := 0
	for _, tpl := range got.Templates {
		if tpl.Custom {
			custom++
		}
	}
	if custom != 1 {
		t.Errorf("%d custom templates after changing one", custom)
	}
	p, err := l.PreviewTemplate(app.LetterTemplate{Kind: "hold", Lang: "zh-HK", Subject: "s", Body: "{{contact_name}}台鑒：{{entity_name}}"}, got, 0)
	if err != nil || p.Body != "Dr Sam Example台鑒：Sample Cell Therapeutics Ltd" {
		t.Errorf("preview: %v %q", err, p.Body)
	}
	if len(l.Placeholders()) < 15 {
		t.Error("placeholders")
	}
}
