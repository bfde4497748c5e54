package tutor

import (
	"errors"
	"strings"
	"time"
	"unicode"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"pasapas/learning"
	"pasapas/record"
)

// profilesScreen asks "Qui êtes-vous ?": the learners of this PC, and a way
// to join. It shows no result: results are behind each learner's PIN.
type profilesScreen struct {
	list    []record.LearnerSummary // in alphabetical order
	shown   []record.LearnerSummary // the ones the search keeps, after « Je suis nouveau »
	filter  profileFilter
	loaded  bool
	busy    bool // a learner's state is loading: one choice at a time
	menu    menu
	notice  string // a message to read first: a recovered file, a locked session
	problem string
}

func newProfilesScreen(notice string) *profilesScreen { return &profilesScreen{notice: notice} }

func (s *profilesScreen) Init(ctx *Context) tea.Cmd { return loadLearners(ctx) }

func (s *profilesScreen) Title(ctx *Context) string { return ctx.say("profiles_title") }

func (s *profilesScreen) Help(ctx *Context) []key.Binding {
	return s.filterHelp(ctx, []key.Binding{ctx.Keys.Digits, ctx.Keys.Enter})
}

func (s *profilesScreen) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case resumeMsg:
		return loadLearners(ctx)
	case learnersMsg:
		s.loaded = true
		if msg.err != nil {
			s.problem = record.Explain(msg.err, ctx.Lang)
			return nil
		}
		s.list = learning.Alphabetical(msg.list)
		s.rebuild(ctx)
		return nil
	case signedInMsg: // only a failure reaches the screen; the model starts the session
		s.busy = false
		s.problem = record.Explain(msg.err, ctx.Lang)
		return nil
	}
	if !s.loaded || s.busy {
		return nil
	}
	if cmd, ok := s.filterKey(ctx, msg); ok {
		return cmd
	}
	if i, ok := s.menu.update(ctx, msg); ok {
		s.notice, s.problem = "", ""
		if i == 0 {
			nl := newNewLearnerScreen(ctx)
			nl.taken = s.list
			return push(nl)
		}
		if i > len(s.shown) {
			return push(newSpaceGate())
		}
		l := s.shown[i-1]
		if l.HasPIN {
			return push(newPINScreen(ctx, l))
		}
		s.busy = true
		return signIn(ctx, l.ID)
	}
	return nil
}

func (s *profilesScreen) Render(ctx *Context, w, h int) string {
	t := ctx.Theme
	var parts []string
	if s.notice != "" {
		parts = append(parts, t.Warn.Render(wrap(sanitize(s.notice), w)), "")
	}
	if s.problem != "" {
		parts = append(parts, problemLine(t, s.problem, w), "")
	}
	hint := ctx.say("profiles_hint")
	if s.loaded && len(s.list) == 0 {
		hint = ctx.say("profiles_hint_empty")
	}
	parts = append(parts, wrap(hint, w), "")
	parts = append(parts, s.filterLines(ctx, w)...)
	head := strings.Join(parts, "\n")
	top := strings.Count(head, "\n") + 1
	if !s.loaded {
		return head + "\n" + ctx.say("loading")
	}
	return head + "\n" + s.menu.render(ctx, w, h-top, top)
}

// lastSeen says when a learner last came, in words.
func lastSeen(ctx *Context, at time.Time, pin bool) string {
	detail := ""
	if !at.IsZero() {
		detail = ctx.say("last_seen", humanDate(ctx, at))
	}
	if pin {
		if detail != "" {
			detail += " · "
		}
		detail += ctx.say("has_pin")
	}
	return detail
}

// newLearnerScreen creates a profile: a first name or nickname, then an
// optional secret code typed twice.
type newLearnerScreen struct {
	stage   newStage
	name    textinput.Model
	pin     textinput.Model
	first   string
	ask     menu
	problem string
	busy    bool // from the request to create until the session opens or fails
	// created is the profile once written: a retry after a failed sign-in
	// signs it in again rather than creating a second one.
	created record.LearnerID
	// taken are the profiles already on this PC; warned is the name
	// warned about: Entrée again with it goes on (two Jean may share a PC).
	taken  []record.LearnerSummary
	warned string
}

// newStage is where a new profile's creation is: its steps, in order.
type newStage int

