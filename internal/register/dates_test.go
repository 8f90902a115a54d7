package register_test

import (
	"testing"
	"time"

	"atpreg/internal/register"
)

// TestHouseStyleDates: one way of writing dates per language, 24-hour clock.
func TestHouseStyleDates(t *testing.T) {
	at := time.Date(2026, 12, 3, 15, 30, 0, 0, time.FixedZone("HKT", 8*3600))
	en, zh := register.LangEnglish, register.LangChinese
	for _, tc := range []struct{ got, want string }{
		{register.FormatDate(at, en), "3 Dec 2026"},
		{register.FormatDate(at, zh), "2026年12月3日"},
		{register.FormatDateTime(at, en), "3 Dec 2026, 15:30"},
		{register.FormatDateTime(at, zh), "2026年12月3日 15:30"},
		{register.FormatDay(at, en), "Thursday, 3 Dec 2026"},
		{register.FormatDay(at, zh), "2026年12月3日（星期四）"},
		{register.FormatDayTime(at, en), "Thursday, 3 Dec 2026, 15:30"},
		{register.FormatDayTime(at, zh), "2026年12月3日（星期四）15:30"},
		{register.FormatDateTime(at.Add(-8*time.Hour), en), "3 Dec 2026, 07:30"},
		{register.FormatMonth(at, en), "Dec 2026"},
		{register.FormatMonth(at, zh), "2026年12月"},
		{register.FormatISODate("2026-09-01", en), "1 Sep 2026"},
		{register.FormatISODate("2026-09-01", zh), "2026年9月1日"},
		{register.FormatISODate("2026-09", zh), "2026年9月"},
		{register.FormatISODate("not a date", zh), "not a date"},
		{register.Month("2027-03").LabelIn(zh), "2027年3月"},
		{register.FormatDate(time.Time{}, en), ""},
		{register.FormatDateTime(time.Time{}, zh), ""},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

// TestLabelsIn: the RFI's wording in both languages from one place.
func TestLabelsIn(t *testing.T) {
	en, zh := register.LangEnglish, register.LangChinese
	for _, tc := range []struct{ got, want string }{
		{register.FieldLabelIn("entity_name", zh), "機構名稱"},
		{register.FieldLabelIn("entity_name", en), "Name of entity"},
		{register.FieldLabelIn("pd_completed", zh), "產品的工藝開發是否已經完成？"},
		{register.FieldLabelIn("unknown_field", zh), "unknown_field"},
		{register.RouteIntravenous.LabelIn(zh), "靜脈注射"},
		{register.RouteIntravenous.LabelIn(en), "Intravenous"},
		{register.ATPGeneTherapy.LabelIn(zh), "基因治療產品"},
		{register.VectorViral.LabelIn(zh), "病毒載體"},
		{register.UseHKRegistered.LabelIn(zh), "香港衞生署註冊藥劑製品"},
		{register.MaterialOther.LabelIn(zh), "其他"},
		{register.ProcessClosedSystem.LabelIn(zh), "封閉式系統"},
		{register.RoleHeadOfQC.LabelIn(zh), "質量控制主管"},
		{register.StatusInvited.LabelIn(zh), "已邀請對話"},
		{register.AspectJobs.LabelIn(zh), "創造職位及培訓"},
		{register.RecommendInvite.LabelIn(zh), "邀請對話"},
		{register.Yes.LabelIn(zh), "是"},
		{register.No.LabelIn(en), "No"},
		{register.Unanswered.LabelIn(zh), ""},
		{register.Route("teleport").LabelIn(zh), "teleport"},
		{register.MissingItem{Field: "submissions[1].routes"}.Item(), "routes"},
		{register.MissingItem{Field: "submissions[1].routes"}.LabelIn(zh), "給藥途徑"},
		{register.MissingItem{Field: "address"}.LabelIn(zh), "機構地址"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
	if got, want := register.Choices(), register.ChoicesIn(en); len(got) != len(want) || got["routes"][3] != want["routes"][3] {
		t.Error("Choices is not ChoicesIn(en)")
	}
	if c := register.ChoicesIn(zh)["needs_training"]; c[0].Label != "是" || c[1].Code != "no" {
		t.Errorf("yes/no in Chinese = %+v", c)
	}
}
