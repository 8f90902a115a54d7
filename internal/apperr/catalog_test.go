package apperr

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// The window speaks English or Traditional Chinese; the catalog zh-HK.json
// says every message in Chinese. These tests read atpreg's source the way a
// reviewer would: every format (or fixed message) that reaches an apperr
// constructor — apperr.New, Wrap, Field, T, In, Fixed, an Error or
// FieldError literal's Message, and any function that hands its own format
// parameter on to one of them — must be a literal the catalog knows, with
// the same verbs for the same arguments; and the catalog holds nothing else.

// root is the repository's root, from this package's folder.
const root = "../.."

// catalogSkip are the folders whose messages never reach the window: the
// command line speaks English only; apperr's own are listed by hand.
var catalogSkip = []string{"internal/cli", "internal/apperr", "internal/testhooks", "internal/layering"}

// formatFunc names a function whose argument at index is a message format.
type formatFunc struct {
	pkg   string // the package folder that declares it ("" for apperr's, reached qualified)
	name  string
	index int
	decl  *ast.FuncDecl // for a closure, the function it lives in
}

// message is one format found in the source, with where it is.
type message struct {
	format string
	where  string
}

// scanMessages returns every message format in the source that can reach
// the window, and the places where a message is not a literal (so could
// not be said in Chinese).
func scanMessages(t *testing.T) (msgs []message, problems []string) {
	t.Helper()
	fset := token.NewFileSet()
	pkgs := map[string][]*ast.File{} // folder -> files
	for _, top := range []string{"internal", "app"} {
		err := filepath.WalkDir(filepath.Join(root, top), func(path string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, path)
			rel = filepath.ToSlash(rel)
			if d.IsDir() {
				for _, s := range catalogSkip {
					if rel == s {
						return filepath.SkipDir
					}
				}
				if d.Name() == "testdata" {
					return filepath.SkipDir
				}
				return nil
			}
			if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
			if err != nil {
				return err
			}
			pkgs[filepath.ToSlash(filepath.Dir(rel))] = append(pkgs[filepath.ToSlash(filepath.Dir(rel))], f)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	// the string constants of each package, to read a format named by a constant
	consts := map[string]map[string]string{}
	for dir, files := range pkgs {
		consts[dir] = map[string]string{}
		for _, f := range files {
			for _, d := range f.Decls {
				gd, ok := d.(*ast.GenDecl)
				if !ok || gd.Tok != token.CONST {
					continue
				}
				for _, sp := range gd.Specs {
					vs := sp.(*ast.ValueSpec)
					for i, n := range vs.Names {
						if i < len(vs.Values) {
							if s, ok := literal(vs.Values[i], nil); ok {
								consts[dir][n.Name] = s
							}
						}
					}
				}
			}
		}
	}
	funcs := []formatFunc{{"", "New", 1, nil}, {"", "Wrap", 2, nil}, {"", "Field", 1, nil}, {"", "T", 0, nil}, {"", "In", 1, nil}, {"", "Fixed", 0, nil}}
	seen := map[string]bool{}
	// every call once, with where it is
	type site struct {
		dir       string
		call      *ast.CallExpr
		enclosing *ast.FuncDecl
		lits      []namedLit
	}
	sites := map[string][]site{} // by the called function's name
	for dir, files := range pkgs {
		for _, f := range files {
			forEachCall(f, func(call *ast.CallExpr, enclosing *ast.FuncDecl, lits []namedLit) {
				name := ""
				switch fn := call.Fun.(type) {
				case *ast.SelectorExpr:
					name = fn.Sel.Name
				case *ast.Ident:
					name = fn.Name
				}
				sites[name] = append(sites[name], site{dir, call, enclosing, lits})
			})
		}
	}
	for done := 0; done < len(funcs); done++ {
		ff := funcs[done]
		for _, s := range sites[ff.name] {
			dir, call, enclosing, lits := s.dir, s.call, s.enclosing, s.lits
			func() {
				{
					if !calls(call, ff, dir) || len(call.Args) <= ff.index || ff.decl != nil && ff.decl != enclosing {
						return
					}
					arg := call.Args[ff.index]
					where := fset.Position(call.Pos()).String()
					where = strings.TrimPrefix(filepath.ToSlash(where), root+"/")
					for _, a := range call.Args[ff.index+1:] {
						if w := englishArg(a); w != "" {
							problems = append(problems, where+": an argument is English text ("+w+"); pass a Label (apperr.Say(err), the register value itself, apperr.T)")
						}
					}
					if s, ok := literal(arg, consts[dir]); ok {
						msgs = append(msgs, message{s, where})
						return
					}
					if id, ok := arg.(*ast.Ident); ok {
						for j := len(lits) - 1; j >= 0; j-- { // a closure's own parameter: its callers say the message
							if i := paramIndex(lits[j].fn.Type, id.Name); i >= 0 && lits[j].name != "" {
								key := dir + "." + lits[j].name + "." + strconv.Itoa(i) + "@" + fset.Position(lits[j].fn.Pos()).String()
								if !seen[key] {
									seen[key] = true
									funcs = append(funcs, formatFunc{dir, lits[j].name, i, enclosing})
								}
								return
							}
						}
					}
					if id, ok := arg.(*ast.Ident); ok && enclosing != nil {
						if i := paramIndex(enclosing.Type, id.Name); i >= 0 {
							key := dir + "." + enclosing.Name.Name + "." + strconv.Itoa(i)
							if !seen[key] {
								seen[key] = true
								funcs = append(funcs, formatFunc{dir, enclosing.Name.Name, i, nil})
							}
							return
						}
					}
					problems = append(problems, where+": the message is not a literal format")
				}
			}()
		}
	}
	for dir, files := range pkgs {
		for _, f := range files {
			{
				// The literals of a slice of them name their type once:
				// []apperr.FieldError{{Field: …, Message: …}}.
				elided := map[*ast.CompositeLit]*ast.SelectorExpr{}
				ast.Inspect(f, func(n ast.Node) bool {
					cl, ok := n.(*ast.CompositeLit)
					if !ok {
						return true
					}
					sel, ok := cl.Type.(*ast.SelectorExpr)
					if cl.Type == nil {
						sel, ok = elided[cl]
					}
					if at, isSlice := cl.Type.(*ast.ArrayType); isSlice {
						elt := at.Elt
						if st, ptr := elt.(*ast.StarExpr); ptr {
							elt = st.X
						}
						if es, isSel := elt.(*ast.SelectorExpr); isSel {
							for _, e := range cl.Elts {
								if u, isUnary := e.(*ast.UnaryExpr); isUnary {
									e = u.X
								}
								if ec, isLit := e.(*ast.CompositeLit); isLit && ec.Type == nil {
									elided[ec] = es
								}
							}
						}
						return true
					}
					if !ok || !isIdent(sel.X, "apperr") || (sel.Sel.Name != "Error" && sel.Sel.Name != "FieldError") {
						return true
					}
					for _, e := range cl.Elts {
						kv, ok := e.(*ast.KeyValueExpr)
						if !ok || !isIdent(kv.Key, "Message") {
							continue
						}
						where := strings.TrimPrefix(filepath.ToSlash(fset.Position(kv.Pos()).String()), root+"/")
						if s, ok := literal(kv.Value, consts[dir]); ok {
							msgs = append(msgs, message{s, where})
						} else {
							problems = append(problems, where+": an apperr."+sel.Sel.Name+"'s Message is not a literal")
						}
					}
					return true
				})
			}
		}
	}
	msgs = append(msgs, message{internalFormat, "internal/apperr"})
	for _, w := range reasonWords {
		msgs = append(msgs, message{w, "internal/apperr (Reason)"})
	}
	return msgs, problems
}

// englishArg names what makes a message's argument English text whatever
// the language: a message or label already said in English.
func englishArg(e ast.Expr) string {
	found := ""
	ast.Inspect(e, func(n ast.Node) bool {
		switch v := n.(type) {
		case *ast.CallExpr:
			if sel, ok := v.Fun.(*ast.SelectorExpr); ok {
				switch sel.Sel.Name {
				case "Message", "Label", "FieldLabel", "Sprintf", "ToLower", "Error":
					found = sel.Sel.Name + "()"
					return false
				}
			}
			if id, ok := v.Fun.(*ast.Ident); ok && (id.Name == "FieldLabel" || id.Name == "Sprintf") {
				found = id.Name + "()"
				return false
			}
		case *ast.SelectorExpr:
			if v.Sel.Name == "Message" {
				found = "." + v.Sel.Name
				return false
			}
		}
		return true
	})
	return found
}

// calls reports whether call calls ff from a file in dir.
func calls(call *ast.CallExpr, ff formatFunc, dir string) bool {
	switch fn := call.Fun.(type) {
	case *ast.SelectorExpr:
		if fn.Sel.Name != ff.name {
			return false
		}
		if ff.pkg == "" {
			return isIdent(fn.X, "apperr")
		}
		// a method, or a function of another package: by name
		return ff.pkg == dir || ast.IsExported(ff.name)
	case *ast.Ident:
		return ff.pkg != "" && ff.pkg == dir && fn.Name == ff.name
	}
	return false
}

func isIdent(e ast.Expr, name string) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == name
}

// literal is the string e holds when it is a literal, a concatenation of
// literals or a constant of the package.
func literal(e ast.Expr, consts map[string]string) (string, bool) {
	switch v := e.(type) {
	case *ast.BasicLit:
		if v.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(v.Value)
		return s, err == nil
	case *ast.BinaryExpr:
		if v.Op != token.ADD {
			return "", false
		}
		a, ok1 := literal(v.X, consts)
		b, ok2 := literal(v.Y, consts)
		return a + b, ok1 && ok2
	case *ast.ParenExpr:
		return literal(v.X, consts)
	case *ast.Ident:
		s, ok := consts[v.Name]
		return s, ok
	}
	return "", false
}

// paramIndex is the index of fn's parameter name, -1 if it has none.
func paramIndex(fn *ast.FuncType, name string) int {
	i := 0
	for _, f := range fn.Params.List {
		if len(f.Names) == 0 {
			i++
			continue
		}
		for _, n := range f.Names {
			if n.Name == name {
				return i
			}
			i++
		}
	}
	return -1
}

// namedLit is a function literal and the variable it is assigned to ("bad
// := func(msg string) error {...}"), "" if none.
type namedLit struct {
	fn   *ast.FuncLit
	name string
}

// forEachCall calls fn for every call in f with the function declaration
// and the function literals around it.
func forEachCall(f *ast.File, fn func(*ast.CallExpr, *ast.FuncDecl, []namedLit)) {
	for _, d := range f.Decls {
		fd, _ := d.(*ast.FuncDecl)
		names := map[*ast.FuncLit]string{}
		ast.Inspect(d, func(n ast.Node) bool {
			if as, ok := n.(*ast.AssignStmt); ok && len(as.Lhs) == len(as.Rhs) {
				for i, r := range as.Rhs {
					if fl, ok := r.(*ast.FuncLit); ok {
						if id, ok := as.Lhs[i].(*ast.Ident); ok {
							names[fl] = id.Name
						}
					}
				}
			}
			return true
		})
		var stack []ast.Node
		ast.Inspect(d, func(n ast.Node) bool {
			if n == nil {
				stack = stack[:len(stack)-1]
				return true
			}
			stack = append(stack, n)
			if c, ok := n.(*ast.CallExpr); ok {
				var lits []namedLit
				for _, s := range stack {
					if fl, ok := s.(*ast.FuncLit); ok {
						lits = append(lits, namedLit{fl, names[fl]})
					}
				}
				fn(c, fd, lits)
			}
			return true
		})
	}
}

// verbRE finds fmt's verbs, with an explicit argument index if any.
var verbRE = regexp.MustCompile(`%(\[(\d+)\])?[-+# 0]*(\d+|\*)?(\.\d+)?([a-zA-Z%])`)

// verbs lists a format's verbs by the argument they say ("1:s"); %q and %s
// count as the same (Chinese quotes with 「」, not "").
func verbs(format string) []string {
	var out []string
	next := 1
	for _, m := range verbRE.FindAllStringSubmatch(format, -1) {
		if m[5] == "%" {
			continue
		}
		if m[2] != "" {
			next, _ = strconv.Atoi(m[2])
		}
		v := m[5]
		if v == "q" || v == "v" {
			v = "s"
		}
		out = append(out, strconv.Itoa(next)+":"+v)
		next++
	}
	sort.Strings(out)
	return out
}

// hasWords reports whether format says something besides its verbs.
func hasWords(format string) bool {
	for _, r := range verbRE.ReplaceAllString(format, "") {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// TestCatalogCoversEveryMessage: every message the window can show has its
// Traditional Chinese, with the same verbs; every message is a literal.
func TestCatalogCoversEveryMessage(t *testing.T) {
	msgs, problems := scanMessages(t)
	for _, p := range problems {
		t.Errorf("%s: make it a literal (apperr.New/Field/T with arguments) so that the window can say it in Chinese", p)
	}
	if len(msgs) < 300 {
		t.Fatalf("only %d messages found: the scan is broken", len(msgs))
	}
	var missing []string
	for _, m := range msgs {
		zh, ok := zhHK[m.format]
		if !ok || zh == "" {
			missing = append(missing, m.format)
			t.Errorf("%s: no Chinese for %q", m.where, m.format)
			continue
		}
		if hasWords(m.format) && !hasHan(zh) {
			t.Errorf("the Chinese of %q is not Chinese: %q", m.format, zh)
		}
		if a, b := strings.Join(verbs(m.format), " "), strings.Join(verbs(zh), " "); a != b {
			t.Errorf("the Chinese of %q says other arguments (%s, not %s): %q", m.format, b, a, zh)
		}
	}
	if len(missing) > 0 && os.Getenv("ATPREG_UPDATE_CATALOG") != "" {
		for _, k := range missing {
			if _, ok := zhHK[k]; !ok {
				zhHK[k] = ""
			}
		}
		writeCatalog(t)
	}
}

// TestCatalogHasNoStaleEntries: the catalog says only messages the source
// still has.
func TestCatalogHasNoStaleEntries(t *testing.T) {
	msgs, _ := scanMessages(t)
	known := map[string]bool{}
	for _, m := range msgs {
		known[m.format] = true
	}
	var stale []string
	for k := range zhHK {
		if !known[k] {
			stale = append(stale, k)
		}
	}
	sort.Strings(stale)
	for _, k := range stale {
		t.Errorf("the catalog says %q, which no code says any more: remove it", k)
	}
	if len(stale) > 0 && os.Getenv("ATPREG_UPDATE_CATALOG") != "" {
		for _, k := range stale {
			delete(zhHK, k)
		}
		writeCatalog(t)
	}
}

// writeCatalog rewrites zh-HK.json from zhHK (keys sorted, one a line).
func writeCatalog(t *testing.T) {
	b, err := json.MarshalIndent(zhHK, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("zh-HK.json", append(b, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
}
