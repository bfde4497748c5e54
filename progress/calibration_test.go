package progress

import (
	"context"
	"errors"
	"maps"
	"math"
	"pasapas/scoring"
	"slices"
	"testing"
)

// answeredTest starts a test for learner, answers it (question, right?, …),
// and returns its id, still open.
func answeredTest(t *testing.T, s *Store, learner LearnerID, comp string, answers ...any) TestID {
	t.Helper()
	id, err := s.StartTest(context.Background(), learner, comp, 1)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < len(answers); i += 2 {
		r := Incorrect
		if answers[i+1].(bool) {
			r = Correct
		}
		mustAnswer(t, s, Answer{Learner: learner, Question: answers[i].(string), Result: r, Test: id})
	}
	return id
}

func TestFinishTestWithCalibration(t *testing.T) {
	ctx := context.Background()
	plusOne := func(cur map[string]scoring.Calibration) map[string]scoring.Calibration {
		out := map[string]scoring.Calibration{}
		for q, c := range cur {
			out[q] = scoring.Calibration{B: c.B + 1, N: c.N + 1}
		}
		return out
	}
	// The parameters the engine used: stored as given, to the bit.
	used := map[string]scoring.Calibration{"q1": {B: 0.1 + 0.2, A: 1}, "q2": {B: math.Nextafter(2.5, 3), A: 1.3}, "q9": {B: -1.5, A: 1}}
	cases := []struct {
		name      string
		calibrate func(map[string]scoring.Calibration) map[string]scoring.Calibration
		params    map[string]scoring.Calibration // nil: used
		wantErr   error
		// want is the calibration stored afterwards; nil: nothing of the
		// test is on disk (still open, no acquis, calibration as before).
		want map[string]scoring.Calibration
	}{
		{"each answered question, from its stored calibration", plusOne, nil, nil,
			map[string]scoring.Calibration{"q1": {B: 1, N: 1}, "q2": {B: 3.5, N: 11}, "other": {B: -1, N: 4}}},
		{"no calibration asked", nil, nil, nil,
			map[string]scoring.Calibration{"q2": {B: 2.5, N: 10}, "other": {B: -1, N: 4}}},
		{"a question outside the test", func(map[string]scoring.Calibration) map[string]scoring.Calibration {
			return map[string]scoring.Calibration{"other": {B: 0, N: 5}}
		}, nil, ErrInvalid, nil},
		{"not a number", func(map[string]scoring.Calibration) map[string]scoring.Calibration {
			return map[string]scoring.Calibration{"q1": {B: math.NaN(), N: 1}}
		}, nil, ErrInvalid, nil},
		{"a negative count", func(map[string]scoring.Calibration) map[string]scoring.Calibration {
			return map[string]scoring.Calibration{"q1": {B: 0, N: -1}}
		}, nil, ErrInvalid, nil},
		{"a used difficulty not a number", plusOne, map[string]scoring.Calibration{"q1": {B: math.Inf(1), A: 1}}, ErrInvalid, nil},
		{"a used discrimination of 0", plusOne, map[string]scoring.Calibration{"q1": {B: 0, A: 0}}, ErrInvalid, nil},
		{"a used parameter without a question", plusOne, map[string]scoring.Calibration{"": {B: 0, A: 1}}, ErrInvalid, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := openTest(t, tempPath(t), nil)
			l := mustLearner(t, s, "Léa", "")
			before := map[string]scoring.Calibration{"q2": {B: 2.5, N: 10}, "other": {B: -1, N: 4}}
			if err := s.SetItemDifficulties(ctx, before); err != nil {
				t.Fatal(err)
			}
			// A lesson check counts as an answer, not as calibration data.
			mustAnswer(t, s, Answer{Learner: l.ID, Question: "q1", Lesson: "lecon"})
			id := answeredTest(t, s, l.ID, "mail", "q1", true, "q2", false)
			var seen map[string]scoring.Calibration
			params := c.params
			if params == nil {
				params = used
			}
			o := TestOutcome{
				Result:       TestResult{Theta: 0.3, SE: 0.5, Level: 2, StopReason: "band"},
				Acquis:       []AcquisState{{Acquis: "a1", Mastery: 0.7, Answers: 2}},
				Difficulties: params,
			}
			if c.calibrate != nil {
				o.Calibrate = func(cur map[string]scoring.Calibration) map[string]scoring.Calibration {
					seen = maps.Clone(cur)
					return c.calibrate(cur)
				}
			}
			err := s.FinishTestWith(ctx, id, o)
			if !errors.Is(err, c.wantErr) || (c.wantErr == nil) != (err == nil) {
				t.Fatalf("FinishTestWith: %v, want %v", err, c.wantErr)
			}
			if c.calibrate != nil && c.params == nil { // bad parameters are refused before the transaction
				want := map[string]scoring.Calibration{"q1": {}, "q2": {B: 2.5, N: 10}}
				if !maps.Equal(seen, want) {
					t.Errorf("Calibrate was given %v, want %v", seen, want)
				}
			}
			stats, err := s.ItemStats(ctx)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]scoring.Calibration{}
			for q, st := range stats {
				if st.Calibrated != nil {
					got[q] = *st.Calibrated
				}
			}
			state, err := s.LoadState(ctx, l.ID)
			if err != nil {
				t.Fatal(err)
			}
			stored, err := s.TestDifficulties(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if c.want == nil {
				if !maps.Equal(got, before) || len(state.OpenTests) != 1 || len(state.Acquis) != 0 || stored != nil {
					t.Errorf("a refused finish left %v, %d open tests, acquis %v, difficulties %v",
						got, len(state.OpenTests), state.Acquis, stored)
				}
				return
			}
			// The parameters the engine used, not the calibration after the
			// test's own step.
			if !maps.Equal(stored, used) {
				t.Errorf("difficulties stored: %v, want %v", stored, used)
			}
			if !maps.Equal(got, c.want) {
				t.Errorf("calibration %v, want %v", got, c.want)
			}
			if len(state.OpenTests) != 0 || len(state.Tests) != 1 || state.Tests[0].Result == nil ||
				state.Tests[0].Result.Level != 2 || state.Acquis["a1"].Mastery != 0.7 {
				t.Errorf("result or acquis not written: %+v", state)
			}
			// Once finished, never again: the answers are counted once.
			if err := s.FinishTestWith(ctx, id, o); !errors.Is(err, ErrTestFinished) {
				t.Errorf("finishing twice: %v", err)
			}
			again, _ := s.ItemStats(ctx)
			if c.calibrate != nil && again["q2"].Calibrated.N != c.want["q2"].N {
				t.Errorf("a refused second finish changed q2: %+v", again["q2"])
			}
		})
	}
}

