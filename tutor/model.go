package tutor

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"pasapas/i18n"
	"pasapas/learning"
	"pasapas/lessons"
	"pasapas/record"
)

// Context is what every screen shares: the size, the look, the keys, the
// language, the content, the store and the learner at the keyboard.
type Context struct {
	Lang    i18n.Lang
	Theme   Theme
	Keys    keyMap
	Lib     *lessons.Library
	Cat     *lessons.Catalogue
	Mouse   bool
	App     *learning.Service
	Session *session // nil until a learner is recognised, and in a preview
	// Mediator is the médiateur in the space (mediator.go); nil elsewhere.
	// A learner's session and the space never overlap.
	Mediator *record.Mediator
	// sessionSeq numbers the sessions, so a message asked for one is not
	// applied to the next.
	sessionSeq int
	Now        func() time.Time
	// Place names this PC in the visits.
	Place string
	// Server is the place's name on the shared server when the progress is
	// kept there; "" when it is kept in this PC's file. The space says it,
	// from what start-up knew, without asking the store (Config.Server).
	Server string
	// AteliersDir is where « Préparer un atelier » writes its file ("":
	// not offered).
	AteliersDir string

	Width, Height int // the whole window

	linear bool // the accessible mode: printed once, never redrawn
	light  bool // the terminal's background is light (Bubble Tea says so)
	// shown holds, in the accessible mode, the rows the last rendering
	// numbered (index → label): what a number or a word typed can choose.
	shown map[int]string
	// synchronous: commands are run one by one, to the end (the accessible
	// mode, tests); a command that waits for a change would never return.
	synchronous bool

	queue storeQueue // the store's commands, in the order they were asked
	asker screen     // the screen being updated: its store commands answer to it

	// md holds the lesson texts drawn by Glamour; collect, while the model
	// prepares a frame, notes the texts it lacks (markdown.go).
	md      *mdCache
	collect *[]mdKey

	// What the command line chose, restored when a learner leaves.
	base struct {
		lang  i18n.Lang
		theme Theme
		mouse bool
		// the command line's explicit choices, over the profile's (see
		// Config.LangFixed)
		langFixed, themeFixed, noColor bool
	}
}

func (c *Context) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

// setLang switches the language of the words and of the content.
func (c *Context) setLang(l i18n.Lang) {
	if l == "" {
		return
	}
	c.Lang = l
	c.Keys = newKeyMap(l)
	if c.Lib != nil { // nil while it loads (library.go)
		c.Cat = c.Lib.Catalogue(l)
	}
}

// applyPrefs takes a learner's settings. In the accessible mode the look
// stays plain text: a screen reader would spell out a theme's symbols.
func (c *Context) applyPrefs(p record.Prefs) {
	if !c.base.langFixed {
		c.setLang(p.Lang)
	}
	if c.linear {
		return
	}
	if th, ok := ThemeByName(p.Theme); ok && p.Theme != "" && !c.base.themeFixed {
		c.Theme = c.adapt(th)
	}
	c.Mouse = p.Mouse
}

// bar draws a progress bar, except in the accessible mode, where the words
// beside it ("Étape 3 sur 7") already say it and a row of symbols would be
// read out one by one.
func (c *Context) bar(width int, frac float64) string {
	if c.linear {
		return ""
	}
	return c.Theme.bar(width, frac)
}

// say returns a message in the learner's language.
func (c *Context) say(code string, args ...any) string { return say(c.Lang, code, args...) }

// screen is one page of the tutor. Screens are plain structs: they update
// their own state and draw themselves into the body box they are given; the
// top model draws the header, the help bar and the overlays.
type screen interface {
	// Update reacts to a message and may return a command.
	Update(ctx *Context, msg tea.Msg) tea.Cmd
	// Render draws the body, exactly width × height at most.
	Render(ctx *Context, width, height int) string
	// Title names the screen in the header.
	Title(ctx *Context) string
	// Help lists the keys that matter on this screen, for the help bar.
	Help(ctx *Context) []key.Binding
}

// Navigation between screens travels as messages, so screens never hold the
// stack.
type (
	pushMsg    struct{ s screen }
	popMsg     struct{}
	replaceMsg struct{ s screen }
	// startSessionMsg: a learner is recognised; their home replaces
	// everything.
	startSessionMsg struct{ state *record.State }
	// endSessionMsg: back to "Qui êtes-vous ?", with a word to read.
	endSessionMsg struct{ notice string }
)

