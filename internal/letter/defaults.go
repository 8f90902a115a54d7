package letter

import "atpreg/internal/register"

// The RFI's title, as the letters name it.
const (
	rfiEN = "Request for Information: Process Development and GMP Manufacturing Capacity for Advanced Therapy Products"
	rfiZH = "資料邀請：先進療法產品的工藝開發及GMP生產設施"
)

const signEN = `Yours sincerely,

{{officer_name}}
{{officer_title}}
{{organisation}}
{{officer_email}}`

const signZH = `順頌
商祺

{{organisation}}
{{officer_title}}
{{officer_name}}
{{officer_email}}`

// defaults holds the default wording of every kind in both languages.
var defaults = map[register.LetterKind]map[string]register.LetterTemplate{
	register.LetterAcknowledge: {
		"en": {Subject: "Acknowledgement of your RFI submission – {{entity_name}} (Ref. {{reference}})", Body: `Dear {{contact_name}},

` + rfiEN + `

Thank you for your submission in response to HKSTP's Request for Information on process development and GMP manufacturing capacity for Advanced Therapy Products (ATP). We acknowledge receipt of the pre-requisite information for: {{products}}.

Your submission will be kept strictly confidential. We are now reviewing the information provided and will contact you should we need any clarification. Please quote the reference {{reference}} in any correspondence with us.

This Request for Information is for information only and does not amount to or constitute any legally-binding commitment on the part of HKSTP.

` + signEN},
		"zh-HK": {Subject: "確認收到貴機構就資料邀請提交的資料 – {{entity_name}}（編號：{{reference}}）", Body: `{{contact_name}}台鑒：

` + rfiZH + `

感謝貴機構回應香港科技園公司（科技園公司）就先進療法產品的工藝開發及GMP生產設施發出的資料邀請。本公司確認已收到以下產品的先決資料：{{products}}。

貴機構提交的資料將嚴格保密。本公司現正審閱有關資料，如需澄清，將與貴機構聯絡。日後來函請註明編號 {{reference}}。

本資料邀請僅作收集資料之用，並不構成科技園公司任何具法律約束力的承諾。

` + signZH},
	},
	register.LetterMissing: {
		"en": {Subject: "RFI submission: information still required – {{entity_name}} (Ref. {{reference}})", Body: `Dear {{contact_name}},

` + rfiEN + `

Thank you for your submission in response to the above Request for Information. Having reviewed it, we note that the following items of the pre-requisite information have not yet been provided:

{{missing_items}}

For your convenience, we attach the pre-requisite information form, pre-filled with the information you have already given us. Please complete only the items listed above and return the form by email to {{officer_email}}, quoting the reference {{reference}}.

Should you have any questions, please do not hesitate to contact us.

` + signEN},
		"zh-HK": {Subject: "資料邀請：尚待提交的資料 – {{entity_name}}（編號：{{reference}}）", Body: `{{contact_name}}台鑒：

` + rfiZH + `

感謝貴機構回應上述資料邀請。經審閱後，本公司留意到以下先決資料尚未提供：

{{missing_items}}

為方便貴機構，隨函附上已預先填上貴機構所提供資料的先決資料表格。請只填寫上列項目，並將表格電郵至 {{officer_email}} 交回，來函請註明編號 {{reference}}。

如有任何查詢，歡迎與本公司聯絡。

` + signZH},
	},
	register.LetterMoreInfo: {
		"en": {Subject: "RFI submission: further information requested – {{entity_name}} (Ref. {{reference}})", Body: `Dear {{contact_name}},

` + rfiEN + `

Thank you for your submission in response to the above Request for Information. To complete our review, we should be grateful if you would provide further information on the following:

{{questions}}

Please reply by email to {{officer_email}}, quoting the reference {{reference}}.

` + signEN},
		"zh-HK": {Subject: "資料邀請：請提供進一步資料 – {{entity_name}}（編號：{{reference}}）", Body: `{{contact_name}}台鑒：

` + rfiZH + `

感謝貴機構回應上述資料邀請。為完成審閱，懇請貴機構就以下事項提供進一步資料：

{{questions}}

請電郵至 {{officer_email}} 回覆，來函請註明編號 {{reference}}。

` + signZH},
	},
	register.LetterInvite: {
		"en": {Subject: "Invitation to a dialogue with HKSTP – {{entity_name}} (Ref. {{reference}})", Body: `Dear {{contact_name}},

` + rfiEN + `

Thank you for your submission in response to the above Request for Information. Following our review, we are pleased to invite you to a dialogue with HKSTP to discuss your requirements for process development and GMP manufacturing capacity in more detail.

{{meeting}}

Please confirm your attendance, and the names of those attending, by email to {{officer_email}}, quoting the reference {{reference}}.

The dialogue is for information only and does not amount to or constitute any legally-binding commitment on the part of HKSTP.

` + signEN},
		"zh-HK": {Subject: "邀請與科技園公司進行對話 – {{entity_name}}（編號：{{reference}}）", Body: `{{contact_name}}台鑒：

` + rfiZH + `

感謝貴機構回應上述資料邀請。經審閱後，本公司誠邀貴機構與科技園公司進行對話，進一步商討貴機構在工藝開發及GMP生產設施方面的需要。

{{meeting}}

請電郵至 {{officer_email}} 確認出席及出席者姓名，來函請註明編號 {{reference}}。

是次對話僅作收集資料之用，並不構成科技園公司任何具法律約束力的承諾。

` + signZH},
	},
	register.LetterDecline: {
		"en": {Subject: "Your RFI submission – {{entity_name}} (Ref. {{reference}})", Body: `Dear {{contact_name}},

` + rfiEN + `

Thank you for your submission in response to the above Request for Information and for the time you have taken to prepare it. After careful consideration, we regret to inform you that HKSTP will not be taking your submission forward at this stage.

Your submission will continue to be kept strictly confidential. We appreciate your interest and wish you every success with your programme.

` + signEN},
		"zh-HK": {Subject: "貴機構就資料邀請提交的資料 – {{entity_name}}（編號：{{reference}}）", Body: `{{contact_name}}台鑒：

` + rfiZH + `

感謝貴機構回應上述資料邀請，並撥冗準備有關資料。經審慎考慮後，本公司遺憾通知貴機構，科技園公司現階段不會就貴機構提交的資料作進一步跟進。

貴機構提交的資料將繼續嚴格保密。謹此感謝貴機構的支持，並祝貴機構的項目發展順利。

` + signZH},
	},
	register.LetterHold: {
		"en": {Subject: "Your RFI submission: on hold – {{entity_name}} (Ref. {{reference}})", Body: `Dear {{contact_name}},

` + rfiEN + `

Thank you for your submission in response to the above Request for Information. We write to let you know that your submission has been placed on hold for the time being. It remains on our register, and we will contact you again as soon as we are able to take it forward.

Your submission will continue to be kept strictly confidential. Should your plans change in the meantime, please let us know by email to {{officer_email}}, quoting the reference {{reference}}.

` + signEN},
		"zh-HK": {Subject: "貴機構就資料邀請提交的資料暫緩處理 – {{entity_name}}（編號：{{reference}}）", Body: `{{contact_name}}台鑒：

` + rfiZH + `

感謝貴機構回應上述資料邀請。謹此通知，貴機構提交的資料現暫緩處理。有關資料仍保留於本公司的紀錄內，待可作進一步跟進時，本公司將盡快與貴機構聯絡。

貴機構提交的資料將繼續嚴格保密。如貴機構的計劃有任何變更，請電郵至 {{officer_email}} 通知本公司，來函請註明編號 {{reference}}。

` + signZH},
	},
}

// Default returns the default wording of kind in lang ("en" or "zh-HK").
func Default(kind register.LetterKind, lang string) register.LetterTemplate {
	t := defaults[kind][lang]
	t.Kind, t.Lang = kind, lang
	return t
}

// TemplateFor returns the officer's template for kind and lang from s, or
// the default wording.
func TemplateFor(s register.LetterSettings, kind register.LetterKind, lang string) register.LetterTemplate {
	if t, ok := s.Template(kind, lang); ok {
		return t
	}
	return Default(kind, lang)
}
