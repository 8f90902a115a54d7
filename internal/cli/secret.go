package cli

import (
	"errors"
	"fmt"
	"os"

	"golang.org/x/term"
)

// readSecretTerminal prompts on stderr and reads a line from the terminal
// without echo.
func readSecretTerminal(prompt string) ([]byte, error) {
	fd := int(os.Stdin.Fd())
	if !term.IsTerminal(fd) {
		return nil, errors.New("no terminal to ask for the passphrase")
	}
	fmt.Fprint(os.Stderr, prompt)
	b, err := term.ReadPassword(fd)
	fmt.Fprintln(os.Stderr)
	return b, err
}
