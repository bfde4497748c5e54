package tutor

import (
	"context"
	"pasapas/record"
	"pasapas/scoring"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"pasapas/i18n"
	"pasapas/lessons"
	"pasapas/progress"
)

// startMailTest signs a new learner in and answers "Je ne sais pas" to the
// first n questions of the mail test.
func startMailTest(h *harness, name string, n int) record.LearnerID {
	h.t.Helper()
	h.newLearner(name)
	h.choose("Faire le point")
	h.choose("Envoyer et recevoir des mails")
	for i := 0; i < n; i++ {
		h.expect("Question")
		h.pick("Je ne sais pas")
		h.pick("Continuer")
	}
	ls, err := h.store.Learners(context.Background())
	if err != nil {
		h.t.Fatal(err)
	}
	return ls[len(ls)-1].ID
}

// pick moves the pointer with ↓ onto the line holding text and presses
// Entrée: unlike choose, it never types a digit, which a text field would
// take as the answer.
func (h *harness) pick(text string) {
	h.t.Helper()
	for range 40 {
		for _, line := range strings.Split(h.screen(), "\n") {
			if strings.Contains(line, text) && strings.HasPrefix(strings.TrimSpace(line), h.m.ctx.Theme.G.Pointer+" ") {
				h.press("enter")
				return
			}
		}
		h.press("down")
	}
	h.t.Fatalf("no line with %q:\n%s", text, h.screen())
}

// TestTestResumesWhenContentChanged: a test left open whose log names a
// question removed from the content since carries on with the others,
// instead of failing with an engine error.
func TestTestResumesWhenContentChanged(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	id := startMailTest(h, "Nadia", 2)
	ctx := context.Background()
	open, err := h.store.OpenTests(ctx, id)
	if err != nil || len(open) != 1 {
		t.Fatalf("open tests: %+v %v", open, err)
	}
	gone := record.Answer{Learner: id, Question: "question-retiree", Variant: "question-retiree",
		Given: `{"passe":true}`, Result: progress.Skipped, Test: open[0].ID, At: testToday}
	if _, err := h.store.RecordAnswer(ctx, gone); err != nil {
		t.Fatal(err)
	}
	h.press("esc") // the pause
	h.choose("Revenir à l'accueil")
	h.choose("Terminer ma séance")
	h.choose("Nadia")
	h.expect("Reprendre le test", "3 réponses déjà données")
	h.choose("Reprendre le test")
	h.expect("Question 3")
	if s := h.screen(); strings.Contains(s, "replaying") || strings.Contains(s, "question not in") {
		t.Fatalf("an engine error reached the learner:\n%s", s)
	}
}

// TestStartingAnOpenTestResumesIt: choosing a competence whose test is
// still open carries on with it rather than opening a second one.
func TestStartingAnOpenTestResumesIt(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	id := startMailTest(h, "Omar", 2)
	h.press("esc") // the pause
	h.choose("Revenir à l'accueil")
	h.expect("Reprendre le test")
	h.choose("Faire le point")
	h.choose("Envoyer et recevoir des mails")
	h.expect("Question 3")
	open, err := h.store.OpenTests(context.Background(), id)
	if err != nil || len(open) != 1 {
		t.Fatalf("open tests: %d %v, want 1", len(open), err)
	}
}

// TestFailedSaveIsNotGivenToTheEngine: an answer that did not reach the
// disk is not counted, so the engine and the answer log stay the same.
func TestFailedSaveIsNotGivenToTheEngine(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	startMailTest(h, "Inès", 1)
	s := h.m.top().(*testScreen)
	h.expect("Question 2")
	before, asked := len(s.test.Engine().(*scoring.Test).Responses()), s.current.ID
	// The store is closed under the learner's feet.
	h.store.Close()
	h.pick("Je ne sais pas")
	h.expect("n'a pas été enregistrée")
	if len(s.test.Engine().(*scoring.Test).Responses()) != before {
		t.Fatalf("engine has %d answers, want %d", len(s.test.Engine().(*scoring.Test).Responses()), before)
	}
	h.pick("Continuer")
	h.expect("Question 2")
	if s.current.ID != asked {
		t.Errorf("asked %q, want the same question %q again", s.current.ID, asked)
	}
}

func TestHowLong(t *testing.T) {
	ctx := newHarness(t, i18n.FR, nil).m.ctx
	for _, c := range []struct {
		d    time.Duration
		want string
	}{
		{time.Minute, "1 minute"},
		{10 * time.Minute, "10 minutes"},
		{30 * time.Second, "30 secondes"},
		{time.Second, "1 seconde"},
		{90 * time.Second, "90 secondes"},
	} {
		if got := howLong(ctx, c.d); got != c.want {
			t.Errorf("howLong(%v) = %q, want %q", c.d, got, c.want)
		}
	}
}

