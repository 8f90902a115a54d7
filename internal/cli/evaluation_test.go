package cli_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// TestScoreInListAndShow checks that list --json carries each entity's
// weighted score (null when not evaluated) and that show --json gives the same
// score with the evaluations behind it.
func TestScoreInListAndShow(t *testing.T) {
	reg := demoRegister(t)
	code, out, errs := run(t, testEnv(strongPass), "--register", reg, "list", "--json")
	if code != 0 {
		t.Fatalf("list: exit %d: %s", code, errs)
	}
	var items []map[string]any
	if err := json.Unmarshal([]byte(out), &items); err != nil {
		t.Fatal(err)
	}
	var scored, unscored map[string]any
	for _, it := range items {
		switch it["score"].(type) {
		case float64:
			if scored == nil {
				scored = it
			}
		case nil:
			if unscored == nil {
				unscored = it
			}
		default:
			t.Fatalf("score %T %v is neither a number nor null", it["score"], it["score"])
		}
	}
	if scored == nil || unscored == nil {
		t.Fatalf("the demo should hold scored and unscored entities")
	}

	tests := []struct {
		name  string
		item  map[string]any
		check func(t *testing.T, obj map[string]any)
	}{
		{"Scored", scored, func(t *testing.T, obj map[string]any) {
			if obj["score"] != scored["score"] {
				t.Errorf("show score %v, list score %v", obj["score"], scored["score"])
			}
			evs, _ := obj["evaluations"].([]any)
			if len(evs) == 0 {
				t.Fatalf("no evaluations in %v", obj["evaluations"])
			}
			first, _ := evs[0].(map[string]any)
			scores, _ := first["scores"].(map[string]any)
			if len(scores) != 7 || first["evaluator"] == "" || first["total"] == nil {
				t.Errorf("evaluation %v", first)
			}
			sum, _ := obj["evaluation"].(map[string]any)
			if sum == nil || sum["rank"].(float64) < 1 {
				t.Errorf("evaluation summary %v", obj["evaluation"])
			}
		}},
		{"Unscored", unscored, func(t *testing.T, obj map[string]any) {
			if v, ok := obj["score"]; !ok || v != nil {
				t.Errorf("score %v (present %v), want null", v, ok)
			}
			if evs, ok := obj["evaluations"].([]any); !ok || len(evs) != 0 {
				t.Errorf("evaluations %v, want []", obj["evaluations"])
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			id := fmt.Sprint(int64(tc.item["id"].(float64)))
			code, out, errs := run(t, testEnv(strongPass), "--register", reg, "show", id, "--json")
			if code != 0 {
				t.Fatalf("show: exit %d: %s", code, errs)
			}
			var obj map[string]any
			if err := json.Unmarshal([]byte(out), &obj); err != nil {
				t.Fatal(err)
			}
			tc.check(t, obj)
		})
	}

	id := fmt.Sprint(int64(scored["id"].(float64)))
	code, out, _ = run(t, testEnv(strongPass), "--register", reg, "show", id)
	if code != 0 || !strings.Contains(out, "Evaluation: score") || !strings.Contains(out, "Readiness of product for clinical translation") {
		t.Fatalf("show text lacks the evaluation:\n%s", out)
	}
}