const (
	askName     newStage = iota // the first name
	askWantsPIN                 // "do you want a code?"
	askPIN                      // the code
	askPINAgain                 // the code once more
)

func newNewLearnerScreen(ctx *Context) *newLearnerScreen {
	s := &newLearnerScreen{name: newInput(ctx, false, 30), pin: newInput(ctx, true, 6)}
	s.ask.set([]menuItem{{label: ctx.say("pin_no")}, {label: ctx.say("pin_yes")}})
	return s
}

// newInput makes a text field; secret fields show dots.
func newInput(ctx *Context, secret bool, limit int) textinput.Model {
	in := textinput.New()
	in.Prompt = "> "
	in.CharLimit = limit
	st := textinput.DefaultStyles(true)
	st.Cursor.Blink = false
	in.SetStyles(st)
	if secret {
		in.EchoMode = textinput.EchoPassword
		in.EchoCharacter = '•'
		if ctx.Theme.Name == "ascii" {
			in.EchoCharacter = '*'
		}
	}
	in.Focus()
	return in
}

func (s *newLearnerScreen) Title(ctx *Context) string { return ctx.say("new_title") }

// Secret says the field takes a secret code: the accessible mode reads it
// without echo.
func (s *newLearnerScreen) Secret() bool { return s.stage >= askPIN }

// Typing says the screen takes text: "?" and letters are characters here.
func (s *newLearnerScreen) Typing() bool { return s.stage != askWantsPIN }

func (s *newLearnerScreen) Help(ctx *Context) []key.Binding {
	if s.stage == askWantsPIN {
		return menuKeys(ctx)
	}
	return []key.Binding{ctx.Keys.Enter, ctx.Keys.Back}
}

func (s *newLearnerScreen) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case createdMsg:
		if msg.err != nil {
			s.busy = false
			s.problem = record.Explain(msg.err, ctx.Lang)
			return nil
		}
		s.created = msg.learner.ID
		return signIn(ctx, s.created)
	case signedInMsg: // only a failure reaches the screen; the model starts the session
		s.busy = false
		s.problem = record.Explain(msg.err, ctx.Lang)
		return nil
	case tea.KeyPressMsg:
		if s.busy {
			return nil
		}
		if key.Matches(msg, ctx.Keys.Back) {
			if s.stage == askName {
				return back()
			}
			// One step back; from either code field, back to the first.
			s.stage = min(s.stage-1, askPIN)
			s.pin.Reset()
			s.problem = ""
			return nil
		}
		msg, ok := cleanKey(msg)
		if !ok {
			return nil
		}
		switch s.stage {
		case askName:
			if msg.Code == tea.KeyEnter {
				name := strings.TrimSpace(sanitize(s.name.Value()))
				if name == "" {
					s.problem = ctx.say("name_empty")
					return nil
				}
				if w := duplicateName(ctx, s.taken, name); w != "" && s.warned != name {
					s.warned, s.problem = name, ""
					return nil
				}
				s.problem = ""
				s.stage = askWantsPIN
				return nil
			}
			var cmd tea.Cmd
			s.name, cmd = s.name.Update(msg)
			return cmd
		case askWantsPIN:
			if i, ok := s.ask.update(ctx, msg); ok {
				if i == 0 {
					return s.create(ctx, "")
				}
				s.stage = askPIN
				s.pin.Reset()
			}
			return nil
		default:
			if msg.Code == tea.KeyEnter {
				pin := s.pin.Value()
				if !record.ValidPIN(pin) {
					s.problem = ctx.say("pin_format")
					s.pin.Reset()
					return nil
				}
				if err := record.CheckNewPIN(pin); s.stage == askPIN && err != nil {
					// 1234, 0000…: said before it is typed twice.
					s.problem = record.Explain(err, ctx.Lang)
					s.pin.Reset()
					return nil
				}
				if s.stage == askPIN {
					s.first, s.stage, s.problem = pin, askPINAgain, ""
					s.pin.Reset()
					return nil
				}
				if pin != s.first {
					s.problem = ctx.say("pin_mismatch")
					s.stage = askPIN
					s.pin.Reset()
					return nil
				}
				return s.create(ctx, pin)
			}
			if msg.Text != "" && !isDigits(msg.Text) {
				s.problem = ctx.say("pin_digits")
				return nil
			}
			var cmd tea.Cmd
			s.pin, cmd = s.pin.Update(msg)
			return cmd
		}
	case tea.PasteMsg:
		if s.stage == askName {
			var cmd tea.Cmd
			s.name, cmd = s.name.Update(cleanPaste(msg))
			return cmd
		}
	case clickMsg:
		if s.stage == askWantsPIN && !s.busy {
			if i, ok := s.ask.update(ctx, msg); ok {
				if i == 0 {
					return s.create(ctx, "")
				}
				s.stage = askPIN
			}
		}
	}
	return nil
}

