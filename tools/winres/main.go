// Command winres prepares the Windows resources of atpreg.exe (icon,
// manifest, version information) for go-winres, without the Wails CLI.
//
// It fills the Wails templates build/windows/info.json and
// build/windows/wails.exe.manifest from wails.json (its name and "info";
// -version replaces info.productVersion) and writes, into -out, a
// winres.json that names the filled manifest, the version information and
// build/windows/icon.ico. Then
//
//	go run github.com/tc-hib/go-winres@VERSION make --in OUT/winres.json --arch amd64 --out rsrc
//
// writes rsrc_windows_amd64.syso, which go build links into the Windows
// executable (make build-windows does both).
package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"text/template"
)

// project is the part of wails.json the templates use (the names Wails'
// own templates use: .Name, .Info.ProductVersion, ...).
type project struct {
	Name string `json:"name"`
	Info struct {
		CompanyName    string `json:"companyName"`
		ProductName    string `json:"productName"`
		ProductVersion string `json:"productVersion"`
		Copyright      string `json:"copyright"`
		Comments       string `json:"comments"`
	} `json:"info"`
}

var versionRE = regexp.MustCompile(`^[0-9]{1,5}\.[0-9]{1,5}\.[0-9]{1,5}$`)

func main() {
	root := flag.String("root", ".", "the repository (wails.json and build/windows)")
	out := flag.String("out", "build/bin/winres", "the folder to write winres.json and its files into")
	version := flag.String("version", "", "the version x.y.z (default: wails.json info.productVersion)")
	flag.Parse()
	if err := run(*root, *out, *version); err != nil {
		fmt.Fprintln(os.Stderr, "winres:", err)
		os.Exit(1)
	}
}

func run(root, out, version string) error {
	var p project
	raw, err := os.ReadFile(filepath.Join(root, "wails.json"))
	if err != nil {
		return err
	}
	if err := json.Unmarshal(raw, &p); err != nil {
		return fmt.Errorf("wails.json: %w", err)
	}
	if version != "" {
		p.Info.ProductVersion = version
	}
	if !versionRE.MatchString(p.Info.ProductVersion) {
		return fmt.Errorf("the version %q is not of the form x.y.z (numbers only): Windows keeps versions as four numbers", p.Info.ProductVersion)
	}
	if p.Name == "" || p.Info.ProductName == "" || p.Info.CompanyName == "" {
		return fmt.Errorf("wails.json needs name, info.productName and info.companyName")
	}
	win := filepath.Join(root, "build", "windows")
	manifest, err := fill(filepath.Join(win, "wails.exe.manifest"), p, xmlEscape)
	if err != nil {
		return err
	}
	info, err := fill(filepath.Join(win, "info.json"), p, jsonEscape)
	if err != nil {
		return err
	}
	var versionInfo any
	if err := json.Unmarshal(info, &versionInfo); err != nil {
		return fmt.Errorf("build/windows/info.json, filled in, is not JSON: %w", err)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, p.Name+".exe.manifest"), manifest, 0o644); err != nil {
		return err
	}
	if err := copyFile(filepath.Join(win, "icon.ico"), filepath.Join(out, "icon.ico")); err != nil {
		return err
	}
	res := map[string]any{
		"RT_GROUP_ICON": map[string]any{"APP": map[string]any{"0000": "icon.ico"}},
		"RT_MANIFEST":   map[string]any{"#1": map[string]any{"0409": p.Name + ".exe.manifest"}},
		"RT_VERSION":    map[string]any{"#1": map[string]any{"0000": versionInfo}},
	}
	b, err := json.MarshalIndent(res, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, "winres.json"), append(b, '\n'), 0o644)
}

// fill executes the Wails template at path with p, each value escaped by esc.
func fill(path string, p project, esc func(string) string) ([]byte, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	q := p
	q.Name = esc(p.Name)
	q.Info.CompanyName = esc(p.Info.CompanyName)
	q.Info.ProductName = esc(p.Info.ProductName)
	q.Info.ProductVersion = esc(p.Info.ProductVersion)
	q.Info.Copyright = esc(p.Info.Copyright)
	q.Info.Comments = esc(p.Info.Comments)
	t, err := template.New(filepath.Base(path)).Option("missingkey=error").Parse(string(src))
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, q); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func xmlEscape(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

func jsonEscape(s string) string {
	b, _ := json.Marshal(s)
	return string(b[1 : len(b)-1])
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
