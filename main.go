// Command atpreg is the HKSTP ATP manufacturing RFI register: with no command
// it opens the desktop window, with a command it runs the command-line face.
package main

import (
	"embed"
	"os"

	"atpreg/internal/cli"
	"atpreg/internal/testhooks"
)

//go:embed all:frontend/dist
var assets embed.FS

func main() {
	env := cli.OSEnv()
	env.Options = testhooks.Options(os.Getenv) // production: the zero Options, whatever the environment
	g, rest, err := cli.ParseGlobal(os.Args[1:])
	if err != nil {
		os.Exit(cli.Run(os.Args[1:], env)) // reports the usage error
	}
	if len(rest) > 0 {
		os.Exit(cli.RunCommand(g, rest, env))
	}
	if err := runDesktop(g); err != nil {
		env.Stderr.Write([]byte("atpreg: " + err.Error() + "\n"))
		os.Exit(cli.ExitFailed)
	}
}
