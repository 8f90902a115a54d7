package register

import "strings"

// The RFI's wording in Traditional Chinese, as HKSTP would write it in a
// Chinese version of the RFI: its items, the labels of its choices, the
// pipeline's statuses, the evaluation's aspects and recommendations. This is
// the one home of that wording: the forms, letters, sheets, briefing packs
// and the demand summary take it from here (FieldLabelIn and the LabelIn
// methods), and docs/glossary.md lists it beside the English.

// fieldLabelsZH is the Chinese wording of every field of fieldLabels.
var fieldLabelsZH = map[string]string{
	"name":                     "機構名稱",
	"address":                  "機構地址",
	"contact_name":             "聯絡人姓名",
	"contact_email":            "電郵地址",
	"contact_phone":            "電話號碼",
	"received_on":              "收件日期",
	"status":                   "狀態",
	"source":                   "來源",
	"notes":                    "備註",
	"tags":                     "標籤",
	"submissions":              "至少一項產品的先決資料",
	"product_name":             "產品名稱",
	"composition":              "定性及定量成分",
	"pharmaceutical_form":      "劑型",
	"therapeutic_indication":   "治療適應症",
	"routes":                   "給藥途徑",
	"route_other":              "給藥途徑：其他（請註明）",
	"atp_type":                 "先進療法產品類別",
	"gene_vector":              "基因治療產品：非病毒載體或病毒載體",
	"intended_use":             "擬定用途",
	"intended_use_other":       "擬定用途：其他（請註明）",
	"starting_materials":       "起始物料及原材料",
	"starting_materials_other": "起始物料及原材料：其他（請註明）",
	"process_type":             "工藝類別",
	"pd_completed":             "產品的工藝開發是否已經完成？",
	"pd_further":               "如否，尚需進行多少工藝開發？",
	"gmp_before":               "產品以往是否曾按照GMP生產？",
	"has_authorized_person":    "貴公司是否有獲授權人負責此產品的批次放行？",
	"needs_training":           "貴公司的關鍵人員（例如獲授權人、生產主管及／或質量控制主管）是否需要GMP培訓？",
	"training_roles":           "需要GMP培訓的關鍵人員（獲授權人、生產主管、質量控制主管）",
	"training_details":         "如是，請註明所需的培訓",
	"expected_start":           "預計項目開始日期",
}

func init() {
	routeEnum.setChinese(map[Route]string{
		RouteIntravenous:  "靜脈注射",
		RouteIntradermal:  "皮內注射",
		RouteSubcutaneous: "皮下注射",
		RouteOther:        "其他",
	})
	atpTypeEnum.setChinese(map[ATPType]string{
		ATPCellTherapy:      "細胞治療產品",
		ATPGeneTherapy:      "基因治療產品",
		ATPTissueEngineered: "組織工程產品",
	})
	geneVectorEnum.setChinese(map[GeneVector]string{
		VectorNonViral: "非病毒載體",
		VectorViral:    "病毒載體",
	})
	intendedUseEnum.setChinese(map[IntendedUse]string{
		UsePhase1:       "首次人體第I期臨床試驗",
		UsePhase2:       "第II期臨床試驗",
		UsePhase3:       "第III期臨床試驗",
		UseHKRegistered: "香港衞生署註冊藥劑製品",
		UseOther:        "其他",
	})
	materialEnum.setChinese(map[StartingMaterial]string{
		MaterialCordBlood:       "臍帶血",
		MaterialPeripheralBlood: "周邊血",
		MaterialBoneMarrow:      "骨髓",
		MaterialCordTissue:      "臍帶組織",
		MaterialAdiposeTissue:   "脂肪組織",
		MaterialOther:           "其他",
	})
	processEnum.setChinese(map[ProcessType]string{
		ProcessOpenManual:   "開放式人手操作",
		ProcessClosedSystem: "封閉式系統",
	})
	trainingRoleEnum.setChinese(map[TrainingRole]string{
		RoleAuthorizedPerson: "獲授權人",
		RoleHeadOfProduction: "生產主管",
		RoleHeadOfQC:         "質量控制主管",
	})
	statusEnum.setChinese(map[Status]string{
		StatusReceived:   "已收到",
		StatusScreening:  "初步審核",
		StatusEvaluation: "評審中",
		StatusInvited:    "已邀請對話",
		StatusInDialogue: "對話中",
		StatusEngaged:    "已落實合作（已議定產能）",
		StatusDeclined:   "已婉拒",
		StatusWithdrawn:  "已撤回",
		StatusOnHold:     "暫緩處理",
	})
	aspectEnum.setChinese(map[Aspect]string{
		AspectReadiness:   "產品進入臨床轉化的準備程度",
		AspectTechnical:   "技術能力及水平",
		AspectCredibility: "專業信譽及往績",
		AspectPipeline:    "公司產品線的可持續性",
		AspectInvestment:  "公司的投資",
		AspectJobs:        "創造職位及培訓",
		AspectIntangibles: "公司可為香港帶來的其他無形效益",
	})
	recommendationEnum.setChinese(map[Recommendation]string{
		RecommendInvite:   "邀請對話",
		RecommendDecline:  "婉拒",
		RecommendHold:     "暫緩",
		RecommendMoreInfo: "需要更多資料",
	})
}

// yesNoZH is the Chinese of the yes/no answers.
var yesNoZH = map[YesNo]string{Yes: "是", No: "否"}

