package store_test

import (
	"context"
	"slices"
	"testing"

	"atpreg/internal/apperr"
	"atpreg/internal/register"
	"atpreg/internal/store"
	"atpreg/internal/store/storetest"
)

// searchRegister holds three fictional entities to search.
func searchRegister(t *testing.T) (*store.DB, map[string]int64) {
	t.Helper()
	db := storetest.New(t)
	ids := map[string]int64{}
	for key, e := range map[string]register.Entity{
		"harbour": {Name: "Harbour Example Cell Ltd", ContactName: "Dr Ada Fung", Notes: "100% closed_system; ask about \"vector\" supply 🧬; Cafe\u0301 meeting",
			Submissions: []register.Submission{{ProductName: "HEC-1 CAR-T", TherapeuticIndication: "B-cell leukaemia", ATPType: register.ATPGeneTherapy,
				GeneVector: register.VectorViral, IntendedUse: register.UsePhase1, ProcessType: register.ProcessClosedSystem}}},
		"tsuifung": {Name: "翠峰細胞醫學有限公司", ContactName: "陳家豪博士", Address: "新界沙田白石角",
			Submissions: []register.Submission{{ProductName: "TFC-1 臍帶間充質幹細胞", Composition: "Wharton's jelly MSC", ATPType: register.ATPCellTherapy,
				IntendedUse: register.UsePhase2, ProcessType: register.ProcessOpenManual}}},
		"skin": {Name: "Plover Example Skin Ltd", Tags: []string{"tissue engineering"},
			Submissions: []register.Submission{{ProductName: "PES-1 skin substitute", TherapeuticIndication: "Deep burns", ATPType: register.ATPTissueEngineered}}},
	} {
		ids[key] = mustCreate(t, db, e)
	}
	return db, ids
}

func TestSearch(t *testing.T) {
	ctx := context.Background()
	db, ids := searchRegister(t)
	tests := []struct {
		name string
		q    string
		want []string
	}{
		{"Name", "harbour", []string{"harbour"}},
		{"CaseInsensitive", "HARBOUR example", []string{"harbour"}},
		{"TwoWordsBothNeeded", "example leukaemia", []string{"harbour"}},
		{"Substring", "xampl", []string{"harbour", "skin"}},
		{"Indication", "burns", []string{"skin"}},
		{"Composition", "wharton", []string{"tsuifung"}},
		{"ChoiceLabel", "viral vector", []string{"harbour"}},
		{"Tag", "tissue engineering", []string{"skin"}},
		{"ChineseLong", "間充質", []string{"tsuifung"}},
		{"ChineseTwoChars", "細胞", []string{"tsuifung"}},
		{"ChineseOneChar", "峰", []string{"tsuifung"}},
		{"ChineseMixed", "沙田 細胞", []string{"tsuifung"}},
		{"ShortLatin", "Dr", []string{"harbour"}},
		{"ShortAndLong", "Dr example", []string{"harbour"}},
		{"PercentIsLiteral", "%", []string{"harbour"}},
		{"UnderscoreIsLiteral", "d_s", []string{"harbour"}},
		{"QuotesIgnored", `"vector"`, []string{"harbour"}},
		{"FTSOperatorsLiteral", "NOT harbour", nil},
		{"NoMatch", "zzqxv", nil},
		{"Blank", "   ", []string{"harbour", "skin", "tsuifung"}},
		{"FullWidthLatin", "ＨＡＲＢＯＵＲ", []string{"harbour"}},
		{"FullWidthShort", "ＤＲ", []string{"harbour"}},
		{"FullWidthDigitsAndDash", "ＨＥＣ－１", []string{"harbour"}},
		{"IdeographicSpace", "沙田\u3000細胞", []string{"tsuifung"}},
		{"FullWidthComma", "沙田，細胞", []string{"tsuifung"}},
		{"IdeographicComma", "細胞、沙田", []string{"tsuifung"}},
		{"TrailingComma", "harbour, leukaemia", []string{"harbour"}},
		{"CommaSeparatedNeedsBoth", "harbour,burns", nil},
		{"ComposedQueryDecomposedText", "caf\u00e9", []string{"harbour"}},
		{"EmojiAlone", "🧬", []string{"harbour"}},
		{"EmojiWithWord", "🧬 supply", []string{"harbour"}},
		{"ChineseOneCharNotThere", "龍", nil},
		{"ChineseTwoCharsNotAdjacent", "細學", nil},
		{"ChineseThreeCharsAcrossFields", "公司陳", nil},
		{"MixedScripts", "TFC-1 間充質", []string{"tsuifung"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			page, err := db.ListEntities(ctx, store.ListQuery{Search: tc.q})
			if err != nil {
				t.Fatal(err)
			}
			var got []int64
			for _, r := range page.Rows {
				got = append(got, r.ID)
			}
			var want []int64
			for _, k := range tc.want {
				want = append(want, ids[k])
			}
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) || page.Total != len(want) {
				t.Errorf("search %q found %v (total %d), want %v", tc.q, got, page.Total, want)
			}
		})
	}
}

