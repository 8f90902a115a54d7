package app_test

import (
	"strings"
	"testing"
)

// TestRegisterServiceAddTag: a tag added to several entities at once lands
// on each that lacks it (once, ignoring case), in their history; a refused
// tag or an unknown entity changes nothing.
func TestRegisterServiceAddTag(t *testing.T) {
	r := registerService(t, false)
	a, err := r.Create(fictionalEntity())
	if err != nil {
		t.Fatal(err)
	}
	e := fictionalEntity()
	e.Name = "Lantern Bay Gene Labs Ltd"
	e.Tags = []string{"Follow up"}
	b, err := r.Create(e)
	if err != nil {
		t.Fatal(err)
	}

	n, err := r.AddTag([]int64{a, b, a}, "  follow   up ")
	if err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Fatalf("AddTag tagged %d entities, want 1 (the other holds the tag already)", n)
	}
	va, _ := r.Get(a)
	vb, _ := r.Get(b)
	if strings.Join(va.Entity.Tags, "|") != "follow up" || strings.Join(vb.Entity.Tags, "|") != "Follow up" {
		t.Fatalf("tags after AddTag: %q and %q", va.Entity.Tags, vb.Entity.Tags)
	}
	found := false
	for _, h := range va.History {
		if h.Field == "tags" && strings.Contains(h.New, "follow up") {
			found = true
		}
	}
	if !found {
		t.Fatalf("the history of the tagged entity does not record the tag: %+v", va.History)
	}

	for _, tc := range []struct {
		name string
		ids  []int64
		tag  string
		code string
		want string
	}{
		{"empty", []int64{a, b}, "   ", "invalid", "Write the tag to add"},
		{"separator", []int64{a, b}, "CAR-T, priority", "invalid", "';' or ','"},
		{"unknown entity", []int64{b, 999999}, "Priority", "notfound", ""},
		{"none selected", nil, "Priority", "invalid", "Select at least one entity"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := r.AddTag(tc.ids, tc.tag)
			w := decodeFail(t, err)
			if w.Code != tc.code || !strings.Contains(w.Message, tc.want) {
				t.Fatalf("error %s %q, want %s saying %q", w.Code, w.Message, tc.code, tc.want)
			}
			vb, _ := r.Get(b)
			if strings.Join(vb.Entity.Tags, "|") != "Follow up" {
				t.Fatalf("a refused AddTag changed the tags: %q", vb.Entity.Tags)
			}
		})
	}
}
