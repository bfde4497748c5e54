package storetest

import (
	"fmt"
	"math"
	"slices"
	"sync"
	"testing"
	"time"

	"pasapas/learning"
	"pasapas/record"
)

func runAnswerLog(t *testing.T, open func(*testing.T) learning.Store) {
	t.Run("Refuses", func(t *testing.T) {
		e := newEnv(t, open)
		l := e.learner("Léa", "")
		other := e.learner("Marc", "")
		othersTest := e.test(other.ID, "mail")
		finished := e.test(l.ID, "mail")
		e.finish(finished, 1)
		abandoned := e.test(l.ID, "mail")
		is(t, "AbandonTest", e.s.AbandonTest(e.ctx, abandoned), nil)
		good := record.Answer{Learner: l.ID, Question: "q1", Variant: "q1", Given: `"b"`, Result: record.Incorrect}
		cases := []struct {
			name   string
			change func(a *record.Answer)
			want   error
		}{
			{"no learner", func(a *record.Answer) { a.Learner = 0 }, record.ErrInvalid},
			{"unknown learner", func(a *record.Answer) { a.Learner = 999 }, record.ErrNotFound},
			{"no question", func(a *record.Answer) { a.Question = " " }, record.ErrInvalid},
			{"unknown result", func(a *record.Answer) { a.Result = "ok" }, record.ErrInvalid},
			{"no result", func(a *record.Answer) { a.Result = "" }, record.ErrInvalid},
			{"answer not JSON", func(a *record.Answer) { a.Given = "b" }, record.ErrInvalid},
			{"negative duration", func(a *record.Answer) { a.Duration = -time.Second }, record.ErrInvalid},
			{"someone else's test", func(a *record.Answer) { a.Test = othersTest }, record.ErrInvalid},
			{"finished test", func(a *record.Answer) { a.Test = finished }, record.ErrTestFinished},
			{"abandoned test", func(a *record.Answer) { a.Test = abandoned }, record.ErrTestFinished},
			{"unknown test", func(a *record.Answer) { a.Test = 12345 }, record.ErrNotFound},
		}
		for _, c := range cases {
			a := good
			c.change(&a)
			_, err := e.s.RecordAnswer(e.ctx, a)
			is(t, c.name, err, c.want)
		}
		if st := e.stats(); len(st) != 0 {
			t.Errorf("refused answers were counted: %+v", st)
		}
		if _, err := e.s.RecordAnswer(e.ctx, good); err != nil {
			t.Fatalf("good answer: %v", err)
		}
		for _, id := range []record.TestID{othersTest, finished, abandoned} {
			if got, _ := e.s.TestAnswers(e.ctx, id); len(got) != 0 {
				t.Errorf("test %d holds refused answers: %+v", id, got)
			}
		}
	})

	t.Run("OneAnswerPerQuestionOfATest", func(t *testing.T) {
		// The same test resumed in two windows: the second answer to a
		// question is refused, and the first stays alone.
		e := newEnv(t, open)
		l := e.learner("Léa", "")
		test := e.test(l.ID, "mail")
		e.answer(record.Answer{Learner: l.ID, Question: "q1", Test: test})
		_, err := e.s.RecordAnswer(e.ctx, record.Answer{Learner: l.ID, Question: "q1", Given: "1", Result: record.Correct, Test: test})
		is(t, "a second answer to q1", err, record.ErrAnsweredElsewhere)
		if got, _ := e.s.TestAnswers(e.ctx, test); len(got) != 1 {
			t.Errorf("test holds %d answers, want 1", len(got))
		}
		// Outside a test, a question may be answered again (lessons, reviews).
		e.answer(record.Answer{Learner: l.ID, Question: "q1"})
		e.answer(record.Answer{Learner: l.ID, Question: "q1"})
	})

	t.Run("OrderAndFields", func(t *testing.T) {
		e := newEnv(t, open)
		l := e.learner("Léa", "")
		other := e.learner("Marc", "")
		test := e.test(l.ID, "mail")
		othersTest := e.test(other.ID, "mail")
		at := time.Date(2026, 1, 2, 3, 4, 5, 6e6, time.UTC)
		want := []record.Answer{
			{Learner: l.ID, Question: "q3", Variant: "q3", Given: `{"choix":["b"]}`, Result: record.Incorrect, Test: test,
				Duration: 1500 * time.Millisecond},
			{Learner: l.ID, Question: "q1", Variant: "q1-v", Given: `{"texte":"Bonjour"}`, Result: record.Correct, Test: test,
				Forgiven: []string{"casse", "accents"}, At: at},
			{Learner: l.ID, Question: "q2", Variant: "q2", Given: `null`, Result: record.Skipped, Test: test},
		}
		var ids []record.AnswerID
		for i, a := range want {
			// Answers of others, and outside the test, in between.
			e.answer(record.Answer{Learner: other.ID, Question: fmt.Sprintf("o%d", i), Test: othersTest})
			e.answer(record.Answer{Learner: l.ID, Question: "q1", Lesson: "lecon"})
			a.Forgiven = slices.Clone(a.Forgiven)
			id, err := e.s.RecordAnswer(e.ctx, a)
			if err != nil {
				t.Fatalf("RecordAnswer(%d): %v", i, err)
			}
			if len(a.Forgiven) > 0 {
				a.Forgiven[0] = "changed after" // the store kept its own copy
			}
			if id <= 0 || slices.Contains(ids, id) {
				t.Fatalf("answer id %d: want a new positive id (had %v)", id, ids)
			}
			ids = append(ids, id)
		}
		e.answer(record.Answer{Learner: other.ID, Question: "q9", Test: othersTest})
		got, err := e.s.TestAnswers(e.ctx, test)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Fatalf("TestAnswers: %d answers, want %d", len(got), len(want))
		}
		for i, g := range got {
			w := want[i]
			w.ID = ids[i]
			if g.ID != w.ID || g.Learner != w.Learner || g.Question != w.Question || g.Variant != w.Variant ||
				g.Given != w.Given || g.Result != w.Result || g.Duration != w.Duration || g.Test != w.Test ||
				g.Lesson != w.Lesson || !slices.Equal(g.Forgiven, w.Forgiven) {
				t.Errorf("answer %d:\n got %+v\nwant %+v", i, g, w)
			}
			switch {
			case !w.At.IsZero() && !g.At.Equal(w.At):
				t.Errorf("answer %d: at %v, want %v as given", i, g.At, w.At)
			case g.At.IsZero():
				t.Errorf("answer %d: no time: the store's clock sets it", i)
			}
		}
		// The ids returned are the answers' for good: more writes change
		// nothing of them.
		e.answer(record.Answer{Learner: l.ID, Question: "q4", Test: test})
		again, _ := e.s.TestAnswers(e.ctx, test)
		if len(again) != 4 || again[3].Question != "q4" {
			t.Fatalf("after one more answer: %+v", again)
		}
		for i := range 3 {
			if again[i].ID != ids[i] || again[i].Question != want[i].Question {
				t.Errorf("answer %d is now %+v, was id %d", i, again[i], ids[i])
			}
		}
	})

	t.Run("Concurrent", func(t *testing.T) {
		e := newEnv(t, open)
		const writers, each = 4, 8
		tests := make([]record.TestID, writers)
		learners := make([]record.LearnerID, writers)
		for w := range writers {
			learners[w] = e.learner(fmt.Sprintf("Apprenant %d", w), "").ID
			tests[w] = e.test(learners[w], "mail")
		}
		var wg sync.WaitGroup
		ids := make([][]record.AnswerID, writers)
		errs := make(chan error, writers*each)
		for w := range writers {
			wg.Go(func() {
				for i := range each {
					id, err := e.s.RecordAnswer(e.ctx, record.Answer{Learner: learners[w], Question: fmt.Sprintf("q%d", i),
						Given: "1", Result: record.Correct, Test: tests[w]})
					if err != nil {
						errs <- err
						return
					}
					ids[w] = append(ids[w], id)
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		seen := map[record.AnswerID]bool{}
		for w := range writers {
			got, err := e.s.TestAnswers(e.ctx, tests[w])
			if err != nil || len(got) != each {
				t.Fatalf("test %d: %d answers, %v", w, len(got), err)
			}
			for i, a := range got {
				if a.ID != ids[w][i] || a.Question != fmt.Sprintf("q%d", i) || seen[a.ID] {
					t.Errorf("writer %d answer %d: %+v, want id %d, given once", w, i, a, ids[w][i])
				}
				seen[a.ID] = true
			}
		}
		if st := e.stats(); st["q0"].Answers != writers || st["q0"].Correct != writers {
			t.Errorf("q0 counted %+v, want %d answers", st["q0"], writers)
		}
	})
}

func runTests(t *testing.T, open func(*testing.T) learning.Store) {
	t.Run("Lifecycle", func(t *testing.T) {
		e := newEnv(t, open)
		l := e.learner("Léa", "")
		id, err := e.s.StartTest(e.ctx, l.ID, "mail", 99)
		if err != nil {
			t.Fatal(err)
		}
		_, err = e.s.StartTest(e.ctx, l.ID, " ", 1)
		is(t, "StartTest without competence", err, record.ErrInvalid)
		for _, level := range []int{-1, 5} {
			err := e.s.FinishTestWith(e.ctx, id, record.TestOutcome{Result: record.TestResult{Level: level}})
			is(t, fmt.Sprintf("level %d", level), err, record.ErrInvalid)
		}
		open, _ := e.s.OpenTests(e.ctx, l.ID)
		if len(open) != 1 || open[0].ID != id || open[0].Seed != 99 || open[0].Competence != "mail" || !open[0].Open() {
			t.Fatalf("open tests %+v: want the test, still open after refused results", open)
		}
		r := record.TestResult{Theta: -1.25, SE: 0.5, Level: 0, StopReason: "max_items"}
		is(t, "FinishTestWith", e.s.FinishTestWith(e.ctx, id, record.TestOutcome{Result: r}), nil)
		is(t, "finishing twice", e.s.FinishTestWith(e.ctx, id, record.TestOutcome{Result: r}), record.ErrTestFinished)
		is(t, "abandoning a finished test", e.s.AbandonTest(e.ctx, id), record.ErrTestFinished)
		is(t, "abandoning an unknown test", e.s.AbandonTest(e.ctx, 4242), record.ErrNotFound)
		is(t, "finishing an unknown test", e.s.FinishTestWith(e.ctx, 4242, record.TestOutcome{}), record.ErrNotFound)
		if open, err := e.s.OpenTests(e.ctx, l.ID); err != nil || len(open) != 0 {
			t.Fatalf("open tests after finishing: %+v, %v", open, err)
		}
		left := e.test(l.ID, positioning, "q1", true)
		is(t, "AbandonTest", e.s.AbandonTest(e.ctx, left), nil)
		is(t, "abandoning twice", e.s.AbandonTest(e.ctx, left), record.ErrTestFinished)
		is(t, "finishing an abandoned test", e.s.FinishTestWith(e.ctx, left, record.TestOutcome{Result: r}), record.ErrTestFinished)

		tests := e.state(l.ID).Tests
		if len(tests) != 2 {
			t.Fatalf("tests %+v", tests)
		}
		done, gone := tests[0], tests[1]
		if done.ID != id || done.Open() || done.Abandoned || done.Result == nil || *done.Result != r ||
			done.Seed != 99 || done.Learner != l.ID || done.StartedAt.IsZero() || done.FinishedAt.Before(done.StartedAt) {
			t.Errorf("finished test %+v (result %+v), want result %+v", done, done.Result, r)
		}
		if gone.ID != left || gone.Open() || !gone.Abandoned || gone.Result != nil || gone.Competence != positioning {
			t.Errorf("abandoned test %+v, want closed, abandoned, no result", gone)
		}
		if list, _ := e.s.Learners(e.ctx); list[0].TestsTaken != 1 {
			t.Errorf("tests taken %d, want 1 (abandoned not counted)", list[0].TestsTaken)
		}
	})

	// Rho: a positioning keeps the correlation it started with, open or
	// finished; a test of one competence, and a positioning opened with
	// StartTest, keep none (0: the default).
	t.Run("Rho", func(t *testing.T) {
		e := newEnv(t, open)
		l := e.learner("Léa", "")
		for _, bad := range []float64{0, -0.2, 1, 1.5, math.NaN(), math.Inf(1)} {
			_, err := e.s.StartPositioning(e.ctx, l.ID, 1, bad)
			is(t, fmt.Sprintf("correlation %v", bad), err, record.ErrInvalid)
		}
		_, err := e.s.StartPositioning(e.ctx, 999, 1, 0.5)
		is(t, "an unknown learner", err, record.ErrNotFound)
		if st := e.state(l.ID); len(st.Tests) != 0 {
			t.Fatalf("refused starts left tests: %+v", st.Tests)
		}
		pos, err := e.s.StartPositioning(e.ctx, l.ID, 77, 0.4321)
		if err != nil {
			t.Fatal(err)
		}
		mail, err := e.s.StartTest(e.ctx, l.ID, "mail", 78)
		if err != nil {
			t.Fatal(err)
		}
		old, err := e.s.StartTest(e.ctx, l.ID, positioning, 79)
		if err != nil {
			t.Fatal(err)
		}
		want := map[record.TestID]float64{pos: 0.4321, mail: 0, old: 0}
		check := func(when string, tests []record.Test) {
			t.Helper()
			if len(tests) != len(want) {
				t.Fatalf("%s: %d tests, want %d", when, len(tests), len(want))
			}
			for _, tt := range tests {
				if w, ok := want[tt.ID]; !ok || tt.Rho != w {
					t.Errorf("%s: test %d (%s) has ρ %v, want %v", when, tt.ID, tt.Competence, tt.Rho, w)
				}
			}
			if tests[0].Competence != positioning || tests[0].Seed != 77 {
				t.Errorf("%s: the positioning is %+v", when, tests[0])
			}
		}
		openTests, err := e.s.OpenTests(e.ctx, l.ID)
		if err != nil {
			t.Fatal(err)
		}
		var asTests []record.Test
		for _, o := range openTests {
			asTests = append(asTests, o.Test)
		}
		check("OpenTests", asTests)
		check("LoadState, open", e.state(l.ID).Tests)
		var open []record.Test
		for _, o := range e.state(l.ID).OpenTests {
			open = append(open, o.Test)
		}
		check("LoadState's open tests", open)
		e.finish(pos, 1)
		e.finish(old, 1)
		check("LoadState, finished", e.state(l.ID).Tests)
	})

	t.Run("OpenTests", func(t *testing.T) {
		e := newEnv(t, open)
		l := e.learner("Léa", "")
		other := e.learner("Marc", "")
		first := e.test(l.ID, "mail", "q1", true, "q2", false)
		e.advance(time.Minute)
		e.finish(e.test(l.ID, "mail", "q3", true), 2)
		e.test(other.ID, "mail", "q1", false)
		e.advance(time.Minute)
		second := e.test(l.ID, positioning, "p1", false)
		e.answer(record.Answer{Learner: l.ID, Question: "q1", Lesson: "lecon"})
		e.answer(record.Answer{Learner: l.ID, Question: "q9", Test: first, Result: record.Skipped})
		open, err := e.s.OpenTests(e.ctx, l.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(open) != 2 || open[0].ID != first || open[1].ID != second {
			t.Fatalf("open tests %+v, want %d then %d (oldest first, others' and finished left out)", open, first, second)
		}
		var qs []string
		for _, a := range open[0].Answers {
			qs = append(qs, a.Question)
			if a.Test != first || a.Learner != l.ID {
				t.Errorf("answer %+v in open test %d", a, first)
			}
		}
		if !slices.Equal(qs, []string{"q1", "q2", "q9"}) {
			t.Errorf("answers %v, want in the order given", qs)
		}
		if len(open[1].Answers) != 1 || open[1].Answers[0].Result != record.Incorrect || open[1].Competence != positioning {
			t.Errorf("second open test %+v", open[1])
		}
		st := e.state(l.ID)
		if len(st.OpenTests) != 2 || st.OpenTests[0].ID != first || len(st.OpenTests[0].Answers) != 3 {
			t.Errorf("LoadState's open tests %+v, want as OpenTests", st.OpenTests)
		}
	})

	t.Run("TestDifficulties", func(t *testing.T) {
		e := newEnv(t, open)
		l := e.learner("Léa", "")
		id := e.test(l.ID, "mail", "q1", true)
		// Stored as given, to the bit; N is not kept.
		params := exactParams()
		is(t, "FinishTestWith", e.s.FinishTestWith(e.ctx, id, record.TestOutcome{
			Result: record.TestResult{Level: 1}, Difficulties: params}), nil)
		got, err := e.s.TestDifficulties(e.ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		checkExact(t, got, params)
		// A later calibration does not change what the test used.
		is(t, "SetItemDifficulties", e.s.SetItemDifficulties(e.ctx, calib("q1", 3, 9)), nil)
		got, _ = e.s.TestDifficulties(e.ctx, id)
		checkExact(t, got, params)
	})

	t.Run("TestDifficultiesNone", func(t *testing.T) {
		e := newEnv(t, open)
		l := e.learner("Léa", "")
		done := e.test(l.ID, "mail", "q1", true)
		e.finish(done, 1)
		empty := e.test(l.ID, "mail", "q1", true)
		is(t, "FinishTestWith", e.s.FinishTestWith(e.ctx, empty, record.TestOutcome{Difficulties: calib()}), nil)
		left := e.test(l.ID, "mail", "q2", false)
		is(t, "AbandonTest", e.s.AbandonTest(e.ctx, left), nil)
		open := e.test(l.ID, positioning, "q3", true)
		for _, id := range []record.TestID{done, empty, left, open} {
			if got, err := e.s.TestDifficulties(e.ctx, id); len(got) != 0 || err != nil {
				t.Errorf("test %d: %v, %v; want none", id, got, err)
			}
		}
		_, err := e.s.TestDifficulties(e.ctx, 999)
		is(t, "unknown test", err, record.ErrNotFound)
	})

	t.Run("Exposure", func(t *testing.T) {
		e := newEnv(t, open)
		a := e.learner("Abel", "")
		b := e.learner("Béa", "")
		e.finish(e.test(a.ID, "mail", "q1", true, "q2", false), 2)
		e.test(b.ID, "mail", "q1", true) // open: counts
		left := e.test(b.ID, "mail", "q3", false)
		is(t, "AbandonTest", e.s.AbandonTest(e.ctx, left), nil) // abandoned: counts
		e.test(a.ID, "mail")                                    // asked nothing yet: a test all the same
		e.test(b.ID, "sante", "q1", true, "q9", false)          // another competence
		e.answer(record.Answer{Learner: a.ID, Question: "q2", Lesson: "l"})
		e.answer(record.Answer{Learner: a.ID, Question: "q4"})
		tests, asked, err := e.s.Exposure(e.ctx, "mail")
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]int{"q1": 2, "q2": 1, "q3": 1}
		if tests != 4 || !mapsEqual(asked, want) {
			t.Errorf("Exposure(mail) = %d, %v; want 4, %v", tests, asked, want)
		}
		tests, asked, err = e.s.Exposure(e.ctx, "inconnue")
		if err != nil || tests != 0 || len(asked) != 0 {
			t.Errorf("Exposure(unknown) = %d, %v, %v; want nothing", tests, asked, err)
		}
	})
}

func mapsEqual[K comparable, V comparable](a, b map[K]V) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}
