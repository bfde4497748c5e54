package tutor

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"pasapas/i18n"
	"pasapas/lessons"
	"pasapas/quiz"
)

// bankQuestion returns a question of the built-in French bank.
func bankQuestion(t *testing.T, id string) *lessons.Question {
	t.Helper()
	for _, q := range builtin.Catalogue(i18n.FR).Questions {
		if q.ID == id {
			return q
		}
	}
	t.Fatalf("no question %q", id)
	return nil
}

// skipped shows a question's feedback after « Je ne sais pas ».
func skipped(h *harness, q *lessons.Question) *questionView {
	v := newQuestionView(h.m.ctx, q, 7)
	v.submit(h.m.ctx, quiz.Answer{Skipped: true})
	v.showFeedback(h.m.ctx, v.check(quiz.Answer{Skipped: true}), nil)
	return v
}

// lineOf is the row of a drawn view holding text, or -1.
func lineOf(drawn, text string) int {
	for y, l := range strings.Split(ansi.Strip(drawn), "\n") {
		if strings.Contains(strings.ReplaceAll(l, "\u00a0", " "), text) {
			return y
		}
	}
	return -1
}

// In a feedback taller than its box, the page has scrolled to the menu and
// the verdict stays pinned on the first line: a click on a line of the
// menu chooses that line.
func TestFeedbackClickAfterScroll(t *testing.T) {
	h := loggedIn(t, asciiTheme(), builtin)
	ctx := h.m.ctx
	v := skipped(h, bankQuestion(t, "mail-q-dossiers-c"))
	links := append(append([]*lessons.Lesson{}, v.next...), v.more...)
	if len(links) < 2 {
		t.Fatalf("the question offers %d lessons", len(links))
	}
	for _, height := range []int{8, 12, 40} {
		for i := range len(links) + 1 {
			clicked := false
			for range len(links) + 1 { // the focus on each line: the page follows it
				drawn := v.render(ctx, 76, height)
				label := ctx.say("q_continue")
				if i > 0 {
					label = links[i-1].Title[:20]
				}
				y := lineOf(drawn, label)
				if y < 0 {
					v.update(ctx, keyPress("down"))
					continue
				}
				_, ev := v.update(ctx, clickMsg{x: 6, y: y})
				switch {
				case i == 0 && ev.kind != qContinue:
					t.Fatalf("height %d: a click on %q: %+v\n%s", height, label, ev, ansi.Strip(drawn))
				case i > 0 && (ev.kind != qOpenLesson || ev.lesson != links[i-1]):
					t.Fatalf("height %d: a click on %q: %+v\n%s", height, label, ev, ansi.Strip(drawn))
				}
				clicked = true
				v.update(ctx, keyPress("down"))
			}
			if !clicked {
				t.Fatalf("height %d: line %d never shown", height, i)
			}
		}
	}
}

// The last line of a scrolled page says where the rest is: a click there
// answers nothing, though a row is hidden under it.
func TestClickOnTheMoreLineDoesNothing(t *testing.T) {
	h := loggedIn(t, asciiTheme(), builtin)
	ctx := h.m.ctx
	v := newQuestionView(ctx, firstQuestion(t, builtin, lessons.SingleChoice, ""), 7)
	for height := 5; height < 12; height++ {
		drawn := v.render(ctx, 40, height)
		y := lineOf(drawn, ctx.say("q_more_below"))
		if y < 0 {
			continue
		}
		if _, ev := v.update(ctx, clickMsg{x: 3, y: y}); ev.kind != qNothing || v.phase != asking {
			t.Fatalf("height %d: a click on %q answered:\n%s", height, ctx.say("q_more_below"), ansi.Strip(drawn))
		}
	}
}