func (s *newLearnerScreen) create(ctx *Context, pin string) tea.Cmd {
	s.busy = true
	if s.created != 0 {
		return signIn(ctx, s.created)
	}
	prefs := record.Prefs{Lang: ctx.Lang, Theme: ctx.Theme.Name, Mouse: ctx.Mouse}
	return createLearner(ctx, strings.TrimSpace(sanitize(s.name.Value())), pin, prefs)
}

func isDigits(s string) bool {
	for _, r := range s {
		if !unicode.IsDigit(r) || r > '9' {
			return false
		}
	}
	return s != ""
}

func (s *newLearnerScreen) Render(ctx *Context, w, h int) string {
	t := ctx.Theme
	var parts []string
	switch s.stage {
	case askName:
		s.name.SetWidth(min(w-4, 40))
		parts = append(parts, t.Heading.Render(wrap(ctx.say("name_question"), w)), wrap(ctx.say("name_hint"), w), "", s.name.View())
		if s.warned != "" && s.warned == strings.TrimSpace(sanitize(s.name.Value())) {
			parts = append(parts, "", t.Warn.Render(wrap(duplicateName(ctx, s.taken, s.warned), w)))
		}
	case askWantsPIN:
		parts = append(parts, t.Heading.Render(wrap(ctx.say("pin_question", sanitize(s.name.Value())), w)), wrap(ctx.say("pin_why"), w), "")
		head := strings.Join(parts, "\n")
		top := strings.Count(head, "\n") + 1
		room := h - top
		if s.problem != "" {
			room -= 2
		}
		out := head + "\n" + s.ask.render(ctx, w, room, top)
		if s.problem != "" {
			out += "\n\n" + problemLine(t, s.problem, w)
		}
		return out
	default:
		q := ctx.say("pin_enter")
		if s.stage == askPINAgain {
			q = ctx.say("pin_again")
		}
		parts = append(parts, t.Heading.Render(wrap(q, w)), wrap(ctx.say("pin_rule"), w), "", s.pin.View())
	}
	return joinStatus(ctx, parts, s.busy, s.problem, w)
}

// pinScreen asks a learner for their secret code. After wrong codes the
// store imposes a wait: it is shown counting down, and a code typed during
// it is checked once it is over, not refused unchecked.
type pinScreen struct {
	learner record.LearnerSummary
	pin     textinput.Model
	problem string
	busy    bool
	// refused is the last refusal with a wait, until when it runs; queued:
	// a code was typed during the wait and is checked at its end.
	refused *record.PINError
	until   time.Time
	queued  bool
	sent    string // the code last sent to the store
	seq     int    // the countdown's generation: a stale tick is ignored
}

// pinTickMsg moves the countdown on.
type pinTickMsg struct{ seq int }

func newPINScreen(ctx *Context, l record.LearnerSummary) *pinScreen {
	return &pinScreen{learner: l, pin: newInput(ctx, true, 6)}
}

func (s *pinScreen) Title(ctx *Context) string { return sanitize(s.learner.Name) }
func (s *pinScreen) Typing() bool              { return true }

// Secret says the field takes a secret code (see newLearnerScreen.Secret).
func (s *pinScreen) Secret() bool { return true }

func (s *pinScreen) Help(ctx *Context) []key.Binding {
	return []key.Binding{ctx.Keys.Enter, ctx.Keys.Back}
}

// left is what remains of the wait, 0 when none runs.
func (s *pinScreen) left(ctx *Context) time.Duration {
	if s.refused == nil {
		return 0
	}
	return max(0, s.until.Sub(ctx.now()))
}

