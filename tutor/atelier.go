package tutor

import (
	"context"
	"errors"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"pasapas/learning"
	"pasapas/lessons"
	"pasapas/record"
)

// The learner's side of ateliers: « Rejoindre un atelier » with the code
// the médiateur gives, the consent for that atelier, « Mon atelier » (the
// parcours, the next lesson first), the visit written from sign-in to the
// end of the session, and « Appeler le médiateur » (F2) on every screen.
// What is shown of whom is decided by package learning.

// atelierOf is what the session knows of the learner's atelier.
type atelierOf struct {
	run     *record.Run // nil: in no open atelier
	consent bool
	anyOpen bool // an atelier is open in this place: « Rejoindre un atelier » is offered
	calling bool // the store says the learner calls (the médiateur may have answered)
}

// Store answers about the learner's atelier and visit, for the model.
type (
	myAtelierMsg struct {
		seq int
		at  atelierOf
		err error
	}
	visitStartedMsg struct {
		seq int
		id  record.VisitID
	}
	callMsg struct {
		seq int
		on  bool
		err error
	}
	foundAtelierMsg struct {
		run record.Run
		err error
	}
	joinedMsg struct {
		run     record.Run
		consent bool
		err     error
	}
)

// loadMyAtelier reads the learner's open atelier, and whether any is open.
func loadMyAtelier(ctx *Context) tea.Cmd {
	if ctx.Session == nil || !ctx.App.HasGroup() {
		return nil
	}
	app, id, seq := ctx.App, ctx.Session.learner.ID, ctx.sessionSeq
	return storeCmd(ctx, func(c context.Context) tea.Msg {
		r, m, ok, err := app.MyAtelier(c, id)
		if err != nil {
			return myAtelierMsg{seq: seq, err: err}
		}
		open, err := app.OpenRuns(c)
		if err != nil {
			return myAtelierMsg{seq: seq, err: err}
		}
		at := atelierOf{anyOpen: len(open) > 0}
		if ok {
			at.run, at.consent = &r, m.Consent
		}
		at.calling, err = app.Calling(c, id)
		return myAtelierMsg{seq: seq, at: at, err: err}
	})
}

// sessionStarted writes the visit's start and reads the learner's atelier.
func (m *model) sessionStarted() tea.Cmd {
	ctx := m.ctx
	if !ctx.App.HasGroup() {
		return nil
	}
	app, id, seq, place := ctx.App, ctx.Session.learner.ID, ctx.sessionSeq, ctx.Place
	start := storeCmd(ctx, func(c context.Context) tea.Msg {
		v, err := app.StartVisit(c, id, place)
		if err != nil {
			return savedMsg{err: err}
		}
		return visitStartedMsg{seq, v}
	})
	return tea.Batch(start, loadMyAtelier(ctx))
}

// sessionEnding ends the visit and the call of the session that ends
// (« Terminer ma séance », the idle lock); the idle delay goes back to the
// command line's.
func (m *model) sessionEnding() tea.Cmd {
	m.idleLock = m.idleBase
	s := m.ctx.Session
	if s == nil || !m.ctx.App.HasGroup() {
		return nil
	}
	app, id, visit, calling := m.ctx.App, s.learner.ID, s.visit, s.calling
	return storeCmd(m.ctx, func(c context.Context) tea.Msg {
		err := app.EndVisit(c, visit)
		if calling {
			err = errors.Join(err, app.CallMediator(c, id, false))
		}
		if err != nil {
			return savedMsg{err: err}
		}
		return nil
	})
}

// restartVisit ends the session's visit and starts another, in the
// learner's atelier.
func (m *model) restartVisit() tea.Cmd {
	ctx := m.ctx
	app, id, seq, place, old := ctx.App, ctx.Session.learner.ID, ctx.sessionSeq, ctx.Place, ctx.Session.visit
	return storeCmd(ctx, func(c context.Context) tea.Msg {
		if err := app.EndVisit(c, old); err != nil {
			return savedMsg{err: err}
		}
		v, err := app.StartVisit(c, id, place)
		if err != nil {
			return savedMsg{err: err}
		}
		return visitStartedMsg{seq, v}
	})
}

// endVisitNow ends the visit before the program quits (Ctrl+C).
func (m *model) endVisitNow() {
	if s := m.ctx.Session; s != nil && m.ctx.App.HasGroup() {
		c, cancel := storeCtx()
		defer cancel()
		m.ctx.App.EndVisit(c, s.visit)
		if s.calling {
			m.ctx.App.CallMediator(c, s.learner.ID, false)
		}
	}
}

