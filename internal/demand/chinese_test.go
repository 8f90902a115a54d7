package demand_test

import (
	"encoding/json"
	"strings"
	"testing"

	"atpreg/internal/demand"
	"atpreg/internal/pdftest"
	"atpreg/internal/register"
)

func chineseReport(t *testing.T) (demand.Report, []register.Entity) {
	t.Helper()
	es := register.DemoEntities(1)
	for i := range es {
		es[i].ID = int64(i + 1)
	}
	m := meta
	m.Lang = register.LangChinese
	return demand.Anonymise(demand.Aggregate(es, []register.Status{register.StatusInvited, register.StatusInDialogue,
		register.StatusScreening, register.StatusEvaluation, register.StatusReceived}), m), es
}

// TestChinesePDF: the demand summary in zh-HK, read by pdftotext, has its
// headings, the RFI's choices, statuses, periods and date in Traditional
// Chinese, none of the English summary's fixed texts, and no identity.
func TestChinesePDF(t *testing.T) {
	r, es := chineseReport(t)
	pdf, err := r.PDF()
	if err != nil {
		t.Fatal(err)
	}
	text, err := pdftest.Text(t, pdftest.WriteTemp(t, "demand-zh.pdf", pdf))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(text, "□") {
		t.Error("the font lacks a character of the Chinese summary (drawn as □)")
	}
	sq := pdftest.Squeeze(text)
	for _, want := range []string{"機密", "需求摘要（匿名）", "先進療法產品生產設施的需求", "文件編號", "產生時間", "2026年3月14日09:30",
		"包括的狀態", "已收到、初步審核、評審中、已邀請對話、對話中", "細小數目", "隱藏的數目", "關於本摘要", "本摘要隱藏的數目及原因",
		"數目的計算方法", "概覽", "按問題劃分的需求", "先進療法產品類別及載體", "細胞治療產品", "基因治療：病毒載體", "擬定用途（臨床試驗階段）",
		"首次人體第I期臨床試驗", "起始物料及原材料", "臍帶血", "工藝類別：開放式或封閉式", "封閉式系統", "所需的GMP培訓（按關鍵職位）",
		"獲授權人", "答案", "產品提交數目", "可選多項", "預計開始日期（按", "所有產品", "未有預計開始日期的產品", "「<3」", "第1頁，共"} {
		if !strings.Contains(sq, pdftest.Squeeze(want)) {
			t.Errorf("the Chinese summary lacks %q", want)
		}
	}
	if !strings.Contains(sq, "年第") && !strings.Contains(sq, "半年") && !strings.Contains(sq, "2027年") {
		t.Error("the timeline's periods are not written in Chinese")
	}
	for _, en := range []string{"CONFIDENTIAL", "Demand", "Anonymised", "Document", "Generated", "Statuses", "Small counts", "Hidden",
		"Made by", "About this summary", "Overview", "Count", "Entities", "Products", "Answer", "Not answered", "Cell therapy",
		"Gene therapy", "Intended use", "Phase", "Cord blood", "Closed system", "Authorized Person", "Yes", "withheld",
		"Expected commencement", "quarter", "Q1", "Q2", "-H1", "All products", "Several answers", "Mar 2026", "Page ", "Invited"} {
		if strings.Contains(text, en) {
			t.Errorf("the Chinese summary shows the English %q", en)
		}
	}
	for _, s := range demoLeaks(es) {
		if strings.Contains(text, s) {
			t.Errorf("the anonymised Chinese summary contains %q", s)
		}
	}
}

// TestChineseJSON: the JSON summary in zh-HK keeps its keys and the
// figures' values in English and says its language; titles, labels, rules
// and notes are in Chinese.
func TestChineseJSON(t *testing.T) {
	r, _ := chineseReport(t)
	b, err := r.JSON()
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Lang        string `json:"lang"`
		Title       string `json:"title"`
		Suppression struct {
			ShownAs, Rule string
			Withheld      string `json:"withheldAs"`
		} `json:"suppression"`
		Filter struct {
			Labels []string `json:"labels"`
		} `json:"filter"`
		Dimensions []struct {
			Key   string `json:"key"`
			Title string `json:"title"`
			Rows  []struct {
				Code  string `json:"code"`
				Label string `json:"label"`
			} `json:"rows"`
		} `json:"dimensions"`
		Disclosure struct {
			Note string `json:"note"`
		} `json:"disclosure"`
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if got.Lang != "zh-HK" || got.Title != "先進療法產品生產設施的需求：匿名摘要" || got.Suppression.ShownAs != "<3" ||
		got.Suppression.Withheld != "withheld" || !strings.HasPrefix(got.Suppression.Rule, "細小數目") ||
		!strings.HasPrefix(got.Disclosure.Note, "本摘要列出") || len(got.Filter.Labels) != 5 || got.Filter.Labels[0] != "已收到" {
		t.Errorf("the Chinese JSON: %+v", got)
	}
	if len(got.Dimensions) == 0 || got.Dimensions[0].Key != demand.DimATPType || got.Dimensions[0].Title != "先進療法產品類別及載體" {
		t.Fatalf("dimensions: %+v", got.Dimensions)
	}
	for _, d := range got.Dimensions {
		for _, row := range d.Rows {
			if row.Code == "" || strings.ContainsAny(row.Label, "abcdefghijklmnopqrstuvwxyz") {
				t.Errorf("%s: row %q is labelled %q", d.Key, row.Code, row.Label)
			}
		}
	}
	// The same counts as the English summary: only the words differ.
	_, es := chineseReport(t)
	en := demand.Anonymise(demand.Aggregate(es, []register.Status{register.StatusInvited, register.StatusInDialogue,
		register.StatusScreening, register.StatusEvaluation, register.StatusReceived}), meta)
	if en.Disclosure.Counts != r.Disclosure.Counts || en.Disclosure.Small != r.Disclosure.Small || en.Disclosure.Withheld != r.Disclosure.Withheld ||
		len(en.Disclosure.Merged) != len(r.Disclosure.Merged) || en.Timeline.Periods[0] != r.Timeline.Periods[0] {
		t.Errorf("the Chinese summary hides differently: %+v vs %+v", r.Disclosure, en.Disclosure)
	}
}
