//go:build e2e

package e2e

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pasapas/progress"
)

// The end-to-end tests of issue 13 ("the defects an attack found"):
// defects 1, 2 and 5, as they happen on a shared PC, with real windows.

// newLearnerPIN creates a profile with a secret code, from the profiles
// screen, and waits for the home screen.
func (tm *term) newLearnerPIN(name, pin string) {
	tm.t.Helper()
	tm.waitText("Qui êtes-vous ?")
	tm.choose("Je suis nouveau ou nouvelle")
	tm.waitText("Quel est votre prénom ?")
	tm.typeText(name)
	tm.waitFor(fmt.Sprintf("the name %q typed", name), func(s string) bool { return strings.Contains(s, "> "+name) })
	tm.keys("Enter")
	tm.waitText(name + ", voulez-vous un code secret ?")
	tm.choose("Oui, je choisis un code")
	tm.waitText("Tapez votre code secret.")
	tm.typeText(pin)
	tm.keys("Enter")
	tm.waitText("Tapez encore une fois votre code.")
	tm.typeText(pin)
	tm.keys("Enter")
	tm.waitText("Bonjour " + name + " !")
}

// signInPIN opens a profile that has a code.
func (tm *term) signInPIN(name, pin string) {
	tm.t.Helper()
	tm.waitText("Qui êtes-vous ?", name)
	tm.choose(name)
	tm.waitText("Bonjour " + name + ". Tapez votre code secret")
	tm.typeText(pin)
	tm.keys("Enter")
	tm.waitText("Bonjour " + name + " !")
}

// TestStaleWindowAfterErase is defect 1. Window 1: Bruno, then Alice (with
// a code), left on her home. Window 2: opens Alice, erases her, creates
// Chloé and finishes a test. Back in window 1, without Chloé's code:
// « Mes résultats » must not show Chloé's test under Alice, and nothing
// done there may reach Chloé's data.
func TestStaleWindowAfterErase(t *testing.T) {
	t.Parallel()
	home := t.TempDir()
	srv := newServer(t)
	w1 := srv.start(home, 80, 24)
	w1.newLearner("Bruno")
	w1.choose("Terminer ma séance")
	w1.newLearnerPIN("Alice", "1357")

	w2 := srv.start(home, 80, 24)
	w2.signInPIN("Alice", "1357")
	w2.choose("Mes réglages")
	w2.choose("Effacer toutes mes données")
	w2.waitText("Non, garder mes données")
	w2.choose("Oui, tout effacer")
	w2.waitText("Vos données sont effacées", "Qui êtes-vous ?")
	w2.newLearnerPIN("Chloé", "2468")
	w2.choose("Faire le point")
	w2.waitText("Sur quoi voulez-vous faire le point ?")
	w2.choose(compTitle)
	w2.takeTest()
	w2.waitText("Commencez ici") // « Mes résultats » opens on the lessons to read
	w2.scrollTo("Vos derniers tests", " : "+compTitle+" — ")

	before := chloeRows(t, home)
	w1.choose("Mes résultats")
	s := w1.waitText("Ce profil n'existe plus")
	if strings.Contains(s, compTitle+" — ") || strings.Contains(s, "Niveau ") {
		t.Fatalf("window 1 shows Chloé's test under Alice:\n%s", frame(s))
	}
	// Try to write from window 1: a lesson step, an answer.
	w1.press("Escape")
	w1.press("1")
	w1.press("Enter")
	w1.press("Enter")
	if after := chloeRows(t, home); after != before {
		t.Errorf("window 1 wrote into Chloé's data: %s, then %s", before, after)
	}
	t.Logf("window 1 after the erase:\n%s", frame(w1.capture()))
}

