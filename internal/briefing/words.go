package briefing

import (
	"atpreg/internal/apperr"
	"atpreg/internal/register"
)

// words is every fixed text of a pack in one language, but for the wording
// variants (variants.go), which have their own pair of phrasings in each
// language. The RFI's items, choices, statuses, aspects and recommendations
// come from package register in the pack's language; dates are written in
// the house style (register.FormatDate and its kin).
type words struct {
	lang string
	// The cover.
	title, selected, subject     string
	copyNo, documentID, date     string
	meeting, place, entities     string
	preparedBy, preparedByHKSTP  string // preparedByHKSTP has one %s
	mode, anonymised             string
	notice                       string
	dateToBeSet                  string
	theMeeting, partners, hkstp  string
	recused                      string // after a partner's name, on the meeting page
	agenda, noAgenda             string
	colNo, colEntity, colProduct string
	colATP, colUse, colStatus    string
	colCompleteness, colScore    string
	complete, incompleteN        string // incompleteN has one %d
	notEvaluated, scoreOf        string // scoreOf: %.2f and %d
	weightedNote                 string // %d and %d
	officersNotes                string
	recusedItem                  string // %s: the partners
	where, whereEntity           string
	productN, productNName       string // %d; %d and %s
	evaluationResult, notYet     string
	weightedScore, scoreOutOf    string // scoreOutOf: %.2f and %d
	evaluations, recommendations string
	recommendationN              string // %s and %d
	notScored, meanChart         string // meanChart: %d and %d
	differBy                     string // %d
	colAspect, colMean           string
	withOther, vector            string // withOther: label and text; vector: type and vector
	listSep, partnerSep          string // between answers of one item; between names
	shortAspect                  map[register.Aspect]string
	withheld, evaluator          string // what stands for a withheld name, an evaluator's name
	anonAddress, anonContact     string // %s: the entity's code
	anonEmail, anonPhone         string
}

var english = &words{
	lang:             register.LangEnglish,
	title:            "Briefing pack",
	selected:         "Briefing on selected entities",
	subject:          "HKSTP RFI on ATP manufacturing capacity: confidential briefing",
	copyNo:           "Copy",
	documentID:       "Document id",
	date:             "Date",
	meeting:          "Meeting",
	place:            "Place",
	entities:         "Entities",
	preparedBy:       "Prepared by",
	preparedByHKSTP:  "%s, HKSTP",
	mode:             "Mode",
	anonymised:       "Anonymised: entities are shown as codes",
	notice:           Notice,
	dateToBeSet:      "date to be set",
	theMeeting:       "The meeting",
	partners:         "University partners",
	hkstp:            "HKSTP attendees",
	recused:          "%s: recused for this item",
	agenda:           "Agenda",
	noAgenda:         "No agenda has been set.",
	colNo:            "#",
	colEntity:        "Entity",
	colProduct:       "Product",
	colATP:           "ATP type",
	colUse:           "Intended use",
	colStatus:        "Status",
	colCompleteness:  "Completeness",
	colScore:         "Weighted score",
	complete:         "Complete",
	incompleteN:      "Incomplete (%d missing)",
	notEvaluated:     "Not evaluated",
	scoreOf:          "%.2f / %d",
	weightedNote:     "Weighted score: the evaluation panel's mean score per aspect (%d to %d), weighted by the register's aspect weights.",
	officersNotes:    "Officer's notes",
	recusedItem:      "Recused for this item (conflict of interest): %s.",
	where:            "Where",
	whereEntity:      "Entity",
	productN:         "Product %d",
	productNName:     "Product %d: %s",
	evaluationResult: "Evaluation panel's result",
	notYet:           "Not yet evaluated.",
	weightedScore:    "Weighted score",
	scoreOutOf:       "%.2f out of %d",
	evaluations:      "Evaluations",
	recommendations:  "Recommendations",
	recommendationN:  "%s (%d)",
	notScored:        "not scored",
	meanChart:        "Mean score per aspect (%d to %d)",
	differBy:         " (scores differ by %d)",
	colAspect:        "Aspect",
	colMean:          "Mean score",
	withOther:        "%s: %s",
	vector:           "%s (%s)",
	listSep:          "; ",
	partnerSep:       "; ",
	shortAspect: map[register.Aspect]string{
		register.AspectReadiness:   "Clinical readiness",
		register.AspectTechnical:   "Technical capacity",
		register.AspectCredibility: "Credibility, track record",
		register.AspectPipeline:    "Pipeline sustainability",
		register.AspectInvestment:  "Investment",
		register.AspectJobs:        "Jobs and training",
		register.AspectIntangibles: "Other intangibles",
	},
	withheld:    Withheld,
	evaluator:   Evaluator,
	anonAddress: "[%s address]",
	anonContact: "[%s contact]",
	anonEmail:   "[%s email]",
	anonPhone:   "[%s telephone]",
}