// TestHomeSaysWhenNoLesson: a content folder with nothing usable still
// opens, and the home screen says there is no lesson.
func TestHomeSaysWhenNoLesson(t *testing.T) {
	lib := lessons.Load(lessons.Options{Today: testToday}, lessons.Dir(t.TempDir()))
	h := newHarness(t, i18n.FR, lib)
	h.newLearner("Yann")
	h.expect("Aucune leçon n'est disponible.", "Terminer ma séance")
}

// TestEraseAllMyData: "Mes réglages" offers to erase everything; "Non"
// comes first and keeps it; "Oui" erases the profile and ends the session.
func TestEraseAllMyData(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	h.newLearner("Rose")
	h.pick("Mes réglages")
	h.pick("Effacer toutes mes données")
	h.expect("Voulez-vous effacer toutes vos données ?", "on ne peut pas les retrouver", "Exporter toutes mes données")
	h.press("enter") // "Non, garder mes données" is first
	h.expect("Mes réglages")
	h.pick("Effacer toutes mes données")
	h.pick("Oui, tout effacer")
	h.expect("Qui êtes-vous ?", "Vos données sont effacées.")
	if strings.Contains(h.screen(), "Rose") {
		t.Fatalf("the erased profile is still listed:\n%s", h.screen())
	}
	ls, err := h.store.Learners(context.Background())
	if err != nil || len(ls) != 0 {
		t.Fatalf("learners after erase: %+v %v", ls, err)
	}
}

// TestStoreCommandsRunInTheOrderAsked: a reload asked after a save reads
// what the save wrote, even when the program runs the reload first (Bubble
// Tea runs each command in its own goroutine).
func TestStoreCommandsRunInTheOrderAsked(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	ctx := h.m.ctx
	var order []string
	var mu sync.Mutex
	note := func(s string) tea.Msg { mu.Lock(); order = append(order, s); mu.Unlock(); return nil }
	first := storeCmd(ctx, func(context.Context) tea.Msg { time.Sleep(20 * time.Millisecond); return note("save") })
	second := storeCmd(ctx, func(context.Context) tea.Msg { return note("reload") })
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); second() }() // started first, as the runtime may
	time.Sleep(5 * time.Millisecond)
	go func() { defer wg.Done(); first() }()
	wg.Wait()
	if strings.Join(order, ",") != "save,reload" {
		t.Fatalf("ran %v, want the save before the reload", order)
	}
}

// numberOf returns the number of the line holding text.
func (h *harness) numberOf(text string) string {
	h.t.Helper()
	for _, line := range strings.Split(h.screen(), "\n") {
		if strings.Contains(line, text) {
			f := strings.Fields(strings.TrimPrefix(strings.TrimSpace(line), h.m.ctx.Theme.G.Pointer))
			return strings.TrimSuffix(f[0], ".")
		}
	}
	h.t.Fatalf("no line with %q:\n%s", text, h.screen())
	return ""
}

// hold presses a key that opens a screen and returns the store command
// the new screen asked for, not run yet, as a slow disk would hold it; the
// commands asked after it do not wait for it.
func (h *harness) hold(k string) tea.Cmd {
	h.t.Helper()
	_, cmd := h.m.Update(keyPress(k))
	var held tea.Cmd
	for _, msg := range runCmd(cmd) {
		_, held = h.m.Update(msg)
	}
	if held == nil {
		h.t.Fatalf("%s asked for nothing", k)
	}
	h.m.ctx.queue.stall = 10 * time.Millisecond
	return held
}

