package evalsheet

import "atpreg/internal/register"

// words holds the sheet's text in one language. English uses the domain's
// wording (the aspects' labels and anchors, the recommendations' labels);
// the Chinese sheet gives the Chinese wording with the English beside it.
type words struct {
	title, subtitle, footer string
	intro                   []string
	evaluator               string
	entity                  string // has %d (place on the sheet) and %s (name)
	entityID                string
	summary                 string
	noProducts              string
	scoreHint               string
	note                    string
	recommendation          string
	recommendationHint      string
	reason                  string
	aspect                  map[register.Aspect]string
	// anchor is what each score 1..5 of an aspect means; nil: the
	// domain's English (register.Aspect.Anchor).
	anchor  map[register.Aspect][register.MaxScore]string
	rec     map[register.Recommendation]string
	product string // has %s
}

func english() *words {
	w := &words{
		title:    "Evaluation sheet: Advanced Therapy Products RFI",
		subtitle: "Hong Kong Science and Technology Parks Corporation (HKSTP) · Confidential: for the named evaluator only",
		footer:   "Confidential. Return the completed sheet to the contact officer; do not forward it.",
		intro: []string{
			"For each entity below: read the summary of its submission, tick ONE box from 1 to 5 for each of the seven aspects (the text beside each box says what the score means), add a note where it helps, tick ONE recommendation and give the reason.",
			"Score only what you can judge; an aspect you leave unscored is recorded as unscored. Save the filled file and send it back as it is (PDF or Word); do not print it to PDF.",
		},
		evaluator:          "Evaluator",
		entity:             "%d. %s",
		entityID:           "Entity number in the register",
		summary:            "Summary of the submission",
		noProducts:         "No product described yet.",
		scoreHint:          "Tick one score.",
		note:               "Note",
		recommendation:     "Recommendation",
		recommendationHint: "Tick one.",
		reason:             "Reason for the recommendation",
		aspect:             map[register.Aspect]string{},
		rec:                map[register.Recommendation]string{},
		product:            "Product: %s",
	}
	for _, a := range register.Aspects() {
		w.aspect[a] = a.Label()
	}
	for _, r := range register.Recommendations() {
		w.rec[r] = r.Label()
	}
	return w
}

func chinese() *words {
	w := &words{
		title:    "評審表：先進療法產品資料邀請",
		subtitle: "香港科技園公司 · 機密：只供指名評審員使用",
		footer:   "機密文件。請將填妥的評審表交回聯絡主任，切勿轉發。Confidential: return to the contact officer.",
		intro: []string{
			"請就以下每個機構：細閱其提交資料摘要，就七個評審範疇各剔選一個1至5分的方格（方格旁的文字說明該分數的意思），如有需要可加上備註，然後剔選一項建議並說明理由。",
			"只評您能判斷的範疇；未評分的範疇會記錄為未評分。請儲存填妥的檔案並按原樣（PDF或Word）交回，切勿列印成PDF。",
		},
		evaluator:          "評審員 Evaluator",
		entity:             "%d. %s",
		entityID:           "登記冊內的機構編號 Entity number",
		summary:            "提交資料摘要 Summary of the submission",
		noProducts:         "尚未描述任何產品。No product described yet.",
		scoreHint:          "剔選一個分數。Tick one score.",
		note:               "備註 Note",
		recommendation:     "建議 Recommendation",
		recommendationHint: "剔選一項。Tick one.",
		reason:             "建議理由 Reason for the recommendation",
		anchor: map[register.Aspect][register.MaxScore]string{
			register.AspectReadiness: {
				"早期研究；沒有臨床前資料",
				"已於體外或動物驗證概念；工藝尚未確定",
				"臨床前資料齊備；工藝已在研究規模確定",
				"已完成支持臨床試驗申請（IND/CTA）的研究；工藝可轉移至GMP",
				"臨床級工藝已準備就緒；監管途徑已獲同意",
			},
			register.AspectTechnical: {
				"內部沒有先進療法產品生產或質量控制的專業知識",
				"只有研究團隊；工藝及質量控制完全依賴他人",
				"內部有部分工藝開發及分析能力；質量控制有不足",
				"工藝及質量控制團隊經驗豐富；與GMP尚有輕微差距",
				"團隊曾運行GMP先進療法產品工藝及放行檢測，成效已獲證明",
			},
			register.AspectCredibility: {
				"沒有可核實的往績",
				"團隊年輕；發表文章或過往項目不多",
				"有相關發表文章或專利；具一定業界經驗",
				"曾將產品推進至臨床階段；合作夥伴具認受性",
				"在審批、臨床成果及具信譽的合作夥伴方面往績卓著",
			},
			register.AspectPipeline: {
				"單一產品，沒有後續產品",
				"一項主導產品；後續產品仍屬構思",
				"一項主導產品及一至兩項開發中的後續產品",
				"多項處於不同階段的產品，未來數年需要生產設施",
				"產品線廣泛，確保持續使用生產設施",
			},
			register.AspectInvestment: {
				"未有確定資金",
				"只有種子資金；項目尚未獲得融資",
				"下一階段已有資金；其後階段未確定",
				"資金充裕；已承諾工藝開發及GMP生產的預算",
				"在香港有大額已承諾投資，包括設施或人手",
			},
			register.AspectJobs: {
				"在香港沒有職位或培訓",
				"少量職位，大多在香港以外",
				"有部分本地職位；培訓有限",
				"有多個本地技術職位及培訓計劃",
				"大量技術職位，並為本地人才提供有系統的GMP培訓",
			},
			register.AspectIntangibles: {
				"對香港沒有其他效益",
				"效益輕微（只限知名度）",
				"有一定效益：與本地大學或醫院合作",
				"效益明確：為香港帶來新知識、網絡或服務本地病人",
				"效益重大：香港首創的標誌性療法或區域樞紐角色",
			},
		},
		product: "產品 Product: %s",
		aspect:  map[register.Aspect]string{},
		rec:     map[register.Recommendation]string{},
	}
	for _, a := range register.Aspects() {
		w.aspect[a] = a.LabelIn(register.LangChinese)
	}
	for _, r := range register.Recommendations() {
		w.rec[r] = r.LabelIn(register.LangChinese)
	}
	return w
}