// NoticeZH is the confidentiality notice of a pack in Traditional Chinese.
const NoticeZH = "機密文件。本文件載有各機構回應香港科技園公司就先進療法產品生產設施發出的資料邀請時，在保密情況下提交的資料，" +
	"以及科技園公司對該等資料的評估。所有機構的身分及每次對話的內容均屬機密。本文件只供指名收件人作所述用途。" +
	"切勿複製、轉發或披露本文件的全部或部分內容，亦切勿將本文件置於無人看管之處。本文件已編號，可追溯至其收件人。使用後請交回或銷毀。"

var chinese = &words{
	lang:             register.LangChinese,
	title:            "簡報文件",
	selected:         "選定機構簡報",
	subject:          "香港科技園公司先進療法產品生產設施資料邀請：機密簡報",
	copyNo:           "副本編號",
	documentID:       "文件編號",
	date:             "日期",
	meeting:          "會議",
	place:            "地點",
	entities:         "機構數目",
	preparedBy:       "擬備人",
	preparedByHKSTP:  "%s（香港科技園公司）",
	mode:             "模式",
	anonymised:       "匿名：機構以代號顯示",
	notice:           NoticeZH,
	dateToBeSet:      "日期待定",
	theMeeting:       "會議資料",
	partners:         "大學合作夥伴",
	hkstp:            "科技園公司出席人員",
	recused:          "%s：因利益衝突避席此項目",
	agenda:           "議程",
	noAgenda:         "尚未訂定議程。",
	colNo:            "#",
	colEntity:        "機構",
	colProduct:       "產品",
	colATP:           "先進療法類型",
	colUse:           "用途",
	colStatus:        "狀態",
	colCompleteness:  "完整性",
	colScore:         "加權分數",
	complete:         "完整",
	incompleteN:      "不完整（欠 %d 項）",
	notEvaluated:     "未經評審",
	scoreOf:          "%.2f / %d",
	weightedNote:     "加權分數：評審小組在各評審範疇的平均分（%d至%d分），按登記冊所定的範疇權重加權計算。",
	officersNotes:    "主任備註",
	recusedItem:      "因利益衝突避席此項目：%s。",
	where:            "所屬部分",
	whereEntity:      "機構",
	productN:         "產品 %d",
	productNName:     "產品 %d：%s",
	evaluationResult: "評審小組結果",
	notYet:           "尚未評審。",
	weightedScore:    "加權分數",
	scoreOutOf:       "%.2f（滿分 %d）",
	evaluations:      "評審份數",
	recommendations:  "建議",
	recommendationN:  "%s（%d）",
	notScored:        "未評分",
	meanChart:        "各評審範疇平均分（%d至%d分）",
	differBy:         "（分數相差 %d）",
	colAspect:        "評審範疇",
	colMean:          "平均分",
	withOther:        "%s：%s",
	vector:           "%s（%s）",
	listSep:          "；",
	partnerSep:       "；",
	shortAspect: map[register.Aspect]string{
		register.AspectReadiness:   "臨床準備程度",
		register.AspectTechnical:   "技術能力",
		register.AspectCredibility: "專業信譽及往績",
		register.AspectPipeline:    "產品線可持續性",
		register.AspectInvestment:  "公司投資",
		register.AspectJobs:        "職位及培訓",
		register.AspectIntangibles: "其他無形效益",
	},
	withheld:    "［不予披露］",
	evaluator:   "［科技園公司評審員］",
	anonAddress: "［%s 地址］",
	anonContact: "［%s 聯絡人］",
	anonEmail:   "［%s 電郵］",
	anonPhone:   "［%s 電話］",
}

// wordsFor returns the words of lang ("" is English).
func wordsFor(lang string) (*words, error) {
	switch lang {
	case "", register.LangEnglish:
		return english, nil
	case register.LangChinese:
		return chinese, nil
	}
	return nil, apperr.New(apperr.Invalid, "%q is not a language of the briefing packs; use en or zh-HK.", lang)
}
