package store

import "atpreg/internal/register"

// ActionImport is the audit action of an import: one line per entity the
// import created or changed, naming the file and its SHA-256.
const ActionImport = "import"

// EntityContact is the identity of a stored entity an import matches on.
type EntityContact struct {
	ID    int64  `db:"id"`
	Name  string `db:"name"`
	Email string `db:"contact_email"`
}

// EntityContacts lists every stored entity's id, name and contact email,
// oldest first.
func EntityContacts(r *Reader) ([]EntityContact, error) {
	var rows []EntityContact
	if err := r.Select(&rows, `SELECT id, name, contact_email FROM entities ORDER BY id`); err != nil {
		return nil, err
	}
	return rows, nil
}

// EntityTx returns the entity with id and its submissions as r sees it
// (inside a transaction: with the transaction's changes); apperr.NotFound
// when there is none.
func EntityTx(r *Reader, id int64) (register.Entity, error) { return getEntity(r, id) }

// EntityChanges counts the entity's own fields (not its products) that
// differ between a and b, as UpdateEntityTx records them in the history.
func EntityChanges(a, b register.Entity) int {
	return len(diffFields(entityFields(a), entityFields(b)))
}

// SubmissionChanges counts the RFI items that differ between a and b, as
// UpdateEntityTx records them in the history.
func SubmissionChanges(a, b register.Submission) int {
	return len(diffFields(submissionFields(a), submissionFields(b)))
}
