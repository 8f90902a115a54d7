package service

import (
	"context"

	"atpreg/internal/register"
	"atpreg/internal/store"
)

// LookAlike is an entity already in the register that one being typed by
// hand looks like: Why is register.LookAlikeEmail (the same contact email)
// or register.LookAlikeName (nearly the same name).
type LookAlike struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	Why  string `json:"why"`
}

// LookAlikes returns the entities other than e itself (e.ID, 0 for a new
// one) that have e's contact email or nearly its name (register.NamesAlike),
// those with the same email first, then by id. It changes nothing: the
// window warns, the officer decides.
func (r *Register) LookAlikes(ctx context.Context, e register.Entity) ([]LookAlike, error) {
	var contacts []store.EntityContact
	if err := r.db.View(ctx, func(rd *store.Reader) error {
		var err error
		contacts, err = store.EntityContacts(rd)
		return err
	}); err != nil {
		return nil, err
	}
	var byEmail, byName []LookAlike
	for _, c := range contacts {
		switch {
		case c.ID == e.ID:
		case register.SameEmail(c.Email, e.ContactEmail):
			byEmail = append(byEmail, LookAlike{ID: c.ID, Name: c.Name, Why: register.LookAlikeEmail})
		case register.NamesAlike(c.Name, e.Name):
			byName = append(byName, LookAlike{ID: c.ID, Name: c.Name, Why: register.LookAlikeName})
		}
	}
	return append(append([]LookAlike{}, byEmail...), byName...), nil
}