// TestLateTestStartStaysWithItsScreen: a test's start that comes back after
// the learner left it never lands on the next test's screen, whose answers
// must go to its own test.
func TestLateTestStartStaysWithItsScreen(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	h.newLearner("Zoé")
	h.choose("Faire le point")
	h.press(h.numberOf("Envoyer et recevoir des mails"))
	held := h.hold("enter") // the mail test's start
	h.press("esc")
	h.choose("Faire le point")
	h.choose("Installer une application")
	h.expect("Question 1")
	s := h.m.top().(*testScreen)
	test := s.test
	h.run(held)
	if s.comp != "smartphone" || s.test != test || s.test.Competence != "smartphone" {
		t.Fatalf("the late start changed the screen: competence %s, test %d (was %d), bank %s", s.comp, s.test.ID, test.ID, s.test.Competence)
	}
	// The first question may show its mock screen alone first: read on to
	// the answers.
	for i := 0; i < 40 && !strings.Contains(h.screen(), "Je ne sais pas"); i++ {
		if strings.Contains(h.screen(), "pour voir les réponses") {
			h.press("enter")
		} else {
			h.press("down")
		}
	}
	h.pick("Je ne sais pas")
	ls, _ := h.store.Learners(context.Background())
	open, err := h.store.OpenTests(context.Background(), ls[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range open {
		if want := map[bool]int{true: 1, false: 0}[o.ID == test.ID]; len(o.Answers) != want {
			t.Errorf("test %d (%s) holds %d answers, want %d", o.ID, o.Competence, len(o.Answers), want)
		}
	}
}

// TestLateSaveIsNotShownOnAnotherScreen: the "answer saved" of a question
// the learner left comes back after they resumed the test: the resumed
// screen, still asking, shows no feedback for it.
func TestLateSaveIsNotShownOnAnotherScreen(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	startMailTest(h, "Yves", 1)
	h.expect("Question 2")
	for range 10 {
		if strings.Contains(h.screen(), h.m.ctx.Theme.G.Pointer+" "+h.numberOf("Je ne sais pas")+". Je ne sais pas") {
			break
		}
		h.press("down")
	}
	_, held := h.m.Update(keyPress("enter")) // the answer's save, held
	h.m.ctx.queue.stall = 10 * time.Millisecond
	h.press("esc") // the pause
	h.choose("Revenir à l'accueil")
	h.choose("Reprendre le test")
	h.expect("Question 2")
	s := h.m.top().(*testScreen)
	h.run(held)
	if s.qv.phase != asking || strings.Contains(h.screen(), "Vous avez passé cette question") {
		t.Fatalf("the late save reached the resumed test:\n%s", h.screen())
	}
}

// TestProfileCreatedOnce: a second Entrée while the new profile is signing
// in does not create it again.
func TestProfileCreatedOnce(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	h.choose("Je suis nouveau")
	h.typeText("Paul")
	h.press("enter")
	_, create := h.m.Update(keyPress("enter")) // "Non, pas de code"
	msgs := runCmd(create)
	_, held := h.m.Update(msgs[0]) // the sign-in, held
	h.m.ctx.queue.stall = 10 * time.Millisecond
	h.press("enter")
	h.run(held)
	ls, _ := h.store.Learners(context.Background())
	if len(ls) != 1 {
		t.Fatalf("%d profiles, want 1: %+v", len(ls), ls)
	}
	h.expect("Bonjour Paul")
}

// TestNoEmptyRecapAfterAFailedSave: a first answer that is not saved is not
// counted, so « Continuer » does not show a recap with nothing in it.
func TestNoEmptyRecapAfterAFailedSave(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	startMailTest(h, "Inès", 0)
	h.expect("Question 1")
	h.store.Close()
	h.pick("Je ne sais pas")
	h.expect("n'a pas été enregistrée")
	h.pick("Continuer")
	if strings.Contains(h.screen(), "Faisons le point") {
		t.Fatalf("an empty recap:\n%s", h.screen())
	}
	h.expect("Question 1")
}

// TestEraseAlreadyErased: a profile erased meanwhile (from another window)
// is said erased, not shown as a failure.
func TestEraseAlreadyErased(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	h.newLearner("Léo")
	h.pick("Mes réglages")
	h.pick("Effacer toutes mes données")
	if err := h.store.Erase(context.Background(), h.m.ctx.Session.learner.ID); err != nil {
		t.Fatal(err)
	}
	h.pick("Oui, tout effacer")
	h.expect("Qui êtes-vous ?", "Vos données sont effacées.")
}

// TestNotSavedWarningStaysInSight: when the feedback is taller than the
// window, the warning that the answer was not saved is in sight with the
// verdict, whole.
func TestNotSavedWarningStaysInSight(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	startMailTest(h, "Inès", 1)
	h.send(tea.WindowSizeMsg{Width: 60, Height: 16})
	h.store.Close()
	h.pick("Je ne sais pas")
	flat := strings.Join(strings.Fields(h.screen()), " ")
	want := "Attention : votre réponse n'a pas été enregistrée. Les progrès n'ont pas pu être enregistrés ou lus. Prévenez un médiateur."
	// The feedback opens at its top (issue 14): the warning is in sight,
	// and the page says there is more below, « Continuer » included.
	if !strings.Contains(flat, want) || !strings.Contains(flat, "la suite est en dessous") {
		t.Fatalf("the whole warning, and the sign of more below, are not in sight:\n%s", h.screen())
	}
}

// TestNoHintInTests: a test offers no hint (issue #24: an answer given after
// a hint says little, and the simulation shows what scoring it costs); a
// lesson's questions keep theirs.
func TestNoHintInTests(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	h.newLearner("Inès")
	h.choose("Faire le point")
	h.choose("Un peu de tout")
	asked := 0
	for i := 0; i < 400 && !strings.Contains(h.screen(), "Mes résultats"); i++ {
		s := h.screen()
		if strings.Contains(s, "Voir un indice") {
			t.Fatalf("a hint is offered in a test:\n%s", s)
		}
		switch {
		case strings.Contains(s, "Faisons le point"):
			h.pick("Continuer")
		case strings.Contains(s, "Je ne sais pas"):
			asked++
			h.pick("Je ne sais pas")
		case strings.Contains(s, "Continuer"):
			h.pick("Continuer")
		case strings.Contains(s, "pour voir les réponses"):
			h.press("enter")
		default:
			h.press("down")
		}
	}
	if asked == 0 {
		t.Fatal("no question was asked")
	}
	hinted := false
	for _, q := range h.m.ctx.Cat.Questions {
		hinted = hinted || len(q.Hints) > 0
	}
	if !hinted {
		t.Fatal("no question of the content has a hint: the test proves nothing")
	}
}
