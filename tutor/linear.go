package tutor

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"

	"pasapas/lessons"
)

// RunAccessible runs the tutor for screen readers and braille displays:
// nothing is redrawn. Each time the screen changes, its text is printed once,
// as plain lines, and the learner answers by typing a line: a number, a
// text, or nothing to go on. It drives the very same screens as the full
// interface, so both always offer the same journey.
func RunAccessible(cfg Config, in io.Reader, out io.Writer) error {
	cfg.Theme = asciiTheme()
	cfg.Mouse = false
	return runLinear(newTutor(cfg), in, out)
}

// runLinear drives a model in the linear mode (its theme already chosen).
func runLinear(m *model, in io.Reader, out io.Writer) error {
	m.tick = nil // idle time is measured between lines instead
	m.ctx.linear = true
	l := &linear{driver: driver{m: m}, out: out}
	l.send(tea.WindowSizeMsg{Width: linearWidth, Height: linearHeight})
	l.run(m.Init())
	l.print(true)
	lines := bufio.NewReaderSize(in, 4096)
	for !l.quit {
		fmt.Fprint(out, "\n"+l.prompt())
		var text string
		var err error
		if l.secret() {
			text, err = readSecret(in, lines, out)
		} else {
			text, err = readLine(lines)
		}
		if err != nil {
			fmt.Fprintln(out)
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
		// A learner back after a long pause finds the session closed, as
		// in the full interface; what they typed was meant for the closed
		// session and must not act on the next screen.
		was := l.m.ctx.sessionSeq
		inSession := l.m.ctx.Session != nil || l.m.ctx.Mediator != nil // a learner, or a médiateur in the space
		l.send(idleTickMsg{})
		if inSession && l.m.ctx.Session == nil && l.m.ctx.Mediator == nil && l.m.ctx.sessionSeq == was {
			l.print(true)
			continue
		}
		l.line(text)
		l.print(false)
	}
	return nil
}

// maxLine is the most of one input line the linear mode keeps: far more
// than any answer or name, far less than what a paste can bring. The rest
// of a longer line is read and dropped, so the mode goes on.
const maxLine = 16 << 10

// readLine reads one line, without its end ("\n" or "\r\n"), of any
// length: only its first maxLine bytes are kept (cut on a character's
// boundary). io.EOF only when nothing at all was left to read.
func readLine(r *bufio.Reader) (string, error) {
	var buf []byte
	for {
		chunk, err := r.ReadSlice('\n')
		if room := maxLine - len(buf); room > 0 {
			buf = append(buf, chunk[:min(len(chunk), room)]...)
		}
		switch {
		case err == nil:
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF) && len(buf) > 0:
		default:
			return "", err
		}
		break
	}
	line := strings.TrimSuffix(strings.TrimSuffix(string(buf), "\n"), "\r")
	if len(buf) >= maxLine {
		// Cut in the middle of a character: drop its first bytes.
		line = strings.ToValidUTF8(line, "")
	}
	return line, nil
}

// readSecret reads a secret code: from a terminal, without echo, so the
// code is neither shown nor left in the scrollback for the next person;
// from anything else (a pipe, a test), as a line.
func readSecret(in io.Reader, r *bufio.Reader, out io.Writer) (string, error) {
	f, ok := in.(*os.File)
	if !ok || r.Buffered() > 0 || !term.IsTerminal(f.Fd()) {
		return readLine(r)
	}
	b, err := term.ReadPassword(f.Fd())
	fmt.Fprintln(out) // the Entrée the terminal did not echo
	if err != nil {
		return "", err
	}
	if len(b) > maxLine {
		b = b[:maxLine]
	}
	return strings.TrimSuffix(strings.ToValidUTF8(string(b), ""), "\r"), nil
}

// secret says the screen waits for a secret code.
func (l *linear) secret() bool {
	s, ok := l.m.top().(interface{ Secret() bool })
	return ok && s.Secret() && l.m.quitting == nil && !l.m.showHelp
}

// The text column of the linear mode: wide enough not to cut sentences,
// tall enough that nothing scrolls.
const linearWidth, linearHeight = 100, 400

type linear struct {
	driver
	out  io.Writer
	last string
}

// driver runs the tutor without Bubble Tea's program loop: the commands a
// message returns run one after the other, as the program would run them,
// and their messages are fed back until none is left. The linear mode runs
// on it, and so do the tests.
type driver struct {
	m    *model
	quit bool // the program asked to end
}

func (d *driver) send(msg tea.Msg) {
	_, cmd := d.m.Update(msg)
	d.run(cmd)
}

func (d *driver) run(cmd tea.Cmd) {
	for _, msg := range runCmd(cmd) {
		if _, ok := msg.(quitMsg); ok {
			d.quit = true
			return
		}
		d.send(msg)
	}
}

