package briefing_test

import (
	"bytes"
	"strings"
	"testing"

	"atpreg/internal/briefing"
	"atpreg/internal/pdfdoc"
	"atpreg/internal/pdftest"
	"atpreg/internal/register"
)

var zh = briefing.PackOptions{Lang: register.LangChinese}

// TestChineseContent: a zh-HK pack, read by pdftotext, has its fixed texts,
// the RFI's wording, statuses, the evaluation block and dates in
// Traditional Chinese, and none of the English pack's fixed texts (what the
// fictional entities wrote in English stays as written).
func TestChineseContent(t *testing.T) {
	opt := zh
	opt.IncludeEvaluation = true
	p := render(t, fixtureInput(), opt)
	path := pdftest.WriteTemp(t, "pack-zh.pdf", p.PDF)
	text, err := pdftest.Text(t, path)
	if err != nil {
		t.Fatal(err)
	}
	sq := pdftest.Squeeze(text)
	for _, want := range []string{
		"簡報文件", "本文件收件人", "副本編號", "文件編號", "日期2026年3月10日", "會議2026年3月12日（星期四）14:30",
		"擬備人JoyceLam（香港科技園公司）", "切勿複製、轉發或披露本文件", "使用後請交回或銷毀。",
		"會議資料", "日期及時間", "大學合作夥伴", "科技園公司出席人員", "討論的機構", "議程", "3.［不予披露］follow-up",
		"機構摘要", "先進療法類型", "完整性", "已邀請對話", "初步審核", "不完整（欠12項）", "未經評審",
		"機構名稱", "翠峰細胞醫學有限公司", "機構地址", "聯絡人姓名", "電郵地址", "電話號碼", "目前狀態", "收件日期2025年10月2日", "產品數目",
		"資料完整程度", "資料不完整：先決資料中有12項未有填報。", "所屬部分", "欠缺項目",
		"產品1：HLC-101anti-CD19CAR-T", "產品名稱", "定性及定量成分", "產品劑型", "治療適應症",
		"給藥途徑靜脈注射；其他：Intrathecal(planned)", "先進療法產品類別基因治療產品（病毒載體）",
		"擬定用途首次人體第I期臨床試驗", "起始物料及原材料周邊血", "工藝類別封閉式系統",
		"是否已完成工藝開發？否", "尚需進行的工藝開發", "以往是否曾按GMP生產？是", "有否獲授權人負責批次放行？否",
		"關鍵人員是否需要GMP培訓？是", "需要GMP培訓的關鍵人員獲授權人", "所需培訓", "預計項目開始日期2026年9月",
		"評審小組結果", "加權分數", "（滿分5）", "評審份數2", "邀請對話（2）", "各評審範疇平均分（1至5分）", "臨床準備程度",
		"評審範疇平均分", "產品進入臨床轉化的準備程度", "公司可為香港帶來的其他無形效益", "討論紀錄", "筆記",
		"機密", "收件人：Prof.MartinHo(HarbourUniversity)·第2份", "第1頁，共",
	} {
		if !strings.Contains(sq, pdftest.Squeeze(want)) {
			t.Errorf("the Chinese pack lacks %q", want)
		}
	}
	// The missing items are the Chinese RFI's wording.
	for _, m := range fixtureEntities()[2].Entity.Missing() {
		if !strings.Contains(sq, pdftest.Squeeze(m.LabelIn(register.LangChinese))) {
			t.Errorf("the missing item %q is not listed in Chinese", m.LabelIn(register.LangChinese))
		}
	}
	for _, en := range []string{
		"Briefing pack", "CONFIDENTIAL", "Prepared for", "Intended for", "Document id", "Prepared by", "HKSTP attendees",
		"University partners", "Entities discussed", "Date and time", "Agenda", "Summary of entities", "Entities at a glance",
		"Completeness", "Weighted score", "Not evaluated", "Invited to dialogue", "Screening", "Incomplete", "Missing item",
		"Name of entity", "Current status", "Date received", "Number of products", "Product 1", "Type of ATP product",
		"Gene therapy product", "(viral vector)", "First-in-human", "Peripheral blood", "Closed system", "Intravenous", "Others",
		"Process development", "GMP training", "Authorized Person", "Expected date", "Sep 2026", "March", "Evaluation",
		"Mean score", "Recommendations", "Invite to dialogue", "Readiness of product", "Clinical readiness",
		"Discussion notes", "Notes", "Page ", "Copy ", "For Prof", "[withheld]", "Do not copy",
	} {
		if strings.Contains(text, en) {
			t.Errorf("the Chinese pack shows the English %q", en)
		}
	}
	if !bytes.Equal(p.PDF, render(t, fixtureInput(), opt).PDF) {
		t.Error("the same Chinese pack rendered twice differs")
	}
	// The font draws every character of the Chinese texts: only the
	// fixture's emoji is replaced.
	if len(p.Replaced) != 1 || string(p.Replaced[0].Runes) != "🧬" {
		t.Errorf("characters replaced: %+v", p.Replaced)
	}
}

