package cli

import (
	"fmt"
	"os"

	"golang.org/x/term"
)

// readSecretTerminal prompts on stderr and reads a line from the terminal
// without echo.
func readSecretTerminal(prompt string) ([]byte, error) {
	fd := int(os.Stdin.Fd())
	if !term.IsTerminal(fd) {
		return nil, errNoTerminal
	}
	fmt.Fprint(os.Stderr, prompt)
	b, err := term.ReadPassword(fd)
	fmt.Fprintln(os.Stderr)
	return b, err
}

// errNoTerminal: standard input is not a terminal, so there is no one to ask.
var errNoTerminal = fmt.Errorf("no terminal")
