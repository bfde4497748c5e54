package tutor

import (
	tea "charm.land/bubbletea/v2"

	"pasapas/lessons"
)

// The lesson library is read and checked in the background when the
// program is given Config.LoadLibrary: « Qui êtes-vous ? » needs only the
// profiles, so it is drawn at once, with the names, while the library
// loads (it is most of the start-up). A learner who chooses their name
// before it is ready has their session open as soon as it is.

// libraryMsg carries the library loaded in the background.
type libraryMsg struct{ lib *lessons.Library }

// loadLibrary reads the library off the event loop.
func loadLibrary(load func() *lessons.Library) tea.Cmd {
	return func() tea.Msg { return libraryMsg{load()} }
}

// onLibrary takes the library in, and opens the session that waited for it.
func (m *model) onLibrary(lib *lessons.Library) (tea.Model, tea.Cmd) {
	m.ctx.Lib = lib
	m.ctx.setLang(m.ctx.Lang)
	if w := m.waiting; w != nil {
		m.waiting = nil
		return m.Update(w)
	}
	return m, nil
}
