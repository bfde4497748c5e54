package tutor

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"pasapas/i18n"
	"pasapas/lessons"
	"pasapas/progress"
	"pasapas/quiz"
	"pasapas/record"
)

// answerScreen asks one question and keeps the answer handed in.
type answerScreen struct {
	v      *questionView
	answer *quiz.Answer
}

func (s *answerScreen) Title(ctx *Context) string { return "Question" }
func (s *answerScreen) Help(ctx *Context) []key.Binding {
	return []key.Binding{ctx.Keys.Up, ctx.Keys.Down, ctx.Keys.Enter}
}
func (s *answerScreen) Typing() bool          { return s.v.Typing() }
func (s *answerScreen) Asking() *questionView { return s.v.waiting() }
func (s *answerScreen) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	cmd, ev := s.v.update(ctx, msg)
	if ev.kind == qSubmitted {
		a := ev.answer
		s.answer = &a
		s.v.showFeedback(ctx, s.v.check(ev.answer), nil)
	}
	return cmd
}
func (s *answerScreen) Render(ctx *Context, w, h int) string { return s.v.render(ctx, w, h) }

// plainQuestion is the first question of a type with no mock screen in the
// golden library.
func plainQuestion(t *testing.T, typ string) *lessons.Question {
	t.Helper()
	for _, c := range goldenLib.Catalogue(i18n.FR).Questions {
		if c.Type == typ && c.Screen == nil {
			return c
		}
	}
	t.Fatalf("no %s question without a mock screen", typ)
	return nil
}

func ticked(v *questionView) int {
	n := 0
	for _, on := range v.chosen {
		if on {
			n++
		}
	}
	return n
}

// TestMultipleChoiceEnterTicks: in a « Plusieurs réponses possibles »
// question, Entrée on an answer ticks (or unticks) its box and never hands
// the answer in, however many boxes are ticked; a digit only points; only
// « Valider ma réponse » hands in — here with two boxes ticked.
func TestMultipleChoiceEnterTicks(t *testing.T) {
	h := newHarness(t, i18n.FR, goldenLib)
	s := &answerScreen{v: newQuestionView(h.m.ctx, plainQuestion(t, lessons.MultipleChoice), 7)}
	h.m.stack = append(h.m.stack, s)
	h.press("enter") // ticks the first answer
	h.press("down", "enter")
	if s.answer != nil || ticked(s.v) != 2 {
		t.Fatalf("after Entrée, ↓, Entrée: answer %+v, %d ticked, want none handed in and 2 ticked", s.answer, ticked(s.v))
	}
	h.press("1") // points, ticks nothing
	if ticked(s.v) != 2 || s.v.cursor != 0 {
		t.Fatalf("a digit ticked or did not point: %d ticked, cursor %d", ticked(s.v), s.v.cursor)
	}
	h.press("space", "space") // unticks, ticks again
	if ticked(s.v) != 2 || s.answer != nil {
		t.Fatalf("Espace twice: %d ticked", ticked(s.v))
	}
	h.expect("Valider ma réponse", "Pour cocher une réponse", "cocher ou décocher")
	h.press("?") // the help page says it too
	h.expect("Aide : les touches", "cocher ou décocher")
	h.press("esc")
	h.choose("Valider ma réponse")
	if s.answer == nil || len(s.answer.Choices) != 2 {
		t.Fatalf("answer handed in: %+v, want 2 choices", s.answer)
	}
}

// TestFooterInTextField: in a text field « ? » is typed, so the key bar
// does not offer « ? aide » there.
func TestFooterInTextField(t *testing.T) {
	h := newHarness(t, i18n.FR, goldenLib)
	s := &answerScreen{v: newQuestionView(h.m.ctx, plainQuestion(t, lessons.FreeText), 7)}
	h.m.stack = append(h.m.stack, s)
	lines := strings.Split(strings.TrimRight(h.screen(), "\n"), "\n")
	if bar := lines[len(lines)-1]; strings.Contains(bar, "? aide") {
		t.Fatalf("the key bar offers « ? aide » in a text field: %q", bar)
	}
}

