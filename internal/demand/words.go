package demand

import (
	"fmt"
	"strings"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
)

// words is the summary's own text in one language: the dimensions' titles
// and the rows that are not an RFI choice, the rules and notes an
// anonymised summary carries, and the fixed text of its PDF. The RFI's
// choices, statuses and yes/no come from package register in that
// language; dates are written in the house style (register.FormatDateTime).
// The JSON keys and the figures' own values ("<3", "withheld") are the
// same in every language.
type words struct {
	lang string
	// Aggregate's titles and rows.
	dimTitle                                           map[string]string
	notAnswered, geneViral, geneNonViral, geneUnstated string
	typeUnstated, pdStill, pdDone                      string
	roleUnstated, noTraining, undated                  string
	// Anonymise's texts.
	title, rule   string
	counting      []string
	allStatuses   string
	statusSep     string
	orJoin        func(first []string, last string) string // "A; b; or c"
	mergedNote    string                                   // "question: row"
	note          func(d ReportDisclosure) string
	period        map[string]string // a grouping in words: "quarter"
	periodLabel   func(p string) string
	withheldShown string // how the PDF prints a withheld count
	// The PDF.
	pdfTitle, heading, subheading                      string
	document, generated, statuses, entities, products  string
	smallCounts, smallCountsText, hidden, madeBy       string
	notice                                             string
	about, aboutText, howHidden, howCounted            string
	overview, count, withoutProducts, undatedProducts  string
	byQuestion, answer, answerEntities, answerProducts string
	several                                            string
	expectedBy, noDates, timelineChart                 string // expectedBy, timelineChart: %s (the period)
	allProducts, undatedWithheld, undatedFrom          string
	hiddenOf                                           func(d ReportDisclosure) string
}

// wordsFor returns the words of lang ("" is English).
func wordsFor(lang string) (*words, error) {
	switch lang {
	case "", register.LangEnglish:
		return english, nil
	case register.LangChinese:
		return chinese, nil
	}
	return nil, apperr.New(apperr.Invalid, "%q is not a language of the demand summary; use en or zh-HK.", lang)
}

// wordsOf returns the words of lang, English for an unknown one (checked
// before: see wordsFor).
func wordsOf(lang string) *words {
	if w, err := wordsFor(lang); err == nil {
		return w
	}
	return english
}

var english = &words{
	lang: register.LangEnglish,
	dimTitle: map[string]string{
		DimATPType:          "Type of ATP product and vector",
		DimIntendedUse:      "Intended use (trial phase)",
		DimStartingMaterial: "Starting and raw materials",
		DimProcessType:      "Type of process: open or closed",
		DimPDNeeded:         "Process development still needed",
		DimGMPBefore:        "Previously manufactured according to GMP",
		DimAuthorizedPerson: "Has an Authorized Person for batch release",
		DimTraining:         "GMP training needed, by key role",
	},
	notAnswered:  "Not answered",
	geneViral:    "Gene therapy: viral vector",
	geneNonViral: "Gene therapy: non-viral vector",
	geneUnstated: "Gene therapy: vector not stated",
	typeUnstated: "Type not stated",
	pdStill:      "Still needed",
	pdDone:       "Completed",
	roleUnstated: "Training needed, role not stated",
	noTraining:   "No training needed",
	undated:      "No expected start given",

	title:       ReportTitle,
	rule:        SuppressionRule,
	counting:    CountingRules,
	allStatuses: "All statuses",
	statusSep:   ", ",
	orJoin: func(first []string, last string) string {
		for i := 1; i < len(first); i++ {
			first[i] = lowerFirst(first[i])
		}
		return strings.Join(first, "; ") + "; or " + lowerFirst(last)
	},
	mergedNote: "%s: %s",
	note:       noteEnglish,
	period:     map[string]string{PeriodQuarter: "quarter", PeriodHalf: "half-year", PeriodYear: "year", PeriodWhole: "period"},
	periodLabel: func(p string) string {
		return p
	},
	withheldShown: Withheld,

	pdfTitle:        "Demand summary (anonymised)",
	heading:         "Demand for ATP manufacturing capacity",
	subheading:      "Anonymised summary of the responses to the HKSTP Request for Information on Advanced Therapy Products manufacturing",
	document:        "Document",
	generated:       "Generated",
	statuses:        "Statuses included",
	entities:        "Entities",
	products:        "Product submissions",
	smallCounts:     "Small counts",
	smallCountsText: "1 and 2 shown as " + Suppressed + "; counts that would reveal them " + Withheld,
	hidden:          "Hidden",
	madeBy:          "Made by",
	notice:          "Anonymised aggregate counts only: no names, products, contacts or free text. ",
	about:           "About this summary",
	aboutText:       "The RFI asks interested entities for pre-requisite information on each product they would manufacture, to gauge the demand for ATP process development and GMP manufacturing capacity. This summary counts those answers.",
	howHidden:       "What this summary hides, and why",
	howCounted:      "How the counts are made",
	overview:        "Overview",
	count:           "Count",
	withoutProducts: "Entities without a product submission yet",
	undatedProducts: "Products without an expected start",
	byQuestion:      "Demand by question",
	answer:          "Answer",
	answerEntities:  "Entities",
	answerProducts:  "Products",
	several:         "Several answers allowed: a product counts in each row it names.",
	expectedBy:      "Expected commencement by %s",
	noDates:         "No product gives an expected date of commencement.",
	timelineChart:   "Product submissions by %s of expected commencement (by type of ATP product in the table below)",
	allProducts:     "All products",
	undatedWithheld: "Products without an expected start: " + Withheld + ", so that no \"<3\" above can be worked out from all products.",
	undatedFrom:     "Products without an expected start: %s (from %s entities).",
	hiddenOf: func(d ReportDisclosure) string {
		return fmt.Sprintf("%d of %d counts (%.0f%%): %d shown as %s, %d %s", d.Small+d.Withheld, d.Counts, 100*d.HiddenShare,
			d.Small, Suppressed, d.Withheld, Withheld)
	},
}

