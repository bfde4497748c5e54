package tutor

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// The pieces the space's screens (and a few of the learner's) repeat: a
// form's status under it, a list screen's notice and problem under its
// heading, and a list screen's load / notice / back scaffolding. One
// piece each, so that a new screen says the same thing the same way.

// statusLines adds, under a form, « Enregistrement… » while a change is
// on its way and the problem when there is one, each after a blank line:
// the learner sees the field, then what became of it.
func statusLines(ctx *Context, parts []string, busy bool, problem string, w int) []string {
	if busy {
		parts = append(parts, "", ctx.say("saving"))
	}
	if problem != "" {
		parts = append(parts, "", problemLine(ctx.Theme, problem, w))
	}
	return parts
}

// joinStatus is statusLines made into the screen's text, for a form that
// ends there.
func joinStatus(ctx *Context, parts []string, busy bool, problem string, w int) string {
	return strings.Join(statusLines(ctx, parts, busy, problem, w), "\n")
}

// listScreen is what a space screen listing records keeps besides the
// records: whether they came, the menu, what a screen above just did
// (notice) and what went wrong (problem). A screen embeds it and keeps
// its own list and choices.
type listScreen struct {
	loaded  bool
	menu    menu
	notice  string
	problem string
}

// Help names the keys of a list: a number, Enter, Back.
func (l *listScreen) Help(ctx *Context) []key.Binding {
	return menuKeys(ctx)
}

// common answers what every list screen answers the same way: coming
// back from a screen above reloads the list, a notice from it is shown, a
// key wipes the notice, and Back goes back. done is false for the other
// messages (and for the keys that choose), which the screen handles.
func (l *listScreen) common(ctx *Context, msg tea.Msg, reload func(*Context) tea.Cmd) (cmd tea.Cmd, done bool) {
	switch msg := msg.(type) {
	case resumeMsg:
		return reload(ctx), true
	case noticeMsg:
		l.notice = msg.text
		return nil, true
	case tea.KeyPressMsg:
		l.notice = ""
		if key.Matches(msg, ctx.Keys.Back) {
			return back(), true
		}
	}
	return nil, false
}

// arrived records that the list's answer came: false when it is an
// error, which the problem then says in plain words.
func (l *listScreen) arrived(ctx *Context, err error) bool {
	l.loaded = true
	if err != nil {
		l.problem = spaceExplain(ctx, err)
		return false
	}
	return true
}

// noticeLines adds, right under a list screen's heading, what was just
// done (in green) and the problem, with no blank line between them.
func noticeLines(t Theme, parts []string, notice, problem string, w int) []string {
	if notice != "" {
		parts = append(parts, t.Good.Render(wrap(notice, w)))
	}
	if problem != "" {
		parts = append(parts, problemLine(t, problem, w))
	}
	return parts
}

// menuOrLoading ends a list screen: « Chargement… » under its head until
// the list came, then the menu.
func menuOrLoading(ctx *Context, loaded bool, head string, m *menu, w, h int) string {
	if !loaded {
		return head + "\n\n" + ctx.say("loading")
	}
	return m.below(ctx, head, w, h)
}
