package cli

import (
	"testing"

	rg "atpreg/internal/register"
)

// What left the register reads in words, never "(empty) -> file", also for
// a line an older version recorded.
func TestDescribeExport(t *testing.T) {
	for _, tt := range []struct {
		h    rg.AuditEntry
		want string
	}{
		{rg.AuditEntry{Action: rg.ActionExport, Field: "brief", New: "pack-2.pdf", By: "Officer",
			Detail: "Briefing pack BRF-20260302-AAAA for Prof. Example (copy 2), saved as pack-2.pdf"},
			"Briefing pack BRF-20260302-AAAA for Prof. Example (copy 2), saved as pack-2.pdf by Officer"},
		{rg.AuditEntry{Action: rg.ActionExport, Field: "brief", New: "/tmp/fictional/pack.pdf", By: "Officer", Detail: "brief BRF-2025-0001 for Prof. Example"},
			"Briefing pack BRF-2025-0001 for Prof. Example, saved as pack.pdf by Officer"},
		{rg.AuditEntry{Action: rg.ActionExport, Field: "export", New: `C:\Users\officer\register-export.xlsx`, By: "Officer", Detail: "export EXP-1"},
			"Register export EXP-1, saved as register-export.xlsx by Officer"},
	} {
		if got := describeAudit(tt.h); got != tt.want {
			t.Errorf("describeAudit = %q, want %q", got, tt.want)
		}
	}
}