// atelierUpdate handles the model's messages about ateliers; it says
// whether it took the message.
func (m *model) atelierUpdate(msg tea.Msg, to screen) (bool, tea.Cmd) {
	ctx := m.ctx
	switch msg := msg.(type) {
	case myAtelierMsg:
		if ctx.Session == nil || msg.seq != ctx.sessionSeq || msg.err != nil {
			return true, nil
		}
		ctx.Session.atelier = msg.at
		if ctx.Session.callsPending == 0 { // else a read from before the key
			ctx.Session.calling = msg.at.calling
		}
		m.applyAtelierIdle()
		if h, ok := m.top().(*homeScreen); ok {
			h.build(ctx)
		}
		return true, nil
	case visitStartedMsg:
		if ctx.Session != nil && msg.seq == ctx.sessionSeq {
			ctx.Session.visit = msg.id
		}
		return true, nil
	case callMsg:
		if ctx.Session == nil || msg.seq != ctx.sessionSeq {
			return true, nil
		}
		ctx.Session.callsPending--
		if msg.err != nil {
			ctx.Session.calling = !msg.on
			m.notice = ctx.say("not_saved", explain(ctx, msg.err))
		}
		return true, nil
	case joinedMsg:
		if msg.err != nil || ctx.Session == nil {
			return false, nil
		}
		r := msg.run
		joining := ctx.Session.atelier.run == nil || ctx.Session.atelier.run.ID != r.ID
		ctx.Session.atelier = atelierOf{run: &r, consent: msg.consent, anyOpen: true, calling: ctx.Session.calling}
		m.applyAtelierIdle()
		var cmd tea.Cmd
		if m.onStack(to) {
			cmd = m.deliver(to, msg)
		}
		if joining {
			// The visit so far was outside the atelier: it ends here, and
			// the time from now on counts for the atelier.
			cmd = tea.Batch(cmd, m.restartVisit())
		}
		return true, cmd
	}
	return false, nil
}

// applyAtelierIdle takes the atelier's idle delay, unless the command line
// gave one: the command line wins, then the atelier, then the default.
func (m *model) applyAtelierIdle() {
	minutes := 0
	if s := m.ctx.Session; s != nil && s.atelier.run != nil {
		minutes = s.atelier.run.IdleMinutes
	}
	if m.idleBase <= 0 && !m.idleGiven {
		return // no idle lock at all in this model (tests)
	}
	m.idleLock = learning.IdleDelay(m.idleBase, m.idleGiven, minutes, m.idleBase)
}

// callKey: F2 on any learner screen calls the médiateur, or ends the call.
// A function key cannot be typed by accident in a text field.
func (m *model) callKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	ctx := m.ctx
	if ctx.Session == nil || !key.Matches(msg, ctx.Keys.Call) || !ctx.App.HasGroup() {
		return nil, false
	}
	s := ctx.Session
	s.calling = !s.calling
	s.callsPending++
	app, id, on, seq := ctx.App, s.learner.ID, s.calling, ctx.sessionSeq
	return storeCmd(ctx, func(c context.Context) tea.Msg {
		return callMsg{seq, on, app.CallMediator(c, id, on)}
	}), true
}

// callShown: the footer shows F2 to a learner in an atelier, or when one
// is open here (a médiateur is in the room); F2 works everywhere.
func callShown(ctx *Context) bool {
	s := ctx.Session
	return s != nil && (s.atelier.run != nil || s.atelier.anyOpen || s.calling)
}

// callBanner is drawn above every learner screen while they call: large,
// with words and a symbol, readable across a room without colour.
func callBanner(ctx *Context, w int) string {
	if ctx.Session == nil || !ctx.Session.calling {
		return ""
	}
	t := ctx.Theme
	sym := "(!)"
	if t.Name != "ascii" && !ctx.linear {
		sym = "🔔"
	}
	more := ctx.say("call_banner_more")
	if ctx.linear {
		// No F2 in the accessible mode (a line is typed): the word.
		more = ctx.say("call_banner_linear")
	}
	lines := []string{
		sym + "  " + strings.ToUpper(ctx.say("call_banner")) + "  " + sym,
		more,
	}
	style := t.Selected.Bold(true).Padding(1, 1).Width(w)
	if ctx.linear {
		return strings.Join(lines, "\n")
	}
	return style.Render(wrap(strings.Join(lines, "\n"), max(1, w-2)))
}