// TestChineseAnonymised: an anonymised Chinese pack names no entity, contact
// or product, and says what stands for them in Chinese.
func TestChineseAnonymised(t *testing.T) {
	in := fixtureInput()
	in.Entities[0].Entity.Notes = "Call Dr Ada Fung about the vector."
	opt := zh
	opt.Anonymise, opt.IncludeNotes = true, true
	p := render(t, in, opt)
	path := pdftest.WriteTemp(t, "anon-zh.pdf", p.PDF)
	text, err := pdftest.Text(t, path)
	if err != nil {
		t.Fatal(err)
	}
	info, err := pdftest.Info(t, path)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range identities() {
		if strings.Contains(text, id) || strings.Contains(info, id) || bytes.Contains(p.PDF, utf16be(id)) {
			t.Errorf("the anonymised Chinese pack shows %q", id)
		}
	}
	sq := pdftest.Squeeze(text)
	for _, want := range []string{"匿名：機構以代號顯示", "機構代號", "E-0007", "E-0007-P2", "［E-0007聯絡人］", "主任備註"} {
		if !strings.Contains(sq, pdftest.Squeeze(want)) {
			t.Errorf("the anonymised Chinese pack lacks %q", want)
		}
	}
}

// TestChineseVariants: a Chinese copy words its choices in Chinese, its
// own text shows them, and another copy's differ.
func TestChineseVariants(t *testing.T) {
	in := fixtureInput()
	in.Variants = nil
	a := render(t, in, zh)
	in.CopyNo++
	c := render(t, in, zh)
	if a.Variants.String() != briefing.VariantsFor(in.DocumentID, in.CopyNo-1).String() || a.Variants.String() == c.Variants.String() {
		t.Fatal("the Chinese copies' wording is not drawn from their id")
	}
	for _, p := range []briefing.Pack{a, c} {
		obs := briefing.Observe(pdfdoc.ExtractText(p.PDF))
		agree, disagree := obs.Compare(p.Variants)
		if disagree != 0 || agree < 15 {
			t.Errorf("the Chinese pack's own text: %d choices agree, %d disagree", agree, disagree)
		}
	}
}

// TestChineseVariantPhrasingsDistinct: in Chinese too, neither phrasing of a
// choice is found inside the other, each is seen alone as its one choice
// (so each has a marker of four characters or more), and no Chinese
// phrasing is the English one.
func TestChineseVariantPhrasingsDistinct(t *testing.T) {
	en := briefing.Phrasings()
	for i, ab := range briefing.PhrasingsIn(register.LangChinese) {
		a, b := briefing.Squeeze(ab[0]), briefing.Squeeze(ab[1])
		if a == "" || b == "" || strings.Contains(a, b) || strings.Contains(b, a) {
			t.Errorf("choice %d: %q and %q contain one another", i, ab[0], ab[1])
		}
		if ab == en[i] {
			t.Errorf("choice %d has no Chinese phrasings", i)
		}
		for k, other := range []string{ab[0], ab[1]} {
			got := briefing.Observe(other)
			if got.Seen() != 1 || got[i] != byte(k+1) {
				t.Errorf("choice %d: %q alone is seen as %v, want choice %d only", i, other, got, i)
			}
		}
	}
}

// TestRenderRefusesUnknownLanguage: a pack in a language atpreg does not
// write is refused in words.
func TestRenderRefusesUnknownLanguage(t *testing.T) {
	_, err := briefing.Render(fixtureInput(), briefing.PackOptions{Lang: "fr"})
	if err == nil || !strings.Contains(err.Error(), "en or zh-HK") {
		t.Fatalf("err = %v", err)
	}
}
