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
	rec                     map[register.Recommendation]string
	product                 string // has %s
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
	return &words{
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
		aspect: map[register.Aspect]string{
			register.AspectReadiness:   "產品進入臨床轉化的準備程度",
			register.AspectTechnical:   "技術能力及水平",
			register.AspectCredibility: "專業信譽及往績",
			register.AspectPipeline:    "公司產品線的可持續性",
			register.AspectInvestment:  "公司的投資",
			register.AspectJobs:        "創造職位及培訓",
			register.AspectIntangibles: "公司可為香港帶來的其他無形效益",
		},
		rec: map[register.Recommendation]string{
			register.RecommendInvite:   "邀請對話",
			register.RecommendDecline:  "婉拒",
			register.RecommendHold:     "暫緩",
			register.RecommendMoreInfo: "需要更多資料",
		},
		product: "產品 Product: %s",
	}
}
