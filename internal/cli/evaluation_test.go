package cli_test

import (
	"encoding/json"
	"fmt"
	"path/filepath"
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

// TestShowScoreOfEachRegister shows the same entity id in two registers in
// one process: each answer comes from its own register (an evaluated entity
// in the demo, an unevaluated one in a fresh register).
func TestShowScoreOfEachRegister(t *testing.T) {
	env := testEnv(strongPass)
	demo := demoRegister(t)
	_, out, _ := run(t, env, "--register", demo, "list", "--json")
	var items []struct {
		ID    int64    `json:"id"`
		Score *float64 `json:"score"`
	}
	if err := json.Unmarshal([]byte(out), &items); err != nil {
		t.Fatal(err)
	}
	var id int64
	for _, it := range items {
		if it.Score != nil && (id == 0 || it.ID < id) {
			id = it.ID
		}
	}
	if id == 0 {
		t.Fatal("no evaluated entity in the demo")
	}

	fresh := filepath.Join(t.TempDir(), "fresh.atpreg")
	if code, _, errs := run(t, env, "--register", fresh, "init"); code != 0 {
		t.Fatalf("init: %d %s", code, errs)
	}
	var csv strings.Builder
	csv.WriteString("entity_name,product_name\n")
	for i := int64(1); i <= id; i++ {
		fmt.Fprintf(&csv, "Fictional Entity %d,Fictional Product %d\n", i, i)
	}
	if code, out, errs := run(t, env, "--register", fresh, "import", writeTemp(t, "entities.csv", csv.String())); code != 0 {
		t.Fatalf("import: %d %s %s", code, out, errs)
	}

	tests := []struct {
		name   string
		reg    string
		scored bool
	}{
		{"Demo", demo, true},
		{"Fresh", fresh, false},
		{"DemoAgain", demo, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := run(t, env, "--register", tc.reg, "show", fmt.Sprint(id), "--json")
			if code != 0 {
				t.Fatalf("show: exit %d: %s", code, errs)
			}
			var obj struct {
				Score       *float64          `json:"score"`
				Evaluations []json.RawMessage `json:"evaluations"`
				Evaluation  json.RawMessage   `json:"evaluation"`
			}
			if err := json.Unmarshal([]byte(out), &obj); err != nil {
				t.Fatal(err)
			}
			evaluated := string(obj.Evaluation) != "null" && len(obj.Evaluation) > 0
			if (obj.Score != nil) != tc.scored || (len(obj.Evaluations) > 0) != tc.scored || evaluated != tc.scored {
				t.Errorf("score %v, %d evaluations, summary %s; want evaluated=%v", obj.Score, len(obj.Evaluations), obj.Evaluation, tc.scored)
			}
		})
	}
}

// TestShowEvaluationGolden holds the evaluation part of `show --json` (the
// "score", "evaluations" and "evaluation" keys) for the first evaluated and
// the first unevaluated entity of the demo register.
func TestShowEvaluationGolden(t *testing.T) {
	reg := demoRegister(t)
	code, out, errs := run(t, testEnv(strongPass), "--register", reg, "list", "--json")
	if code != 0 {
		t.Fatalf("list: exit %d: %s", code, errs)
	}
	var items []struct {
		ID    int64    `json:"id"`
		Score *float64 `json:"score"`
	}
	if err := json.Unmarshal([]byte(out), &items); err != nil {
		t.Fatal(err)
	}
	var scored, unscored int64
	for _, it := range items {
		switch {
		case it.Score != nil && (scored == 0 || it.ID < scored):
			scored = it.ID
		case it.Score == nil && (unscored == 0 || it.ID < unscored):
			unscored = it.ID
		}
	}
	if scored == 0 || unscored == 0 {
		t.Fatal("the demo should hold scored and unscored entities")
	}
	var got strings.Builder
	for _, id := range []int64{scored, unscored} {
		code, out, errs := run(t, testEnv(strongPass), "--register", reg, "show", fmt.Sprint(id), "--json")
		if code != 0 {
			t.Fatalf("show %d: exit %d: %s", id, code, errs)
		}
		var obj map[string]json.RawMessage
		if err := json.Unmarshal([]byte(out), &obj); err != nil {
			t.Fatal(err)
		}
		part := map[string]json.RawMessage{"id": obj["id"], "score": obj["score"], "evaluations": obj["evaluations"], "evaluation": obj["evaluation"]}
		b, err := json.MarshalIndent(part, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		got.Write(b)
		got.WriteString("\n")
	}
	golden(t, "show-evaluation.json", got.String())
}
