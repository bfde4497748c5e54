package tutor

import (
	"context"
	"errors"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"pasapas/learning"
	"pasapas/record"
)

// The médiateur's space: reached from the last line of « Qui êtes-vous ? »
// and with `pasapas mediateur`. Its screens hold UI state only; what may be
// shown of a learner is decided by package learning (Profiles holds no
// result; SharedProgress refuses a learner who does not share).

// Store answers of the space.
type (
	mediatorsMsg struct {
		list []record.Mediator
		err  error
	}
	mediatorMadeMsg struct {
		m   record.Mediator
		err error
	}
	mediatorPINMsg struct {
		m   record.Mediator
		err error
	}
	profilesMsg struct {
		list []record.Profile
		err  error
	}
	// spaceDoneMsg: a change made (or not) in the space.
	spaceDoneMsg struct{ err error }
	// noticeMsg: a word for the screen now on top, after a change.
	noticeMsg struct{ text string }
	// startSpaceMsg: a médiateur is recognised; the space's home replaces
	// everything.
	startSpaceMsg struct{ m record.Mediator }
)

// unwindMsg goes back n screens, then gives then (if any) to the screen
// found there.
type unwindMsg struct {
	n    int
	then tea.Msg
}

// backWith goes back n screens and says text on the screen found there.
func backWith(n int, text string) tea.Cmd {
	return func() tea.Msg { return unwindMsg{n, noticeMsg{text}} }
}

func loadMediators(ctx *Context) tea.Cmd {
	app := ctx.App
	return storeCmd(ctx, func(c context.Context) tea.Msg {
		list, err := app.Mediators(c)
		return mediatorsMsg{list, err}
	})
}

func loadProfiles(ctx *Context) tea.Cmd {
	app := ctx.App
	return storeCmd(ctx, func(c context.Context) tea.Msg {
		list, err := app.Profiles(c)
		return profilesMsg{list, err}
	})
}

// spaceChange runs a change of the space and answers spaceDoneMsg.
func spaceChange(ctx *Context, f func(c context.Context, app *learning.Service, by record.MediatorID) error) tea.Cmd {
	app, by := ctx.App, ctx.Mediator.ID
	return storeCmd(ctx, func(c context.Context) tea.Msg { return spaceDoneMsg{f(c, app, by)} })
}

// spaceExplain says an error of the space in plain words.
func spaceExplain(ctx *Context, err error) string {
	// An error of a use case that says itself (learning's attestation,
	// structure, period) has one wording, the command line's too.
	var ex record.Explainer
	switch {
	case errors.As(err, &ex):
		return ex.Message(ctx.Lang)
	case errors.Is(err, learning.ErrNoSpace):
		return ctx.say("space_unavailable")
	case errors.Is(err, record.ErrTrivialPIN):
		return ctx.say("space_code_trivial")
	case errors.Is(err, record.ErrSelf):
		return ctx.say("space_not_self")
	case errors.Is(err, record.ErrNoConsent):
		return ctx.say("space_no_consent")
	}
	return explain(ctx, err)
}

// codeField is a secret field for a code: dots on screen, digits only.
type codeField struct{ in textinput.Model }

func newCodeField(ctx *Context) codeField { return codeField{in: newInput(ctx, true, 6)} }

// update takes a key. A key that is not a digit is not typed: *problem
// then says that a code is digits only (and is left as it was otherwise,
// so that the screen's own problem stays in sight while typing).
func (f *codeField) update(ctx *Context, msg tea.KeyPressMsg, problem *string) tea.Cmd {
	if msg.Text != "" && !isDigits(msg.Text) {
		*problem = ctx.say("pin_digits")
		return nil
	}
	var cmd tea.Cmd
	f.in, cmd = f.in.Update(msg)
	return cmd
}

// spaceGate opens the space: the first time, it creates the first
// account; then a médiateur chooses their name and types their code.
type spaceGate struct {
	loaded  bool
	list    []record.Mediator
	menu    menu
	chosen  *record.Mediator
	code    codeField
	busy    bool
	problem string
}

