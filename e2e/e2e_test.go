//go:build e2e

package e2e

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"pasapas/i18n"
	"pasapas/progress"
	"pasapas/scoring"
)

// binary is the pasapas program under test: $PASAPAS_E2E_BIN, or built
// once by TestMain.
var binary string

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	if _, err := exec.LookPath("tmux"); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: tmux is needed and not found; .ci/e2e installs it")
		return 1
	}
	binary = os.Getenv("PASAPAS_E2E_BIN")
	if binary == "" {
		dir, err := os.MkdirTemp("", "e2e-bin-")
		if err != nil {
			fmt.Fprintln(os.Stderr, "e2e:", err)
			return 1
		}
		defer os.RemoveAll(dir)
		binary = filepath.Join(dir, "pasapas")
		build := exec.Command("go", "build", "-o", binary, "../cmd/pasapas")
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			fmt.Fprintln(os.Stderr, "e2e: building pasapas:", err)
			return 1
		}
	}
	abs, err := filepath.Abs(binary)
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	binary = abs
	return m.Run()
}

const (
	learner    = "Hélène"
	compHome   = "Envoyer et recevoir des mails" // the competence, as learners see it everywhere
	compTitle  = compHome                        // its screen's title, and its test's name
	compID     = "mail"
	lessonName = "Lire et écrire une adresse mail"
	lessonID   = "mail-adresse"
)

// lessonsDoneRe is the competence's line on the home screen once a lesson is
// finished ("1 leçon sur 7 terminée", or with the plural the program uses).
var lessonsDoneRe = regexp.MustCompile(`(?m)^ +1 leçons? sur \d+ terminées?$`)

// TestNewLearner is the journey of a new learner, then a new start that
// finds everything again. Both runs share one PASAPAS_HOME.
func TestNewLearner(t *testing.T) {
	t.Parallel()
	home := t.TempDir()
	if !t.Run("journey", func(t *testing.T) { journey(t, home) }) {
		return
	}
	t.Run("progress kept", func(t *testing.T) { progressKept(t, home) })
}

// TestPositioningBeginner: a new learner who answers « Je ne sais pas » to
// every question of « Un peu de tout » is done in at most 12 questions
// (issue #24) and lands on « Mes résultats », whose first lesson is a
// level-1 one named « Commencez ici ».
func TestPositioningBeginner(t *testing.T) {
	t.Parallel()
	home := t.TempDir()
	tm := newServer(t).start(home, 80, 24)
	tm.newLearner("Paul")
	tm.choose("Faire le point")
	tm.waitText("Sur quoi voulez-vous faire le point ?")
	tm.choose("Un peu de tout")
	run := tm.takeTestAnswering(func(int) bool { return false })
	t.Logf("positioning: %d questions, %d recaps", len(run.verdicts), run.recaps)
	if n := len(run.verdicts); n == 0 || n > 12 {
		t.Errorf("the positioning asked %d questions, want 1 to 12", n)
	}
	s := tm.waitText("Mes résultats", "Commencez ici : « ")
	line := ""
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, "Commencez ici : « ") {
			line = strings.TrimSpace(l)
		}
	}
	if d := strings.TrimSpace(detailOf(s, "Commencez ici : « ")); !strings.HasPrefix(d, "Niveau 1 · ") {
		t.Errorf("« Commencez ici » (%q) is not a level-1 lesson (detail %q):\n%s", line, d, frame(s))
	}
	tm.quit()
}

