package tutor

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"pasapas/i18n"
)

// visible presses ↓ until a line of the screen holds text.
func (h *harness) visible(text string) {
	h.t.Helper()
	for range 40 {
		if strings.Contains(h.screen(), text) {
			return
		}
		h.press("down")
	}
	h.t.Fatalf("never on screen: %q\n%s", text, h.screen())
}

// A click on any line of a competence's lessons opens that lesson, not the
// one above it; in a small window too, where the title and the description
// wrap and the list scrolls.
func TestClickEachLessonOfACompetence(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {40, 16}} {
		h := newHarness(t, i18n.FR, nil)
		h.m.ctx.Mouse = true
		h.newLearner("Léa")
		h.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		h.choose("Envoyer et recevoir des mails")
		comp := h.m.top().(*competenceScreen)
		for _, l := range comp.lessons {
			label := strings.Fields(l.Title)[0] + " " + strings.Fields(l.Title)[1]
			h.visible(label)
			h.clickOn(label)
			s, ok := h.m.top().(*lessonScreen)
			if !ok {
				t.Fatalf("%v: a click on %q opened nothing:\n%s", size, l.Title, h.screen())
			}
			if s.l.ID != l.ID {
				t.Fatalf("%v: a click on %q opened %q", size, l.Title, s.l.Title)
			}
			h.press("esc")
		}
	}
}
