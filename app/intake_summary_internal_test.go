package app

import (
	"testing"

	"atpreg/internal/service"
)

// TestImportSummaryPlurals: counts carry their nouns, singular for one, and
// what does not happen is left out.
func TestImportSummaryPlurals(t *testing.T) {
	tests := []struct {
		name string
		in   service.ImportReport
		want string
	}{
		{"One", service.ImportReport{Rows: 1, Created: 1, Added: 1}, "1 row: 1 entity created; 1 product added."},
		{"Many", service.ImportReport{Rows: 3, Created: 2, Merged: 1, Added: 3, Updated: 2}, "3 rows: 2 entities created, 1 entity merged; 3 products added, 2 products updated."},
		{"Unchanged", service.ImportReport{Rows: 2, Unchanged: 2}, "2 rows: 2 entities unchanged."},
		{"Nothing", service.ImportReport{Rows: 0}, "0 rows: nothing to change."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := importSummary(&tc.in); got != tc.want {
				t.Errorf("importSummary = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestImportSummaryInChinese: the same summary in Traditional Chinese.
func TestImportSummaryInChinese(t *testing.T) {
	got := importSummaryIn(&service.ImportReport{Rows: 3, Created: 2, Merged: 1, Added: 3, Updated: 1}, "zh-HK")
	if want := "3 行：新增 2 個機構、合併 1 個機構；新增 3 項產品、更新 1 項產品。"; got != want {
		t.Errorf("importSummaryIn = %q, want %q", got, want)
	}
}