// atelierItem is the home's first line in an atelier (« Mon atelier »),
// or when one is open here (« Rejoindre un atelier »); none otherwise.
func atelierItem(ctx *Context) (menuItem, func(ctx *Context) tea.Cmd, bool) {
	at := ctx.Session.atelier
	switch {
	case at.run != nil:
		ls, next := learning.Parcours(ctx.Cat, *at.run, ctx.Session.state)
		detail := ctx.say("atelier_all_done")
		if next < len(ls) {
			detail = ctx.say("atelier_next", ls[next].Title)
		}
		return menuItem{label: ctx.say("atelier_mine", sanitize(at.run.Title)), detail: detail},
			func(ctx *Context) tea.Cmd { return push(newMyAtelierScreen(ctx)) }, true
	case at.anyOpen:
		return menuItem{label: ctx.say("atelier_join"), detail: ctx.say("atelier_join_detail")},
			func(ctx *Context) tea.Cmd { return push(newJoinScreen(ctx)) }, true
	}
	return menuItem{}, nil, false
}

// joinScreen asks for the atelier's code.
type joinScreen struct {
	in      textinput.Model
	busy    bool
	problem string
}

func newJoinScreen(ctx *Context) *joinScreen {
	return &joinScreen{in: newInput(ctx, false, 2*lessons.MaxCodeLen)}
}

func (s *joinScreen) Typing() bool              { return true }
func (s *joinScreen) Title(ctx *Context) string { return ctx.say("atelier_join") }
func (s *joinScreen) Help(ctx *Context) []key.Binding {
	return []key.Binding{ctx.Keys.Enter, ctx.Keys.Back}
}

func (s *joinScreen) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case foundAtelierMsg:
		s.busy = false
		switch {
		case errors.Is(msg.err, record.ErrNoAtelier):
			s.problem = ctx.say("atelier_bad_code")
			s.in.SetValue("")
		case msg.err != nil:
			s.problem = explain(ctx, msg.err)
		default:
			return replace(newAtelierConsentScreen(ctx, msg.run, false))
		}
		return nil
	case tea.PasteMsg:
		var cmd tea.Cmd
		s.in, cmd = s.in.Update(cleanPaste(msg))
		return cmd
	case tea.KeyPressMsg:
		if s.busy {
			return nil // keys wait while the code is checked
		}
		switch {
		case key.Matches(msg, ctx.Keys.Back):
			return back()
		case msg.String() == "enter":
			code := lessons.NormalizeCode(s.in.Value())
			if code == "" {
				s.problem = ctx.say("atelier_code_empty")
				return nil
			}
			s.busy, s.problem = true, ""
			app := ctx.App
			return storeCmd(ctx, func(c context.Context) tea.Msg {
				r, err := app.FindAtelier(c, code)
				return foundAtelierMsg{r, err}
			})
		}
		return typeKey(&s.in, msg)
	}
	return nil
}

func (s *joinScreen) Render(ctx *Context, w, h int) string {
	t := ctx.Theme
	lines := []string{t.Heading.Render(wrap(ctx.say("atelier_join_ask"), w)), wrap(ctx.say("atelier_join_hint"), w), "", s.in.View()}
	if s.busy {
		lines = append(lines, "", t.Muted.Render(ctx.say("loading")))
	}
	if s.problem != "" {
		lines = append(lines, "", problemLine(t, s.problem, w))
	}
	return strings.Join(lines, "\n")
}

// atelierConsentScreen asks, on joining (or later from « Mon atelier »),
// whether the médiateur may see where the learner is during the atelier.
// « Non » first, as for sharing one's progress.
type atelierConsentScreen struct {
	consentPage
	run    record.Run
	member bool // already a member: changing one's mind
}

func newAtelierConsentScreen(ctx *Context, run record.Run, member bool) *atelierConsentScreen {
	s := &atelierConsentScreen{run: run, member: member}
	s.menu.set([]menuItem{{label: ctx.say("atelier_consent_no")}, {label: ctx.say("atelier_consent_yes")}})
	if member && ctx.Session.atelier.consent {
		s.menu.cursor = 1
	}
	return s
}

func (s *atelierConsentScreen) Title(ctx *Context) string { return ctx.say("atelier_consent_title") }

func (s *atelierConsentScreen) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case joinedMsg:
		s.busy = false
		if msg.err != nil {
			s.problem = explain(ctx, msg.err)
			if errors.Is(msg.err, record.ErrNoAtelier) {
				s.problem = ctx.say("atelier_bad_code")
			}
			return nil
		}
		if s.member {
			return back()
		}
		return replace(newMyAtelierScreen(ctx))
	}
	cmd, i, chosen := s.answer(ctx, msg)
	if !chosen {
		return cmd
	}
	s.busy, s.problem = true, ""
	app, id, run, member, consent := ctx.App, ctx.Session.learner.ID, s.run, s.member, i == 1
	return storeCmd(ctx, func(c context.Context) tea.Msg {
		if member {
			return joinedMsg{run, consent, app.SetAtelierConsent(c, id, run.ID, consent)}
		}
		r, err := app.JoinAtelier(c, id, run.Code, consent)
		return joinedMsg{r, consent, err}
	})
}

