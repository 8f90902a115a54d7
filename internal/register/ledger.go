package register

import "fmt"

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

// LedgerKindLabel names a kind of published document in the officer's words
// ("Briefing pack", "Register export", ...); an unknown kind is returned as
// it is.
func LedgerKindLabel(kind string) string {
	switch kind {
	case LedgerBrief:
		return "Briefing pack"
	case LedgerDemand:
		return "Demand summary"
	case LedgerExport:
		return "Register export"
	case LedgerCalendar:
		return "Calendar file"
	case LedgerLetter:
		return "Letter"
	case LedgerSheet:
		return "Evaluation sheet"
	case LedgerForm:
		return "RFI form"
	}
	return kind
}

// RegisterWide reports whether a document of kind is about the register as
// a whole (an export of every entity): it is recorded in the ledger and the
// register's own log, not in each entity's history.
func RegisterWide(kind string) bool { return kind == LedgerExport }

// PublishedText says in the officer's words what left the register, for the
// history: "Briefing pack BRF-20260302-… for Dr Chan (copy 2), saved as
// pack-1.pdf"; a register-wide export says how many entities it holds
// ("Register export EXP-… of 40 entities, saved as register.xlsx").
func PublishedText(e LedgerEntry) string {
	s := LedgerKindLabel(e.Kind)
	if e.DocID != "" {
		s += " " + e.DocID
	}
	if RegisterWide(e.Kind) {
		n := len(e.EntityIDs)
		s += fmt.Sprintf(" of %d %s", n, plural(n, "entity", "entities"))
	}
	if e.Recipient != "" {
		s += " for " + e.Recipient
	}
	if e.CopyNo > 0 {
		s += fmt.Sprintf(" (copy %d)", e.CopyNo)
	}
	if e.FileName != "" {
		s += ", saved as " + e.FileName
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
