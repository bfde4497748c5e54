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
	consentPage
	shares bool
}

// consentPage is a consent asked on a page of its own: what the learner
// agrees to, in plain words, then « Non » first and « Oui ». Both
// consents (sharing one's progress, being seen during an atelier) ask
// this way, so that they read and answer the same.
type consentPage struct {
	menu    menu
	busy    bool
	problem string
	// In a small window the page scrolls: it opens at the top (what is
	// asked first), and follows the choices once a key moves them.
	page  follower
	moved bool
}

func (p *consentPage) Help(ctx *Context) []key.Binding {
	return menuKeys(ctx)
}

// answer takes what the screen did not handle itself: Back leaves, a key
// that scrolls scrolls, and a choice comes back as chosen with its index
// (0 « Non », 1 « Oui »). Nothing is taken while the answer is saved.
func (p *consentPage) answer(ctx *Context, msg tea.Msg) (cmd tea.Cmd, i int, chosen bool) {
	if k, ok := msg.(tea.KeyPressMsg); ok && !p.busy {
		if key.Matches(k, ctx.Keys.Back) {
			return back(), 0, false
		}
		if p.page.key(k.String()) {
			return nil, 0, false
		}
		p.moved = true
	}
	if p.busy {
		return nil, 0, false
	}
	i, chosen = p.menu.update(ctx, msg)
	return nil, i, chosen
}

// render draws the page's parts, the saving and problem lines, then the
// choices, in a window that follows them once a key moved.
func (p *consentPage) render(ctx *Context, parts []string, bw, h int) string {
	parts = statusLines(ctx, parts, p.busy, p.problem, bw)
	lines := strings.Split(strings.Join(parts, "\n"), "\n")
	top := len(lines) + 1
	rows := p.menu.render(ctx, bw, len(p.menu.items)*2+1, top)
	all := append(append(lines, ""), strings.Split(rows, "\n")...)
	focus := 0
	if p.moved && p.menu.cursor < len(p.menu.zones) {
		focus = p.menu.zones[p.menu.cursor][0]
	}
	return p.page.window(ctx, all, focus, bw, h)
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

func (s *consentScreen) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case spaceDoneMsg:
		s.busy = false
		if msg.err != nil {
			s.problem = explain(ctx, msg.err)
			return nil
		}
		return back()
	}
	cmd, i, chosen := s.answer(ctx, msg)
	if !chosen {
		return cmd
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
	return s.render(ctx, parts, bw, h)
}
