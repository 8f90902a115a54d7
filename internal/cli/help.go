package cli

import (
	"flag"
	"fmt"
	"io"
	"strings"
)

// helpCommand is `atpreg help`.
func helpCommand() *Command {
	return &Command{
		Name:    "help",
		Args:    "[COMMAND]",
		Summary: "show this help, or the help of one command",
		Setup:   func(*flag.FlagSet) func(c *Context, args []string) error { return runHelp },
	}
}

// runHelp prints the command list, or one command's help.
func runHelp(c *Context, args []string) error {

	switch len(args) {
	case 0:
		printUsage(c.Stdout)
		return nil
	case 1:
		cmd, ok := lookup(args[0])
		if !ok {
			return usagef("no such command %q (see atpreg --help)", args[0])
		}
		printCommandHelp(c.Stdout, cmd)
		return nil
	}
	return usagef("help takes at most one command name")
}

func printUsage(w io.Writer) {
	fmt.Fprint(w, `atpreg — the confidential register of the HKSTP ATP manufacturing RFI

Usage:
  atpreg [--register PATH] [--passphrase-file FILE]            open the desktop window
  atpreg [--register PATH] [--passphrase-file FILE] COMMAND [ARGS]

Global flags:
  --register PATH          the register file (default: atpreg/register.atpreg
                           under your data folder)
  --passphrase-file FILE   read the passphrase from the first line of FILE;
                           else $ATPREG_PASSPHRASE; else a prompt without echo

Commands:
`)
	for _, c := range sortedCommands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.Name, c.Summary)
	}
	fmt.Fprint(w, `
Run 'atpreg help COMMAND' for a command's details.
Exit status: 0 done, 1 failed, 2 usage, 3 wrong passphrase, 4 input rejected,
5 register damaged.
`)
}

func printCommandHelp(w io.Writer, c *Command) {
	fmt.Fprintf(w, "Usage: %s\n\n%s\n", synopsis(c), upperFirst(c.Summary)+".")
	if c.Help != "" {
		fmt.Fprintf(w, "\n%s\n", strings.TrimSpace(c.Help))
	}
}

// synopsis is c's usage line: "atpreg NAME ARGS".
func synopsis(c *Command) string {
	return strings.TrimSpace("atpreg " + c.Name + " " + c.Args)
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
