package rfiform

import "atpreg/internal/register"

// words holds the form's text in one language. English uses the RFI's own
// wording (register.FieldLabel and the choices' labels); Chinese is the
// wording HKSTP would use in a Traditional Chinese version of the RFI.
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

func english() *words {
	w := &words{
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
		item:        map[string]string{},
		option:      map[string]string{},
		tickAll:     "Tick all that apply.",
		tickOne:     "Tick one.",
		tickType:    "Tick one; for a gene therapy product, tick its vector too.",
		monthHint:   "Year and month, as YYYY-MM (e.g. 2027-03).",
		ifNoFurther: register.FieldLabel("pd_further"),
		ifYesRoles:  "If Yes, for which key personnel?",
		ifYesWhich:  register.FieldLabel("training_details"),
	}
	for _, f := range []string{"entity_name", "entity_address", "contact_name", "contact_email", "contact_phone",
		"product_name", "composition", "pharmaceutical_form", "therapeutic_indication", "routes", "atp_type",
		"intended_use", "starting_materials", "process_type", "pd_completed", "gmp_before",
		"has_authorized_person", "needs_training", "expected_start"} {
		w.item[f] = register.FieldLabel(f)
	}
	for col, cs := range register.Choices() {
		for _, c := range cs {
			w.option[col+"."+c.Code] = c.Label
		}
	}
	return w
}

func chinese() *words {
	return &words{
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
		item: map[string]string{
			"entity_name":            "機構名稱",
			"entity_address":         "機構地址",
			"contact_name":           "聯絡人姓名",
			"contact_email":          "電郵地址",
			"contact_phone":          "電話號碼",
			"product_name":           "產品名稱",
			"composition":            "定性及定量成分",
			"pharmaceutical_form":    "劑型",
			"therapeutic_indication": "治療適應症",
			"routes":                 "給藥途徑",
			"atp_type":               "先進療法產品類別",
			"intended_use":           "擬定用途",
			"starting_materials":     "起始物料及原材料",
			"process_type":           "工藝類別",
			"pd_completed":           "產品的工藝開發是否已經完成？",
			"gmp_before":             "產品以往是否曾按照GMP生產？",
			"has_authorized_person":  "貴公司是否有獲授權人負責此產品的批次放行？",
			"needs_training":         "貴公司的關鍵人員（例如獲授權人、生產主管及／或質量控制主管）是否需要GMP培訓？",
			"expected_start":         "預計項目開始日期",
		},
		option: map[string]string{
			"routes.intravenous":                  "靜脈注射",
			"routes.intradermal":                  "皮內注射",
			"routes.subcutaneous":                 "皮下注射",
			"routes.other":                        "其他（請註明）",
			"atp_type.cell_therapy":               "細胞治療產品",
			"atp_type.gene_therapy":               "基因治療產品",
			"atp_type.tissue_engineered":          "組織工程產品",
			"gene_vector.non_viral":               "非病毒載體",
			"gene_vector.viral":                   "病毒載體",
			"intended_use.phase_1":                "首次人體第I期臨床試驗",
			"intended_use.phase_2":                "第II期臨床試驗",
			"intended_use.phase_3":                "第III期臨床試驗",
			"intended_use.hk_registered":          "香港衞生署註冊藥劑製品",
			"intended_use.other":                  "其他（請註明）",
			"starting_materials.cord_blood":       "臍帶血",
			"starting_materials.peripheral_blood": "周邊血",
			"starting_materials.bone_marrow":      "骨髓",
			"starting_materials.cord_tissue":      "臍帶組織",
			"starting_materials.adipose_tissue":   "脂肪組織",
			"starting_materials.other":            "其他（請註明）",
			"process_type.open_manual":            "開放式人手操作",
			"process_type.closed_system":          "封閉式系統",
			"training_roles.authorized_person":    "獲授權人",
			"training_roles.head_of_production":   "生產主管",
			"training_roles.head_of_qc":           "質量控制主管",
			"yes":                                 "是",
			"no":                                  "否",
		},
		tickAll:     "請剔選所有適用項目。",
		tickOne:     "請只剔選一項。",
		tickType:    "請只剔選一項；基因治療產品請同時剔選載體類別。",
		monthHint:   "年份及月份，格式為 YYYY-MM（例如 2027-03）。",
		ifNoFurther: "如否，尚需進行多少工藝開發？",
		ifYesRoles:  "如是，哪些關鍵人員需要培訓？",
		ifYesWhich:  "如是，請註明所需的培訓。",
	}
}