func endSession(notice string) tea.Cmd {
	return func() tea.Msg { return endSessionMsg{notice} }
}

func push(s screen) tea.Cmd    { return func() tea.Msg { return pushMsg{s} } }
func back() tea.Cmd            { return func() tea.Msg { return popMsg{} } }
func replace(s screen) tea.Cmd { return func() tea.Msg { return replaceMsg{s} } }

// Minimal size: below it only "Agrandissez la fenêtre" is shown.
const minWidth, minHeight = 40, 12

// model is the only Bubble Tea model.
type model struct {
	ctx      *Context
	stack    []screen
	help     help.Model
	showHelp bool
	quitting *quitDialog

	idleLock  time.Duration // 0: never lock
	idleBase  time.Duration // the command line's (or default) delay, outside an atelier
	idleGiven bool          // the command line gave it: an atelier's delay does not apply
	lastInput time.Time
	tick      func() tea.Cmd // schedules the next idle check; tests replace it
	notice    string         // a failed save, said above the screen until the next key
	bodyTop   int            // first line of the body in the last frame, for clicks

	// askBackground: ask the terminal its background colour at start (a
	// real program; the tests and the accessible mode do not)
	askBackground bool
	// loadLib reads the library in the background (library.go); waiting
	// is a learner's session or a médiateur's space ready before it
	// (startSessionMsg or startSpaceMsg).
	loadLib func() *lessons.Library
	waiting tea.Msg
}

// idleTickMsg wakes the model up to check how long the keyboard has been
// quiet.
type idleTickMsg struct{}

const idleCheck = 15 * time.Second

func idleTick() tea.Cmd {
	return tea.Tick(idleCheck, func(time.Time) tea.Msg { return idleTickMsg{} })
}

func newModel(ctx *Context, first screen) *model {
	h := help.New()
	h.ShortSeparator = "  ·  "
	return &model{ctx: ctx, stack: []screen{first}, help: h, tick: idleTick}
}

func (m *model) top() screen { return m.stack[len(m.stack)-1] }

