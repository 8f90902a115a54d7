// Package cli is atpreg's command-line face: the same services as the desktop
// window, for scripting, batch work and headless use. The contract is
// ../shared/CLI.md: global flags, commands, exit statuses.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"atpreg/internal/apperr"
	"atpreg/internal/paths"
	"atpreg/internal/service"
)

// Exit statuses (CLI.md).
const (
	ExitOK        = 0
	ExitFailed    = 1
	ExitUsage     = 2
	ExitWrongPass = 3
	ExitRejected  = 4
	ExitDamaged   = 5
)

// Env is what a command may touch of the outside world; tests pass their own.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// Getenv reads an environment variable (os.Getenv in main).
	Getenv func(string) string
	// ReadSecret reads a line without echo from the terminal, after printing
	// prompt on stderr; nil or an error when there is no terminal.
	ReadSecret func(prompt string) ([]byte, error)
	// Options say how registers are opened (the zero value is production;
	// tests set cheap key derivation).
	Options service.Options
}

// OSEnv returns the process's real environment.
func OSEnv() Env {
	return Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv, ReadSecret: readSecretTerminal}
}

// Global holds the flags that come before the command.
type Global struct {
	// Register is the register file (--register), or the default one.
	Register string
	// PassphraseFile is the file whose first line is the passphrase.
	PassphraseFile string
	// RegisterGiven reports whether --register was given explicitly.
	RegisterGiven bool
}

// UsageError is a mistake in how the command was called (exit status 2).
// The message is followed by the command's usage line and where its help
// is, not by the whole help.
type UsageError struct {
	Msg string
	cmd *Command // the command called wrongly (nil: the command line as a whole)
}

func (e *UsageError) Error() string { return e.Msg }

func usagef(format string, args ...any) error { return &UsageError{Msg: fmt.Sprintf(format, args...)} }

// devFlags are Wails' own flags for dev builds (-devserver, -assetdir, ...)
// and binding generation; they are the desktop window's business, not ours.
var devFlags = map[string]bool{"devserver": true, "assetdir": true, "loglevel": true,
	"frontenddevserverurl": true, "tsprefix": true, "tssuffix": true, "tsoutputtype": true}

// ParseGlobal reads the global flags at the start of args and returns them with
// the rest (the command and its arguments). An empty rest means: open the window.
func ParseGlobal(args []string) (Global, []string, error) {
	var g Global
	i := 0
	for i < len(args) {
		a := args[i]
		if a == "--" {
			i++
			break
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		takeValue := func() (string, error) {
			if hasValue {
				return value, nil
			}
			if i+1 >= len(args) {
				return "", usagef("flag %s needs a value", a)
			}
			i++
			return args[i], nil
		}
		switch {
		case name == "register":
			v, err := takeValue()
			if err != nil {
				return g, nil, err
			}
			if v == "" {
				return g, nil, usagef("--register needs a file path")
			}
			g.Register, g.RegisterGiven = v, true
		case name == "passphrase-file":
			v, err := takeValue()
			if err != nil {
				return g, nil, err
			}
			g.PassphraseFile = v
		case name == "passphrase":
			return g, nil, usagef("the passphrase is never taken from a flag (it would show in the process list); use --passphrase-file or ATPREG_PASSPHRASE")
		case name == "help" || name == "h":
			return g, []string{"help"}, nil
		case name == "version":
			return g, []string{"version"}, nil
		case devFlags[name]:
			if _, err := takeValue(); err != nil {
				return g, nil, err
			}
		default:
			return g, nil, usagef("unknown flag %s (see atpreg --help)", a)
		}
		i++
	}
	if g.Register == "" {
		p, err := paths.DefaultRegister()
		if err != nil {
			return g, nil, fmt.Errorf("cannot find the user's data folder for the register (%s); give one with --register PATH", apperr.Reason(err))
		}
		g.Register = p
	}
	return g, args[i:], nil
}

// Command is one command of the CLI. Every command is listed in commands
// (commands.go), the one place that names them.
type Command struct {
	Name    string // as typed
	Args    string // argument synopsis, e.g. "FILE [--dry-run]"
	Summary string // one line for the command list
	Help    string // the rest of `atpreg help NAME`
	// Setup declares the command's flags on its own flag set and returns
	// the function that runs it with them and its positional arguments.
	// Flags and positional arguments may come in any order.
	Setup func(fs *flag.FlagSet) func(c *Context, pos []string) error
}

// lookup returns the command named name.
func lookup(name string) (*Command, bool) {
	for _, c := range commands() {
		if c.Name == name {
			return c, true
		}
	}
	return nil, false
}

// parse runs cmd's flag set over args and returns the run function and the
// positional arguments; a flag that is not the command's, or lacks its
// value, is a usage error.
func (cmd *Command) parse(args []string) (func(c *Context, pos []string) error, []string, error) {
	fs := flag.NewFlagSet(cmd.Name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	run := cmd.Setup(fs)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, nil, usagef("%s: %s", cmd.Name, flagProblem(err))
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		if args[0] == "--" {
			pos = append(pos, args[1:]...)
			break
		}
		pos, args = append(pos, args[0]), args[1:]
	}
	return run, pos, nil
}

// flagProblem words a flag package error for a person.
func flagProblem(err error) string {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
		return "unknown flag " + dashed(name)
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: "); ok {
		return "flag " + dashed(name) + " needs a value"
	}
	// invalid value "x" for flag -name: why, where why is a flag.Value's
	// own words for a person (not the flag package's "parse error").
	if rest, ok := strings.CutPrefix(msg, "invalid value "); ok {
		if _, rest, ok := strings.Cut(rest, " for flag -"); ok {
			if name, why, ok := strings.Cut(rest, ": "); ok && why != "parse error" && why != "value out of range" {
				return "--" + name + ": " + why
			}
		}
	}
	return msg
}