func newSpaceGate() *spaceGate { return &spaceGate{} }

func (s *spaceGate) Init(ctx *Context) tea.Cmd { return loadMediators(ctx) }
func (s *spaceGate) Title(ctx *Context) string { return ctx.say("space_title") }
func (s *spaceGate) Typing() bool              { return s.chosen != nil }
func (s *spaceGate) Secret() bool              { return s.chosen != nil }
func (s *spaceGate) Help(ctx *Context) []key.Binding {
	if s.chosen != nil {
		return []key.Binding{ctx.Keys.Enter, ctx.Keys.Back}
	}
	return menuKeys(ctx)
}

func (s *spaceGate) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case resumeMsg:
		return loadMediators(ctx)
	case mediatorsMsg:
		s.loaded = true
		if msg.err != nil {
			s.problem = spaceExplain(ctx, msg.err)
			return nil
		}
		if len(msg.list) == 0 {
			// The first time: the space opens on the first account.
			return replace(newAccountScreen(ctx, true))
		}
		s.list = msg.list
		var items []menuItem
		for _, m := range s.list {
			items = append(items, menuItem{label: m.Name})
		}
		items = append(items, menuItem{label: ctx.say("space_leave")})
		s.menu.set(items)
		return nil
	case mediatorPINMsg:
		s.busy = false
		if msg.err != nil {
			var pe *record.PINError
			if errors.As(msg.err, &pe) {
				s.problem = pe.Message(ctx.Lang)
			} else {
				s.problem = spaceExplain(ctx, msg.err)
			}
			s.code.in.Reset()
			return nil
		}
		m := msg.m
		return func() tea.Msg { return startSpaceMsg{m} }
	case tea.KeyPressMsg:
		if s.busy {
			return nil
		}
		if key.Matches(msg, ctx.Keys.Back) {
			if s.chosen != nil {
				s.chosen, s.problem = nil, ""
				return nil
			}
			return endSession("")
		}
		if s.chosen != nil {
			if msg.Code == tea.KeyEnter {
				s.busy, s.problem = true, ""
				app, m, pin := ctx.App, *s.chosen, s.code.in.Value()
				return storeCmd(ctx, func(c context.Context) tea.Msg {
					return mediatorPINMsg{m, app.CheckMediatorPIN(c, m.ID, pin)}
				})
			}
			return s.code.update(ctx, msg, &s.problem)
		}
	}
	if !s.loaded || s.chosen != nil || s.busy {
		return nil
	}
	if i, ok := s.menu.update(ctx, msg); ok {
		s.problem = ""
		if i == len(s.list) {
			return endSession("")
		}
		m := s.list[i]
		s.chosen, s.code = &m, newCodeField(ctx)
	}
	return nil
}

func (s *spaceGate) Render(ctx *Context, w, h int) string {
	t := ctx.Theme
	var parts []string
	if s.chosen != nil {
		parts = append(parts, t.Heading.Render(wrap(ctx.say("space_code_ask", sanitize(s.chosen.Name)), w)), "", s.code.in.View())
		if s.busy {
			parts = append(parts, "", ctx.say("pin_checking"))
		}
		if s.problem != "" {
			parts = append(parts, "", problemLine(t, s.problem, w))
		}
		return strings.Join(parts, "\n")
	}
	parts = append(parts, t.Heading.Render(wrap(ctx.say("space_who"), w)))
	parts = noticeLines(t, parts, "", s.problem, w)
	head := strings.Join(parts, "\n")
	return menuOrLoading(ctx, s.loaded, head, &s.menu, w, h)
}

// accountScreen creates a médiateur's account: a name, then a code typed
// twice. The first account opens the space; the next ones are added by a
// médiateur already in it.
type accountScreen struct {
	first   bool
	stage   int // 0 name, 1 code, 2 code again
	name    textinput.Model
	code    codeField
	typed   string
	busy    bool
	problem string
}

