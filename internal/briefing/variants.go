package briefing

import (
	"crypto/sha256"
	"fmt"
	"strings"
	"unicode"
)

// A canary trap: every copy of a pack words some of its fixed sentences and
// labels in one of two equivalent ways, chosen from the copy's id, so that
// text copied or retyped out of a copy (headers, footers and spacing gone)
// still names the copy it came from. See docs/leak-tracing.md.

// Variants is a copy's wording choices, one per slot: false is the first
// phrasing, true the second.
type Variants []bool

// CopyID is the id the variants of one copy are drawn from: the document id
// and the copy number, e.g. "BP-20260310-4F2A…/3".
func CopyID(docID string, copyNo int) string { return fmt.Sprintf("%s/%d", docID, copyNo) }

// VariantsFor returns the wording choices of the copy copyID: bits of
// SHA-256 of the id, so the same copy always reads the same.
func VariantsFor(copyID string) Variants {
	sum := sha256.Sum256([]byte("atpreg pack wording v1\x00" + copyID))
	v := make(Variants, len(slots))
	for i := range v {
		v[i] = sum[i/8]>>(i%8)&1 == 1
	}
	return v
}

// String writes the variants as '0' and '1', one per slot.
func (v Variants) String() string {
	b := make([]byte, len(v))
	for i, x := range v {
		b[i] = '0'
		if x {
			b[i] = '1'
		}
	}
	return string(b)
}

// ParseVariants reads what String wrote; ok is false for anything else.
func ParseVariants(s string) (v Variants, ok bool) {
	if s == "" {
		return nil, false
	}
	v = make(Variants, len(s))
	for i := range s {
		switch s[i] {
		case '0':
		case '1':
			v[i] = true
		default:
			return nil, false
		}
	}
	return v, true
}

// slot is one wording choice: two phrasings of the same thing, and the
// markers that tell them apart in extracted text (squeezed: lower case,
// letters and digits only). The phrasings are format strings where the
// renderer fills in a number.
type slot struct {
	a, b         string
	markA, markB []string
	page         string // where it shows, for the documentation
}

// The slots, in bit order. Never reorder or remove one: the ledger keeps the
// vector of every copy made; add new ones at the end.
const (
	slotStatus = iota
	slotProducts
	slotCompleteness
	slotComplete
	slotIncomplete
	slotReceived
	slotPDCompleted
	slotGMPBefore
	slotAuthorized
	slotNeedsTraining
	slotExpectedStart
	slotProcessType
	slotATPType
	slotPDFurther
	slotTrainingRoles
	slotTrainingDetails
	slotDiscussion
	slotMissingItem
	slotPreparedFor
	slotSummary
	slotNotice
	slotEntitiesDiscussed
	slotDateTime
	slotAddress
	slotContact
	slotPhone
	slotProductName
	slotMaterials
	slotCount
)

