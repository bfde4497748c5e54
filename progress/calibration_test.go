package progress

import (
	"context"
	"errors"
	"maps"
	"math"
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
	plusOne := func(cur map[string]ItemCalibration) map[string]ItemCalibration {
		out := map[string]ItemCalibration{}
		for q, c := range cur {
			out[q] = ItemCalibration{Difficulty: c.Difficulty + 1, N: c.N + 1}
		}
		return out
	}
	// The parameters the engine used: stored as given, to the bit.
	used := map[string]ItemParams{"q1": {0.1 + 0.2, 1}, "q2": {math.Nextafter(2.5, 3), 1.3}, "q9": {-1.5, 1}}
	cases := []struct {
		name      string
		calibrate func(map[string]ItemCalibration) map[string]ItemCalibration
		params    map[string]ItemParams // nil: used
		wantErr   error
		// want is the calibration stored afterwards; nil: nothing of the
		// test is on disk (still open, no acquis, calibration as before).
		want map[string]ItemCalibration
	}{
		{"each answered question, from its stored calibration", plusOne, nil, nil,
			map[string]ItemCalibration{"q1": {1, 1}, "q2": {3.5, 11}, "other": {-1, 4}}},
		{"no calibration asked", nil, nil, nil,
			map[string]ItemCalibration{"q2": {2.5, 10}, "other": {-1, 4}}},
		{"a question outside the test", func(map[string]ItemCalibration) map[string]ItemCalibration {
			return map[string]ItemCalibration{"other": {0, 5}}
		}, nil, ErrInvalid, nil},
		{"not a number", func(map[string]ItemCalibration) map[string]ItemCalibration {
			return map[string]ItemCalibration{"q1": {math.NaN(), 1}}
		}, nil, ErrInvalid, nil},
		{"a negative count", func(map[string]ItemCalibration) map[string]ItemCalibration {
			return map[string]ItemCalibration{"q1": {0, -1}}
		}, nil, ErrInvalid, nil},
		{"a used difficulty not a number", plusOne, map[string]ItemParams{"q1": {math.Inf(1), 1}}, ErrInvalid, nil},
		{"a used discrimination of 0", plusOne, map[string]ItemParams{"q1": {0, 0}}, ErrInvalid, nil},
		{"a used parameter without a question", plusOne, map[string]ItemParams{"": {0, 1}}, ErrInvalid, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := openTest(t, tempPath(t), nil)
			l := mustLearner(t, s, "Léa", "")
			before := map[string]ItemCalibration{"q2": {2.5, 10}, "other": {-1, 4}}
			if err := s.SetItemDifficulties(ctx, before); err != nil {
				t.Fatal(err)
			}
			// A lesson check counts as an answer, not as calibration data.
			mustAnswer(t, s, Answer{Learner: l.ID, Question: "q1", Lesson: "lecon"})
			id := answeredTest(t, s, l.ID, "mail", "q1", true, "q2", false)
			var seen map[string]ItemCalibration
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
				o.Calibrate = func(cur map[string]ItemCalibration) map[string]ItemCalibration {
					seen = maps.Clone(cur)
					return c.calibrate(cur)
				}
			}
			err := s.FinishTestWith(ctx, id, o)
			if !errors.Is(err, c.wantErr) || (c.wantErr == nil) != (err == nil) {
				t.Fatalf("FinishTestWith: %v, want %v", err, c.wantErr)
			}
			if c.calibrate != nil && c.params == nil { // bad parameters are refused before the transaction
				want := map[string]ItemCalibration{"q1": {}, "q2": {2.5, 10}}
				if !maps.Equal(seen, want) {
					t.Errorf("Calibrate was given %v, want %v", seen, want)
				}
			}
			stats, err := s.ItemStats(ctx)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]ItemCalibration{}
			for q, st := range stats {
				if st.Difficulty != nil {
					got[q] = ItemCalibration{*st.Difficulty, st.CalibratedN}
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
			if c.calibrate != nil && again["q2"].CalibratedN != c.want["q2"].N {
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
		{done, "mail", "q1", true},
		{done, "mail", "q2", false},
		{left, Positioning, "q3", false},
		{skipped, "mail", "q4", false},
	}
	if !slices.Equal(got, want) {
		t.Errorf("CalibrationAnswers:\n got %v\nwant %v", got, want)
	}
}