func newAccountScreen(ctx *Context, first bool) *accountScreen {
	return &accountScreen{first: first, name: newInput(ctx, false, 40), code: newCodeField(ctx)}
}

func (s *accountScreen) Title(ctx *Context) string { return ctx.say("space_title") }
func (s *accountScreen) Typing() bool              { return true }
func (s *accountScreen) Secret() bool              { return s.stage > 0 }
func (s *accountScreen) Help(ctx *Context) []key.Binding {
	return []key.Binding{ctx.Keys.Enter, ctx.Keys.Back}
}

func (s *accountScreen) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case mediatorMadeMsg:
		s.busy = false
		if msg.err != nil {
			s.problem = spaceExplain(ctx, msg.err)
			s.stage = 1
			s.code.in.Reset()
			return nil
		}
		if s.first {
			m := msg.m
			return func() tea.Msg { return startSpaceMsg{m} }
		}
		return backWith(1, ctx.say("space_account_added", sanitize(msg.m.Name)))
	case tea.PasteMsg:
		if s.stage == 0 {
			var cmd tea.Cmd
			s.name, cmd = s.name.Update(cleanPaste(msg))
			return cmd
		}
	case tea.KeyPressMsg:
		if s.busy {
			return nil
		}
		if key.Matches(msg, ctx.Keys.Back) {
			if s.stage == 0 {
				if s.first {
					return endSession("")
				}
				return back()
			}
			s.stage, s.problem = s.stage-1, ""
			s.code.in.Reset()
			return nil
		}
		if msg.Code != tea.KeyEnter {
			if s.stage == 0 {
				return typeKey(&s.name, msg)
			}
			return s.code.update(ctx, msg, &s.problem)
		}
		switch s.stage {
		case 0:
			if strings.TrimSpace(sanitize(s.name.Value())) == "" {
				s.problem = ctx.say("name_empty")
				return nil
			}
			s.stage, s.problem = 1, ""
		case 1:
			pin := s.code.in.Value()
			s.code.in.Reset()
			switch {
			case !record.ValidPIN(pin):
				s.problem = ctx.say("pin_format")
			case record.TrivialPIN(pin):
				s.problem = ctx.say("space_code_trivial")
			default:
				s.typed, s.stage, s.problem = pin, 2, ""
			}
		case 2:
			pin := s.code.in.Value()
			s.code.in.Reset()
			if pin != s.typed {
				s.stage, s.problem = 1, ctx.say("pin_mismatch")
				return nil
			}
			s.busy, s.problem = true, ""
			app, name := ctx.App, strings.TrimSpace(sanitize(s.name.Value()))
			var by record.MediatorID
			if ctx.Mediator != nil && !s.first {
				by = ctx.Mediator.ID
			}
			return storeCmd(ctx, func(c context.Context) tea.Msg {
				m, err := app.CreateMediator(c, by, name, pin)
				return mediatorMadeMsg{m, err}
			})
		}
	}
	return nil
}

func (s *accountScreen) Render(ctx *Context, w, h int) string {
	t := ctx.Theme
	var parts []string
	switch s.stage {
	case 0:
		if s.first {
			parts = append(parts, t.Heading.Render(wrap(ctx.say("space_welcome"), w)), wrap(ctx.say("space_first"), w), "")
		} else {
			parts = append(parts, t.Heading.Render(wrap(ctx.say("space_add_account"), w)), "")
		}
		s.name.SetWidth(min(w-4, 40))
		parts = append(parts, wrap(ctx.say("space_name_ask"), w), "", s.name.View())
	default:
		q := ctx.say("space_code_new")
		if s.stage == 2 {
			q = ctx.say("pin_again")
		}
		parts = append(parts, t.Heading.Render(wrap(q, w)), wrap(ctx.say("space_code_rule"), w), "", s.code.in.View())
	}
	return joinStatus(ctx, parts, s.busy, s.problem, w)
}

// spaceHome is the space's first page.
type spaceHome struct {
	menu    menu
	acts    []func(ctx *Context) tea.Cmd
	notice  string
	problem string
}