func TestSearchFollowsUpdates(t *testing.T) {
	ctx := context.Background()
	db, ids := searchRegister(t)
	e, _ := db.GetEntity(ctx, ids["skin"])
	e.Notes = "Referred by Lantern Example Hospital"
	if err := db.UpdateEntity(ctx, e, "x"); err != nil {
		t.Fatal(err)
	}
	page, _ := db.ListEntities(ctx, store.ListQuery{Search: "lantern"})
	if page.Total != 1 || page.Rows[0].ID != ids["skin"] {
		t.Errorf("updated text not found: %+v", page)
	}
}

func TestListFiltersSortPaging(t *testing.T) {
	ctx := context.Background()
	db := newDemo(t)
	all, err := db.Entities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	count := func(keep func(e register.Entity) bool) int {
		n := 0
		for _, e := range all {
			if keep(e) {
				n++
			}
		}
		return n
	}
	anyProduct := func(e register.Entity, f func(s register.Submission) bool) bool {
		return slices.ContainsFunc(e.Submissions, f)
	}
	tests := []struct {
		name string
		q    store.ListQuery
		want int
	}{
		{"Statuses", store.ListQuery{Statuses: []string{"received", "declined"}}, count(func(e register.Entity) bool {
			return e.Status == register.StatusReceived || e.Status == register.StatusDeclined
		})},
		{"Incomplete", store.ListQuery{Completeness: "incomplete"}, count(func(e register.Entity) bool { return !e.Complete() })},
		{"Complete", store.ListQuery{Completeness: "complete"}, count(register.Entity.Complete)},
		{"ATPType", store.ListQuery{ATPType: "tissue_engineered"}, count(func(e register.Entity) bool {
			return anyProduct(e, func(s register.Submission) bool { return s.ATPType == register.ATPTissueEngineered })
		})},
		{"IntendedUse", store.ListQuery{IntendedUse: "phase_1"}, count(func(e register.Entity) bool {
			return anyProduct(e, func(s register.Submission) bool { return s.IntendedUse == register.UsePhase1 })
		})},
		{"ProcessAndIncomplete", store.ListQuery{ProcessType: "open_manual", Completeness: "incomplete"}, count(func(e register.Entity) bool {
			return !e.Complete() && anyProduct(e, func(s register.Submission) bool { return s.ProcessType == register.ProcessOpenManual })
		})},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			page, err := db.ListEntities(ctx, tc.q)
			if err != nil {
				t.Fatal(err)
			}
			if page.Total != tc.want || len(page.Rows) != tc.want {
				t.Errorf("total %d rows %d, want %d", page.Total, len(page.Rows), tc.want)
			}
		})
	}

	for _, sort := range []string{"name", "status", "received_on", "updated_at", "products", "missing", "score"} {
		for _, desc := range []bool{false, true} {
			var seen []int64
			for off := 0; off < 40; off += 7 {
				page, err := db.ListEntities(ctx, store.ListQuery{Sort: sort, Desc: desc, Offset: off, Limit: 7})
				if err != nil {
					t.Fatalf("sort %s: %v", sort, err)
				}
				for _, r := range page.Rows {
					seen = append(seen, r.ID)
				}
			}
			got := slices.Clone(seen)
			slices.Sort(got)
			if len(got) != 40 || len(slices.Compact(got)) != 40 {
				t.Errorf("sort %s desc=%v: pages hold %d distinct of 40", sort, desc, len(slices.Compact(got)))
			}
		}
	}
	page, _ := db.ListEntities(ctx, store.ListQuery{Sort: "missing", Desc: true, Limit: 40})
	for i := 1; i < len(page.Rows); i++ {
		if page.Rows[i].MissingCount > page.Rows[i-1].MissingCount {
			t.Fatalf("missing sort out of order at %d", i)
		}
	}
	page, _ = db.ListEntities(ctx, store.ListQuery{Sort: "received_on", Limit: 40})
	for i := 1; i < len(page.Rows); i++ {
		if page.Rows[i].ReceivedOn < page.Rows[i-1].ReceivedOn {
			t.Fatalf("received_on sort out of order at %d", i)
		}
	}

	for _, bad := range []store.ListQuery{{Sort: "bogus"}, {Statuses: []string{"bogus"}}, {ATPType: "bogus"}, {Completeness: "half"}, {Offset: -1}} {
		if _, err := db.ListEntities(ctx, bad); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("query %+v: %v, want invalid", bad, err)
		}
	}
}
