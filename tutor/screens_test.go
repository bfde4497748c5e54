package tutor

import (
	"fmt"
	"math/rand/v2"
	"pasapas/record"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"pasapas/i18n"
	"pasapas/lessons"
	"pasapas/quiz"
)

// namedScreen is one screen in one state, for the screen-wide tests.
type namedScreen struct {
	name string
	make func(h *harness) screen
	// after runs once the screen is on top and sized (to reach a state).
	after func(h *harness)
}

// firstQuestion returns the first bank question of a type (and, when
// wanted, with a mock screen of a kind).
func firstQuestion(t *testing.T, lib *lessons.Library, typ, screenKind string) *lessons.Question {
	t.Helper()
	for _, q := range lib.Catalogue(i18n.FR).Questions {
		if q.Type != typ && typ != "" {
			continue
		}
		if screenKind != "" && (q.Screen == nil || q.Screen.Kind != screenKind) {
			continue
		}
		return q
	}
	t.Fatalf("no question of type %q with screen %q", typ, screenKind)
	return nil
}

// questionScreen shows one question in a review-like frame.
type questionScreen struct{ v *questionView }

func (s *questionScreen) Title(ctx *Context) string       { return "Question" }
func (s *questionScreen) Help(ctx *Context) []key.Binding { return nil }
func (s *questionScreen) Typing() bool                    { return s.v.Typing() }
func (s *questionScreen) Asking() *questionView           { return s.v.waiting() }
func (s *questionScreen) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	cmd, ev := s.v.update(ctx, msg)
	if ev.kind == qSubmitted {
		s.v.showFeedback(ctx, s.v.check(ev.answer), nil)
	}
	return cmd
}
func (s *questionScreen) Render(ctx *Context, w, h int) string { return s.v.render(ctx, w, h) }

// goldenLib is the content of the golden screens: a frozen copy of the mail
// competence and a few questions on the other mock screens, so that editing
// the built-in lessons never breaks the pictures of the interface.
var goldenLib = lessons.Load(lessons.Options{Today: testToday}, lessons.Dir("testdata/library"))

func allScreens(t *testing.T, lib *lessons.Library) []namedScreen {
	lesson := func(id string) *lessons.Lesson { return lib.Catalogue(i18n.FR).Lesson(id) }
	question := func(typ, kind string, answer bool) namedScreen {
		q := firstQuestion(t, lib, typ, kind)
		name := "question-" + typ
		if kind != "" {
			name = "screen-" + kind
		}
		if answer {
			name += "-feedback"
		}
		return namedScreen{name: name, make: func(h *harness) screen {
			return &questionScreen{v: newQuestionView(h.m.ctx, q, 7)}
		}, after: func(h *harness) {
			if answer {
				s := h.m.top().(*questionScreen)
				s.v.submit(h.m.ctx, quiz.Answer{Skipped: true})
				s.v.showFeedback(h.m.ctx, s.v.check(quiz.Answer{Skipped: true}), nil)
			}
		}}
	}
	list := []namedScreen{
		{name: "profiles", make: func(h *harness) screen { return newProfilesScreen("") }},
		{name: "new-learner", make: func(h *harness) screen { return newNewLearnerScreen(h.m.ctx) }},
		{name: "pin", make: func(h *harness) screen {
			return newPINScreen(h.m.ctx, record.LearnerSummary{Name: "Marie", HasPIN: true})
		}},
		{name: "home", make: func(h *harness) screen { return newHomeScreen(h.m.ctx) }},
		{name: "competence", make: func(h *harness) screen {
			return newCompetenceScreen(h.m.ctx, lib.Catalogue(i18n.FR).Competence("mail"))
		}},
		{name: "lesson-intro", make: func(h *harness) screen { return newLessonScreen(h.m.ctx, lesson("mail-adresse")) }},
		{name: "lesson-step", make: func(h *harness) screen { return newLessonScreen(h.m.ctx, lesson("mail-adresse")) },
			after: func(h *harness) { h.press("enter") }},
		{name: "lesson-check", make: func(h *harness) screen { return newLessonScreen(h.m.ctx, lesson("mail-adresse")) },
			after: func(h *harness) { h.press("enter", "right", "right", "right") }},
		{name: "lesson-recap", make: func(h *harness) screen { return newLessonScreen(h.m.ctx, lesson("mail-adresse")) },
			after: func(h *harness) {
				s := h.m.top().(*lessonScreen)
				s.at = len(s.pages) - 1
			}},
		{name: "lesson-words", make: func(h *harness) screen { return newLessonScreen(h.m.ctx, lesson("mail-adresse")) },
			after: func(h *harness) { h.press("v") }},
		{name: "test-chooser", make: func(h *harness) screen { return newTestChooser(h.m.ctx) }},
		{name: "results", make: func(h *harness) screen { return newResultsScreen(h.m.ctx) }},
		{name: "review", make: func(h *harness) screen { return newReviewScreen(h.m.ctx) }},
		{name: "settings", make: func(h *harness) screen { return newSettingsScreen(h.m.ctx) }},
		{name: "erase", make: func(h *harness) screen { return newEraseScreen(h.m.ctx) }},
		{name: "consent", make: func(h *harness) screen { return newConsentScreen(h.m.ctx, false) }},
		{name: "import", make: func(h *harness) screen { return newImportScreen(h.m.ctx) }},
		{name: "glossary", make: func(h *harness) screen { return newGlossaryScreen() }},
		{name: "help", make: func(h *harness) screen { return newHomeScreen(h.m.ctx) },
			after: func(h *harness) { h.press("?") }},
		{name: "quit", make: func(h *harness) screen { return newHomeScreen(h.m.ctx) },
			after: func(h *harness) { h.press("ctrl+c") }},
	}
	for _, typ := range []string{lessons.SingleChoice, lessons.MultipleChoice, lessons.TrueFalse, lessons.FreeText,
		lessons.Fields, lessons.Ordering, lessons.Matching} {
		list = append(list, question(typ, "", false))
	}
	list = append(list, question(lessons.FreeText, "", true), question(lessons.MultipleChoice, "", true))
	for _, kind := range []string{lessons.ScreenMail, lessons.ScreenInbox, lessons.ScreenSMS, lessons.ScreenAppStore,
		lessons.ScreenSlots, lessons.ScreenSearch} {
		list = append(list, question("", kind, false))
	}
	look := question("", lessons.ScreenMail, false)
	look.name = "screen-mail-answers"
	look.after = func(h *harness) {
		h.screen() // drawn once, as it would be before a key
		h.press("enter")
	}
	list = append(list, look)
	return list
}

