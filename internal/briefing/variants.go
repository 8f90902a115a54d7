package briefing

import (
	"crypto/sha256"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"atpreg/internal/register"
)

// A canary trap: every copy of a pack words some of its fixed sentences and
// labels in one of two equivalent ways, chosen from the copy's id, so that
// text copied or retyped out of a copy (headers, footers and spacing gone)
// still names the copy it came from. See docs/leak-tracing.md.

// Variants is a copy's wording choices, one per slot: false is the first
// phrasing, true the second.
type Variants []bool

// CodedCopies is how many copies of one document are told apart for sure
// by the copy-number code alone (see VariantsFor).
const CodedCopies = 1 << len(copyCode)

// copyCode carries the copy number itself: bit j of (copyNo-1) mod
// CodedCopies turns the slots of copyCode[j]. Each bit has a slot on every
// entity page (above the products; a named and an anonymised pack's slots
// share a bit where only one of them shows, as do "complete" and
// "incomplete") and another on every product, so any entity page, or any
// product, tells the copies of one document apart, and two copies differ
// in at least two choices where both show.
var copyCode = [10][]int{
	{slotStatus, slotProductName},
	{slotProducts, slotATPType},
	{slotCompleteness, slotMaterials},
	{slotComplete, slotIncomplete, slotProcessType},
	{slotReceived, slotPDCompleted},
	{slotEntityName, slotEntityCode, slotGMPBefore},
	{slotAddress, slotAuthorized},
	{slotContact, slotNeedsTraining},
	{slotEmail, slotExpectedStart},
	{slotPhone, slotComposition},
}

