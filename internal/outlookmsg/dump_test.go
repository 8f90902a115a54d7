package outlookmsg

import (
	"fmt"
	"os"
	"testing"
)

func TestDump(t *testing.T) {
	for _, f := range []string{"simple-sent.msg", "unsent-draft.msg", "rtf-with-attachment.msg"} {
		b, _ := os.ReadFile("testdata/" + f)
		m, err := Read(b, DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Printf("== %s\n%+v\n", f, *m)
		txt, html := RTFText(m.RTF)
		fmt.Printf("RTF(%v): %q\n", html, txt)
		for _, a := range m.Attachments {
			fmt.Println("att", a.Name, a.ContentType, len(a.Data))
		}
	}
}