// show puts a screen on top, as the only one, at a size.
func (h *harness) show(ns namedScreen, w, height int) {
	h.m.quitting, h.m.showHelp = nil, false
	h.m.ctx.Session.state.Lessons = nil // every lesson from its start
	h.m.stack = []screen{ns.make(h)}
	h.send(tea.WindowSizeMsg{Width: w, Height: height})
	h.run(h.m.initTop())
	if ns.after != nil {
		ns.after(h)
		// What after changed by hand reaches the screen with the next
		// message, as any change does: the lesson texts it shows are then
		// drawn (markdown.go).
		h.send(nudgeMsg{})
	}
}

// nudgeMsg is a message no screen handles.
type nudgeMsg struct{}

// loggedIn is a harness with a learner on their home screen.
func loggedIn(t *testing.T, theme Theme, lib *lessons.Library) *harness {
	h := newHarness(t, i18n.FR, lib)
	h.m.ctx.Theme, h.m.ctx.base.theme = theme, theme
	h.newLearner("Marie")
	return h
}

// TestEveryScreenFitsEverySize draws every screen at random sizes from 1×1
// to 300×100: no panic, no line wider than the window, no more lines than
// the window has.
func TestEveryScreenFitsEverySize(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	sizes := [][2]int{{1, 1}, {2, 1}, {39, 11}, {40, 12}, {80, 24}, {300, 100}}
	for range 12 {
		sizes = append(sizes, [2]int{1 + rng.IntN(300), 1 + rng.IntN(100)})
	}
	for _, th := range []Theme{defaultTheme(), asciiTheme()} {
		h := loggedIn(t, th, builtin)
		for _, ns := range allScreens(t, builtin) {
			for _, sz := range sizes {
				h.show(ns, sz[0], sz[1])
				view := h.m.View().Content
				// The body as the view drew it (bodyTop says its height),
				// before the view cut what was too wide.
				if sz[0] >= minWidth && sz[1] >= minHeight && tooWide(h.m.renderBody(sz[0], sz[1]-2-h.m.bodyTop), sz[0]) {
					t.Errorf("%s %s at %dx%d: a line of the body was wider than the window and was cut", th.Name, ns.name, sz[0], sz[1])
				}
				lines := strings.Split(view, "\n")
				if len(lines) > sz[1] {
					t.Errorf("%s %s at %dx%d: %d lines", th.Name, ns.name, sz[0], sz[1], len(lines))
				}
				for i, l := range lines {
					if w := lipgloss.Width(l); w > sz[0] {
						t.Errorf("%s %s at %dx%d: line %d is %d wide: %q", th.Name, ns.name, sz[0], sz[1], i, w, ansi.Strip(l))
						break
					}
				}
			}
		}
	}
}

// TestGoldenScreens keeps a picture of every screen at 80×24 and 40×12 in
// every theme (go test ./tutor -run Golden -update rewrites them).
func TestGoldenScreens(t *testing.T) {
	for _, th := range []Theme{defaultTheme(), contrastTheme(), asciiTheme()} {
		for _, sz := range [][2]int{{80, 24}, {40, 12}} {
			t.Run(fmt.Sprintf("%s-%dx%d", th.Name, sz[0], sz[1]), func(t *testing.T) {
				if n := goldenLib.Diagnostics.Errors(); n > 0 {
					t.Fatalf("the golden content has %d errors: %v", n, goldenLib.Diagnostics)
				}
				h := loggedIn(t, th, goldenLib)
				for _, ns := range allScreens(t, goldenLib) {
					t.Run(ns.name, func(t *testing.T) {
						h.show(ns, sz[0], sz[1])
						golden.RequireEqual(t, h.m.View().Content)
					})
				}
			})
		}
	}
}
