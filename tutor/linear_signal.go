package tutor

import (
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/charmbracelet/x/term"

	"pasapas/i18n"
)

// catchInterrupt keeps Ctrl+C from ending the accessible mode at once, as
// it does not in the full interface: in a terminal, Ctrl+C sends an
// interrupt, which is caught and answered by how to quit (« quitter »,
// which asks to confirm). It returns the function that lets go of it.
func catchInterrupt(in io.Reader, out io.Writer, lang i18n.Lang) func() {
	f, ok := in.(*os.File)
	if !ok || !term.IsTerminal(f.Fd()) {
		return func() {}
	}
	c := make(chan os.Signal, 1)
	signal.Notify(c, os.Interrupt)
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-c:
				fmt.Fprint(out, "\n"+say(lang, "linear_interrupt")+"\n")
			case <-done:
				return
			}
		}
	}()
	return func() {
		signal.Stop(c)
		close(done)
	}
}
