//go:build e2e

package e2e

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// resultWords are what would show a learner's results on a screen of the
// médiateur's space.
var resultWords = []string{"Niveau", "Je découvre", "Je commence", "Je me débrouille", "Je suis à l'aise",
	"Je suis autonome", "Leçons finies", "derniers tests", "terminée", "Bonne réponse", "Ce n'est pas ça"}

// spaceWalk keeps every screen the médiateur's window showed, and saves
// named ones for the guide when PASAPAS_E2E_CAPTURES names a folder.
type spaceWalk struct {
	tm   *term
	seen []string

	mu      sync.Mutex
	watched map[string]bool // every distinct screen captured in the background
	stop    chan struct{}
	done    chan struct{}
}

// watch captures the window every 50 ms in the background, until stopped,
// so the check covers every screen drawn on the way, not only those the
// test waited for.
func (w *spaceWalk) watch() {
	w.watched, w.stop, w.done = map[string]bool{}, make(chan struct{}), make(chan struct{})
	go func() {
		defer close(w.done)
		for {
			select {
			case <-w.stop:
				return
			case <-time.After(50 * time.Millisecond):
			}
			out, err := w.tm.s.tmux("capture-pane", "-p", "-t", w.tm.name)
			if err != nil {
				continue
			}
			w.mu.Lock()
			w.watched[out] = true
			w.mu.Unlock()
		}
	}()
}

// screens are every screen seen, waited for or watched.
func (w *spaceWalk) screens() []string {
	close(w.stop)
	<-w.done
	out := append([]string(nil), w.seen...)
	for s := range w.watched {
		out = append(out, s)
	}
	return out
}

func (w *spaceWalk) look() string {
	s := w.tm.waitFor("a settled screen", func(string) bool { return true })
	w.seen = append(w.seen, s)
	return s
}

func (w *spaceWalk) save(name string) {
	dir := os.Getenv("PASAPAS_E2E_CAPTURES")
	if dir == "" || w == nil {
		return
	}
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, name+".txt"), []byte(w.look()+"\n"), 0o644)
}

// chooseExact chooses the menu row whose label is exactly text.
func (tm *term) chooseExact(text string) {
	tm.t.Helper()
	s := tm.waitFor("a settled screen", func(string) bool { return true })
	for _, l := range strings.Split(s, "\n") {
		if m := rowRe.FindStringSubmatch(l); m != nil && m[3] == text {
			tm.chooseRow(m[2])
			return
		}
	}
	tm.t.Fatalf("no row %q:\n%s", text, frame(s))
}