// setChinese gives every value of e its Chinese label (for documents;
// parsing takes the codes and English labels only). A value left without
// one is a mistake of this file.
func (e *enum[T]) setChinese(zh map[T]string) {
	for _, v := range e.values {
		if l, ok := zh[v]; !ok || strings.TrimSpace(l) == "" {
			panic("register: no Chinese label for " + string(e.what) + " " + string(v))
		}
	}
	e.zh = zh
}

// labelIn returns v's label in lang: Chinese for LangChinese (when there is
// one), else the RFI's English.
func (e *enum[T]) labelIn(v T, lang string) string {
	if lang == LangChinese {
		if l, ok := e.zh[v]; ok {
			return l
		}
	}
	return e.label(v)
}

// choicesIn is choices with the labels in lang.
func (e *enum[T]) choicesIn(lang string) []Choice {
	out := e.choices()
	for i := range out {
		out[i].Label = e.labelIn(T(out[i].Code), lang)
	}
	return out
}

// FieldName is a field of the RFI as an argument of a message
// (apperr.Label): said by its label in the message's language.
type FieldName string

// LabelIn is FieldLabelIn(f, lang).
func (f FieldName) LabelIn(lang string) string { return FieldLabelIn(string(f), lang) }

// FieldLabelIn returns the RFI's wording of an entity or submission field
// in lang (LangEnglish or LangChinese; see FieldLabel): for Chinese, the
// wording of the Chinese RFI, falling back to the English for a field
// without one and to the name itself when unknown.
func FieldLabelIn(field, lang string) string {
	if lang == LangChinese {
		if l, ok := fieldLabelsZH[canonicalField(field)]; ok {
			return l
		}
	}
	return FieldLabel(field)
}

// canonicalField maps the import column names of the entity's name and
// address to their JSON names.
func canonicalField(field string) string {
	switch field {
	case "entity_name":
		return "name"
	case "entity_address":
		return "address"
	}
	return field
}

// LabelIn returns the RFI's label in lang, or the raw value if r is unknown.
func (r Route) LabelIn(lang string) string { return routeEnum.labelIn(r, lang) }

// LabelIn returns the RFI's label in lang, or the raw value if t is unknown.
func (t ATPType) LabelIn(lang string) string { return atpTypeEnum.labelIn(t, lang) }

// LabelIn returns the RFI's label in lang, or the raw value if v is unknown.
func (v GeneVector) LabelIn(lang string) string { return geneVectorEnum.labelIn(v, lang) }

// LabelIn returns the RFI's label in lang, or the raw value if u is unknown.
func (u IntendedUse) LabelIn(lang string) string { return intendedUseEnum.labelIn(u, lang) }

// LabelIn returns the RFI's label in lang, or the raw value if m is unknown.
func (m StartingMaterial) LabelIn(lang string) string { return materialEnum.labelIn(m, lang) }

// LabelIn returns the RFI's label in lang, or the raw value if p is unknown.
func (p ProcessType) LabelIn(lang string) string { return processEnum.labelIn(p, lang) }

// LabelIn returns the RFI's label in lang, or the raw value if r is unknown.
func (r TrainingRole) LabelIn(lang string) string { return trainingRoleEnum.labelIn(r, lang) }

// LabelIn returns the status for people in lang, or the raw value if s is
// unknown.
func (s Status) LabelIn(lang string) string { return statusEnum.labelIn(s, lang) }

// LabelIn returns the RFI's wording of the aspect in lang, or the raw value
// if a is unknown.
func (a Aspect) LabelIn(lang string) string { return aspectEnum.labelIn(a, lang) }

// LabelIn returns the recommendation for people in lang, or the raw value
// if r is unknown.
func (r Recommendation) LabelIn(lang string) string { return recommendationEnum.labelIn(r, lang) }

// LabelIn returns "Yes" or "No" in lang ("是", "否"), or "" (unanswered).
func (y YesNo) LabelIn(lang string) string {
	if lang == LangChinese {
		return yesNoZH[y]
	}
	return y.Label()
}

// YesNoChoicesIn returns the two answers as choices (yes, no) in lang.
func YesNoChoicesIn(lang string) []Choice {
	return []Choice{{Code: "yes", Label: Yes.LabelIn(lang)}, {Code: "no", Label: No.LabelIn(lang)}}
}

// ChoicesIn is Choices with every label in lang (LangEnglish: the RFI's own
// labels, as Choices).
func ChoicesIn(lang string) map[string][]Choice {
	yn := func() []Choice { return YesNoChoicesIn(lang) }
	return map[string][]Choice{
		"routes":                routeEnum.choicesIn(lang),
		"atp_type":              atpTypeEnum.choicesIn(lang),
		"gene_vector":           geneVectorEnum.choicesIn(lang),
		"intended_use":          intendedUseEnum.choicesIn(lang),
		"starting_materials":    materialEnum.choicesIn(lang),
		"process_type":          processEnum.choicesIn(lang),
		"training_roles":        trainingRoleEnum.choicesIn(lang),
		"pd_completed":          yn(),
		"gmp_before":            yn(),
		"has_authorized_person": yn(),
		"needs_training":        yn(),
		"status":                statusEnum.choicesIn(lang),
		"recommendation":        recommendationEnum.choicesIn(lang),
	}
}

// Item returns the item's own field name, without the "submissions[i]."
// prefix Entity.Missing gives a product's items.
func (m MissingItem) Item() string {
	if rest, ok := strings.CutPrefix(m.Field, "submissions["); ok {
		if _, field, ok := strings.Cut(rest, "]."); ok {
			return field
		}
	}
	return m.Field
}

// LabelIn returns the RFI's wording of the item in lang.
func (m MissingItem) LabelIn(lang string) string { return FieldLabelIn(m.Item(), lang) }
