package register

// Actions of the history (AuditEntry.Action) recorded for an entity's own
// record. Other areas record their own (evaluate, meeting, import ...).
const (
	ActionCreate = "create" // the entity was registered
	ActionUpdate = "update" // one field of the entity or of a product changed
	ActionDelete = "delete" // the entity was deleted (its tombstone)
	ActionStatus = "status" // a pipeline move; Old/New are status codes, Detail the reason
	ActionAttach = "attach" // a file was attached; New is its name
	ActionDetach = "detach" // an attachment was removed; Old is its name
	ActionExport = "export" // the entity left the register in a document
)

// AuditEntry is one line of an entity's history: what changed (field, old,
// new), when, by whom, and why or in what context (Detail). At is a time as
// text (RFC 3339).
type AuditEntry struct {
	ID       int64  `json:"id"`
	EntityID int64  `json:"entityId"`
	At       string `json:"at"`
	By       string `json:"by"`
	Action   string `json:"action"`
	Field    string `json:"field"`
	Old      string `json:"old"`
	New      string `json:"new"`
	Detail   string `json:"detail"`
}
