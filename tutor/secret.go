package tutor

import (
	"io"
	"os"
	"strings"

	"github.com/charmbracelet/x/term"
)

// secretScreen says whether the screen on top waits for a code, which must
// never be shown as typed: the full interface shows dots, the accessible
// mode reads the line without echo.
func secretScreen(s screen) bool {
	x, ok := s.(interface{ Secret() bool })
	return ok && x.Secret()
}

// readSecret reads one line without echo when the screen waits for a code
// and in is a terminal; ok is false otherwise (the caller reads as usual).
// A pipe (tests, a script) has no echo to turn off.
func readSecret(s screen, in io.Reader) (line string, ok bool, err error) {
	f, isFile := in.(*os.File)
	if !secretScreen(s) || !isFile || !term.IsTerminal(f.Fd()) {
		return "", false, nil
	}
	b, err := term.ReadPassword(f.Fd())
	return strings.TrimRight(string(b), "\r\n"), true, err
}
