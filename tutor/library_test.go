package tutor

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"pasapas/i18n"
	"pasapas/lessons"
	"pasapas/record"
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

// TestSpaceWaitsForTheLibrary: the médiateur's space opened before the
// library is read (the first account made at once) waits for it, then
// opens; it used to draw its home with no library and stop the program.
func TestSpaceWaitsForTheLibrary(t *testing.T) {
	st := openStore(t)
	m := newTutor(Config{Lang: i18n.FR, Theme: asciiTheme(), App: testApp(st, nil), IdleLock: -1,
		LoadLibrary: func() *lessons.Library { return builtin }})
	m.tick = nil
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	var lib tea.Msg
	for _, msg := range runCmd(m.Init()) {
		if l, ok := msg.(libraryMsg); ok {
			lib = l // held back: the library is « still loading »
		}
	}
	h := &harness{driver: driver{m: m}, t: t, store: st}
	h.send(startSpaceMsg{record.Mediator{ID: 1, Name: "Sophie"}})
	if _, ok := h.m.top().(*spaceHome); ok {
		t.Fatal("the space's home opened without the library")
	}
	h.send(lib)
	if _, ok := h.m.top().(*spaceHome); !ok {
		t.Fatalf("after the library, the top screen is %T, want the space's home", h.m.top())
	}
}
