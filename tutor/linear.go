package tutor

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"

	"pasapas/fold"
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
	m := newTutor(cfg)
	// « quitter » ends the visit, as Ctrl+C does.
	defer m.endVisitNow()
	return runLinear(m, in, out)
}

// runLinear drives a model in the linear mode (its theme already chosen).
func runLinear(m *model, in io.Reader, out io.Writer) error {
	m.tick = nil // idle time is measured between lines instead
	m.ctx.linear = true
	l := &linear{driver: driver{m: m}, out: out}
	defer catchInterrupt(in, out, m.ctx.Lang)()
	l.send(tea.WindowSizeMsg{Width: columnFor(out), Height: linearHeight})
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

// columnFor is the linear mode's width on out: the terminal's own when it
// is narrower than linearWidth, so that the lines are cut between words
// here and not in the middle of a word by the terminal (which a screen
// reader then reads as two words). A file or a pipe gets linearWidth.
func columnFor(out io.Writer) int {
	f, ok := out.(interface{ Fd() uintptr })
	if !ok || !term.IsTerminal(f.Fd()) {
		return linearWidth
	}
	if w, _, err := term.GetSize(f.Fd()); err == nil && w >= minLinearWidth && w < linearWidth {
		return w
	}
	return linearWidth
}

// minLinearWidth: below it a terminal's size is not believed (a broken
// report); the text keeps linearWidth.
const minLinearWidth = 40

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
	d.m.ctx.synchronous = true // commands run one after the other: no waiting loop
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
	case isF2(text):
		// F2 pressed before Entrée: the terminal sent its escape
		// sequence as text. A function key is never an answer, so it
		// acts as in the full interface, even in a text field.
		press(tea.KeyPressMsg{Code: tea.KeyF2})
		return
	case word == "retour" || word == "back" || (word == "0" && !isTyping):
		// In a text field, "0" may be the answer: only the word goes back.
		press(tea.KeyPressMsg{Code: tea.KeyEscape})
		return
	case !isTyping && (word == "-" || word == "precedent" || word == "précédent" || word == "previous"):
		// In a text field these may be the answer; only "retour" and
		// "quitter", named in the prompt, act there.
		press(tea.KeyPressMsg{Code: tea.KeyLeft})
		return
	case !isTyping && (word == "appeler" || word == "call" || word == "f2"):
		// « Appeler le médiateur », named in the help bar (F2).
		press(tea.KeyPressMsg{Code: tea.KeyF2})
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
		l.note(l.m.ctx.say("linear_help"))
		if keys := l.letterKeys(); len(keys) > 0 {
			l.note(l.m.ctx.say("linear_letters", strings.Join(keys, " · ")))
		}
		if l.offersCall() {
			// The full interface's help bar names F2; here, the word.
			if l.m.ctx.Session.calling {
				l.note(l.m.ctx.say("linear_call_stop"))
			} else {
				l.note(l.m.ctx.say("linear_call"))
			}
		}
		return
	case word == "" && l.question() != nil && !l.ticking():
		// Entrée alone would answer the line the pointer is on, most
		// likely by mistake: a question waits for a number.
		l.note(l.m.ctx.say("linear_pick"))
		return
	case word == "" && l.ticking() && !l.question().anyTicked():
		// Entrée alone validates what is ticked; with nothing ticked
		// there is nothing to validate.
		l.note(l.m.ctx.say("q_choose_first"))
		return
	case word == "" && l.ticking():
		// Entrée alone validates: the « Valider ma réponse » row.
		q := l.question()
		nOpts, _ := q.rows(l.m.ctx)
		for k, a := range q.actions() {
			if a == actValidate {
				l.pick(nOpts + k)
			}
		}
		return
	case word == "":
		press(enter)
		return
	}
	// A screen driven by its own keys (the presenter: letters for the
	// devices, a step's number) takes the line as those keys, then Entrée.
	if k, ok := l.m.top().(interface{ LinearKeys() bool }); ok && k.LinearKeys() && l.m.quitting == nil && !l.m.showHelp {
		for _, r := range text {
			press(tea.KeyPressMsg{Code: r, Text: string(r)})
		}
		press(enter)
		return
	}
	// Only what the screen offers acts: the number of a row drawn, a
	// word of one row's label, « v » where a lesson's words are. Anything
	// else — a stray key, a number with no row — is answered « Je n'ai pas
	// compris » and changes nothing.
	l.m.plain() // the rows of the screen as it stands
	if n, err := strconv.Atoi(word); err == nil {
		if _, ok := l.m.ctx.shown[n-1]; ok && n >= 1 {
			l.pick(n - 1)
			return
		}
	} else if word == "v" && l.offers(l.m.ctx.Keys.Vocab) {
		press(tea.KeyPressMsg{Code: 'v', Text: "v"})
		return
	} else if r, ok := l.letterKey(word); ok {
		// A letter the screen's help offers (« n ajouter une note »):
		// the same key as in the full interface.
		press(tea.KeyPressMsg{Code: r, Text: string(r)})
		return
	} else if i, ok := l.byWord(word); ok {
		l.pick(i)
		return
	}
	l.note(l.m.ctx.say("linear_unknown", sanitize(text)))
}

