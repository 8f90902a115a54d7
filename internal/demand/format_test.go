package demand_test

import (
	"testing"

	"atpreg/internal/apperr"
	"atpreg/internal/demand"
	"atpreg/internal/register"
)

func TestParseStatuses(t *testing.T) {
	got, err := demand.ParseStatuses([]string{"invited", "In dialogue", ""})
	if err != nil || len(got) != 2 || got[1] != register.StatusInDialogue {
		t.Errorf("ParseStatuses = %v, %v", got, err)
	}
	if _, err := demand.ParseStatuses([]string{"bogus"}); apperr.CodeOf(err) != apperr.Invalid {
		t.Errorf("unknown status: %v, want invalid", err)
	}
}
