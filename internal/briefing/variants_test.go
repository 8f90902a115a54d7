package briefing_test

import (
	"bytes"
	"testing"

	"atpreg/internal/briefing"
	"atpreg/internal/pdfdoc"
)

// TestVariantsReproducible: a copy drawn from its id renders the same bytes
// every time; another copy number words it differently and the text of each
// shows its own choices.
func TestVariantsReproducible(t *testing.T) {
	in := fixtureInput()
	in.Variants = nil
	a, b := render(t, in, briefing.PackOptions{}), render(t, in, briefing.PackOptions{})
	if !bytes.Equal(a.PDF, b.PDF) {
		t.Fatal("the same copy gives different bytes")
	}
	want := briefing.VariantsFor(briefing.CopyID(in.DocumentID, in.CopyNo))
	if a.Variants.String() != want.String() {
		t.Fatalf("variants %s, want %s", a.Variants, want)
	}
	in.CopyNo++
	c := render(t, in, briefing.PackOptions{})
	if c.Variants.String() == a.Variants.String() {
		t.Fatal("copies 2 and 3 have the same wording")
	}
	for _, p := range []briefing.Pack{a, c} {
		obs := briefing.Observe(pdfdoc.ExtractText(p.PDF))
		agree, disagree := obs.Compare(p.Variants)
		if disagree != 0 || agree < 15 {
			t.Errorf("the pack's own text: %d choices agree, %d disagree", agree, disagree)
		}
	}
	if v, ok := briefing.ParseVariants(a.Variants.String()); !ok || v.String() != a.Variants.String() {
		t.Error("variants do not survive String and ParseVariants")
	}
}
