package tutor

import (
	"context"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// testPause is what Échap opens in a test: the test is paused, and the
// learner chooses to go on, to come back to it later, or to stop it for
// good (learning.Service.AbandonTest), which asks once more. A test with
// no answer yet is not kept: Échap leaves it at once
// (learning.Service.LeaveTest).
type testPause struct {
	menu    menu
	confirm bool // « Arrêter ce test pour de bon » was chosen: asked again
	busy    bool
	problem string
}

// abandonedMsg: the store closed the test for good (or could not).
type abandonedMsg struct{ err error }

// pause answers Échap in a test.
func (s *testScreen) pause(ctx *Context) tea.Cmd {
	if s.test == nil || s.problem != "" {
		return back()
	}
	if s.test.Answered == 0 {
		app, t := ctx.App, s.test
		return tea.Batch(storeCmd(ctx, func(c context.Context) tea.Msg {
			_ = app.LeaveTest(c, t) // at worst, an empty test the home screen does not show
			return nil
		}), back())
	}
	p := &testPause{}
	p.setMenu(ctx)
	s.paused = p
	return nil
}

func (p *testPause) setMenu(ctx *Context) {
	p.menu.cursor = 0
	if p.confirm {
		p.menu.set([]menuItem{{label: ctx.say("pause_stop_no")}, {label: ctx.say("pause_stop_yes")}})
		return
	}
	p.menu.set([]menuItem{
		{label: ctx.say("pause_resume")},
		{label: ctx.say("pause_later"), detail: ctx.say("pause_later_detail")},
		{label: ctx.say("pause_stop"), detail: ctx.say("pause_stop_detail")},
	})
}

// update handles a message while the test is paused.
func (p *testPause) update(ctx *Context, s *testScreen, msg tea.Msg) tea.Cmd {
	if m, ok := msg.(abandonedMsg); ok {
		p.busy = false
		if m.err != nil {
			p.problem = explain(ctx, m.err)
			return nil
		}
		return back()
	}
	if p.busy {
		return nil
	}
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, ctx.Keys.Back) {
		if p.confirm {
			p.confirm = false
			p.setMenu(ctx)
			return nil
		}
		s.paused = nil // Échap again: back to the question
		return nil
	}
	i, ok := p.menu.update(ctx, msg)
	if !ok {
		return nil
	}
	p.problem = ""
	switch {
	case p.confirm && i == 0:
		p.confirm = false
		p.setMenu(ctx)
	case p.confirm:
		p.busy = true
		app, id := ctx.App, s.test.ID
		return storeCmd(ctx, func(c context.Context) tea.Msg { return abandonedMsg{app.AbandonTest(c, id)} })
	case i == 0:
		s.paused = nil
	case i == 1:
		return back() // the test stays open: the home screen offers to resume it
	default:
		p.confirm = true
		p.setMenu(ctx)
	}
	return nil
}

func (p *testPause) render(ctx *Context, s *testScreen, w, h int) string {
	t := ctx.Theme
	title, text := ctx.say("pause_title"), answered(ctx, s.test.Answered)+". "+ctx.say("pause_saved")
	if p.confirm {
		title, text = ctx.say("pause_stop_title"), ctx.say("pause_stop_what")
	}
	lines := []string{t.Heading.Render(wrap(title, w)), wrap(text, w), ""}
	if p.problem != "" {
		lines = append(lines, problemLine(t, p.problem, w), "")
	}
	head := strings.Join(lines, "\n")
	top := strings.Count(head, "\n") + 1
	if p.busy {
		return head + "\n" + ctx.say("saving")
	}
	return head + "\n" + p.menu.render(ctx, w, h-top, top)
}

func (p *testPause) help(ctx *Context) []key.Binding {
	resume := key.NewBinding(key.WithKeys("esc"), key.WithHelp(ctx.say("key_esc_name"), ctx.say("key_back")))
	return []key.Binding{ctx.Keys.Digits, ctx.Keys.Enter, resume}
}