// tick asks for the next step of the countdown. The full interface ticks
// every second to redraw it; the accessible mode, which prints once, only
// waits for the end when a code is queued.
func (s *pinScreen) tick(ctx *Context) tea.Cmd {
	left := s.left(ctx)
	if left <= 0 || (ctx.linear && !s.queued) {
		return nil
	}
	step := min(left, time.Second)
	if ctx.linear {
		step = left
	}
	seq := s.seq
	return countdownTick(step, func(time.Time) tea.Msg { return pinTickMsg{seq} })
}

// countdownTick is tea.Tick; the tests, whose clock does not move by
// itself, send the ticks themselves.
var countdownTick = tea.Tick

func (s *pinScreen) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case pinMsg:
		s.busy = false
		s.seq++
		if msg.err != nil {
			var pe *record.PINError
			if errors.As(msg.err, &pe) {
				s.problem = ""
				s.refused, s.until = pe, ctx.now().Add(pe.Wait)
				if pe.Locked && pe.Wait > 0 {
					// Refused unchecked (a wait from before, another
					// window): the code is kept and checked after it.
					s.queued = true
					s.pin.SetValue(s.sent)
				}
				if pe.Wait <= 0 {
					s.refused, s.problem = nil, pe.Message(ctx.Lang)
				}
			} else {
				s.refused, s.problem = nil, record.Explain(msg.err, ctx.Lang)
			}
			if !s.queued {
				s.pin.Reset()
			}
			if s.queued && s.left(ctx) <= 0 {
				return s.check(ctx)
			}
			return s.tick(ctx)
		}
		return signIn(ctx, s.learner.ID)
	case pinTickMsg:
		if msg.seq != s.seq || s.refused == nil {
			return nil
		}
		if s.left(ctx) > 0 {
			return s.tick(ctx)
		}
		// The wait is over: a wrong code can be typed again, and a code
		// typed during the wait is checked now.
		if s.refused.Locked {
			s.problem = ""
		} else {
			s.problem = (&record.PINError{Failures: s.refused.Failures}).Message(ctx.Lang)
		}
		s.refused = nil
		if s.queued {
			return s.check(ctx)
		}
		return nil
	case signedInMsg: // only a failure reaches the screen; the model starts the session
		s.problem = record.Explain(msg.err, ctx.Lang)
		return nil
	case tea.KeyPressMsg:
		if s.busy {
			return nil
		}
		msg, ok := cleanKey(msg)
		switch {
		case !ok:
			return nil
		case key.Matches(msg, ctx.Keys.Back):
			return back()
		case msg.Code == tea.KeyEnter && s.left(ctx) > 0:
			s.queued = true
			return s.tick(ctx)
		case msg.Code == tea.KeyEnter:
			return s.check(ctx)
		case msg.Text != "" && !isDigits(msg.Text):
			s.problem = ctx.say("pin_digits")
			return nil
		}
		if s.queued {
			return nil // the queued code waits as typed
		}
		var cmd tea.Cmd
		s.pin, cmd = s.pin.Update(msg)
		return cmd
	}
	return nil
}

// check sends the code typed to the store.
func (s *pinScreen) check(ctx *Context) tea.Cmd {
	s.busy, s.queued = true, false
	s.sent = s.pin.Value()
	s.pin.Reset()
	return checkPIN(ctx, s.learner.ID, s.sent)
}

func (s *pinScreen) Render(ctx *Context, w, h int) string {
	t := ctx.Theme
	parts := []string{t.Heading.Render(wrap(ctx.say("pin_ask", sanitize(s.learner.Name)), w)), "", s.pin.View()}
	if s.busy {
		parts = append(parts, "", ctx.say("pin_checking"))
	}
	if left := s.left(ctx); left > 0 {
		// Said again at every second: the countdown is live.
		live := &record.PINError{Locked: s.refused.Locked || s.queued, Failures: s.refused.Failures, Wait: left}
		parts = append(parts, "", problemLine(t, live.Message(ctx.Lang), w))
		if s.queued {
			parts = append(parts, "", wrap(ctx.say("pin_queued"), w))
		}
	} else if s.problem != "" {
		parts = append(parts, "", problemLine(t, s.problem, w))
	}
	parts = append(parts, "", t.Muted.Render(wrap(ctx.say("pin_forgot"), w)))
	return strings.Join(parts, "\n")
}
