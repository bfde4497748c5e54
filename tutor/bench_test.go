package tutor

import (
	"path/filepath"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"pasapas/i18n"
	"pasapas/lessons"
	"pasapas/progress"
)

// benchHarness is a learner on a screen at 120×40, with the lesson's
// first frame already drawn: what a key press costs once the screen is up.
func benchHarness(b *testing.B, ns namedScreen) *harness {
	b.Helper()
	c := &clock{testToday}
	st, err := progress.OpenWith(filepath.Join(b.TempDir(), "pasapas.db"), progress.Options{Now: c.now})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	h := &harness{t: &testing.T{}, store: st, clock: c}
	h.m = newTutor(Config{Library: builtin, Lang: i18n.FR, Theme: defaultTheme(), App: testApp(st, c.now), IdleLock: -1, Now: c.now})
	h.m.tick = nil
	h.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	h.run(h.m.Init())
	h.choose("Je suis nouveau")
	h.typeText("Marie")
	h.press("enter")
	h.choose("Non, pas de code")
	h.show(ns, 120, 40)
	h.m.View()
	return h
}

// BenchmarkLessonKey measures one key press on a lesson (the next page,
// then back) with its Update and its View.
func BenchmarkLessonKey(b *testing.B) {
	h := benchHarness(b, namedScreen{name: "lesson", make: func(h *harness) screen {
		return newLessonScreen(h.m.ctx, builtin.Catalogue(i18n.FR).Lesson("mail-adresse"))
	}, after: func(h *harness) { h.press("enter") }})
	right := tea.KeyPressMsg{Code: tea.KeyRight}
	left := tea.KeyPressMsg{Code: tea.KeyLeft}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		k := right
		if i%2 == 1 {
			k = left
		}
		h.m.Update(k)
		h.m.View()
	}
}

// BenchmarkQuizKey measures one key press on a question with a mock screen
// (moving between answers) with its Update and its View.
func BenchmarkQuizKey(b *testing.B) {
	var q *lessons.Question
	for _, x := range builtin.Catalogue(i18n.FR).Questions {
		if x.Screen != nil && x.Type == lessons.SingleChoice {
			q = x
			break
		}
	}
	h := benchHarness(b, namedScreen{name: "quiz", make: func(h *harness) screen {
		return &questionScreen{v: newQuestionView(h.m.ctx, q, 1)}
	}, after: func(h *harness) {
		h.m.View()
		h.press("enter") // past the screen shown alone, if it was
	}})
	down := tea.KeyPressMsg{Code: tea.KeyDown}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		h.m.Update(down)
		h.m.View()
	}
}

// BenchmarkColdStart measures what happens before the first frame: loading
// and checking the built-in library, opening the progress file, building
// the interface and drawing "Qui êtes-vous ?".
func BenchmarkColdStart(b *testing.B) {
	dir := b.TempDir()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		lib := lessons.Load(lessons.Options{Today: time.Now()}, lessons.Builtin())
		st, err := progress.Open(filepath.Join(dir, "pasapas.db"))
		if err != nil {
			b.Fatal(err)
		}
		m := newTutor(Config{Library: lib, Lang: i18n.FR, Theme: defaultTheme(), App: testApp(st, nil), IdleLock: -1})
		m.tick = nil
		m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		for _, msg := range runCmd(m.Init()) {
			m.Update(msg)
		}
		if m.View().Content == "" {
			b.Fatal("no first frame")
		}
		st.Close()
	}
}

// BenchmarkLessonFirstFrame measures opening a lesson and drawing its first
// step: the screen is built, its commands run (as Bubble Tea would run
// them), the learner presses Entrée past the introduction, and the step's
// first frame is drawn. Nothing is cached from one iteration to the next.
// It runs as a preview (no learner), so that no write to the progress file
// is counted.
func BenchmarkLessonFirstFrame(b *testing.B) {
	h := benchHarness(b, namedScreen{name: "home", make: func(h *harness) screen { return newHomeScreen(h.m.ctx) }})
	h.m.ctx.Session = nil
	l := builtin.Catalogue(i18n.FR).Lesson("mail-adresse")
	enter := tea.KeyPressMsg{Code: tea.KeyEnter}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		resetRenderCache(h.m.ctx)
		h.m.stack = h.m.stack[:1]
		h.send(pushMsg{newLessonScreen(h.m.ctx, l)})
		h.send(enter)
		if h.m.View().Content == "" {
			b.Fatal("no frame")
		}
	}
}

// resetRenderCache forgets every lesson text drawn so far; the Glamour
// renderers (one per theme, made once) are kept.
func resetRenderCache(ctx *Context) {
	ctx.md.done, ctx.md.pending = map[mdKey]string{}, map[mdKey]bool{}
}
