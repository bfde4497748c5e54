package progress

import (
	"context"
	"errors"
	"math"
	"pasapas/record"
	"pasapas/scoring"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"pasapas/i18n"
	"pasapas/lessons"
)

func TestRecordAnswerRefusesBadInput(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, tempPath(t), nil)
	l := mustLearner(t, s, "Léa", "")
	other := mustLearner(t, s, "Marc", "")
	othersTest, _ := s.StartTest(ctx, other.ID, "mail", 1)
	finished, _ := s.StartTest(ctx, l.ID, "mail", 1)
	if err := s.FinishTest(ctx, finished, TestResult{Level: 1}); err != nil {
		t.Fatal(err)
	}
	good := Answer{Learner: l.ID, Question: "q1", Variant: "q1", Given: `"b"`, Result: Incorrect}
	tests := []struct {
		name   string
		change func(a *Answer)
		want   error
	}{
		{"no learner", func(a *Answer) { a.Learner = 0 }, ErrInvalid},
		{"unknown learner", func(a *Answer) { a.Learner = 999 }, ErrNotFound},
		{"no question", func(a *Answer) { a.Question = " " }, ErrInvalid},
		{"unknown result", func(a *Answer) { a.Result = "ok" }, ErrInvalid},
		{"answer not JSON", func(a *Answer) { a.Given = "b" }, ErrInvalid},
		{"negative duration", func(a *Answer) { a.Duration = -time.Second }, ErrInvalid},
		{"someone else's test", func(a *Answer) { a.Test = othersTest }, ErrInvalid},
		{"finished test", func(a *Answer) { a.Test = finished }, ErrTestFinished},
		{"unknown test", func(a *Answer) { a.Test = 12345 }, ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := good
			tt.change(&a)
			if _, err := s.RecordAnswer(ctx, a); !errors.Is(err, tt.want) {
				t.Fatalf("RecordAnswer: %v, want %v", err, tt.want)
			}
		})
	}
	if _, err := s.RecordAnswer(ctx, good); err != nil {
		t.Fatalf("good answer: %v", err)
	}
	all, _ := s.Answers(ctx, l.ID)
	if len(all) != 1 {
		t.Fatalf("the log holds %d answers, want only the good one", len(all))
	}
}

// TestAnswerLogIsAppendOnly: the schema itself refuses to change a logged
// answer, and refuses answers that would mix two learners in one test, even
// from SQL that bypasses the store's checks.
func TestAnswerLogIsAppendOnly(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, tempPath(t), nil)
	l := mustLearner(t, s, "Léa", "")
	other := mustLearner(t, s, "Marc", "")
	mustAnswer(t, s, Answer{Learner: l.ID, Question: "q1"})
	test, _ := s.StartTest(ctx, other.ID, "mail", 1)
	for _, q := range []string{
		"UPDATE answers SET result = 'incorrect'",
		"INSERT INTO answers (learner_id, question, variant, given, result, duration_ms, test_id, at) " +
			"VALUES (" + itoa(int64(l.ID)) + ", 'q', 'q', '1', 'correct', 0, " + itoa(int64(test)) + ", 0)",
		"INSERT INTO answers (learner_id, question, variant, given, result, duration_ms, at) VALUES (1, 'q', 'q', 'not json', 'correct', 0, 0)",
	} {
		if _, err := s.db.ExecContext(ctx, q); err == nil {
			t.Errorf("%s: accepted", q)
		}
	}
}

func itoa(v int64) string { return strconv.FormatInt(v, 10) }