// TestMediator: a médiateur creates their account; a learner with a code
// « forgets » it and types a new one with the médiateur; two profiles of
// the same person are merged; the learner signs in with the new code and
// finds the progress of both. No screen of the médiateur's window ever
// shows a result of the learner, who shares nothing.
func TestMediator(t *testing.T) {
	t.Parallel()
	home := t.TempDir()
	srv := newServer(t)

	// Two profiles of one person: « Hélène », with a code, takes a test;
	// « Hélène M. », without one, follows a lesson.
	tm := srv.start(home, 80, 24)
	tm.waitText("Qui êtes-vous ?")
	tm.choose("Je suis nouveau ou nouvelle")
	tm.waitText("Quel est votre prénom ?")
	tm.typeText("Hélène")
	tm.waitFor("the name typed", func(s string) bool { return strings.Contains(s, "> Hélène") })
	tm.keys("Enter")
	tm.choose("Oui, je choisis un code")
	tm.waitText("Tapez votre code secret.")
	tm.typeText("2468")
	tm.keys("Enter")
	tm.waitText("Tapez encore une fois votre code.")
	tm.typeText("2468")
	tm.keys("Enter")
	tm.waitText("Bonjour Hélène !")
	tm.choose("Faire le point")
	tm.choose(compTitle)
	tm.takeTest()
	tm.press("Escape")
	tm.choose("Terminer ma séance")
	tm.newLearner("Hélène M.")
	tm.choose(compHome)
	tm.choose(lessonName)
	tm.followLesson()
	tm.press("Escape")
	tm.choose("Terminer ma séance")
	tm.quit()

	// The médiateur's window.
	md := srv.start(home, 80, 24, "mediateur")
	w := &spaceWalk{tm: md}
	w.watch()
	md.waitText("Bienvenue dans l'espace médiateur")
	w.save("premier-compte")
	md.typeText("Sophie")
	md.keys("Enter")
	md.waitText("Choisissez votre code.")
	md.typeText("1234")
	md.keys("Enter")
	md.waitText("trop facile")
	w.save("code-trop-facile")
	md.typeText("4826")
	md.keys("Enter")
	md.waitText("Tapez encore une fois votre code.")
	if strings.Contains(w.look(), "4826") {
		t.Fatal("the médiateur's code shows on the screen")
	}
	md.typeText("4826")
	md.keys("Enter")
	md.waitText("Bonjour Sophie.", "Les profils des personnes")
	w.save("accueil-espace")

	md.choose("Les profils des personnes")
	md.waitText("Hélène M.", "ne partage pas ses progrès")
	w.save("profils")
	md.chooseExact("Hélène")
	md.waitText("Vous voyez seulement son prénom", "Nouveau code secret")
	w.save("profil")
	md.choose("Nouveau code secret")
	md.waitText("Donnez le clavier à Hélène")
	w.save("nouveau-code")
	md.typeText("1357")
	md.keys("Enter")
	md.waitText("Hélène, tapez encore une fois votre nouveau code.")
	if strings.Contains(w.look(), "1357") {
		t.Fatal("the learner's new code shows on the screen")
	}
	md.typeText("1357")
	md.keys("Enter")
	md.waitText("C'est fait : Hélène a un nouveau code.")
	w.save("code-enregistre")
	md.press("Enter")
	md.choose("Regrouper avec un autre profil")
	md.waitText("Quel autre profil est aussi celui de Hélène ?")
	md.chooseExact("Hélène M.")
	md.waitText("Regrouper « Hélène M. » dans « Hélène » ?")
	w.save("regrouper")
	md.choose("Oui, regrouper")
	md.waitText("« Hélène M. » est regroupé dans « Hélène ».")
	w.look()
	md.press("Escape") // back from Hélène's profile
	md.press("Escape") // and from the list
	md.choose("Le journal des actions")
	md.waitText("nouveau code secret pour Hélène", "regroupé dans Hélène")
	w.save("journal")
	md.press("Escape")
	md.choose("La durée de conservation")
	md.waitText("24 mois (conseillé)")
	w.save("conservation")
	md.press("Escape")
	md.choose("Quitter l'espace médiateur")
	md.waitText("Qui êtes-vous ?", "Espace médiateur")
	w.save("qui-etes-vous")

	all := w.screens()
	for i, s := range all {
		for _, word := range resultWords {
			if strings.Contains(s, word) {
				t.Errorf("screen %d of the médiateur's window shows %q:\n%s", i, word, frame(s))
			}
		}
	}
	t.Logf("the médiateur's window: %d distinct screens checked, no result shown", len(all))

	// Hélène comes back: the old code is refused, the new one opens her
	// profile, with the lesson of « Hélène M. » and her own test.
	if hasRow(md.last, "Hélène M.") {
		t.Errorf("the merged profile is still in « Qui êtes-vous ? »:\n%s", frame(md.last))
	}
	md.chooseExact("Hélène")
	md.waitText("Tapez votre code secret")
	md.typeText("2468")
	md.keys("Enter")
	md.waitText("Ce n'est pas le bon code.") // the old code is refused; keys typed during the check are ignored
	md.typeText("1357")
	md.keys("Enter")
	md.waitText("Bonjour Hélène !")
	md.point(compHome)
	md.waitFor("the lesson of the other profile counted", lessonsDoneRe.MatchString)
	md.choose("Mes résultats")
	md.waitText("Commencez ici") // « Mes résultats » opens on the lessons to read
	md.scrollTo("Vos derniers tests", " : "+compTitle+" — ")
	md.press("Escape")
	// What she would agree to: off until she says yes.
	md.choose("Mes réglages")
	md.waitText("Partager mes progrès avec les médiateurs de ce lieu")
	md.choose("Partager mes progrès")
	md.waitText("Aujourd'hui : vous ne partagez pas vos progrès.", "Ils ne voient jamais vos réponses")
	w.save("consentement")
	md.press("Escape")
	md.press("Escape")
	md.quit()

	st := snapshot(t, home)
	ls, _ := st.Learners(context.Background())
	if len(ls) != 1 || ls[0].Name != "Hélène" || ls[0].TestsTaken != 1 || ls[0].LessonsDone != 1 {
		t.Errorf("learners after the merge: %+v, want Hélène with 1 test and 1 lesson", ls)
	}
	integrityOK(t, home)
}
