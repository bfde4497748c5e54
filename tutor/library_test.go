package tutor

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"pasapas/i18n"
	"pasapas/lessons"
)

// TestLibraryLoadsInTheBackground: with Config.LoadLibrary, « Qui
// êtes-vous ? » is drawn with its list before the library is read; a
// session ready before the library waits for it, then opens.
func TestLibraryLoadsInTheBackground(t *testing.T) {
	st := openStore(t)
	loaded := false
	m := newTutor(Config{Lang: i18n.FR, Theme: asciiTheme(), App: testApp(st, nil), IdleLock: -1,
		LoadLibrary: func() *lessons.Library { loaded = true; return builtin }})
	m.tick = nil
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	d := &driver{m: m}
	var lib tea.Msg
	for _, msg := range runCmd(m.Init()) {
		if l, ok := msg.(libraryMsg); ok {
			lib = l // held back: the library is « still loading »
			continue
		}
		d.send(msg)
	}
	if lib == nil || !loaded {
		t.Fatal("Init did not load the library in a command")
	}
	h := &harness{driver: *d, t: t, store: st}
	h.expect("Qui êtes-vous ?", "Je suis nouveau ou nouvelle")
	h.choose("Je suis nouveau")
	h.typeText("Alix")
	h.press("enter")
	h.choose("Non, pas de code")
	if _, ok := h.m.top().(*homeScreen); ok {
		t.Fatal("the home screen opened without the library")
	}
	h.send(lib)
	h.expect("Bonjour Alix !", "Envoyer et recevoir des mails")
}

// TestSpaceWaitsForTheLibrary: « pasapas mediateur » with a médiateur
// recognised before the library is read: the space's home (which lists
// the ateliers and the files left out) waits for it instead of failing.
func TestSpaceWaitsForTheLibrary(t *testing.T) {
	st := openStore(t)
	app := testApp(st, nil)
	m := newTutor(Config{Lang: i18n.FR, Theme: asciiTheme(), App: app, IdleLock: -1, Space: true,
		LoadLibrary: func() *lessons.Library { return builtin }})
	m.tick = nil
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	d := &driver{m: m}
	var lib tea.Msg
	for _, msg := range runCmd(m.Init()) {
		if l, ok := msg.(libraryMsg); ok {
			lib = l
			continue
		}
		d.send(msg)
	}
	h := &harness{driver: *d, t: t, store: st}
	h.expect("Bienvenue dans l'espace médiateur")
	h.typeText("Sophie")
	h.press("enter")
	h.typeText("4826")
	h.press("enter")
	h.typeText("4826")
	h.press("enter")
	if _, ok := h.m.top().(*spaceHome); ok {
		t.Fatal("the space's home opened without the library")
	}
	h.send(lib)
	h.expect("Bonjour Sophie.", "Les ateliers", "Nom de la structure")
}