// journey: create a profile, follow a whole lesson with its check
// questions, take a test, read the results, quit.
func journey(t *testing.T, home string) {
	tm := newServer(t).start(home, 80, 24)
	tm.waitText("Qui êtes-vous ?", "Je suis nouveau ou nouvelle")
	tm.newLearner(learner)

	tm.choose(compHome)
	tm.waitText(compTitle, lessonName, "Pas commencée")
	tm.choose(lessonName)
	tm.waitText("Vos objectifs :", "Appuyez sur Entrée pour commencer.")
	walk := tm.followLesson()
	if walk.steps == 0 || len(walk.seen) != walk.steps {
		t.Errorf("steps shown %v, want 1 to %d each once", walk.seen, walk.steps)
	}
	for i, n := range walk.seen {
		if n != i+1 {
			t.Errorf("steps shown %v, want 1 to %d in order", walk.seen, walk.steps)
			break
		}
	}
	if len(walk.verdicts) == 0 {
		t.Errorf("the lesson asked no check question")
	}
	t.Logf("lesson: %d steps, check questions: %q", walk.steps, walk.verdicts)
	s := tm.waitText(lessonName)
	if got := detailOf(s, lessonName); !strings.Contains(got, "Terminée") {
		t.Errorf("the lesson is not marked finished (%q):\n%s", got, frame(s))
	}
	tm.press("Escape")
	tm.waitText("Bonjour " + learner + " !")
	tm.point(compHome)
	tm.waitFor("the competence's line to count 1 lesson done", lessonsDoneRe.MatchString)

	tm.choose("Faire le point")
	tm.waitText("Sur quoi voulez-vous faire le point ?", "Je ne sais pas")
	tm.choose(compTitle)
	run := tm.takeTest()
	t.Logf("test: %d questions, %d recaps: %q", len(run.verdicts), run.recaps, run.verdicts)
	if len(run.verdicts) < 3 {
		t.Errorf("the test should mix answers and « Je ne sais pas » (every third): only %d questions", len(run.verdicts))
	}
	// The test ends on the results; read them from the home screen too.
	// (The history says "aujourd'hui : …"; not asserted, so a run across
	// midnight passes.)
	// The lessons to read come first (« Commencez ici »), the level and the
	// history below them: Page suivante until they show.
	tm.waitText("Mes résultats", "Commencez ici : « ")
	s = tm.scrollTo(compTitle, "Vos derniers tests", " : "+compTitle+" — ")
	tm.press("Escape")
	tm.waitText("Bonjour " + learner + " !")
	tm.choose("Mes résultats")
	tm.waitText("Commencez ici : « ")
	s = tm.scrollTo("Niveau ", "Vos derniers tests", " : "+compTitle+" — ")
	if !strings.Contains(s, "Niveau ") {
		t.Errorf("the results do not say a level:\n%s", frame(s))
	}
	tm.quit()

	// On disk: the lesson and its answers, the finished test with all of its.
	st := snapshot(t, home)
	id := learnerID(t, st, learner)
	ctx := context.Background()
	lp, err := st.LessonProgress(ctx, id)
	if err != nil || !lp[lessonID].Done {
		t.Errorf("lesson progress %+v, %v: want %s done", lp, err, lessonID)
	}
	answers, err := st.Answers(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	inLesson := 0
	for _, a := range answers {
		if a.Lesson == lessonID {
			inLesson++
		}
	}
	if inLesson != len(walk.verdicts) {
		t.Errorf("%d answers stored for the lesson, %d given", inLesson, len(walk.verdicts))
	}
	tests, err := st.Tests(ctx, id)
	if err != nil || len(tests) != 1 || tests[0].Result == nil || tests[0].Competence != compID {
		t.Fatalf("tests %+v, %v: want one finished %s test", tests, err, compID)
	}
	ta, err := st.TestAnswers(ctx, tests[0].ID)
	if err != nil || len(ta) != len(run.verdicts) {
		t.Errorf("%d answers stored for the test (%v), %d given", len(ta), err, len(run.verdicts))
	}
	for i := range min(len(ta), len(run.verdicts)) {
		if want := resultOf(run.verdicts[i]); run.verdicts[i] != "" && ta[i].Result != want {
			t.Errorf("answer %d stored as %s, the screen said %q", i+1, ta[i].Result, run.verdicts[i])
		}
	}
}

// progressKept: a new start on the same file finds the learner, the
// finished lesson and the test.
func progressKept(t *testing.T, home string) {
	// What the file holds, read before the program opens it again.
	st := snapshot(t, home)
	ctx := context.Background()
	id := learnerID(t, st, learner)
	lp, err := st.LessonProgress(ctx, id)
	if err != nil || !lp[lessonID].Done {
		t.Fatalf("lesson progress %+v, %v: want %s done", lp, err, lessonID)
	}
	tests, err := st.Tests(ctx, id)
	if err != nil || len(tests) != 1 || tests[0].Result == nil || tests[0].FinishedAt.IsZero() {
		t.Fatalf("tests %+v, %v: want one finished with a level", tests, err)
	}
	level := tests[0].Result.Level
	if level < 0 || level > scoring.MaxLevel {
		t.Errorf("level %d out of 0..%d", level, scoring.MaxLevel)
	}
	integrityOK(t, home)

	tm := newServer(t).start(home, 80, 24)
	tm.waitText("Qui êtes-vous ?", learner)
	tm.choose(learner)
	tm.waitText("Bonjour " + learner + " !")
	tm.point(compHome)
	tm.waitFor("the competence's line to count 1 lesson done", lessonsDoneRe.MatchString)
	tm.choose(compHome)
	s := tm.waitText(lessonName)
	if got := detailOf(s, lessonName); !strings.Contains(got, "Terminée") {
		t.Errorf("the lesson is not marked finished (%q):\n%s", got, frame(s))
	}
	tm.press("Escape")
	tm.choose("Mes résultats")
	tm.waitText("Commencez ici : « ")
	s = tm.scrollTo(scoring.LevelHeading(i18n.FR, level))
	s = tm.scrollTo("Vos derniers tests", " : "+compTitle+" — "+scoring.LevelName(i18n.FR, level))
	tm.quit()
}

// TestCrashMidTest kills the program with SIGKILL in the middle of a test:
// every answer whose feedback was on the screen is found after a restart,
// and the test goes on from the next question.
func TestCrashMidTest(t *testing.T) {
	t.Parallel()
	const n = 4 // answers acknowledged before the crash
	home := t.TempDir()
	srv := newServer(t)
	tm := srv.start(home, 80, 24)
	tm.newLearner("Marc")
	tm.choose("Faire le point")
	tm.choose(compTitle)
	var acked []string
	for i := 1; i <= n; i++ {
		tm.waitFor(fmt.Sprintf("question %d", i), func(s string) bool { return (asking(s) || looking(s)) && questionNumber(s) == i })
		acked = append(acked, tm.answer(i%2 == 1)) // the verdict is on the screen: acknowledged
		if i < n {
			tm.choose("Continuer")
		}
	}
	tm.kill9()

	// The file as the crash left it: intact, every acknowledged answer in.
	integrityOK(t, home)
	st := snapshot(t, home)
	if r := st.Recovered(); r != nil {
		t.Errorf("the file was damaged by the crash: %+v", r)
	}
	ctx := context.Background()
	id := learnerID(t, st, "Marc")
	open, err := st.OpenTests(ctx, id)
	if err != nil || len(open) != 1 {
		t.Fatalf("open tests %+v, %v: want 1", open, err)
	}
	if got := len(open[0].Answers); got != n {
		t.Fatalf("%d answers stored for the open test, %d acknowledged (%q)", got, n, acked)
	}
	for i, a := range open[0].Answers {
		if want := resultOf(acked[i]); acked[i] != "" && a.Result != want {
			t.Errorf("answer %d stored as %s, the screen said %q", i+1, a.Result, acked[i])
		}
	}

	// A new start offers to resume, and goes on with question n+1.
	tm = srv.start(home, 80, 24)
	tm.waitText("Qui êtes-vous ?", "Marc")
	tm.choose("Marc")
	tm.waitText("Bonjour Marc !", "Reprendre le test : "+compTitle, fmt.Sprintf("%d réponses déjà données", n))
	tm.choose("Reprendre le test")
	tm.waitFor(fmt.Sprintf("question %d", n+1), func(s string) bool { return (asking(s) || looking(s)) && questionNumber(s) == n+1 })
	acked = append(acked, tm.answer(false))
	tm.quit()

	st = snapshot(t, home)
	open, err = st.OpenTests(ctx, id)
	if err != nil || len(open) != 1 || len(open[0].Answers) != n+1 {
		t.Fatalf("after resuming: open tests %+v, %v: want 1 with %d answers", open, err, n+1)
	}
	// The visit the crash left open was ended by the new start at the
	// last answer given before the crash: its time counts.
	visits, err := st.Visits(ctx, id)
	if err != nil || len(visits) != 2 {
		t.Fatalf("visits %+v, %v: want the one before the crash and the one after", visits, err)
	}
	if last := open[0].Answers[n-1].At; !visits[0].End.Equal(last) || visits[0].Length() <= 0 {
		t.Errorf("the visit before the crash ends at %v (%v long), want at the last answer before it, %v",
			visits[0].End, visits[0].Length(), last)
	}
}

// TestEnglish: --lang en speaks English from the first screen.
func TestEnglish(t *testing.T) {
	t.Parallel()
	tm := newServer(t).start(t.TempDir(), 80, 24, "--lang", "en")
	tm.waitText("Who are you?", "I am new here")
	tm.keys("C-c")
	tm.waitText("Do you want to quit Pas à pas?")
	tm.point("Yes, quit")
	tm.keys("Enter")
	if status := tm.waitExit(); status != 0 {
		t.Fatalf("the program ended with status %d", status)
	}
}

// TestSmallWindow: at 40×12 a profile can be made; at 30×10 the program
// asks for a bigger window, and comes back when it is.
func TestSmallWindow(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	tm := srv.start(t.TempDir(), 40, 12)
	// The question, the choice and the keys are all there.
	tm.waitText("Qui êtes-vous ?", "▸ 1. Je suis nouveau ou nouvelle", "? aide")
	tm.newLearner("Léa")
	tm.resize(30, 10)
	tm.waitText("Agrandissez la fenêtre.")
	tm.resize(40, 12)
	tm.waitText("Bonjour Léa !")
	tm.quit()

	tm = srv.start(t.TempDir(), 30, 10)
	tm.waitText("Agrandissez la fenêtre.")
}

// detailOf returns the line under the menu row holding text: its detail.
func detailOf(screen, text string) string {
	lines := strings.Split(screen, "\n")
	for i, l := range lines {
		if m := rowRe.FindStringSubmatch(l); m != nil && strings.Contains(m[3], text) && i+1 < len(lines) {
			return lines[i+1]
		}
	}
	return ""
}

// resultOf maps a verdict on the screen to what the store keeps ("" is a
// verdict out of sight: not compared).
func resultOf(verdict string) progress.Result {
	switch verdict {
	case verdictRight:
		return progress.Correct
	case verdictWrong:
		return progress.Incorrect
	}
	return progress.Skipped
}

// snapshot opens a copy of the progress file (with its journal), so the
// test reads what is on disk without ever writing to the learner's file.
func snapshot(t *testing.T, home string) *progress.Store {
	t.Helper()
	dir := t.TempDir()
	for _, suffix := range []string{"", "-wal", "-shm"} {
		src := filepath.Join(home, progress.FileName+suffix)
		if err := copyFile(src, filepath.Join(dir, progress.FileName+suffix)); err != nil {
			if suffix != "" && os.IsNotExist(err) {
				continue
			}
			t.Fatal(err)
		}
	}
	st, err := progress.Open(filepath.Join(dir, progress.FileName))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// integrityOK runs PRAGMA integrity_check on the learner's file itself,
// through a read-only connection.
func integrityOK(t *testing.T, home string) {
	t.Helper()
	path := filepath.Join(home, progress.FileName)
	uri := (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String() + "?mode=ro"
	db, err := sql.Open("sqlite", uri)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var res string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&res); err != nil {
		t.Fatalf("integrity_check on %s: %v", path, err)
	}
	if res != "ok" {
		t.Fatalf("integrity_check on %s: %s", path, res)
	}
}

// learnerID finds a learner by name.
func learnerID(t *testing.T, st *progress.Store, name string) progress.LearnerID {
	t.Helper()
	ls, err := st.Learners(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range ls {
		if l.Name == name {
			return l.ID
		}
	}
	t.Fatalf("no learner %q in %+v", name, ls)
	return 0
}