// TestTestDifficultiesWithout: a test finished without parameters, an
// abandoned one and an open one have none; an unknown test is not found.
func TestTestDifficultiesWithout(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, tempPath(t), nil)
	l := mustLearner(t, s, "Léa", "")
	done := answeredTest(t, s, l.ID, "mail", "q1", true)
	if err := s.FinishTest(ctx, done, TestResult{Level: 1}); err != nil {
		t.Fatal(err)
	}
	left := answeredTest(t, s, l.ID, "mail", "q2", false)
	if err := s.AbandonTest(ctx, left); err != nil {
		t.Fatal(err)
	}
	open := answeredTest(t, s, l.ID, Positioning, "q3", true)
	for _, id := range []TestID{done, left, open} {
		if got, err := s.TestDifficulties(ctx, id); got != nil || err != nil {
			t.Errorf("test %d: %v, %v; want none", id, got, err)
		}
	}
	if _, err := s.TestDifficulties(ctx, 999); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown test: %v", err)
	}
}

func TestCalibrationAnswers(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, tempPath(t), nil)
	a := mustLearner(t, s, "Léa", "")
	b := mustLearner(t, s, "Marc", "")
	done := answeredTest(t, s, a.ID, "mail", "q1", true, "q2", false)
	if err := s.FinishTest(ctx, done, TestResult{Level: 1}); err != nil {
		t.Fatal(err)
	}
	left := answeredTest(t, s, b.ID, Positioning, "q3", false)
	if err := s.AbandonTest(ctx, left); err != nil {
		t.Fatal(err)
	}
	answeredTest(t, s, b.ID, "mail", "q1", true)                             // still open: not yet
	mustAnswer(t, s, Answer{Learner: a.ID, Question: "q1", Lesson: "lecon"}) // a lesson check
	mustAnswer(t, s, Answer{Learner: b.ID, Question: "q2", Result: Skipped}) // a review
	skipped := answeredTest(t, s, a.ID, "mail")                              // finished, "Je ne sais pas"
	mustAnswer(t, s, Answer{Learner: a.ID, Question: "q4", Result: Skipped, Test: skipped})
	if err := s.FinishTest(ctx, skipped, TestResult{Level: 0}); err != nil {
		t.Fatal(err)
	}
	got, err := s.CalibrationAnswers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []CalibrationAnswer{
		{Test: done, Competence: "mail", Question: "q1", Correct: true},
		{Test: done, Competence: "mail", Question: "q2", Correct: false},
		{Test: left, Competence: Positioning, Question: "q3", Correct: false},
		{Test: skipped, Competence: "mail", Question: "q4", Correct: false},
	}
	if !slices.Equal(got, want) {
		t.Errorf("CalibrationAnswers:\n got %v\nwant %v", got, want)
	}
}
