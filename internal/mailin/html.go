package mailin

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// HTMLText turns an HTML body into the text a person reads in it: blocks
// and <br> as line breaks, list items with a bullet, table cells separated
// by a tab, white space collapsed as a browser does (kept inside <pre>), and
// without the content of <head>, <style>, <script> and comments. Entities are
// decoded. Links keep their text only.
func HTMLText(src string) string {
	z := html.NewTokenizer(strings.NewReader(src))
	var b strings.Builder
	skip := 0 // depth inside head/style/script/title/template
	pre := 0
	space := false // a collapsed space is pending
	newline := func(n int) {
		space = false
		s := b.String()
		have := len(s) - len(strings.TrimRight(s, "\n"))
		if len(s) == 0 {
			return
		}
		for ; have < n; have++ {
			b.WriteByte('\n')
		}
	}
	// flushSpace writes a pending collapsed space, unless at a line's start.
	flushSpace := func() {
		if space {
			if s := b.String(); len(s) > 0 && !strings.HasSuffix(s, "\n") && !strings.HasSuffix(s, "\t") {
				b.WriteByte(' ')
			}
			space = false
		}
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return tidy(b.String())
		case html.TextToken:
			if skip > 0 {
				continue
			}
			t := string(z.Text())
			if pre > 0 {
				b.WriteString(t)
				continue
			}
			for _, r := range t {
				if isHTMLSpace(r) {
					space = true
					continue
				}
				flushSpace()
				b.WriteRune(r)
			}
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			end := tt == html.EndTagToken
			switch a {
			case atom.Head, atom.Style, atom.Script, atom.Title, atom.Template, atom.Noscript:
				if tt == html.SelfClosingTagToken {
					continue
				}
				if end {
					if skip > 0 {
						skip--
					}
				} else {
					skip++
				}
				continue
			}
			if skip > 0 {
				continue
			}
			switch a {
			case atom.Br:
				b.WriteByte('\n')
				space = false
			case atom.P, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Blockquote, atom.Table:
				newline(2)
			case atom.Div, atom.Tr, atom.Ul, atom.Ol, atom.Dl, atom.Section, atom.Article, atom.Header,
				atom.Footer, atom.Hr, atom.Address, atom.Center, atom.Dt, atom.Dd, atom.Caption:
				newline(1)
			case atom.Li:
				newline(1)
				if !end {
					b.WriteString("• ")
				}
			case atom.Td, atom.Th:
				if !end {
					s := b.String()
					if len(s) > 0 && !strings.HasSuffix(s, "\n") {
						b.WriteByte('\t')
					}
					space = false
				}
			case atom.Pre:
				newline(1)
				if end {
					if pre > 0 {
						pre--
					}
				} else {
					pre++
				}
			case atom.Img:
				if alt := attr(z, "alt"); alt != "" && !end {
					flushSpace()
					b.WriteString("[" + alt + "]")
				}
			}
		}
	}
}

func attr(z *html.Tokenizer, name string) string {
	for {
		k, v, more := z.TagAttr()
		if string(k) == name {
			return strings.TrimSpace(string(v))
		}
		if !more {
			return ""
		}
	}
}

func isHTMLSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\u200b'
}

// tidy normalises line ends, drops spaces at line ends (and non-breaking
// spaces alone on a line), keeps at most one empty line in a row and trims
// blank lines at both ends.
func tidy(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	lines := strings.Split(s, "\n")
	out := make([]string, 0, len(lines))
	blank := 0
	for _, l := range lines {
		l = strings.TrimRight(l, " \t\u00a0")
		if strings.TrimLeft(l, " \u00a0") == "" {
			l = ""
		}
		if l == "" {
			blank++
			if blank > 1 {
				continue
			}
		} else {
			blank = 0
		}
		out = append(out, l)
	}
	return strings.Trim(strings.Join(out, "\n"), "\n")
}