func TestItemStats(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, tempPath(t), nil)
	a := mustLearner(t, s, "Léa", "")
	b := mustLearner(t, s, "Marc", "")
	for _, r := range []Result{Correct, Incorrect, Skipped} {
		mustAnswer(t, s, Answer{Learner: a.ID, Question: "q1", Result: r})
	}
	mustAnswer(t, s, Answer{Learner: b.ID, Question: "q1", Result: Correct})
	mustAnswer(t, s, Answer{Learner: b.ID, Question: "q2", Result: Incorrect})
	if err := s.SetItemDifficulties(ctx, map[string]scoring.Calibration{"q2": {B: 1.25, N: 7}, "q3": {B: -0.5, N: 0}}); err != nil {
		t.Fatal(err)
	}
	stats, err := s.ItemStats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	check := func(q string, answers, correct int, diff *float64, n int) {
		t.Helper()
		it := stats[q]
		if it.Answers != answers || it.Correct != correct || (diff == nil) != (it.Calibrated == nil) ||
			(diff != nil && (it.Calibrated.B != *diff || it.Calibrated.N != n)) {
			t.Errorf("%s: %+v, want %d answers, %d correct, difficulty %v on %d", q, it, answers, correct, diff, n)
		}
	}
	d2, d3 := 1.25, -0.5
	check("q1", 4, 2, nil, 0)
	check("q2", 1, 0, &d2, 7)
	check("q3", 0, 0, &d3, 0)
	// Answers after calibration keep the calibrated difficulty, and count
	// as answers, not as answers the calibration rests on.
	mustAnswer(t, s, Answer{Learner: a.ID, Question: "q2", Result: Correct})
	stats, _ = s.ItemStats(ctx)
	check("q2", 2, 1, &d2, 7)
	for _, bad := range []map[string]scoring.Calibration{
		{"": {B: 0, N: 1}}, {"q": {B: math.NaN(), N: 1}}, {"q": {B: math.Inf(1), N: 1}}, {"q": {B: 0, N: -1}},
	} {
		if err := s.SetItemDifficulties(ctx, bad); !errors.Is(err, ErrInvalid) {
			t.Errorf("SetItemDifficulties(%v) = %v, want ErrInvalid", bad, err)
		}
	}
}

