package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunFillsTheWailsTemplates runs the tool on the repository's own
// wails.json and build/windows templates and checks what go-winres gets.
func TestRunFillsTheWailsTemplates(t *testing.T) {
	out := t.TempDir()
	if err := run("../..", out, "1.2.3"); err != nil {
		t.Fatal(err)
	}
	var res struct {
		Icon     map[string]map[string]string `json:"RT_GROUP_ICON"`
		Manifest map[string]map[string]string `json:"RT_MANIFEST"`
		Version  map[string]map[string]struct {
			Fixed map[string]string            `json:"fixed"`
			Info  map[string]map[string]string `json:"info"`
		} `json:"RT_VERSION"`
	}
	raw, err := os.ReadFile(filepath.Join(out, "winres.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &res); err != nil {
		t.Fatalf("winres.json: %v\n%s", err, raw)
	}
	if res.Icon["APP"]["0000"] != "icon.ico" || res.Manifest["#1"]["0409"] != "atpreg.exe.manifest" {
		t.Fatalf("icon or manifest not named: %s", raw)
	}
	v := res.Version["#1"]["0000"]
	info := v.Info["0000"]
	if v.Fixed["file_version"] != "1.2.3" || info["ProductVersion"] != "1.2.3" || info["CompanyName"] != "HKSTP" ||
		info["ProductName"] != "atpreg" || info["OriginalFilename"] != "atpreg.exe" || !strings.Contains(info["LegalCopyright"], "Hong Kong Science and Technology Parks") {
		t.Fatalf("version information not filled from wails.json: %+v", v)
	}
	m, err := os.ReadFile(filepath.Join(out, "atpreg.exe.manifest"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`version="1.2.3.0"`, `level="asInvoker"`, `permonitorv2`} {
		if !strings.Contains(string(m), want) {
			t.Errorf("the manifest has no %s", want)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "icon.ico")); err != nil {
		t.Error(err)
	}
}

// TestRunRejectsVersionsWindowsCannotHold checks that a version Windows
// cannot store as four numbers is refused with a clear error.
func TestRunRejectsVersionsWindowsCannotHold(t *testing.T) {
	for _, v := range []string{"1.2", "1.2.3-rc1", "v1.2.3", "1.2.3.4", "123456.0.0"} {
		err := run("../..", t.TempDir(), v)
		if err == nil || !strings.Contains(err.Error(), "x.y.z") {
			t.Errorf("version %q: got %v, want an error naming x.y.z", v, err)
		}
	}
}
