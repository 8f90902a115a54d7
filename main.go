// Command atpreg is the HKSTP ATP manufacturing RFI register: with no command
// it opens the desktop window, with a command it runs the command-line face.
package main

import (
	"embed"
	"os"
	"strings"

	"atpreg/internal/cli"
	"atpreg/internal/paths"
	"atpreg/internal/testhooks"
)

//go:embed all:frontend/dist
var assets embed.FS

func main() {
	env := cli.OSEnv()
	env.Options = testhooks.Options(os.Getenv) // production: the zero Options, whatever the environment
	env.Options.StateDir = stateDir()
	g, rest, err := cli.ParseGlobal(os.Args[1:])
	if err != nil {
		os.Exit(cli.Run(os.Args[1:], env)) // reports the usage error
	}
	if path, ok := registerArgument(rest); ok {
		// The launcher's "atpreg %F": a register file opens in the window.
		g.Register, g.RegisterGiven, rest = path, true, nil
	}
	if len(rest) > 0 {
		os.Exit(cli.RunCommand(g, rest, env))
	}
	if err := runDesktop(g); err != nil {
		env.Stderr.Write([]byte("atpreg: " + err.Error() + "\n"))
		os.Exit(cli.ExitFailed)
	}
}

// registerArgument reports whether args is one existing register file (a
// path ending in .atpreg, as a desktop launcher passes it), not a command.
func registerArgument(args []string) (string, bool) {
	if len(args) != 1 || !strings.HasSuffix(strings.ToLower(args[0]), ".atpreg") {
		return "", false
	}
	if fi, err := os.Stat(args[0]); err != nil || !fi.Mode().IsRegular() {
		return "", false
	}
	return args[0], true
}

// stateDir is where both faces remember the newest state seen of each
// register (to refuse an older copy put in its place); "" when the user has
// no config folder, and then nothing is checked.
func stateDir() string {
	dir, err := paths.StateDir()
	if err != nil {
		return ""
	}
	return dir
}
