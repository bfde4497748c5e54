package storetest

import (
	"math"
	"slices"
	"testing"
	"time"

	"pasapas/learning"
	"pasapas/lessons"
	"pasapas/record"
	"pasapas/scoring"
)

func runItems(t *testing.T, open func(*testing.T) learning.Store) {
	t.Run("ItemStats", func(t *testing.T) {
		e := newEnv(t, open)
		a := e.learner("Léa", "")
		b := e.learner("Marc", "")
		for _, r := range []record.Result{record.Correct, record.Incorrect, record.Skipped} {
			e.answer(record.Answer{Learner: a.ID, Question: "q1", Result: r})
		}
		e.answer(record.Answer{Learner: b.ID, Question: "q1", Result: record.Correct, Lesson: "l"})
		e.answer(record.Answer{Learner: b.ID, Question: "q2", Result: record.Incorrect, Test: e.test(b.ID, "mail")})
		is(t, "SetItemDifficulties", e.s.SetItemDifficulties(e.ctx, calib("q2", 1.25, 7, "q3", -0.5, 0)), nil)
		check := func(q string, answers, correct int, cal *scoring.Calibration) {
			t.Helper()
			it, ok := e.stats()[q]
			if !ok || it.Question != q || it.Answers != answers || it.Correct != correct ||
				(cal == nil) != (it.Calibrated == nil) || (cal != nil && *it.Calibrated != *cal) || it.UpdatedAt.IsZero() {
				t.Errorf("%s: %+v (calibrated %+v), want %d answers, %d correct (\"Je ne sais pas\" is not), calibrated %+v",
					q, it, it.Calibrated, answers, correct, cal)
			}
		}
		check("q1", 4, 2, nil)
		check("q2", 1, 0, &scoring.Calibration{B: 1.25, N: 7})
		check("q3", 0, 0, &scoring.Calibration{B: -0.5, N: 0})
		// Answers after calibration count as answers, not as answers the
		// calibration rests on; no discrimination is kept.
		e.answer(record.Answer{Learner: a.ID, Question: "q2", Result: record.Correct})
		check("q2", 2, 1, &scoring.Calibration{B: 1.25, N: 7})
		is(t, "SetItemDifficulties with A", e.s.SetItemDifficulties(e.ctx,
			map[string]scoring.Calibration{"q2": {B: 2, A: 1.7, N: 8}}), nil)
		check("q2", 2, 1, &scoring.Calibration{B: 2, N: 8})
		for name, bad := range map[string]map[string]scoring.Calibration{
			"no question":      {"": {B: 0, N: 1}},
			"NaN":              {"q1": {B: math.NaN(), N: 1}},
			"infinite":         {"q1": {B: math.Inf(1), N: 1}},
			"negative count":   {"q1": {B: 0, N: -1}},
			"one good one bad": {"q1": {B: 0.5, N: 1}, "q4": {B: math.NaN(), N: 1}},
		} {
			is(t, "SetItemDifficulties("+name+")", e.s.SetItemDifficulties(e.ctx, bad), record.ErrInvalid)
		}
		check("q1", 4, 2, nil) // all or nothing
		if _, ok := e.stats()["q4"]; ok {
			t.Error("a refused calibration left q4")
		}
		is(t, "SetItemDifficulties(nil)", e.s.SetItemDifficulties(e.ctx, nil), nil)
		if n := len(e.stats()); n != 3 {
			t.Errorf("%d questions, want 3", n)
		}
	})

	t.Run("CalibrationAnswers", func(t *testing.T) {
		e := newEnv(t, open)
		a := e.learner("Léa", "")
		b := e.learner("Marc", "")
		done := e.test(a.ID, "mail", "q1", true, "q2", false)
		left := e.test(b.ID, positioning, "q3", false)
		e.test(b.ID, "mail", "q1", true) // still open: not yet
		e.answer(record.Answer{Learner: a.ID, Question: "q5", Test: done})
		e.finish(done, 1)
		is(t, "AbandonTest", e.s.AbandonTest(e.ctx, left), nil)
		e.answer(record.Answer{Learner: a.ID, Question: "q1", Lesson: "lecon"})        // a lesson check
		e.answer(record.Answer{Learner: b.ID, Question: "q2", Result: record.Skipped}) // a review
		skipped := e.test(a.ID, "mail")                                                // "Je ne sais pas"
		e.answer(record.Answer{Learner: a.ID, Question: "q4", Result: record.Skipped, Test: skipped})
		e.finish(skipped, 0)
		got, err := e.s.CalibrationAnswers(e.ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := []record.CalibrationAnswer{
			{Test: done, Competence: "mail", Question: "q1", Correct: true},
			{Test: done, Competence: "mail", Question: "q2", Correct: false},
			{Test: done, Competence: "mail", Question: "q5", Correct: true},
			{Test: left, Competence: positioning, Question: "q3", Correct: false},
			{Test: skipped, Competence: "mail", Question: "q4", Correct: false},
		}
		if !slices.Equal(got, want) {
			t.Errorf("CalibrationAnswers:\n got %v\nwant %v (finished tests only, test by test, in order)", got, want)
		}
	})
}

func runProgress(t *testing.T, open func(*testing.T) learning.Store) {
	t.Run("LessonSteps", func(t *testing.T) {
		e := newEnv(t, open)
		l := e.learner("Léa", "")
		var times []time.Time
		now := func() time.Time {
			if c, ok := e.clk.(interface{ Now() time.Time }); ok {
				return c.Now()
			}
			return time.Time{}
		}
		steps := []record.LessonStep{
			{Lesson: "adresse-mail", Step: 0, Device: lessons.Computer},
			{Lesson: "adresse-mail", Step: 4, Device: lessons.Computer},
			{Lesson: "adresse-mail", Step: 5, Done: true, Device: lessons.Computer},
			{Lesson: "adresse-mail", Step: 1, Device: lessons.IPhone}, // going through it again
			{Lesson: "adresse-mail", Step: 2, Done: false},            // done stays done
			{Lesson: "wifi", Step: 3},
		}
		for _, st := range steps {
			e.advance(time.Minute)
			times = append(times, now())
			is(t, "SaveLessonStep", e.s.SaveLessonStep(e.ctx, l.ID, st), nil)
		}
		for _, bad := range []record.LessonStep{{Lesson: "", Step: 1}, {Lesson: "  "}, {Lesson: "x", Step: -1}, {Lesson: "x", Device: "tablette"}} {
			is(t, "SaveLessonStep(bad)", e.s.SaveLessonStep(e.ctx, l.ID, bad), record.ErrInvalid)
		}
		got := e.state(l.ID).Lessons
		if len(got) != 2 {
			t.Fatalf("lessons %+v, want 2 (refused steps leave nothing)", got)
		}
		p := got["adresse-mail"]
		want := record.LessonProgress{Lesson: "adresse-mail", Step: 2, Furthest: 5, Done: true, Device: ""}
		if p.StartedAt.IsZero() || p.UpdatedAt.Before(p.StartedAt) || p.DoneAt.IsZero() || p.DoneAt.After(p.UpdatedAt) {
			t.Errorf("times: started %v, updated %v, done %v", p.StartedAt, p.UpdatedAt, p.DoneAt)
		}
		if e.clk != nil && (!p.StartedAt.Equal(times[0]) || !p.UpdatedAt.Equal(times[4]) || !p.DoneAt.Equal(times[2])) {
			t.Errorf("times %v %v %v, want started at the first step %v, updated at the last %v, done at the first done %v",
				p.StartedAt, p.UpdatedAt, p.DoneAt, times[0], times[4], times[2])
		}
		p.StartedAt, p.UpdatedAt, p.DoneAt = time.Time{}, time.Time{}, time.Time{}
		if p != want {
			t.Errorf("progress %+v, want %+v", p, want)
		}
		if w := got["wifi"]; w.Step != 3 || w.Furthest != 3 || w.Done || !w.DoneAt.IsZero() {
			t.Errorf("wifi %+v: want step 3, furthest 3, not done", w)
		}
	})

	t.Run("ReviewCards", func(t *testing.T) {
		e := newEnv(t, open)
		l := e.learner("Léa", "")
		other := e.learner("Marc", "")
		due := time.Date(2026, 4, 1, 9, 30, 0, 0, time.UTC)
		c1 := record.ReviewCard{Acquis: "mail-1", Due: due, Stability: 2.5, Difficulty: 5.25, ElapsedDays: 3,
			ScheduledDays: 7, Reps: 2, Lapses: 1, State: 2, LastReview: due.Add(-72 * time.Hour)}
		c2 := record.ReviewCard{Acquis: "mail-2", Stability: 0.4, Difficulty: 6, State: 0} // new: no due, no review
		is(t, "SaveReviewCards", e.s.SaveReviewCards(e.ctx, l.ID, c1, c2), nil)
		is(t, "SaveReviewCards(other)", e.s.SaveReviewCards(e.ctx, other.ID, record.ReviewCard{Acquis: "mail-1", Reps: 9}), nil)
		c2b := c2
		c2b.Due, c2b.Reps, c2b.State, c2b.LastReview = due, 1, 1, due.Add(-time.Hour)
		is(t, "SaveReviewCards(replace)", e.s.SaveReviewCards(e.ctx, l.ID, c2b), nil)
		for name, bad := range map[string][]record.ReviewCard{
			"no acquis":     {{Acquis: " "}},
			"too many days": {{Acquis: "mail-1", ElapsedDays: math.MaxUint64}},
			"too many reps": {{Acquis: "mail-1", Reps: 1 << 63}},
			"one good, one bad": {{Acquis: "mail-3", Reps: 1},
				{Acquis: "mail-1", Lapses: math.MaxUint64}},
		} {
			is(t, "SaveReviewCards("+name+")", e.s.SaveReviewCards(e.ctx, l.ID, bad...), record.ErrInvalid)
		}
		is(t, "SaveReviewCards(none)", e.s.SaveReviewCards(e.ctx, l.ID), nil)
		got := e.state(l.ID).Reviews
		if len(got) != 2 {
			t.Fatalf("cards %+v, want mail-1 and mail-2 (refused batches leave nothing)", got)
		}
		for _, w := range []record.ReviewCard{c1, c2b} {
			g := got[w.Acquis]
			if !g.Due.Equal(w.Due) || !g.LastReview.Equal(w.LastReview) {
				t.Errorf("%s: due %v, last %v; want %v, %v", w.Acquis, g.Due, g.LastReview, w.Due, w.LastReview)
			}
			g.Due, g.LastReview, w.Due, w.LastReview = time.Time{}, time.Time{}, time.Time{}, time.Time{}
			if g != w {
				t.Errorf("card %+v, want %+v", g, w)
			}
		}
		zero := e.state(other.ID).Reviews["mail-1"]
		if zero.Reps != 9 || !zero.Due.IsZero() || !zero.LastReview.IsZero() {
			t.Errorf("other's card %+v: want 9 reps and zero times", zero)
		}
	})
}