// runLinearLines runs the accessible mode on a store with the lines given.
func runLinearLines(t *testing.T, st *progress.Store, lines ...string) string {
	t.Helper()
	var out bytes.Buffer
	cfg := Config{Library: builtin, Lang: i18n.FR, App: testApp(st, nil), IdleLock: -1}
	if err := RunAccessible(cfg, strings.NewReader(strings.Join(lines, "\n")+"\n"), &out); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

func openStore(t *testing.T) *progress.Store {
	t.Helper()
	st, err := progress.Open(filepath.Join(t.TempDir(), "pasapas.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// TestAccessibleStrayCharacter: in the accessible mode a character that
// names no row (« + », « x ») is answered « Je n'ai pas compris » and
// changes nothing: no profile opens, no question is answered.
func TestAccessibleStrayCharacter(t *testing.T) {
	st := openStore(t)
	if _, err := st.CreateLearner(context.Background(), "Marie", "", record.Prefs{}); err != nil {
		t.Fatal(err)
	}
	out := runLinearLines(t, st, "+", "x", "99", "quitter", "2")
	for _, want := range []string{"Je n'ai pas compris « + »", "Je n'ai pas compris « x »", "Je n'ai pas compris « 99 »"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if strings.Contains(out, "Bonjour Marie") || strings.Contains(out, "Nouveau profil") {
		t.Errorf("a stray character opened a screen:\n%s", out)
	}

	l, v, buf := linearOn(t, lessons.SingleChoice)
	l.line("x")
	if v.phase != asking {
		t.Fatal("« x » answered the question")
	}
	if !strings.Contains(buf.String(), "Je n'ai pas compris") {
		t.Errorf("output: %q", buf.String())
	}
}

// TestAccessibleFortyProfiles: with 40 profiles every row has a number,
// the 36th can be chosen by its number, and « nouveau » creates a profile.
func TestAccessibleFortyProfiles(t *testing.T) {
	st := openStore(t)
	for i := range 40 {
		if _, err := st.CreateLearner(context.Background(), fmt.Sprintf("Personne %02d", i+1), "", record.Prefs{}); err != nil {
			t.Fatal(err)
		}
	}
	out := runLinearLines(t, st, "nouveau", "Zoé", "1", "quitter", "2")
	for _, want := range []string{"36. ", "41. ", "Quel est votre prénom ?", "Bonjour Zoé !"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "   . ") {
		t.Error("a row has no number")
	}
	// The row numbered 36 opens that profile.
	out = runLinearLines(t, st, "36", "quitter", "2")
	row := ""
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(strings.TrimPrefix(strings.TrimSpace(line), "> ")); len(f) > 1 && f[0] == "36." {
			row = strings.Join(f[1:], " ")
			break
		}
	}
	if row == "" || !strings.Contains(out, "Bonjour "+row+" !") {
		t.Errorf("« 36 » did not open %q:\n%s", row, out)
	}
}

// profilesOf starts a harness whose « Qui êtes-vous ? » lists these names.
func profilesOf(t *testing.T, names ...string) *harness {
	t.Helper()
	h := newHarness(t, i18n.FR, nil)
	for _, n := range names {
		if _, err := h.store.CreateLearner(context.Background(), n, "", record.Prefs{}); err != nil {
			t.Fatal(err)
		}
	}
	h.send(resumeMsg{})
	return h
}

// TestProfilesAlphabetical: « Je suis nouveau ou nouvelle » is line 1, the
// profiles follow in French alphabetical order, whatever the last visits,
// and the médiateur's space is the fixed last line.
func TestProfilesAlphabetical(t *testing.T) {
	h := profilesOf(t, "Zoé", "Fanny", "éliane", "arthur", "Eddy")
	var rows []string
	for _, line := range strings.Split(h.screen(), "\n") {
		if f := strings.Fields(strings.TrimPrefix(strings.TrimSpace(line), h.m.ctx.Theme.G.Pointer)); len(f) > 1 && strings.HasSuffix(f[0], ".") && len(f[0]) == 2 {
			rows = append(rows, strings.Join(f[1:], " "))
		}
	}
	want := []string{"Je suis nouveau ou nouvelle", "arthur", "Eddy", "éliane", "Fanny", "Zoé", "Espace médiateur"}
	if strings.Join(rows, "|") != strings.Join(want, "|") {
		t.Fatalf("rows %q, want %q", rows, want)
	}
}

// TestProfilesFilter: letters point at rows and never start a search;
// « / » opens it, letters narrow the list, Entrée opens the profile found,
// Échap closes the search.
func TestProfilesFilter(t *testing.T) {
	names := []string{"Hélène"}
	for i := range 12 {
		names = append(names, fmt.Sprintf("Jean %02d", i))
	}
	h := profilesOf(t, names...)
	h.expect("tapez / puis les premières lettres")
	h.typeText("hel")
	if h.m.top().(*profilesScreen).filter.on {
		t.Fatal("letters started the search")
	}
	h.typeText("/")
	h.expect("Chercher un prénom")
	h.typeText("hel")
	if s := h.screen(); strings.Contains(s, "Jean 03") || !strings.Contains(s, "Hélène") || !strings.Contains(s, "Je suis nouveau") {
		t.Fatalf("the search did not narrow the list:\n%s", s)
	}
	h.press("esc")
	h.expect("Jean 03")
	h.typeText("/")
	h.typeText("helene")
	h.press("enter")
	h.expect("Bonjour Hélène")
}

// TestDuplicateNameWarned: a name already on the PC is said kindly before
// the profile is made; Entrée again goes on.
func TestDuplicateNameWarned(t *testing.T) {
	h := profilesOf(t, "Jean")
	h.choose("Je suis nouveau")
	h.typeText("jean")
	h.press("enter")
	h.expect("Il y a déjà un profil « jean »", "Quel est votre prénom ?")
	h.press("enter")
	h.expect("voulez-vous un code secret ?")
}

// pausableTest opens « Faire le point » on the mail competence for a new
// learner.
func pausableTest(t *testing.T) *harness {
	t.Helper()
	h := newHarness(t, i18n.FR, nil)
	h.newLearner("Paule")
	h.choose("Faire le point")
	h.choose("Envoyer et recevoir des mails")
	h.expect("Question 1")
	return h
}

func openTests(h *harness) []record.OpenTest {
	h.t.Helper()
	ots, err := h.store.OpenTests(context.Background(), h.m.ctx.Session.learner.ID)
	if err != nil {
		h.t.Fatal(err)
	}
	return ots
}

// TestEmptyTestNotKept: Échap before the first answer leaves the test at
// once, and no « Reprendre le test … 0 réponses » is left behind.
func TestEmptyTestNotKept(t *testing.T) {
	h := pausableTest(t)
	h.press("esc")
	h.expect("Bonjour Paule")
	if s := h.screen(); strings.Contains(s, "Reprendre le test") {
		t.Fatalf("an empty test is offered:\n%s", s)
	}
	if ots := openTests(h); len(ots) != 0 {
		t.Fatalf("open tests on disk: %+v", ots)
	}
}

// TestPauseThenStopForGood: Échap pauses a test with answers; « Reprendre
// » goes back to it, « Revenir à l'accueil » keeps it open, and « Arrêter
// ce test pour de bon », asked twice, closes it through
// learning.Service.AbandonTest.
func TestPauseThenStopForGood(t *testing.T) {
	h := pausableTest(t)
	h.choose("Je ne sais pas")
	h.choose("Continuer")
	h.expect("Question 2")
	h.press("esc")
	h.expect("Le test est en pause", "1 réponse déjà donnée", "Arrêter ce test pour de bon")
	h.choose("Reprendre le test maintenant")
	h.expect("Question 2")
	h.press("esc")
	h.choose("Revenir à l'accueil")
	h.expect("Bonjour Paule", "Reprendre le test : Envoyer et recevoir des mails")
	if len(openTests(h)) != 1 {
		t.Fatal("the paused test is not kept")
	}
	h.choose("Reprendre le test")
	h.expect("Question 2")
	h.press("esc")
	h.choose("Arrêter ce test pour de bon")
	h.expect("Voulez-vous arrêter ce test pour de bon ?")
	h.choose("Oui, arrêter ce test")
	h.expect("Bonjour Paule")
	if s := h.screen(); strings.Contains(s, "Reprendre le test") {
		t.Fatalf("the stopped test is still offered:\n%s", s)
	}
	if ots := openTests(h); len(ots) != 0 {
		t.Fatalf("open tests on disk: %+v", ots)
	}
}

// keyOf is the key drawn before the home line holding text, or "".
func keyOf(h *harness, text string) string {
	for _, line := range strings.Split(h.screen(), "\n") {
		if i := strings.Index(line, ". "+text); i > 0 {
			f := strings.Fields(line[:i])
			return f[len(f)-1]
		}
	}
	return ""
}

// TestHomeKeysStay: « Faire le point », « Mes résultats » and « Terminer
// ma séance » keep their keys when « Continuer » and three « Reprendre le
// test » lines come above them.
func TestHomeKeysStay(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	h.newLearner("Rose")
	// Tall enough that every line is in sight (11 competences, then the
	// fixed lines, then four lines that come and go).
	h.send(tea.WindowSizeMsg{Width: 80, Height: 40})
	fixed := []string{"Faire le point", "Mes résultats", "Terminer ma séance"}
	before := map[string]string{}
	for _, f := range fixed {
		if before[f] = keyOf(h, f); before[f] == "" {
			t.Fatalf("no key for %q:\n%s", f, h.screen())
		}
	}
	// The line after the competences: 1–9, then a, b, c…
	n := len(h.m.ctx.Cat.Competences) + 1
	want := string(rune('0' + n))
	if n > 9 {
		want = string(rune('a' + n - 10))
	}
	if before["Faire le point"] != want {
		t.Errorf("« Faire le point » is %q, want %q (after %d competences)", before["Faire le point"], want, n-1)
	}
	for _, comp := range []string{"Envoyer et recevoir des mails", "Installer une application sur mon téléphone", "Prendre rendez-vous chez le médecin"} {
		h.choose("Faire le point")
		h.choose(comp[:12])
		h.expect("Question 1")
		if h.m.top().(*testScreen).qv.lookShown { // a mock screen on its own page first
			h.press("enter")
		}
		h.pick("Je ne sais pas")
		h.pick("Continuer")
		h.press("esc")
		h.choose("Revenir à l'accueil")
	}
	h.press("1", "enter") // Envoyer et recevoir des mails, still 1
	h.choose("Lire et écrire une adresse mail")
	h.press("enter", "right")
	h.press("esc", "esc")
	h.expect("Continuer : ")
	if n := strings.Count(h.screen(), "Reprendre le test"); n != 3 {
		t.Fatalf("%d « Reprendre le test » lines, want 3:\n%s", n, h.screen())
	}
	for _, f := range fixed {
		if got := keyOf(h, f); got != before[f] {
			t.Errorf("« %s » moved from %q to %q:\n%s", f, before[f], got, h.screen())
		}
	}
	h.press(want, "enter")
	h.expect("Sur quoi voulez-vous faire le point ?")
}
