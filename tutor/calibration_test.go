package tutor

import (
	"context"
	"math"
	"pasapas/learning"
	"pasapas/record"
	"strings"
	"testing"

	"pasapas/i18n"
	"pasapas/lessons"
	"pasapas/scoring"
)

// finishTest answers "Je ne sais pas" to every question of the test on
// screen until the results show.
func (h *harness) finishTest() {
	h.t.Helper()
	for i := 0; i < 400 && !strings.Contains(h.screen(), "Mes résultats"); i++ {
		switch s := h.screen(); {
		case strings.Contains(s, "Faisons le point"):
			h.pick("Continuer")
		case strings.Contains(s, "Je ne sais pas"):
			// (Before « Continuer »: a question may quote that button.)
			h.pick("Je ne sais pas")
		case strings.Contains(s, "Continuer"):
			h.pick("Continuer")
		case strings.Contains(s, "pour voir les réponses"): // a mock screen shown alone first
			h.press("enter")
		case strings.Contains(s, "Question"): // a long screen: read on
			h.press("down")
		default:
			h.t.Fatalf("unexpected screen:\n%s", s)
		}
	}
	h.expect("Mes résultats")
}

// lastTest returns the latest test of the latest learner and its answers.
func (h *harness) lastTest() (record.Test, []record.Answer) {
	h.t.Helper()
	ctx := context.Background()
	ls, err := h.store.Learners(ctx)
	if err != nil || len(ls) == 0 {
		h.t.Fatalf("learners: %v %v", ls, err)
	}
	tests, err := h.store.Tests(ctx, ls[len(ls)-1].ID)
	if err != nil || len(tests) == 0 {
		h.t.Fatalf("tests: %v %v", tests, err)
	}
	t := tests[len(tests)-1]
	answers, err := h.store.TestAnswers(ctx, t.ID)
	if err != nil || len(answers) == 0 {
		h.t.Fatalf("answers: %v %v", answers, err)
	}
	return t, answers
}

