package tutor

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"pasapas/i18n"
	"pasapas/lessons"
)

// TestLongFeedbackOpensAtTop: a feedback taller than its box opens at its
// top — the verdict and the first line of the explanation — says the rest
// is below; ↓ reads on towards « Continuer »; a first Entrée while
// « Continuer » is out of sight shows it rather than acting unseen; in the
// middle the last line says there is text above and below.
func TestLongFeedbackOpensAtTop(t *testing.T) {
	h := loggedIn(t, asciiTheme(), builtin)
	ctx := h.m.ctx
	v := skipped(h, bankQuestion(t, "mail-q-dossiers-c"))
	whole := strings.Split(ansi.Strip(skipped(h, v.q).render(ctx, 40, 200)), "\n")
	drawn := v.render(ctx, 40, 10)
	lines := strings.Split(ansi.Strip(drawn), "\n")
	if strings.TrimSpace(lines[1]) != strings.TrimSpace(whole[1]) {
		t.Fatalf("the feedback does not open at its top: line 2 is %q, want %q:\n%s", lines[1], whole[1], ansi.Strip(drawn))
	}
	if lineOf(drawn, "la suite est en dessous") < 0 || lineOf(drawn, "Continuer") >= 0 {
		t.Fatalf("want the top, and « la suite est en dessous »:\n%s", ansi.Strip(drawn))
	}
	if _, ev := v.update(ctx, keyPress("enter")); ev.kind != qNothing {
		t.Fatal("Entrée acted on « Continuer » out of sight")
	}
	drawn = v.render(ctx, 40, 10)
	if lineOf(drawn, "> Continuer") < 0 && lineOf(drawn, "> 1. Continuer") < 0 {
		t.Fatalf("Entrée did not bring « Continuer » into view:\n%s", ansi.Strip(drawn))
	}
	if lineOf(drawn, "au-dessus") < 0 {
		t.Fatalf("no word of the text above:\n%s", ansi.Strip(drawn))
	}

	v = skipped(h, bankQuestion(t, "mail-q-dossiers-c"))
	v.render(ctx, 40, 10)
	v.update(ctx, keyPress("down"))
	drawn = v.render(ctx, 40, 10)
	if v.after.cursor != 0 {
		t.Fatal("↓ moved the focus past « Continuer » unseen")
	}
	if lineOf(drawn, "↑ au-dessus · ↓ en dessous") < 0 {
		t.Errorf("in the middle of the page, the last line does not say both:\n%s", ansi.Strip(drawn))
	}
}

// TestSmallQuestionOpensAtTop: at 40×12 a vrai/faux question opens on its
// context sentence, not scrolled down to its first answer.
func TestSmallQuestionOpensAtTop(t *testing.T) {
	h := loggedIn(t, asciiTheme(), builtin)
	ctx := h.m.ctx
	var q *lessons.Question
	for _, c := range builtin.Catalogue(i18n.FR).Questions {
		if c.Type == lessons.TrueFalse && c.Screen == nil && len(c.Prompt) > 60 {
			q = c
			break
		}
	}
	if q == nil {
		t.Skip("no long vrai/faux question")
	}
	v := newQuestionView(ctx, q, 7)
	whole := strings.Split(ansi.Strip(v.render(ctx, 40, 200)), "\n")
	v = newQuestionView(ctx, q, 7)
	drawn := v.render(ctx, 40, 8)
	if len(whole) <= 8 {
		t.Skip("fits")
	}
	if got := strings.Split(ansi.Strip(drawn), "\n")[0]; strings.TrimSpace(got) != strings.TrimSpace(whole[0]) {
		t.Fatalf("the question opens on %q, want its first line %q:\n%s", got, whole[0], ansi.Strip(drawn))
	}
}

// TestListsStopAtTheirEnds: ↑ on the first line of a list and ↓ on its
// last stay there: the pointer never jumps silently to the other end.
func TestListsStopAtTheirEnds(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	var m menu
	m.set([]menuItem{{label: "un"}, {label: "deux"}, {label: "trois"}})
	m.update(h.m.ctx, keyPress("up"))
	if m.cursor != 0 {
		t.Fatalf("↑ on the first line went to %d", m.cursor)
	}
	m.cursor = 2
	m.update(h.m.ctx, keyPress("down"))
	if m.cursor != 2 {
		t.Fatalf("↓ on the last line went to %d", m.cursor)
	}
}