func TestLessonSteps(t *testing.T) {
	ctx := context.Background()
	clk := newClock()
	s := openTest(t, tempPath(t), clk)
	l := mustLearner(t, s, "Léa", "")
	start := clk.Now()
	steps := []LessonStep{
		{Lesson: "adresse-mail", Step: 0, Device: lessons.Computer},
		{Lesson: "adresse-mail", Step: 4, Device: lessons.Computer},
		{Lesson: "adresse-mail", Step: 5, Done: true, Device: lessons.Computer},
		{Lesson: "adresse-mail", Step: 1, Device: lessons.IPhone}, // going through it again
	}
	for _, st := range steps {
		clk.Advance(time.Minute)
		if err := s.SaveLessonStep(ctx, l.ID, st); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.LessonProgress(ctx, l.ID)
	if err != nil {
		t.Fatal(err)
	}
	p := got["adresse-mail"]
	want := LessonProgress{Lesson: "adresse-mail", Step: 1, Furthest: 5, Done: true, Device: lessons.IPhone,
		StartedAt: start.Add(time.Minute), UpdatedAt: start.Add(4 * time.Minute), DoneAt: start.Add(3 * time.Minute)}
	if !p.StartedAt.Equal(want.StartedAt) || !p.UpdatedAt.Equal(want.UpdatedAt) || !p.DoneAt.Equal(want.DoneAt) {
		t.Errorf("times %v %v %v, want %v %v %v", p.StartedAt, p.UpdatedAt, p.DoneAt, want.StartedAt, want.UpdatedAt, want.DoneAt)
	}
	p.StartedAt, p.UpdatedAt, p.DoneAt = want.StartedAt, want.UpdatedAt, want.DoneAt
	if p != want {
		t.Errorf("progress %+v, want %+v", p, want)
	}
	for _, bad := range []LessonStep{{Lesson: "", Step: 1}, {Lesson: "x", Step: -1}, {Lesson: "x", Device: "tablette"}} {
		if err := s.SaveLessonStep(ctx, l.ID, bad); !errors.Is(err, ErrInvalid) {
			t.Errorf("SaveLessonStep(%+v) = %v, want ErrInvalid", bad, err)
		}
	}
	if err := s.SaveLessonStep(ctx, 999, LessonStep{Lesson: "x"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown learner: %v", err)
	}
}

func TestLearnerProfile(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, tempPath(t), nil)
	l := mustLearner(t, s, "  Léa  ", "")
	if l.Name != "Léa" || l.Prefs.Lang != i18n.FR {
		t.Fatalf("new learner %+v: want name trimmed and French by default", l)
	}
	for _, bad := range []string{"", "   ", "a\x1b[31mb", strings.Repeat("é", record.MaxName+1), "\xff"} {
		if err := s.Rename(ctx, l.ID, bad); !errors.Is(err, ErrInvalid) {
			t.Errorf("Rename(%q) = %v, want ErrInvalid", bad, err)
		}
	}
	if err := s.Rename(ctx, l.ID, "Léa M."); err != nil {
		t.Fatal(err)
	}
	prefs := Prefs{Lang: i18n.EN, Theme: "ascii", Device: lessons.IPhone, Mouse: true}
	if err := s.SetPrefs(ctx, l.ID, prefs); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []Prefs{{Lang: "de"}, {Device: "minitel"}, {Theme: "a\nb"}} {
		if err := s.SetPrefs(ctx, l.ID, bad); !errors.Is(err, ErrInvalid) {
			t.Errorf("SetPrefs(%+v) = %v, want ErrInvalid", bad, err)
		}
	}
	got, err := s.Learner(ctx, l.ID)
	if err != nil || got.Name != "Léa M." || got.Prefs != prefs {
		t.Fatalf("Learner = %+v, %v", got, err)
	}
	if _, err := s.Learner(ctx, 999); !errors.Is(err, ErrNotFound) || !strings.Contains(Explain(err, i18n.FR), "profil") {
		t.Fatalf("unknown learner: %v", err)
	}
}

// TestSummaries checks the profile list and the médiateur's results view.
func TestSummaries(t *testing.T) {
	ctx := context.Background()
	clk := newClock()
	s := openTest(t, tempPath(t), clk)
	zoe := mustLearner(t, s, "Zoé", "4827")
	abel := mustLearner(t, s, "Abel", "")
	cleo := mustLearner(t, s, "Cléo", "") // never tested
	finish := func(l LearnerID, comp string, level int) {
		t.Helper()
		clk.Advance(time.Minute)
		id, err := s.StartTest(ctx, l, comp, 1)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.FinishTest(ctx, id, TestResult{Theta: float64(level) - 2, SE: 0.4, Level: level, StopReason: "precision"}); err != nil {
			t.Fatal(err)
		}
	}
	finish(zoe.ID, "mail", 1)
	finish(zoe.ID, "mail", 3) // latest counts
	finish(abel.ID, "mail", 2)
	finish(abel.ID, Positioning, 1)
	abandoned, _ := s.StartTest(ctx, abel.ID, "mail", 1)
	s.AbandonTest(ctx, abandoned)
	s.StartTest(ctx, cleo.ID, "mail", 1) // open: no result yet
	s.SaveLessonStep(ctx, abel.ID, LessonStep{Lesson: "l1", Step: 3, Done: true})
	s.SaveLessonStep(ctx, abel.ID, LessonStep{Lesson: "l2", Step: 1})
	clk.Advance(time.Minute)
	s.SaveLessonStep(ctx, cleo.ID, LessonStep{Lesson: "l1", Step: 1})

	list, err := s.Learners(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, l := range list {
		names = append(names, l.Name)
	}
	if !slices.Equal(names, []string{"Cléo", "Abel", "Zoé"}) {
		t.Fatalf("profiles %v, want the most recently seen first", names)
	}
	clk.Advance(time.Minute)
	if err := s.Seen(ctx, zoe.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.Seen(ctx, 999); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Seen(unknown) = %v", err)
	}
	if l, _ := s.Learners(ctx); l[0].Name != "Zoé" || !l[0].LastSeen.Equal(clk.Now()) {
		t.Fatalf("after Seen, first is %+v", l[0])
	}
	if a := list[1]; a.LessonsDone != 1 || a.TestsTaken != 2 || a.HasPIN {
		t.Errorf("Abel: %+v, want 1 lesson done, 2 tests taken (abandoned not counted)", a)
	}
	if z := list[2]; z.TestsTaken != 2 || !z.HasPIN {
		t.Errorf("Zoé: %+v", z)
	}

	res, err := s.ResultsByCompetence(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 2 || res[0].Competence != "mail" || res[1].Competence != Positioning {
		t.Fatalf("competences %+v", res)
	}
	mail := res[0]
	if len(mail.Learners) != 2 || mail.Learners[0].Name != "Abel" || mail.Learners[0].Level != 2 ||
		mail.Learners[1].Name != "Zoé" || mail.Learners[1].Level != 3 || mail.Learners[1].Tests != 2 {
		t.Errorf("mail results %+v", mail.Learners)
	}
	if mail.ByLevel != [5]int{0, 0, 1, 1, 0} {
		t.Errorf("mail by level %v", mail.ByLevel)
	}
	if res[1].ByLevel != [5]int{0, 1, 0, 0, 0} {
		t.Errorf("positioning by level %v", res[1].ByLevel)
	}
}

func TestTestLifecycle(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, tempPath(t), nil)
	l := mustLearner(t, s, "Léa", "")
	id, err := s.StartTest(ctx, l.ID, "mail", 99)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.StartTest(ctx, l.ID, " ", 1); !errors.Is(err, ErrInvalid) {
		t.Errorf("StartTest without competence: %v", err)
	}
	if err := s.FinishTest(ctx, id, TestResult{Level: 5}); !errors.Is(err, ErrInvalid) {
		t.Errorf("level 5: %v", err)
	}
	if err := s.FinishTest(ctx, id, TestResult{Theta: -1, SE: 0.5, Level: 0, StopReason: "max_items"}); err != nil {
		t.Fatal(err)
	}
	if err := s.FinishTest(ctx, id, TestResult{Level: 1}); !errors.Is(err, ErrTestFinished) {
		t.Errorf("finishing twice: %v", err)
	}
	if err := s.AbandonTest(ctx, id); !errors.Is(err, ErrTestFinished) {
		t.Errorf("abandoning a finished test: %v", err)
	}
	if err := s.AbandonTest(ctx, 4242); !errors.Is(err, ErrNotFound) {
		t.Errorf("abandoning an unknown test: %v", err)
	}
	open, err := s.OpenTests(ctx, l.ID)
	if err != nil || len(open) != 0 {
		t.Fatalf("open tests %v, %v", open, err)
	}
	tests, _ := s.Tests(ctx, l.ID)
	if len(tests) != 1 || tests[0].Result == nil || tests[0].Result.StopReason != "max_items" || tests[0].Seed != 99 {
		t.Fatalf("tests %+v", tests)
	}
}

func TestResultsSortedAsInFrench(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, tempPath(t), nil)
	for _, name := range []string{"Zoé", "Émile", "abel", "Elsa", "Eddy"} {
		l := mustLearner(t, s, name, "")
		id, _ := s.StartTest(ctx, l.ID, "mail", 1)
		if err := s.FinishTest(ctx, id, TestResult{Level: 1}); err != nil {
			t.Fatal(err)
		}
	}
	res, err := s.ResultsByCompetence(ctx)
	if err != nil || len(res) != 1 {
		t.Fatalf("results %+v, %v", res, err)
	}
	var names []string
	for _, l := range res[0].Learners {
		names = append(names, l.Name)
	}
	if want := []string{"abel", "Eddy", "Elsa", "Émile", "Zoé"}; !slices.Equal(names, want) {
		t.Fatalf("order %v, want %v", names, want)
	}
}
