package tutor

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"pasapas/i18n"
	"pasapas/learning"
	"pasapas/lessons"
)

// TestWordsSayOneAndTomorrow: singular forms and « demain », where the
// learner used to read « 1 leçons », « 0 réponses », a full date for
// tomorrow.
func TestWordsSayOneAndTomorrow(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	ctx := h.m.ctx
	if got := humanDate(ctx, ctx.now().Add(24*time.Hour)); got != "demain" {
		t.Errorf("tomorrow is said %q", got)
	}
	if got := answered(ctx, 0); strings.Contains(got, "0") {
		t.Errorf("no answer is said %q", got)
	}
	if got := lastSeen(ctx, ctx.now(), false); strings.Contains(got, "venu ou venue") {
		t.Errorf("the last visit is said %q", got)
	}
	for _, code := range []string{"linear_choose", "linear_type", "linear_answer", "linear_tick"} {
		for _, l := range []i18n.Lang{i18n.FR, i18n.EN} {
			if n := utf8.RuneCountInString(say(l, code)) + 1; n > 79 {
				t.Errorf("the prompt %s (%s) is %d columns wide: more than an 80-column terminal holds with its answer", code, l, n)
			}
		}
	}
}

// TestFreeTextOneEnter: in a « reponse_libre » question, the answer
// typed is handed in by one Entrée, as the instruction says.
func TestFreeTextOneEnter(t *testing.T) {
	h := newHarness(t, i18n.FR, goldenLib)
	s := &answerScreen{v: newQuestionView(h.m.ctx, plainQuestion(t, lessons.FreeText), 7)}
	h.m.stack = append(h.m.stack, s)
	h.typeText("arobase")
	h.press("enter")
	if s.answer == nil || s.answer.Fields[s.v.q.Fields[0].ID] != "arobase" {
		t.Fatalf("one Entrée did not hand the answer in: %+v", s.answer)
	}
}

// TestGlossaryLettersAndEnd: in the long glossary, a letter goes to the
// first word of that letter, and End to the last page.
func TestGlossaryLettersAndEnd(t *testing.T) {
	h := loggedIn(t, asciiTheme(), builtin)
	h.send(pushMsg{newGlossaryScreen()})
	h.screen() // drawn, as the program draws after each message
	h.press("m")
	first := ""
	for _, line := range strings.Split(h.screen(), "\n")[2:] {
		if f := strings.TrimSpace(line); f != "" {
			first = f
			break
		}
	}
	if !strings.HasPrefix(strings.ToLower(first), "m") {
		t.Fatalf("« m » did not go to the words in M: first line %q:\n%s", first, h.screen())
	}
	h.press("end")
	words := learning.AlphabeticalWords(h.m.ctx.Cat.Glossary)
	h.expect(words[len(words)-1].Word)
}

// TestIdleWarning: a minute before the idle lock, a warning is shown
// above the screen; a key clears it and the session stays open.
func TestIdleWarning(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	h.newLearner("Odile")
	h.m.idleLock = 5 * time.Minute
	h.clock.t = h.clock.t.Add(4*time.Minute + 5*time.Second)
	h.send(idleTickMsg{})
	h.expect("la séance va se fermer dans 1 minute", "Bonjour Odile")
	h.press("down")
	if strings.Contains(h.screen(), "va se fermer") {
		t.Fatal("a key did not clear the warning")
	}
}

// TestNoBreakAfterHyphen: a hyphenated word is never cut at its hyphen
// (« cliquez-⏎vous »), as the authors' guide promises.
func TestNoBreakAfterHyphen(t *testing.T) {
	got := wrap("Pour continuer, cliquez-vous sur le bouton ?", 24)
	for _, line := range strings.Split(got, "\n") {
		if strings.HasSuffix(line, "-") {
			t.Fatalf("a line ends on a hyphen:\n%s", got)
		}
	}
	if !strings.Contains(got, "cliquez-vous") {
		t.Fatalf("the word lost its hyphen:\n%s", got)
	}
}

// TestWideWindowCentred: at 200×60 the body is a column in the middle of
// the window, not a strip on its left edge.
func TestWideWindowCentred(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	h.newLearner("Gaston")
	h.send(tea.WindowSizeMsg{Width: 200, Height: 60})
	for _, line := range strings.Split(h.screen(), "\n") {
		if i := strings.Index(line, "Bonjour Gaston"); i >= 0 {
			if i < 40 {
				t.Fatalf("the body starts at column %d of 200:\n%s", i, h.screen())
			}
			return
		}
	}
	t.Fatalf("no greeting:\n%s", h.screen())
}

// TestASCIIThemeDrawsASCII: every frame of the ASCII look is free of the
// symbols old consoles cannot show (« · », arrows, bullets) — the French
// letters and quotes aside.
func TestASCIIThemeDrawsASCII(t *testing.T) {
	h := loggedIn(t, asciiTheme(), goldenLib)
	for _, ns := range allScreens(t, goldenLib) {
		for _, sz := range [][2]int{{80, 24}, {40, 12}} {
			h.show(ns, sz[0], sz[1])
			for _, r := range ansi.Strip(h.m.View().Content) {
				if strings.ContainsRune("·↑↓←→↕•▸✔✘○◐─│", r) {
					t.Fatalf("%s at %dx%d draws %q:\n%s", ns.name, sz[0], sz[1], r, ansi.Strip(h.m.View().Content))
				}
			}
		}
	}
}

// TestSettingsSayWhatEnterChooses: each setting that Entrée changes says
// what it will change to.
func TestSettingsSayWhatEnterChooses(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	h.newLearner("Irène")
	h.choose("Mes réglages")
	h.expect("Français — Entrée pour passer à : Anglais", "Simple, sans couleur — Entrée pour passer à : En couleurs")
	h.choose("Apparence")
	h.expect("En couleurs — Entrée pour passer à : Fort contraste")
}