// VariantsFor returns the wording choices of copy copyNo of document docID,
// the same every time. The slots of copyCode hold the copy number, each
// flipped by a bit of SHA-256 of the document id (so one document's copies
// are told apart for sure, and the code is not the same in every document);
// every other slot is a bit of SHA-256 of the document id and copy number.
func VariantsFor(docID string, copyNo int) Variants {
	doc := sha256.Sum256([]byte("atpreg pack wording v2\x00" + docID))
	cp := sha256.Sum256([]byte(fmt.Sprintf("atpreg pack wording v2\x00%s/%d", docID, copyNo)))
	bit := func(sum [32]byte, i int) bool { return sum[i/8]>>(i%8)&1 == 1 }
	v := make(Variants, len(slots))
	for i := range v {
		v[i] = bit(cp, i)
	}
	n := (copyNo - 1) % CodedCopies
	if n < 0 {
		n += CodedCopies
	}
	for j, ss := range copyCode {
		on := n>>j&1 == 1
		for _, i := range ss {
			v[i] = bit(doc, i) != on
		}
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

// slot is one wording choice: two phrasings of the same thing in English
// (a, b) and in Traditional Chinese (za, zb), and the markers that tell
// them apart in extracted text (squeezed: lower case, letters and digits
// only; CJK characters are letters). The phrasings are format strings where
// the renderer fills in a number. A copy's choice is one bit whatever the
// language of its pack.
type slot struct {
	a, b, za, zb   string
	markA, markB   []string
	zMarkA, zMarkB []string
	page           string // where it shows, for the documentation
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
	slotEntityName
	slotEmail
	slotComposition
	slotPharmForm
	slotIndication
	slotRoutes
	slotIntendedUse
	slotEntityCode
	slotCount
)

var slots = [slotCount]slot{
	slotStatus: {a: "Current status", b: "Pipeline status",
		za: "目前狀態", zb: "處理進度", page: "entity"},
	slotProducts: {a: "Number of products", b: "Products submitted",
		za: "產品數目", zb: "已提交產品", page: "entity"},
	slotCompleteness: {a: "Completeness of the information", b: "Completeness of the response",
		za: "資料完整程度", zb: "回覆完整程度", page: "entity"},
	slotComplete: {a: "Complete: every item of the RFI's pre-requisite information is answered.", b: "Complete: all of the RFI's pre-requisite information has been provided.",
		za: "資料完整：資料邀請的所有先決資料均已填報。", zb: "資料完整：已提供資料邀請要求的全部先決資料。", page: "entity (complete)"},
	slotIncomplete: {a: "Incomplete: %d item(s) of the RFI's pre-requisite information are not answered.", b: "Incomplete: %d item(s) of the RFI's pre-requisite information have not been provided.",
		za: "資料不完整：先決資料中有 %d 項未有填報。", zb: "資料不完整：尚欠 %d 項先決資料未有提供。", page: "entity (incomplete)"},
	slotReceived: {a: "Date received", b: "Response received on",
		za: "收件日期", zb: "回覆接獲日期", page: "entity"},
	slotPDCompleted: {a: "Process development completed?", b: "Has process development been completed?",
		za: "是否已完成工藝開發？", zb: "工藝開發是否已完成？", page: "product"},
	slotGMPBefore: {a: "Previously manufactured according to GMP?", b: "Manufactured under GMP before?",
		za: "以往是否曾按GMP生產？", zb: "曾否在GMP環境下生產？", page: "product"},
	slotAuthorized: {a: "Authorized Person for batch release?", b: "Authorized Person available to release batches?",
		za: "有否獲授權人負責批次放行？", zb: "是否設有獲授權人放行批次？", page: "product"},
	slotNeedsTraining: {a: "GMP training needed for key personnel?", b: "Do key personnel need GMP training?",
		za: "關鍵人員是否需要GMP培訓？", zb: "關鍵人員需否接受GMP培訓？", page: "product"},
	slotExpectedStart: {a: "Expected date of commencement of project", b: "Expected start of the project",
		za: "預計項目開始日期", zb: "項目預計開展時間", page: "product"},
	slotProcessType: {a: "Type of process", b: "Kind of process",
		za: "工藝類別", zb: "工藝種類", page: "product"},
	slotATPType: {a: "Type of ATP product", b: "ATP product type",
		za: "先進療法產品類別", zb: "先進療法產品種類", page: "product"},
	slotPDFurther: {a: "Further process development required", b: "Process development still to do",
		za: "尚需進行的工藝開發", zb: "仍待完成的工藝開發", page: "product (when not completed)"},
	slotTrainingRoles: {a: "Key personnel requiring GMP training", b: "Key personnel to be trained in GMP",
		za: "需要GMP培訓的關鍵人員", zb: "須接受GMP培訓的關鍵人員", page: "product (when training is needed)"},
	slotTrainingDetails: {a: "Training required", b: "Training to be provided",
		za: "所需培訓", zb: "擬提供的培訓", page: "product (when training is needed)"},
	slotDiscussion: {a: "Discussion notes", b: "Notes of the discussion",
		za: "討論紀錄", zb: "會上討論摘記", page: "entity (meeting packs)"},
	slotMissingItem: {a: "Missing item", b: "Unanswered item",
		za: "欠缺項目", zb: "未填報項目", page: "entity (incomplete)"},
	slotPreparedFor: {a: "Prepared for", b: "Intended for",
		za: "本文件收件人", zb: "致送對象", page: "cover"},
	slotSummary: {a: "Summary of entities", b: "Entities at a glance",
		za: "機構摘要", zb: "各機構一覽", page: "summary"},
	slotNotice: {a: "Do not copy, forward or disclose it", b: "Do not copy, forward or pass it on",
		za: "切勿複製、轉發或披露本文件", zb: "切勿複製、轉寄或向他人透露本文件", page: "cover"},
	slotEntitiesDiscussed: {a: "Entities discussed", b: "Entities on the agenda",
		za: "討論的機構", zb: "議程上的機構", page: "meeting"},
	slotDateTime: {a: "Date and time", b: "Day and time",
		za: "日期及時間", zb: "會議日期時間", page: "meeting"},
	slotAddress: {a: "Address of entity", b: "Entity's address",
		za: "機構地址", zb: "機構所在地址", page: "entity"},
	slotContact: {a: "Name of contact person", b: "Contact person's name",
		za: "聯絡人姓名", zb: "聯絡人全名", page: "entity"},
	slotPhone: {a: "Telephone number", b: "Contact phone number",
		za: "電話號碼", zb: "聯絡電話", page: "entity"},
	slotProductName: {a: "Name of product", b: "Product name",
		za: "產品名稱", zb: "產品的名稱", page: "product"},
	slotMaterials: {a: "Starting and raw materials", b: "Starting materials and raw materials",
		za: "起始物料及原材料", zb: "起始材料及原料", page: "product"},
	slotEntityName: {a: "Name of entity", b: "Entity name",
		za: "機構名稱", zb: "機構的名稱", page: "entity (named)"},
	slotEmail: {a: "Email address", b: "Contact email",
		za: "電郵地址", zb: "聯絡電郵", page: "entity (named)"},
	slotComposition: {a: "Qualitative & quantitative composition", b: "Qualitative and quantitative composition",
		za: "定性及定量成分", zb: "定性和定量組成", page: "product"},
	slotPharmForm: {a: "Pharmaceutical form", b: "Dosage form",
		za: "產品劑型", zb: "藥物劑型", page: "product"},
	slotIndication: {a: "Therapeutic indication", b: "Target indication",
		za: "治療適應症", zb: "目標適應症", page: "product"},
	slotRoutes: {a: "Route of Administration", b: "Routes of administration",
		za: "給藥途徑", zb: "用藥途徑", page: "product"},
	slotIntendedUse: {a: "Intended use", b: "Intended purpose",
		za: "擬定用途", zb: "預定用途", page: "product"},
	slotEntityCode: {a: "Entity code", b: "Code of entity",
		za: "機構代號", zb: "機構編碼", page: "entity (anonymised)"},
}

func init() {
	for i := range slots {
		s := &slots[i]
		s.markA, s.markB = markers(s.a), markers(s.b)
		s.zMarkA, s.zMarkB = markers(s.za), markers(s.zb)
	}
}

// markers squeezes a phrasing for matching, dropping a "%d" placeholder:
// the parts around it are matched apart. A part counts when it has at
// least 8 bytes and 4 letters (four CJK characters, eight Latin ones).
func markers(phrase string) []string {
	var out []string
	for _, part := range strings.Split(phrase, "%d") {
		if m := Squeeze(part); len(m) >= 8 && utf8.RuneCountInString(m) >= 4 {
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

// phraseIn returns the copy's phrasing of slot i in lang.
func (v Variants) phraseIn(i int, lang string) string {
	a, b := slots[i].a, slots[i].b
	if lang == register.LangChinese {
		a, b = slots[i].za, slots[i].zb
	}
	if i < len(v) && v[i] {
		return b
	}
	return a
}

// Observed is the wording choices found in a text: for each slot, 0 when
// neither or both phrasings are there, 1 for the first, 2 for the second.
type Observed []byte

// Observe reads the wording choices in text (anything: extracted, copied
// or retyped; case, spacing and punctuation are ignored), in English or
// Chinese.
func Observe(text string) Observed {
	sq := Squeeze(text)
	o := make(Observed, len(slots))
	for i, s := range slots {
		a := containsAll(sq, s.markA) || containsAll(sq, s.zMarkA)
		b := containsAll(sq, s.markB) || containsAll(sq, s.zMarkB)
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

// CodeChoices returns, as '0'/'1' strings, v's choices in the copy-number
// code's entity-page slots and product slots (for tests and the docs).
func CodeChoices(v Variants) (entity, product string) {
	var e, p []byte
	for _, ss := range copyCode {
		for k, i := range ss {
			c := byte('0')
			if v[i] {
				c = '1'
			}
			if k == len(ss)-1 {
				p = append(p, c)
			} else {
				e = append(e, c)
			}
		}
	}
	return string(e), string(p)
}

// Phrasings returns the two English phrasings of every choice, in bit order.
func Phrasings() [][2]string { return PhrasingsIn(register.LangEnglish) }

// PhrasingsIn returns the two phrasings of every choice in lang, in bit
// order.
func PhrasingsIn(lang string) [][2]string {
	out := make([][2]string, len(slots))
	for i, s := range slots {
		out[i] = [2]string{s.a, s.b}
		if lang == register.LangChinese {
			out[i] = [2]string{s.za, s.zb}
		}
	}
	return out
}
