package tutor

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// confirmed reads a key for a question whose first line is the safe answer
// (« Non, garder mes données »…): nothing happens while busy, Échap and the
// first line go back, another line chosen is the yes. The erase screen and
// the médiateur's confirmations ask this way.
func confirmed(ctx *Context, msg tea.Msg, busy bool, m *menu) (yes bool, cmd tea.Cmd) {
	if busy {
		return false, nil
	}
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, ctx.Keys.Back) {
		return false, back()
	}
	i, ok := m.update(ctx, msg)
	switch {
	case !ok:
		return false, nil
	case i == 0:
		return false, back()
	}
	return true, nil
}
