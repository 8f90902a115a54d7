package cli_test

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// demoRegister creates a demo register with the CLI and returns its path.
func demoRegister(t *testing.T) string {
	t.Helper()
	reg := filepath.Join(t.TempDir(), "demo.atpreg")
	code, out, errs := run(t, testEnv(strongPass), "--register", reg, "demo")
	if code != 0 || !strings.Contains(out, "40 fictional entities") {
		t.Fatalf("demo: exit %d\nstdout: %s\nstderr: %s", code, out, errs)
	}
	return reg
}

const strongPass = "fictional harbour lantern 7 crane kettle"

func TestDemoRefusesToOverwrite(t *testing.T) {
	reg := demoRegister(t)
	code, _, errs := run(t, testEnv(strongPass), "--register", reg, "demo")
	if code != 1 || !strings.Contains(errs, "already a register") {
		t.Fatalf("second demo: exit %d, stderr %s", code, errs)
	}
}

func TestListJSON(t *testing.T) {
	reg := demoRegister(t)
	tests := []struct {
		name string
		args []string
		want func(t *testing.T, items []map[string]any)
	}{
		{"All", nil, func(t *testing.T, items []map[string]any) {
			if len(items) != 40 {
				t.Errorf("%d entities, want 40", len(items))
			}
			for _, k := range []string{"id", "name", "status", "complete", "products", "score"} {
				if _, ok := items[0][k]; !ok {
					t.Errorf("no %q in %v", k, items[0])
				}
			}
		}},
		{"Status", []string{"--status", "Declined"}, func(t *testing.T, items []map[string]any) {
			if len(items) == 0 {
				t.Fatal("no declined entities")
			}
			for _, it := range items {
				if it["status"] != "declined" {
					t.Errorf("status %v", it["status"])
				}
			}
		}},
		{"SearchChinese", []string{"--search", "有限公司"}, func(t *testing.T, items []map[string]any) {
			if len(items) == 0 {
				t.Fatal("no entity found by a Chinese substring")
			}
			for _, it := range items {
				if !strings.Contains(it["name"].(string), "有限公司") {
					t.Errorf("unexpected %v", it["name"])
				}
			}
		}},
		{"SearchNothing", []string{"--search=zzqxv-no-such-text"}, func(t *testing.T, items []map[string]any) {
			if len(items) != 0 {
				t.Errorf("found %d for nonsense", len(items))
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"--register", reg, "list", "--json"}, tc.args...)
			code, out, errs := run(t, testEnv(strongPass), args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			var items []map[string]any
			if err := json.Unmarshal([]byte(out), &items); err != nil {
				t.Fatalf("not a JSON array: %v\n%s", err, out)
			}
			tc.want(t, items)
		})
	}
}

func TestListText(t *testing.T) {
	reg := demoRegister(t)
	code, out, errs := run(t, testEnv(strongPass), "--register", reg, "list", "--status", "received,on_hold")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if !strings.HasPrefix(lines[0], "ID") || len(lines) < 3 {
		t.Fatalf("output:\n%s", out)
	}
	for _, l := range lines[1:] {
		if !strings.Contains(l, "received") && !strings.Contains(l, "on_hold") {
			t.Errorf("line outside the filter: %s", l)
		}
	}
}

