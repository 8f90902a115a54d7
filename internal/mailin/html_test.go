package mailin_test

import (
	"testing"

	"atpreg/internal/mailin"
)

func TestHTMLText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<p>One</p><p>Two</p>", "One\n\nTwo"},
		{"a<br>b<br/>c", "a\nb\nc"},
		{"<div>x   y\n z</div><div>next</div>", "x y z\nnext"},
		{"<head><title>t</title><style>p{}</style></head><body><script>alert(1)</script>shown</body>", "shown"},
		{"<!-- note -->&lt;tag&gt; &amp; &#30003; &nbsp;", "<tag> & 申"},
		{"<ul><li>one</li><li>two</li></ul>", "• one\n• two"},
		{"<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>", "a\tb\nc\td"},
		{"<pre>  kept\n    as is</pre>after", "  kept\n    as is\nafter"},
		{`<p>logo <img src="cid:x" alt="HKSTP logo"> here</p>`, "logo [HKSTP logo] here"},
		{"<p>a</p>\n\n\n<p></p><p></p><p>b</p>", "a\n\nb"},
		{"<b>bold</b> <i>it</i>", "bold it"},
		{"unclosed <p>tag", "unclosed\n\ntag"},
	}
	for _, tc := range tests {
		if got := mailin.HTMLText(tc.in); got != tc.want {
			t.Errorf("HTMLText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