// chloeRows counts Chloé's rows, from a copy of the file.
func chloeRows(t *testing.T, home string) string {
	t.Helper()
	st := snapshot(t, home)
	ctx := context.Background()
	id := learnerID(t, st, "Chloé")
	answers, err := st.Answers(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	lessons, _ := st.LessonProgress(ctx, id)
	tests, _ := st.Tests(ctx, id)
	return fmt.Sprintf("%d answers, %d lessons, %d tests", len(answers), len(lessons), len(tests))
}

// history reads the whole pane, scrollback included.
func (tm *term) history() string {
	tm.t.Helper()
	out, err := tm.s.tmux("capture-pane", "-p", "-S", "-", "-t", tm.name)
	if err != nil {
		tm.t.Fatal(err)
	}
	return out
}

// TestAccessiblePINNotEchoed is defect 2: in the accessible mode, the code
// typed when creating a profile and when signing in is never shown, nor
// left in the terminal's scrollback.
func TestAccessiblePINNotEchoed(t *testing.T) {
	t.Parallel()
	const pin = "4827"
	home := t.TempDir()
	srv := newServer(t)
	tm := srv.start(home, 100, 40, "--accessible")
	tm.waitText("Qui êtes-vous ?")
	tm.typeText("1")
	tm.keys("Enter")
	tm.waitText("Quel est votre prénom ?")
	tm.typeText("Paul")
	tm.keys("Enter")
	tm.waitText("Paul, voulez-vous un code secret ?")
	tm.typeText("2")
	tm.keys("Enter")
	tm.waitText("Tapez votre code secret.")
	tm.typeText(pin)
	time.Sleep(300 * time.Millisecond) // what the terminal would echo is on screen by now
	if h := tm.history(); strings.Contains(h, pin) {
		t.Fatalf("the new code is shown as it is typed:\n%s", h)
	}
	tm.keys("Enter")
	tm.waitText("Tapez encore une fois votre code.")
	tm.typeText(pin)
	time.Sleep(300 * time.Millisecond)
	tm.keys("Enter")
	tm.waitText("Bonjour Paul !")
	if h := tm.history(); strings.Contains(h, pin) {
		t.Fatalf("the code is in the scrollback:\n%s", h)
	}
	tm.typeText("quitter")
	tm.keys("Enter")
	tm.waitText("Voulez-vous quitter")
	s := tm.capture()
	k, ok := row(s, "Oui, quitter")
	if !ok {
		t.Fatalf("no « Oui, quitter »:\n%s", s)
	}
	tm.typeText(k)
	tm.keys("Enter")
	tm.waitExit()

	// Signing in.
	tm = srv.start(home, 100, 40, "--accessible")
	tm.waitText("Qui êtes-vous ?", "2. Paul") // « 1. Je suis nouveau ou nouvelle » first
	tm.typeText("2")
	tm.keys("Enter")
	tm.waitText("Bonjour Paul. Tapez votre code secret")
	tm.typeText(pin)
	time.Sleep(300 * time.Millisecond)
	if h := tm.history(); strings.Contains(h, pin) {
		t.Fatalf("the code is shown as it is typed at sign-in:\n%s", h)
	}
	tm.keys("Enter")
	tm.waitText("Bonjour Paul !")
	if h := tm.history(); strings.Contains(h, pin) {
		t.Fatalf("the code is in the scrollback after sign-in:\n%s", h)
	}
}

// TestDamagedFileHeldOpenNotMoved is defect 5: while window 1 has the file
// open, the file gets damaged; window 2 must not move it aside (window 1
// would go on acknowledging answers into the moved copy while the new file
// stays empty). Window 2 says another window uses it, and nothing moves.
func TestDamagedFileHeldOpenNotMoved(t *testing.T) {
	t.Parallel()
	home := t.TempDir()
	path := filepath.Join(home, progress.FileName)
	// A file with enough answers to span many pages, closed: all of it in
	// the main file.
	st, err := progress.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	l, err := st.CreateLearner(ctx, learner, "", progress.Prefs{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 300 {
		if _, err := st.RecordAnswer(ctx, progress.Answer{Learner: l.ID, Question: fmt.Sprintf("q-%d-%s", i, strings.Repeat("x", i%50)),
			Variant: "v", Given: `"x"`, Result: progress.Correct}); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()

	srv := newServer(t)
	w1 := srv.start(home, 80, 24)
	w1.waitText("Qui êtes-vous ?", learner)
	w1.choose(learner)
	w1.waitText("Bonjour " + learner + " !")

	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// The second half of the file: the answers' pages, whatever the
	// schema's layout (one page alone may be a free one, which no check
	// reads).
	from := len(b) / 4096 / 2 * 4096
	copy(b[from:], bytes.Repeat([]byte{0xff}, len(b)-from))
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}

	w2 := srv.start(home, 80, 24)
	s := w2.waitFor("window 2 to refuse or move the file", func(s string) bool {
		return strings.Contains(s, "abîmé")
	})
	if moved, _ := filepath.Glob(path + ".corrompu-*"); len(moved) > 0 {
		t.Fatalf("the file was moved aside while window 1 has it open: %v\n%s", moved, frame(s))
	}
	if !strings.Contains(s, "Rien n'a été déplacé ni effacé") {
		t.Errorf("window 2 does not say the file is in use:\n%s", frame(s))
	}
	t.Logf("window 2:\n%s", frame(s))
}
