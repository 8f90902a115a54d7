package rfiform

import "atpreg/internal/register"

// words holds the form's text in one language. The RFI's items and choices
// are the register's wording in that language (register.FieldLabelIn,
// register.ChoicesIn: the RFI's own English, the Chinese HKSTP would
// write); the rest is the form's own.
type words struct {
	title, subtitle, footer string
	intro                   []string
	entity                  string
	product, productNote    string // product has one %d
	item                    map[string]string
	option                  map[string]string // "column.code" -> label
	tickAll, tickOne        string
	tickType, monthHint     string
	ifNoFurther             string
	ifYesRoles, ifYesWhich  string
}

// rfiItems are the items of the form, by field name.
var rfiItems = []string{"entity_name", "entity_address", "contact_name", "contact_email", "contact_phone",
	"product_name", "composition", "pharmaceutical_form", "therapeutic_indication", "routes", "atp_type",
	"intended_use", "starting_materials", "process_type", "pd_completed", "gmp_before",
	"has_authorized_person", "needs_training", "expected_start"}

// rfiWording fills w's items and options with the RFI's wording in lang
// (register.FieldLabelIn and register.ChoicesIn). In Chinese an "Others"
// box reads 其他（請註明）: the form asks to specify.
func rfiWording(w *words, lang string) *words {
	w.item, w.option = map[string]string{}, map[string]string{}
	for _, f := range rfiItems {
		w.item[f] = register.FieldLabelIn(f, lang)
	}
	for col, cs := range register.ChoicesIn(lang) {
		for _, c := range cs {
			l := c.Label
			if c.Code == "other" && lang == register.LangChinese {
				l += "（請註明）"
			}
			w.option[col+"."+c.Code] = l
		}
	}
	w.ifNoFurther = register.FieldLabelIn("pd_further", lang)
	w.ifYesWhich = register.FieldLabelIn("training_details", lang)
	return w
}

func english() *words {
	return rfiWording(&words{
		title:    "Pre-requisite Information: Process Development and GMP Manufacturing Capacity for Advanced Therapy Products",
		subtitle: "Hong Kong Science and Technology Parks Corporation (HKSTP) · Request for Information",
		footer:   "Return the completed form to HKSTP by email: gmp.atp@hkstp.org",
		intro: []string{
			"Please complete the pre-requisite information below, one part for each product (there is room for three), and return this form by email to gmp.atp@hkstp.org. Tick every box that applies; where one answer is asked for, tick one. Leave a product's part blank if you have fewer products.",
			"Your submission is kept strictly confidential. It does not amount to or constitute any legally-binding commitment on the part of HKSTP.",
		},
		entity:      "Entity and contact person",
		product:     "Product %d",
		productNote: "Pre-requisite information for one product.",
		tickAll:     "Tick all that apply.",
		tickOne:     "Tick one.",
		tickType:    "Tick one; for a gene therapy product, tick its vector too.",
		monthHint:   "Year and month, as YYYY-MM (e.g. 2027-03).",
		ifYesRoles:  "If Yes, for which key personnel?",
	}, register.LangEnglish)
}

func chinese() *words {
	return rfiWording(&words{
		title:    "先決資料：使用先進療法產品的工藝開發及GMP生產設施",
		subtitle: "香港科技園公司（科技園公司）· 資料邀請",
		footer:   "請將填妥的表格電郵至 gmp.atp@hkstp.org 交回科技園公司",
		intro: []string{
			"請填寫以下先決資料，每項產品填寫一部分（最多三項產品），並將表格電郵至 gmp.atp@hkstp.org。請在所有適用的方格內加上剔號；只須選一項的問題，請只剔選一項。如產品少於三項，其餘部分可留空。",
			"所提交的資料將嚴格保密，並不構成科技園公司任何具法律約束力的承諾。",
		},
		entity:      "機構及聯絡人",
		product:     "產品 %d",
		productNote: "每項產品的先決資料。",
		tickAll:     "請剔選所有適用項目。",
		tickOne:     "請只剔選一項。",
		tickType:    "請只剔選一項；基因治療產品請同時剔選載體類別。",
		monthHint:   "年份及月份，格式為 YYYY-MM（例如 2027-03）。",
		ifYesRoles:  "如是，哪些關鍵人員需要培訓？",
	}, register.LangChinese)
}
