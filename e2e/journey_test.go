//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pasapas/progress"
	"pasapas/record"
)

// The end-to-end tests of issue 14 ("the learner's journey, tried as a new
// learner would"): what tripped a new learner, with the real binary.

// twoBoxesLesson is a lesson (added with --content) whose check question
// is a « Plusieurs réponses possibles » one of the built-in bank, so the
// scenario meets one for sure.
const twoBoxesLesson = `lecon: e2e-deux-cases
titre: Cocher deux cases
niveau: 1
duree: 5
objectifs:
  - Je sais cocher deux réponses.
acquis: [mail-adresse-3]
etapes:
  - titre: Lire la question
    action: Lisez bien la question.
    resultat: Vous savez quoi faire.
  - verifier: mail-q-bien-ecrite
a_retenir:
  - Plusieurs réponses peuvent être bonnes.
  - Cochez chacune, puis validez.
  - Prenez votre temps.
`

// TestMultipleChoiceTwoBoxes: in a « Plusieurs réponses possibles »
// question, the learner ticks box 1 (1, Entrée), then box 2 (2, Entrée):
// neither Entrée hands the answer in; « Valider ma réponse » hands in
// both, and the answer on disk holds two choices.
func TestMultipleChoiceTwoBoxes(t *testing.T) {
	t.Parallel()
	home, content := t.TempDir(), t.TempDir()
	if err := os.WriteFile(filepath.Join(content, "deux-cases.yaml"), []byte(twoBoxesLesson), 0o600); err != nil {
		t.Fatal(err)
	}
	tm := newServer(t).start(home, 80, 24, "--content", content)
	tm.newLearner("Lucie")
	tm.choose("Envoyer et recevoir des mails")
	tm.choose("Cocher deux cases")
	tm.waitText("Appuyez sur Entrée pour commencer.")
	tm.press("Enter")
	tm.waitText("Étape 1 sur 1")
	tm.press("Right")
	tm.waitText("Plusieurs réponses possibles.", "Valider ma réponse")
	tm.tickTwo()
	tm.choose("Valider ma réponse")
	s := tm.waitFor("the feedback", answered)
	if verdict(s) == "" {
		t.Errorf("no verdict:\n%s", frame(s))
	}
	tm.quit()

	st := snapshot(t, home)
	answers, err := st.Answers(context.Background(), learnerID(t, st, "Lucie"))
	if err != nil || len(answers) != 1 {
		t.Fatalf("answers %+v, %v: want 1", answers, err)
	}
	if a := answers[0]; a.Question != "mail-q-bien-ecrite" || strings.Count(a.Given, `"`) < 6 {
		t.Errorf("the answer stored is %s %s: want two choices", a.Question, a.Given)
	}
}

// TestAccessibleFortyProfiles: in the accessible mode, with 40 profiles
// on the PC, every row has a number (« 36. », « 41. »); a stray « + » or
// « x » is answered « Je n'ai pas compris » and opens nothing; Ctrl+C
// says how to quit rather than quitting; the word « nouveau » creates a
// new profile.
func TestAccessibleFortyProfiles(t *testing.T) {
	t.Parallel()
	home := t.TempDir()
	st, err := progress.Open(filepath.Join(home, progress.FileName))
	if err != nil {
		t.Fatal(err)
	}
	for i := range 40 {
		if _, err := st.CreateLearner(context.Background(), fmt.Sprintf("Personne %02d", i+1), "", record.Prefs{}); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()

	tm := newServer(t).start(home, 100, 50, "--accessible")
	tm.waitText("36. Personne 35", "41. Personne 40")
	for _, stray := range []string{"+", "x"} {
		tm.typeText(stray)
		tm.keys("Enter")
		tm.waitText("Je n'ai pas compris « " + stray + " »")
	}
	if s := tm.capture(); strings.Contains(s, "Bonjour") || strings.Contains(s, "Nouveau profil") {
		t.Fatalf("a stray character opened a screen:\n%s", frame(s))
	}
	// Ctrl+C does not end the program at once: it says how to quit.
	tm.keys("C-c")
	tm.waitText("Pour quitter Pas à pas, tapez « quitter »")
	if _, dead, _ := tm.pane(); dead {
		t.Fatal("Ctrl+C ended the accessible mode without asking")
	}
	tm.typeText("nouveau")
	tm.keys("Enter")
	tm.waitText("Quel est votre prénom ?")
	tm.typeText("Zoé")
	tm.keys("Enter")
	tm.waitText("Zoé, voulez-vous un code secret ?")
	tm.typeText("1")
	tm.keys("Enter")
	tm.waitText("Bonjour Zoé !")
	tm.typeText("quitter")
	tm.keys("Enter")
	tm.waitText("Voulez-vous quitter")
	k, ok := row(tm.capture(), "Oui, quitter")
	if !ok {
		t.Fatalf("no « Oui, quitter »:\n%s", frame(tm.last))
	}
	tm.typeText(k)
	tm.keys("Enter")
	if status := tm.waitExit(); status != 0 {
		t.Fatalf("exit status %d", status)
	}
	after := snapshot(t, home)
	learnerID(t, after, "Zoé")
}

// TestAccessibleFitsTheTerminal: in the accessible mode in an 80-column
// terminal, the text is cut between words by the program, never in the
// middle of a word by the terminal (a screen reader reads « mes / sage »
// as two words). With its wrapped lines joined (capture-pane -J), no line
// of the pane is wider than the terminal.
func TestAccessibleFitsTheTerminal(t *testing.T) {
	t.Parallel()
	home := t.TempDir()
	tm := newServer(t).start(home, 80, 40, "--accessible")
	tm.waitText("Qui êtes-vous ?")
	tm.typeText("nouveau")
	tm.keys("Enter")
	tm.waitText("Quel est votre prénom ?")
	tm.typeText("Zoé")
	tm.keys("Enter")
	tm.waitText("Zoé, voulez-vous un code secret ?")
	tm.typeText("1")
	tm.keys("Enter")
	tm.waitText("Bonjour Zoé !")
	// The mode's own sentences too (« aide », « Je n'ai pas compris »).
	tm.typeText("aide")
	tm.keys("Enter")
	tm.waitText("quitter Pas à pas")
	tm.typeText("zzz")
	tm.keys("Enter")
	tm.waitText("Je n'ai pas compris")
	out, err := tm.s.tmux("capture-pane", "-p", "-J", "-S", "-", "-t", tm.name)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(out, "\n") {
		if n := len([]rune(strings.TrimRight(line, " "))); n > 80 {
			t.Errorf("a line of %d characters, cut by the terminal:\n%s", n, line)
		}
	}
}