func (m *model) Init() tea.Cmd {
	m.lastInput = m.ctx.now()
	cmds := []tea.Cmd{}
	if m.idleLock > 0 && m.tick != nil {
		cmds = append(cmds, m.tick())
	}
	cmds = append(cmds, m.init(m.top()))
	if m.askBackground {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	if m.ctx.Lib == nil && m.loadLib != nil {
		cmds = append(cmds, loadLibrary(m.loadLib))
	}
	return tea.Batch(cmds...)
}

// lockIfIdle ends the session of a learner who walked away: the next person
// at this shared PC must not find their lessons and results open.
func (m *model) lockIfIdle() tea.Cmd {
	if p, ok := m.top().(*presenterScreen); ok && !p.root {
		return nil // a médiateur presenting to a room may talk longer than the lock
	}
	if (m.ctx.Session != nil || m.ctx.Mediator != nil) && m.idleLock > 0 && m.ctx.now().Sub(m.lastInput) >= m.idleLock {
		m.quitting, m.showHelp = nil, false
		return endSession(m.ctx.say("idle_locked", howLong(m.ctx, m.idleLock)))
	}
	m.warnIfIdle()
	return nil
}

// howLong says a duration in whole minutes, or in seconds below a minute
// or when it is not a whole number of minutes ("--idle-lock 90s").
func howLong(ctx *Context, d time.Duration) string {
	if d >= time.Minute && d%time.Minute == 0 {
		if n := int(d / time.Minute); n != 1 {
			return ctx.say("n_minutes", n)
		}
		return ctx.say("one_minute")
	}
	if n := int(d.Round(time.Second) / time.Second); n != 1 {
		return ctx.say("n_seconds", n)
	}
	return ctx.say("one_second")
}

// deliver gives a message to a screen. Store commands the screen asks for
// meanwhile are addressed to it (see storeCmd).
func (m *model) deliver(s screen, msg tea.Msg) tea.Cmd {
	m.ctx.asker = s
	defer func() { m.ctx.asker = nil }()
	return s.Update(m.ctx, msg)
}

// init starts a screen just put on the stack, if it loads anything.
func (m *model) init(s screen) tea.Cmd {
	i, ok := s.(interface{ Init(*Context) tea.Cmd })
	if !ok {
		return nil
	}
	m.ctx.asker = s
	defer func() { m.ctx.asker = nil }()
	return i.Init(m.ctx)
}

// onStack says whether a screen is still on the stack.
func (m *model) onStack(s screen) bool {
	for _, t := range m.stack {
		if t == s {
			return true
		}
	}
	return false
}

func (m *model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if r, ok := msg.(renderedMsg); ok {
		m.ctx.md.store(r)
		return m, nil
	}
	next, cmd := m.update(msg)
	if prepare := m.prepareTexts(); prepare != nil {
		cmd = tea.Batch(cmd, prepare)
	}
	return next, cmd
}

func (m *model) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	// A store command's answer goes to the screen that asked for it, and
	// to none once the learner has left that screen: a late start or a
	// late "answer saved" must never land on another test or question.
	to := m.top()
	if a, ok := msg.(addressedMsg); ok {
		msg, to = a.msg, a.to
	}
	if took, cmd := m.atelierUpdate(msg, to); took {
		return m, cmd
	}
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.ctx.Width, m.ctx.Height = msg.Width, msg.Height
		return m, m.deliver(m.top(), msg)
	case tea.BackgroundColorMsg:
		m.ctx.onBackground(!msg.IsDark())
		return m, nil
	case pushMsg:
		m.stack = append(m.stack, msg.s)
		return m, m.initTop()
	case replaceMsg:
		m.stack[len(m.stack)-1] = msg.s
		return m, m.initTop()
	case unwindMsg:
		// Back several screens at once (after an erase, the profile's
		// page is gone too), then a word for the screen found there.
		for i := 0; i < msg.n && len(m.stack) > 1; i++ {
			m.stack = m.stack[:len(m.stack)-1]
		}
		cmd := m.deliver(m.top(), resumeMsg{})
		if msg.then != nil {
			cmd = tea.Batch(cmd, m.deliver(m.top(), msg.then))
		}
		return m, cmd
	case popMsg:
		if len(m.stack) > 1 {
			m.stack = m.stack[:len(m.stack)-1]
		}
		return m, m.deliver(m.top(), resumeMsg{})
	case quitMsg:
		m.endVisitNow()
		return m, tea.Quit
	case signedInMsg:
		if msg.err == nil && m.ctx.Session == nil {
			return m.update(startSessionMsg{msg.state})
		}
	case stateMsg:
		// A reload asked by an earlier session (its learner left, another
		// came) must never reach the screen: it would show them someone
		// else's progress.
		if m.ctx.Session == nil || msg.session != m.ctx.sessionSeq {
			return m, nil
		}
	case savedMsg:
		// A background save failed: said above any screen, whichever it is.
		if msg.err != nil {
			m.notice = m.ctx.say("not_saved", explain(m.ctx, msg.err))
		}
		return m, nil
	case recordedMsg:
		if msg.later != nil {
			m.notice = m.ctx.say("not_saved", explain(m.ctx, msg.later))
		}
	case libraryMsg:
		return m.onLibrary(msg.lib)
	case startSessionMsg:
		if m.ctx.Lib == nil {
			m.waiting = msg // the library is loading: the session opens with it
			return m, nil
		}
		m.ctx.sessionSeq++
		m.ctx.Session = &session{learner: msg.state.Learner, state: msg.state}
		m.ctx.applyPrefs(msg.state.Learner.Prefs)
		m.stack = []screen{newHomeScreen(m.ctx)}
		return m, tea.Batch(m.initTop(), m.sessionStarted())
	case startSpaceMsg:
		if m.ctx.Lib == nil {
			// The space's home reads the library too (its ateliers, the
			// files left out): it opens with it.
			m.waiting = msg
			return m, nil
		}
		m.ctx.sessionSeq++
		m.ctx.Session, m.ctx.Mediator = nil, &msg.m
		m.stack = []screen{newSpaceHome(m.ctx)}
		return m, m.initTop()
	case endSessionMsg:
		ended := m.sessionEnding()
		m.ctx.Session, m.ctx.Mediator = nil, nil
		m.ctx.setLang(m.ctx.base.lang)
		m.ctx.Theme, m.ctx.Mouse = m.ctx.base.theme, m.ctx.base.mouse
		m.stack = []screen{newProfilesScreen(msg.notice)}
		return m, tea.Batch(ended, m.initTop())
	case idleTickMsg:
		var next tea.Cmd
		if m.tick != nil {
			next = m.tick()
		}
		// Every tick also reads the learner's atelier and call again: the
		// médiateur may have answered the call or closed the atelier.
		return m, tea.Batch(m.lockIfIdle(), next, loadMyAtelier(m.ctx))
	case tea.KeyPressMsg:
		m.lastInput = m.ctx.now()
		m.notice = ""
		return m, m.key(msg)
	case tea.PasteMsg:
		m.lastInput = m.ctx.now()
	case tea.MouseClickMsg:
		m.lastInput = m.ctx.now()
		if m.quitting != nil || m.showHelp || msg.Button != tea.MouseLeft {
			return m, nil
		}
		mouse := msg.Mouse()
		return m, m.deliver(m.top(), clickMsg{x: mouse.X, y: mouse.Y - m.bodyTop})
	}
	if !m.onStack(to) {
		return m, nil
	}
	return m, m.deliver(to, msg)
}

