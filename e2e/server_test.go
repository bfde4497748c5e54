//go:build e2e

package e2e

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"pasapas/progress/postgres"
	"pasapas/record"
)

// pgServer is the test server for the shared store: the least-privilege
// role's address and the command that stops and starts it (.ci/postgres).
// Without them the scenario skips, except under CI, which must run it.
func pgServer(t *testing.T) (url, ctl string) {
	t.Helper()
	url, ctl = os.Getenv("PASAPAS_TEST_PGAPP"), os.Getenv("PASAPAS_TEST_PGCTL")
	if url == "" || ctl == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("PostgreSQL: PASAPAS_TEST_PGAPP / PASAPAS_TEST_PGCTL not set under CI=true: .ci/e2e must start the test server (.ci/postgres)")
		}
		t.Skip("PostgreSQL: PASAPAS_TEST_PGAPP not set (.ci/e2e sets it; or: .ci/postgres start DIR && . DIR/env)")
	}
	return url, ctl
}

// TestTwoPCsOneServer: two PCs of one place (two data folders) share one
// PostgreSQL server. A learner starts a lesson on PC A and goes on at the
// same step on PC B; a learner of another place is listed on neither; the
// server stops in the middle of a test and starts again: the learner is
// told at once, no acknowledged answer is lost, the test goes on. Last, a
// PC started while the server is down says what to check and comes up by
// itself once it is back.
func TestTwoPCsOneServer(t *testing.T) {
	url, ctl := pgServer(t)
	place := "Médiathèque e2e " + strconv.FormatInt(time.Now().UnixNano(), 36)
	ctx := context.Background()
	other, err := postgres.Open(ctx, postgres.Options{URL: url, Place: "Mairie voisine"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.CreateLearner(ctx, "Marcel", "", record.Prefs{}); err != nil {
		t.Fatal(err)
	}
	other.Close()
	server := func(arg string) {
		t.Helper()
		if out, err := exec.Command(ctl, arg).CombinedOutput(); err != nil {
			t.Fatalf("%s %s: %v\n%s", ctl, arg, err, out)
		}
	}
	down := false
	t.Cleanup(func() {
		if down {
			server("start")
		}
	})
	args := []string{"--store", url, "--place", place}
	srv := newServer(t)

	// PC A: Inès begins the lesson and stops at step 3.
	a := srv.start(t.TempDir(), 80, 24, args...)
	s := a.waitText("Qui êtes-vous ?")
	if strings.Contains(s, "Marcel") {
		t.Errorf("PC A lists a learner of another place:\n%s", frame(s))
	}
	a.newLearner("Inès")
	a.choose(compHome)
	a.choose(lessonName)
	a.walkTo(3)
	a.quit()

	// PC B: Inès is there, Marcel is not; the lesson goes on at step 3.
	b := srv.start(t.TempDir(), 80, 24, args...)
	s = b.waitText("Qui êtes-vous ?", "Inès")
	if strings.Contains(s, "Marcel") {
		t.Errorf("PC B lists a learner of another place:\n%s", frame(s))
	}
	b.choose("Inès")
	b.waitText("Bonjour Inès !")
	b.choose(compHome)
	s = b.waitText(lessonName)
	if got := detailOf(s, lessonName); !strings.Contains(got, "En cours : étape 3 sur") {
		t.Errorf("on PC B the lesson is not at step 3 (%q):\n%s", got, frame(s))
	}
	b.choose(lessonName)
	if n := b.walkTo(0); n != 3 {
		t.Errorf("on PC B the lesson resumed at step %d, want 3", n)
	}
	b.press("Escape")
	b.waitFor("the competence's lessons", func(s string) bool { return strings.Contains(s, lessonName) && !stepRe.MatchString(s) })
	b.press("Escape")
	b.waitText("Bonjour Inès !")

	// A test on PC B; the server stops after two acknowledged answers.
	b.choose("Faire le point")
	b.choose(compTitle)
	acked := 0
	for acked < 2 {
		b.answer(false)
		s = b.waitFor("the feedback", answered)
		if strings.Contains(s, "n'a pas été enregistrée") {
			t.Fatalf("an answer was not saved with the server up:\n%s", frame(s))
		}
		acked++
		t.Logf("answer %d acknowledged at question %d", acked, questionNumber(s))
		b.choose("Continuer")
	}
	server("stop")
	down = true
	q := questionNumber(b.waitFor("the next question", askingOrLooking))
	b.answer(false)
	s = b.waitFor("the feedback", answered)
	if flat := strings.Join(strings.Fields(s), " "); !hasAll(flat, "n'a pas été enregistrée", "Le serveur qui garde les progrès ne répond pas") {
		t.Errorf("with the server stopped, the learner is not told the answer is not saved:\n%s", frame(s))
	}
	b.choose("Continuer")
	// Not saved: the same question is asked again.
	if again := questionNumber(b.waitFor("the question again", askingOrLooking)); again != q {
		t.Errorf("after an answer not saved, question %d, want %d again", again, q)
	}
	server("start")
	down = false
	b.answer(false)
	s = b.waitFor("the feedback", answered)
	if strings.Contains(s, "n'a pas été enregistrée") {
		t.Errorf("with the server back, the answer is still not saved:\n%s", frame(s))
	}
	acked++
	b.choose("Continuer")
	if next := questionNumber(b.waitFor("the next question", askingOrLooking)); next != q+1 {
		t.Errorf("after the server came back, question %d, want %d", next, q+1)
	}
	b.quit()

	// On the server: the test is open with exactly the acknowledged answers.
	st, err := postgres.Open(ctx, postgres.Options{URL: url, Place: place})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	list, err := st.Learners(ctx)
	if err != nil || len(list) != 1 || list[0].Name != "Inès" {
		t.Fatalf("learners of the place: %+v, %v", list, err)
	}
	open, err := st.OpenTests(ctx, list[0].ID)
	if err != nil || len(open) != 1 || len(open[0].Answers) != acked {
		t.Errorf("open tests %+v, %v: want one with the %d acknowledged answers", open, err, acked)
	}

	// A PC started with the server down says what to check, tries again,
	// and starts once the server is back.
	server("stop")
	down = true
	c := srv.start(t.TempDir(), 80, 24, args...)
	c.waitText("n'arrive pas à joindre le serveur", "Nouvel essai dans")
	server("start")
	down = false
	c.waitText("Qui êtes-vous ?", "Inès")
	c.quit()
}

// walkTo goes through the open lesson's first pages (the start page, the
// device question, check questions) until step n is shown, and returns it;
// n 0: the first step shown.
func (tm *term) walkTo(n int) int {
	tm.t.Helper()
	for range 60 {
		s := tm.waitFor("a lesson page", func(string) bool { return true })
		switch {
		case asking(s), looking(s):
			tm.answer(false)
		case answered(s):
			tm.choose("Continuer")
		case strings.Contains(s, "Sur quel appareil suivez-vous la leçon ?"):
			tm.choose("Un ordinateur")
		case strings.Contains(s, "Appuyez sur Entrée pour commencer."):
			tm.press("Enter")
		case stepRe.MatchString(s):
			cur, _ := strconv.Atoi(stepRe.FindStringSubmatch(s)[1])
			if n == 0 || cur == n {
				return cur
			}
			tm.press("Right")
		default:
			tm.t.Fatalf("a lesson page this test does not know:\n%s", frame(s))
		}
	}
	tm.t.Fatalf("step %d not reached:\n%s", n, frame(tm.last))
	return 0
}

// TestAtelierOnServer: the médiateur's group view on PC A and a learner on
// PC B, two data folders and one PostgreSQL, with polling switched off in
// both binaries (PASAPAS_TEST_NO_POLLING=1: nothing but the server's
// notifications refreshes the view, not even the once-a-minute read). The
// médiateur opens an atelier from a file on PC A; the learner joins it on
// PC B with its code and goes to step 2: the row shows on PC A at that step
// within 30 s; then the call's mark. The server stops: the view says it
// does not answer; it starts again: the view reads again by itself and
// shows the learner's next step.
func TestAtelierOnServer(t *testing.T) {
	url, ctl := pgServer(t)
	place := "Atelier e2e " + strconv.FormatInt(time.Now().UnixNano(), 36)
	args := []string{"--store", url, "--place", place}
	noPolling := []string{"PASAPAS_TEST_NO_POLLING=1"}
	homeA, homeB := t.TempDir(), t.TempDir()
	if err := os.MkdirAll(filepath.Join(homeA, "ateliers"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(homeA, "ateliers", "premiers-mails.yaml"), []byte(atelierFile), 0o644); err != nil {
		t.Fatal(err)
	}
	srv := newServer(t)

	md := srv.startEnv(noPolling, homeA, 100, 34, append([]string{"mediateur"}, args...)...)
	md.waitText("Bienvenue dans l'espace médiateur")
	md.typeText("Sophie")
	md.keys("Enter")
	md.waitText("Choisissez votre code.")
	md.typeText("4826")
	md.keys("Enter")
	md.waitText("Tapez encore une fois votre code.")
	md.typeText("4826")
	md.keys("Enter")
	// The space says the progress is on the place's server, by its name.
	md.waitText("Bonjour Sophie.", "Les ateliers", "Données : serveur du lieu « "+place+" »")
	md.choose("Les ateliers")
	md.choose("Ouvrir : Premiers pas avec les mails")
	md.waitText("Le code à donner au groupe", "M A C 7 4")
	md.choose("Le groupe")
	md.waitText("Personne pour l'instant.")

	lea := srv.startEnv(noPolling, homeB, 80, 24, args...)
	lea.newLearner("Léa")
	lea.joinAtelier("", 2, nil)
	sent := time.Now()
	lea.waitText("Étape 2 sur")
	d := waitGroup(t, md, "Léa at step 2 on the other PC", sent, func(s string) bool {
		m := groupStepRe.FindStringSubmatch(rowOf(s, "Léa"))
		return m != nil && m[1] == "2" && strings.Contains(rowOf(s, "Léa"), "Lire et écrire une adresse mail")
	})
	t.Logf("PC A shows Léa at step 2 %v after her last key on PC B, polling off (limit %v)", d.Round(10*time.Millisecond), groupWait)

	lea.keys("F2")
	lea.waitText("VOUS APPELEZ LE MÉDIATEUR")
	called := time.Now()
	d = waitGroup(t, md, "Léa's call on the other PC", called, func(s string) bool { return strings.Contains(rowOf(s, "Léa"), "APPELLE") })
	t.Logf("PC A shows the call's mark %v after F2 on PC B, polling off", d.Round(10*time.Millisecond))

	server := func(arg string) {
		t.Helper()
		if out, err := exec.Command(ctl, arg).CombinedOutput(); err != nil {
			t.Fatalf("%s %s: %v\n%s", ctl, arg, err, out)
		}
	}
	server("stop")
	down := true
	t.Cleanup(func() {
		if down {
			server("start")
		}
	})
	waitGroup(t, md, "the view saying the server does not answer", time.Now(), func(s string) bool {
		return strings.Contains(strings.Join(strings.Fields(s), " "), "Le serveur qui garde les progrès ne répond pas")
	})
	server("start")
	down = false
	back := time.Now()
	waitGroup(t, md, "the view read again once the server is back", back, func(s string) bool {
		return !strings.Contains(s, "ne répond pas") && strings.Contains(rowOf(s, "Léa"), "APPELLE")
	})
	t.Logf("PC A reads the view again %v after the server started", time.Since(back).Round(10*time.Millisecond))
	lea.press("Right")
	sent = time.Now()
	lea.waitText("Étape 3 sur")
	if s := lea.capture(); strings.Contains(s, "pas enregistré") {
		t.Errorf("the first step after the restart was not saved:\n%s", frame(s))
	}
	waitGroup(t, md, "Léa at step 3 after the restart", sent, func(s string) bool {
		m := groupStepRe.FindStringSubmatch(rowOf(s, "Léa"))
		return m != nil && m[1] == "3"
	})
	lea.quit()
	md.quit()
}