func newSpaceHome(ctx *Context) *spaceHome {
	s := &spaceHome{}
	add := func(label, detail string, act func(ctx *Context) tea.Cmd) {
		s.menu.items = append(s.menu.items, menuItem{label: label, detail: detail})
		s.acts = append(s.acts, act)
	}
	add(ctx.say("space_profiles"), ctx.say("space_profiles_detail"), func(ctx *Context) tea.Cmd { return push(newSpaceProfiles()) })
	add(ctx.say("space_journal"), ctx.say("space_journal_detail"), func(ctx *Context) tea.Cmd { return push(newJournalScreen()) })
	add(ctx.say("space_accounts"), ctx.say("space_accounts_detail"), func(ctx *Context) tea.Cmd { return push(newAccountsScreen()) })
	add(ctx.say("space_retention"), ctx.say("space_retention_detail"), func(ctx *Context) tea.Cmd { return push(newRetentionScreen()) })
	add(ctx.say("att_structure"), "", func(ctx *Context) tea.Cmd { return push(newStructureScreen()) })
	add(ctx.say("pres_entry"), ctx.say("pres_entry_detail"), func(ctx *Context) tea.Cmd { return push(newPresenterPicker(ctx)) })
	if len(ctx.Lib.Skipped) > 0 {
		add(ctx.say("content_problems"), "", func(ctx *Context) tea.Cmd { return push(newProblemsScreen(ctx)) })
	}
	if ctx.App.HasGroup() {
		add(ctx.say("space_ateliers"), ctx.say("space_ateliers_detail"), func(ctx *Context) tea.Cmd { return push(newAteliersScreen()) })
		add(ctx.say("group_title"), ctx.say("space_group_detail"), func(ctx *Context) tea.Cmd { return push(newGroupScreen(nil)) })
	}
	add(ctx.say("space_leave"), "", func(ctx *Context) tea.Cmd { return endSession(ctx.say("space_left")) })
	s.menu.set(s.menu.items)
	return s
}

func (s *spaceHome) Title(ctx *Context) string { return ctx.say("space_title") }
func (s *spaceHome) Help(ctx *Context) []key.Binding {
	return []key.Binding{ctx.Keys.Digits, ctx.Keys.Enter}
}

func (s *spaceHome) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case noticeMsg:
		s.notice = msg.text
		return nil
	case tea.KeyPressMsg:
		s.notice = ""
	}
	if i, ok := s.menu.update(ctx, msg); ok {
		return s.acts[i](ctx)
	}
	return nil
}

func (s *spaceHome) Render(ctx *Context, w, h int) string {
	t := ctx.Theme
	parts := []string{t.Heading.Render(wrap(ctx.say("space_hello", sanitize(ctx.Mediator.Name)), w)), wrap(ctx.say("space_rule"), w),
		wrap(spaceData(ctx), w)}
	if s.notice != "" {
		parts = append(parts, t.Good.Render(wrap(s.notice, w)))
	}
	head := strings.Join(parts, "\n")
	// In a short window (80×24), the blank line under the head gives way
	// before the menu's last choices would scroll out of sight.
	gap, lines := "\n\n", 0
	for i := range s.menu.items {
		b, _ := s.menu.block(ctx, i, w)
		lines += len(b)
	}
	if strings.Count(head, "\n")+2+lines > h {
		gap = "\n"
	}
	top := strings.Count(head, "\n") + strings.Count(gap, "\n")
	return head + gap + s.menu.render(ctx, w, h-top, top)
}

// spaceData says where the progress is kept: this PC's file, or the
// place's server. It comes from start-up (Context.Server), never from the
// store at each frame; the place's name comes from a file or the command
// line, so it is sanitised like any name.
func spaceData(ctx *Context) string {
	if ctx.Server == "" {
		return ctx.say("space_data_pc")
	}
	return ctx.say("space_data_server", sanitize(ctx.Server))
}
