package tutor

import (
	"context"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// sharingMsg is whether the learner in session shares their progress.
type sharingMsg struct {
	shares bool
	err    error
}

func loadSharing(ctx *Context) tea.Cmd {
	app, id := ctx.App, ctx.Session.learner.ID
	return storeCmd(ctx, func(c context.Context) tea.Msg {
		on, err := app.Sharing(c, id)
		return sharingMsg{on, err}
	})
}

// consentScreen is « Partager mes progrès avec les médiateurs de ce lieu »:
// what exactly is shared, in plain words, then yes or no. It is off until
// the learner says yes, and they may take it back here at any time.
type consentScreen struct {
	shares  bool
	menu    menu
	busy    bool
	problem string
	// In a small window the page scrolls: it opens at the top (what is
	// shared first), and follows the choices once a key moves them.
	page  follower
	moved bool
}

func newConsentScreen(ctx *Context, shares bool) *consentScreen {
	s := &consentScreen{shares: shares}
	s.menu.set([]menuItem{{label: ctx.say("consent_no")}, {label: ctx.say("consent_yes")}})
	if shares {
		s.menu.cursor = 1
	}
	return s
}

func (s *consentScreen) Title(ctx *Context) string { return ctx.say("consent_title") }
func (s *consentScreen) Help(ctx *Context) []key.Binding {
	return []key.Binding{ctx.Keys.Digits, ctx.Keys.Enter, ctx.Keys.Back}
}

func (s *consentScreen) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case spaceDoneMsg:
		s.busy = false
		if msg.err != nil {
			s.problem = explain(ctx, msg.err)
			return nil
		}
		return back()
	case tea.KeyPressMsg:
		if s.busy {
			return nil
		}
		if key.Matches(msg, ctx.Keys.Back) {
			return back()
		}
		if s.page.key(msg.String()) {
			return nil
		}
		s.moved = true
	}
	if s.busy {
		return nil
	}
	i, ok := s.menu.update(ctx, msg)
	if !ok {
		return nil
	}
	on := i == 1
	s.busy, s.problem = true, ""
	app, id := ctx.App, ctx.Session.learner.ID
	return storeCmd(ctx, func(c context.Context) tea.Msg { return spaceDoneMsg{app.SetSharing(c, id, on)} })
}

func (s *consentScreen) Render(ctx *Context, w, h int) string {
	t := ctx.Theme
	bw := min(w, 76)
	now := ctx.say("consent_now_no")
	if s.shares {
		now = ctx.say("consent_now_yes")
	}
	parts := []string{
		t.Heading.Render(wrap(ctx.say("set_share"), bw)),
		t.Strong.Render(wrap(now, bw)),
		"",
		wrap(ctx.say("consent_what"), bw),
		hanging(t.G.Bullet+" ", ctx.say("consent_lessons"), bw),
		hanging(t.G.Bullet+" ", ctx.say("consent_levels"), bw),
		hanging(t.G.Bullet+" ", ctx.say("consent_tests"), bw),
		hanging(t.G.Bullet+" ", ctx.say("consent_visits"), bw),
		wrap(ctx.say("consent_uses"), bw),
		wrap(ctx.say("consent_never"), bw),
		wrap(ctx.say("consent_always"), bw),
		wrap(ctx.say("consent_change"), bw),
	}
	parts = statusLines(ctx, parts, s.busy, s.problem, bw)
	lines := strings.Split(strings.Join(parts, "\n"), "\n")
	top := len(lines) + 1
	rows := s.menu.render(ctx, bw, len(s.menu.items)*2+1, top)
	all := append(append(lines, ""), strings.Split(rows, "\n")...)
	focus := 0
	if s.moved && s.menu.cursor < len(s.menu.zones) {
		focus = s.menu.zones[s.menu.cursor][0]
	}
	return s.page.window(ctx, all, focus, bw, h)
}
