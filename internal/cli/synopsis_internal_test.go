package cli

import (
	"flag"
	"strings"
	"testing"
)

// TestUsageLineNamesEveryFlag: a command's usage line (printed on a usage
// error and atop its help) names each of its flags, under one of its names
// when a flag has two (-o and --output).
func TestUsageLineNamesEveryFlag(t *testing.T) {
	for _, c := range commands() {
		fs := flag.NewFlagSet(c.Name, flag.ContinueOnError)
		c.Setup(fs)
		named := map[flag.Value]bool{}
		fs.VisitAll(func(f *flag.Flag) {
			if strings.Contains(" "+c.Args+" ", dashed(f.Name)+" ") || strings.Contains(c.Args, dashed(f.Name)+"]") {
				named[f.Value] = true
			}
		})
		fs.VisitAll(func(f *flag.Flag) {
			if !named[f.Value] {
				t.Errorf("atpreg %s: the usage line %q does not name %s", c.Name, c.Args, dashed(f.Name))
			}
		})
	}
}
