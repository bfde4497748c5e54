package tutor

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"pasapas/i18n"
	"pasapas/lessons"
	"pasapas/progress"
)

func TestNewLearnerReadsALessonAndResumes(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	h.expect("Qui êtes-vous ?", "Je suis nouveau ou nouvelle")
	h.newLearner("Marie")
	h.choose("Envoyer et recevoir des mails")
	h.choose("Lire et écrire une adresse mail")
	h.expect("Vos objectifs")
	h.press("enter")
	h.expect("Étape 1 sur", "marie.dupont@laposte.net")
	h.press("right", "right")
	h.expect("Étape 3 sur")

	// The step is on disk: a new start finds it.
	ctx := context.Background()
	ls, err := h.store.Learners(ctx)
	if err != nil || len(ls) != 1 {
		t.Fatalf("learners: %v %v", ls, err)
	}
	lp, err := h.store.LessonProgress(ctx, ls[0].ID)
	if err != nil || lp["mail-adresse"].Step != 3 {
		t.Fatalf("lesson progress: %+v %v", lp, err)
	}
	h.press("esc")
	h.expect("Lire et écrire une adresse mail", "En cours : étape 3 sur")
	h.press("esc")
	h.expect("Continuer : Lire et écrire une adresse mail")
	h.choose("Continuer : Lire et écrire une adresse mail")
	h.expect("Étape 3 sur")
}

func TestCheckQuestionInALessonIsRecorded(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	h.newLearner("Paul")
	h.choose("Envoyer et recevoir des mails")
	h.choose("Lire et écrire une adresse mail")
	h.press("enter")
	for i := 0; i < 10 && !strings.Contains(h.screen(), "Une question pour vérifier"); i++ {
		h.press("right")
	}
	h.expect("Une question pour vérifier", "Je ne sais pas")
	// Answer the first proposed choice, whatever it is.
	h.press("1", "enter")
	s := h.screen()
	if !strings.Contains(s, "Bonne réponse") && !strings.Contains(s, "Ce n'est pas") {
		t.Fatalf("no feedback:\n%s", s)
	}
	ls, _ := h.store.Learners(context.Background())
	answers, err := h.store.Answers(context.Background(), ls[0].ID)
	if err != nil || len(answers) != 1 || answers[0].Lesson != "mail-adresse" {
		t.Fatalf("answers: %+v %v", answers, err)
	}
}

func TestTestThenResults(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	h.newLearner("Lucie")
	h.choose("Faire le point")
	h.choose("Envoyer et recevoir des mails")
	h.expect("Question 1", "Je ne sais pas")
	// Answer "Je ne sais pas" to everything: never timed, always possible.
	for i := 0; i < 40 && !strings.Contains(h.screen(), "Mes résultats"); i++ {
		switch s := h.screen(); {
		case strings.Contains(s, "Faisons le point"), strings.Contains(s, "Continuer"):
			h.choose("Continuer")
		default:
			h.choose("Je ne sais pas")
		}
	}
	h.expect("Mes résultats", "Envoyer et recevoir des mails")
	ls, _ := h.store.Learners(context.Background())
	tests, err := h.store.Tests(context.Background(), ls[0].ID)
	if err != nil || len(tests) != 1 || tests[0].Result == nil {
		t.Fatalf("tests: %+v %v", tests, err)
	}
}

func TestPINProtectsAProfile(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	h.choose("Je suis nouveau")
	h.typeText("Ana")
	h.press("enter")
	h.choose("Oui, je choisis un code")
	h.typeText("4827")
	h.press("enter")
	h.typeText("4827")
	h.press("enter")
	h.expect("Bonjour Ana")
	h.choose("Terminer ma séance")
	h.expect("Qui êtes-vous ?", "Votre séance est terminée", "Ana", "avec un code secret")
	h.choose("Ana")
	h.typeText("9999")
	h.press("enter")
	h.expect("code")
	if strings.Contains(h.screen(), "Bonjour Ana !") {
		t.Fatal("a wrong PIN opened the profile")
	}
}

func TestIdleLockClosesTheSession(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	h.m.idleLock = 10 * time.Minute
	h.newLearner("Jean")
	h.clock.t = h.clock.t.Add(11 * time.Minute)
	h.send(idleTickMsg{})
	h.expect("Qui êtes-vous ?", "10 minutes sans activité")
}

func TestQuitAsksFirst(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	h.press("ctrl+c")
	h.expect("Voulez-vous quitter")
	h.press("enter") // "Non, continuer" is first
	if strings.Contains(h.screen(), "Voulez-vous quitter") {
		t.Fatalf("still asking:\n%s", h.screen())
	}
}

func TestTooSmall(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	h.send(tea.WindowSizeMsg{Width: 30, Height: 10})
	h.expect("Agrandissez")
}

func TestEnglish(t *testing.T) {
	h := newHarness(t, i18n.EN, nil)
	h.expect("Who are you?", "I am new here")
}

// TestStartsOnBrokenContent is the foundation issue's scenario: the tutor
// started on a folder of broken files still runs, and says what it left out.
func TestStartsOnBrokenContent(t *testing.T) {
	lib := lessons.Load(lessons.Options{Today: testToday}, lessons.Builtin(), lessons.Dir("../lessons/testdata/broken"))
	h := newHarness(t, i18n.FR, lib)
	h.newLearner("Ali")
	// The learner's home does not list them: they are for the médiateur,
	// in the space.
	if strings.Contains(h.screen(), "Voir les fichiers de leçons mis de côté") {
		t.Fatalf("the learner's home lists the lesson files left out:\n%s", h.screen())
	}
	h.choose("Terminer ma séance")
	w := &walker{h: h}
	w.openSpace(true)
	h.choose("Voir les fichiers de leçons mis de côté")
	h.expect("8 fichiers ou éléments", "cle-inconnue.yaml:9:5")
	// The last one, below: the list scrolls to it.
	for range 20 {
		if strings.Contains(h.screen(), "syntaxe.yaml:2:8") {
			return
		}
		h.press("down")
	}
	h.expect("syntaxe.yaml:2:8")
}

func TestAnswerIsOnDiskBeforeFeedback(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	h.newLearner("Zoé")
	h.choose("Faire le point")
	h.choose("Envoyer et recevoir des mails")
	h.choose("Je ne sais pas")
	ls, _ := h.store.Learners(context.Background())
	open, err := h.store.OpenTests(context.Background(), ls[0].ID)
	if err != nil || len(open) != 1 || len(open[0].Answers) != 1 || open[0].Answers[0].Result != progress.Skipped {
		t.Fatalf("open tests: %+v %v", open, err)
	}
	h.expect("Vous avez passé cette question")
}

// clickOn clicks the first line of the screen holding text.
func (h *harness) clickOn(text string) {
	h.t.Helper()
	for y, line := range strings.Split(h.screen(), "\n") {
		if x := strings.Index(line, text); x >= 0 {
			h.send(tea.MouseClickMsg(tea.Mouse{X: x, Y: y, Button: tea.MouseLeft}))
			return
		}
	}
	h.t.Fatalf("nothing to click with %q:\n%s", text, h.screen())
}

func TestMouseClicksChoose(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	h.m.ctx.Mouse = true
	h.clickOn("Je suis nouveau")
	h.expect("Quel est votre prénom ?")
	h.typeText("Léa")
	h.press("enter")
	h.clickOn("Non, pas de code")
	h.expect("Bonjour Léa")
	h.clickOn("Faire le point")
	h.clickOn("Envoyer et recevoir des mails")
	h.expect("Question 1")
	h.clickOn("Je ne sais pas")
	h.expect("Vous avez passé cette question")
}
