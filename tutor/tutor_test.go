package tutor

import (
	"pasapas/learning"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"pasapas/i18n"
	"pasapas/lessons"
	"pasapas/progress"
)

var testToday = time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)

// clock is a settable clock for the idle lock and the dates.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

type harness struct {
	driver // the tutor, run message by message
	t      *testing.T
	store  *progress.Store
	clock  *clock
}

var builtin = lessons.Load(lessons.Options{Today: testToday}, lessons.Builtin())

// newHarness starts the tutor on a fresh progress file, at 80×24.
func newHarness(t *testing.T, lang i18n.Lang, lib *lessons.Library) *harness {
	t.Helper()
	if lib == nil {
		lib = builtin
	}
	c := &clock{testToday}
	st, err := progress.OpenWith(filepath.Join(t.TempDir(), "pasapas.db"), progress.Options{Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	h := &harness{t: t, store: st, clock: c}
	h.m = newTutor(Config{Library: lib, Lang: lang, Theme: asciiTheme(), App: testApp(st, c.now), IdleLock: -1, Now: c.now})
	h.m.tick = nil // the test sends idleTickMsg itself
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	h.run(h.m.Init())
	return h
}

func (h *harness) press(keys ...string) {
	for _, k := range keys {
		h.send(keyPress(k))
	}
}

// keyPress is the message of a key, by its name.
func keyPress(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "pgup":
		return tea.KeyPressMsg{Code: tea.KeyPgUp}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// typeText types text one key at a time, as a learner does.
func (h *harness) typeText(s string) {
	for _, r := range s {
		h.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

func (h *harness) screen() string {
	return strings.ReplaceAll(ansi.Strip(h.m.View().Content), "\u00a0", " ")
}

// expect fails unless the screen shows every text.
func (h *harness) expect(texts ...string) {
	h.t.Helper()
	s := h.screen()
	for _, want := range texts {
		if !strings.Contains(s, want) {
			h.t.Fatalf("screen lacks %q:\n%s", want, s)
		}
	}
}

// choose selects the menu line holding text: by its number when it has
// one, or by moving down to it.
func (h *harness) choose(text string) {
	h.t.Helper()
	for range 40 {
		for _, line := range strings.Split(h.screen(), "\n") {
			if !strings.Contains(line, text) {
				continue
			}
			if strings.HasPrefix(line, h.m.ctx.Theme.G.Pointer+" ") {
				h.press("enter")
				return
			}
			fields := strings.Fields(line)
			if len(fields) > 0 && strings.HasSuffix(fields[0], ".") && len(fields[0]) == 2 {
				h.press(strings.TrimSuffix(fields[0], "."), "enter")
				return
			}
		}
		h.press("down")
	}
	h.t.Fatalf("no line with %q:\n%s", text, h.screen())
}

// newLearner creates a profile without a PIN and lands on its home.
func (h *harness) newLearner(name string) {
	h.t.Helper()
	h.choose("Je suis nouveau")
	h.typeText(name)
	h.press("enter")
	h.choose("Non, pas de code")
	h.expect("Bonjour " + name)
}

// testApp is the use cases over a test's SQLite store, with exports next to
// its file, as cmd/pasapas wires them.
func testApp(st *progress.Store, now func() time.Time) *learning.Service {
	return learning.New(st, learning.Options{Now: now, ExportDir: filepath.Dir(st.Path())})
}
