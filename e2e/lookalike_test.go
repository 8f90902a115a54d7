//go:build e2e

package e2e

import (
	"fmt"
	"testing"
)

// TestLookAlikeEntityFlagged: a new entity typed with the contact email of
// one in the register (another case) is pointed out with a link to it; a
// name of its own and a new address show nothing.
func TestLookAlikeEntityFlagged(t *testing.T) {
	p := NewUnlockedPage(t, true)
	type row struct {
		ID    float64 `json:"id"`
		Email string  `json:"email"`
	}
	first := Eval[row](p, `window.go.app.RegisterService.List({limit:5}).then(r=>window.go.app.RegisterService.Get(r.rows[0].id)).then(v=>({id:v.entity.id,email:v.entity.contact_email}))`)
	if first.Email == "" {
		t.Fatal("the demo's first entity has no contact email")
	}
	Eval[bool](p, `(location.hash='#/register/new', true)`)
	p.WaitVisible(`#f-name`)
	p.Fill(`#f-name`, "Quite Unlike Anything Biologics Ltd")
	p.Fill(`#f-contact_email`, "fresh.address@unlike.example.com")
	Eval[bool](p, `new Promise(r => setTimeout(() => r(true), 800))`)
	if Eval[bool](p, `!!document.querySelector('[data-testid="lookalike"]')`) {
		t.Fatal("a new name and address are flagged as a look-alike")
	}
	p.Fill(`#f-contact_email`, fmt.Sprintf("  %s", upper(first.Email)))
	p.WaitVisible(`[data-testid="lookalike-entity"]`)
	if got := Eval[string](p, `document.querySelector('[data-testid="lookalike-entity"]').dataset.id`); got != fmt.Sprint(int64(first.ID)) {
		t.Fatalf("the look-alike named is entity %s, want %d", got, int64(first.ID))
	}
	p.Screenshot("lookalike")
}

func upper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'a' && c <= 'z' {
			b[i] = c - 32
		}
	}
	return string(b)
}
