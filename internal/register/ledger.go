package register

// Kinds of published documents in the ledger.
const (
	LedgerBrief    = "brief"    // a confidential briefing pack
	LedgerDemand   = "demand"   // the anonymised demand summary
	LedgerExport   = "export"   // an export of the register (CSV, XLSX, JSON)
	LedgerCalendar = "calendar" // a meeting's calendar file (.ics)
	LedgerLetter   = "letter"   // a letter to an entity's contact (email draft, PDF, pre-filled form)
	LedgerSheet    = "sheet"    // an evaluation sheet for one evaluator
	LedgerForm     = "form"     // the RFI form to fill in, blank or pre-filled with an entity's answers
)

// LedgerKinds lists the kinds of published documents.
func LedgerKinds() []string {
	return []string{LedgerBrief, LedgerDemand, LedgerExport, LedgerCalendar, LedgerLetter, LedgerSheet, LedgerForm}
}

// LedgerEntry records one document that left the register: what (kind,
// document id, file name and folder, SHA-256 and size), for whom (recipient,
// copy number), which entities, with which options, who made it and when
// (At, RFC 3339), and whether the file was put in place (Delivered). An
// entry a crash left undelivered keeps the file's bytes in the register so
// that the file can be written again.
type LedgerEntry struct {
	ID        int64          `json:"id"`
	DocID     string         `json:"docId"`
	Kind      string         `json:"kind"`
	Recipient string         `json:"recipient"`
	CopyNo    int            `json:"copyNo"`
	EntityIDs []int64        `json:"entityIds"`
	Options   map[string]any `json:"options"`
	// FileName is the file's base name; Folder the folder it was written to
	// ("" for entries from before folders were recorded).
	FileName  string `json:"fileName"`
	Folder    string `json:"folder"`
	SHA256    string `json:"sha256"`
	Size      int64  `json:"size"`
	Delivered bool   `json:"delivered"`
	By        string `json:"by"`
	At        string `json:"at"`
	// Variants is a briefing pack copy's wording-variant vector (one '0' or
	// '1' per choice, see briefing.Variants); "" for other documents.
	Variants string `json:"variants"`
}
