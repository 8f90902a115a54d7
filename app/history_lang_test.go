package app

import (
	"testing"

	"atpreg/internal/apperr"
)

// TestDetailIn: the history's stored sentences are said in Chinese with
// their parts in place; English and a sentence the officer typed stay as
// they were written.
func TestDetailIn(t *testing.T) {
	for _, c := range []struct{ stored, zh string }{
		{"Conflict of interest with Harbour University Centre for Cell Therapy: left out of their briefing packs and meeting materials.",
			"與Harbour University Centre for Cell Therapy有利益衝突：不載於其簡報文件及會議資料。"},
		{"Evaluation 12 by Dr Mei Chan changed.", "已更改Dr Mei Chan的第 12 號評審。"},
		{`Meeting 3: follow-up action "Send the \"draft\" MoU".`, `第 3 號會議：跟進事項「Send the "draft" MoU」。`},
		{"Added to meeting 7.", "已加入第 7 號會議。"},
		{"1234 bytes, SHA-256 abcdef", "1234 位元組，SHA-256 abcdef"},
		{"Late reply promised by phone.", "Late reply promised by phone."},
		// imports
		{"Imported from rfi-batch.xlsx (SHA-256 0a1b2c), row 2: registered", "從 rfi-batch.xlsx 匯入（SHA-256 0a1b2c），第 2 行：已登記"},
		{"Imported from rfi-batch.xlsx (SHA-256 0a1b2c), rows 2, 3: registered with 2 product(s)",
			"從 rfi-batch.xlsx 匯入（SHA-256 0a1b2c），第 2、3 行：已登記，連同 2 項產品"},
		{"Imported from rfi-batch.xlsx (SHA-256 0a1b2c), rows 4, 5: merged (1 entity field(s) changed, 1 product(s) added, 0 updated)",
			"從 rfi-batch.xlsx 匯入（SHA-256 0a1b2c），第 4、5 行：已合併（更改 1 個機構欄位，新增 1 項產品，更新 0 項產品）"},
		// intake
		{`Taken in from reply.eml (SHA-256 9f8e), the email "Re: RFI \"ATP\"" <m1@example.org> from pat@example.org, RFI form rfi.pdf`,
			`從 reply.eml 收錄（SHA-256 9f8e），電郵「Re: RFI "ATP"」<m1@example.org>，寄件人 pat@example.org，資料邀請表格 rfi.pdf`},
		{"Taken in from rfi.pdf (SHA-256 9f8e)", "從 rfi.pdf 收錄（SHA-256 9f8e）"},
		{"Message-ID of reply.eml", "reply.eml 的 Message-ID"},
		{"2048 bytes, SHA-256 9f8e, taken in from reply.eml", "2048 位元組，SHA-256 9f8e，從 reply.eml 收錄"},
		{"Information received: intake of reply.eml", "已收到資料：從 reply.eml 收錄"},
		// letters
		{"More information requested: Name of contact person; CellVec-1: Name of product", "已要求提供更多資料：聯絡人姓名；CellVec-1：產品名稱"},
		{"More information requested: When can you visit?", "已要求提供更多資料：When can you visit?"},
		{"Letter LT-20260302-ABCDEFGHJKMNP for Pat Example, saved as Acknowledgement.pdf",
			"信件 LT-20260302-ABCDEFGHJKMNP（致Pat Example），已儲存為 Acknowledgement.pdf"},
		// packs, sheets, forms
		{"Briefing pack BP-20260302-ABCDEFGHJKMNP for Prof. Example (copy 2), saved as pack-2.pdf",
			"簡報文件 BP-20260302-ABCDEFGHJKMNP（致Prof. Example）（第 2 份），已儲存為 pack-2.pdf"},
		{"Evaluation sheet ES-20260302-ABCDEFGHJKMNP for Dr Mei Chan, saved as sheet.pdf",
			"評審表 ES-20260302-ABCDEFGHJKMNP（致Dr Mei Chan），已儲存為 sheet.pdf"},
		{"Evaluation 4 by Dr Mei Chan added from evaluation sheet sheet.pdf.", "已從評審表 sheet.pdf加入Dr Mei Chan的第 4 號評審。"},
		{"RFI form RF-20260302-ABCDEFGHJKMNP, saved as rfi.pdf", "資料邀請表格 RF-20260302-ABCDEFGHJKMNP，已儲存為 rfi.pdf"},
		{"form RF-20260302-ABCDEFGHJKMNP, saved as rfi.pdf", "資料邀請表格 RF-20260302-ABCDEFGHJKMNP，已儲存為 rfi.pdf"},
		{"Letter for the record", "Letter for the record"},
		// the entity's own form
		{"Product added", "已新增產品"},
		{"Product: CellVec-1", "產品：CellVec-1"},
	} {
		if got := detailIn(c.stored, apperr.Chinese); got != c.zh {
			t.Errorf("detailIn(%q) = %q, want %q", c.stored, got, c.zh)
		}
		if got := detailIn(c.stored, apperr.English); got != c.stored {
			t.Errorf("in English %q became %q", c.stored, got)
		}
	}
}