// TestFinishedTestCalibratesItsQuestions: finishing a test stores a
// difficulty for each question it asked, resting on that one answer, and the
// next learner's test is built on those difficulties, centred on the author
// levels (scoring.Bank.Centred).
func TestFinishedTestCalibratesItsQuestions(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	authorB := scoring.AuthorDifficulties(h.m.ctx.Cat)

	h.newLearner("Lucie")
	h.choose("Faire le point")
	h.choose("Envoyer et recevoir des mails")
	h.finishTest()
	first, answers := h.lastTest()
	if first.Result == nil {
		t.Fatalf("first test not finished: %+v", first)
	}
	stats, err := h.store.ItemStats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range answers {
		st := stats[a.Question]
		if st.Calibrated == nil || st.Calibrated.N != 1 {
			t.Errorf("%s: %+v, want a difficulty resting on 1 answer", a.Question, st)
			continue
		}
		// Every answer was "Je ne sais pas": each question looks harder
		// than its author said, by less than one Elo step.
		if d := st.Calibrated.B - authorB[a.Question]; !(d > 0 && d <= 0.4) {
			t.Errorf("%s: difficulty %v, author %v", a.Question, st.Calibrated.B, authorB[a.Question])
		}
	}
	calibrated := 0
	for _, st := range stats {
		if st.Calibrated != nil {
			calibrated++
		}
	}
	if calibrated != len(answers) {
		t.Errorf("%d questions calibrated, %d answered", calibrated, len(answers))
	}

	// A lesson check on one of them: an answer, but not one the
	// calibration rests on.
	check := record.Answer{Learner: answers[0].Learner, Question: answers[0].Question, Variant: answers[0].Variant,
		Given: `{"passe":true}`, Result: record.Correct, Lesson: "mail-adresse", At: testToday}
	if _, err := h.store.RecordAnswer(context.Background(), check); err != nil {
		t.Fatal(err)
	}

	// The next learners' tests use them, and add to them: each question's
	// calibration rests on the tests that asked it. (Exposure control makes
	// the next tests avoid the questions already asked, so it takes a few
	// learners before one is asked again.)
	asked := map[string]int{}
	for _, a := range answers {
		asked[a.Question]++
	}
	again := func() bool {
		for _, n := range asked {
			if n > 1 {
				return true
			}
		}
		return false
	}
	for _, name := range []string{"Marc", "Noé", "Inès", "Omar", "Yann", "Ana", "Paul", "Zoé"} {
		if again() {
			break
		}
		stats, err := h.store.ItemStats(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		h.press("esc")
		h.choose("Terminer ma séance")
		h.newLearner(name)
		h.choose("Faire le point")
		h.choose("Envoyer et recevoir des mails")
		h.expect("Question 1")
		s, ok := h.m.top().(*testScreen)
		if !ok || s.test == nil {
			t.Fatalf("not a test screen: %T", h.m.top())
		}
		// The stored difficulties, centred: all moved by one shift, so
		// that their mean distance to the author levels is zero.
		bank := s.test.Engine().(*scoring.Test).Bank()
		shift, sum, n := 0.0, 0.0, 0
		for q, st := range stats {
			if st.Calibrated == nil {
				continue
			}
			it := bank.Item(q)
			if it == nil || !it.Calibrated {
				t.Fatalf("%s in %s's test: %+v, want calibrated", q, name, it)
			}
			if n == 0 {
				shift = st.Calibrated.B - it.B
			}
			if d := st.Calibrated.B - it.B; math.Abs(d-shift) > 1e-9 {
				t.Errorf("%s in %s's test: b = %v, stored %v: moved by %v, the others by %v", q, name, it.B, st.Calibrated.B, d, shift)
			}
			sum += it.B - authorB[q]
			n++
		}
		if math.Abs(sum/float64(n)) > 1e-9 {
			t.Errorf("%s's test: mean distance to the author levels %v, want 0", name, sum/float64(n))
		}
		h.finishTest()
		_, more := h.lastTest()
		for _, a := range more {
			asked[a.Question]++
		}
	}
	stats, err = h.store.ItemStats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for q, n := range asked {
		if stats[q].Calibrated.N != n {
			t.Errorf("%s: calibrated on %d answers, asked in %d tests (%d answers in all)", q, stats[q].Calibrated.N, n, stats[q].Answers)
		}
	}
	if !again() {
		t.Error("no question asked twice: the second calibration step is not checked")
	}
	if st := stats[check.Question]; st.Answers != st.Calibrated.N+1 {
		t.Errorf("%s with a lesson check: %+v", check.Question, st)
	}
}

// TestPositioningCalibratesEachCompetence: « Un peu de tout » calibrates
// every question it asked, whatever its competence.
func TestPositioningCalibratesEachCompetence(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	h.newLearner("Awa")
	h.choose("Faire le point")
	h.choose("Un peu de tout")
	h.finishTest()
	test, answers := h.lastTest()
	if test.Competence != record.Positioning || test.Result == nil {
		t.Fatalf("positioning not finished: %+v", test)
	}
	stats, err := h.store.ItemStats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	comps := map[string]bool{}
	for _, a := range answers {
		if st := stats[a.Question]; st.Calibrated == nil || st.Calibrated.N != 1 {
			t.Errorf("%s: %+v, want a difficulty resting on 1 answer", a.Question, st)
		}
		if q := h.m.ctx.Cat.Question(a.Question); q != nil {
			comps[h.m.ctx.Cat.CompetenceOf(q.Skill.ID).ID] = true
		}
	}
	if len(comps) < 2 {
		t.Errorf("the positioning touched %d competences", len(comps))
	}
}

// TestPositioningStartsOnCentredBanks: « Un peu de tout » runs, for every
// competence, on the stored difficulties moved together so that their mean
// distance to the author levels is zero, as a single test does.
func TestPositioningStartsOnCentredBanks(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	ctx := context.Background()
	authorB := scoring.AuthorDifficulties(h.m.ctx.Cat)
	// Two questions of each of two competences stored harder than their
	// author levels: +0.6 and +0.2 (a shift of 0.4 in each).
	stored := map[string]scoring.Calibration{}
	want := map[string]float64{}
	for _, comp := range []string{"mail", "sante"} {
		qs := h.m.ctx.Cat.QuestionsOf(comp)
		for k, off := range []float64{0.6, 0.2} {
			q := qs[k].ID
			stored[q] = scoring.Calibration{B: authorB[q] + off, N: 5}
			want[q] = authorB[q] + off - 0.4
		}
	}
	if err := h.store.SetItemDifficulties(ctx, stored); err != nil {
		t.Fatal(err)
	}
	h.newLearner("Awa")
	h.choose("Faire le point")
	h.choose("Un peu de tout")
	h.expect("Question 1")
	s, ok := h.m.top().(*testScreen)
	if !ok || s.test == nil || s.test.Competence != record.Positioning {
		t.Fatalf("not a positioning: %T", h.m.top())
	}
	params := s.test.Engine().Params()
	for q, b := range want {
		if got := params[q].B; math.Abs(got-b) > 1e-9 {
			t.Errorf("%s: b = %v in the positioning's bank, want %v (stored %v, centred)", q, got, b, stored[q].B)
		}
	}
}

// TestStepFromTheCentredFrame: through the store and back, a finished
// test's step starts from the stored difficulty moved by its bank's shift.
// Every mail question is stored 0.6 or 0.2 above its author level (a shift
// of about 0.4), resting on 20 answers; every answer is « Je ne sais pas »,
// so each step makes its question harder by at most K(20) = 0.2. Were the
// shift lost on the way (the stored value no longer equal to the one the
// bank was centred from), the questions would end 0.4 higher.
func TestStepFromTheCentredFrame(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	ctx := context.Background()
	authorB := scoring.AuthorDifficulties(h.m.ctx.Cat)
	stored := map[string]scoring.Calibration{}
	shift := 0.0
	mail := h.m.ctx.Cat.QuestionsOf("mail")
	for k, q := range mail {
		off := 0.6 - 0.4*float64(k%2)
		stored[q.ID] = scoring.Calibration{B: authorB[q.ID] + off, N: 20}
		shift += off / float64(len(mail))
	}
	if err := h.store.SetItemDifficulties(ctx, stored); err != nil {
		t.Fatal(err)
	}
	h.newLearner("Rose")
	h.choose("Faire le point")
	h.choose("Envoyer et recevoir des mails")
	h.finishTest()
	_, answers := h.lastTest()
	stats, err := h.store.ItemStats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range answers {
		before := stored[a.Question].B
		after := stats[a.Question].Calibrated
		if after == nil || after.N != 21 {
			t.Fatalf("%s: %+v, want a step on the 21st answer", a.Question, stats[a.Question])
		}
		if step := after.B - (before - shift); step <= -0.01 || step > 0.21 {
			t.Errorf("%s: stored %v, now %v: a step of %+v from %v, want (0, 0.2] give or take the pull", a.Question, before, after.B, step, before-shift)
		}
	}
}

// TestLessonAnswersDoNotCountForCalibration: a lesson check is an answer to
// the question, but not one its calibration rests on; a finished test's
// answer is. The content is frozen: three questions, fewer than a test's
// least, so the test asks them all, the lesson's included.
func TestLessonAnswersDoNotCountForCalibration(t *testing.T) {
	const checked = "mail-q-arobase"
	lib := lessons.Load(lessons.Options{Today: testToday}, lessons.Dir("testdata/calibration"))
	h := newHarness(t, i18n.FR, lib)
	ctx := context.Background()
	stat := func(q string) record.ItemStat {
		t.Helper()
		stats, err := h.store.ItemStats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return stats[q]
	}

	// The lesson's check, answered right.
	h.newLearner("Paul")
	h.choose("Envoyer et recevoir des mails")
	h.choose("Lire une adresse mail")
	h.press("enter")
	for i := 0; i < 10 && !strings.Contains(h.screen(), "Une question pour vérifier"); i++ {
		h.press("right")
	}
	h.expect("Une question pour vérifier", "Laquelle de ces lignes est une adresse mail ?")
	h.pick("marie.dupont@laposte.net")
	h.expect("Bonne réponse")
	if st := stat(checked); st.Answers != 1 || st.Correct != 1 || st.Calibrated != nil {
		t.Fatalf("after the lesson check: %+v, want 1 answer and no calibration", st)
	}

	// The test asks it again: its calibration rests on that answer alone.
	h.press("esc", "esc")
	h.choose("Faire le point")
	h.choose("Envoyer et recevoir des mails")
	h.finishTest()
	test, answers := h.lastTest()
	if test.Result == nil {
		t.Fatalf("test not finished: %+v", test)
	}
	asked := false
	for _, a := range answers {
		asked = asked || a.Question == checked
	}
	if !asked {
		t.Fatalf("the test did not ask %s: %+v", checked, answers)
	}
	st := stat(checked)
	if st.Answers != 2 || st.Calibrated == nil || st.Calibrated.N != 1 {
		t.Errorf("after the test: %+v, want 2 answers, a difficulty resting on 1", st)
	}
	// And the engine of the next test is told that one answer, not two.
	stats, err := h.store.ItemStats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if c := learning.Calibrations(stats)[checked]; c.N != 1 || c.B != st.Calibrated.B {
		t.Errorf("calibration given to the engine: %+v, want n = 1, b = %v", c, st.Calibrated.B)
	}
}