// dashed writes a flag as the help does: -o, --force (the flag package says
// -force, and accepts both).
func dashed(name string) string {
	name = strings.TrimLeft(name, "-")
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// noArgs is the Setup of a command that takes no flags or arguments.
func noArgs(run func(c *Context) error) func(fs *flag.FlagSet) func(c *Context, pos []string) error {
	return func(*flag.FlagSet) func(c *Context, pos []string) error {
		return func(c *Context, pos []string) error {
			if len(pos) > 0 {
				return usagef("unexpected argument %q: this command takes no arguments", pos[0])
			}
			return run(c)
		}
	}
}

// Context is what a running command gets.
type Context struct {
	Env
	Global
}

// Run runs one command line (the arguments after the program name) and returns
// the exit status. It is what main calls when there are arguments.
func Run(args []string, env Env) int {
	g, rest, err := ParseGlobal(args)
	if err == nil && len(rest) == 0 {
		err = usagef("no command given (see atpreg --help)")
	}
	if err != nil {
		return report(env, err)
	}
	return RunCommand(g, rest, env)
}

// RunCommand runs the command rest[0] with global flags g already parsed.
func RunCommand(g Global, rest []string, env Env) int {
	name, args := rest[0], rest[1:]
	cmd, ok := lookup(name)
	if !ok {
		return report(env, usagef("unknown command %q (see atpreg --help)", name))
	}
	for _, a := range args {
		if a == "--" {
			break
		}
		if a == "--help" || a == "-h" || a == "-help" {
			printCommandHelp(env.Stdout, cmd)
			return ExitOK
		}
	}
	var run func(c *Context, pos []string) error
	var pos []string
	var err error
	if cmd.Setup == nil {
		err = usagef("command %s cannot run", name)
	} else if run, pos, err = cmd.parse(args); err == nil {
		err = run(&Context{Env: env, Global: g}, pos)
	}
	if ue := (*UsageError)(nil); errors.As(err, &ue) && ue.cmd == nil {
		ue.cmd = cmd
	}
	return report(env, err)
}

// report prints err (if any) as one line and maps it to an exit status.
func report(env Env, err error) int {
	if err == nil {
		return ExitOK
	}
	var ue *UsageError
	if errors.As(err, &ue) {
		fmt.Fprintf(env.Stderr, "atpreg: %s\n", oneLine(ue.Msg))
		if ue.cmd != nil {
			fmt.Fprintf(env.Stderr, "Usage: %s\nSee 'atpreg help %s' for more.\n", synopsis(ue.cmd), ue.cmd.Name)
		}
		return ExitUsage
	}
	msg := apperr.Message(err)
	var exists *service.FileExistsError
	if errors.As(err, &exists) {
		// Every command that writes a file the officer names has --force.
		msg = fmt.Sprintf("%s already exists; nothing was written. Add --force to replace it, or choose another name.", exists.Path)
	}
	fmt.Fprintf(env.Stderr, "atpreg: %s\n", oneLine(msg))
	for _, f := range apperr.FieldsOf(err) {
		fmt.Fprintf(env.Stderr, "  %s\n", describeField(f))
	}
	switch apperr.CodeOf(err) {
	case apperr.WrongPass:
		return ExitWrongPass
	case apperr.Invalid:
		return ExitRejected
	case apperr.Damaged:
		return ExitDamaged
	}
	return ExitFailed
}

func describeField(f apperr.FieldError) string {
	var b strings.Builder
	if f.Row > 0 {
		fmt.Fprintf(&b, "row %d, ", f.Row)
	}
	b.WriteString(f.Field)
	if f.Value != "" {
		fmt.Fprintf(&b, " %q", f.Value)
	}
	b.WriteString(": ")
	b.WriteString(f.Message)
	return b.String()
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func sortedCommands() []*Command {
	out := commands()
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
