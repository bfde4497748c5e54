package tutor

import (
	"errors"
	"strings"
	"time"
	"unicode"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"pasapas/record"
)

// profilesScreen asks "Qui êtes-vous ?": the learners of this PC, and a way
// to join. It shows no result: results are behind each learner's PIN.
type profilesScreen struct {
	list    []record.LearnerSummary
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
	return []key.Binding{ctx.Keys.Digits, ctx.Keys.Enter}
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
		s.list = msg.list
		items := []menuItem{}
		for _, l := range s.list {
			items = append(items, menuItem{label: l.Name, detail: lastSeen(ctx, l.LastSeen, l.HasPIN)})
		}
		items = append(items, menuItem{label: ctx.say("profiles_new")})
		if ctx.App.HasSpace() {
			// A fixed last line: the médiateur's space (mediator.go).
			items = append(items, menuItem{label: ctx.say("space_entry"), detail: ctx.say("space_entry_detail")})
		}
		s.menu.set(items)
		return nil
	case signedInMsg: // only a failure reaches the screen; the model starts the session
		s.busy = false
		s.problem = record.Explain(msg.err, ctx.Lang)
		return nil
	}
	if !s.loaded || s.busy {
		return nil
	}
	if i, ok := s.menu.update(ctx, msg); ok {
		s.notice, s.problem = "", ""
		if i == len(s.list) {
			return push(newNewLearnerScreen(ctx))
		}
		if i > len(s.list) {
			return push(newSpaceGate())
		}
		l := s.list[i]
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
	parts = append(parts, wrap(ctx.say("profiles_hint"), w), "")
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
	stage   int // 0 name, 1 want a PIN?, 2 PIN, 3 PIN again
	name    textinput.Model
	pin     textinput.Model
	first   string
	ask     menu
	problem string
	busy    bool // from the request to create until the session opens or fails
	// created is the profile once written: a retry after a failed sign-in
	// signs it in again rather than creating a second one.
	created record.LearnerID
}

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

// Typing says the screen takes text: "?" and letters are characters here.
func (s *newLearnerScreen) Typing() bool { return s.stage != 1 }

func (s *newLearnerScreen) Help(ctx *Context) []key.Binding {
	if s.stage == 1 {
		return []key.Binding{ctx.Keys.Digits, ctx.Keys.Enter, ctx.Keys.Back}
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
			if s.stage == 0 {
				return back()
			}
			s.stage = max(0, s.stage-1)
			if s.stage >= 2 {
				s.stage = 2
			}
			s.pin.Reset()
			s.problem = ""
			return nil
		}
		switch s.stage {
		case 0:
			if msg.Code == tea.KeyEnter {
				name := strings.TrimSpace(sanitize(s.name.Value()))
				if name == "" {
					s.problem = ctx.say("name_empty")
					return nil
				}
				s.problem = ""
				s.stage = 1
				return nil
			}
			var cmd tea.Cmd
			s.name, cmd = s.name.Update(msg)
			return cmd
		case 1:
			if i, ok := s.ask.update(ctx, msg); ok {
				if i == 0 {
					return s.create(ctx, "")
				}
				s.stage = 2
				s.pin.Reset()
			}
			return nil
		default:
			if msg.Code == tea.KeyEnter {
				pin := s.pin.Value()
				if !validPIN(pin) {
					s.problem = ctx.say("pin_format")
					s.pin.Reset()
					return nil
				}
				if s.stage == 2 {
					s.first, s.stage, s.problem = pin, 3, ""
					s.pin.Reset()
					return nil
				}
				if pin != s.first {
					s.problem = ctx.say("pin_mismatch")
					s.stage = 2
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
		if s.stage == 0 {
			var cmd tea.Cmd
			s.name, cmd = s.name.Update(msg)
			return cmd
		}
	case clickMsg:
		if s.stage == 1 && !s.busy {
			if i, ok := s.ask.update(ctx, msg); ok {
				if i == 0 {
					return s.create(ctx, "")
				}
				s.stage = 2
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

func validPIN(pin string) bool { return len(pin) >= 4 && len(pin) <= 6 && isDigits(pin) }

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
	case 0:
		s.name.SetWidth(min(w-4, 40))
		parts = append(parts, t.Heading.Render(wrap(ctx.say("name_question"), w)), wrap(ctx.say("name_hint"), w), "", s.name.View())
	case 1:
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
		if s.stage == 3 {
			q = ctx.say("pin_again")
		}
		parts = append(parts, t.Heading.Render(wrap(q, w)), wrap(ctx.say("pin_rule"), w), "", s.pin.View())
	}
	if s.busy {
		parts = append(parts, "", ctx.say("saving"))
	}
	if s.problem != "" {
		parts = append(parts, "", problemLine(t, s.problem, w))
	}
	return strings.Join(parts, "\n")
}

// pinScreen asks a learner for their secret code.
type pinScreen struct {
	learner record.LearnerSummary
	pin     textinput.Model
	problem string
	busy    bool
}

func newPINScreen(ctx *Context, l record.LearnerSummary) *pinScreen {
	return &pinScreen{learner: l, pin: newInput(ctx, true, 6)}
}

func (s *pinScreen) Title(ctx *Context) string { return sanitize(s.learner.Name) }
func (s *pinScreen) Typing() bool              { return true }

func (s *pinScreen) Help(ctx *Context) []key.Binding {
	return []key.Binding{ctx.Keys.Enter, ctx.Keys.Back}
}

func (s *pinScreen) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case pinMsg:
		s.busy = false
		if msg.err != nil {
			var pe *record.PINError
			if errors.As(msg.err, &pe) {
				s.problem = pe.Message(ctx.Lang)
			} else {
				s.problem = record.Explain(msg.err, ctx.Lang)
			}
			s.pin.Reset()
			return nil
		}
		return signIn(ctx, s.learner.ID)
	case signedInMsg: // only a failure reaches the screen; the model starts the session
		s.problem = record.Explain(msg.err, ctx.Lang)
		return nil
	case tea.KeyPressMsg:
		if s.busy {
			return nil
		}
		switch {
		case key.Matches(msg, ctx.Keys.Back):
			return back()
		case msg.Code == tea.KeyEnter:
			s.busy = true
			return checkPIN(ctx, s.learner.ID, s.pin.Value())
		case msg.Text != "" && !isDigits(msg.Text):
			s.problem = ctx.say("pin_digits")
			return nil
		}
		var cmd tea.Cmd
		s.pin, cmd = s.pin.Update(msg)
		return cmd
	}
	return nil
}

func (s *pinScreen) Render(ctx *Context, w, h int) string {
	t := ctx.Theme
	parts := []string{t.Heading.Render(wrap(ctx.say("pin_ask", sanitize(s.learner.Name)), w)), "", s.pin.View()}
	if s.busy {
		parts = append(parts, "", ctx.say("pin_checking"))
	}
	if s.problem != "" {
		parts = append(parts, "", problemLine(t, s.problem, w))
	}
	parts = append(parts, "", t.Muted.Render(wrap(ctx.say("pin_forgot"), w)))
	return strings.Join(parts, "\n")
}