// suppressionRuleZH is SuppressionRule in Traditional Chinese.
const suppressionRuleZH = "細小數目可能令人識別出個別機構，因此1至2的數目一律顯示為「<3」（0則顯示為0）。" +
	"數目細小的答案會先與同一問題的另一答案合併（以一行顯示，例如「甲或乙」）；時間表按季度、半年或年度分組，採用隱藏數目不多而最精細的一種。" +
	"如某個「<3」仍可從摘要所列的數目及總數推算出來，便會再將其他數目列為「不予公開」，直至無法推算為止。" +
	"摘要產生前，已以線性規劃就各數目之間的所有關係作出核查；如有任何「<3」可被推算為單一數值，摘要便不會產生。" +
	"其他所有數目均為準確數字。主任本身的儀表板顯示準確數目。"

var chinese = &words{
	lang: register.LangChinese,
	dimTitle: map[string]string{
		DimATPType:          "先進療法產品類別及載體",
		DimIntendedUse:      "擬定用途（臨床試驗階段）",
		DimStartingMaterial: "起始物料及原材料",
		DimProcessType:      "工藝類別：開放式或封閉式",
		DimPDNeeded:         "尚需進行的工藝開發",
		DimGMPBefore:        "以往曾按照GMP生產",
		DimAuthorizedPerson: "設有負責批次放行的獲授權人",
		DimTraining:         "所需的GMP培訓（按關鍵職位）",
	},
	notAnswered:  "未有回答",
	geneViral:    "基因治療：病毒載體",
	geneNonViral: "基因治療：非病毒載體",
	geneUnstated: "基因治療：未註明載體",
	typeUnstated: "未註明類別",
	pdStill:      "仍需進行",
	pdDone:       "已完成",
	roleUnstated: "需要培訓，未註明職位",
	noTraining:   "無需培訓",
	undated:      "未有提供預計開始日期",

	title: "先進療法產品生產設施的需求：匿名摘要",
	rule:  suppressionRuleZH,
	counting: []string{
		"每項產品提交在每個圖表中只計一次；機構只要有任何一項產品屬於某一行，便在該行計一次，因此同一圖表的機構數目加起來可多於機構總數。",
		"起始物料及培訓職位可選多項：產品在其所選的每一行各計一次。",
		"「未有回答」計算未有回答該資料邀請項目的產品。",
		"預計開始日期按曆年季度、半年或年度分組；沒有日期的產品另行計算。",
		"本摘要只載總計數目：不含名稱、產品、聯絡資料、自由文字或機構編號。",
	},
	allStatuses: "所有狀態",
	statusSep:   "、",
	orJoin: func(first []string, last string) string {
		return strings.Join(first, "、") + "或" + last
	},
	mergedNote: "%s：%s",
	note:       noteChinese,
	period:     map[string]string{PeriodQuarter: "季度", PeriodHalf: "半年", PeriodYear: "年度", PeriodWhole: "期間"},
	periodLabel: func(p string) string {
		switch {
		case len(p) == 7 && p[5] == 'Q':
			return p[:4] + "年第" + p[6:] + "季"
		case len(p) == 7 && p[5] == 'H' && p[6] == '1':
			return p[:4] + "年上半年"
		case len(p) == 7 && p[5] == 'H':
			return p[:4] + "年下半年"
		}
		return p + "年"
	},
	withheldShown: "不予公開",

	pdfTitle:        "需求摘要（匿名）",
	heading:         "先進療法產品生產設施的需求",
	subheading:      "香港科技園公司先進療法產品生產設施資料邀請所獲回覆的匿名摘要",
	document:        "文件編號",
	generated:       "產生時間",
	statuses:        "包括的狀態",
	entities:        "機構數目",
	products:        "產品提交數目",
	smallCounts:     "細小數目",
	smallCountsText: "1及2顯示為「" + Suppressed + "」；可據以推算這些數目的數字「不予公開」",
	hidden:          "隱藏的數目",
	madeBy:          "製作工具",
	notice:          "只載匿名的總計數目：不含名稱、產品、聯絡資料或自由文字。",
	about:           "關於本摘要",
	aboutText:       "資料邀請要求有意參與的機構就其擬生產的每項產品提供先決資料，以了解業界對先進療法產品工藝開發及GMP生產設施的需求。本摘要統計這些回覆。",
	howHidden:       "本摘要隱藏的數目及原因",
	howCounted:      "數目的計算方法",
	overview:        "概覽",
	count:           "數目",
	withoutProducts: "尚未提交產品資料的機構",
	undatedProducts: "未有預計開始日期的產品",
	byQuestion:      "按問題劃分的需求",
	answer:          "答案",
	answerEntities:  "機構",
	answerProducts:  "產品",
	several:         "可選多項：產品在其所選的每一行各計一次。",
	expectedBy:      "預計開始日期（按%s）",
	noDates:         "沒有產品提供預計項目開始日期。",
	timelineChart:   "按預計開始%s劃分的產品提交數目（按先進療法產品類別的分項見下表）",
	allProducts:     "所有產品",
	undatedWithheld: "未有預計開始日期的產品：不予公開，使上表的「<3」無法從所有產品的數目推算出來。",
	undatedFrom:     "未有預計開始日期的產品：%s（來自 %s 個機構）。",
	hiddenOf: func(d ReportDisclosure) string {
		return fmt.Sprintf("%d 個數目中隱藏 %d 個（%.0f%%）：%d 個顯示為「%s」，%d 個不予公開", d.Counts, d.Small+d.Withheld, 100*d.HiddenShare,
			d.Small, Suppressed, d.Withheld)
	},
}

