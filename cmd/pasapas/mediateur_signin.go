package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/term"

	"pasapas/i18n"
	"pasapas/learning"
	"pasapas/lessons"
	"pasapas/progress"
	"pasapas/record"
)

// The médiateur's sub-commands on the command line (pasapas mediateur
// export, bilan, attestation) sign the médiateur in the same way: their
// account (--compte NOM, the only one, or a numbered list), then their
// code, typed without echo. Prompts go to stderr, so that « --sortie - »
// leaves only the file's bytes on stdout.

// mediatorSignIn picks the médiateur's account and checks their code. It
// returns the exit code to use when it cannot (and has said why).
func mediatorSignIn(ctx context.Context, app *learning.Service, in *bufio.Reader, account string, lang i18n.Lang, stderr io.Writer) (record.Mediator, int) {
	meds, err := app.Mediators(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "pasapas: %s\n", progress.Explain(err, lang))
		return record.Mediator{}, 1
	}
	if len(meds) == 0 {
		fmt.Fprintf(stderr, "pasapas: %s\n", say(lang, "att_no_space"))
		return record.Mediator{}, 1
	}
	var names []string
	for _, m := range meds {
		names = append(names, lessons.Visible(m.Name))
	}
	var med record.Mediator
	switch {
	case account != "":
		for _, m := range meds {
			if sameName(m.Name, account) {
				med = m
			}
		}
		if med.ID == 0 {
			fmt.Fprintf(stderr, "pasapas: %s\n", say(lang, "att_unknown_med", lessons.Visible(account), strings.Join(names, ", ")))
			return record.Mediator{}, 2
		}
	case len(meds) == 1:
		med = meds[0]
	default:
		i, ok := pick(in, stderr, stderr, lang, say(lang, "att_pick_med"), names)
		if !ok {
			return record.Mediator{}, 1
		}
		med = meds[i]
	}
	fmt.Fprintln(stderr, say(lang, "att_med_code", lessons.Visible(med.Name)))
	pin, err := readCode(in, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "pasapas: %s\n", progress.Explain(err, lang))
		return record.Mediator{}, 1
	}
	if err := app.CheckMediatorPIN(ctx, med.ID, pin); err != nil {
		msg := progress.Explain(err, lang)
		if errors.Is(err, record.ErrWrongPIN) || errors.Is(err, record.ErrPINLocked) {
			msg += " " + say(lang, "mexport_badcode")
		}
		fmt.Fprintf(stderr, "pasapas: %s\n", msg)
		return record.Mediator{}, 1
	}
	return med, 0
}

// pick lists choices numbered from 1 and reads one number.
func pick(in *bufio.Reader, stdout, stderr io.Writer, lang i18n.Lang, question string, choices []string) (int, bool) {
	fmt.Fprintln(stdout, question)
	for i, c := range choices {
		fmt.Fprintf(stdout, "  %d. %s\n", i+1, lessons.Visible(c))
	}
	line, _ := in.ReadString('\n')
	n, err := strconv.Atoi(strings.TrimSpace(line))
	if err != nil || n < 1 || n > len(choices) {
		fmt.Fprintf(stderr, "pasapas: %s\n", say(lang, "att_bad_choice"))
		return 0, false
	}
	return n - 1, true
}

// readCode reads a secret code: from a terminal without echo (the code
// stays out of the scrollback, and the next person at the PC cannot read
// it), else as a line.
func readCode(in *bufio.Reader, out io.Writer) (string, error) {
	if f, ok := stdin.(*os.File); ok && in.Buffered() == 0 && term.IsTerminal(f.Fd()) {
		b, err := term.ReadPassword(f.Fd())
		fmt.Fprintln(out)
		return strings.TrimSpace(string(b)), err
	}
	line, err := in.ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	if len(line) > 256 {
		line = line[:256]
	}
	return strings.TrimSpace(line), nil
}

// parseDay reads JJ/MM/AAAA (or AAAA-MM-JJ); "" is the zero time.
func parseDay(s string) (time.Time, bool) {
	if s = strings.TrimSpace(s); s == "" {
		return time.Time{}, true
	}
	for _, layout := range []string{"02/01/2006", "2/1/2006", time.DateOnly} {
		if t, err := time.ParseInLocation(layout, s, time.Local); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
