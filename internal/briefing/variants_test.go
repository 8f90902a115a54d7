package briefing_test

import (
	"bytes"
	"strings"
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
	want := briefing.VariantsFor(in.DocumentID, in.CopyNo)
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

// TestVariantsTellCopiesApart: any two of the first CodedCopies copies of a
// document differ in the choices every entity page shows and again in the
// ones every product shows, whatever the document id.
func TestVariantsTellCopiesApart(t *testing.T) {
	for _, doc := range []string{"BP-20250301-0000000000000", "BP-20250301-ZZZZZZZZZZZZZ", "BP-20261203-7Q2M4K9XW1R0C"} {
		entity, product := map[string]int{}, map[string]int{}
		for n := 1; n <= briefing.CodedCopies; n++ {
			e, p := briefing.CodeChoices(briefing.VariantsFor(doc, n))
			if m, dup := entity[e]; dup {
				t.Fatalf("%s: copies %d and %d word every entity page alike", doc, m, n)
			}
			if m, dup := product[p]; dup {
				t.Fatalf("%s: copies %d and %d word every product alike", doc, m, n)
			}
			entity[e], product[p] = n, n
		}
	}
	if briefing.CodedCopies < 1000 {
		t.Errorf("only %d copies told apart for sure, want 1,000", briefing.CodedCopies)
	}
}

// TestVariantPhrasingsDistinct: neither phrasing of a choice is found inside
// the other, or its first phrasing would read as both and never be seen.
func TestVariantPhrasingsDistinct(t *testing.T) {
	for i, ab := range briefing.Phrasings() {
		a, b := briefing.Squeeze(ab[0]), briefing.Squeeze(ab[1])
		if strings.Contains(a, b) || strings.Contains(b, a) {
			t.Errorf("choice %d: %q and %q contain one another", i, ab[0], ab[1])
		}
		for _, other := range []string{ab[0], ab[1]} {
			if got := briefing.Observe(other); got.Seen() != 1 {
				t.Errorf("choice %d: %q alone is seen as %d choices, want 1", i, other, got.Seen())
			}
		}
	}
}