var slots = [slotCount]slot{
	slotStatus:            {a: "Current status", b: "Pipeline status", page: "entity"},
	slotProducts:          {a: "Number of products", b: "Products submitted", page: "entity"},
	slotCompleteness:      {a: "Completeness of the information", b: "Completeness of the response", page: "entity"},
	slotComplete:          {a: "Complete: every item of the RFI's pre-requisite information is answered.", b: "Complete: all of the RFI's pre-requisite information has been provided.", page: "entity (complete)"},
	slotIncomplete:        {a: "Incomplete: %d item(s) of the RFI's pre-requisite information are not answered.", b: "Incomplete: %d item(s) of the RFI's pre-requisite information have not been provided.", page: "entity (incomplete)"},
	slotReceived:          {a: "Date received", b: "Response received on", page: "entity"},
	slotPDCompleted:       {a: "Process development completed?", b: "Has process development been completed?", page: "product"},
	slotGMPBefore:         {a: "Previously manufactured according to GMP?", b: "Manufactured under GMP before?", page: "product"},
	slotAuthorized:        {a: "Authorized Person for batch release?", b: "Authorized Person available to release batches?", page: "product"},
	slotNeedsTraining:     {a: "GMP training needed for key personnel?", b: "Do key personnel need GMP training?", page: "product"},
	slotExpectedStart:     {a: "Expected date of commencement of project", b: "Expected start of the project", page: "product"},
	slotProcessType:       {a: "Type of process", b: "Kind of process", page: "product"},
	slotATPType:           {a: "Type of ATP product", b: "ATP product type", page: "product"},
	slotPDFurther:         {a: "Further process development required", b: "Process development still to do", page: "product (when not completed)"},
	slotTrainingRoles:     {a: "Key personnel requiring GMP training", b: "Key personnel to be trained in GMP", page: "product (when training is needed)"},
	slotTrainingDetails:   {a: "Training required", b: "Training to be provided", page: "product (when training is needed)"},
	slotDiscussion:        {a: "Discussion notes", b: "Notes of the discussion", page: "entity (meeting packs)"},
	slotMissingItem:       {a: "Missing item", b: "Unanswered item", page: "entity (incomplete)"},
	slotPreparedFor:       {a: "Prepared for", b: "Intended for", page: "cover"},
	slotSummary:           {a: "Summary of entities", b: "Entities at a glance", page: "summary"},
	slotNotice:            {a: "Do not copy, forward or disclose it", b: "Do not copy, forward or pass it on", page: "cover"},
	slotEntitiesDiscussed: {a: "Entities discussed", b: "Entities on the agenda", page: "meeting"},
	slotDateTime:          {a: "Date and time", b: "Day and time", page: "meeting"},
	slotAddress:           {a: "Address of entity", b: "Entity's address", page: "entity"},
	slotContact:           {a: "Name of contact person", b: "Contact person", page: "entity"},
	slotPhone:             {a: "Telephone number", b: "Phone number", page: "entity"},
	slotProductName:       {a: "Name of product", b: "Product name", page: "product"},
	slotMaterials:         {a: "Starting and raw materials", b: "Starting materials and raw materials", page: "product"},
}

func init() {
	for i := range slots {
		s := &slots[i]
		s.markA, s.markB = markers(s.a), markers(s.b)
	}
}

// markers squeezes a phrasing for matching, dropping a "%d" placeholder:
// the parts around it are matched apart.
func markers(phrase string) []string {
	var out []string
	for _, part := range strings.Split(phrase, "%d") {
		if m := Squeeze(part); len(m) >= 8 {
			out = append(out, m)
		}
	}
	return out
}

// Squeeze lowers s and keeps only its letters and digits: what survives
// copying, retyping and text extraction.
func Squeeze(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// phrase returns the copy's phrasing of slot i.
func (v Variants) phrase(i int) string {
	if i < len(v) && v[i] {
		return slots[i].b
	}
	return slots[i].a
}

// Observed is the wording choices found in a text: for each slot, 0 when
// neither or both phrasings are there, 1 for the first, 2 for the second.
type Observed []byte

// Observe reads the wording choices in text (anything: extracted, copied
// or retyped; case, spacing and punctuation are ignored).
func Observe(text string) Observed {
	sq := Squeeze(text)
	o := make(Observed, len(slots))
	for i, s := range slots {
		a, b := containsAll(sq, s.markA), containsAll(sq, s.markB)
		switch {
		case a && !b:
			o[i] = 1
		case b && !a:
			o[i] = 2
		}
	}
	return o
}

func containsAll(sq string, marks []string) bool {
	for _, m := range marks {
		if !strings.Contains(sq, m) {
			return false
		}
	}
	return len(marks) > 0
}

// Seen is the number of slots observed.
func (o Observed) Seen() int {
	n := 0
	for _, x := range o {
		if x != 0 {
			n++
		}
	}
	return n
}

// Compare counts the observed slots that agree and disagree with v.
func (o Observed) Compare(v Variants) (agree, disagree int) {
	for i, x := range o {
		if x == 0 || i >= len(v) {
			continue
		}
		if (x == 2) == v[i] {
			agree++
		} else {
			disagree++
		}
	}
	return agree, disagree
}