// runCmd runs a command and any batch it holds; a quit is kept as quitMsg.
func runCmd(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	switch msg := cmd().(type) {
	case nil:
		return nil
	case tea.QuitMsg:
		return []tea.Msg{quitMsg{}}
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, runCmd(c)...)
		}
		return out
	default:
		return []tea.Msg{msg}
	}
}

// line turns what the learner typed into keys.
func (l *linear) line(text string) {
	word := strings.ToLower(strings.TrimSpace(text))
	press := func(k tea.KeyPressMsg) { l.send(k) }
	enter := tea.KeyPressMsg{Code: tea.KeyEnter}
	isTyping := typing(l.m.top()) && l.m.quitting == nil
	switch {
	case word == "retour" || word == "back" || (word == "0" && !isTyping):
		// In a text field, "0" may be the answer: only the word goes back.
		press(tea.KeyPressMsg{Code: tea.KeyEscape})
		return
	case !isTyping && (word == "-" || word == "precedent" || word == "précédent" || word == "previous"):
		// In a text field these may be the answer; only "retour" and
		// "quitter", named in the prompt, act there.
		press(tea.KeyPressMsg{Code: tea.KeyLeft})
		return
	case word == "quitter" || word == "quit":
		press(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
		return
	case isTyping && word == "":
		// Entrée alone leaves the field for the next line: the other
		// fields, then the numbered choices ("Je ne sais pas", a hint),
		// which a text field would otherwise keep out of reach.
		press(tea.KeyPressMsg{Code: tea.KeyDown})
		return
	case isTyping:
		for _, r := range text {
			press(tea.KeyPressMsg{Code: r, Text: string(r)})
		}
		press(enter)
		return
	case word == "?" || word == "aide" || word == "help":
		l.fprintln(l.m.ctx.say("linear_help"))
		return
	case word == "" && l.question() != nil && !l.ticking():
		// Entrée alone would answer the line the pointer is on, most
		// likely by mistake: a question waits for a number.
		l.fprintln(l.m.ctx.say("linear_pick"))
		return
	case word == "" && l.ticking() && !l.question().anyTicked():
		// Entrée alone validates what is ticked; with nothing ticked the
		// full interface ticks the pointed line, which a learner who
		// cannot see the pointer would not expect.
		l.fprintln(l.m.ctx.say("q_choose_first"))
		return
	case word == "":
		press(enter)
		return
	}
	if len([]rune(word)) == 1 {
		// A digit in a multiple choice ticks a box and no more: the
		// learner ticks several, then validates with Entrée alone.
		tick := l.ticking()
		press(tea.KeyPressMsg{Code: []rune(word)[0], Text: word})
		if word != "v" && !tick { // "v" opens a lesson's words by itself
			press(enter)
		}
		return
	}
	l.fprintln(l.m.ctx.say("linear_unknown", sanitize(text)))
}

// print writes the screen when it changed since the last time.
func (l *linear) print(always bool) {
	text := l.m.plain()
	if text == l.last && !always {
		return
	}
	l.last = text
	l.fprintln("\n" + text)
}

func (l *linear) fprintln(s string) { fmt.Fprintln(l.out, s) }

// question returns the question waiting for an answer, when nothing
// (the quit dialog, the help) stands in front of it.
func (l *linear) question() *questionView {
	if l.m.quitting != nil || l.m.showHelp {
		return nil
	}
	return askedOn(l.m.top())
}

// ticking says whether a number ticks a box: a multiple choice is asked,
// and Entrée alone validates what is ticked.
func (l *linear) ticking() bool {
	q := l.question()
	return q != nil && q.q.Type == lessons.MultipleChoice
}

// prompt says what to type, depending on the screen.
func (l *linear) prompt() string {
	if l.m.quitting == nil && !l.m.showHelp {
		switch {
		case typing(l.m.top()):
			return l.m.ctx.say("linear_type") + " "
		case l.ticking():
			return l.m.ctx.say("linear_tick") + " "
		case l.question() != nil:
			return l.m.ctx.say("linear_answer") + " "
		}
	}
	return l.m.ctx.say("linear_choose") + " "
}

// plain is the screen as text for the linear mode: the title, then the
// body, without escape sequences, rules or trailing spaces.
func (m *model) plain() string {
	ctx := m.ctx
	var body string
	switch {
	case m.quitting != nil:
		body = m.renderQuit(ctx.Width, ctx.Height)
	case m.showHelp:
		body = m.renderHelp(ctx.Width, ctx.Height)
	default:
		body = m.top().Render(ctx, ctx.Width, ctx.Height)
	}
	lines := []string{"== " + sanitize(m.top().Title(ctx)) + " =="}
	blank := false
	for _, l := range strings.Split(ansi.Strip(body), "\n") {
		l = strings.TrimRight(strings.ReplaceAll(l, "\u00a0", " "), " ")
		if l == "" {
			if blank {
				continue
			}
			blank = true
		} else {
			blank = false
		}
		lines = append(lines, l)
	}
	return strings.TrimRight(strings.Join(lines, "\n"), "\n")
}