// noteEnglish is the methods note of a report in English.
func noteEnglish(d ReportDisclosure) string {
	var b strings.Builder
	fmt.Fprintf(&b, "This summary prints %d counts and hides %d of them (%.0f%%): %d small %s shown as \"%s\" and %d %s withheld so that no \"%s\" can be worked out from the others.",
		d.Counts, d.Small+d.Withheld, 100*d.HiddenShare, d.Small, plural(d.Small, "count", "counts"), Suppressed,
		d.Withheld, plural(d.Withheld, "count", "counts"), Suppressed)
	if len(d.Merged) > 0 {
		fmt.Fprintf(&b, " To show fewer small counts, %d %s of answers with small counts %s merged into one row: %s.",
			len(d.Merged), plural(len(d.Merged), "group", "groups"), plural(len(d.Merged), "is", "are"), strings.Join(d.Merged, "; "))
	}
	switch d.Periods {
	case PeriodQuarter:
		b.WriteString(" Expected commencement is shown by quarter.")
	case PeriodHalf:
		b.WriteString(" Expected commencement is shown by half-year, since by quarter too many counts would be small.")
	case PeriodYear:
		b.WriteString(" Expected commencement is shown by year, since by quarter or half-year too many counts would be small.")
	case PeriodWhole:
		b.WriteString(" Expected commencement is shown as one period, since by quarter, half-year or year small counts could be worked out.")
	}
	b.WriteString(" A reader who knows every count shown, that each \"<3\" is 1 or 2, that each withheld count is 3 or more, and how the counts add up " +
		"(the answers to a single-answer question and the periods with the undated products add up to all products; the types of a period add up to its products; " +
		"a row has no more entities than products; the types on the timeline are at most the products of that type) " +
		"still cannot tell any \"<3\" from linear programming: each could be 1 or 2. This was checked before the summary was written.")
	return b.String()
}

// noteChinese is the methods note of a report in Traditional Chinese.
func noteChinese(d ReportDisclosure) string {
	var b strings.Builder
	fmt.Fprintf(&b, "本摘要列出 %d 個數目，其中隱藏 %d 個（%.0f%%）：%d 個細小數目顯示為「%s」，另有 %d 個數目不予公開，使任何「%s」都無法從其他數目推算出來。",
		d.Counts, d.Small+d.Withheld, 100*d.HiddenShare, d.Small, Suppressed, d.Withheld, Suppressed)
	if len(d.Merged) > 0 {
		fmt.Fprintf(&b, "為減少細小數目，有 %d 組數目細小的答案各自合併為一行：%s。", len(d.Merged), strings.Join(d.Merged, "；"))
	}
	switch d.Periods {
	case PeriodQuarter:
		b.WriteString("預計開始日期按季度顯示。")
	case PeriodHalf:
		b.WriteString("預計開始日期按半年顯示，因為按季度顯示會有太多細小數目。")
	case PeriodYear:
		b.WriteString("預計開始日期按年度顯示，因為按季度或半年顯示會有太多細小數目。")
	case PeriodWhole:
		b.WriteString("預計開始日期以單一期間顯示，因為按季度、半年或年度顯示，細小數目都可能被推算出來。")
	}
	b.WriteString("即使讀者知道所列的每個數目、每個「<3」是1或2、每個不予公開的數目為3或以上，以及各數目的加總關係" +
		"（單選問題的各個答案，以及各期間連同未有日期的產品，加起來等於所有產品；某期間的各類別加起來等於該期間的產品；" +
		"某一行的機構數目不多於產品數目；時間表上各類別的數目不多於該類別的產品），" +
		"仍無法以線性規劃確定任何「<3」的數值：每個都可能是1或2。此點已在摘要產生前核查。")
	return b.String()
}
