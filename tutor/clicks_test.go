package tutor

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"pasapas/i18n"
	"pasapas/lessons"
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

// On a lesson's device question, a click on a device chooses that device,
// with or without a notice (a failed save) above the page.
func TestClickEachDeviceOfALesson(t *testing.T) {
	h := loggedIn(t, asciiTheme(), builtin)
	h.m.ctx.Mouse = true
	l := builtin.Catalogue(i18n.FR).Lesson("smartphone-installer")
	if !l.HasVariants() {
		t.Fatal("the lesson has no variants")
	}
	lesson := namedScreen{name: "lesson", make: func(h *harness) screen { return newLessonScreen(h.m.ctx, l) }}
	for _, problem := range []string{"", "Attention : ce n'est pas enregistré."} {
		devices := lessonDevices(l)
		for i := range len(devices) + 1 {
			h.m.ctx.Session.learner.Prefs.Device = ""
			h.show(lesson, 80, 24)
			s := h.m.top().(*lessonScreen)
			h.press("enter")
			if s.pages[s.at].kind != pageDevice {
				t.Fatalf("no device question:\n%s", h.screen())
			}
			h.m.notice = problem // a key clears it: set after the last one
			want, label := lessons.Device(""), h.m.ctx.say("device_other")
			if i < len(devices) {
				want, label = devices[i], h.m.ctx.say("device_"+string(devices[i]))
			}
			h.clickOn(label)
			if s.pages[s.at].kind != pageStep || s.device != want {
				t.Fatalf("problem %q: a click on %q chose %q, on page %d:\n%s", problem, label, s.device, s.at, h.screen())
			}
		}
	}
}

// In a lesson's check question, ← on a « liste » field changes its value
// and stays on the page; ← on another row goes back a page.
func TestLeftOnAListFieldStaysOnTheCheck(t *testing.T) {
	h := loggedIn(t, asciiTheme(), builtin)
	l := builtin.Catalogue(i18n.FR).Lesson("mail-ecrire")
	h.show(namedScreen{name: "lesson", make: func(h *harness) screen { return newLessonScreen(h.m.ctx, l) }}, 80, 24)
	s := h.m.top().(*lessonScreen)
	for i := 0; i < 20 && !(s.pages[s.at].kind == pageCheck && s.check().q.ID == "mail-q-objet"); i++ {
		h.press("right")
	}
	v := s.check()
	if v == nil || v.q.ID != "mail-q-objet" {
		t.Fatalf("no check mail-q-objet:\n%s", h.screen())
	}
	at := s.at
	h.press("right") // the first option
	h.press("right") // the second
	h.press("left")  // the first again
	if s.at != at || v.selects[0] != 0 {
		t.Fatalf("← on a list: page %d (was %d), option %d:\n%s", s.at, at, v.selects[0], h.screen())
	}
	h.press("down", "left") // the second list
	if s.at != at || v.selects[1] != 0 {
		t.Fatalf("← on the second list: page %d (was %d), option %d:\n%s", s.at, at, v.selects[1], h.screen())
	}
	h.press("down", "left") // « Valider »: not a list
	if s.at != at-1 {
		t.Fatalf("← on « Valider » stayed on page %d:\n%s", s.at, h.screen())
	}
}

// recapOf shows the last page of a lesson.
func recapOf(h *harness, l *lessons.Lesson) *lessonScreen {
	h.show(namedScreen{name: "recap", make: func(h *harness) screen { return newLessonScreen(h.m.ctx, l) },
		after: func(h *harness) {
			s := h.m.top().(*lessonScreen)
			s.at = len(s.pages) - 1
		}}, 80, 60)
	return h.m.top().(*lessonScreen)
}

// seeAlso returns a built-in lesson with « voir aussi » lessons.
func seeAlso(t *testing.T, h *harness) *lessons.Lesson {
	t.Helper()
	for _, l := range builtin.Catalogue(i18n.FR).Lessons {
		if s := newLessonScreen(h.m.ctx, l); len(s.next) > 0 {
			return l
		}
	}
	t.Fatal("no lesson with « voir aussi »")
	return nil
}

// On a lesson's last page, « Pour aller plus loin : » stands just above the
// « voir aussi » lessons, not above « Revenir aux leçons ».
func TestGoFurtherIsAboveItsLessons(t *testing.T) {
	h := loggedIn(t, asciiTheme(), builtin)
	s := recapOf(h, seeAlso(t, h))
	screen := strings.Split(h.screen(), "\n")
	find := func(text string) int {
		for y, l := range screen {
			if strings.Contains(l, text) {
				return y
			}
		}
		t.Fatalf("no %q:\n%s", text, h.screen())
		return 0
	}
	back, heading, first := find(h.m.ctx.say("lesson_end")), find(h.m.ctx.say("go_further")), find(s.next[0].Title)
	if !(back < heading && heading+1 == first) {
		t.Fatalf("« %s » on line %d, « %s » on %d, its first lesson on %d:\n%s",
			h.m.ctx.say("lesson_end"), back, h.m.ctx.say("go_further"), heading, first, h.screen())
	}
}

// On a lesson's last page, a click on « Revenir aux leçons » or on a
// « voir aussi » lesson chooses it, also after the page was scrolled.
func TestClickOnALessonsLastPage(t *testing.T) {
	for _, height := range []int{60, 24, 14} {
		h := loggedIn(t, asciiTheme(), builtin)
		h.m.ctx.Mouse = true
		l := seeAlso(t, h)
		s := recapOf(h, l)
		h.send(tea.WindowSizeMsg{Width: 80, Height: height})
		for !strings.Contains(h.screen(), s.next[0].Title) {
			h.press("pgdown")
		}
		if height == 14 && s.recapPage.off == 0 {
			t.Fatalf("the page did not scroll:\n%s", h.screen())
		}
		h.clickOn(s.next[0].Title)
		if top, ok := h.m.top().(*lessonScreen); !ok || top.l.ID != s.next[0].ID {
			t.Fatalf("height %d: a click on %q did not open it:\n%s", height, s.next[0].Title, h.screen())
		}

		recapOf(h, l)
		h.m.stack = append([]screen{newHomeScreen(h.m.ctx)}, h.m.stack...)
		h.send(tea.WindowSizeMsg{Width: 80, Height: height})
		for !strings.Contains(h.screen(), h.m.ctx.say("lesson_end")) {
			h.press("pgdown")
		}
		h.clickOn(h.m.ctx.say("lesson_end"))
		if _, ok := h.m.top().(*homeScreen); !ok {
			t.Fatalf("height %d: a click on %q did not go back:\n%s", height, h.m.ctx.say("lesson_end"), h.screen())
		}
	}
}