// renderBody draws what is between the header and the help bar: the quit
// dialog, the help or the screen. A line wider than w is a layout mistake
// (the view then cuts it); the tests look for it.
func (m *model) renderBody(w, bodyH int) string {
	switch {
	case m.quitting != nil:
		return m.renderQuit(w, bodyH)
	case m.showHelp:
		return m.renderHelp(w, bodyH)
	}
	return m.top().Render(m.ctx, w, bodyH)
}

func tooWide(s string, w int) bool {
	for _, l := range strings.Split(s, "\n") {
		if lipgloss.Width(l) > w {
			return true
		}
	}
	return false
}

// resumeMsg tells a screen it is on top again.
type resumeMsg struct{}

func (m *model) initTop() tea.Cmd {
	cmds := []tea.Cmd{m.deliver(m.top(), tea.WindowSizeMsg{Width: m.ctx.Width, Height: m.ctx.Height})}
	cmds = append(cmds, m.init(m.top()))
	return tea.Batch(cmds...)
}

// key handles the keys that work everywhere, then gives the key to the
// dialog or the screen on top.
func (m *model) key(msg tea.KeyPressMsg) tea.Cmd {
	keys := m.ctx.Keys
	switch {
	case m.quitting != nil:
		if key.Matches(msg, keys.Quit) {
			return tea.Quit // a second Ctrl+C really means it
		}
		return m.quitting.update(m, msg)
	case key.Matches(msg, keys.Quit):
		m.quitting = &quitDialog{}
		m.quitting.menu.set([]menuItem{{label: m.ctx.say("quit_no")}, {label: m.ctx.say("quit_yes")}})
		return nil
	case m.showHelp:
		if key.Matches(msg, keys.Back, keys.Help, keys.Enter) {
			m.showHelp = false
		}
		return nil
	case key.Matches(msg, keys.Help) && !typing(m.top()):
		m.showHelp = true
		return nil
	}
	if cmd, ok := m.callKey(msg); ok {
		return cmd
	}
	return m.deliver(m.top(), msg)
}

// typing says whether the screen is taking text, where "?" is a character
// and not a request for help.
func typing(s screen) bool {
	t, ok := s.(interface{ Typing() bool })
	return ok && t.Typing()
}

// askedOn returns the question a screen waits an answer to, or nil.
func askedOn(s screen) *questionView {
	if a, ok := s.(interface{ Asking() *questionView }); ok {
		return a.Asking()
	}
	return nil
}

type quitMsg struct{}

// quitDialog asks before quitting: a learner who pressed Ctrl+C by accident
// loses nothing. "Non" comes first.
type quitDialog struct{ menu menu }

func (q *quitDialog) update(m *model, msg tea.KeyPressMsg) tea.Cmd {
	if key.Matches(msg, m.ctx.Keys.Back) {
		m.quitting = nil
		return nil
	}
	if i, ok := q.menu.update(m.ctx, msg); ok {
		m.quitting = nil
		if i == 1 {
			return func() tea.Msg { return quitMsg{} }
		}
	}
	return nil
}

const headerHeight = 2 // title line and rule

func (m *model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.WindowTitle = m.ctx.say("app")
	if m.ctx.Mouse {
		v.MouseMode = tea.MouseModeCellMotion
	}
	return v
}