// pick chooses the i-th row: points at it, then Entrée. In a multiple
// choice, Entrée on an answer ticks or unticks its box.
func (l *linear) pick(i int) {
	if k := itemKey(i); k != " " {
		l.send(tea.KeyPressMsg{Code: []rune(k)[0], Text: k})
	} else {
		l.send(rowMsg{i})
	}
	l.send(tea.KeyPressMsg{Code: tea.KeyEnter})
}

// offers says whether the screen lists a key in its help.
func (l *linear) offers(b key.Binding) bool {
	if l.m.quitting != nil || l.m.showHelp {
		return false
	}
	for _, h := range l.m.top().Help(l.m.ctx) {
		if h.Help() == b.Help() {
			return true
		}
	}
	return false
}

// letterKey says whether word is one letter that the screen's help offers
// as its key (« t attestation »).
func (l *linear) letterKey(word string) (rune, bool) {
	r := []rune(word)
	if len(r) != 1 || !unicode.IsLetter(r[0]) || l.m.quitting != nil || l.m.showHelp || l.question() != nil {
		return 0, false
	}
	for _, h := range l.m.top().Help(l.m.ctx) {
		if h.Help().Key == word && slices.Contains(h.Keys(), word) {
			return r[0], true
		}
	}
	return 0, false
}

// letterKeys are the screen's letter keys with what they do, for « aide »:
// the help bar of the full interface, which the linear mode does not draw.
func (l *linear) letterKeys() []string {
	var out []string
	for _, h := range l.m.top().Help(l.m.ctx) {
		if _, ok := l.letterKey(h.Help().Key); ok {
			out = append(out, h.Help().Key+" : "+h.Help().Desc)
		}
	}
	return out
}

// offersCall says whether the full interface's help bar would show F2
// « appeler le médiateur » on this screen (model.go's footer).
func (l *linear) offersCall() bool {
	return l.m.quitting == nil && !l.m.showHelp && callShown(l.m.ctx)
}

// isF2 says whether a line is F2's escape sequence, as a terminal sends
// it (xterm and most others, then the VT220 form), whatever else is
// around it.
func isF2(text string) bool {
	return strings.Contains(text, "\x1bOQ") || strings.Contains(text, "\x1b[12~")
}

// byWord finds the one row whose label holds the word typed, accents and
// capitals aside (« nouveau », a first name). Never in a question: an
// answer is given by its number, on purpose.
func (l *linear) byWord(word string) (int, bool) {
	w := fold.Key(word)
	if len([]rune(w)) < 3 || l.question() != nil {
		return 0, false
	}
	found, n := 0, 0
	for i, label := range l.m.ctx.shown {
		for _, f := range strings.FieldsFunc(fold.Key(label), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		}) {
			if f == w {
				found, n = i, n+1
				break
			}
		}
	}
	return found, n == 1
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

// note writes a sentence of the linear mode itself (« aide », « Je n'ai pas
// compris »), cut between words at the text's width as the screens are.
func (l *linear) note(s string) {
	l.fprintln(strings.ReplaceAll(wrap(s, l.m.ctx.Width), "\u00a0", " "))
}

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
	ctx.shown = map[int]string{}
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
	if b := callBanner(ctx, ctx.Width); b != "" {
		lines = append(lines, b)
	}
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