func (s *atelierConsentScreen) Render(ctx *Context, w, h int) string {
	t := ctx.Theme
	bw := min(w, 76)
	parts := []string{
		t.Heading.Render(wrap(ctx.say("atelier_named", sanitize(s.run.Title)), bw)),
		wrap(ctx.say("atelier_consent_ask"), bw),
		hanging(t.G.Bullet+" ", ctx.say("atelier_consent_sees"), bw),
		hanging(t.G.Bullet+" ", ctx.say("atelier_consent_never"), bw),
		hanging(t.G.Bullet+" ", ctx.say("atelier_consent_change"), bw),
	}
	return s.render(ctx, parts, bw, h)
}

// myAtelierScreen is « Mon atelier »: the parcours in order, the next
// lesson first in focus, and the learner's consent for the atelier.
type myAtelierScreen struct {
	menu    menu
	comps   []*lessons.Competence // to position at the start, first
	lessons []*lessons.Lesson
}

func newMyAtelierScreen(ctx *Context) *myAtelierScreen {
	s := &myAtelierScreen{}
	s.build(ctx)
	return s
}

func (s *myAtelierScreen) build(ctx *Context) {
	at := ctx.Session.atelier
	if at.run == nil {
		s.menu.set(nil)
		return
	}
	ls, next := learning.Parcours(ctx.Cat, *at.run, ctx.Session.state)
	s.lessons, s.comps = ls, nil
	var items []menuItem
	// The competences to position come first; the focus goes to the first
	// one never tested, else to the next lesson.
	focus := -1
	for _, id := range at.run.Positioning {
		comp := ctx.Cat.Competence(id)
		if comp == nil {
			continue
		}
		if focus < 0 && lastLevel(ctx, id) == ctx.say("never_tested") {
			focus = len(s.comps)
		}
		s.comps = append(s.comps, comp)
		items = append(items, menuItem{label: ctx.say("atelier_position", situation(comp)), detail: lastLevel(ctx, id)})
	}
	if focus < 0 {
		focus = len(s.comps) + next
	}
	for _, l := range ls {
		lp, known := ctx.Session.state.Lessons[l.ID]
		items = append(items, menuItem{label: inLang(ctx, l.Title, l.Lang), detail: lessonStatus(ctx, l, lp, known)})
	}
	consent := ctx.say("atelier_seen_no")
	if at.consent {
		consent = ctx.say("atelier_seen_yes")
	}
	items = append(items, menuItem{label: ctx.say("atelier_consent_title"), detail: consent})
	s.menu.set(items)
	s.menu.cursor = min(focus, len(items)-1)
}

func (s *myAtelierScreen) Title(ctx *Context) string { return ctx.say("atelier_my") }
func (s *myAtelierScreen) Help(ctx *Context) []key.Binding {
	return menuKeys(ctx)
}

func (s *myAtelierScreen) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case resumeMsg:
		return loadState(ctx)
	case stateMsg:
		if msg.err == nil {
			ctx.Session.state = msg.state
			s.build(ctx)
		}
		return nil
	case tea.KeyPressMsg:
		if key.Matches(msg, ctx.Keys.Back) {
			return back()
		}
	}
	i, ok := s.menu.update(ctx, msg)
	if !ok {
		return nil
	}
	if i < len(s.comps) {
		return push(newTestScreen(ctx, s.comps[i].ID))
	}
	if i -= len(s.comps); i < len(s.lessons) {
		return push(newLessonScreen(ctx, s.lessons[i]))
	}
	if r := ctx.Session.atelier.run; r != nil {
		return push(newAtelierConsentScreen(ctx, *r, true))
	}
	return nil
}

func (s *myAtelierScreen) Render(ctx *Context, w, h int) string {
	t := ctx.Theme
	at := ctx.Session.atelier
	if at.run == nil {
		return wrap(ctx.say("atelier_closed"), w)
	}
	head := t.Heading.Render(wrap(ctx.say("atelier_named", sanitize(at.run.Title)), w)) + "\n" + wrap(ctx.say("atelier_parcours"), w)
	top := lipgloss.Height(head) + 1
	return head + "\n\n" + s.menu.render(ctx, w, h-top, top)
}