// render draws the whole window: header, body, help bar.
func (m *model) render() string {
	ctx := m.ctx
	w, h := ctx.Width, ctx.Height
	if w < minWidth || h < minHeight {
		return fit(wrap(ctx.say("too_small"), max(1, w)), max(1, w), max(1, h))
	}
	t := ctx.Theme
	app := t.Header.Render(ctx.say("app")) + t.Muted.Render("  ·  ")
	who := ""
	if ctx.Session != nil {
		who = sanitize(ctx.Session.learner.Name)
	}
	if ctx.Mediator != nil {
		who = sanitize(ctx.Mediator.Name)
	}
	// The screen's title gives way first, with "…", so the learner's name
	// (who is in session, on a shared PC) stays visible.
	room := w - lipgloss.Width(app) - lipgloss.Width(who) - 2
	title := app + t.Title.Render(ansi.Truncate(sanitize(m.top().Title(ctx)), max(1, room), "…"))
	if who != "" {
		if gap := w - lipgloss.Width(title) - lipgloss.Width(who); gap >= 2 {
			title += strings.Repeat(" ", gap) + t.Muted.Render(who)
		}
	}
	header := fit(title, w, 1) + "\n" + t.rule(w)

	notice, bodyH := m.bodyHeight()
	if notice != "" {
		header += "\n" + notice
	}
	if banner := callBanner(ctx, w); banner != "" {
		header += "\n" + banner
	}
	m.bodyTop = h - 2 - bodyH
	body := m.centredBody(w, bodyH)
	if pad := bodyH - lipgloss.Height(body); pad > 0 {
		body += strings.Repeat("\n", pad)
	}

	m.help.SetWidth(w)
	// The learner may have changed the look since the last frame.
	m.help.Styles.ShortKey, m.help.Styles.ShortDesc = t.Key, t.Text
	m.help.Styles.ShortSeparator, m.help.Styles.Ellipsis = t.Muted, t.Muted
	bindings := m.top().Help(ctx)
	if m.quitting != nil || m.showHelp {
		bindings = []key.Binding{ctx.Keys.Enter, ctx.Keys.Back}
	} else {
		// Help first: when the bar is too narrow, the others give way.
		// In an atelier, « Appeler le médiateur » comes after the help
		// (atelier.go).
		if callShown(ctx) {
			bindings = append([]key.Binding{ctx.Keys.Call}, bindings...)
		}
		bindings = footerKeys(ctx, m.top(), bindings)
	}
	footer := t.rule(w) + "\n" + fit(m.help.ShortHelpView(bindings), w, 1)
	return t.plainSymbols(ctx, header+"\n"+body+"\n"+footer)
}

// bodyHeight returns the notice drawn above the body, if any, and the
// body's height: the window less the header, the notice and the help bar.
func (m *model) bodyHeight() (string, int) {
	bodyH := m.ctx.Height - headerHeight - 2
	if b := callBanner(m.ctx, m.ctx.Width); b != "" {
		bodyH -= lipgloss.Height(b)
	}
	if m.notice == "" {
		return "", bodyH
	}
	n := fit(m.noticeLine(m.ctx.Theme, m.ctx.Width), m.ctx.Width, 2)
	return n, bodyH - lipgloss.Height(n)
}

func (m *model) renderQuit(w, h int) string {
	t := m.ctx.Theme
	return strings.Join([]string{
		"",
		t.Heading.Render(wrap(m.ctx.say("quit_title"), w)),
		wrap(m.ctx.say("quit_saved"), w),
		"",
		m.quitting.menu.render(m.ctx, w, h-4, 4),
	}, "\n")
}

func (m *model) renderHelp(w, h int) string {
	ctx := m.ctx
	t := ctx.Theme
	lines := []string{t.Heading.Render(ctx.say("help_title")), wrap(ctx.say("help_intro"), w), ""}
	seen := map[string]bool{}
	all := append(screenKeys(ctx, m.top(), m.top().Help(ctx)), ctx.Keys.Up, ctx.Keys.Down, ctx.Keys.Enter, ctx.Keys.Back, ctx.Keys.Quit)
	for _, b := range all {
		hk := b.Help()
		if seen[hk.Key+hk.Desc] || hk.Key == "" {
			continue
		}
		seen[hk.Key+hk.Desc] = true
		lines = append(lines, hanging(t.Key.Render(hk.Key)+"  ", hk.Desc, w))
	}
	lines = append(lines, "", wrap(ctx.say("help_numbers"), w))
	if ctx.Mouse {
		lines = append(lines, wrap(ctx.say("help_mouse"), w))
	}
	lines = append(lines, "", t.Muted.Render(wrap(ctx.say("help_close"), w)))
	return strings.Join(lines, "\n")
}