func TestShow(t *testing.T) {
	reg := demoRegister(t)
	code, out, errs := run(t, testEnv(strongPass), "--register", reg, "show", "1", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var obj map[string]any
	if err := json.Unmarshal([]byte(out), &obj); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	subs, _ := obj["submissions"].([]any)
	if len(subs) == 0 {
		t.Fatalf("no submissions in %s", out)
	}
	sub := subs[0].(map[string]any)
	columns := []string{"product_name", "composition", "pharmaceutical_form", "therapeutic_indication", "routes",
		"route_other", "atp_type", "gene_vector", "intended_use", "intended_use_other", "starting_materials",
		"starting_materials_other", "process_type", "pd_completed", "pd_further", "gmp_before",
		"has_authorized_person", "needs_training", "training_roles", "training_details", "expected_start", "notes"}
	for _, c := range columns {
		if _, ok := sub[c]; !ok {
			t.Errorf("submission lacks column %s", c)
		}
	}
	for _, c := range []string{"entity_name", "entity_address", "contact_name", "contact_email", "contact_phone", "received_on"} {
		if v, ok := obj[c].(string); !ok || (c == "entity_name" && v == "") {
			t.Errorf("entity column %s = %#v, want the import's column by the same name", c, obj[c])
		}
	}
	if obj["entity_name"] != obj["name"] {
		t.Errorf("entity_name %v differs from name %v", obj["entity_name"], obj["name"])
	}
	if _, ok := sub["routes"].([]any); !ok {
		t.Errorf("routes is %T, want an array", sub["routes"])
	}
	if v := sub["gmp_before"]; v != nil {
		if _, ok := v.(bool); !ok {
			t.Errorf("gmp_before is %T, want a boolean or null", v)
		}
	}
	if h, _ := obj["history"].([]any); len(h) == 0 {
		t.Error("no history")
	}
	if _, ok := obj["complete"].(bool); !ok {
		t.Error("no complete flag")
	}

	code, out, _ = run(t, testEnv(strongPass), "--register", reg, "show", "1")
	if code != 0 || !strings.Contains(out, "History:") || !strings.Contains(out, "Product 1:") {
		t.Errorf("text show: exit %d\n%s", code, out)
	}
}

func TestShowErrors(t *testing.T) {
	reg := demoRegister(t)
	for _, tc := range []struct {
		name string
		args []string
		code int
		err  string
	}{
		{"NoID", []string{"show"}, 2, "needs an entity id"},
		{"BadID", []string{"show", "abc"}, 2, "not an entity id"},
		{"TwoIDs", []string{"show", "1", "2"}, 2, "one entity id"},
		{"Unknown", []string{"show", "9999"}, 1, "no entity 9999"},
		{"ListBadStatus", []string{"list", "--status", "bogus"}, 2, `list: --status: "bogus" is not a status; use one of: received,`},
		{"ListNoValue", []string{"list", "--search"}, 2, "needs a value"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errs := run(t, testEnv(strongPass), append([]string{"--register", reg}, tc.args...)...)
			if code != tc.code || !strings.Contains(errs, tc.err) {
				t.Errorf("exit %d (want %d), stderr %s", code, tc.code, errs)
			}
		})
	}
}

// TestListNothingMatched: an empty result says so instead of a bare header.
func TestListNothingMatched(t *testing.T) {
	reg := filepath.Join(t.TempDir(), "r.atpreg")
	if code, _, errs := run(t, testEnv(pass), "--register", reg, "init"); code != 0 {
		t.Fatalf("init: %s", errs)
	}
	code, out, errs := run(t, testEnv(pass), "--register", reg, "list", "--search", "nothing like this")
	if code != 0 || out != "No entity matches.\n" {
		t.Fatalf("exit %d, stdout %q, stderr %s", code, out, errs)
	}
}

// TestNoPassphraseIsUsage: with no passphrase from a file, the environment
// or a terminal, init and passwd are usage errors (exit 2) that say where a
// passphrase can come from; passwd's points to ATPREG_NEW_PASSPHRASE.
func TestNoPassphraseIsUsage(t *testing.T) {
	reg := filepath.Join(t.TempDir(), "r.atpreg")
	code, _, errs := run(t, nil, "--register", reg, "init")
	if code != 2 || !strings.Contains(errs, "--passphrase-file FILE or set ATPREG_PASSPHRASE") {
		t.Fatalf("init: exit %d: %s", code, errs)
	}
	if code, _, errs := run(t, testEnv(pass), "--register", reg, "init"); code != 0 {
		t.Fatalf("init: %s", errs)
	}
	code, _, errs = run(t, testEnv(pass), "--register", reg, "passwd")
	if code != 2 || !strings.Contains(errs, "set ATPREG_NEW_PASSPHRASE") || strings.Contains(errs, "--passphrase-file") {
		t.Fatalf("passwd: exit %d: %s", code, errs)
	}
}
